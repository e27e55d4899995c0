/**
 * Deadlines of a report (domain-vn.md §8). Pure: dates are local (Vietnam) ISO dates, the calendar is passed in.
 *
 * - Due dates count from the local day of receipt (not counted): `days` working days (WorkingCalendar: weekends,
 *   Tết and every recorded holiday skipped, make-up Saturdays worked; a report received on a day off counts as
 *   received on the next working day, as dossiers do), or `days` calendar days for categories whose
 *   law counts calendar days (complaints). A calendar-day deadline whose last day is a day off ends on the next
 *   working day (Civil Code 2015 art. 148(5)).
 * - Transfer deadline (classify, accept or forward: Decree 20/2008 "within 5 working days") applies while the report
 *   is `received`; the answer deadline applies to every open state (and to `received` too when it comes first).
 * - Timeliness: 'done' when the report is no longer open; 'overdue' once today is past the due date; 'due_soon' when
 *   at most `dueSoonDays` working days remain; else 'on_time'.
 * - Escalation: level 1 (the commune leader is warned) on the due date itself; level 2 (the province) once
 *   `provinceEscalationDays` working days have passed after the due date. 0 for reports no longer open, and for
 *   escalated ones (already with the province).
 */
import { type FeedbackState, OPEN_FEEDBACK_STATES } from '../../../../common/api/feedback';
import type { IsoDate } from '../../calendar/holidays';
import { formatIsoDate, parseIsoDate } from '../../calendar/lunar';
import type { WorkingCalendar } from '../../calendar/working-days';

export type DaysKind = 'working' | 'calendar';
export type Timeliness = 'on_time' | 'due_soon' | 'overdue' | 'done';

export interface DeadlineFields {
  state: FeedbackState;
  transferDueDate: IsoDate;
  answerDueDate: IsoDate | null;
}

function assertDays(days: number): void {
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError(`Number of days must be a non-negative integer, got ${days}`);
  }
}

/** The due date `days` working or calendar days after `from` (not counted; see the rules above). */
export function dueDate(from: IsoDate, days: number, kind: DaysKind, cal: WorkingCalendar): IsoDate {
  assertDays(days);
  if (kind === 'working') return cal.addWorkingDays(cal.addWorkingDays(from, 0), days);
  const last = formatIsoDate(parseIsoDate(from) + days);
  return cal.isWorkingDay(last) ? last : cal.addWorkingDays(last, 1);
}

function isOpen(state: FeedbackState): boolean {
  return (OPEN_FEEDBACK_STATES as readonly FeedbackState[]).includes(state);
}

/** The due date the report waits for now: the earlier of transfer and answer while received, else the answer's. */
export function currentDueDate(r: DeadlineFields): IsoDate | null {
  if (!isOpen(r.state)) return null;
  if (r.state === 'received') {
    if (r.answerDueDate !== null && r.answerDueDate < r.transferDueDate) return r.answerDueDate;
    return r.transferDueDate;
  }
  return r.answerDueDate ?? r.transferDueDate;
}

export function timeliness(
  r: DeadlineFields,
  today: IsoDate,
  dueSoonDays: number,
  cal: WorkingCalendar,
): Timeliness {
  const due = currentDueDate(r);
  if (due === null) return 'done';
  if (today > due) return 'overdue';
  return cal.workingDaysBetween(today, due) <= dueSoonDays ? 'due_soon' : 'on_time';
}

export function escalationDue(
  r: DeadlineFields,
  today: IsoDate,
  provinceEscalationDays: number,
  cal: WorkingCalendar,
): 0 | 1 | 2 {
  if (r.state === 'escalated') return 0;
  const due = currentDueDate(r);
  if (due === null || today < due) return 0;
  return cal.workingDaysBetween(due, today) >= provinceEscalationDays ? 2 : 1;
}

/** Answered on or before the answer due date (no due date: on time). */
export function answeredOnTime(answeredOn: IsoDate, answerDueDate: IsoDate | null): boolean {
  return answerDueDate === null || answeredOn <= answerDueDate;
}

/** Working days from receipt (not counted) to the answer (counted); 0 when answered on a day off of receipt. */
export function workingDaysTaken(receivedOn: IsoDate, answeredOn: IsoDate, cal: WorkingCalendar): number {
  return Math.max(0, cal.workingDaysBetween(receivedOn, answeredOn));
}
