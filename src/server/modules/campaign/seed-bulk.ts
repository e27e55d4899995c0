/**
 * The demo campaign's checklist answers written in bulk (seed/demo-campaign.ts, for a fast first start): what
 * answerItem writes for each of a commune's first answers — the answer row (version 1), its audit entry, the
 * commune's readiness snapshot of today — in one transaction for the commune, with one snapshot computed after the
 * last answer (answerItem recomputes it after each one; today's snapshot is one row that the last computation
 * leaves). demo-campaign.integration.test.ts compares it with answerItem called once per answer.
 */
import type { AnswerRequest } from '../../../common/api/campaign-readiness';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, fieldError } from '../../http/errors';
import { type Audited, writeAudit } from '../feedback/seed-bulk';
import { isCommuneLive } from './golive';
import { publishedTemplateOf, recordReadinessSnapshot } from './readiness';
import { provinceOfCommune } from './readiness-answers';
import { readinessAnswers } from './schema';

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
      status: input.status,
      comment: input.comment || null,
      owner: input.owner || null,
      dueDate: input.dueDate ?? null,
      updatedBy: ctx.actor.name,
      updatedAt: now,
    }));
    // A row already there (answered before) makes the insert fail, as a version 0 would be refused.
    await tx.insert(readinessAnswers).values(rows);
    await recordReadinessSnapshot(tx, communeCode);
    const records: Audited[] = rows.map((r) => ({
      by: ctx,
      action: 'campaign.readiness.answer',
      entityType: 'readiness_answer',
      entityId: `${communeCode}:${r.itemKey}`,
      communeCode,
      before: null,
      after: { status: r.status, comment: r.comment, owner: r.owner, dueDate: r.dueDate },
    }));
    await writeAudit(tx, records.slice(0, -1));
    const { by: _by, ...last } = records.at(-1)!;
    await audit(last);
    return rows.length;
  });
}
