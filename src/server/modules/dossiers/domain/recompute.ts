/**
 * A dossier's appointment after a change of the working-day calendar (a holiday or make-up day recorded after
 * the dossier was received). Pure: the history and both calendars are arguments; replay() does the arithmetic,
 * exactly as it does when the dossier is read, so the projection and the dossier view agree.
 */
import type { CalendarChange } from '../../calendar/changes';
import type { IsoDate } from '../../calendar/holidays';
import { parseIsoDate, weekdayOf } from '../../calendar/lunar';
import type { WorkingCalendar } from '../../calendar/working-days';
import { DEFAULT_LIFECYCLE_RULES, type LifecycleRules } from './actions';
import { replay } from './lifecycle';
import { localDate } from './local-time';
import type { DossierActionRecord, DossierState } from './state';

export interface DueDateRecomputation {
  /** The dossier replayed with the new calendar (its projection is rewritten from this). */
  state: DossierState;
  /** The clock still runs against an appointment: received, not closed, not stopped (result ready, withdrawn…). */
  open: boolean;
  /** The appointment in force (hẹn trả) under the old calendar and under the new one; null without a clock. */
  previousDueDate: IsoDate | null;
  newDueDate: IsoDate | null;
  /** Open, and the appointment moved: an officer must tell the applicant. */
  changed: boolean;
}

/**
 * Replays the history with both calendars. The appointment compared is the clock's due date (the date printed on
 * the receipt, moved by finished pauses, or set by an extension or apology); a running pause gives no appointment
 * yet — the applicant gets one when the clock resumes, and that one is computed with the calendar of the day.
 */
export function recomputeDueDate(
  history: readonly DossierActionRecord[],
  before: WorkingCalendar,
  after: WorkingCalendar,
  rules: LifecycleRules = DEFAULT_LIFECYCLE_RULES,
): DueDateRecomputation {
  const old = replay(history, before, rules);
  const state = replay(history, after, rules);
  const open = !!state.clock && !state.closedAt && !state.clock.stoppedAt;
  const previousDueDate = old.clock?.dueDate ?? null;
  const newDueDate = state.clock?.dueDate ?? null;
  return { state, open, previousDueDate, newDueDate, changed: open && previousDueDate !== newDueDate };
}

/** An appointment change not yet told to the applicant (chưa báo cho công dân). */
export interface PendingChange {
  previousDueDate: IsoDate;
  newDueDate: IsoDate;
}

export type PendingChangeOp =
  | { op: 'insert'; previousDueDate: IsoDate; newDueDate: IsoDate }
  | { op: 'update'; previousDueDate: IsoDate; newDueDate: IsoDate }
  | { op: 'delete' };

/**
 * What to record when the appointment moves from `from` to `to`. While an earlier change is still untold, the
 * applicant still holds that change's previous date: the list shows one line from it to the newest date, and none
 * at all when the newest date is the one they hold (a holiday recorded by mistake and deleted before anyone called).
 */
export function foldIntoPending(pending: PendingChange | null, from: IsoDate, to: IsoDate): PendingChangeOp {
  if (!pending) return { op: 'insert', previousDueDate: from, newDueDate: to };
  if (pending.previousDueDate === to) return { op: 'delete' };
  return { op: 'update', previousDueDate: pending.previousDueDate, newDueDate: to };
}

/** dd/mm/yyyy */
export const vnDate = (iso: IsoDate): string => iso.split('-').reverse().join('/');

function vnRange(from: IsoDate, to: IsoDate): string {
  if (from === to) return vnDate(from);
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  return `${sameYear ? vnDate(from).slice(0, 5) : vnDate(from)}–${vnDate(to)}`;
}

function vnWeekday(date: IsoDate): string {
  const names = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];
  return names[weekdayOf(parseIsoDate(date))]!;
}

/**
 * The cause shown to the officers, in Vietnamese, with the local date the change was recorded, e.g.
 * "Nghỉ lễ Quốc khánh 01/09–02/09/2026 ghi nhận ngày 01/12/2026".
 */
export function describeCalendarChange(change: CalendarChange, detectedAt: Date): string {
  const on = vnDate(localDate(detectedAt));
  switch (change.kind) {
    case 'holiday_range_added': {
      const name = /^nghỉ\s/i.test(change.name) ? change.name : `Nghỉ ${change.name}`;
      return `${name} ${vnRange(change.from, change.to)} ghi nhận ngày ${on}`;
    }
    case 'holiday_range_deleted':
      return `Hủy đợt nghỉ ${change.name} ${vnRange(change.from, change.to)} ngày ${on}`;
    case 'make_up_day_added':
      return `Làm bù ${vnWeekday(change.date)} ${vnDate(change.date)} ghi nhận ngày ${on}`;
    case 'make_up_day_deleted':
      return `Hủy ngày làm bù ${vnWeekday(change.date)} ${vnDate(change.date)} ngày ${on}`;
  }
}
