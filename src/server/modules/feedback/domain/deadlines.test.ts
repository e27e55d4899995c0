import { describe, expect, it } from 'vitest';
import type { FeedbackState } from '../../../../common/api/feedback';
import { WorkingCalendar } from '../../calendar/working-days';
import {
  answeredOnTime,
  currentDueDate,
  type DaysKind,
  dueDate,
  escalationDue,
  timeliness,
  workingDaysTaken,
} from './deadlines';

/** Statutory days only: Tết 2026 is Mon 16/2 – Fri 20/2; Giỗ Tổ 26/4/2026 is a Sunday → Mon 27/4 off. */
const STATUTORY = new WorkingCalendar();
/** 24/11/2026 (Tue) recorded as a day off ("Vietnamese Culture Day"), and 18/3/2026 (Wed) for the tests below. */
const RECORDED = new WorkingCalendar({
  2026: {
    holidayRanges: [
      { from: '2026-11-24', to: '2026-11-24', key: 'other', name: 'Ngày Văn hóa Việt Nam' },
      { from: '2026-03-18', to: '2026-03-18', key: 'other', name: 'Nghỉ bù (thử)' },
    ],
    makeUpWorkingDays: [],
  },
});
/** Tết 2025 as approved: 25/1 – 2/2, Mon 27/1 swapped for Sat 8/2 (a make-up working day). */
const TET_2025 = new WorkingCalendar({
  2025: {
    holidayRanges: [{ from: '2025-01-25', to: '2025-02-02', key: 'tet', name: 'Tết Nguyên đán' }],
    makeUpWorkingDays: ['2025-02-08'],
  },
});

const CALS = { statutory: STATUTORY, recorded: RECORDED, tet2025: TET_2025 };
type CalName = keyof typeof CALS;

describe('due dates', () => {
  it.each([
    // [from, days, kind, calendar, due, why]
    ['2026-03-02', 10, 'working', 'statutory', '2026-03-16', 'two weekends passed over'],
    ['2026-03-06', 1, 'working', 'statutory', '2026-03-09', 'received on a Friday: due Monday'],
    [
      '2026-03-07',
      1,
      'working',
      'statutory',
      '2026-03-10',
      'received on a Saturday: Monday is not counted twice',
    ],
    ['2026-03-07', 0, 'working', 'statutory', '2026-03-09', '0 days from a Saturday: the next working day'],
    ['2026-03-04', 0, 'working', 'statutory', '2026-03-04', '0 days from a working day: that day'],
    ['2026-02-11', 5, 'working', 'statutory', '2026-02-25', 'Tết 2026 (14–22/2) skipped'],
    ['2026-02-13', 1, 'working', 'statutory', '2026-02-23', 'the day before Tết: due after it'],
    [
      '2026-02-17',
      1,
      'working',
      'statutory',
      '2026-02-24',
      'received during Tết: counted from the day after',
    ],
    ['2026-03-08', 10, 'working', 'statutory', '2026-03-23', 'received on a Sunday: counted from Monday'],
    ['2026-04-24', 1, 'working', 'statutory', '2026-04-28', 'Giỗ Tổ on a Sunday: Monday 27/4 compensated'],
    ['2026-04-28', 3, 'working', 'statutory', '2026-05-05', '30/4 and 1/5 skipped'],
    ['2026-08-31', 1, 'working', 'statutory', '2026-09-03', 'National Day 2/9 and its adjacent day skipped'],
    ['2026-12-30', 2, 'working', 'statutory', '2027-01-04', 'over the new year'],
    ['2026-11-20', 3, 'working', 'statutory', '2026-11-25', 'no recorded holiday'],
    ['2026-11-20', 3, 'working', 'recorded', '2026-11-26', 'a recorded holiday moves the due date'],
    ['2025-01-24', 1, 'working', 'tet2025', '2025-02-03', 'announced Tết 2025 range'],
    ['2025-02-06', 2, 'working', 'tet2025', '2025-02-08', 'a make-up Saturday counts as a working day'],
    ['2026-03-02', 10, 'calendar', 'statutory', '2026-03-12', 'calendar days: weekends count'],
    [
      '2026-03-04',
      10,
      'calendar',
      'statutory',
      '2026-03-16',
      'calendar days ending on a Saturday: next working day',
    ],
    [
      '2026-02-10',
      10,
      'calendar',
      'statutory',
      '2026-02-23',
      'calendar days ending in Tết: the day after Tết',
    ],
    ['2026-04-01', 30, 'calendar', 'statutory', '2026-05-04', 'ending on 1/5 (Fri): Monday 4/5'],
    ['2026-11-14', 10, 'calendar', 'recorded', '2026-11-25', 'ending on a recorded holiday: the next day'],
    ['2026-11-14', 10, 'calendar', 'statutory', '2026-11-24', 'the same without the holiday'],
    ['2026-03-02', 0, 'calendar', 'statutory', '2026-03-02', '0 calendar days'],
  ] as [string, number, DaysKind, CalName, string, string][])(
    '%s + %i %s days (%s calendar) → %s: %s',
    (from, days, kind, cal, due) => {
      expect(dueDate(from, days, kind, CALS[cal])).toBe(due);
    },
  );

  it('counts 30 working days as more than 30 calendar days', () => {
    expect(dueDate('2026-03-02', 30, 'working', STATUTORY)).toBe('2026-04-13');
    expect(dueDate('2026-03-02', 30, 'calendar', STATUTORY)).toBe('2026-04-01');
  });

  it.each([-1, 1.5, Number.NaN])('refuses %s days', (days) => {
    expect(() => dueDate('2026-03-02', days, 'working', STATUTORY)).toThrow(RangeError);
    expect(() => dueDate('2026-03-02', days, 'calendar', STATUTORY)).toThrow(RangeError);
  });
});

const report = (state: FeedbackState, transferDueDate: string, answerDueDate: string | null) => ({
  state,
  transferDueDate,
  answerDueDate,
});

describe('the due date a report waits for', () => {
  it.each([
    [report('received', '2026-03-06', '2026-03-16'), '2026-03-06', 'received: the transfer deadline'],
    [report('received', '2026-03-06', null), '2026-03-06', 'received, no answer deadline yet'],
    [
      report('received', '2026-03-06', '2026-03-05'),
      '2026-03-05',
      'received: the answer deadline when earlier',
    ],
    [report('accepted', '2026-03-06', '2026-03-16'), '2026-03-16', 'accepted: the answer deadline'],
    [report('assigned', '2026-03-06', '2026-03-16'), '2026-03-16', 'assigned'],
    [report('answer_pending', '2026-03-06', '2026-03-16'), '2026-03-16', 'awaiting approval'],
    [report('reopened', '2026-03-06', '2026-03-16'), '2026-03-16', 'reopened'],
    [report('escalated', '2026-03-06', '2026-03-16'), '2026-03-16', 'escalated'],
    [report('split', '2026-03-06', '2026-03-16'), '2026-03-16', 'split'],
    [report('assigned', '2026-03-06', null), '2026-03-06', 'no answer deadline: the transfer one'],
    [report('answered', '2026-03-06', '2026-03-16'), null, 'answered: none'],
    [report('closed', '2026-03-06', '2026-03-16'), null, 'closed'],
    [report('rejected', '2026-03-06', '2026-03-16'), null, 'rejected'],
    [report('merged', '2026-03-06', '2026-03-16'), null, 'merged'],
  ] as [ReturnType<typeof report>, string | null, string][])('%o → %s (%s)', (r, due) => {
    expect(currentDueDate(r)).toBe(due);
  });
});

describe('timeliness', () => {
  it.each([
    // [report, today, dueSoonDays, calendar, expected]
    [report('received', '2026-03-06', '2026-03-16'), '2026-03-02', 2, 'statutory', 'on_time'],
    [report('received', '2026-03-06', '2026-03-16'), '2026-03-04', 2, 'statutory', 'due_soon'],
    [report('received', '2026-03-06', '2026-03-16'), '2026-03-06', 2, 'statutory', 'due_soon'],
    [report('received', '2026-03-06', '2026-03-16'), '2026-03-07', 2, 'statutory', 'overdue'],
    [report('accepted', '2026-03-06', '2026-03-16'), '2026-03-07', 2, 'statutory', 'on_time'],
    [report('assigned', '2026-03-06', '2026-03-16'), '2026-03-12', 1, 'statutory', 'on_time'],
    [report('assigned', '2026-03-06', '2026-03-16'), '2026-03-13', 1, 'statutory', 'due_soon'],
    [report('assigned', '2026-03-06', '2026-03-16'), '2026-03-14', 1, 'statutory', 'due_soon'],
    [report('assigned', '2026-03-06', '2026-03-16'), '2026-03-17', 1, 'statutory', 'overdue'],
    [report('assigned', '2026-03-06', '2026-03-16'), '2026-03-13', 0, 'statutory', 'on_time'],
    [report('assigned', '2026-03-06', '2026-03-16'), '2026-03-16', 0, 'statutory', 'due_soon'],
    // Ten calendar days before a due date after Tết are only one working day.
    [report('assigned', '2026-02-06', '2026-02-23'), '2026-02-13', 2, 'statutory', 'due_soon'],
    [report('assigned', '2026-02-06', '2026-03-02'), '2026-02-13', 2, 'statutory', 'on_time'],
    // A recorded holiday takes a working day out of the remaining time.
    [report('assigned', '2026-03-06', '2026-03-19'), '2026-03-16', 2, 'statutory', 'on_time'],
    [report('assigned', '2026-03-06', '2026-03-19'), '2026-03-16', 2, 'recorded', 'due_soon'],
    [report('answered', '2026-03-06', '2026-03-16'), '2026-04-30', 2, 'statutory', 'done'],
    [report('closed', '2026-03-06', '2026-03-16'), '2026-04-30', 2, 'statutory', 'done'],
    [report('rejected', '2026-03-06', '2026-03-16'), '2026-04-30', 2, 'statutory', 'done'],
    [report('merged', '2026-03-06', '2026-03-16'), '2026-04-30', 2, 'statutory', 'done'],
    [report('escalated', '2026-03-06', '2026-03-16'), '2026-04-30', 2, 'statutory', 'overdue'],
  ] as [ReturnType<typeof report>, string, number, CalName, string][])(
    '%o on %s (soon = %i days, %s calendar) → %s',
    (r, today, soon, cal, expected) => {
      expect(timeliness(r, today, soon, CALS[cal])).toBe(expected);
    },
  );
});

describe('escalation of overdue reports', () => {
  const assigned = report('assigned', '2026-03-06', '2026-03-16');
  it.each([
    // [report, today, provinceEscalationDays, calendar, level]
    [assigned, '2026-03-13', 5, 'statutory', 0],
    [assigned, '2026-03-16', 5, 'statutory', 1], // on the due date: the commune leader
    [assigned, '2026-03-20', 5, 'statutory', 1],
    [assigned, '2026-03-22', 5, 'statutory', 1], // Sunday: still 4 working days after
    [assigned, '2026-03-23', 5, 'statutory', 2], // 5 working days after: the province
    [assigned, '2026-03-23', 5, 'recorded', 1], // 18/3 recorded as a day off: one day later
    [assigned, '2026-03-24', 5, 'recorded', 2],
    [assigned, '2026-03-17', 1, 'statutory', 2],
    [assigned, '2026-03-16', 0, 'statutory', 2],
    [report('received', '2026-03-06', '2026-03-16'), '2026-03-06', 5, 'statutory', 1], // transfer deadline
    [report('received', '2026-03-06', null), '2026-03-13', 5, 'statutory', 2],
    [report('answered', '2026-03-06', '2026-03-16'), '2026-06-01', 5, 'statutory', 0],
    [report('closed', '2026-03-06', '2026-03-16'), '2026-06-01', 5, 'statutory', 0],
    [report('rejected', '2026-03-06', null), '2026-06-01', 5, 'statutory', 0],
    [report('escalated', '2026-03-06', '2026-03-16'), '2026-06-01', 5, 'statutory', 0], // already at the province
    [report('answer_pending', '2026-03-06', '2026-03-16'), '2026-06-01', 5, 'statutory', 2],
    // Tết between the due date and today: its days do not count towards the province's.
    [report('assigned', '2026-02-10', '2026-02-12'), '2026-02-22', 5, 'statutory', 1],
    [report('assigned', '2026-02-10', '2026-02-12'), '2026-02-25', 5, 'statutory', 1],
    [report('assigned', '2026-02-10', '2026-02-12'), '2026-02-26', 5, 'statutory', 2],
  ] as [ReturnType<typeof report>, string, number, CalName, 0 | 1 | 2][])(
    '%o on %s (province after %i days, %s calendar) → level %i',
    (r, today, days, cal, level) => {
      expect(escalationDue(r, today, days, CALS[cal])).toBe(level);
    },
  );
});

describe('statistics rules', () => {
  it.each([
    ['2026-03-16', '2026-03-16', true],
    ['2026-03-13', '2026-03-16', true],
    ['2026-03-17', '2026-03-16', false],
    ['2027-01-01', '2026-12-31', false],
    ['2026-03-17', null, true],
  ])('answered %s, due %s → on time %s', (answered, due, onTime) => {
    expect(answeredOnTime(answered, due)).toBe(onTime);
  });

  it.each([
    ['2026-03-02', '2026-03-02', 'statutory', 0],
    ['2026-03-02', '2026-03-03', 'statutory', 1],
    ['2026-03-06', '2026-03-09', 'statutory', 1], // Friday to Monday
    ['2026-03-07', '2026-03-08', 'statutory', 0], // received and answered over a weekend
    ['2026-02-11', '2026-02-25', 'statutory', 5], // across Tết
    ['2026-03-16', '2026-03-20', 'statutory', 4],
    ['2026-03-16', '2026-03-20', 'recorded', 3],
    ['2026-03-20', '2026-03-16', 'statutory', 0], // never negative
  ] as [string, string, CalName, number][])(
    'received %s, answered %s (%s calendar) → %i working days',
    (r, a, cal, n) => {
      expect(workingDaysTaken(r, a, CALS[cal])).toBe(n);
    },
  );
});
