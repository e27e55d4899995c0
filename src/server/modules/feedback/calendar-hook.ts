/**
 * When an administrator records or deletes a holiday or a make-up day, the deadlines of open reports move with it
 * (issue 13 §2, as dossiers' due dates do), in the calendar change's transaction: a working-day deadline keeps its
 * number of working days from its start (the day of receipt, or of the forward, for the transfer; the day of
 * acceptance for the answer); a calendar-day one is counted again (its last day may now fall on a day off).
 * Each report that moved gets a due_dates_moved action; each commune one audit entry naming them.
 */
import { and, asc, eq, gte, inArray, or } from 'drizzle-orm';
import { type FeedbackState, OPEN_FEEDBACK_STATES } from '../../../common/api/feedback';
import type { CalendarChangeHook } from '../calendar/changes';
import type { WorkingCalendar } from '../calendar/working-days';
import { todayInVietnam } from '../org/document-format';
import { type DaysKind, dueDate } from './domain/deadlines';
import { feedbackActions, feedbackCategories, feedbackReports } from './schema';
import { appendFeedbackAction, updateReport } from './store';

/** The deadline counted again: same working days from `start` (working), or the category's days (calendar). */
export function movedDeadline(
  start: string,
  old: string,
  kind: DaysKind,
  days: number,
  before: WorkingCalendar,
  after: WorkingCalendar,
): string {
  if (kind === 'calendar') return dueDate(start, days, 'calendar', after);
  const n = before.workingDaysBetween(start, old);
  if (n < 1) return old;
  return after.addWorkingDays(start, n);
}

interface Moved {
  reportId: string;
  code: string;
  transfer?: { from: string; to: string };
  answer?: { from: string; to: string };
}

export function recomputeFeedbackDueDatesOnCalendarChange(
  options: { now?: () => Date } = {},
): CalendarChangeHook {
  return async (tx, audit, event) => {
    const { changedDays, before, after } = event;
    if (!changedDays.length) return;
    const now = options.now?.() ?? new Date();
    const first = changedDays[0]!;
    const r = feedbackReports;
    const rows = await tx
      .select()
      .from(r)
      .where(
        and(
          inArray(r.state, [...OPEN_FEEDBACK_STATES]),
          or(gte(r.transferDueDate, first), gte(r.answerDueDate, first)),
        ),
      )
      .orderBy(asc(r.id))
      .for('update');
    if (!rows.length) return;
    const categories = new Map(
      (
        await tx
          .select()
          .from(feedbackCategories)
          .where(inArray(feedbackCategories.id, [...new Set(rows.map((x) => x.categoryId))]))
      ).map((c) => [c.id, c]),
    );
    const forwarded = rows.filter((x) => x.forwardedFrom).map((x) => x.id);
    const forwardDay = new Map<string, string>();
    if (forwarded.length) {
      const actions = await tx
        .select({ reportId: feedbackActions.reportId, at: feedbackActions.at })
        .from(feedbackActions)
        .where(and(inArray(feedbackActions.reportId, forwarded), eq(feedbackActions.action, 'forward')))
        .orderBy(asc(feedbackActions.at));
      for (const a of actions) forwardDay.set(a.reportId, todayInVietnam(a.at));
    }

    const byCommune = new Map<string, Moved[]>();
    for (const row of rows) {
      const category = categories.get(row.categoryId);
      if (!category) continue;
      const kind: DaysKind = category.daysKind === 'calendar' ? 'calendar' : 'working';
      const moved: Moved = { reportId: row.id, code: row.code };
      const set: { transferDueDate?: string; answerDueDate?: string } = {};
      if (row.transferDueDate >= first) {
        const start = forwardDay.get(row.id) ?? todayInVietnam(row.receivedAt);
        const to = movedDeadline(start, row.transferDueDate, kind, category.transferDays, before, after);
        if (to !== row.transferDueDate) {
          set.transferDueDate = to;
          moved.transfer = { from: row.transferDueDate, to };
        }
      }
      if (row.answerDueDate && row.answerDueDate >= first && row.acceptedAt) {
        const start = todayInVietnam(row.acceptedAt);
        const to = movedDeadline(start, row.answerDueDate, kind, category.answerDays, before, after);
        if (to !== row.answerDueDate) {
          set.answerDueDate = to;
          moved.answer = { from: row.answerDueDate, to };
        }
      }
      if (!moved.transfer && !moved.answer) continue;
      await updateReport(tx, row, set, now);
      await appendFeedbackAction(tx, {
        reportId: row.id,
        communeCode: row.communeCode,
        action: 'due_dates_moved',
        fromState: row.state as FeedbackState,
        toState: row.state as FeedbackState,
        actorKind: 'system',
        actorId: null,
        data: { change: event.change, transfer: moved.transfer ?? null, answer: moved.answer ?? null },
        at: now,
      });
      const list = byCommune.get(row.communeCode) ?? [];
      list.push(moved);
      byCommune.set(row.communeCode, list);
    }
    for (const [communeCode, reports] of byCommune) {
      await audit({
        action: 'feedback.due_dates_moved',
        entityType: 'commune',
        entityId: communeCode,
        communeCode,
        after: { change: event.change, reports },
      });
    }
  };
}
