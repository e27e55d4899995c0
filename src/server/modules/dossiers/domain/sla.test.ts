import { describe, expect, it } from 'vitest';
import { AppError } from '../../../http/errors';
import { WorkingCalendar } from '../../calendar/working-days';
import { localDate, localTimeOfDayMs } from './local-time';
import {
  countingStartDate,
  countsAsLate,
  type DossierClock,
  effectiveDueDate,
  initialDueDate,
  lateness,
  pausedWorkingDaysBetween,
  resolvedOnTime,
  shiftDueDate,
  type TimeLimit,
} from './sla';

/** Statutory defaults plus the official Tết 2026 range (Sat 14/2 – Sun 22/2). */
const calendar = new WorkingCalendar({
  2026: {
    holidayRanges: [{ from: '2026-02-14', to: '2026-02-22', key: 'tet', name: 'Tết Bính Ngọ 2026' }],
    makeUpWorkingDays: [],
  },
});

/** A local (UTC+7) wall-clock time as an instant. */
const vn = (local: string) => new Date(`${local}+07:00`);

const SAME_DAY: TimeLimit = { kind: 'same_day' };
const days = (n: number): TimeLimit => ({ kind: 'working_days', days: n });
const hours = (n: number): TimeLimit => ({ kind: 'working_hours', hours: n });

describe('local time is UTC+7 whatever the machine zone', () => {
  it.each([
    ['2025-06-30T23:30:00Z', '2025-07-01', 6 * 60 + 30],
    ['2025-06-30T16:59:59Z', '2025-06-30', 23 * 60 + 59],
    ['2026-03-02T08:00:00Z', '2026-03-02', 15 * 60],
  ])('%s → %s, minute %i', (iso, date, minute) => {
    expect(localDate(new Date(iso))).toBe(date);
    expect(Math.floor(localTimeOfDayMs(new Date(iso)) / 60_000)).toBe(minute);
  });

  it('an invalid instant is a validation error', () => {
    expect(() => localDate(new Date('nope'))).toThrow(AppError);
  });
});

describe('initialDueDate', () => {
  it.each([
    // same day: the 15:00 cutoff (15:00:00 itself is not "after 15:00")
    ['Mon 14:59, same day', '2026-03-02T14:59:00', SAME_DAY, '2026-03-02'],
    ['Mon 15:00, same day', '2026-03-02T15:00:00', SAME_DAY, '2026-03-02'],
    ['Mon 15:00:01, same day', '2026-03-02T15:00:01', SAME_DAY, '2026-03-03'],
    ['Mon 15:01, same day', '2026-03-02T15:01:00', SAME_DAY, '2026-03-03'],
    ['Mon 23:59, same day', '2026-03-02T23:59:00', SAME_DAY, '2026-03-03'],
    ['Mon 00:30 (Sun 17:30 UTC), same day', '2026-03-02T00:30:00', SAME_DAY, '2026-03-02'],
    ['Fri 15:01, same day → Mon (weekend)', '2026-03-06T15:01:00', SAME_DAY, '2026-03-09'],
    ['Sat 10:00, same day → Mon', '2026-03-07T10:00:00', SAME_DAY, '2026-03-09'],
    ['Fri 13/2 14:59 before Tết, same day', '2026-02-13T14:59:00', SAME_DAY, '2026-02-13'],
    ['Fri 13/2 15:00 before Tết, same day', '2026-02-13T15:00:00', SAME_DAY, '2026-02-13'],
    ['Fri 13/2 15:01 before Tết → Mon 23/2', '2026-02-13T15:01:00', SAME_DAY, '2026-02-23'],
    ['Wed 18/2 during Tết (online), same day', '2026-02-18T09:00:00', SAME_DAY, '2026-02-23'],
    // working days: counted from the day of receipt (received Mon, 3 days → Thu)
    ['Mon, 3 working days', '2026-03-02T09:00:00', days(3), '2026-03-05'],
    ['Mon 16:30, 3 working days (no cutoff)', '2026-03-02T16:30:00', days(3), '2026-03-05'],
    ['Fri, 3 working days over a weekend', '2026-03-06T09:00:00', days(3), '2026-03-11'],
    ['Sat, 3 working days: counted from Mon', '2026-03-07T09:00:00', days(3), '2026-03-12'],
    ['Sun 23:30 local, 1 working day', '2026-03-08T23:30:00', days(1), '2026-03-10'],
    ['Thu 12/2, 3 working days across Tết', '2026-02-12T09:00:00', days(3), '2026-02-24'],
    ['Fri 13/2, 5 working days across Tết', '2026-02-13T09:00:00', days(5), '2026-02-27'],
    ['Sat 14/2 (Tết), 1 working day', '2026-02-14T09:00:00', days(1), '2026-02-24'],
    ['Fri 24/4, 7 working days across Giỗ Tổ, 30/4, 1/5', '2026-04-24T09:00:00', days(7), '2026-05-08'],
    // working hours: the rest of the office day (to 17:00) first, then 8-hour days
    ['Mon 09:00, 4 working hours', '2026-03-02T09:00:00', hours(4), '2026-03-02'],
    ['Mon 09:00, 8 working hours', '2026-03-02T09:00:00', hours(8), '2026-03-02'],
    ['Mon 09:00, 16 working hours', '2026-03-02T09:00:00', hours(16), '2026-03-03'],
    ['Mon 16:00, 4 working hours', '2026-03-02T16:00:00', hours(4), '2026-03-03'],
    ['Mon 18:00, 1 working hour', '2026-03-02T18:00:00', hours(1), '2026-03-03'],
    ['Sat 10:00, 4 working hours', '2026-03-07T10:00:00', hours(4), '2026-03-09'],
    ['Fri 13/2 16:00, 4 working hours', '2026-02-13T16:00:00', hours(4), '2026-02-23'],
  ] as const)('%s → %s', (_label, local, limit, due) => {
    expect(initialDueDate(vn(local), limit, calendar)).toBe(due);
  });

  it.each([
    ['0 working days', days(0)],
    ['fractional days', days(1.5)],
    ['0 hours', hours(0)],
    ['unknown kind', { kind: 'weeks' } as unknown as TimeLimit],
  ])('%s → validation_failed', (_label, limit) => {
    expect(() => initialDueDate(vn('2026-03-02T09:00:00'), limit, calendar)).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
  });

  it('the cutoff is a rule (a province could set 16:00)', () => {
    const rules = { sameDayCutoffMinutes: 16 * 60, officeDayEndMinutes: 17 * 60, workingHoursPerDay: 8 };
    expect(initialDueDate(vn('2026-03-02T15:30:00'), SAME_DAY, calendar, rules)).toBe('2026-03-02');
  });

  it.each([
    ['2026-03-07T09:00:00', '2026-03-09'],
    ['2026-03-02T22:00:00', '2026-03-02'],
    ['2026-02-14T09:00:00', '2026-02-23'],
  ])(
    'counting starts on the first working day on or after the local receipt date: %s → %s',
    (local, start) => {
      expect(countingStartDate(vn(local), calendar)).toBe(start);
    },
  );
});

describe('pauses (waiting for the applicant)', () => {
  it.each([
    ['same day', '2026-03-04T09:00:00', '2026-03-04T16:00:00', 0],
    ['Fri → Mon across a weekend', '2026-03-06T10:00:00', '2026-03-09T08:00:00', 1],
    ['Thu → Tue', '2026-03-05T10:00:00', '2026-03-10T10:00:00', 3],
    ['Fri 13/2 → Mon 23/2 across Tết', '2026-02-13T10:00:00', '2026-02-23T08:00:00', 1],
    ['Sat → Sun', '2026-03-07T10:00:00', '2026-03-08T10:00:00', 0],
  ])('%s: %i working days', (_label, from, to, n) => {
    expect(pausedWorkingDaysBetween(vn(from), vn(to), calendar)).toBe(n);
  });

  it.each([
    ['2026-03-12', 0, '2026-03-12'],
    ['2026-03-12', 1, '2026-03-13'],
    ['2026-03-12', 2, '2026-03-16'],
    ['2026-02-13', 1, '2026-02-23'],
  ])('due %s moved by %i → %s', (due, n, moved) => {
    expect(shiftDueDate(due, n, calendar)).toBe(moved);
  });
});

function clock(over: Partial<DossierClock> = {}): DossierClock {
  return {
    limit: days(7),
    receivedAt: vn('2026-03-02T09:00:00').toISOString(),
    countFrom: '2026-03-02',
    initialDueDate: '2026-03-11',
    dueDate: '2026-03-11', // Wednesday
    pausedSince: null,
    pausedWorkingDays: 0,
    resolvedAt: null,
    stoppedAt: null,
    lateAcknowledged: false,
    ...over,
  };
}

describe('lateness', () => {
  it.each([
    ['Fri 6/3, 3 days left', 'on_time', 3, clock(), '2026-03-06T10:00:00'],
    ['Mon 9/3, 2 days left', 'on_time', 2, clock(), '2026-03-09T10:00:00'],
    ['Tue 10/3, 1 day left', 'due_soon', 1, clock(), '2026-03-10T10:00:00'],
    ['Wed 11/3 (due date)', 'due_today', 0, clock(), '2026-03-11T10:00:00'],
    ['Wed 11/3 23:59 local', 'due_today', 0, clock(), '2026-03-11T23:59:00'],
    ['Thu 12/3 00:00 local', 'overdue', -1, clock(), '2026-03-12T00:00:00'],
    ['Sat 14/3', 'overdue', -2, clock(), '2026-03-14T10:00:00'],
    ['Fri before a Monday due date', 'due_soon', 1, clock({ dueDate: '2026-03-09' }), '2026-03-06T10:00:00'],
    ['Sat before a Monday due date', 'due_soon', 1, clock({ dueDate: '2026-03-09' }), '2026-03-07T10:00:00'],
    ['Sat after a Friday due date', 'overdue', 0, clock({ dueDate: '2026-03-06' }), '2026-03-07T10:00:00'],
    [
      'Thu 12/2, due Tue 24/2 across Tết',
      'on_time',
      3,
      clock({ dueDate: '2026-02-24' }),
      '2026-02-12T10:00:00',
    ],
    [
      'Fri 13/2, due Tue 24/2 across Tết',
      'on_time',
      2,
      clock({ dueDate: '2026-02-24' }),
      '2026-02-13T10:00:00',
    ],
    ['Fri 20/2 (Tết), due Tue 24/2', 'on_time', 2, clock({ dueDate: '2026-02-24' }), '2026-02-20T10:00:00'],
    ['Mon 23/2, due Tue 24/2', 'due_soon', 1, clock({ dueDate: '2026-02-24' }), '2026-02-23T10:00:00'],
    // paused since Mon 9/3: the wait (Tue 10, Wed 11, Thu 12) moves the due date to Mon 16/3
    [
      'paused since Mon 9/3, now Thu 12/3',
      'on_time',
      2,
      clock({ pausedSince: vn('2026-03-09T10:00:00').toISOString() }),
      '2026-03-12T10:00:00',
    ],
    // stopped on Tue 10/3 (e.g. result ready): judged then, not now
    [
      'stopped Tue 10/3, now Mon 16/3',
      'due_soon',
      1,
      clock({ stoppedAt: vn('2026-03-10T10:00:00').toISOString() }),
      '2026-03-16T10:00:00',
    ],
  ] as const)('%s → %s (%i left)', (_label, level, left, c, now) => {
    const l = lateness(c, vn(now), calendar);
    expect(l.level).toBe(level);
    expect(l.remainingWorkingDays).toBe(left);
  });

  it('a running pause moves the effective due date and says so', () => {
    const c = clock({ pausedSince: vn('2026-03-09T10:00:00').toISOString() });
    expect(effectiveDueDate(c, vn('2026-03-12T10:00:00'), calendar)).toBe('2026-03-16');
    expect(lateness(c, vn('2026-03-12T10:00:00'), calendar)).toMatchObject({
      dueDate: '2026-03-16',
      paused: true,
    });
  });
});

describe('resolvedOnTime and countsAsLate', () => {
  const at = (local: string) => vn(local).toISOString();
  it.each([
    ['not resolved', null, false, clock()],
    ['resolved before the due date', true, false, clock({ resolvedAt: at('2026-03-10T10:00:00') })],
    ['resolved on the due date, 23:59 local', true, false, clock({ resolvedAt: at('2026-03-11T23:59:00') })],
    [
      'resolved the next local day (17:00 UTC)',
      false,
      true,
      clock({ resolvedAt: '2026-03-11T17:00:00.000Z' }),
    ],
    [
      'resolved by the new date after an apology',
      false,
      true,
      clock({ resolvedAt: at('2026-03-10T10:00:00'), lateAcknowledged: true }),
    ],
  ] as const)('%s → on time %s, late %s', (_label, onTime, late, c) => {
    expect(resolvedOnTime(c)).toBe(onTime);
    expect(countsAsLate(c, vn('2026-03-10T12:00:00'), calendar)).toBe(late);
  });

  it.each([
    ['open, before the due date', false, clock(), '2026-03-11T16:00:00'],
    ['open, after the due date', true, clock(), '2026-03-12T08:00:00'],
    ['open, apology issued', true, clock({ lateAcknowledged: true }), '2026-03-05T08:00:00'],
  ] as const)('%s → late %s', (_label, late, c, now) => {
    expect(countsAsLate(c, vn(now), calendar)).toBe(late);
  });
});
