/**
 * API shapes of meetings (kỳ họp HĐND, phiên họp UBND, hội nghị Đảng ủy): body settings, meetings, participants,
 * attendance and quorum, agenda, speeches, the member's own list and the public hall screen (server and web).
 * Rule values carry their confidence: 'C' confirmed in law, 'U' a configurable default (domain-vn §6).
 */
import { z } from 'zod';
import { IsoDate } from './calendar';

export const BodyKind = z.enum([
  'council',
  'council_standing',
  'government',
  'party_committee',
  'party_standing_board',
  'party_standing',
  'other',
]);
export type BodyKind = z.infer<typeof BodyKind>;

export const MeetingKind = z.enum([
  'first_session',
  'regular',
  'thematic',
  'extraordinary',
  'regular_monthly',
]);
export type MeetingKind = z.infer<typeof MeetingKind>;

export const MeetingStatus = z.enum(['draft', 'invited', 'in_progress', 'closed', 'cancelled']);
export type MeetingStatus = z.infer<typeof MeetingStatus>;

export const Decision = z.enum(['information', 'opinion', 'open_vote', 'secret_ballot', 'election']);
export type Decision = z.infer<typeof Decision>;

export const VoteSubject = z.enum(['resolution', 'key_matter', 'dismissal', 'confidence', 'procedural']);
export type VoteSubject = z.infer<typeof VoteSubject>;

export const ParticipantRole = z.enum(['member', 'guest']);
export const ParticipantResponse = z.enum(['pending', 'confirmed', 'apologised']);
export const InvitationChannel = z.enum(['app', 'email', 'recorded']);
/** The outbox status of the invitation e-mail ('recorded': no address, handed over and recorded as sent). */
export const InvitationStatus = z.enum(['pending', 'sent', 'failed', 'recorded']);
export const ItemStatus = z.enum(['pending', 'current', 'done']);

// ——— rules ———

export const Confidence = z.enum(['C', 'U']);

export const Threshold = z.object({
  comparison: z.enum(['at_least', 'more_than']),
  numerator: z.number().int().min(1).max(1000),
  denominator: z.number().int().min(1).max(1000),
});
export type Threshold = z.infer<typeof Threshold>;

export const ThresholdRule = z.object({ value: Threshold, confidence: Confidence, source: z.string() });
export const BooleanRule = z.object({ value: z.boolean(), confidence: Confidence, source: z.string() });

export const BodyRules = z.object({
  quorum: ThresholdRule,
  pass: ThresholdRule,
  dismissal: ThresholdRule,
  election: ThresholdRule,
  strictBelow: ThresholdRule,
  strictPass: ThresholdRule,
  chairBreaksTie: BooleanRule,
});
export type BodyRules = z.infer<typeof BodyRules>;

/** A body's own values over the defaults (any subset). */
export const RuleOverrides = z
  .object({
    quorum: Threshold,
    pass: Threshold,
    dismissal: Threshold,
    election: Threshold,
    strictBelow: Threshold,
    strictPass: Threshold,
    chairBreaksTie: z.boolean(),
  })
  .partial()
  .strict();
export type RuleOverrides = z.infer<typeof RuleOverrides>;

/** A body that can meet, with its seats, its members of today and the rules in force. */
export const MeetingBody = z.object({
  bodyId: z.string().uuid(),
  name: z.string(),
  shortName: z.string().nullable(),
  parentId: z.string().nullable(),
  bodyKind: BodyKind,
  /** Document issuer abbreviation for numbering ('HĐND', 'UBND', 'ĐU'). */
  issuer: z.string(),
  /** Seats set by the commune (null: the members of the day count as the seats). */
  seats: z.number().int().nullable(),
  membersToday: z.number().int(),
  vacancies: z.number().int(),
  rules: BodyRules,
  overrides: RuleOverrides,
  meetingKinds: z.array(MeetingKind),
  /** Settings saved (false: defaults only). */
  configured: z.boolean(),
});
export type MeetingBody = z.infer<typeof MeetingBody>;

export const MeetingBodyList = z.object({ items: z.array(MeetingBody) });
export type MeetingBodyList = z.infer<typeof MeetingBodyList>;

export const MeetingBodySettingsRequest = z.object({
  bodyId: z.string().uuid(),
  seats: z.number().int().min(1).max(500).nullable(),
  rules: RuleOverrides.default({}),
});
export type MeetingBodySettingsRequest = z.infer<typeof MeetingBodySettingsRequest>;

// ——— quorum ———

/** Members of the day, seats, present now and the quorum rule with its confidence mark. */
export const QuorumView = z.object({
  seats: z.number().int().nullable(),
  members: z.number().int(),
  vacancies: z.number().int(),
  present: z.number().int(),
  required: z.number().int(),
  reached: z.boolean(),
  rule: ThresholdRule,
});
export type QuorumView = z.infer<typeof QuorumView>;

// ——— meetings ———

export const PersonRef = z.object({ id: z.string().uuid(), fullName: z.string() });

export const Meeting = z.object({
  id: z.string().uuid(),
  communeCode: z.string(),
  bodyId: z.string().uuid(),
  bodyName: z.string(),
  bodyKind: BodyKind,
  kind: MeetingKind,
  title: z.string(),
  meetingDate: z.string(),
  /** Local time of the opening, 'HH:MM' (Asia/Ho_Chi_Minh). */
  startTime: z.string(),
  startsAt: z.string(),
  place: z.string(),
  convener: PersonRef.nullable(),
  chair: PersonRef.nullable(),
  /** Diễn tập: "DIỄN TẬP" on every screen. */
  rehearsal: z.boolean(),
  status: MeetingStatus,
  currentItemId: z.string().uuid().nullable(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  archivedAt: z.string().nullable(),
  archived: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Meeting = z.infer<typeof Meeting>;

export const MeetingSummary = Meeting.extend({
  participants: z.number().int(),
  confirmed: z.number().int(),
  apologised: z.number().int(),
});
export type MeetingSummary = z.infer<typeof MeetingSummary>;

export const MeetingList = z.object({ items: z.array(MeetingSummary), nextCursor: z.string().nullable() });
export type MeetingList = z.infer<typeof MeetingList>;

export const MeetingListQuery = z.object({
  bodyId: z.string().uuid().optional(),
  status: MeetingStatus.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  rehearsal: z.enum(['true', 'false']).optional(),
  /** Include archived rehearsals. */
  archived: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: z.string().max(200).optional(),
});

export type MeetingListQuery = z.input<typeof MeetingListQuery>;

export const Participant = z.object({
  id: z.string().uuid(),
  role: ParticipantRole,
  officialId: z.string().uuid().nullable(),
  fullName: z.string(),
  title: z.string().nullable(),
  hasEmail: z.boolean(),
  response: ParticipantResponse,
  apologyReason: z.string().nullable(),
  respondedAt: z.string().nullable(),
  invitationChannel: InvitationChannel.nullable(),
  invitationStatus: InvitationStatus.nullable(),
  invitedAt: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  leftAt: z.string().nullable(),
  /** Checked in after the opening time. */
  late: z.boolean(),
  /** Checked in and not left. */
  present: z.boolean(),
});
export type Participant = z.infer<typeof Participant>;

export const Speech = z.object({
  id: z.string().uuid(),
  itemId: z.string().uuid(),
  officialId: z.string().uuid().nullable(),
  speakerName: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** Speaking time in seconds (null while speaking). */
  seconds: z.number().int().nullable(),
  running: z.boolean(),
});
export type Speech = z.infer<typeof Speech>;

export const AgendaItem = z.object({
  id: z.string().uuid(),
  meetingId: z.string().uuid(),
  position: z.number().int(),
  title: z.string(),
  presenterId: z.string().uuid().nullable(),
  presenterName: z.string().nullable(),
  plannedMinutes: z.number().int().nullable(),
  decision: Decision,
  subject: VoteSubject.nullable(),
  status: ItemStatus,
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  notes: z.string().nullable(),
  speeches: z.array(Speech),
  /** Total speaking time on the item, seconds (closed speeches). */
  speakingSeconds: z.number().int(),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

export const MeetingDetail = Meeting.extend({
  participants: z.array(Participant),
  agenda: z.array(AgendaItem),
  quorum: QuorumView,
  /** What the caller may do: run the meeting (secretary), and their own participant row if they are one. */
  canManage: z.boolean(),
  myParticipantId: z.string().uuid().nullable(),
});
export type MeetingDetail = z.infer<typeof MeetingDetail>;

const Title = z.string().trim().min(3).max(300);
const Place = z.string().trim().min(2).max(300);
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'time_hh_mm' });

export const CreateMeetingRequest = z.object({
  bodyId: z.string().uuid(),
  kind: MeetingKind,
  title: Title,
  meetingDate: IsoDate,
  startTime: LocalTime,
  place: Place,
  convenerId: z.string().uuid().nullable().default(null),
  chairId: z.string().uuid().nullable().default(null),
  rehearsal: z.boolean().default(false),
});
export type CreateMeetingRequest = z.infer<typeof CreateMeetingRequest>;

export const UpdateMeetingRequest = z
  .object({
    kind: MeetingKind,
    title: Title,
    meetingDate: IsoDate,
    startTime: LocalTime,
    place: Place,
    convenerId: z.string().uuid().nullable(),
    chairId: z.string().uuid().nullable(),
    rehearsal: z.boolean(),
  })
  .partial();
export type UpdateMeetingRequest = z.infer<typeof UpdateMeetingRequest>;

export const GuestRequest = z.object({
  /** An official of the commune, or an outside person by name (and title, e-mail). */
  officialId: z.string().uuid().optional(),
  fullName: z.string().trim().min(2).max(120).optional(),
  title: z.string().trim().min(1).max(200).optional(),
  email: z.string().trim().toLowerCase().email().max(200).optional(),
});

export const InviteRequest = z.object({ guests: z.array(GuestRequest).max(50).default([]) });
export type InviteRequest = z.infer<typeof InviteRequest>;

export const RespondRequest = z.object({
  /** The participant answering; omitted: the caller's own row. The secretary may answer for a member. */
  participantId: z.string().uuid().optional(),
  response: z.enum(['confirmed', 'apologised']),
  /** Required with an apology. */
  reason: z.string().trim().min(1).max(1000).optional(),
});
export type RespondRequest = z.infer<typeof RespondRequest>;

export const AttendanceRequest = z.object({
  participantId: z.string().uuid().optional(),
  action: z.enum(['check_in', 'leave']),
});
export type AttendanceRequest = z.infer<typeof AttendanceRequest>;

export const AgendaItemRequest = z.object({
  title: Title,
  presenterId: z.string().uuid().nullable().default(null),
  presenterName: z.string().trim().min(2).max(120).nullable().default(null),
  plannedMinutes: z.number().int().min(1).max(600).nullable().default(null),
  decision: Decision,
  subject: VoteSubject.nullable().default(null),
});
export type AgendaItemRequest = z.infer<typeof AgendaItemRequest>;

export const AgendaItemPatch = z
  .object({
    title: Title,
    presenterId: z.string().uuid().nullable(),
    presenterName: z.string().trim().min(2).max(120).nullable(),
    plannedMinutes: z.number().int().min(1).max(600).nullable(),
    decision: Decision,
    subject: VoteSubject.nullable(),
    /** Opinions recorded for the minutes. */
    notes: z.string().trim().max(20_000).nullable(),
  })
  .partial();
export type AgendaItemPatch = z.infer<typeof AgendaItemPatch>;

export const ReorderRequest = z.object({ itemIds: z.array(z.string().uuid()).min(1).max(200) });
export type ReorderRequest = z.infer<typeof ReorderRequest>;

export const SpeechRequest = z.object({
  officialId: z.string().uuid().optional(),
  speakerName: z.string().trim().min(2).max(120).optional(),
});
export type SpeechRequest = z.infer<typeof SpeechRequest>;

export const ArchiveRehearsalsResult = z.object({ archived: z.number().int() });
export type ArchiveRehearsalsResult = z.infer<typeof ArchiveRehearsalsResult>;

// ——— member's own view ———

export const MyMeeting = MeetingSummary.extend({
  participantId: z.string().uuid(),
  response: ParticipantResponse,
  apologyReason: z.string().nullable(),
  checkedInAt: z.string().nullable(),
});
export type MyMeeting = z.infer<typeof MyMeeting>;
export const MyMeetings = z.object({ items: z.array(MyMeeting) });
export type MyMeetings = z.infer<typeof MyMeetings>;

// ——— hall screen (public) ———

export const HallView = z.object({
  meetingId: z.string().uuid(),
  title: z.string(),
  bodyName: z.string(),
  meetingDate: z.string(),
  startTime: z.string(),
  place: z.string(),
  rehearsal: z.boolean(),
  status: MeetingStatus,
  archived: z.boolean(),
  currentItem: z
    .object({ id: z.string().uuid(), position: z.number().int(), title: z.string(), decision: Decision })
    .nullable(),
  speaker: z.object({ name: z.string(), startedAt: z.string() }).nullable(),
  seats: z.number().int().nullable(),
  members: z.number().int(),
  present: z.number().int(),
  required: z.number().int(),
  quorumReached: z.boolean(),
  /** The latest closed vote of the meeting and its computed result (as the votes module recorded it). */
  lastVote: z
    .object({
      id: z.string().uuid(),
      itemTitle: z.string(),
      question: z.string(),
      voteType: z.string(),
      outcome: z.string().nullable(),
      result: z.unknown(),
      closedAt: z.string().nullable(),
    })
    .nullable(),
});
export type HallView = z.infer<typeof HallView>;
