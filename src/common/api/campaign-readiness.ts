/**
 * API shapes of the campaign's readiness (mức độ sẵn sàng): the province's settings ([U] values, configurable),
 * its checklist templates (versions: draft → published → superseded) and a commune's answers, evidence and
 * computed readiness, for the server and the web alike.
 */
import { z } from 'zod';
import { IsoDate } from './calendar';

const Line = (min: number, max: number) => z.string().trim().min(min).max(max);

export const ITEM_GROUPS = [
  'premises',
  'equipment',
  'network',
  'seals',
  'staff',
  'catalogue',
  'public_notice',
  'rehearsals',
  'other',
] as const;
export const ItemGroup = z.enum(ITEM_GROUPS);
export type ItemGroup = z.infer<typeof ItemGroup>;
export const AUTO_CHECKS = ['positions_filled', 'catalogue_published', 'rehearsal_held'] as const;
export const AutoCheck = z.enum(AUTO_CHECKS);
export type AutoCheck = z.infer<typeof AutoCheck>;
export const ANSWER_STATUSES = ['not_started', 'in_progress', 'done', 'not_applicable'] as const;
export const AnswerStatus = z.enum(ANSWER_STATUSES);
export type AnswerStatus = z.infer<typeof AnswerStatus>;
export const TemplateStatus = z.enum(['draft', 'published', 'superseded']);
export type TemplateStatus = z.infer<typeof TemplateStatus>;

// ——— settings ———

export const CampaignSettingsInput = z
  .object({
    goLiveThreshold: z.number().int().min(0).max(100),
    receiveDays: z.number().int().min(1).max(60),
    answerDays: z.number().int().min(1).max(120),
    urgentAnswerDays: z.number().int().min(1).max(120),
    officialDate: IsoDate.nullable(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.urgentAnswerDays > s.answerDays)
      ctx.addIssue({ code: 'custom', path: ['urgentAnswerDays'], message: 'urgent_after_normal' });
  });
export type CampaignSettingsInput = z.infer<typeof CampaignSettingsInput>;

export const CampaignSettingsView = z.object({
  provinceCode: z.string(),
  goLiveThreshold: z.number(),
  receiveDays: z.number(),
  answerDays: z.number(),
  urgentAnswerDays: z.number(),
  officialDate: IsoDate.nullable(),
  /** False while the province runs on the defaults. */
  customised: z.boolean(),
  updatedAt: z.string().nullable(),
  /** The [U] defaults (assumptions, not law): shown beside each field. */
  defaults: z.object({
    goLiveThreshold: z.number(),
    receiveDays: z.number(),
    answerDays: z.number(),
    urgentAnswerDays: z.number(),
  }),
});
export type CampaignSettingsView = z.infer<typeof CampaignSettingsView>;

// ——— templates ———

export const ItemKey = z.string().regex(/^[a-z0-9_]{2,40}$/, { message: 'item_key' });

export const TemplateItemInput = z
  .object({
    /** Stable across versions; leave out for a new item (the server gives one). */
    itemKey: ItemKey.optional(),
    groupKey: ItemGroup,
    title: Line(3, 300),
    description: z.string().trim().max(2000).nullable().default(null),
    weight: z.number().int().min(0).max(100),
    owner: z.string().trim().max(200).nullable().default(null),
    dueDate: IsoDate.nullable().default(null),
    blocker: z.boolean().default(false),
    autoCheck: AutoCheck.nullable().default(null),
  })
  .strict();
export type TemplateItemInput = z.input<typeof TemplateItemInput>;

export const MAX_TEMPLATE_ITEMS = 200;

export const SaveTemplateRequest = z
  .object({
    title: Line(3, 300),
    items: z.array(TemplateItemInput).max(MAX_TEMPLATE_ITEMS),
    /** The draft's version as read (optimistic locking). */
    version: z.number().int().min(1),
  })
  .strict();
export type SaveTemplateRequest = z.input<typeof SaveTemplateRequest>;

export const CreateTemplateRequest = z
  .object({
    /** 'published': a copy of the current published version (default when one exists); 'starter': the
     * suggested checklist; 'empty'. */
    from: z.enum(['published', 'starter', 'empty']).optional(),
  })
  .strict();

export const TemplateItem = z.object({
  itemKey: z.string(),
  groupKey: ItemGroup,
  title: z.string(),
  description: z.string().nullable(),
  weight: z.number(),
  owner: z.string().nullable(),
  dueDate: IsoDate.nullable(),
  blocker: z.boolean(),
  autoCheck: AutoCheck.nullable(),
  sortOrder: z.number(),
});
export type TemplateItem = z.infer<typeof TemplateItem>;

export const ReadinessTemplate = z.object({
  id: z.string().uuid(),
  provinceCode: z.string(),
  version: z.number(),
  title: z.string(),
  status: TemplateStatus,
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
  updatedAt: z.string(),
  /** Optimistic-locking version of a draft (its edits count). */
  editVersion: z.number(),
  items: z.array(TemplateItem),
});
export type ReadinessTemplate = z.infer<typeof ReadinessTemplate>;

export const ReadinessTemplateList = z.object({ items: z.array(ReadinessTemplate) });
export type ReadinessTemplateList = z.infer<typeof ReadinessTemplateList>;

// ——— a commune's checklist ———

export const Evidence = z.object({
  fileId: z.string().uuid(),
  name: z.string(),
  contentType: z.string(),
  size: z.number(),
  uploadedAt: z.string(),
  uploadedBy: z.string().nullable(),
});
export type Evidence = z.infer<typeof Evidence>;

export const AutoResult = z.object({ ok: z.boolean(), detail: z.string() });

export const Blocker = z.object({ itemKey: z.string(), title: z.string(), reason: z.string() });
export type Blocker = z.infer<typeof Blocker>;

export const ReadinessFigure = z.object({
  percent: z.number(),
  done: z.number(),
  total: z.number(),
  blockers: z.array(Blocker),
});
export type ReadinessFigure = z.infer<typeof ReadinessFigure>;

export const ChecklistItem = TemplateItem.extend({
  /** The status the computation uses (the records' verdict for auto-checked items). */
  status: AnswerStatus,
  comment: z.string().nullable(),
  /** The commune's own owner and due date, when set (else the template's). */
  answerOwner: z.string().nullable(),
  answerDueDate: IsoDate.nullable(),
  evidence: z.array(Evidence),
  /** 0 while never answered; send it back to update (optimistic locking). */
  answerVersion: z.number(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  auto: AutoResult.nullable(),
  overdue: z.boolean(),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const CommuneReadiness = z.object({
  communeCode: z.string(),
  provinceCode: z.string(),
  template: z.object({ id: z.string().uuid(), version: z.number(), title: z.string() }).nullable(),
  items: z.array(ChecklistItem),
  readiness: ReadinessFigure,
  goLiveThreshold: z.number(),
  /** The commune is live: the checklist is kept as it was, answers are closed. */
  live: z.boolean(),
  canAnswer: z.boolean(),
  today: IsoDate,
});
export type CommuneReadiness = z.infer<typeof CommuneReadiness>;

export const AnswerRequest = z
  .object({
    status: AnswerStatus,
    comment: z.string().trim().max(2000).nullable().default(null),
    owner: z.string().trim().max(200).nullable().default(null),
    dueDate: IsoDate.nullable().default(null),
    /** The answer's version as read (0: never answered). */
    version: z.number().int().min(0),
  })
  .strict();
export type AnswerRequest = z.input<typeof AnswerRequest>;

export const MAX_EVIDENCE_PER_ITEM = 10;
