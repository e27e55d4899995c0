/**
 * API shapes of the campaign's trial runs (kế hoạch vận hành thử nghiệm), incidents (sự cố) and lessons learned
 * (bài học kinh nghiệm), for the server and the web alike.
 */
import { z } from 'zod';
import { IsoDate } from './calendar';
import { MeetingKind, MeetingStatus } from './meetings';

const CommuneCode = z.string().regex(/^\d{5}$/, { message: 'commune_code' });
const Version = z.number().int().min(1).max(1_000_000);
/** A point in time with its offset ("2025-06-20T08:30:00+07:00" or "…Z"). */
export const Instant = z.string().datetime({ offset: true });

const Line = (min: number, max: number) => z.string().trim().min(min).max(max);
const Para = (min: number, max: number) => z.string().trim().min(min).max(max);

// ——— trial plans ———

export const HalfDay = z.enum(['morning', 'afternoon', 'all_day']);
export type HalfDay = z.infer<typeof HalfDay>;
export const OneStopMode = z.enum(['none', 'mock', 'real', 'both']);
export type OneStopMode = z.infer<typeof OneStopMode>;
export const TrialStatus = z.enum(['planned', 'held', 'cancelled']);
export type TrialStatus = z.infer<typeof TrialStatus>;

/** What is rehearsed: the HĐND session, the UBND meeting, Party conferences, the one-stop centre. */
export const TrialScope = z
  .object({
    council: z.boolean(),
    government: z.boolean(),
    party: z.boolean(),
    oneStop: OneStopMode,
  })
  .strict();
export type TrialScope = z.infer<typeof TrialScope>;

/** A person of the working group: an official of the commune (by id) or a free name. */
export const GroupPersonInput = z
  .object({
    officialId: z.string().uuid().nullable().default(null),
    name: Line(2, 120).optional(),
    role: Line(1, 120).nullable().optional(),
  })
  .strict();
export type GroupPersonInput = z.input<typeof GroupPersonInput>;

export const WorkingGroupInput = z
  .object({
    leader: GroupPersonInput,
    members: z.array(GroupPersonInput).max(50).default([]),
  })
  .strict();
export type WorkingGroupInput = z.input<typeof WorkingGroupInput>;

export const ObserverInput = z
  .object({ communeCode: CommuneCode, name: Line(2, 120).nullable().optional() })
  .strict();

export const CreateTrialRequest = z
  .object({
    trialDate: IsoDate,
    halfDay: HalfDay,
    scope: TrialScope,
    workingGroup: WorkingGroupInput,
    observers: z.array(ObserverInput).max(30).default([]),
    note: Para(1, 2000).nullable().optional(),
  })
  .strict();
export type CreateTrialRequest = z.input<typeof CreateTrialRequest>;

/** What may change on a planned trial (not its date: that is a move, with a reason). */
export const UpdateTrialRequest = z
  .object({
    version: Version,
    scope: TrialScope.optional(),
    workingGroup: WorkingGroupInput.optional(),
    observers: z.array(ObserverInput).max(30).optional(),
    note: Para(1, 2000).nullable().optional(),
  })
  .strict();
export type UpdateTrialRequest = z.input<typeof UpdateTrialRequest>;

export const MoveTrialRequest = z
  .object({ version: Version, trialDate: IsoDate, halfDay: HalfDay, reason: Para(3, 1000) })
  .strict();
export type MoveTrialRequest = z.input<typeof MoveTrialRequest>;

export const HoldTrialRequest = z.object({ version: Version, summary: Para(10, 20_000) }).strict();
export type HoldTrialRequest = z.input<typeof HoldTrialRequest>;

export const CancelTrialRequest = z.object({ version: Version, reason: Para(3, 1000) }).strict();
export type CancelTrialRequest = z.input<typeof CancelTrialRequest>;

export const GroupPerson = z.object({
  officialId: z.string().uuid().nullable(),
  name: z.string(),
  role: z.string().nullable(),
});
export type GroupPerson = z.infer<typeof GroupPerson>;

export const Observer = z.object({
  communeCode: z.string(),
  communeName: z.string(),
  name: z.string().nullable(),
});

export const TrialSummary = z.object({
  id: z.string().uuid(),
  communeCode: z.string(),
  trialDate: z.string(),
  halfDay: HalfDay,
  scope: TrialScope,
  workingGroup: z.object({ leader: GroupPerson, members: z.array(GroupPerson) }),
  observers: z.array(Observer),
  status: TrialStatus,
  heldAt: z.string().nullable(),
  /** The working group's summary (held). */
  summary: z.string().nullable(),
  /** Why it was cancelled (cancelled). */
  cancelReason: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TrialSummary = z.infer<typeof TrialSummary>;

export const TrialList = z.object({ items: z.array(TrialSummary) });
export type TrialList = z.infer<typeof TrialList>;

export const TrialListQuery = z.object({
  status: TrialStatus.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});

export const TrialHistoryEntry = z.object({
  at: z.string(),
  action: z.string(),
  actorName: z.string(),
  /** For a move: the date and half-day before and after. */
  from: z.object({ trialDate: z.string(), halfDay: HalfDay }).nullable(),
  to: z.object({ trialDate: z.string(), halfDay: HalfDay }).nullable(),
  reason: z.string().nullable(),
});
export type TrialHistoryEntry = z.infer<typeof TrialHistoryEntry>;

export const TrialMeeting = z.object({
  id: z.string().uuid(),
  title: z.string(),
  bodyName: z.string(),
  kind: MeetingKind,
  status: MeetingStatus,
  startTime: z.string(),
  archived: z.boolean(),
});

export const TrialDetail = TrialSummary.extend({
  communeName: z.string(),
  /** What the records show of that day: the commune's rehearsal meetings and the mock dossiers received. */
  rehearsed: z.object({
    meetings: z.array(TrialMeeting),
    mockDossiers: z.object({ count: z.number().int(), codes: z.array(z.string()) }),
  }),
  history: z.array(TrialHistoryEntry),
  incidents: z.object({ open: z.number().int(), total: z.number().int() }),
  lessons: z.number().int(),
});
export type TrialDetail = z.infer<typeof TrialDetail>;

// ——— incidents ———

export const IncidentKind = z.enum(['network', 'equipment', 'software', 'staffing', 'procedure', 'other']);
export type IncidentKind = z.infer<typeof IncidentKind>;
export const IncidentSeverity = z.enum(['low', 'medium', 'high', 'critical']);
export type IncidentSeverity = z.infer<typeof IncidentSeverity>;
export const IncidentStatus = z.enum(['open', 'resolved']);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

export const CreateIncidentRequest = z
  .object({
    kind: IncidentKind,
    severity: IncidentSeverity,
    title: Line(3, 200),
    description: Para(1, 10_000).nullable().optional(),
    occurredAt: Instant,
    /** Who reported it (free text); the caller's name when left out. */
    reportedBy: Line(2, 120).nullable().optional(),
    trialId: z.string().uuid().nullable().optional(),
  })
  .strict();
export type CreateIncidentRequest = z.input<typeof CreateIncidentRequest>;

export const UpdateIncidentRequest = z
  .object({
    version: Version,
    kind: IncidentKind.optional(),
    severity: IncidentSeverity.optional(),
    title: Line(3, 200).optional(),
    description: Para(1, 10_000).nullable().optional(),
    occurredAt: Instant.optional(),
    reportedBy: Line(2, 120).nullable().optional(),
    trialId: z.string().uuid().nullable().optional(),
  })
  .strict();
export type UpdateIncidentRequest = z.input<typeof UpdateIncidentRequest>;

export const ResolveIncidentRequest = z
  .object({
    version: Version,
    /** Who fixed it: a person, a team, the provider. */
    resolvedBy: Line(2, 200),
    resolvedAt: Instant,
    resolution: Para(3, 10_000),
  })
  .strict();
export type ResolveIncidentRequest = z.input<typeof ResolveIncidentRequest>;

export const ReopenIncidentRequest = z.object({ version: Version, reason: Para(3, 1000) }).strict();
export type ReopenIncidentRequest = z.input<typeof ReopenIncidentRequest>;

export const Incident = z.object({
  id: z.string().uuid(),
  communeCode: z.string(),
  trialId: z.string().uuid().nullable(),
  trialDate: z.string().nullable(),
  kind: IncidentKind,
  severity: IncidentSeverity,
  title: z.string(),
  description: z.string().nullable(),
  occurredAt: z.string(),
  reportedBy: z.string().nullable(),
  status: IncidentStatus,
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolution: z.string().nullable(),
  /** Minutes from occurrence to resolution (resolved only). */
  minutesToResolve: z.number().int().nullable(),
  /** Open and high/critical: blocks go-live. */
  blocking: z.boolean(),
  /** Times it was reopened. */
  reopened: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Incident = z.infer<typeof Incident>;

export const IncidentHistoryEntry = z.object({
  at: z.string(),
  action: z.string(),
  actorName: z.string(),
  reason: z.string().nullable(),
});

export const IncidentDetail = Incident.extend({ history: z.array(IncidentHistoryEntry) });
export type IncidentDetail = z.infer<typeof IncidentDetail>;

export const IncidentList = z.object({
  items: z.array(Incident),
  nextCursor: z.string().nullable(),
  /** The commune's open high/critical incidents, whatever the filter (they block go-live). */
  blocking: z.array(z.object({ id: z.string().uuid(), title: z.string(), severity: IncidentSeverity })),
});
export type IncidentList = z.infer<typeof IncidentList>;

export const IncidentListQuery = z.object({
  status: IncidentStatus.optional(),
  severity: IncidentSeverity.optional(),
  kind: IncidentKind.optional(),
  trialId: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: z.string().max(200).optional(),
});
export type IncidentListQuery = z.input<typeof IncidentListQuery>;

// ——— lessons ———

const Tag = z.string().trim().min(1).max(40);

export const CreateLessonRequest = z
  .object({
    title: Line(3, 200),
    body: Para(10, 20_000),
    tags: z.array(Tag).max(10).default([]),
    trialId: z.string().uuid().nullable().optional(),
  })
  .strict();
export type CreateLessonRequest = z.input<typeof CreateLessonRequest>;

export const UpdateLessonRequest = z
  .object({
    title: Line(3, 200).optional(),
    body: Para(10, 20_000).optional(),
    tags: z.array(Tag).max(10).optional(),
    trialId: z.string().uuid().nullable().optional(),
  })
  .strict();
export type UpdateLessonRequest = z.input<typeof UpdateLessonRequest>;

export const Lesson = z.object({
  id: z.string().uuid(),
  communeCode: z.string(),
  communeName: z.string(),
  trialId: z.string().uuid().nullable(),
  trialDate: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Lesson = z.infer<typeof Lesson>;

export const LessonList = z.object({
  items: z.array(Lesson),
  nextCursor: z.string().nullable(),
  /** Every tag used in the scope (for the filter), with its count. */
  tags: z.array(z.object({ tag: z.string(), count: z.number().int() })),
});
export type LessonList = z.infer<typeof LessonList>;

const LessonFilters = {
  /** Words to find, with or without diacritics ("mang noi bo" finds "mạng nội bộ"). */
  q: z.string().max(200).optional(),
  tag: Tag.optional(),
  commune: CommuneCode.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
};

/** A commune's own lessons (scope=commune, default) or all of its province's (scope=province). */
export const CommuneLessonQuery = z.object({
  scope: z.enum(['commune', 'province']).default('commune'),
  ...LessonFilters,
});
export type CommuneLessonQuery = z.input<typeof CommuneLessonQuery>;
export const ProvinceLessonQuery = z.object(LessonFilters);
export type ProvinceLessonQuery = z.input<typeof ProvinceLessonQuery>;

export const Deleted = z.object({ id: z.string().uuid(), deleted: z.literal(true) });

// ——— pure helpers (server and web) ———

/** Whole minutes from occurrence to resolution (never negative), or null while open. */
export function minutesBetween(from: string | Date, to: string | Date | null): number | null {
  if (to === null) return null;
  const ms = new Date(to).getTime() - new Date(from).getTime();
  if (Number.isNaN(ms)) return null;
  return Math.max(0, Math.floor(ms / 60_000));
}

/** "45 phút", "2 giờ 15 phút", "3 ngày 4 giờ" (en: "45 min", "2 h 15 min", "3 d 4 h"). */
export function formatDuration(minutes: number, lang: 'vi' | 'en' = 'vi'): string {
  const u = lang === 'vi' ? { d: 'ngày', h: 'giờ', m: 'phút' } : { d: 'd', h: 'h', m: 'min' };
  const m = Math.max(0, Math.floor(minutes));
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const mins = m % 60;
  if (days > 0) return hours > 0 ? `${days} ${u.d} ${hours} ${u.h}` : `${days} ${u.d}`;
  if (hours > 0) return mins > 0 ? `${hours} ${u.h} ${mins} ${u.m}` : `${hours} ${u.h}`;
  return `${mins} ${u.m}`;
}
