/**
 * Request bodies of the staff's handling of a report (POST /api/v1/feedback/:id/actions/<action>) and the assignee
 * picker. Every body carries the version the caller last saw (optimistic locking, as for dossiers).
 */
import { z } from 'zod';
import { MAX_FEEDBACK_CONTENT, MAX_FEEDBACK_NOTE, MAX_FEEDBACK_TITLE } from './feedback';
import { CommuneCodeParam } from './units';

const Version = z.number().int().min(1);
/** A reason or note a person types: not blank, at most MAX_FEEDBACK_NOTE characters. */
const Reason = z.string().trim().min(1).max(MAX_FEEDBACK_NOTE);
const AnswerText = z.string().trim().min(1).max(MAX_FEEDBACK_CONTENT);
const Body = z.string().trim().min(1).max(200);

export const FeedbackVersionBody = z.object({ version: Version }).strict();
export const FeedbackReasonBody = z.object({ version: Version, reason: Reason }).strict();

export const AssignFeedbackBody = z
  .object({
    version: Version,
    /** The official's account; omitted: the default handler of the task assignment; null: the body only. */
    accountId: z.string().uuid().nullable().optional(),
    /** The body (bộ phận) that handles it; defaults to the category's responsible body. */
    body: Body.optional(),
  })
  .strict();

export const AnswerFeedbackBody = z
  .object({
    version: Version,
    text: AnswerText,
    /** The public version; omitted: the answer with personal data masked. */
    publicText: AnswerText.optional(),
  })
  .strict();

export const ApproveFeedbackBody = z.object({ version: Version, publicText: AnswerText.optional() }).strict();
export const EditPublicFeedbackBody = z.object({ version: Version, publicText: AnswerText }).strict();
export const CloseFeedbackBody = z.object({ version: Version, note: Reason.optional() }).strict();

export const SplitFeedbackBody = z
  .object({
    version: Version,
    children: z
      .array(
        z
          .object({
            categoryId: z.string().uuid(),
            title: z.string().trim().min(1).max(MAX_FEEDBACK_TITLE),
            content: z.string().trim().min(1).max(MAX_FEEDBACK_CONTENT),
            assignedBody: Body.optional(),
          })
          .strict(),
      )
      .min(2)
      .max(10),
  })
  .strict();

export const MergeFeedbackBody = z.object({ version: Version, intoId: z.string().uuid() }).strict();
export const ForwardFeedbackBody = z
  .object({ version: Version, communeCode: CommuneCodeParam, reason: Reason })
  .strict();

/** Officials of the commune who may handle a report, and the default one of the task assignment. */
export const FeedbackAssignees = z.object({
  items: z.array(
    z.object({
      accountId: z.string(),
      name: z.string(),
      roles: z.array(z.string()),
    }),
  ),
  /** "Ai phụ trách?": the official in charge of the category's field, when they have an account that may handle. */
  defaultHandler: z.object({ accountId: z.string(), name: z.string(), areaLabel: z.string() }).nullable(),
  /** The field of the task assignment the category names (null: none). */
  assignmentField: z.string().nullable(),
});
export type FeedbackAssignees = z.infer<typeof FeedbackAssignees>;
