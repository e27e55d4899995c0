/**
 * API shapes of citizens' feedback and petitions (phản ánh, kiến nghị), server and web. The contract between the
 * feedback module's parts: owners extend their own section, never rename a field others read.
 */
import { z } from 'zod';
import { IsoDate } from './calendar';

export const FEEDBACK_STATES = [
  'received',
  'accepted',
  'rejected',
  'assigned',
  'answer_pending',
  'answered',
  'closed',
  'reopened',
  'split',
  'merged',
  'escalated',
] as const;
export const FeedbackState = z.enum(FEEDBACK_STATES);
export type FeedbackState = z.infer<typeof FeedbackState>;

/** States in which a report is still being handled (counted as open; deadlines run). */
export const OPEN_FEEDBACK_STATES = [
  'received',
  'accepted',
  'assigned',
  'answer_pending',
  'reopened',
  'split',
  'escalated',
] as const satisfies readonly FeedbackState[];

export const FEEDBACK_CHANNELS = ['web', 'counter', 'phone', 'open311'] as const;
export const FeedbackChannel = z.enum(FEEDBACK_CHANNELS);
export type FeedbackChannel = z.infer<typeof FeedbackChannel>;

export const FEEDBACK_KINDS = ['feedback', 'denunciation', 'complaint'] as const;
export const FeedbackKind = z.enum(FEEDBACK_KINDS);
export type FeedbackKind = z.infer<typeof FeedbackKind>;

export const FEEDBACK_ACTIONS = [
  'receive',
  'accept',
  'reject',
  'assign',
  'submit_answer', // answer written, waiting for a leader's approval
  'return_answer', // the leader sends the draft back
  'answer', // answer approved (or needing no approval): sent to the reporter, published unless private
  'edit_public', // the public version edited
  'close',
  'rate', // the reporter: resolved yes/no, rating
  'reopen', // the reporter said it is not resolved
  'split',
  'child_closed',
  'merge',
  'forward', // to another commune
  'escalate', // to the province (by staff)
  'escalate_leader', // overdue: the commune leader warned (system)
  'escalate_province', // overdue beyond the province's days (system)
  'return_from_province', // the province sends it back to the commune
  'due_dates_moved', // holidays recorded
] as const;
export const FeedbackActionKind = z.enum(FEEDBACK_ACTIONS);
export type FeedbackActionKind = z.infer<typeof FeedbackActionKind>;

export const MAX_FEEDBACK_TITLE = 200;
export const MAX_FEEDBACK_CONTENT = 10_000;
export const MAX_FEEDBACK_PLACE = 500;
export const MAX_FEEDBACK_NOTE = 5_000;
/** Photos and files per report. */
export const MAX_FEEDBACK_FILES = 5;
/** Per file; the dossiers' content checks apply (JPEG, PNG, WebP, PDF, DOCX …). */
export const MAX_FEEDBACK_FILE_BYTES = 10 * 1024 * 1024;

/** Vietnam's bounding box (mainland and islands): points outside are refused. */
export const VIETNAM_BOUNDS = { minLat: 8, maxLat: 24, minLng: 102, maxLng: 110 } as const;

export const FeedbackCategory = z.object({
  id: z.string(),
  provinceCode: z.string(),
  key: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  descriptionVi: z.string().nullable(),
  descriptionEn: z.string().nullable(),
  kind: FeedbackKind,
  responsibleBody: z.string().nullable(),
  assignmentField: z.string().nullable(),
  /** working days (default) or calendar days (complaints, [U]) for both deadlines */
  daysKind: z.enum(['working', 'calendar']),
  transferDays: z.number().int(),
  answerDays: z.number().int(),
  approvalRequired: z.boolean(),
  active: z.boolean(),
  sortOrder: z.number().int(),
  version: z.number().int(),
});
export type FeedbackCategory = z.infer<typeof FeedbackCategory>;

export const FeedbackFile = z.object({
  id: z.string(),
  purpose: z.enum(['report', 'answer']),
  name: z.string(),
  contentType: z.string(),
  size: z.number(),
});
export type FeedbackFile = z.infer<typeof FeedbackFile>;

export const FeedbackPlace = z.object({
  text: z.string().nullable(),
  resolved: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
});
export type FeedbackPlace = z.infer<typeof FeedbackPlace>;

/** A row of the staff queue. */
export const FeedbackSummary = z.object({
  id: z.string(),
  code: z.string(),
  communeCode: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  kind: FeedbackKind,
  channel: FeedbackChannel,
  title: z.string(),
  state: FeedbackState,
  receivedAt: z.string(),
  transferDueDate: IsoDate,
  answerDueDate: IsoDate.nullable(),
  /** on_time | due_soon | overdue | done (pure rule of the deadlines module) */
  timeliness: z.enum(['on_time', 'due_soon', 'overdue', 'done']),
  escalationLevel: z.number().int(),
  assigneeName: z.string().nullable(),
  reporterName: z.string().nullable(),
  hasLocation: z.boolean(),
  parentId: z.string().nullable(),
  version: z.number().int(),
});
export type FeedbackSummary = z.infer<typeof FeedbackSummary>;

export const FeedbackActionRow = z.object({
  id: z.string(),
  action: FeedbackActionKind,
  fromState: FeedbackState.nullable(),
  toState: FeedbackState,
  actorKind: z.enum(['official', 'reporter', 'system', 'api']),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  at: z.string(),
});
export type FeedbackActionRow = z.infer<typeof FeedbackActionRow>;

/** The staff's view of one report. */
export const FeedbackDetail = FeedbackSummary.extend({
  provinceCode: z.string(),
  content: z.string(),
  place: FeedbackPlace,
  reporterPhone: z.string().nullable(),
  reporterEmail: z.string().nullable(),
  anonymous: z.boolean(),
  isPrivate: z.boolean(),
  assigneeAccountId: z.string().nullable(),
  assignedBody: z.string().nullable(),
  rejectReason: z.string().nullable(),
  answerText: z.string().nullable(),
  answerPublicText: z.string().nullable(),
  approvalRequired: z.boolean(),
  answeredAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  mergedIntoId: z.string().nullable(),
  /** Reports merged into this one (each reporter is answered with it). */
  merged: z.array(z.object({ id: z.string(), code: z.string(), title: z.string() })),
  children: z.array(z.object({ id: z.string(), code: z.string(), title: z.string(), state: FeedbackState })),
  forwardedFrom: z.string().nullable(),
  resolvedByReporter: z.boolean().nullable(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  reopenCount: z.number().int(),
  files: z.array(FeedbackFile),
  actions: z.array(FeedbackActionRow),
});
export type FeedbackDetail = z.infer<typeof FeedbackDetail>;

/** A published answer on the public list (personal data removed). */
export const PublicFeedback = z.object({
  code: z.string(),
  communeCode: z.string(),
  communeName: z.string(),
  categoryName: z.string(),
  title: z.string(),
  /** The content with personal data masked. */
  content: z.string(),
  placeText: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  state: FeedbackState,
  receivedAt: z.string(),
  answeredAt: z.string().nullable(),
  answer: z.string().nullable(),
});
export type PublicFeedback = z.infer<typeof PublicFeedback>;

/** What the reporter sees on the tracking page (code + phone, e-mail or PIN). */
export const TrackedFeedback = z.object({
  code: z.string(),
  title: z.string(),
  categoryName: z.string(),
  communeName: z.string(),
  state: FeedbackState,
  receivedAt: z.string(),
  answerDueDate: IsoDate.nullable(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  /** The reporter may say whether it is resolved and rate it (answered or closed, not yet rated since). */
  canRate: z.boolean(),
  resolvedByReporter: z.boolean().nullable(),
  rating: z.number().int().nullable(),
  history: z.array(z.object({ action: FeedbackActionKind, toState: FeedbackState, at: z.string() })),
});
export type TrackedFeedback = z.infer<typeof TrackedFeedback>;

/** A similar open report suggested while writing (public: title and place only) or on receipt (staff). */
export const DuplicateSuggestion = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  placeText: z.string().nullable(),
  state: FeedbackState,
  receivedAt: z.string(),
  /** 0–1: trigram similarity of the texts. */
  similarity: z.number(),
  /** Metres between the two points, when both have one. */
  distanceM: z.number().nullable(),
});
export type DuplicateSuggestion = z.infer<typeof DuplicateSuggestion>;
