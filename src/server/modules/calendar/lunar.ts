/**
 * Vietnamese lunar calendar (âm lịch, computed for UTC+7) → solar dates, plus the small
 * UTC day-number helpers the whole calendar module uses. Pure: no I/O, no local time zone.
 *
 * Day numbers are days since 1970-01-01 (UTC), so weekday/difference arithmetic is integer math.
 */
import { getSolarDate, getYearInfo } from '@dqcai/vn-lunar';

/** A calendar date 'YYYY-MM-DD' (no time, no zone). */
export type IsoDate = string;

/** Lunar years supported by @dqcai/vn-lunar's tables. */
export const MIN_LUNAR_YEAR = 1200;
export const MAX_LUNAR_YEAR = 2199;

/** Julian Day Number of 1970-01-01. */
const JD_UNIX_EPOCH = 2440588;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function dayNumberFromParts(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of dayNumberFromParts. */
export function partsFromDayNumber(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: era * 400 + yoe + (month <= 2 ? 1 : 0), month, day };
}

/** Value of the decimal digit at `i`, or -1. */
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Parses and validates 'YYYY-MM-DD' (years 0001–9999); throws RangeError on anything else. */
export function parseIsoDate(date: IsoDate): number {
  // Hand-rolled (no regex, no Date): this sits on the hot path of every deadline computation.
  if (typeof date !== 'string' || date.length !== 10 || date[4] !== '-' || date[7] !== '-') {
    throw new RangeError(`Invalid ISO date (expected YYYY-MM-DD): ${String(date)}`);
  }
  const d0 = digit(date, 0);
  const d1 = digit(date, 1);
  const d2 = digit(date, 2);
  const d3 = digit(date, 3);
  const m0 = digit(date, 5);
  const m1 = digit(date, 6);
  const a0 = digit(date, 8);
  const a1 = digit(date, 9);
  if ((d0 | d1 | d2 | d3 | m0 | m1 | a0 | a1) < 0) {
    throw new RangeError(`Invalid ISO date (expected YYYY-MM-DD): ${date}`);
  }
  const year = d0 * 1000 + d1 * 100 + d2 * 10 + d3;
  const month = m0 * 10 + m1;
  const day = a0 * 10 + a1;
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`Invalid calendar date: ${date}`);
  }
  return dayNumberFromParts(year, month, day);
}

export function formatIsoDate(dayNumber: number): IsoDate {
  const { year, month, day } = partsFromDayNumber(dayNumber);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

function assertLunarYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_LUNAR_YEAR || year > MAX_LUNAR_YEAR) {
    throw new RangeError(
      `Lunar year ${year} is outside the supported range ${MIN_LUNAR_YEAR}–${MAX_LUNAR_YEAR}`,
    );
  }
}

/** Day number of the first day of a lunar month (undefined if that leap month does not exist). */
function monthStart(year: number, month: number, leap: boolean): number | undefined {
  const m = getYearInfo(year).find((d) => d.month === month && d.leap === leap);
  return m ? m.jd - JD_UNIX_EPOCH : undefined;
}

/** Day number of Tết (lunar 1/1) of a lunar year. */
function tetDayNumber(year: number): number {
  assertLunarYear(year);
  return getSolarDate(1, 1, year).jd - JD_UNIX_EPOCH;
}

/** Does lunar `year` have a leap month, and which one? (0 if none). */
export function leapMonthOf(year: number): number {
  assertLunarYear(year);
  return getYearInfo(year).find((d) => d.leap)?.month ?? 0;
}

/** Length (29 or 30) of a lunar month; throws RangeError if the (leap) month does not exist. */
export function lunarMonthLength(year: number, month: number, leap = false): 29 | 30 {
  assertLunarYear(year);
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`Lunar month must be 1–12, got ${month}`);
  }
  const start = monthStart(year, month, leap);
  if (start === undefined) throw new RangeError(`Lunar year ${year} has no leap month ${month}`);
  const months = getYearInfo(year);
  const idx = months.findIndex((d) => d.month === month && d.leap === leap);
  const next = months[idx + 1];
  const end = next ? next.jd - JD_UNIX_EPOCH : tetDayNumber(year + 1);
  return end - start === 30 ? 30 : 29;
}

/** Day number of a lunar date (validated). */
export function lunarToDayNumber(year: number, month: number, day: number, leap = false): number {
  const length = lunarMonthLength(year, month, leap);
  if (!Number.isInteger(day) || day < 1 || day > length) {
    throw new RangeError(
      `Lunar month ${month}${leap ? ' (leap)' : ''}/${year} has ${length} days, got day ${day}`,
    );
  }
  return (monthStart(year, month, leap) as number) + day - 1;
}

/** Converts a Vietnamese lunar date to its solar ISO date, e.g. (2026, 1, 1) → '2026-02-17'. */
export function lunarToSolar(year: number, month: number, day: number, leap = false): IsoDate {
  return formatIsoDate(lunarToDayNumber(year, month, day, leap));
}

/** Tết Nguyên Đán (lunar 1/1) of a lunar year. */
export function tetDate(year: number): IsoDate {
  return formatIsoDate(tetDayNumber(year));
}

/** Last day of lunar `year` (29 or 30 of month 12, whichever exists) = the eve of Tết of year + 1. */
export function lastDayOfLunarYear(year: number): IsoDate {
  assertLunarYear(year);
  return formatIsoDate(tetDayNumber(year + 1) - 1);
}
