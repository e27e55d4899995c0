/**
 * Working-day arithmetic for legal time limits (thời hạn giải quyết tính theo ngày làm việc).
 * Pure: no I/O. All arithmetic is on UTC day numbers; each year is precomputed lazily into a
 * Uint8Array of day codes plus a prefix count, so a deadline costs O(days spanned) array reads.
 */
import {
  expandOfficialRanges,
  type HolidayDay,
  type HolidayKey,
  holidaysOfYear,
  type IsoDate,
  isWeekend,
  type YearAdjustments,
  type YearHolidays,
} from './holidays';
import { dayNumberFromParts, formatIsoDate, parseIsoDate, partsFromDayNumber } from './lunar';

export interface SkippedDay {
  date: IsoDate;
  reason: 'weekend' | HolidayKey;
  name?: { vi: string; en: string };
}

export interface Deadline {
  due: IsoDate;
  skipped: SkippedDay[];
}

const WORKING = 0;
const WEEKEND = 1;
const DAY_OFF = 2;

interface YearTable {
  year: number;
  /** Day number of 1 January. */
  start: number;
  /** Day number of 1 January of the next year. */
  end: number;
  /** Per day of the year: WORKING, WEEKEND or DAY_OFF. */
  codes: Uint8Array;
  /** cum[i] = number of working days among the first i days of the year. */
  cum: Int32Array;
  /** Day-of-year index → the holiday that makes it a day off. */
  daysOff: Map<number, HolidayDay>;
  /** Lazily formatted ISO strings, by day-of-year index. */
  iso: (IsoDate | undefined)[];
}

function isoAt(t: YearTable, i: number): IsoDate {
  let s = t.iso[i];
  if (s === undefined) {
    s = formatIsoDate(t.start + i);
    t.iso[i] = s;
  }
  return s;
}

function assertCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`Number of working days must be a non-negative integer, got ${n}`);
  }
}

function copyAdjustments(adj: YearAdjustments): YearAdjustments {
  return {
    holidayRanges: adj.holidayRanges.map((r) => ({ ...r })),
    makeUpWorkingDays: [...adj.makeUpWorkingDays],
  };
}

export class WorkingCalendar {
  private readonly adjustments: Record<number, YearAdjustments>;
  private readonly tables = new Map<number, YearTable>();
  private last: YearTable | undefined;

  constructor(adjustmentsByYear: Record<number, YearAdjustments> = {}) {
    this.adjustments = {};
    for (const [year, adj] of Object.entries(adjustmentsByYear)) {
      this.adjustments[Number(year)] = copyAdjustments(adj);
    }
  }

  /** Days off and make-up days of a year, with this calendar's announcements applied. */
  holidays(year: number): YearHolidays {
    return holidaysOfYear(year, this.adjustments[year]);
  }

  /** Monday–Friday and not a day off, or a make-up working day (làm bù). */
  isWorkingDay(date: IsoDate): boolean {
    const dn = parseIsoDate(date);
    const t = this.tableOf(dn);
    return t.codes[dn - t.start] === WORKING;
  }

  /** The n-th working day after `from` (not counted); n = 0 → `from` if working, else the next working day. */
  addWorkingDays(from: IsoDate, n: number): IsoDate {
    assertCount(n);
    return this.advance(parseIsoDate(from), n, undefined);
  }

  /** Same due date as addWorkingDays, plus the non-working days passed over in (from, due). */
  deadline(from: IsoDate, n: number): Deadline {
    assertCount(n);
    const skipped: SkippedDay[] = [];
    const due = this.advance(parseIsoDate(from), n, skipped);
    return { due, skipped };
  }

  /** Working days in (a, b]; when b < a, minus the working days in (b, a]. */
  workingDaysBetween(a: IsoDate, b: IsoDate): number {
    const da = parseIsoDate(a);
    const db = parseIsoDate(b);
    return db >= da ? this.countAfter(da, db) : -this.countAfter(db, da);
  }

  /** Working days in (lo, hi], lo <= hi. */
  private countAfter(lo: number, hi: number): number {
    const tl = this.tableOf(lo);
    const th = this.tableOf(hi);
    const prefixLo = tl.cum[lo - tl.start + 1]!;
    const prefixHi = th.cum[hi - th.start + 1]!;
    if (tl === th) return prefixHi - prefixLo;
    let total = tl.cum[tl.codes.length]! - prefixLo + prefixHi;
    for (let y = tl.year + 1; y < th.year; y++) {
      const t = this.table(y);
      total += t.cum[t.codes.length]!;
    }
    return total;
  }

  /** ISO date of the n-th working day after day number `dn` (see addWorkingDays). */
  private advance(dn: number, n: number, skipped: SkippedDay[] | undefined): IsoDate {
    let t = this.tableOf(dn);
    let i = dn - t.start;
    let remaining = n;
    if (remaining === 0) {
      if (t.codes[i] === WORKING) return isoAt(t, i);
      remaining = 1;
    }
    let codes = t.codes;
    for (;;) {
      i++;
      if (i >= codes.length) {
        t = this.table(t.year + 1);
        codes = t.codes;
        i = 0;
      }
      const code = codes[i];
      if (code === WORKING) {
        if (--remaining === 0) return isoAt(t, i);
      } else if (skipped) {
        const date = isoAt(t, i);
        const off = code === DAY_OFF ? t.daysOff.get(i) : undefined;
        skipped.push(off ? { date, reason: off.key, name: off.name } : { date, reason: 'weekend' });
      }
    }
  }

  private tableOf(dn: number): YearTable {
    const last = this.last;
    if (last && dn >= last.start && dn < last.end) return last;
    const t = this.table(partsFromDayNumber(dn).year);
    this.last = t;
    return t;
  }

  private table(year: number): YearTable {
    const cached = this.tables.get(year);
    if (cached) return cached;
    const t = this.build(year);
    this.tables.set(year, t);
    return t;
  }

  private build(year: number): YearTable {
    const start = dayNumberFromParts(year, 1, 1);
    const end = dayNumberFromParts(year + 1, 1, 1);
    const length = end - start;
    const codes = new Uint8Array(length);
    for (let i = 0; i < length; i++) codes[i] = isWeekend(start + i) ? WEEKEND : WORKING;

    const daysOff = new Map<number, HolidayDay>();
    const markOff = (day: HolidayDay) => {
      const i = parseIsoDate(day.date) - start;
      if (i < 0 || i >= length || daysOff.has(i)) return;
      daysOff.set(i, day);
      codes[i] = DAY_OFF;
    };
    const own = this.holidays(year);
    for (const day of own.daysOff) markOff(day);
    // Announced ranges of a neighbouring year may spill over 1 January (e.g. 30/12–1/1).
    const neighbours = [this.adjustments[year - 1], this.adjustments[year + 1]];
    for (const adj of neighbours) {
      if (adj) for (const day of expandOfficialRanges(adj.holidayRanges)) markOff(day);
    }

    const makeUp = [...own.makeUpWorkingDays, ...neighbours.flatMap((adj) => adj?.makeUpWorkingDays ?? [])];
    for (const date of makeUp) {
      const i = parseIsoDate(date) - start;
      if (i >= 0 && i < length) {
        codes[i] = WORKING;
        daysOff.delete(i);
      }
    }

    const cum = new Int32Array(length + 1);
    for (let i = 0; i < length; i++) cum[i + 1] = cum[i]! + (codes[i] === WORKING ? 1 : 0);
    return { year, start, end, codes, cum, daysOff, iso: new Array<IsoDate | undefined>(length) };
  }
}

let defaultCalendar: WorkingCalendar | undefined;

/** A shared calendar with the statutory defaults only (no announcements). */
export function getDefaultCalendar(): WorkingCalendar {
  defaultCalendar ??= new WorkingCalendar();
  return defaultCalendar;
}

export function addWorkingDays(
  from: IsoDate,
  n: number,
  calendar: WorkingCalendar = getDefaultCalendar(),
): IsoDate {
  return calendar.addWorkingDays(from, n);
}

export function workingDaysBetween(
  a: IsoDate,
  b: IsoDate,
  calendar: WorkingCalendar = getDefaultCalendar(),
): number {
  return calendar.workingDaysBetween(a, b);
}
