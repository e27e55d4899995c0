import { describe, expect, it } from 'vitest';
import type { CalendarChange } from '../../calendar/changes';
import type { YearAdjustments } from '../../calendar/holidays';
import { WorkingCalendar } from '../../calendar/working-days';
import {
  calendar,
  days,
  extendTo,
  opening,
  resume,
  SAMPLE,
  type Step,
  script,
  supplement,
  vn,
} from './lifecycle.fixtures';
import { describeCalendarChange, foldIntoPending, type PendingChange, recomputeDueDate } from './recompute';

const TET_2026 = { from: '2026-02-14', to: '2026-02-22', key: 'tet' as const, name: 'Tết Bính Ngọ 2026' };
/** The fixtures' calendar (Tết 2026 recorded) with more days off and make-up days recorded in 2026. */
const recorded = (off: string[], makeUp: string[] = []): WorkingCalendar => {
  const adj: YearAdjustments = {
    holidayRanges: [TET_2026, ...off.map((d) => ({ from: d, to: d, key: 'other' as const, name: 'Nghỉ' }))],
    makeUpWorkingDays: makeUp,
  };
  return new WorkingCalendar({ 2026: adj });
};

// Received Mon 2/3/2026 09:00 with 5 working days: due Mon 9/3.
const received: Step[] = opening('2026-03-02T09:00:00', days(5));

describe('recomputeDueDate: the appointment after a calendar change, by replay', () => {
  const cases: [
    string,
    Step[],
    WorkingCalendar,
    { open: boolean; previousDueDate: string | null; newDueDate: string | null; changed: boolean },
  ][] = [
    [
      'a holiday on the due date moves it to the next working day',
      received,
      recorded(['2026-03-09']),
      { open: true, previousDueDate: '2026-03-09', newDueDate: '2026-03-10', changed: true },
    ],
    [
      'a holiday inside the time limit moves it one working day',
      received,
      recorded(['2026-03-05']),
      { open: true, previousDueDate: '2026-03-09', newDueDate: '2026-03-10', changed: true },
    ],
    [
      'a holiday after the due date changes nothing',
      received,
      recorded(['2026-03-11']),
      { open: true, previousDueDate: '2026-03-09', newDueDate: '2026-03-09', changed: false },
    ],
    [
      'a holiday before receipt changes nothing',
      received,
      recorded(['2026-02-27']),
      { open: true, previousDueDate: '2026-03-09', newDueDate: '2026-03-09', changed: false },
    ],
    [
      'a make-up Saturday inside the limit pulls it earlier',
      received,
      recorded([], ['2026-03-07']),
      { open: true, previousDueDate: '2026-03-09', newDueDate: '2026-03-07', changed: true },
    ],
    [
      'the same calendar again changes nothing',
      received,
      calendar,
      { open: true, previousDueDate: '2026-03-09', newDueDate: '2026-03-09', changed: false },
    ],
    [
      'a same-day dossier received Friday after 15:00 is due Monday; a holiday on Monday moves it to Tuesday',
      [['2026-03-06T16:00:00', { type: 'receive', limit: { kind: 'same_day' } }, 'officer']],
      recorded(['2026-03-09']),
      { open: true, previousDueDate: '2026-03-09', newDueDate: '2026-03-10', changed: true },
    ],
    [
      'result ready: the clock has stopped, nobody is told (the replayed date moves, but not the appointment in force)',
      [
        ...received,
        ...[SAMPLE.submit_for_approval, SAMPLE.approve, SAMPLE.mark_result_ready].map(
          (a, i): Step => ['2026-03-04T10:00:00', a, (['assignee', 'leader', 'assignee'] as const)[i]!],
        ),
      ],
      recorded(['2026-03-09']),
      { open: false, previousDueDate: '2026-03-09', newDueDate: '2026-03-10', changed: false },
    ],
    [
      'withdrawn: closed, nobody is told',
      [...received, ['2026-03-03T10:00:00', SAMPLE.withdraw, 'officer']],
      recorded(['2026-03-09']),
      { open: false, previousDueDate: '2026-03-09', newDueDate: '2026-03-10', changed: false },
    ],
    [
      'an extension to a fixed date keeps that date',
      [...received, ['2026-03-04T10:00:00', extendTo('2026-03-20'), 'leader']],
      recorded(['2026-03-09', '2026-03-20']),
      { open: true, previousDueDate: '2026-03-20', newDueDate: '2026-03-20', changed: false },
    ],
    [
      'a finished pause: the holiday falls in the wait, so the wait is one working day shorter and the date holds',
      [
        ...received,
        ['2026-03-03T10:00:00', supplement, 'assignee'],
        ['2026-03-06T10:00:00', resume, 'officer'],
      ],
      recorded(['2026-03-05']),
      { open: true, previousDueDate: '2026-03-12', newDueDate: '2026-03-12', changed: false },
    ],
    [
      'a running pause: the date the clock resumes from moves',
      [...received, ['2026-03-03T10:00:00', supplement, 'assignee']],
      recorded(['2026-03-09']),
      { open: true, previousDueDate: '2026-03-09', newDueDate: '2026-03-10', changed: true },
    ],
  ];
  it.each(cases)('%s', (_name, steps, after, expected) => {
    const { history } = script(steps).state;
    const r = recomputeDueDate(history, calendar, after);
    expect({
      open: r.open,
      previousDueDate: r.previousDueDate,
      newDueDate: r.newDueDate,
      changed: r.changed,
    }).toEqual(expected);
    expect(r.state.clock?.dueDate ?? null).toBe(expected.newDueDate);
    expect(r.state.version).toBe(history.length);
  });
});

describe('foldIntoPending: one line per dossier until the applicant is told', () => {
  const pending = (previousDueDate: string, newDueDate: string): PendingChange => ({
    previousDueDate,
    newDueDate,
  });
  const cases: [string, PendingChange | null, string, string, ReturnType<typeof foldIntoPending>][] = [
    [
      'nothing pending: a new line',
      null,
      '2030-10-10',
      '2030-10-11',
      { op: 'insert', previousDueDate: '2030-10-10', newDueDate: '2030-10-11' },
    ],
    [
      'pending 10→11, moved again 11→14: one line 10→14',
      pending('2030-10-10', '2030-10-11'),
      '2030-10-11',
      '2030-10-14',
      { op: 'update', previousDueDate: '2030-10-10', newDueDate: '2030-10-14' },
    ],
    [
      'pending 10→11, moved back 11→10: the applicant holds the right date, no line',
      pending('2030-10-10', '2030-10-11'),
      '2030-10-11',
      '2030-10-10',
      { op: 'delete' },
    ],
  ];
  it.each(cases)('%s', (_name, p, from, to, expected) =>
    expect(foldIntoPending(p, from, to)).toEqual(expected),
  );
});

describe('describeCalendarChange: the cause in Vietnamese, dates dd/mm/yyyy', () => {
  const at = vn('2026-12-01T08:30:00');
  const cases: [CalendarChange, string][] = [
    [
      { kind: 'holiday_range_added', from: '2026-09-01', to: '2026-09-02', name: 'lễ Quốc khánh' },
      'Nghỉ lễ Quốc khánh 01/09–02/09/2026 ghi nhận ngày 01/12/2026',
    ],
    [
      {
        kind: 'holiday_range_added',
        from: '2027-11-24',
        to: '2027-11-24',
        name: 'Nghỉ Ngày Văn hóa Việt Nam',
      },
      'Nghỉ Ngày Văn hóa Việt Nam 24/11/2027 ghi nhận ngày 01/12/2026',
    ],
    [
      { kind: 'holiday_range_deleted', from: '2030-10-10', to: '2030-10-10', name: 'Ngày thử' },
      'Hủy đợt nghỉ Ngày thử 10/10/2030 ngày 01/12/2026',
    ],
    [{ kind: 'make_up_day_added', date: '2030-10-19' }, 'Làm bù thứ Bảy 19/10/2030 ghi nhận ngày 01/12/2026'],
    [
      { kind: 'make_up_day_deleted', date: '2030-10-20' },
      'Hủy ngày làm bù Chủ nhật 20/10/2030 ngày 01/12/2026',
    ],
  ];
  it.each(cases)('%o', (change, expected) => expect(describeCalendarChange(change, at)).toBe(expected));

  it('uses the local (UTC+7) date of the recording: 17:30 UTC on 30/11 is already 1/12 in Vietnam', () => {
    expect(
      describeCalendarChange(
        { kind: 'make_up_day_added', date: '2030-10-19' },
        new Date('2026-11-30T17:30:00Z'),
      ),
    ).toContain('ghi nhận ngày 01/12/2026');
  });
});
