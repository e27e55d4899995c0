/**
 * Vận hành chính thức: a commune's state in the campaign (no commune_go_live row = preparing) and its cutover.
 * The guard (golive-guard.ts) decides whether the leader may switch; the cutover runs in one transaction.
 */
import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { GoLiveResult, GoLiveView } from '../../../common/api/campaign-golive';
import type { DbOrTx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, fieldError, text } from '../../http/errors';
import { archiveRehearsalDossiers, rehearsalModeOf, setRehearsalModeInTx } from '../dossiers/rehearsal';
import { dossiers } from '../dossiers/schema';
import { meetings } from '../meetings/schema';
import { archiveRehearsalMeetingsInTx } from '../meetings/service';
import { restartSeriesOfYear } from '../numbering/service';
import { todayInVietnam } from '../org/document-format';
import { communes } from '../units/schema';
import { goLiveVerdict, liveFromProblem, validOverrideReason } from './golive-guard';
import { publishedTemplateOf, readinessOfCommunes, recordReadinessSnapshot } from './readiness';
import { communeGoLive } from './schema';
import { settingsOf } from './settings';

export interface GoLiveStatus {
  status: 'preparing' | 'live';
  liveFrom: string | null;
  wentLiveAt: string | null;
}

export async function goLiveStatusOf(db: DbOrTx, communeCodes: string[]): Promise<Map<string, GoLiveStatus>> {
  const out = new Map<string, GoLiveStatus>();
  for (const c of communeCodes) out.set(c, { status: 'preparing', liveFrom: null, wentLiveAt: null });
  if (communeCodes.length === 0) return out;
  const rows = await db.select().from(communeGoLive).where(inArray(communeGoLive.communeCode, communeCodes));
  for (const r of rows)
    out.set(r.communeCode, {
      status: r.status === 'live' ? 'live' : 'preparing',
      liveFrom: r.liveFrom,
      wentLiveAt: r.wentLiveAt?.toISOString() ?? null,
    });
  return out;
}

export async function isCommuneLive(db: DbOrTx, communeCode: string): Promise<boolean> {
  const [row] = await db
    .select({ status: communeGoLive.status })
    .from(communeGoLive)
    .where(eq(communeGoLive.communeCode, communeCode));
  return row?.status === 'live';
}

type GoLiveRow = typeof communeGoLive.$inferSelect;

async function communeOf(db: DbOrTx, communeCode: string) {
  const [row] = await db
    .select({ name: communes.name, provinceCode: communes.provinceCode })
    .from(communes)
    .where(eq(communes.code, communeCode));
  if (!row) throw new AppError('not_found');
  return row;
}

/** Rehearsal meetings and dossiers not yet archived, and the centre's mode: what the cutover will change. */
async function pendingOf(db: DbOrTx, communeCode: string) {
  const [m] = await db
    .select({ n: count() })
    .from(meetings)
    .where(
      and(eq(meetings.communeCode, communeCode), eq(meetings.rehearsal, true), isNull(meetings.archivedAt)),
    );
  const [d] = await db
    .select({ n: count() })
    .from(dossiers)
    .where(
      and(
        eq(dossiers.rehearsal, true),
        isNull(dossiers.archivedAt),
        sql`(${dossiers.communeCode} = ${communeCode} or ${dossiers.receivingCommuneCode} = ${communeCode})`,
      ),
    );
  const mode = await rehearsalModeOf(db, communeCode);
  return {
    rehearsalMeetings: Number(m?.n ?? 0),
    rehearsalDossiers: Number(d?.n ?? 0),
    rehearsalMode: mode.enabled,
  };
}

/** Everything the guard looks at, read in `db` (the cutover's transaction, or the database for the view). */
async function guardState(db: DbOrTx, communeCode: string, row: GoLiveRow | undefined) {
  const commune = await communeOf(db, communeCode);
  const [settings, published, readinessMap] = await Promise.all([
    settingsOf(db, commune.provinceCode),
    publishedTemplateOf(db, commune.provinceCode),
    readinessOfCommunes(db, commune.provinceCode, [communeCode]),
  ]);
  const readiness = readinessMap.get(communeCode) ?? { percent: 0, done: 0, total: 0, blockers: [] };
  const verdict = goLiveVerdict({
    live: row?.status === 'live',
    hasChecklist: !!published,
    percent: readiness.percent,
    threshold: settings.goLiveThreshold,
    blockers: readiness.blockers,
    override: row?.overrideReason ? { reason: row.overrideReason } : null,
  });
  return { commune, settings, readiness, verdict };
}

export async function goLiveView(
  db: DbOrTx,
  communeCode: string,
  abilities: { manage: boolean; province: boolean },
): Promise<GoLiveView> {
  const [row] = await db.select().from(communeGoLive).where(eq(communeGoLive.communeCode, communeCode));
  const { commune, settings, readiness, verdict } = await guardState(db, communeCode, row);
  const live = row?.status === 'live';
  return {
    communeCode,
    communeName: commune.name,
    provinceCode: commune.provinceCode,
    status: live ? 'live' : 'preparing',
    liveFrom: row?.liveFrom ?? null,
    wentLiveAt: row?.wentLiveAt?.toISOString() ?? null,
    wentLiveBy: row?.wentLiveBy ?? null,
    readinessAtCutover: row?.readinessAtCutover != null ? Number(row.readinessAtCutover) : null,
    readiness,
    threshold: settings.goLiveThreshold,
    verdict,
    override: row?.overrideReason
      ? { reason: row.overrideReason, by: row.overrideBy, at: row.overrideAt?.toISOString() ?? null }
      : null,
    pending: await pendingOf(db, communeCode),
    today: todayInVietnam(),
    canGoLive: abilities.manage && verdict.allowed,
    canOverride: abilities.province && !live,
  };
}

const alreadyLive = (liveFrom: string | null) =>
  new AppError(
    'conflict',
    text(
      'Xã đã chuyển sang vận hành chính thức (từ ngày {d}).',
      'The commune is already in official operation (from {d}).',
      { d: liveFrom ?? '' },
    ),
  );

/** Makes sure the commune has a row (preparing) and locks it: two cutovers at once cannot both pass. */
async function lockRow(tx: DbOrTx, communeCode: string, provinceCode: string): Promise<GoLiveRow> {
  await tx
    .insert(communeGoLive)
    .values({ communeCode, provinceCode, status: 'preparing' })
    .onConflictDoNothing({ target: communeGoLive.communeCode });
  const [row] = await tx
    .select()
    .from(communeGoLive)
    .where(eq(communeGoLive.communeCode, communeCode))
    .for('update');
  return row!;
}

/**
 * The province lets a commune go live below the threshold or with open blockers, with its reason (≥ 10
 * characters), audited; the leader still makes the cutover. An empty reason withdraws the override.
 */
export async function setOverride(
  ctx: WriteContext,
  communeCode: string,
  reason: string | null,
): Promise<void> {
  const commune = await communeOf(ctx.db, communeCode);
  const clean = reason?.trim() ?? '';
  if (reason !== null && !validOverrideReason(clean))
    throw fieldError(
      'body.reason',
      'Lý do cần ít nhất 10 ký tự.',
      'The reason needs at least 10 characters.',
    );
  await inTransaction(ctx, async (tx, audit) => {
    const row = await lockRow(tx, communeCode, commune.provinceCode);
    if (row.status === 'live') throw alreadyLive(row.liveFrom);
    const now = new Date();
    await tx
      .update(communeGoLive)
      .set(
        reason === null
          ? { overrideReason: null, overrideBy: null, overrideAt: null, updatedAt: now }
          : { overrideReason: clean, overrideBy: ctx.actor.name, overrideAt: now, updatedAt: now },
      )
      .where(eq(communeGoLive.communeCode, communeCode));
    await audit({
      action: reason === null ? 'campaign.go_live.override.withdraw' : 'campaign.go_live.override',
      entityType: 'commune',
      entityId: communeCode,
      communeCode,
      before: { reason: row.overrideReason },
      after: { reason: reason === null ? null : clean },
    });
  });
}

/**
 * The cutover, in ONE transaction: the guard re-checked on locked data, rehearsal meetings and dossiers archived,
 * the centre's rehearsal mode off, the commune's document number series of this year restarted (the first
 * official document after cutover takes 01), the commune live from `liveFrom` (today or later), today's readiness
 * snapshot, and the audit entry. Anything failing rolls all of it back.
 */
export async function goLive(
  ctx: WriteContext,
  communeCode: string,
  liveFrom: string,
): Promise<Omit<GoLiveResult, keyof GoLiveView>> {
  const today = todayInVietnam();
  if (liveFromProblem(liveFrom, today))
    throw fieldError(
      'body.liveFrom',
      'Ngày vận hành chính thức không được trước hôm nay ({d}).',
      'The date of official operation cannot be before today ({d}).',
      { d: today },
    );
  const commune = await communeOf(ctx.db, communeCode);
  return inTransaction(ctx, async (tx, audit) => {
    const row = await lockRow(tx, communeCode, commune.provinceCode);
    if (row.status === 'live') throw alreadyLive(row.liveFrom);
    const { readiness, settings, verdict } = await guardState(tx, communeCode, row);
    if (!verdict.allowed) {
      const why = verdict.reasons
        .map((r) =>
          r.code === 'below_threshold'
            ? `mức sẵn sàng ${r.percent}% < ${r.threshold}%`
            : r.code === 'blockers_open'
              ? `${r.blockers.length} vướng mắc chưa xử lý`
              : r.code === 'no_checklist'
                ? 'tỉnh chưa ban hành danh mục sẵn sàng'
                : r.code,
        )
        .join('; ');
      throw new AppError(
        'conflict',
        text(
          'Chưa đủ điều kiện vận hành chính thức: {why}. Cần hoàn thành hoặc đề nghị tỉnh cho phép.',
          'Not ready for official operation: {why}. Finish the checklist or ask the province for an override.',
          { why },
        ),
      );
    }
    const now = new Date();
    const meetingsArchived = await archiveRehearsalMeetingsInTx(tx, communeCode, now);
    const dossiersArchived = await archiveRehearsalDossiers(tx, communeCode, now);
    await setRehearsalModeInTx(tx, communeCode, false, ctx.actor.name);
    const year = Number(today.slice(0, 4));
    const series = await restartSeriesOfYear(tx, communeCode, year);
    await tx
      .update(communeGoLive)
      .set({
        status: 'live',
        liveFrom,
        wentLiveAt: now,
        wentLiveBy: ctx.actor.name,
        readinessAtCutover: readiness.percent.toFixed(1),
        updatedAt: now,
      })
      .where(eq(communeGoLive.communeCode, communeCode));
    await recordReadinessSnapshot(tx, communeCode);
    await audit({
      action: 'campaign.go_live',
      entityType: 'commune',
      entityId: communeCode,
      communeCode,
      before: { status: row.status },
      after: {
        status: 'live',
        liveFrom,
        readiness: readiness.percent,
        threshold: settings.goLiveThreshold,
        blockers: readiness.blockers.map((b) => b.itemKey),
        override: verdict.overridden ? { reason: row.overrideReason, by: row.overrideBy } : null,
        archivedMeetings: meetingsArchived.ids,
        archivedDossiers: dossiersArchived.ids,
        restartedSeries: series,
        numberingYear: year,
      },
    });
    return {
      archived: { meetings: meetingsArchived.archived, dossiers: dossiersArchived.archived },
      numbering: { restartedSeries: series.length, year },
    };
  });
}
