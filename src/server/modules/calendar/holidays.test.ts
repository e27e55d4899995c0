import { describe, expect, it } from 'vitest';
import { type HolidayDay, type HolidayKey, holidaysOfYear, type YearAdjustments } from './holidays';
import { KNOWN_ANNOUNCEMENTS } from './known-announcements';

const NONE: YearAdjustments = { holidayRanges: [], makeUpWorkingDays: [] };
const compact = (days: HolidayDay[]) => days.map((d) => `${d.date} ${d.key} ${d.kind}`);
const ofKey = (year: number, key: HolidayKey, adj?: YearAdjustments) =>
  compact(holidaysOfYear(year, adj).daysOff.filter((d) => d.key === key));

describe('default Tết: last day of the lunar year + lunar 1/1..1/4, weekend days compensated', () => {
  it.each([
    // 2024: Fri 9/2 (30 Tết) … Tue 13/2; Sat 10/2 + Sun 11/2 → Wed 14/2, Thu 15/2.
    [
      2024,
      [
        '2024-02-09 tet statutory',
        '2024-02-10 tet statutory',
        '2024-02-11 tet statutory',
        '2024-02-12 tet statutory',
        '2024-02-13 tet statutory',
        '2024-02-14 tet compensatory',
        '2024-02-15 tet compensatory',
      ],
    ],
    // 2025: Tue 28/1 (29 Tết) … Sat 1/2 → Mon 3/2.
    [
      2025,
      [
        '2025-01-28 tet statutory',
        '2025-01-29 tet statutory',
        '2025-01-30 tet statutory',
        '2025-01-31 tet statutory',
        '2025-02-01 tet statutory',
        '2025-02-03 tet compensatory',
      ],
    ],
    // 2026: Mon 16/2 … Fri 20/2, no weekend day → no compensation (matches the statutory days of §5).
    [
      2026,
      [
        '2026-02-16 tet statutory',
        '2026-02-17 tet statutory',
        '2026-02-18 tet statutory',
        '2026-02-19 tet statutory',
        '2026-02-20 tet statutory',
      ],
    ],
    // 2027: Fri 5/2 … Tue 9/2; Sat 6/2 (mùng 1) + Sun 7/2 → Wed 10/2, Thu 11/2.
    [
      2027,
      [
        '2027-02-05 tet statutory',
        '2027-02-06 tet statutory',
        '2027-02-07 tet statutory',
        '2027-02-08 tet statutory',
        '2027-02-09 tet statutory',
        '2027-02-10 tet compensatory',
        '2027-02-11 tet compensatory',
      ],
    ],
  ])('%i', (year, expected) => {
    expect(ofKey(year, 'tet')).toEqual(expected);
  });
});

describe('compensatory days (art. 111(3))', () => {
  it.each([
    [
      'Giỗ Tổ on Sunday 26/4/2026',
      2026,
      'hung_kings',
      ['2026-04-26 hung_kings statutory', '2026-04-27 hung_kings compensatory'],
    ],
    [
      'Giỗ Tổ on Sunday 10/4/2022',
      2022,
      'hung_kings',
      ['2022-04-10 hung_kings statutory', '2022-04-11 hung_kings compensatory'],
    ],
    ['Giỗ Tổ on a weekday (Thu 18/4/2024)', 2024, 'hung_kings', ['2024-04-18 hung_kings statutory']],
    [
      '1/1 on Saturday (2022)',
      2022,
      'new_year',
      ['2022-01-01 new_year statutory', '2022-01-03 new_year compensatory'],
    ],
    [
      '1/1 on Sunday (2023)',
      2023,
      'new_year',
      ['2023-01-01 new_year statutory', '2023-01-02 new_year compensatory'],
    ],
    [
      '1/1 on Saturday (2028)',
      2028,
      'new_year',
      ['2028-01-01 new_year statutory', '2028-01-03 new_year compensatory'],
    ],
    [
      '1/5 on Saturday (2027)',
      2027,
      'labour',
      ['2027-05-01 labour statutory', '2027-05-03 labour compensatory'],
    ],
  ] as const)('%s', (_label, year, key, expected) => {
    expect(ofKey(year, key)).toEqual(expected);
  });

  it('30/4 (Sat) and 1/5 (Sun) 2022 are compensated on consecutive working days Mon 2/5, Tue 3/5', () => {
    const days = holidaysOfYear(2022).daysOff.filter((d) => d.date >= '2022-04-30' && d.date <= '2022-05-06');
    expect(compact(days)).toEqual([
      '2022-04-30 reunification statutory',
      '2022-05-01 labour statutory',
      '2022-05-02 reunification compensatory',
      '2022-05-03 labour compensatory',
    ]);
  });

  it('30/4 on Sunday 2028 skips the holiday Mon 1/5 and lands on Tue 2/5', () => {
    expect(ofKey(2028, 'reunification')).toEqual([
      '2028-04-30 reunification statutory',
      '2028-05-02 reunification compensatory',
    ]);
  });

  it('2023: Giỗ Tổ Sat 29/4 and 30/4 Sun → Tue 2/5 and Wed 3/5 (Mon 1/5 is itself a holiday)', () => {
    const days = holidaysOfYear(2023).daysOff.filter((d) => d.date >= '2023-04-29' && d.date <= '2023-05-05');
    expect(compact(days)).toEqual([
      '2023-04-29 hung_kings statutory',
      '2023-04-30 reunification statutory',
      '2023-05-01 labour statutory',
      '2023-05-02 hung_kings compensatory',
      '2023-05-03 reunification compensatory',
    ]);
  });

  it('compensatory days carry a bilingual name, Vietnamese first', () => {
    const comp = holidaysOfYear(2026).daysOff.find((d) => d.date === '2026-04-27');
    expect(comp?.name).toEqual({
      vi: 'Nghỉ bù Giỗ Tổ Hùng Vương',
      en: 'Compensatory day off (Hung Kings Commemoration Day)',
    });
    expect(Object.keys(comp?.name ?? {})).toEqual(['vi', 'en']);
  });
});

describe('2/9 + adjacent day [U] default: join the weekend', () => {
  it.each([
    [2021, 'Thu', ['2021-09-02', '2021-09-03']],
    [2022, 'Fri', ['2022-09-01', '2022-09-02']],
    [2023, 'Sat', ['2023-09-01', '2023-09-02', '2023-09-04']],
    [2024, 'Mon', ['2024-09-02', '2024-09-03']],
    [2025, 'Tue', ['2025-09-01', '2025-09-02']],
    [2026, 'Wed', ['2026-09-01', '2026-09-02']],
    [2029, 'Sun', ['2029-09-02', '2029-09-03', '2029-09-04']],
  ])('%i (2/9 is a %s) → %j', (year, _weekday, expected) => {
    expect(
      holidaysOfYear(year)
        .daysOff.filter((d) => d.key === 'national_day')
        .map((d) => d.date),
    ).toEqual(expected);
  });

  it('the rule is configurable', () => {
    const days = holidaysOfYear(2025, undefined, { nationalDayAdjacent: () => 1 }).daysOff;
    expect(days.filter((d) => d.key === 'national_day').map((d) => d.date)).toEqual([
      '2025-09-02',
      '2025-09-03',
    ]);
  });
});

describe('official adjustments', () => {
  it('Tết 2026 announcement replaces the default Tết: 14/2–22/2, no compensatory days', () => {
    expect(ofKey(2026, 'tet', KNOWN_ANNOUNCEMENTS[2026])).toEqual(
      ['14', '15', '16', '17', '18', '19', '20', '21', '22'].map((d) => `2026-02-${d} tet official`),
    );
  });

  it('only the announced key is replaced (Giỗ Tổ 2026 is still compensated on Mon 27/4)', () => {
    expect(ofKey(2026, 'hung_kings', KNOWN_ANNOUNCEMENTS[2026])).toEqual([
      '2026-04-26 hung_kings statutory',
      '2026-04-27 hung_kings compensatory',
    ]);
  });

  it("a 'national_day' range replaces the default adjacent day", () => {
    const adj: YearAdjustments = {
      holidayRanges: [{ from: '2026-09-02', to: '2026-09-03', key: 'national_day', name: 'Quốc khánh 2026' }],
      makeUpWorkingDays: [],
    };
    expect(ofKey(2026, 'national_day', adj)).toEqual([
      '2026-09-02 national_day official',
      '2026-09-03 national_day official',
    ]);
  });

  it("an 'other' range adds days off without replacing anything (24/11 Culture Day, a Tuesday in 2026)", () => {
    const adj: YearAdjustments = {
      holidayRanges: [{ from: '2026-11-24', to: '2026-11-24', key: 'other', name: 'Ngày Văn hóa Việt Nam' }],
      makeUpWorkingDays: [],
    };
    const { daysOff } = holidaysOfYear(2026, adj);
    expect(daysOff).toHaveLength(holidaysOfYear(2026).daysOff.length + 1);
    expect(daysOff.at(-1)).toEqual({
      date: '2026-11-24',
      key: 'other',
      kind: 'official',
      name: { vi: 'Ngày Văn hóa Việt Nam', en: 'Ngày Văn hóa Việt Nam' },
    });
  });

  it('an official day on a weekend gives no compensation (24/11/2029 is a Saturday)', () => {
    const adj: YearAdjustments = {
      holidayRanges: [{ from: '2029-11-24', to: '2029-11-24', key: 'other', name: 'Ngày Văn hóa Việt Nam' }],
      makeUpWorkingDays: [],
    };
    expect(
      holidaysOfYear(2029, adj)
        .daysOff.filter((d) => d.date >= '2029-11-01')
        .map((d) => d.date),
    ).toEqual(['2029-11-24']);
  });

  it('2024 swap: Mon 29/4 off, Sat 4/5 worked; not applied without the adjustments', () => {
    const withSwap = holidaysOfYear(2024, KNOWN_ANNOUNCEMENTS[2024]);
    expect(withSwap.daysOff.find((d) => d.date === '2024-04-29')?.key).toBe('other');
    expect(withSwap.makeUpWorkingDays).toEqual(['2024-05-04']);
    const plain = holidaysOfYear(2024);
    expect(plain.daysOff.some((d) => d.date === '2024-04-29')).toBe(false);
    expect(plain.makeUpWorkingDays).toEqual([]);
  });

  it('make-up days come back sorted and de-duplicated', () => {
    const adj: YearAdjustments = {
      holidayRanges: [],
      makeUpWorkingDays: ['2025-05-10', '2025-02-08', '2025-05-10'],
    };
    expect(holidaysOfYear(2025, adj).makeUpWorkingDays).toEqual(['2025-02-08', '2025-05-10']);
  });

  it.each([
    [
      'a range ending before it starts',
      { from: '2026-02-22', to: '2026-02-14', key: 'tet' as const, name: 'x' },
      [],
    ],
    [
      'an impossible range date',
      { from: '2026-02-30', to: '2026-03-01', key: 'tet' as const, name: 'x' },
      [],
    ],
    ['an unknown key', { from: '2026-02-14', to: '2026-02-14', key: 'xmas' as HolidayKey, name: 'x' }, []],
    ['an impossible make-up day', undefined, ['2026-02-29']],
  ])('rejects %s', (_label, range, makeUp) => {
    const adj: YearAdjustments = { holidayRanges: range ? [range] : [], makeUpWorkingDays: makeUp };
    expect(() => holidaysOfYear(2026, adj)).toThrow(RangeError);
  });
});

describe('holidaysOfYear shape', () => {
  it('2026 default: 12 days off, sorted by date, all inside the year', () => {
    const { daysOff } = holidaysOfYear(2026, NONE);
    expect(daysOff.map((d) => d.date)).toEqual([
      '2026-01-01',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-26',
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
      '2026-09-01',
      '2026-09-02',
    ]);
  });

  it('rejects a year outside the lunar tables', () => {
    expect(() => holidaysOfYear(2200)).toThrow(RangeError);
  });
});

describe('KNOWN_ANNOUNCEMENTS', () => {
  it.each(Object.entries(KNOWN_ANNOUNCEMENTS))(
    '%s: every range explains itself to the administrator',
    (_year, adj) => {
      for (const r of adj.holidayRanges) expect(r.note?.length).toBeGreaterThan(20);
    },
  );

  it('tells the administrator that 2025 is unconfirmed, and not 2026', () => {
    expect(KNOWN_ANNOUNCEMENTS[2025]?.holidayRanges[0]?.note).toContain('Chưa đối chiếu');
    expect(KNOWN_ANNOUNCEMENTS[2026]?.holidayRanges[0]?.note).not.toContain('Chưa đối chiếu');
    expect(KNOWN_ANNOUNCEMENTS[2025]?.makeUpWorkingDays).toEqual(['2025-02-08']);
  });
});
