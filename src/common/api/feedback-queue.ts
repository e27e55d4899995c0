/**
 * API shapes of the feedback staff queue, statistics, the province's categories and settings, and the province's
 * overview (owner: the queue part of the feedback module). The DTOs shared by every part are in feedback.ts.
 */
import { z } from 'zod';
import { IsoDate } from './calendar';
import {
  FEEDBACK_STATES,
  FeedbackCategory,
  FeedbackChannel,
  FeedbackKind,
  FeedbackState,
  FeedbackSummary,
} from './feedback';

/** Categories: 1–90 days (the table's check), a key usable as Open311's service_code. */
export const MAX_CATEGORY_DAYS = 90;
const Days = z.number().int().min(1).max(MAX_CATEGORY_DAYS);
const Name = z.string().trim().min(1).max(200);
const Description = z.string().trim().max(2000).nullable().optional();
const ShortText = z.string().trim().max(200).nullable().optional();

export const CategoryKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, { message: 'category_key' });

export const CreateFeedbackCategoryRequest = z.object({
  key: CategoryKey,
  nameVi: Name,
  nameEn: Name,
  descriptionVi: Description,
  descriptionEn: Description,
  kind: FeedbackKind,
  daysKind: z.enum(['working', 'calendar']).default('working'),
  transferDays: Days,
  answerDays: Days,
  approvalRequired: z.boolean().default(false),
  responsibleBody: ShortText,
  assignmentField: ShortText,
  active: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
});
export type CreateFeedbackCategoryRequest = z.infer<typeof CreateFeedbackCategoryRequest>;

/** Any of the fields (the key is fixed: Open311 clients know a category by it) with the version last read. */
export const UpdateFeedbackCategoryRequest = z.object({
  version: z.number().int().min(1),
  nameVi: Name.optional(),
  nameEn: Name.optional(),
  descriptionVi: Description,
  descriptionEn: Description,
  kind: FeedbackKind.optional(),
  daysKind: z.enum(['working', 'calendar']).optional(),
  transferDays: Days.optional(),
  answerDays: Days.optional(),
  approvalRequired: z.boolean().optional(),
  responsibleBody: ShortText,
  assignmentField: ShortText,
  active: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
});
export type UpdateFeedbackCategoryRequest = z.infer<typeof UpdateFeedbackCategoryRequest>;

export const FeedbackCategoryList = z.object({ items: z.array(FeedbackCategory) });

/** The public list: what a citizen chooses from (active categories of the commune's province). */
export const PublicFeedbackCategory = FeedbackCategory.pick({
  id: true,
  key: true,
  nameVi: true,
  nameEn: true,
  descriptionVi: true,
  descriptionEn: true,
  kind: true,
  daysKind: true,
  transferDays: true,
  answerDays: true,
});
export const PublicFeedbackCategoryList = z.object({
  provinceCode: z.string(),
  items: z.array(PublicFeedbackCategory),
});

/** [U] The province's settings (defaults until it sets its own). */
export const FeedbackSettingsInput = z.object({
  /** Working days after the answer's due date before an overdue report goes to the province. */
  provinceEscalationDays: z.number().int().min(1).max(60),
  /** "Due soon": the due date falls within this many working days. */
  dueSoonDays: z.number().int().min(0).max(20),
});
export type FeedbackSettingsInput = z.infer<typeof FeedbackSettingsInput>;

export const FeedbackSettings = FeedbackSettingsInput.extend({
  provinceCode: z.string(),
  /** False while the province runs on the defaults. */
  customised: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type FeedbackSettings = z.infer<typeof FeedbackSettings>;

/** Staff queue filters (list and export). */
export const FEEDBACK_DUE_FILTERS = ['soon', 'overdue'] as const;
export const FeedbackQueueFilters = z.object({
  state: FeedbackState.optional(),
  categoryId: z.string().uuid().optional(),
  channel: FeedbackChannel.optional(),
  due: z.enum(FEEDBACK_DUE_FILTERS).optional(),
  q: z.string().trim().max(200).optional(),
  assignee: z.enum(['me']).optional(),
});
export type FeedbackQueueFilters = z.infer<typeof FeedbackQueueFilters>;

export const FeedbackQueueCounts = z.object({
  byState: z.record(z.enum(FEEDBACK_STATES), z.number().int()),
  open: z.number().int(),
  dueSoon: z.number().int(),
  overdue: z.number().int(),
  mine: z.number().int(),
});
export type FeedbackQueueCounts = z.infer<typeof FeedbackQueueCounts>;

export const FeedbackQueuePage = z.object({
  items: z.array(FeedbackSummary),
  nextCursor: z.string().nullable(),
  counts: FeedbackQueueCounts,
});
export type FeedbackQueuePage = z.infer<typeof FeedbackQueuePage>;

/** Commune statistics over the reports received in [from, to] (local dates, inclusive). */
export const FeedbackStatistics = z.object({
  communeCode: z.string(),
  from: IsoDate,
  to: IsoDate,
  received: z.number().int(),
  /** Answered (answer sent) on or before the answer's due date. */
  answeredOnTime: z.number().int(),
  /** Answered after it. */
  answeredLate: z.number().int(),
  /** Still open and past their due date today. */
  openOverdue: z.number().int(),
  open: z.number().int(),
  rejected: z.number().int(),
  /** Working days from receipt to the answer, averaged over the answered ones (null: none answered). */
  averageWorkingDaysToAnswer: z.number().nullable(),
  byCategory: z.array(
    z.object({
      categoryId: z.string(),
      categoryName: z.string(),
      received: z.number().int(),
      answeredOnTime: z.number().int(),
      answeredLate: z.number().int(),
      open: z.number().int(),
    }),
  ),
  byChannel: z.record(FeedbackChannel, z.number().int()),
  ratings: z.object({
    count: z.number().int(),
    average: z.number().nullable(),
    /** The reporter said it was not resolved. */
    unhappy: z.number().int(),
  }),
});
export type FeedbackStatistics = z.infer<typeof FeedbackStatistics>;

/** The province's queue: reports escalated to it, or overdue in any of its communes. */
export const ProvinceFeedbackPage = z.object({
  items: z.array(FeedbackSummary),
  nextCursor: z.string().nullable(),
});

export const ProvinceFeedbackOverview = z.object({
  provinceCode: z.string(),
  asOf: IsoDate,
  communes: z.array(
    z.object({
      communeCode: z.string(),
      communeName: z.string(),
      open: z.number().int(),
      overdue: z.number().int(),
      escalatedToLeader: z.number().int(),
      escalatedToProvince: z.number().int(),
    }),
  ),
});
export type ProvinceFeedbackOverview = z.infer<typeof ProvinceFeedbackOverview>;
