/** How a report's deadline moves when a day off is recorded or removed (pure rule of the calendar hook). */
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../calendar/working-days';
import { movedDeadline } from './calendar-hook';

const plain = new WorkingCalendar({});
const withHoliday = (day: string) =>
  new WorkingCalendar({
    [Number(day.slice(0, 4))]: {
      holidayRanges: [{ from: day, to: day, key: 'other', name: 'Nghỉ' }],
      makeUpWorkingDays: [],
    },
  });

describe('movedDeadline', () => {
  // 2030-06-03 is a Monday; 10 working days later is Monday 2030-06-17.
  const cases: [
    string,
    string,
    string,
    'working' | 'calendar',
    number,
    WorkingCalendar,
    WorkingCalendar,
    string,
  ][] = [
    [
      'a day off inside a working-day deadline: one day later',
      '2030-06-03',
      '2030-06-17',
      'working',
      10,
      plain,
      withHoliday('2030-06-11'),
      '2030-06-18',
    ],
    [
      'the day off removed again: back',
      '2030-06-03',
      '2030-06-18',
      'working',
      10,
      withHoliday('2030-06-11'),
      plain,
      '2030-06-17',
    ],
    [
      'a day off after the deadline: unchanged',
      '2030-06-03',
      '2030-06-17',
      'working',
      10,
      plain,
      withHoliday('2030-06-20'),
      '2030-06-17',
    ],
    [
      'a day off on the start day (not counted): unchanged',
      '2030-06-03',
      '2030-06-17',
      'working',
      10,
      plain,
      withHoliday('2030-06-03'),
      '2030-06-17',
    ],
    // 30 calendar days from 2030-06-03 is Wednesday 2030-07-03; a day off there moves it to the next working day.
    [
      'a calendar-day deadline whose last day becomes a day off',
      '2030-06-03',
      '2030-07-03',
      'calendar',
      30,
      plain,
      withHoliday('2030-07-03'),
      '2030-07-04',
    ],
    [
      'a calendar-day deadline is not lengthened by a day off inside it',
      '2030-06-03',
      '2030-07-03',
      'calendar',
      30,
      plain,
      withHoliday('2030-06-11'),
      '2030-07-03',
    ],
  ];
  it.each(cases)('%s', (_name, start, old, kind, days, before, after, expected) => {
    expect(movedDeadline(start, old, kind, days, before, after)).toBe(expected);
  });
});
