/**
 * What an administrator's change of the calendar is, for the modules that depend on the calendar (dossiers move
 * their due dates). The calendar module knows nothing of them: the composition root (app.ts) passes their hooks
 * to the calendar routes, and the calendar service runs each hook inside the transaction of the change, so the
 * change and its consequences commit together or not at all.
 */
import type { Tx } from '../../db/database';
import type { Audit } from '../../db/transaction';
import type { IsoDate } from './holidays';
import { dayNumberFromParts, formatIsoDate } from './lunar';
import type { WorkingCalendar } from './working-days';

/** The administrator's change, as recorded (đợt nghỉ / ngày làm bù, thêm hoặc xóa). */
export type CalendarChange =
  | { kind: 'holiday_range_added' | 'holiday_range_deleted'; from: IsoDate; to: IsoDate; name: string }
  | { kind: 'make_up_day_added' | 'make_up_day_deleted'; date: IsoDate };

export interface CalendarChangeEvent {
  change: CalendarChange;
  /** The working calendar just before the change and just after it, both read inside the transaction. */
  before: WorkingCalendar;
  after: WorkingCalendar;
  /** The days whose working / non-working status differs between the two calendars, ascending; may be empty. */
  changedDays: IsoDate[];
}

/** Runs inside the calendar change's transaction; throwing rolls the whole change back. */
export type CalendarChangeHook = (tx: Tx, audit: Audit, event: CalendarChangeEvent) => Promise<void>;

/**
 * The days of the years `fromYear`..`toYear` that are working days in one calendar and not in the other.
 * A recorded range replaces the computed default days of its key, so a change can move days outside its own dates.
 */
export function changedWorkingDays(
  before: WorkingCalendar,
  after: WorkingCalendar,
  fromYear: number,
  toYear: number,
): IsoDate[] {
  const out: IsoDate[] = [];
  const end = dayNumberFromParts(toYear + 1, 1, 1);
  for (let dn = dayNumberFromParts(fromYear, 1, 1); dn < end; dn++) {
    const date = formatIsoDate(dn);
    if (before.isWorkingDay(date) !== after.isWorkingDay(date)) out.push(date);
  }
  return out;
}

/** The years a change can touch: its own, and the neighbours a range may spill into (30/12–1/1). */
export function yearsTouchedBy(change: CalendarChange): [number, number] {
  const year = Number(('date' in change ? change.date : change.from).slice(0, 4));
  return [year - 1, year + 1];
}
