/**
 * Parts of the demo campaign written in bulk (seed/demo-campaign.ts, for a fast first start);
 * demo-campaign.integration.test.ts compares each with the services it stands for:
 * - a commune's checklist answers of the trial day: what answerItem writes for each first answer — the answer row
 *   (version 1), its audit entry, the commune's readiness snapshot of today — in one transaction, with one
 *   snapshot computed after the last answer (answerItem recomputes it after each one; today's snapshot is one row
 *   that the last computation leaves);
 * - a commune's trial plan, created and marked held: what createTrial then holdTrial write, in one transaction
 *   (without the plan's detail each of them reads back for its caller).
 */
import type { AnswerRequest } from '../../../common/api/campaign-readiness';
import type { CreateTrialRequest } from '../../../common/api/campaign-trials';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, fieldError } from '../../http/errors';
import { type AuditedRecord, appendAuditMany } from '../audit/service';
import { todayInVietnam } from '../org/document-format';
import { isCommuneLive } from './golive';
import { publishedTemplateOf, recordReadinessSnapshot } from './readiness';
import { answerValues, provinceOfCommune } from './readiness-answers';
import { readinessAnswers, trialPlans } from './schema';
import { newTrialPlan } from './trials';

/** The commune's first answers to items of the province's published checklist, in order; returns how many. */
export async function writeDemoAnswers(
  ctx: WriteContext,
  communeCode: string,
  answers: readonly { itemKey: string; input: AnswerRequest }[],
): Promise<number> {
  if (!answers.length) return 0;
  const provinceCode = await provinceOfCommune(ctx.db, communeCode);
  const items = new Map((await publishedTemplateOf(ctx.db, provinceCode))?.items.map((i) => [i.itemKey, i]));
  for (const { itemKey, input } of answers) {
    // As answerItem: an item of the published checklist, answered by hand, a blocker not "not applicable".
    const item = items.get(itemKey);
    if (!item || item.autoCheck || input.version !== 0)
      throw fieldError('params.itemKey', 'Mục "{k}" không trả lời được.', 'Item "{k}" cannot be answered.', {
        k: itemKey,
      });
    if (item.blocker && input.status === 'not_applicable')
      throw fieldError('body.status', 'Mục bắt buộc.', 'A blocker item.', {});
  }
  return inTransaction(ctx, async (tx, audit) => {
    if (await isCommuneLive(tx, communeCode)) throw new AppError('conflict');
    const now = new Date();
    const rows = answers.map(({ itemKey, input }) => ({
      communeCode,
      provinceCode,
      itemKey,
      version: 1,
      ...answerValues(input, ctx.actor.name, now),
    }));
    // A row already there (answered before) makes the insert fail, as a version 0 would be refused.
    await tx.insert(readinessAnswers).values(rows);
    await recordReadinessSnapshot(tx, communeCode);
    const records: AuditedRecord[] = rows.map((r) => ({
      by: ctx,
      action: 'campaign.readiness.answer',
      entityType: 'readiness_answer',
      entityId: `${communeCode}:${r.itemKey}`,
      communeCode,
      before: null,
      after: { status: r.status, comment: r.comment, owner: r.owner, dueDate: r.dueDate },
    }));
    await appendAuditMany(tx, records.slice(0, -1));
    const { by: _by, ...last } = records.at(-1)!;
    await audit(last);
    return rows.length;
  });
}

/** The commune's trial plan as createTrial makes it, then held with `summary` as holdTrial marks it; its id. */
export async function writeDemoTrial(
  ctx: WriteContext,
  communeCode: string,
  input: CreateTrialRequest,
  summary: string,
): Promise<string> {
  if (input.trialDate > todayInVietnam()) throw new AppError('conflict');
  const values = await newTrialPlan(ctx.db, communeCode, input, ctx.actor.name);
  const { id } = values;
  await inTransaction(ctx, async (tx, audit) => {
    const now = new Date();
    await tx
      .insert(trialPlans)
      .values({ ...values, status: 'held', heldAt: now, summary, version: 2, updatedAt: now });
    const created = { action: 'campaign.trial.create', entityType: 'trial_plan', entityId: id, communeCode };
    await audit({ ...created, after: values });
    await audit({
      ...created,
      action: 'campaign.trial.hold',
      before: { status: 'planned' },
      after: { status: 'held', heldAt: now.toISOString(), summary },
    });
  });
  return id;
}
