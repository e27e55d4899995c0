/**
 * Statutory public holidays (Labor Code 2019 art. 112) and the compensatory-day rule of art. 111(3),
 * with the Government's yearly announcements applied as overrides. Pure: no I/O.
 * See docs/domain-vn.md §5.
 */
import {
  dayNumberFromParts,
  formatIsoDate,
  type IsoDate,
  lastDayOfLunarYear,
  lunarToDayNumber,
  parseIsoDate,
  weekdayOf,
} from './lunar';

export type { IsoDate } from './lunar';

export type HolidayKey =
  | 'new_year'
  | 'tet'
  | 'hung_kings'
  | 'reunification'
  | 'labour'
  | 'national_day'
  | 'other';

export interface LocalizedName {
  vi: string;
  en: string;
}

export interface HolidayDay {
  date: IsoDate;
  key: HolidayKey;
  /** statutory = default day of art. 112; compensatory = nghỉ bù (art. 111(3)); official = announced range. */
  kind: 'statutory' | 'compensatory' | 'official';
  name: LocalizedName;
}

/** A day-off range announced by the Government for a year; replaces the computed default of its key. */
export interface OfficialHolidayRange {
  from: IsoDate;
  to: IsoDate;
  key: HolidayKey;
  name: string;
  note?: string;
}

export interface YearAdjustments {
  holidayRanges: OfficialHolidayRange[];
  /** Ngày làm bù: Saturdays (or Sundays) worked in exchange for a bridged day off. */
  makeUpWorkingDays: IsoDate[];
}

export interface YearHolidays {
  daysOff: HolidayDay[];
  makeUpWorkingDays: IsoDate[];
}

const localized = (vi: string, en: string): LocalizedName => Object.freeze({ vi, en });

/** Bilingual names of the holidays (Vietnamese first), frozen because day objects share them. */
export const HOLIDAY_NAMES: Readonly<Record<HolidayKey, LocalizedName>> = Object.freeze({
  new_year: localized('Tết Dương lịch', "New Year's Day"),
  tet: localized('Tết Âm lịch', 'Lunar New Year (Tết)'),
  hung_kings: localized('Giỗ Tổ Hùng Vương', 'Hung Kings Commemoration Day'),
  reunification: localized('Ngày Chiến thắng', 'Reunification Day'),
  labour: localized('Ngày Quốc tế lao động', 'International Labour Day'),
  national_day: localized('Quốc khánh', 'National Day'),
  other: localized('Ngày nghỉ khác', 'Other day off'),
});

/** Order in which default holidays claim dates (and compensatory days are handed out). */
const DEFAULT_KEYS: readonly Exclude<HolidayKey, 'other'>[] = [
  'new_year',
  'tet',
  'hung_kings',
  'reunification',
  'labour',
  'national_day',
];

/** Days since 1970-01-01 of the n days starting at `start`. */
const run = (start: number, n: number): number[] => Array.from({ length: n }, (_, i) => start + i);

export const isWeekend = (dayNumber: number): boolean => {
  const wd = weekdayOf(dayNumber);
  return wd === 0 || wd === 6;
};

/**
 * [U] Default for the day adjacent to 2/9 (the Prime Minister picks it each year), by weekday of 2/9
 * (0 = Sunday … 6 = Saturday); −1 = 1/9, +1 = 3/9. Rule: make the two days join a weekend.
 *   Mon → 3/9 (Sat 31/8–Tue 3/9; 2024 ✓)   Tue → 1/9 (Sat 30/8–Tue 2/9; 2025 ✓)
 *   Thu → 3/9 (Thu–Sun; 2021 ✓)             Fri → 1/9 (Thu–Sun; 2022 ✓)
 *   Sat → 1/9 (Fri; 2/9 compensated Mon)    Sun → 3/9 (Mon; 2/9 compensated Tue)
 *   Wed → 1/9 (no weekend reachable; the eve, as in 2022 and 2025 — override when announced).
 */
export const NATIONAL_DAY_ADJACENT_OFFSET: Readonly<Record<number, -1 | 1>> = {
  0: 1,
  1: 1,
  2: -1,
  3: -1,
  4: 1,
  5: -1,
  6: -1,
};

export interface DefaultHolidayRules {
  /** Picks the day adjacent to 2/9: −1 (1/9) or +1 (3/9), given the weekday of 2/9 and the year. */
  nationalDayAdjacent: (weekdayOf2Sep: number, year: number) => -1 | 1;
}

export const DEFAULT_HOLIDAY_RULES: DefaultHolidayRules = {
  nationalDayAdjacent: (weekday) => NATIONAL_DAY_ADJACENT_OFFSET[weekday] ?? 1,
};

/** The default (not yet announced) days of art. 112 for a solar year, per key, as day numbers. */
export function defaultStatutoryDays(
  year: number,
  rules: DefaultHolidayRules = DEFAULT_HOLIDAY_RULES,
): Record<Exclude<HolidayKey, 'other'>, number[]> {
  if (!Number.isInteger(year)) throw new RangeError(`Year must be an integer, got ${year}`);
  const d = (month: number, day: number) => dayNumberFromParts(year, month, day);
  const sep2 = d(9, 2);
  const adjacent = sep2 + rules.nationalDayAdjacent(weekdayOf(sep2), year);
  // Tết of lunar year Y always falls in solar January/February of Y, so all five days stay in Y.
  const eve = parseIsoDate(lastDayOfLunarYear(year - 1));
  return {
    new_year: [d(1, 1)],
    tet: run(eve, 5), // last day of the lunar year + lunar 1/1..1/4 (domain-vn.md §5 default)
    hung_kings: [lunarToDayNumber(year, 3, 10)],
    reunification: [d(4, 30)],
    labour: [d(5, 1)],
    national_day: [Math.min(sep2, adjacent), Math.max(sep2, adjacent)],
  };
}

function validateAdjustments(adj: YearAdjustments): void {
  for (const r of adj.holidayRanges) {
    if (!(r.key in HOLIDAY_NAMES)) throw new RangeError(`Unknown holiday key: ${String(r.key)}`);
    if (parseIsoDate(r.from) > parseIsoDate(r.to)) {
      throw new RangeError(`Holiday range ${r.from}..${r.to} ends before it starts`);
    }
  }
  for (const m of adj.makeUpWorkingDays) parseIsoDate(m);
}

/** Expands official ranges into days off (kind 'official'); weekend days in them get no compensation. */
export function expandOfficialRanges(ranges: readonly OfficialHolidayRange[]): HolidayDay[] {
  const out: HolidayDay[] = [];
  for (const r of ranges) {
    const from = parseIsoDate(r.from);
    const to = parseIsoDate(r.to);
    const label = localized(r.name, r.key === 'other' ? r.name : HOLIDAY_NAMES[r.key].en);
    for (let dn = from; dn <= to; dn++) {
      out.push({ date: formatIsoDate(dn), key: r.key, kind: 'official', name: label });
    }
  }
  return out;
}

/**
 * Days off and make-up working days of a solar year, sorted by date.
 * - Keys with an official range in `adjustments` use that range only (no computed default, no nghỉ bù).
 * - Other keys use the art. 112 defaults; each default day on a Saturday/Sunday yields a compensatory day
 *   on the next Monday–Friday that is not already a day off (processed in date order).
 * - A date claimed twice keeps its first claim (official ranges, then defaults in DEFAULT_KEYS order).
 */
export function holidaysOfYear(
  year: number,
  adjustments?: YearAdjustments,
  rules: DefaultHolidayRules = DEFAULT_HOLIDAY_RULES,
): YearHolidays {
  const adj = adjustments ?? { holidayRanges: [], makeUpWorkingDays: [] };
  validateAdjustments(adj);
  const overridden = new Set(adj.holidayRanges.map((r) => r.key));
  const claimed = new Map<number, HolidayDay>();
  const claim = (dn: number, day: HolidayDay) => {
    if (claimed.has(dn)) return false;
    claimed.set(dn, day);
    return true;
  };

  for (const day of expandOfficialRanges(adj.holidayRanges)) claim(parseIsoDate(day.date), day);

  const defaults = defaultStatutoryDays(year, rules);
  const weekendHolidays: { dn: number; key: HolidayKey }[] = [];
  for (const key of DEFAULT_KEYS) {
    if (overridden.has(key)) continue;
    for (const dn of defaults[key]) {
      const day: HolidayDay = { date: formatIsoDate(dn), key, kind: 'statutory', name: HOLIDAY_NAMES[key] };
      if (claim(dn, day) && isWeekend(dn)) weekendHolidays.push({ dn, key });
    }
  }

  weekendHolidays.sort((a, b) => a.dn - b.dn);
  for (const { dn, key } of weekendHolidays) {
    let c = dn + 1;
    while (isWeekend(c) || claimed.has(c)) c++;
    const base = HOLIDAY_NAMES[key];
    claim(c, {
      date: formatIsoDate(c),
      key,
      kind: 'compensatory',
      name: localized(`Nghỉ bù ${base.vi}`, `Compensatory day off (${base.en})`),
    });
  }

  const daysOff = [...claimed.entries()].sort((a, b) => a[0] - b[0]).map(([, day]) => day);
  const makeUpWorkingDays = [...new Set(adj.makeUpWorkingDays)].sort();
  return { daysOff, makeUpWorkingDays };
}
