/**
 * The province's view of its communes' feedback: the queue of reports that need it (escalated to the province by
 * staff or by the overdue sweep, and overdue ones in any commune), and the per-commune overview of open, overdue
 * and escalated reports (to the commune leader, to the province).
 */
import { and, asc, eq, gte, inArray, or, type SQL, sql } from 'drizzle-orm';
import { type FeedbackState, type FeedbackSummary, OPEN_FEEDBACK_STATES } from '../../../common/api/feedback';
import type { ProvinceFeedbackOverview } from '../../../common/api/feedback-queue';
import type { DbOrTx } from '../../db/database';
import { getCalendar } from '../calendar/service';
import { todayInVietnam } from '../org/document-format';
import { communes } from '../units/schema';
import {
  dueWindow,
  overdueCondition,
  type QueueClock,
  runningDeadline,
  searchCondition,
  selectSummaries,
  summaryOf,
} from './queue';
import { feedbackReports } from './schema';
import { feedbackSettingsOf } from './settings';

const OPEN = [...OPEN_FEEDBACK_STATES] as FeedbackState[];

/** With the province: escalated by staff, or open and past the province's days after the due date (level 2). */
const withProvince = or(
  eq(feedbackReports.state, 'escalated'),
  and(inArray(feedbackReports.state, OPEN), gte(feedbackReports.escalationLevel, 2)),
)!;

export interface ProvinceQueueQuery {
  /** escalated: with the province; overdue: past due in any commune; none: both. */
  state?: 'escalated' | 'overdue';
  communeCode?: string;
  q?: string;
  limit: number;
  cursor?: string;
}

export async function listProvinceFeedback(
  db: DbOrTx,
  provinceCode: string,
  query: ProvinceQueueQuery,
  clock: QueueClock = {},
): Promise<{ items: FeedbackSummary[]; nextCursor: string | null }> {
  const today = clock.today ?? todayInVietnam();
  const [calendar, settings] = await Promise.all([getCalendar(db), feedbackSettingsOf(db, provinceCode)]);
  const w = dueWindow(today, settings.dueSoonDays, calendar);
  const which: SQL =
    query.state === 'escalated'
      ? withProvince
      : query.state === 'overdue'
        ? overdueCondition(w)
        : or(withProvince, overdueCondition(w))!;
  const page = await selectSummaries(
    db,
    and(
      eq(feedbackReports.provinceCode, provinceCode),
      query.communeCode ? eq(feedbackReports.communeCode, query.communeCode) : undefined,
      searchCondition(query.q),
      which,
    ),
    query.limit,
    query.cursor,
  );
  return {
    items: page.rows.map((s) => summaryOf(s, today, settings.dueSoonDays, calendar)),
    nextCursor: page.nextCursor,
  };
}

/** Every commune of the province that has reports, by name, with its counts today. */
export async function provinceFeedbackOverview(
  db: DbOrTx,
  provinceCode: string,
  clock: QueueClock = {},
): Promise<ProvinceFeedbackOverview> {
  const today = clock.today ?? todayInVietnam();
  const n = (cond: SQL) => sql<number>`count(*) filter (where ${cond})`.mapWith(Number);
  const open = inArray(feedbackReports.state, OPEN);
  const rows = await db
    .select({
      communeCode: feedbackReports.communeCode,
      communeName: sql<string>`min(${communes.name})`,
      open: n(open),
      overdue: n(and(open, sql`${runningDeadline} < ${today}::date`)!),
      escalatedToLeader: n(and(open, eq(feedbackReports.escalationLevel, 1))!),
      escalatedToProvince: n(withProvince),
    })
    .from(feedbackReports)
    .leftJoin(communes, eq(communes.code, feedbackReports.communeCode))
    .where(eq(feedbackReports.provinceCode, provinceCode))
    .groupBy(feedbackReports.communeCode)
    .orderBy(asc(sql`min(${communes.name})`), asc(feedbackReports.communeCode));
  return {
    provinceCode,
    asOf: today,
    communes: rows.map((r) => ({ ...r, communeName: r.communeName ?? r.communeCode })),
  };
}
