/**
 * The province's settings of feedback handling. Neither value is in law or in domain-vn.md: they are assumptions
 * [U], configurable per province, with the domain's defaults until the province sets its own.
 */
import { eq } from 'drizzle-orm';
import type { FeedbackSettings, FeedbackSettingsInput } from '../../../common/api/feedback-queue';
import type { DbOrTx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { DEFAULT_FEEDBACK_SETTINGS } from './domain/settings';
import { feedbackSettings } from './schema';

export async function feedbackSettingsOf(db: DbOrTx, provinceCode: string): Promise<FeedbackSettings> {
  const [row] = await db
    .select()
    .from(feedbackSettings)
    .where(eq(feedbackSettings.provinceCode, provinceCode));
  if (!row)
    return {
      provinceCode,
      provinceEscalationDays: DEFAULT_FEEDBACK_SETTINGS.provinceEscalationDays,
      dueSoonDays: DEFAULT_FEEDBACK_SETTINGS.dueSoonDays,
      customised: false,
      updatedAt: null,
    };
  return {
    provinceCode,
    provinceEscalationDays: row.provinceEscalationDays,
    dueSoonDays: row.dueSoonDays,
    customised: true,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function saveFeedbackSettings(
  ctx: WriteContext,
  provinceCode: string,
  input: FeedbackSettingsInput,
): Promise<FeedbackSettings> {
  await inTransaction(ctx, async (tx, audit) => {
    const before = await feedbackSettingsOf(tx, provinceCode);
    const now = new Date();
    const values = {
      provinceEscalationDays: input.provinceEscalationDays,
      dueSoonDays: input.dueSoonDays,
      updatedAt: now,
    };
    await tx
      .insert(feedbackSettings)
      .values({ provinceCode, ...values })
      .onConflictDoUpdate({ target: feedbackSettings.provinceCode, set: values });
    await audit({
      action: 'feedback.settings.update',
      entityType: 'province',
      entityId: provinceCode,
      chain: `province:${provinceCode}`,
      before: { provinceEscalationDays: before.provinceEscalationDays, dueSoonDays: before.dueSoonDays },
      after: { provinceEscalationDays: input.provinceEscalationDays, dueSoonDays: input.dueSoonDays },
    });
  });
  return feedbackSettingsOf(ctx.db, provinceCode);
}
