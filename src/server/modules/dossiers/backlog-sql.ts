/**
 * "Open and running past (or close to) its due date" in SQL: the one definition the overdue and due-soon queues,
 * their counts, the dashboard's anti-backlog and the province overview share. It mirrors the pure
 * domain/statistics.ts backlogStanding (their integration tests compare the two on every dossier).
 */
import { and, eq, isNotNull, lt, notInArray, type SQL, sql } from 'drizzle-orm';
import type { WorkingCalendar } from '../calendar/working-days';
import { WAITING_STATUSES } from './domain';
import { backlogWindow } from './domain/statistics';
import { dossiers } from './schema';

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * Official dossiers only: the mock dossiers of a trial day (hồ sơ diễn tập, archived or not) stay out of every
 * statistic and official count (dashboard, province overview, workload, the tabs' official counts).
 */
export const officialOnly: SQL = eq(dossiers.rehearsal, false);

/**
 * Received by `now`, with a due date, neither resolved (result ready) nor closed by then, and not waiting for the
 * applicant (the clock is stopped): approved and rejected dossiers whose result is not ready yet are running.
 */
export function runningAt(now: Date): SQL {
  const d = dossiers;
  return and(
    isNotNull(d.dueDate),
    sql`${d.receivedAt} <= ${ts(now)}`,
    sql`(${d.resolvedAt} is null or ${d.resolvedAt} > ${ts(now)})`,
    sql`(${d.closedAt} is null or ${d.closedAt} > ${ts(now)})`,
    notInArray(d.status, [...WAITING_STATUSES]),
  )!;
}

/** The overdue and due-soon conditions at `now` (due soon: today or within 1 working day). */
export function backlogConditions(
  now: Date,
  calendar: WorkingCalendar,
): { overdue: SQL; dueSoon: SQL; either: SQL } {
  const { today, dueSoonBefore } = backlogWindow(now, calendar);
  const running = runningAt(now);
  return {
    /** Overdue or due soon, in the form the (commune_code, due_date) index serves. */
    either: and(running, lt(dossiers.dueDate, dueSoonBefore))!,
    overdue: and(running, lt(dossiers.dueDate, today))!,
    dueSoon: and(running, sql`${dossiers.dueDate} >= ${today}::date`, lt(dossiers.dueDate, dueSoonBefore))!,
  };
}
