/**
 * The staff queue of a commune's feedback (hàng đợi phản ánh): filtered by state, category, channel, due soon or
 * overdue (the deadlines module's rule, today in Vietnam, working days of the recorded calendar), searched by
 * code, title and content without diacritics or the reporter's phone, "assigned to me"; newest first, cursor
 * pagination; with the counts of the tabs. The province's queue (province.ts) and the export share it.
 */
import { and, desc, eq, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import {
  FEEDBACK_STATES,
  type FeedbackState,
  type FeedbackSummary,
  OPEN_FEEDBACK_STATES,
} from '../../../common/api/feedback';
import type { FeedbackQueueCounts, FeedbackQueueFilters } from '../../../common/api/feedback-queue';
import { normalizePhone } from '../../../common/phone';
import { foldVietnamese } from '../../../common/text';
import type { DbOrTx } from '../../db/database';
import { escapeLike } from '../../db/like';
import { fieldError } from '../../http/errors';
import { accounts } from '../auth/schema';
import { getCalendar } from '../calendar/service';
import type { WorkingCalendar } from '../calendar/working-days';
import { todayInVietnam } from '../org/document-format';
import { timeliness } from './domain/deadlines';
import { feedbackCategories, feedbackReports } from './schema';
import { feedbackSettingsOf } from './settings';

export interface FeedbackQueueQuery extends FeedbackQueueFilters {
  limit: number;
  cursor?: string;
}

/** Where the reports of one list are: one commune, or a province (its queue of escalated and overdue reports). */
export type QueueWhere = { communeCode: string } | { provinceCode: string };

const OPEN = [...OPEN_FEEDBACK_STATES] as FeedbackState[];

/**
 * The due date the report waits for now (domain/deadlines.ts currentDueDate, in SQL): while received, the earlier of
 * the transfer and the answer deadline; then the answer's (the transfer's when none is set). Open states only.
 */
export const runningDeadline = sql<string>`(case when ${feedbackReports.state} = 'received' then least(${feedbackReports.transferDueDate}, coalesce(${feedbackReports.answerDueDate}, ${feedbackReports.transferDueDate})) else coalesce(${feedbackReports.answerDueDate}, ${feedbackReports.transferDueDate}) end)`;

/** The due-date window of the queue's filters, for one day and one province's "due soon" setting. */
export interface DueWindow {
  today: string;
  /**
   * The first day no longer "due soon": the (dueSoonDays + 1)-th working day after today. A due date d >= today is
   * due soon when at most dueSoonDays working days lie in (today, d], i.e. d is before that day (timeliness()).
   */
  soonBefore: string;
}

export function dueWindow(today: string, dueSoonDays: number, calendar: WorkingCalendar): DueWindow {
  return { today, soonBefore: calendar.addWorkingDays(today, dueSoonDays + 1) };
}

export function overdueCondition(w: DueWindow): SQL {
  return and(inArray(feedbackReports.state, OPEN), sql`${runningDeadline} < ${w.today}::date`)!;
}

export function dueSoonCondition(w: DueWindow): SQL {
  return and(
    inArray(feedbackReports.state, OPEN),
    sql`${runningDeadline} >= ${w.today}::date`,
    sql`${runningDeadline} < ${w.soonBefore}::date`,
  )!;
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(v) &&
      typeof v[0] === 'string' &&
      !Number.isNaN(Date.parse(v[0])) &&
      typeof v[1] === 'string' &&
      /^[0-9a-f-]{36}$/i.test(v[1])
    )
      return [v[0], v[1]];
  } catch {}
  throw fieldError('query.cursor', 'Con trỏ trang không hợp lệ.', 'Invalid cursor.');
}

const encodeCursor = (receivedAt: Date, id: string) =>
  Buffer.from(JSON.stringify([receivedAt.toISOString(), id])).toString('base64url');

/** Code (with or without spaces, any case), title and content without diacritics, the reporter's phone. */
export function searchCondition(q: string | undefined): SQL | undefined {
  const raw = q?.trim();
  if (!raw) return undefined;
  const folded = foldVietnamese(raw);
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  const phone = normalizePhone(raw);
  return or(
    like(feedbackReports.code, `%${escapeLike(compact)}%`),
    folded ? like(feedbackReports.searchText, `%${escapeLike(folded)}%`) : undefined,
    /^\d{6,12}$/.test(phone) ? eq(feedbackReports.reporterPhone, phone) : undefined,
  );
}

function placeCondition(where: QueueWhere): SQL {
  return 'communeCode' in where
    ? eq(feedbackReports.communeCode, where.communeCode)
    : eq(feedbackReports.provinceCode, where.provinceCode);
}

/** The filters other than the state and the deadline (the tabs' counts keep them). */
function baseFilters(f: FeedbackQueueFilters): SQL | undefined {
  return and(
    f.categoryId ? eq(feedbackReports.categoryId, f.categoryId) : undefined,
    f.channel ? eq(feedbackReports.channel, f.channel) : undefined,
    searchCondition(f.q),
  );
}

function allFilters(f: FeedbackQueueFilters, me: string | null, w: DueWindow): SQL | undefined {
  return and(
    baseFilters(f),
    f.state ? eq(feedbackReports.state, f.state) : undefined,
    f.due === 'overdue' ? overdueCondition(w) : undefined,
    f.due === 'soon' ? dueSoonCondition(w) : undefined,
    f.assignee === 'me' ? (me ? eq(feedbackReports.assigneeAccountId, me) : sql`false`) : undefined,
  );
}

const summaryColumns = {
  report: feedbackReports,
  categoryName: feedbackCategories.nameVi,
  kind: feedbackCategories.kind,
  assigneeName: accounts.displayName,
};

type SummaryRow = {
  report: typeof feedbackReports.$inferSelect;
  categoryName: string | null;
  kind: string | null;
  assigneeName: string | null;
};

/** Rows of the list with their category and assignee, newest first, after the cursor. */
export async function selectSummaries(
  db: DbOrTx,
  where: SQL | undefined,
  limit: number,
  cursor?: string,
): Promise<{ rows: SummaryRow[]; nextCursor: string | null }> {
  const after = cursor ? decodeCursor(cursor) : null;
  const rows = await db
    .select(summaryColumns)
    .from(feedbackReports)
    .leftJoin(feedbackCategories, eq(feedbackCategories.id, feedbackReports.categoryId))
    .leftJoin(accounts, eq(accounts.id, feedbackReports.assigneeAccountId))
    .where(
      and(
        where,
        after
          ? sql`(${feedbackReports.receivedAt}, ${feedbackReports.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(feedbackReports.receivedAt), desc(feedbackReports.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    rows: page,
    nextCursor: rows.length > limit && last ? encodeCursor(last.report.receivedAt, last.report.id) : null,
  };
}

export function summaryOf(
  s: SummaryRow,
  today: string,
  dueSoonDays: number,
  calendar: WorkingCalendar,
): FeedbackSummary {
  const r = s.report;
  const state = r.state as FeedbackState;
  return {
    id: r.id,
    code: r.code,
    communeCode: r.communeCode,
    categoryId: r.categoryId,
    categoryName: s.categoryName ?? '',
    kind: (s.kind ?? 'feedback') as FeedbackSummary['kind'],
    channel: r.channel as FeedbackSummary['channel'],
    title: r.title,
    state,
    receivedAt: r.receivedAt.toISOString(),
    transferDueDate: r.transferDueDate,
    answerDueDate: r.answerDueDate,
    timeliness: timeliness(
      { state, transferDueDate: r.transferDueDate, answerDueDate: r.answerDueDate },
      today,
      dueSoonDays,
      calendar,
    ),
    escalationLevel: r.escalationLevel,
    assigneeName: s.assigneeName,
    reporterName: r.reporterName,
    hasLocation: r.latitude !== null,
    parentId: r.parentId,
    version: r.version,
  };
}

export interface QueueClock {
  /** Today in Vietnam (a test pins it). */
  today?: string;
}

/** The context of one commune's list: today, the calendar, the province's "due soon". */
async function windowOf(db: DbOrTx, provinceCode: string, today: string) {
  const [calendar, settings] = await Promise.all([getCalendar(db), feedbackSettingsOf(db, provinceCode)]);
  return {
    calendar,
    dueSoonDays: settings.dueSoonDays,
    window: dueWindow(today, settings.dueSoonDays, calendar),
  };
}

/** One page of a commune's list (without the counts). */
async function communePage(
  db: DbOrTx,
  commune: { communeCode: string; provinceCode: string },
  me: string | null,
  query: FeedbackQueueQuery,
  today: string,
) {
  const { calendar, dueSoonDays, window } = await windowOf(db, commune.provinceCode, today);
  const where = and(placeCondition(commune), allFilters(query, me, window));
  const page = await selectSummaries(db, where, query.limit, query.cursor);
  return {
    items: page.rows.map((s) => summaryOf(s, today, dueSoonDays, calendar)),
    nextCursor: page.nextCursor,
    window,
  };
}

export async function listCommuneFeedback(
  db: DbOrTx,
  commune: { communeCode: string; provinceCode: string },
  me: string | null,
  query: FeedbackQueueQuery,
  clock: QueueClock = {},
): Promise<{ items: FeedbackSummary[]; nextCursor: string | null; counts: FeedbackQueueCounts }> {
  const today = clock.today ?? todayInVietnam();
  const page = await communePage(db, commune, me, query, today);
  const counts = await countsOf(db, { communeCode: commune.communeCode }, me, query, page.window);
  return { items: page.items, nextCursor: page.nextCursor, counts };
}

/**
 * The counts of the tabs, with the other filters: per state (grouped, from the (commune, state) index), then due
 * soon, overdue and mine over the open reports only — a busy commune's years of closed reports are counted, never
 * read row by row for the deadline rules.
 */
async function countsOf(
  db: DbOrTx,
  where: QueueWhere,
  me: string | null,
  filters: FeedbackQueueFilters,
  w: DueWindow,
): Promise<FeedbackQueueCounts> {
  const n = (cond: SQL) => sql<number>`count(*) filter (where ${cond})`.mapWith(Number);
  const scope = and(placeCondition(where), baseFilters(filters));
  const [perState, [open]] = await Promise.all([
    db
      .select({ state: feedbackReports.state, n: sql<number>`count(*)`.mapWith(Number) })
      .from(feedbackReports)
      .where(scope)
      .groupBy(feedbackReports.state),
    db
      .select({
        open: sql<number>`count(*)`.mapWith(Number),
        dueSoon: n(dueSoonCondition(w)),
        overdue: n(overdueCondition(w)),
        mine: me ? n(eq(feedbackReports.assigneeAccountId, me)) : sql<number>`0`.mapWith(Number),
      })
      .from(feedbackReports)
      .where(and(scope, inArray(feedbackReports.state, OPEN))),
  ]);
  const byState = Object.fromEntries(FEEDBACK_STATES.map((s) => [s, 0])) as Record<FeedbackState, number>;
  for (const r of perState) byState[r.state as FeedbackState] = Number(r.n);
  return {
    byState,
    open: Number(open?.open ?? 0),
    dueSoon: Number(open?.dueSoon ?? 0),
    overdue: Number(open?.overdue ?? 0),
    mine: Number(open?.mine ?? 0),
  };
}

/** Every report of the list as filtered, up to `max` (the export). */
export async function allCommuneFeedback(
  db: DbOrTx,
  commune: { communeCode: string; provinceCode: string },
  me: string | null,
  filters: FeedbackQueueFilters,
  max: number,
  clock: QueueClock = {},
): Promise<{ items: FeedbackSummary[]; truncated: boolean }> {
  const today = clock.today ?? todayInVietnam();
  const items: FeedbackSummary[] = [];
  let cursor: string | undefined;
  let more = false;
  do {
    const page = await communePage(
      db,
      commune,
      me,
      { ...filters, limit: Math.min(500, max - items.length), cursor },
      today,
    );
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    more = !!cursor;
  } while (cursor && items.length < max);
  return { items, truncated: more };
}
