/**
 * A commune's feedback statistics over the reports received in a period (local dates, inclusive): received,
 * answered on time and late (the answer's local day against its due date, deadlines.answeredOnTime), open and
 * overdue today, by category and channel, the average working days from receipt to the answer (recorded holidays
 * skipped, deadlines.workingDaysTaken), and the reporters' ratings (average, count, unhappy: "not resolved").
 * Counted in SQL (a few grouped rows), the working days over the distinct (received, answered) day pairs.
 */
import { and, asc, eq, gte, inArray, isNotNull, lt, type SQL, sql } from 'drizzle-orm';
import {
  FEEDBACK_CHANNELS,
  type FeedbackChannel,
  type FeedbackState,
  OPEN_FEEDBACK_STATES,
} from '../../../common/api/feedback';
import type { FeedbackStatistics } from '../../../common/api/feedback-queue';
import type { DbOrTx } from '../../db/database';
import { fieldError } from '../../http/errors';
import { getCalendar } from '../calendar/service';
import { startOfLocalDay } from '../dossiers/domain/local-time';
import { todayInVietnam } from '../org/document-format';
import { workingDaysTaken } from './domain/deadlines';
import { runningDeadline } from './queue';
import { feedbackCategories, feedbackReports } from './schema';

/** The longest period asked at once (ten years). */
const MAX_PERIOD_DAYS = 3_660;

const OPEN = [...OPEN_FEEDBACK_STATES] as FeedbackState[];

/** The local (Vietnam) date of a timestamptz column, the same on every server time zone. */
const localDay = (col: SQL | typeof feedbackReports.answeredAt) =>
  sql`((${col} at time zone 'UTC') + interval '7 hours')::date`;

const answered = isNotNull(feedbackReports.answeredAt);
const onTime = sql`${answered} and (${feedbackReports.answerDueDate} is null or ${localDay(feedbackReports.answeredAt)} <= ${feedbackReports.answerDueDate})`;
const late = sql`${answered} and ${feedbackReports.answerDueDate} is not null and ${localDay(feedbackReports.answeredAt)} > ${feedbackReports.answerDueDate}`;

export interface StatisticsPeriod {
  from?: string;
  to?: string;
}

export function checkedPeriod(p: StatisticsPeriod, today: string): { from: string; to: string } {
  const to = p.to ?? today;
  const from = p.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to)
    throw fieldError(
      'query.to',
      'Ngày kết thúc phải từ ngày bắt đầu trở đi.',
      'The end date must be on or after the start date.',
    );
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_PERIOD_DAYS)
    throw fieldError(
      'query.from',
      'Khoảng thời gian tối đa {n} ngày.',
      'The period may span at most {n} days.',
      { n: MAX_PERIOD_DAYS },
    );
  return { from, to };
}

export async function feedbackStatistics(
  db: DbOrTx,
  communeCode: string,
  period: StatisticsPeriod,
  today: string = todayInVietnam(),
): Promise<FeedbackStatistics> {
  const { from, to } = checkedPeriod(period, today);
  const inPeriod = and(
    eq(feedbackReports.communeCode, communeCode),
    gte(feedbackReports.receivedAt, startOfLocalDay(from)),
    lt(feedbackReports.receivedAt, startOfLocalDay(to, 1)),
  );
  const n = (cond: SQL) => sql<number>`count(*) filter (where ${cond})`.mapWith(Number);
  const open = inArray(feedbackReports.state, OPEN);

  const [byCategory, byChannel, totals, pairs, calendar] = await Promise.all([
    db
      .select({
        categoryId: feedbackReports.categoryId,
        categoryName: sql<string | null>`min(${feedbackCategories.nameVi})`,
        sortOrder: sql<number | null>`min(${feedbackCategories.sortOrder})`.mapWith(Number),
        received: sql<number>`count(*)`.mapWith(Number),
        answeredOnTime: n(onTime),
        answeredLate: n(late),
        open: n(open),
      })
      .from(feedbackReports)
      .leftJoin(feedbackCategories, eq(feedbackCategories.id, feedbackReports.categoryId))
      .where(inPeriod)
      .groupBy(feedbackReports.categoryId),
    db
      .select({ channel: feedbackReports.channel, received: sql<number>`count(*)`.mapWith(Number) })
      .from(feedbackReports)
      .where(inPeriod)
      .groupBy(feedbackReports.channel),
    db
      .select({
        received: sql<number>`count(*)`.mapWith(Number),
        answeredOnTime: n(onTime),
        answeredLate: n(late),
        open: n(open),
        openOverdue: n(and(open, sql`${runningDeadline} < ${today}::date`)!),
        rejected: n(eq(feedbackReports.state, 'rejected')),
        ratings: sql<number>`count(${feedbackReports.rating})`.mapWith(Number),
        ratingSum: sql<number>`coalesce(sum(${feedbackReports.rating}), 0)`.mapWith(Number),
        unhappy: n(eq(feedbackReports.resolvedByReporter, false)),
      })
      .from(feedbackReports)
      .where(inPeriod),
    db
      .select({
        receivedOn: sql<string>`${localDay(sql`${feedbackReports.receivedAt}`)}::text`,
        answeredOn: sql<string>`${localDay(feedbackReports.answeredAt)}::text`,
        n: sql<number>`count(*)`.mapWith(Number),
      })
      .from(feedbackReports)
      .where(and(inPeriod, answered))
      .groupBy(sql`1`, sql`2`)
      .orderBy(asc(sql`1`)),
    getCalendar(db),
  ]);

  let days = 0;
  let answeredCount = 0;
  for (const p of pairs) {
    days += workingDaysTaken(p.receivedOn, p.answeredOn, calendar) * p.n;
    answeredCount += p.n;
  }
  const t = totals[0]!;
  const channels = Object.fromEntries(FEEDBACK_CHANNELS.map((c) => [c, 0])) as Record<
    FeedbackChannel,
    number
  >;
  for (const c of byChannel) channels[c.channel as FeedbackChannel] = c.received;

  return {
    communeCode,
    from,
    to,
    received: t.received,
    answeredOnTime: t.answeredOnTime,
    answeredLate: t.answeredLate,
    openOverdue: t.openOverdue,
    open: t.open,
    rejected: t.rejected,
    averageWorkingDaysToAnswer: answeredCount ? Math.round((days / answeredCount) * 10) / 10 : null,
    byCategory: byCategory
      .sort(
        (a, b) =>
          (a.sortOrder ?? 0) - (b.sortOrder ?? 0) ||
          (a.categoryName ?? '').localeCompare(b.categoryName ?? ''),
      )
      .map((c) => ({
        categoryId: c.categoryId,
        categoryName: c.categoryName ?? '',
        received: c.received,
        answeredOnTime: c.answeredOnTime,
        answeredLate: c.answeredLate,
        open: c.open,
      })),
    byChannel: channels,
    ratings: {
      count: t.ratings,
      average: t.ratings ? Math.round((t.ratingSum / t.ratings) * 100) / 100 : null,
      unhappy: t.unhappy,
    },
  };
}
