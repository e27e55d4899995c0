/**
 * The commune's dossier dashboard (bảng điều hành): the month's figures, the month before, by procedure and by
 * official, satisfaction, digitisation, and the anti-backlog list. SQL aggregates over the dossiers projection
 * only (no history replay), mirroring domain/statistics.ts clause by clause; the integration test checks that
 * the two agree on every dossier.
 *
 * Indexes the queries want (for the benchmark, migration 0006): the month reads
 * `commune_code = ? AND received_at < end AND (coalesce(resolved_at, closed_at) IS NULL OR … >= start)`, so
 * (commune_code, coalesce(resolved_at, closed_at)) beside the existing (commune_code, received_at, id); the
 * anti-backlog reads open dossiers by due date: (commune_code, due_date) WHERE resolved_at IS NULL AND
 * closed_at IS NULL; digitisation uses the existing (receiving_commune_code, received_at).
 */
import { and, asc, eq, gte, isNotNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { AppError, fieldError } from '../../http/errors';
import { getAccount } from '../auth/accounts';
import { getCalendar } from '../calendar/service';
import type { WorkingCalendar } from '../calendar/working-days';
import { backlogConditions, officialOnly } from './backlog-sql';
import { type DossierStatus, localDate, WAITING_STATUSES } from './domain';
import {
  addTallies,
  backlogStanding,
  emptyTally,
  isMonth,
  type Month,
  monthOf,
  monthPeriod,
  type Period,
  previousMonth,
  ratesOf,
  shareOf,
  TALLY_KEYS,
  type Tally,
} from './domain/statistics';
import { dossierAttachments, dossierRatings, dossiers } from './schema';

export const BACKLOG_LIMIT = 50;

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const count = (condition: SQL) => sql<number>`(count(*) filter (where ${condition}))::int`;

/** The columns of the month's tally (domain/statistics.ts classify), per group. */
function tallyColumns(p: Period): Record<keyof Tally, SQL<number>> {
  const d = dossiers;
  const today = localDate(p.asOf);
  const finished = sql`coalesce(${d.resolvedAt}, ${d.closedAt})`;
  const started = sql`${d.dueDate} is not null`;
  const closedIn = sql`${d.closedAt} < ${ts(p.end)}`;
  const resolvedIn = sql`${started} and ${d.resolvedAt} < ${ts(p.end)}`;
  // sla.ts resolvedOnTime: the local (UTC+7) date the result was ready, on or before the due date, no apology.
  const onTime = sql`(not ${d.lateAcknowledged} and ((${d.resolvedAt} at time zone 'UTC') + interval '7 hours')::date <= ${d.dueDate})`;
  const inProgress = sql`${started} and (${finished} is null or ${finished} >= ${ts(p.end)})`;
  const waiting = sql`${d.status} in (${sql.join(
    WAITING_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  )})`;
  return {
    carriedOver: count(sql`${started} and ${d.receivedAt} < ${ts(p.start)}`),
    received: count(sql`${started} and ${d.receivedAt} >= ${ts(p.start)}`),
    resolved: count(resolvedIn),
    resolvedOnTime: count(sql`${resolvedIn} and ${onTime}`),
    resolvedLate: count(sql`${resolvedIn} and not ${onTime}`),
    inProgress: count(inProgress),
    // sla.ts countsAsLate: an apology, or past the due date — except while the clock waits for the applicant.
    inProgressLate: count(
      sql`${inProgress} and (${d.lateAcknowledged} or (not ${waiting} and ${d.dueDate} < ${today}::date))`,
    ),
    waiting: count(sql`${inProgress} and ${waiting}`),
    withdrawn: count(sql`${closedIn} and ${d.status} = 'withdrawn'`),
    refused: count(sql`${closedIn} and ${d.status} = 'refused'`),
    transferred: count(sql`${closedIn} and ${d.status} = 'transferred'`),
  };
}

/** Dossiers of the commune that belong to the period: received before its end, not finished before its start. */
const inPeriod = (communeCode: string, p: Period) =>
  and(
    eq(dossiers.communeCode, communeCode),
    officialOnly,
    lt(dossiers.receivedAt, p.end),
    sql`(coalesce(${dossiers.resolvedAt}, ${dossiers.closedAt}) is null or coalesce(${dossiers.resolvedAt}, ${dossiers.closedAt}) >= ${ts(p.start)})`,
  );

interface GroupRow extends Tally {
  procedureId: string;
  procedureName: string;
  assigneeId: string | null;
}

/** One query per month: the tally per (procedure, assignee); totals and breakdowns are sums of these rows. */
async function monthGroups(db: Db, communeCode: string, p: Period): Promise<GroupRow[]> {
  const rows = await db
    .select({
      procedureId: dossiers.procedureId,
      procedureName: sql<string>`max(${dossiers.procedureName})`,
      assigneeId: dossiers.assigneeId,
      ...tallyColumns(p),
    })
    .from(dossiers)
    .where(inPeriod(communeCode, p))
    .groupBy(dossiers.procedureId, dossiers.assigneeId);
  return rows.map((r) => {
    const t = emptyTally();
    for (const k of TALLY_KEYS) t[k] = Number(r[k]);
    return { ...t, procedureId: r.procedureId, procedureName: r.procedureName, assigneeId: r.assigneeId };
  });
}

const tallyOf = (r: Tally): Tally => addTallies(emptyTally(), r);
const figures = (t: Tally) => ({ ...t, ...ratesOf(t) });
const isEmpty = (t: Tally) => TALLY_KEYS.every((k) => t[k] === 0);
const lateOf = (t: Tally) => t.inProgressLate + t.resolvedLate;

/** Sums the rows by a key; the worst first (most late), then the busiest. */
function groupBy<K extends string | null>(rows: GroupRow[], key: (r: GroupRow) => K) {
  const sums = new Map<K, { first: GroupRow; tally: Tally }>();
  for (const r of rows) {
    const k = key(r);
    const seen = sums.get(k);
    if (seen) seen.tally = addTallies(seen.tally, r);
    else sums.set(k, { first: r, tally: tallyOf(r) });
  }
  return [...sums.values()]
    .filter((s) => !isEmpty(s.tally))
    .sort(
      (a, b) =>
        lateOf(b.tally) - lateOf(a.tally) ||
        b.tally.carriedOver + b.tally.received - (a.tally.carriedOver + a.tally.received),
    );
}

/** Đánh giá hài lòng given in the period: in all, and per official who returned the result (ratings are kept with them). */
async function satisfactionOf(db: Db, communeCode: string, p: Period) {
  const rows = await db
    .select({
      rating: dossierRatings.rating,
      returnedBy: dossierRatings.returnedBy,
      n: sql<number>`count(*)::int`,
    })
    .from(dossierRatings)
    .where(
      and(
        eq(dossierRatings.communeCode, communeCode),
        // A rating of a mock dossier (a trial day's rehearsal) is not a citizen's.
        sql`not exists (select 1 from ${dossiers} where ${dossiers.id} = ${dossierRatings.dossierId} and ${dossiers.rehearsal})`,
        gte(dossierRatings.createdAt, p.start),
        lt(dossierRatings.createdAt, p.end),
      ),
    )
    .groupBy(dossierRatings.rating, dossierRatings.returnedBy);
  const count = (of: typeof rows, r: string) =>
    of.filter((x) => x.rating === r).reduce((sum, x) => sum + Number(x.n), 0);
  const counts = (of: typeof rows) => ({
    satisfied: count(of, 'satisfied'),
    neutral: count(of, 'neutral'),
    unsatisfied: count(of, 'unsatisfied'),
  });
  const officials = [...new Set(rows.map((r) => r.returnedBy))];
  return {
    total: counts(rows),
    byOfficial: officials.map((id) => ({
      accountId: id,
      ...counts(rows.filter((r) => r.returnedBy === id)),
    })),
  };
}

/**
 * Tỷ lệ số hóa hồ sơ: of the dossiers this commune's counter received in the month (the receiving centre
 * scans them, whichever commune is competent), those with at least one document digitised at the counter.
 */
async function digitisationOf(db: Db, communeCode: string, p: Period) {
  const digitised = sql`exists (select 1 from ${dossierAttachments} where ${dossierAttachments.dossierId} = ${dossiers.id} and ${dossierAttachments.digitised})`;
  const [row] = await db
    .select({ counterReceived: sql<number>`count(*)::int`, digitised: count(digitised) })
    .from(dossiers)
    .where(
      and(
        eq(dossiers.receivingCommuneCode, communeCode),
        officialOnly,
        eq(dossiers.channel, 'counter'),
        isNotNull(dossiers.dueDate),
        gte(dossiers.receivedAt, p.start),
        lt(dossiers.receivedAt, p.end),
      ),
    );
  const counterReceived = Number(row?.counterReceived ?? 0);
  const n = Number(row?.digitised ?? 0);
  return { counterReceived, digitised: n, rate: shareOf(n, counterReceived) };
}

/** Chống ùn tắc hồ sơ: overdue and due within 1 working day, oldest risk first, bounded, with the totals. */
async function backlogOf(db: Db, communeCode: string, now: Date, calendar: WorkingCalendar) {
  // The same conditions as the overdue and due-soon queues (backlog-sql.ts): their counts agree.
  const { overdue, dueSoon, either } = backlogConditions(now, calendar);
  const where = and(eq(dossiers.communeCode, communeCode), officialOnly, either);
  const [totals] = await db
    .select({ overdue: count(overdue), dueSoon: count(dueSoon) })
    .from(dossiers)
    .where(where);
  const rows = await db
    .select()
    .from(dossiers)
    .where(where)
    .orderBy(asc(dossiers.dueDate), asc(dossiers.receivedAt), asc(dossiers.id))
    .limit(BACKLOG_LIMIT);
  const items = rows.flatMap((r) => {
    const standing = backlogStanding({ ...r, status: r.status as DossierStatus }, now, calendar);
    if (!standing) return [];
    return [
      {
        id: r.id,
        code: r.code,
        procedureName: r.procedureName,
        applicantName: r.applicantFullName,
        status: r.status,
        holderId: r.assigneeId,
        dueDate: standing.dueDate,
        level: standing.level,
        daysLate: standing.daysLate,
      },
    ];
  });
  return { overdue: Number(totals?.overdue ?? 0), dueSoon: Number(totals?.dueSoon ?? 0), items };
}

/** Display names of accounts, through the auth module (a handful per commune: one look-up each). */
async function displayNames(db: Db, ids: (string | null)[]): Promise<Map<string, string | null>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  const names = await Promise.all(
    unique.map(async (id) => {
      try {
        return [id, (await getAccount(db, id)).displayName] as const;
      } catch (e) {
        if (e instanceof AppError && e.code === 'not_found') return [id, null] as const;
        throw e;
      }
    }),
  );
  return new Map(names);
}

function checkedMonth(month: string | undefined, now: Date): Month {
  const current = monthOf(now);
  if (month === undefined) return current;
  if (!isMonth(month)) {
    throw fieldError('query.month', 'Tháng phải có dạng YYYY-MM.', 'The month must be written YYYY-MM.');
  }
  if (month > current) {
    throw fieldError('query.month', 'Tháng {m} chưa bắt đầu.', 'The month {m} has not begun yet.', {
      m: month,
    });
  }
  return month;
}

export interface DashboardOptions {
  communeCode: string;
  /** 'YYYY-MM'; the current month (Vietnam time) by default. */
  month?: string;
  now?: Date;
}

export async function communeDashboard(db: Db, options: DashboardOptions) {
  const now = options.now ?? new Date();
  const { communeCode } = options;
  const month = checkedMonth(options.month, now);
  const period = monthPeriod(month, now);
  const before = monthPeriod(previousMonth(month), now);
  const calendar = await getCalendar(db);
  const [rows, previousRows, satisfaction, digitisation, backlog] = await Promise.all([
    monthGroups(db, communeCode, period),
    monthGroups(db, communeCode, before),
    satisfactionOf(db, communeCode, period),
    digitisationOf(db, communeCode, period),
    backlogOf(db, communeCode, now, calendar),
  ]);
  const byProcedure = groupBy(rows, (r) => r.procedureId);
  const byOfficial = groupBy(rows, (r) => r.assigneeId);
  const names = await displayNames(db, [
    ...byOfficial.map((o) => o.first.assigneeId),
    ...satisfaction.byOfficial.map((o) => o.accountId),
    ...backlog.items.map((i) => i.holderId),
  ]);
  return {
    communeCode,
    month,
    previousMonth: before.month,
    asOf: period.asOf.toISOString(),
    current: figures(rows.reduce<Tally>(addTallies, emptyTally())),
    previous: figures(previousRows.reduce<Tally>(addTallies, emptyTally())),
    byProcedure: byProcedure.map((s) => ({
      procedureId: s.first.procedureId,
      procedureName: s.first.procedureName,
      ...figures(s.tally),
    })),
    byOfficial: byOfficial.map((s) => ({
      accountId: s.first.assigneeId,
      displayName: s.first.assigneeId ? (names.get(s.first.assigneeId) ?? null) : null,
      ...figures(s.tally),
    })),
    satisfaction: {
      ...satisfaction.total,
      byOfficial: satisfaction.byOfficial
        .map((o) => ({ ...o, displayName: o.accountId ? (names.get(o.accountId) ?? null) : null }))
        .sort((a, b) => b.unsatisfied - a.unsatisfied || b.satisfied - a.satisfied),
    },
    digitisation,
    backlog: {
      overdue: backlog.overdue,
      dueSoon: backlog.dueSoon,
      items: backlog.items.map((i) => ({
        ...i,
        holderName: i.holderId ? (names.get(i.holderId) ?? null) : null,
      })),
      limit: BACKLOG_LIMIT,
    },
  };
}
export type CommuneDashboardResult = Awaited<ReturnType<typeof communeDashboard>>;
