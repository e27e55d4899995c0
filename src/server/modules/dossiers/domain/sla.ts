/**
 * Due dates and lateness of a dossier (thời hạn giải quyết, đúng hạn / trễ hạn). Pure: the clock and the
 * working-day calendar are arguments; dates are local (UTC+7) ISO dates, instants are UTC.
 */
import { AppError, text } from '../../../http/errors';
import type { IsoDate } from '../../calendar/holidays';
import type { WorkingCalendar } from '../../calendar/working-days';
import { instantOf, localDate, localTimeOfDayMs } from './local-time';

/** The legal time limit of a procedure. */
export type TimeLimit =
  | { kind: 'working_days'; days: number }
  | { kind: 'same_day' }
  | { kind: 'working_hours'; hours: number };

export interface SlaRules {
  /** [C] A same-day dossier received after this local time (minutes after midnight) is due the next working day. */
  sameDayCutoffMinutes: number;
  /** [U] End of the office day, local minutes after midnight; used for limits in working hours only. */
  officeDayEndMinutes: number;
  /** [U] Working hours in an office day; used for limits in working hours only. */
  workingHoursPerDay: number;
}

export const DEFAULT_SLA_RULES: SlaRules = Object.freeze({
  sameDayCutoffMinutes: 15 * 60,
  officeDayEndMinutes: 17 * 60,
  workingHoursPerDay: 8,
});

/**
 * The time-keeping part of a dossier, derived from its actions. Instants are ISO strings (UTC).
 * `dueDate` already includes the finished pauses; a running pause (`pausedSince`) is added by effectiveDueDate().
 */
export interface DossierClock {
  limit: TimeLimit;
  receivedAt: string;
  /** First working day on or after the local date of receipt: the day the time limit counts from. */
  countFrom: IsoDate;
  /** Due date printed on the receipt (giấy tiếp nhận hồ sơ và hẹn trả kết quả). */
  initialDueDate: IsoDate;
  /** Due date in force: initial, moved by finished pauses, replaced by an extension or an apology. */
  dueDate: IsoDate;
  /** When the clock stopped to wait for the applicant; null when running. */
  pausedSince: string | null;
  /** Working days spent waiting for the applicant, over all finished pauses. */
  pausedWorkingDays: number;
  /** When the result was ready (hồ sơ giải quyết xong); null before. */
  resolvedAt: string | null;
  /** When the clock stopped for good: result ready, withdrawn or transferred. */
  stoppedAt: string | null;
  /** An apology and new appointment (phiếu xin lỗi và hẹn lại) was issued: the dossier counts as late. */
  lateAcknowledged: boolean;
}

export type LatenessLevel = 'on_time' | 'due_today' | 'due_soon' | 'overdue';

export interface Lateness {
  level: LatenessLevel;
  /** Due date in force at the moment considered (a running pause included). */
  dueDate: IsoDate;
  /**
   * Working days left in (today, due]; when overdue, minus the working days in (due, today]
   * (0 on a weekend right after a Friday due date — the level still says overdue).
   */
  remainingWorkingDays: number;
  /** The clock is stopped, waiting for the applicant. */
  paused: boolean;
}

function invalidLimit(en: string, vi: string): AppError {
  return new AppError('validation_failed', text(vi, en), { errors: [{ field: 'limit', message: en }] });
}

export function assertTimeLimit(limit: TimeLimit): void {
  if (!['working_days', 'same_day', 'working_hours'].includes(limit?.kind)) {
    throw invalidLimit('Unknown kind of time limit.', 'Loại thời hạn không hợp lệ.');
  }
  if (limit.kind === 'working_days' && !(Number.isInteger(limit.days) && limit.days >= 1)) {
    throw invalidLimit(
      'A time limit in working days must be a whole number ≥ 1.',
      'Thời hạn tính theo ngày làm việc phải là số nguyên ≥ 1.',
    );
  }
  if (limit.kind === 'working_hours' && !(Number.isFinite(limit.hours) && limit.hours > 0)) {
    throw invalidLimit(
      'A time limit in working hours must be > 0.',
      'Thời hạn tính theo giờ làm việc phải > 0.',
    );
  }
}

/** The day the time limit counts from: the local date of receipt, or the next working day when it is not one. */
export function countingStartDate(receivedAt: Date, calendar: WorkingCalendar): IsoDate {
  return calendar.addWorkingDays(localDate(receivedAt), 0);
}

/**
 * Due date of a dossier received at `receivedAt`.
 * - working days: the n-th working day after the counting start date (received Mon, 3 days → Thu; received on a
 *   Saturday or a holiday → counted as received on the next working day).
 * - same day: the day of receipt; received after the cutoff (15:00 local; 15:00:00 itself is not after) or on
 *   a non-working day → the next working day.
 * - working hours: the hours left in the office day of receipt are used first, then whole office days.
 */
export function initialDueDate(
  receivedAt: Date,
  limit: TimeLimit,
  calendar: WorkingCalendar,
  rules: SlaRules = DEFAULT_SLA_RULES,
): IsoDate {
  assertTimeLimit(limit);
  const received = localDate(receivedAt);
  const start = calendar.addWorkingDays(received, 0);
  const timeMs = localTimeOfDayMs(receivedAt);
  switch (limit.kind) {
    case 'working_days':
      return calendar.addWorkingDays(start, limit.days);
    case 'same_day':
      if (start !== received) return start;
      return timeMs > rules.sameDayCutoffMinutes * 60_000 ? calendar.addWorkingDays(received, 1) : received;
    case 'working_hours': {
      const perDay = rules.workingHoursPerDay;
      const leftToday =
        start === received
          ? Math.min(perDay, Math.max(0, (rules.officeDayEndMinutes * 60_000 - timeMs) / 3_600_000))
          : perDay;
      if (limit.hours <= leftToday) return start;
      return calendar.addWorkingDays(start, Math.ceil((limit.hours - leftToday) / perDay));
    }
  }
}

/** Working days the clock was stopped between two instants: the working days in (local date from, local date to]. */
export function pausedWorkingDaysBetween(from: Date, to: Date, calendar: WorkingCalendar): number {
  return Math.max(0, calendar.workingDaysBetween(localDate(from), localDate(to)));
}

/** The due date moved later by `days` working days (a finished pause). */
export function shiftDueDate(due: IsoDate, days: number, calendar: WorkingCalendar): IsoDate {
  return days === 0 ? due : calendar.addWorkingDays(due, days);
}

/** The moment lateness is judged at: now, or when the clock stopped for good if earlier. */
function judgedAt(clock: DossierClock, now: Date): Date {
  if (clock.stoppedAt === null) return now;
  const stopped = instantOf(clock.stoppedAt);
  return stopped < now ? stopped : now;
}

/** Due date in force at `now`: a running pause moves it by the working days waited so far. */
export function effectiveDueDate(clock: DossierClock, now: Date, calendar: WorkingCalendar): IsoDate {
  if (clock.pausedSince === null) return clock.dueDate;
  return shiftDueDate(
    clock.dueDate,
    pausedWorkingDaysBetween(instantOf(clock.pausedSince), now, calendar),
    calendar,
  );
}

/**
 * How the dossier stands against its due date at `now` (or when its clock stopped, if earlier):
 * overdue after the due date, due_today on it, due_soon with ≤ 1 working day left, else on_time.
 */
export function lateness(clock: DossierClock, now: Date, calendar: WorkingCalendar): Lateness {
  const at = judgedAt(clock, now);
  const today = localDate(at);
  const dueDate = effectiveDueDate(clock, at, calendar);
  const paused = clock.pausedSince !== null;
  if (today > dueDate) {
    return {
      level: 'overdue',
      dueDate,
      remainingWorkingDays: 0 - calendar.workingDaysBetween(dueDate, today),
      paused,
    };
  }
  const remainingWorkingDays = calendar.workingDaysBetween(today, dueDate);
  return { level: levelOn(today, dueDate, calendar), dueDate, remainingWorkingDays, paused };
}

/**
 * How a local date stands against a due date: overdue after it, due_today on it, due_soon with ≤ 1 working day
 * left, else on_time. The one rule for the whole dossier and for each processing step.
 */
export function levelOn(today: IsoDate, dueDate: IsoDate, calendar: WorkingCalendar): LatenessLevel {
  if (today > dueDate) return 'overdue';
  if (today === dueDate) return 'due_today';
  return calendar.workingDaysBetween(today, dueDate) <= 1 ? 'due_soon' : 'on_time';
}

/**
 * For a dossier whose result is ready: true when it was ready on or before the due date (local dates) and no
 * apology was issued (an apology admits lateness, whatever the new date); null while not resolved.
 */
export function resolvedOnTime(clock: DossierClock): boolean | null {
  if (clock.resolvedAt === null) return null;
  return !clock.lateAcknowledged && localDate(instantOf(clock.resolvedAt)) <= clock.dueDate;
}

/** Counts as late in the statistics: an apology was issued, resolved after the due date, or overdue now. */
export function countsAsLate(clock: DossierClock, now: Date, calendar: WorkingCalendar): boolean {
  const onTime = resolvedOnTime(clock);
  if (onTime !== null) return !onTime;
  return clock.lateAcknowledged || lateness(clock, now, calendar).level === 'overdue';
}
