/**
 * API shapes of the campaign's recommendations to the province (kiến nghị), the province's inspections (kiểm tra)
 * and their directives (chỉ đạo) to the communes visited (server and web).
 */
import { z } from 'zod';
import { IsoDate } from './calendar';

export const RECOMMENDATION_CATEGORIES = [
  'resources',
  'facilities',
  'personnel',
  'it',
  'legal',
  'other',
] as const;
export const RecommendationCategory = z.enum(RECOMMENDATION_CATEGORIES);
export type RecommendationCategory = z.infer<typeof RecommendationCategory>;
export const RecommendationUrgency = z.enum(['normal', 'urgent']);
export const RECOMMENDATION_STATUSES = [
  'sent',
  'received',
  'assigned',
  'answered',
  'closed',
  'reopened',
] as const;
export const RecommendationStatus = z.enum(RECOMMENDATION_STATUSES);
export type RecommendationStatus = z.infer<typeof RecommendationStatus>;
export const RECOMMENDATION_OUTCOMES = ['resolved', 'partly', 'declined'] as const;
export const RecommendationOutcome = z.enum(RECOMMENDATION_OUTCOMES);
export type RecommendationOutcome = z.infer<typeof RecommendationOutcome>;
export const RECOMMENDATION_ACTIONS = ['send', 'receive', 'assign', 'answer', 'close', 'reopen'] as const;
export const RecommendationActionKind = z.enum(RECOMMENDATION_ACTIONS);
export type RecommendationActionKind = z.infer<typeof RecommendationActionKind>;

export const MAX_REC_TITLE = 300;
export const MAX_REC_CONTENT = 10_000;
export const MAX_REC_REASON = 5_000;
/** Evidence files per recommendation. */
export const MAX_REC_EVIDENCE = 10;

export const EvidenceFile = z.object({
  fileId: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.number(),
});
export type EvidenceFile = z.infer<typeof EvidenceFile>;

export const RecommendationActionRow = z.object({
  id: z.string(),
  action: RecommendationActionKind,
  fromStatus: RecommendationStatus.nullable(),
  toStatus: RecommendationStatus,
  reason: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  actorName: z.string().nullable(),
  at: z.string(),
});
export type RecommendationActionRow = z.infer<typeof RecommendationActionRow>;

export const Recommendation = z.object({
  id: z.string(),
  communeCode: z.string(),
  communeName: z.string().nullable(),
  provinceCode: z.string(),
  trialId: z.string().nullable(),
  category: RecommendationCategory,
  title: z.string(),
  content: z.string(),
  urgency: RecommendationUrgency,
  evidence: z.array(EvidenceFile),
  status: RecommendationStatus,
  department: z.string().nullable(),
  assigneeAccountId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  outcome: RecommendationOutcome.nullable(),
  answer: z.string().nullable(),
  sentAt: z.string(),
  receiveDue: z.string(),
  receivedAt: z.string().nullable(),
  answerDue: z.string().nullable(),
  answeredAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** The due date of the step it waits for now (receipt or answer), or null. */
  currentDue: z.string().nullable(),
  overdue: z.boolean(),
  version: z.number(),
  /** What the caller may do now: receive | assign | answer | close | reopen. */
  allowed: z.array(z.enum(['receive', 'assign', 'answer', 'close', 'reopen'])),
});
export type Recommendation = z.infer<typeof Recommendation>;

export const RecommendationDetail = Recommendation.extend({ actions: z.array(RecommendationActionRow) });
export type RecommendationDetail = z.infer<typeof RecommendationDetail>;

export const NewRecommendation = z.object({
  category: RecommendationCategory,
  title: z.string().trim().min(3).max(MAX_REC_TITLE),
  content: z.string().trim().min(3).max(MAX_REC_CONTENT),
  urgency: RecommendationUrgency.default('normal'),
  trialId: z.string().uuid().nullable().optional(),
});
export type NewRecommendation = z.input<typeof NewRecommendation>;

const Versioned = z.object({ version: z.number().int().min(1) });
export const ReceiveRecommendation = Versioned;
export const AssignRecommendation = Versioned.extend({
  department: z.string().trim().min(2).max(200),
  assigneeAccountId: z.string().uuid().nullable().optional(),
});
export const AnswerRecommendation = Versioned.extend({
  outcome: RecommendationOutcome,
  answer: z.string().trim().min(3).max(MAX_REC_CONTENT),
  /** Required when declined: why the province cannot do it. */
  reason: z.string().trim().max(MAX_REC_REASON).nullable().optional(),
});
export const CloseRecommendation = Versioned.extend({
  note: z.string().trim().max(MAX_REC_REASON).optional(),
});
export const ReopenRecommendation = Versioned.extend({
  reason: z.string().trim().min(3).max(MAX_REC_REASON),
});

export const RecommendationFilters = z.object({
  status: RecommendationStatus.optional(),
  category: RecommendationCategory.optional(),
  commune: z
    .string()
    .regex(/^\d{5}$/)
    .optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** Only those assigned to the caller's own account (the department handler's inbox). */
  mine: z.enum(['true', 'false']).optional(),
});

export const RecommendationList = z.object({ items: z.array(Recommendation) });

/** A province account holding province_department, to assign recommendations to. */
export const DepartmentHandler = z.object({
  accountId: z.string(),
  username: z.string(),
  displayName: z.string(),
});
export const DepartmentHandlerList = z.object({ items: z.array(DepartmentHandler) });

// --- Inspections and directives ---

export const InspectionStatus = z.enum(['planned', 'done', 'cancelled']);
export type InspectionStatus = z.infer<typeof InspectionStatus>;
export const DirectiveStatus = z.enum(['open', 'done']);

export const Directive = z.object({
  id: z.string(),
  inspectionId: z.string(),
  inspectionTitle: z.string(),
  communeCode: z.string(),
  communeName: z.string().nullable(),
  provinceCode: z.string(),
  content: z.string(),
  dueDate: z.string(),
  status: DirectiveStatus,
  doneAt: z.string().nullable(),
  doneNote: z.string().nullable(),
  overdue: z.boolean(),
  version: z.number(),
});
export type Directive = z.infer<typeof Directive>;

export const InspectionVisit = z.object({
  communeCode: z.string(),
  communeName: z.string().nullable(),
  visitedAt: z.string().nullable(),
  findings: z.string().nullable(),
});
export type InspectionVisit = z.infer<typeof InspectionVisit>;

export const InspectionTeam = z.object({
  lead: z.string().trim().min(2).max(200),
  members: z.array(z.string().trim().min(2).max(200)).max(30).default([]),
});

export const Inspection = z.object({
  id: z.string(),
  provinceCode: z.string(),
  title: z.string(),
  plannedDate: z.string(),
  team: z.object({ lead: z.string(), members: z.array(z.string()) }),
  status: InspectionStatus,
  version: z.number(),
  visits: z.array(InspectionVisit),
  directives: z.array(Directive),
  /** Directives done / all, overdue open ones. */
  progress: z.object({ done: z.number(), total: z.number(), overdue: z.number() }),
});
export type Inspection = z.infer<typeof Inspection>;

export const NewInspection = z.object({
  title: z.string().trim().min(3).max(MAX_REC_TITLE),
  plannedDate: IsoDate,
  team: InspectionTeam,
  communeCodes: z
    .array(z.string().regex(/^\d{5}$/))
    .min(1)
    .max(100),
});
export type NewInspection = z.input<typeof NewInspection>;

export const InspectionChange = Versioned.extend({
  title: z.string().trim().min(3).max(MAX_REC_TITLE).optional(),
  plannedDate: IsoDate.optional(),
  team: InspectionTeam.optional(),
  communeCodes: z
    .array(z.string().regex(/^\d{5}$/))
    .min(1)
    .max(100)
    .optional(),
  status: z.enum(['done', 'cancelled']).optional(),
});

export const VisitInput = Versioned.extend({
  /** ISO date-time of the visit. */
  visitedAt: z.string().datetime({ offset: true }).nullable().optional(),
  findings: z.string().trim().max(MAX_REC_CONTENT).nullable().optional(),
});

export const NewDirective = z.object({
  communeCode: z.string().regex(/^\d{5}$/),
  content: z.string().trim().min(3).max(MAX_REC_CONTENT),
  dueDate: IsoDate,
});

export const DirectiveDone = Versioned.extend({ note: z.string().trim().min(3).max(MAX_REC_REASON) });

export const InspectionList = z.object({ items: z.array(Inspection) });
export const DirectiveList = z.object({ items: z.array(Directive) });
