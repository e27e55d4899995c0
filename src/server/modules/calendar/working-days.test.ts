import { describe, expect, it } from 'vitest';
import { KNOWN_ANNOUNCEMENTS } from './known-announcements';
import { addWorkingDays, WorkingCalendar, workingDaysBetween } from './working-days';

/** Statutory defaults only. */
const plain = new WorkingCalendar();
/** With the announcements of domain-vn.md §5 (2024 swap, 2025 Tết [U], 2026 Tết). */
const official = new WorkingCalendar(KNOWN_ANNOUNCEMENTS);
const calendars = { plain, official };

describe('isWorkingDay', () => {
  it.each([
    ['2026-02-23', 'Mon after the official Tết 2026', true, true],
    ['2026-02-13', 'Fri before Tết 2026', true, true],
    ['2026-02-21', 'Sat inside the official Tết range', false, false],
    ['2026-02-16', 'Mon, a default Tết day', false, false],
    ['2026-04-27', 'Mon, nghỉ bù for Giỗ Tổ on Sun 26/4', false, false],
    ['2024-04-29', 'Mon 29/4/2024, swapped day off', true, false],
    ['2024-05-04', 'Sat 4/5/2024, make-up working day', false, true],
    ['2024-05-11', 'an ordinary Saturday', false, false],
    ['2025-02-03', 'Mon 3/2/2025: default nghỉ bù, but not in the announced range', false, true],
    ['2025-01-27', 'Mon 27/1/2025: inside the announced Tết range only', true, false],
    ['2025-02-08', 'Sat 8/2/2025, make-up day of the [U] announcement', false, true],
  ])('%s (%s): plain %s, official %s', (date, _label, plainExpected, officialExpected) => {
    expect(plain.isWorkingDay(date)).toBe(plainExpected);
    expect(official.isWorkingDay(date)).toBe(officialExpected);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['plain', '2025-12-30', 3, '2026-01-05'], // crosses Thu 1/1/2026 and a weekend
    ['plain', '2026-01-07', 0, '2026-01-07'], // n = 0 on a working day → itself
    ['plain', '2026-01-10', 0, '2026-01-12'], // n = 0 on a Saturday → next Monday
    ['official', '2026-02-14', 0, '2026-02-23'], // n = 0 inside Tết 2026 → first day after it
    ['official', '2026-02-13', 1, '2026-02-23'],
    ['official', '2026-02-10', 15, '2026-03-10'],
    ['plain', '2024-02-08', 1, '2024-02-16'], // default Tết 2024 incl. nghỉ bù Wed 14, Thu 15
    ['plain', '2026-04-24', 1, '2026-04-28'], // Sat, Sun Giỗ Tổ, Mon nghỉ bù
    ['plain', '2026-04-29', 1, '2026-05-04'], // Thu 30/4, Fri 1/5, weekend
    ['plain', '2022-04-29', 1, '2022-05-04'], // 30/4–1/5/2022 on a weekend → Mon 2, Tue 3 off
    ['plain', '2024-04-26', 1, '2024-04-29'],
    ['official', '2024-04-26', 1, '2024-05-02'], // swap: Mon 29/4 off as well
    ['plain', '2024-05-03', 1, '2024-05-06'],
    ['official', '2024-05-03', 1, '2024-05-04'], // the make-up Saturday counts
    ['plain', '2025-08-29', 1, '2025-09-03'], // 1/9 (Mon) + 2/9 (Tue) 2025
    ['plain', '2024-12-31', 250, '2025-12-31'], // 2025 has 250 working days by default
  ] as const)('%s: %s + %i → %s', (cal, from, n, due) => {
    expect(calendars[cal].addWorkingDays(from, n)).toBe(due);
  });

  it('plain functions use the default calendar unless given one', () => {
    expect(addWorkingDays('2024-04-26', 1)).toBe('2024-04-29');
    expect(addWorkingDays('2024-04-26', 1, official)).toBe('2024-05-02');
  });

  it('an announced range spilling over 1 January is honoured in both years', () => {
    const cal = new WorkingCalendar({
      2025: {
        holidayRanges: [{ from: '2024-12-31', to: '2025-01-01', key: 'new_year', name: 'Tết Dương lịch' }],
        makeUpWorkingDays: [],
      },
    });
    expect(cal.isWorkingDay('2024-12-31')).toBe(false);
    expect(cal.addWorkingDays('2024-12-30', 1)).toBe('2025-01-02');
  });
});

describe('deadline', () => {
  it('from 2025-12-30 + 3 crosses New Year: due Mon 2026-01-05', () => {
    expect(plain.deadline('2025-12-30', 3)).toEqual({
      due: '2026-01-05',
      skipped: [
        { date: '2026-01-01', reason: 'new_year', name: { vi: 'Tết Dương lịch', en: "New Year's Day" } },
        { date: '2026-01-03', reason: 'weekend' },
        { date: '2026-01-04', reason: 'weekend' },
      ],
    });
  });

  it('days of an announced range are reported by holiday, even on a weekend', () => {
    const { due, skipped } = official.deadline('2026-02-13', 1);
    expect(due).toBe('2026-02-23');
    expect(skipped.map((s) => `${s.date} ${s.reason}`)).toEqual(
      ['14', '15', '16', '17', '18', '19', '20', '21', '22'].map((d) => `2026-02-${d} tet`),
    );
    expect(skipped[0]?.name?.vi).toBe('Tết Bính Ngọ 2026');
  });

  it('reports compensatory days with their key', () => {
    expect(plain.deadline('2026-04-24', 1).skipped).toEqual([
      { date: '2026-04-25', reason: 'weekend' },
      {
        date: '2026-04-26',
        reason: 'hung_kings',
        name: { vi: 'Giỗ Tổ Hùng Vương', en: 'Hung Kings Commemoration Day' },
      },
      {
        date: '2026-04-27',
        reason: 'hung_kings',
        name: { vi: 'Nghỉ bù Giỗ Tổ Hùng Vương', en: 'Compensatory day off (Hung Kings Commemoration Day)' },
      },
    ]);
  });

  it.each([
    ['2026-01-07', '2026-01-07', []],
    ['2026-01-10', '2026-01-12', ['2026-01-11 weekend']], // `from` itself is never listed
  ])('n = 0 from %s → %s, skipped %j', (from, due, skipped) => {
    const result = plain.deadline(from, 0);
    expect(result.due).toBe(due);
    expect(result.skipped.map((s) => `${s.date} ${s.reason}`)).toEqual(skipped);
  });

  it.each([
    ['2025-12-24', 7],
    ['2026-02-06', 10],
    ['2024-04-25', 5],
    ['2026-08-28', 3],
  ] as const)('agrees with addWorkingDays from %s + %i on both calendars', (from, n) => {
    for (const cal of [plain, official]) expect(cal.deadline(from, n).due).toBe(cal.addWorkingDays(from, n));
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['plain', '2025-12-30', '2026-01-05', 3],
    ['plain', '2026-01-05', '2025-12-30', -3],
    ['official', '2026-02-13', '2026-02-23', 1],
    ['official', '2026-02-23', '2026-02-13', -1],
    ['plain', '2026-03-04', '2026-03-04', 0],
    ['plain', '2026-03-07', '2026-03-08', 0], // Sat → Sun
    ['plain', '2025-12-31', '2026-12-31', 250], // all of 2026
    ['official', '2025-12-31', '2026-12-31', 250], // 14/2–22/2 has the same weekdays as 16/2–20/2
    ['plain', '2023-12-31', '2024-12-31', 251], // 262 weekdays − 11 weekday holidays
    ['official', '2023-12-31', '2024-12-31', 251], // + Sat 4/5 worked − Mon 29/4 off
    ['plain', '2024-12-31', '2026-12-31', 500],
    ['official', '2024-12-31', '2026-12-31', 501], // 2025: range 25/1–2/2 (5 weekdays) + Sat 8/2 worked
    ['official', '2026-12-31', '2024-12-31', -501],
  ] as const)('%s: (%s, %s] → %i', (cal, a, b, expected) => {
    expect(calendars[cal].workingDaysBetween(a, b)).toBe(expected);
  });

  it.each([
    ['2025-12-30', '2026-01-05'],
    ['2026-02-10', '2026-03-10'],
    ['2024-04-26', '2024-05-04'],
    ['2024-12-31', '2026-02-23'],
  ])('addWorkingDays(%s, workingDaysBetween(…, %s)) returns the working day itself', (a, b) => {
    expect(official.isWorkingDay(b)).toBe(true);
    expect(official.addWorkingDays(a, official.workingDaysBetween(a, b))).toBe(b);
  });

  it('plain function uses the default calendar unless given one', () => {
    expect(workingDaysBetween('2024-04-26', '2024-05-06')).toBe(4); // Mon 29, Thu 2, Fri 3, Mon 6
    expect(workingDaysBetween('2024-04-26', '2024-05-06', official)).toBe(4); // Thu 2, Fri 3, Sat 4, Mon 6
  });
});

describe('invalid input', () => {
  it.each(['2025-02-30', '2025-13-01', '2025-2-3', '03/02/2025', ''])('rejects the date %j', (date) => {
    expect(() => plain.isWorkingDay(date)).toThrow(RangeError);
    expect(() => plain.addWorkingDays(date, 1)).toThrow(RangeError);
    expect(() => plain.deadline(date, 1)).toThrow(RangeError);
    expect(() => plain.workingDaysBetween(date, '2025-01-02')).toThrow(RangeError);
    expect(() => plain.workingDaysBetween('2025-01-02', date)).toThrow(RangeError);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects n = %s', (n) => {
    expect(() => plain.addWorkingDays('2025-01-02', n)).toThrow(RangeError);
    expect(() => plain.deadline('2025-01-02', n)).toThrow(RangeError);
    expect(() => addWorkingDays('2025-01-02', n)).toThrow(RangeError);
  });

  it('rejects dates outside the lunar tables (holidays unknown)', () => {
    expect(() => plain.isWorkingDay('2200-06-02')).toThrow(RangeError);
    expect(() => plain.addWorkingDays('1199-06-02', 1)).toThrow(RangeError);
  });
});

describe('calendar.holidays', () => {
  it('applies the calendar’s own announcements for that year', () => {
    expect(official.holidays(2026).daysOff.find((d) => d.key === 'tet')?.date).toBe('2026-02-14');
    expect(plain.holidays(2026).daysOff.find((d) => d.key === 'tet')?.date).toBe('2026-02-16');
  });
});
