import { describe, expect, it } from 'vitest';
import {
  formatIsoDate,
  lastDayOfLunarYear,
  leapMonthOf,
  lunarMonthLength,
  lunarToSolar,
  parseIsoDate,
  tetDate,
  weekdayOf,
} from './lunar';

describe('tetDate (lunar 1/1, UTC+7)', () => {
  it.each([
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
    [2029, '2029-02-13'],
    // New moon 2 Feb 2030 ≈ 16:07 UTC: 23:07 in Hà Nội (UTC+7) but 00:07 on 3 Feb in Beijing (UTC+8).
    [2030, '2030-02-02'],
    // Famous divergences from the Chinese calendar (UTC+8): 2007 (China 18/2), 1985 (China 20/2).
    [2007, '2007-02-17'],
    [1985, '1985-01-21'],
  ])('Tết %i is %s', (year, expected) => {
    expect(tetDate(year)).toBe(expected);
    expect(lunarToSolar(year, 1, 1)).toBe(expected);
  });
});

describe('lunarToSolar', () => {
  it.each([
    [2024, '2024-04-18', 4],
    [2025, '2025-04-07', 1],
    [2026, '2026-04-26', 0],
    [2027, '2027-04-16', 5],
  ])('Giỗ Tổ (10/3) of %i is %s (weekday %i)', (year, expected, weekday) => {
    expect(lunarToSolar(year, 3, 10)).toBe(expected);
    expect(weekdayOf(parseIsoDate(expected))).toBe(weekday);
  });

  it.each([
    // 2025 (Ất Tỵ) has a leap 6th month: regular 6th starts 25/6, leap 6th starts 25/7, 7th on 23/8.
    [2025, 6, 1, false, '2025-06-25'],
    [2025, 6, 1, true, '2025-07-25'],
    [2025, 7, 1, false, '2025-08-23'],
    [2023, 2, 1, true, '2023-03-22'],
    [2024, 8, 15, false, '2024-09-17'], // Tết Trung thu 2024
  ])('%i-%i-%i (leap %s) → %s', (year, month, day, leap, expected) => {
    expect(lunarToSolar(year, month, day, leap)).toBe(expected);
  });

  it.each([
    [2020, 4],
    [2023, 2],
    [2024, 0],
    [2025, 6],
    [2028, 5],
  ])('leap month of %i is %i', (year, month) => {
    expect(leapMonthOf(year)).toBe(month);
  });

  it.each([
    ['day 30 of a 29-day month', 2024, 12, 30, false],
    ['a leap month that does not exist', 2025, 5, 1, true],
    ['month 13', 2025, 13, 1, false],
    ['month 0', 2025, 0, 1, false],
    ['day 0', 2025, 1, 0, false],
    ['a fractional day', 2025, 1, 1.5, false],
    ['a year before the tables', 1199, 1, 1, false],
    ['a year after the tables', 2200, 1, 1, false],
  ])('rejects %s', (_label, year, month, day, leap) => {
    expect(() => lunarToSolar(year, month, day, leap)).toThrow(RangeError);
  });
});

describe('lastDayOfLunarYear', () => {
  it.each([
    // Lunar 2023 (Quý Mão): month 12 has 30 days → 30 Tết = 9/2/2024, the eve of 10/2/2024.
    [2023, 30, '2024-02-09'],
    // Lunar 2024 (Giáp Thìn): month 12 has 29 days → 29 Tết = 28/1/2025.
    [2024, 29, '2025-01-28'],
    [2025, 29, '2026-02-16'],
    [2026, 29, '2027-02-05'],
  ])('lunar year %i: month 12 has %i days, last day %s', (year, length, expected) => {
    expect(lunarMonthLength(year, 12)).toBe(length);
    expect(lastDayOfLunarYear(year)).toBe(expected);
    expect(lunarToSolar(year, 12, length)).toBe(expected);
  });
});

describe('ISO day numbers', () => {
  it.each([
    ['1970-01-01', 0, 4],
    ['2000-02-29', 11016, 2],
    ['2024-02-10', 19763, 6],
    ['2026-02-23', 20507, 1],
  ])('%s is day %i, weekday %i', (iso, dn, weekday) => {
    expect(parseIsoDate(iso)).toBe(dn);
    expect(formatIsoDate(dn)).toBe(iso);
    expect(weekdayOf(dn)).toBe(weekday);
  });

  it.each([
    '2025-02-29',
    '1900-02-29',
    '2025-02-30',
    '2025-04-31',
    '2025-13-01',
    '2025-00-10',
    '2025-01-00',
    '0000-01-01',
    '2025-1-05',
    '20250105',
    '2025/01/05',
    '2025-01-05T00:00',
    ' 2025-01-05',
    '',
  ])('rejects %j', (iso) => {
    expect(() => parseIsoDate(iso)).toThrow(RangeError);
  });
});
