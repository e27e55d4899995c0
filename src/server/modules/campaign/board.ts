/**
 * Bảng tổng hợp vận hành thử nghiệm của tỉnh: one row per commune of the province — its former districts, readiness
 * and blockers (readiness.ts), trials (trials.ts), open incidents by severity, recommendations by state and age
 * (recommendations.ts), open and overdue directives, live or not (golive.ts) — filtered and sorted by what needs
 * help first (board-rules.ts); a commune's own column; readiness over time from the daily snapshots.
 */
import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import {
  type Board,
  type BoardHistory,
  type BoardQuery,
  type BoardRow,
  type CommuneCampaignSummary,
  IncidentSeverity,
  RecommendationState,
} from '../../../common/api/campaign-board';
import type { DbOrTx } from '../../db/database';
import { fieldError } from '../../http/errors';
import { todayInVietnam } from '../org/document-format';
import { communesWithFormerDistricts, getCommune, getProvince } from '../units/service';
import {
  averagePerDay,
  carryForward,
  daysFrom,
  historyRange,
  matchesFilters,
  sortRows,
  totalsOf,
} from './board-rules';
import { goLiveStatusOf } from './golive';
import { BLOCKING_SEVERITIES } from './incidents';
import { readinessOfCommunes } from './readiness';
import { recommendationCounts } from './recommendations';
import { campaignDirectives, campaignIncidents, readinessSnapshots } from './schema';
import { trialsOf } from './trials';

type Severity = IncidentSeverity;
type RecommendationStatus = RecommendationState;
const zeroSeverities = () =>
  Object.fromEntries(IncidentSeverity.options.map((s) => [s, 0])) as Record<Severity, number>;
const zeroStatuses = () =>
  Object.fromEntries(RecommendationState.options.map((s) => [s, 0])) as Record<RecommendationStatus, number>;

/** Open incidents per commune and severity (campaign_incidents). */
async function openIncidentsOf(db: DbOrTx, provinceCode: string, codes: string[]) {
  const rows = await db
    .select({
      communeCode: campaignIncidents.communeCode,
      severity: campaignIncidents.severity,
      n: sql<number>`count(*)::int`,
    })
    .from(campaignIncidents)
    .where(
      and(
        eq(campaignIncidents.provinceCode, provinceCode),
        eq(campaignIncidents.status, 'open'),
        inArray(campaignIncidents.communeCode, [...codes, '']),
      ),
    )
    .groupBy(campaignIncidents.communeCode, campaignIncidents.severity);
  const out = new Map<string, Record<Severity, number>>();
  for (const r of rows) {
    const m = out.get(r.communeCode) ?? zeroSeverities();
    if (r.severity in m) m[r.severity as Severity] += Number(r.n);
    out.set(r.communeCode, m);
  }
  return out;
}

/** Open directives per commune, and those past their due date (campaign_directives). */
async function openDirectivesOf(db: DbOrTx, provinceCode: string, codes: string[], today: string) {
  const rows = await db
    .select({
      communeCode: campaignDirectives.communeCode,
      open: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${campaignDirectives.dueDate} < ${today}))::int`,
    })
    .from(campaignDirectives)
    .where(
      and(
        eq(campaignDirectives.provinceCode, provinceCode),
        eq(campaignDirectives.status, 'open'),
        inArray(campaignDirectives.communeCode, [...codes, '']),
      ),
    )
    .groupBy(campaignDirectives.communeCode);
  return new Map(rows.map((r) => [r.communeCode, { open: Number(r.open), overdue: Number(r.overdue) }]));
}

/** The board's rows of the province (all its communes, or those named), unfiltered and unsorted. */
async function boardRows(
  db: DbOrTx,
  provinceCode: string,
  today: string,
  communeCodes?: string[],
): Promise<BoardRow[]> {
  const list = await communesWithFormerDistricts(db, provinceCode, communeCodes);
  const codes = list.map((c) => c.code);
  if (!codes.length) return [];
  const [readiness, trials, incidents, recommendations, directives, goLive] = await Promise.all([
    readinessOfCommunes(db, provinceCode, codes),
    trialsOf(db, provinceCode),
    openIncidentsOf(db, provinceCode, codes),
    recommendationCounts(db, provinceCode, today),
    openDirectivesOf(db, provinceCode, codes, today),
    goLiveStatusOf(db, codes),
  ]);
  return list.map((c): BoardRow => {
    const r = readiness.get(c.code);
    const bySeverity = incidents.get(c.code) ?? zeroSeverities();
    const recs = recommendations.get(c.code);
    const byStatus = { ...zeroStatuses(), ...recs?.byStatus };
    const live = goLive.get(c.code);
    return {
      code: c.code,
      name: c.name,
      formerDistricts: c.formerDistricts,
      readiness: {
        percent: r && r.total > 0 ? r.percent : null,
        done: r?.done ?? 0,
        total: r?.total ?? 0,
        blockers: r?.blockers.length ?? 0,
        blockerTitles: (r?.blockers ?? []).map((b) => b.title),
      },
      trials: trials.get(c.code) ?? { planned: 0, held: 0, next: null, lastHeld: null },
      incidents: {
        open: Object.values(bySeverity).reduce((s, n) => s + n, 0),
        bySeverity,
        blocking: BLOCKING_SEVERITIES.reduce((s, k) => s + bySeverity[k], 0),
      },
      recommendations: {
        byStatus,
        open: Object.entries(byStatus).reduce((s, [k, n]) => (k === 'closed' ? s : s + n), 0),
        overdue: recs?.overdue ?? 0,
        oldestOpenDays: recs?.oldestOpenDays ?? null,
      },
      directives: directives.get(c.code) ?? { open: 0, overdue: 0 },
      goLive: {
        status: live?.status ?? 'preparing',
        liveFrom: live?.liveFrom ?? null,
        wentLiveAt: live?.wentLiveAt ?? null,
      },
    };
  });
}

/** The province's board: every commune, the filters applied, sorted by what needs help, with totals. */
export async function provinceBoard(
  db: DbOrTx,
  provinceCode: string,
  query: BoardQuery,
  now: Date = new Date(),
): Promise<Board> {
  const province = await getProvince(db, provinceCode);
  const today = todayInVietnam(now);
  const all = await boardRows(db, provinceCode, today);
  const rows = sortRows(
    all.filter((r) => matchesFilters(r, query)),
    query.sort,
  );
  return {
    province: { code: province.code, name: province.name },
    asOf: today,
    districts: [...new Set(all.flatMap((r) => r.formerDistricts))].sort((a, b) => a.localeCompare(b, 'vi')),
    communeCount: all.length,
    totals: totalsOf(rows),
    rows,
  };
}

/** A commune's own column of its province's board. */
export async function communeCampaignSummary(
  db: DbOrTx,
  communeCode: string,
  now: Date = new Date(),
): Promise<CommuneCampaignSummary> {
  const commune = await getCommune(db, communeCode);
  const today = todayInVietnam(now);
  const [row] = await boardRows(db, commune.province.code, today, [communeCode]);
  return { ...row!, province: commune.province, asOf: today };
}

/**
 * Readiness over time (readiness_snapshots): per commune with a snapshot on or before `to`, one value per day (the
 * last snapshot carried forward), and the province average of the communes that have a value that day.
 */
export async function boardHistory(
  db: DbOrTx,
  provinceCode: string,
  range: { from?: string; to?: string },
  now: Date = new Date(),
): Promise<BoardHistory> {
  await getProvince(db, provinceCode);
  const r = historyRange(todayInVietnam(now), range.from, range.to);
  if ('error' in r)
    throw r.error === 'from_after_to'
      ? fieldError(
          'query.from',
          'Ngày bắt đầu phải trước ngày kết thúc.',
          'The start must not be after the end.',
        )
      : fieldError('query.from', 'Chỉ xem được tối đa một năm.', 'At most one year can be shown.');
  const s = readinessSnapshots;
  // Each commune's last snapshot before the range (to start its line), then every snapshot inside the range.
  const [before, inside, names] = await Promise.all([
    db
      .select({ communeCode: s.communeCode, day: sql<string>`max(${s.day})::text` })
      .from(s)
      .where(and(eq(s.provinceCode, provinceCode), sql`${s.day} < ${r.from}`))
      .groupBy(s.communeCode),
    db
      .select({ communeCode: s.communeCode, day: s.day, percent: s.percent })
      .from(s)
      .where(and(eq(s.provinceCode, provinceCode), gte(s.day, r.from), lte(s.day, r.to)))
      .orderBy(asc(s.day)),
    communesWithFormerDistricts(db, provinceCode),
  ]);
  const starts = before.length
    ? await db
        .select({ communeCode: s.communeCode, day: s.day, percent: s.percent })
        .from(s)
        .where(
          and(
            eq(s.provinceCode, provinceCode),
            sql`(${s.communeCode}, ${s.day}) in (${sql.join(
              before.map((b) => sql`(${b.communeCode}, ${b.day}::date)`),
              sql`, `,
            )})`,
          ),
        )
    : [];
  const points = new Map<string, { day: string; percent: number }[]>();
  for (const p of [...starts, ...inside]) {
    const list = points.get(p.communeCode) ?? [];
    list.push({ day: String(p.day), percent: Number(p.percent) });
    points.set(p.communeCode, list);
  }
  const days = daysFrom(r.from, r.to);
  const communes = names
    .filter((c) => points.has(c.code))
    .map((c) => ({ code: c.code, name: c.name, values: carryForward(days, points.get(c.code)!) }));
  const averages = averagePerDay(
    days,
    communes.map((c) => c.values),
  );
  return {
    from: r.from,
    to: r.to,
    days: days.map((day, i) => ({ day, average: averages[i] ?? null })),
    communes,
  };
}
