/**
 * The province's settings of the campaign. None of these values is in law or in domain-vn.md: they are
 * assumptions [U], configurable per province, with these defaults until the province sets its own.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { campaignSettings } from './schema';

export interface CampaignSettings {
  /** [U] Readiness (weighted %, 0–100) a commune must reach before its leader may switch it live. */
  goLiveThreshold: number;
  /** [U] Working days for the province to receive a recommendation after it was sent. */
  receiveDays: number;
  /** [U] Working days for the answer, counted from receipt. */
  answerDays: number;
  /** [U] Working days for the answer to an urgent recommendation, counted from receipt. */
  urgentAnswerDays: number;
  /** The province's planned date of official operation (e.g. 2025-07-01), or none. */
  officialDate: string | null;
}

/** [U] Defaults: assumptions, not rules of law; each province may change them. */
export const DEFAULT_CAMPAIGN_SETTINGS: Readonly<CampaignSettings> = Object.freeze({
  goLiveThreshold: 90,
  receiveDays: 2,
  answerDays: 10,
  urgentAnswerDays: 3,
  officialDate: null,
});

export interface StoredSettings extends CampaignSettings {
  provinceCode: string;
  /** False while the province still runs on the defaults. */
  customised: boolean;
  updatedAt: string | null;
}

export async function settingsOf(db: DbOrTx, provinceCode: string): Promise<StoredSettings> {
  const [row] = await db
    .select()
    .from(campaignSettings)
    .where(eq(campaignSettings.provinceCode, provinceCode));
  if (!row) return { provinceCode, ...DEFAULT_CAMPAIGN_SETTINGS, customised: false, updatedAt: null };
  return {
    provinceCode,
    goLiveThreshold: row.goLiveThreshold,
    receiveDays: row.receiveDays,
    answerDays: row.answerDays,
    urgentAnswerDays: row.urgentAnswerDays,
    officialDate: row.officialDate,
    customised: true,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function saveSettings(
  ctx: WriteContext,
  provinceCode: string,
  input: CampaignSettings,
): Promise<StoredSettings> {
  await inTransaction(ctx, async (tx, audit) => {
    const before = await settingsOf(tx, provinceCode);
    const now = new Date();
    await tx
      .insert(campaignSettings)
      .values({ provinceCode, ...input, updatedAt: now })
      .onConflictDoUpdate({ target: campaignSettings.provinceCode, set: { ...input, updatedAt: now } });
    const { customised: _c, updatedAt: _u, provinceCode: _p, ...was } = before;
    await audit({
      action: 'campaign.settings.update',
      entityType: 'province',
      entityId: provinceCode,
      chain: `province:${provinceCode}`,
      before: was,
      after: input,
    });
  });
  return settingsOf(ctx.db, provinceCode);
}
