import { describe, expect, it } from 'vitest';
import { type CalendarChange, changedWorkingDays, yearsTouchedBy } from './changes';
import type { YearAdjustments } from './holidays';
import { WorkingCalendar } from './working-days';

const year = (adj: Partial<YearAdjustments>): YearAdjustments => ({
  holidayRanges: [],
  makeUpWorkingDays: [],
  ...adj,
});
const range = (from: string, to: string, key: 'other' | 'national_day' = 'other') => ({
  from,
  to,
  key,
  name: 'Nghỉ',
});

describe('changedWorkingDays: the days a calendar change turns from working to off or back', () => {
  const cases: [string, Record<number, YearAdjustments>, Record<number, YearAdjustments>, string[]][] = [
    ['nothing recorded on either side', {}, {}, []],
    [
      'a one-day holiday on a Thursday',
      {},
      { 2030: year({ holidayRanges: [range('2030-10-10', '2030-10-10')] }) },
      ['2030-10-10'],
    ],
    [
      'the same holiday deleted',
      { 2030: year({ holidayRanges: [range('2030-10-10', '2030-10-10')] }) },
      {},
      ['2030-10-10'],
    ],
    [
      'a holiday on a weekend only (already off)',
      {},
      { 2030: year({ holidayRanges: [range('2030-10-12', '2030-10-13')] }) },
      [],
    ],
    ['a make-up Saturday', {}, { 2030: year({ makeUpWorkingDays: ['2030-10-19'] }) }, ['2030-10-19']],
    [
      'an announced National Day range replaces the default 2/9 + 3/9 (Fri 30/8–Mon 2/9: 30/8 off, 3/9 worked)',
      {},
      { 2030: year({ holidayRanges: [range('2030-08-30', '2030-09-02', 'national_day')] }) },
      ['2030-08-30', '2030-09-03'],
    ],
    [
      'a range up to 31 December: two weekdays off',
      {},
      { 2030: year({ holidayRanges: [range('2030-12-30', '2030-12-31')] }) },
      ['2030-12-30', '2030-12-31'],
    ],
  ];
  it.each(cases)('%s', (_name, before, after, expected) => {
    expect(changedWorkingDays(new WorkingCalendar(before), new WorkingCalendar(after), 2029, 2031)).toEqual(
      expected,
    );
  });
});

describe('yearsTouchedBy', () => {
  const cases: [CalendarChange, [number, number]][] = [
    [{ kind: 'make_up_day_added', date: '2030-10-19' }, [2029, 2031]],
    [
      { kind: 'holiday_range_deleted', from: '2026-09-01', to: '2026-09-02', name: 'Quốc khánh' },
      [2025, 2027],
    ],
  ];
  it.each(cases)('%o → %o', (change, years) => expect(yearsTouchedBy(change)).toEqual(years));
});
