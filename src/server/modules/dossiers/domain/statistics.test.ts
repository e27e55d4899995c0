import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../calendar/working-days';
import {
  backlogStanding,
  backlogWindow,
  classify,
  emptyTally,
  isMonth,
  monthOf,
  monthPeriod,
  type ProjectedDossier,
  previousMonth,
  ratesOf,
  shareOf,
  type Tally,
  type TallyKey,
} from './statistics';

/** Statutory defaults only (March 2026 has no holiday: Mon 2/3 … Tue 31/3). */
const calendar = new WorkingCalendar({});
const vn = (local: string) => new Date(`${local}+07:00`);
/** Friday 20/3/2026, mid-morning. */
const NOW = vn('2026-03-20T10:00:00');
const MARCH = monthPeriod('2026-03', NOW);
const FEBRUARY = monthPeriod('2026-02', NOW);

const dossier = (over: Partial<ProjectedDossier>): ProjectedDossier => ({
  status: 'in_processing',
  receivedAt: vn('2026-03-02T09:00:00'),
  dueDate: '2026-03-25',
  resolvedAt: null,
  closedAt: null,
  lateAcknowledged: false,
  ...over,
});
const ones = (...keys: TallyKey[]): Tally => {
  const t = emptyTally();
  for (const k of keys) t[k] = 1;
  return t;
};

describe('months in Vietnam time', () => {
  it('bounds a month at local midnight (UTC+7) and judges it at now, or at its last instant once over', () => {
    expect(MARCH.start.toISOString()).toBe('2026-02-28T17:00:00.000Z');
    expect(MARCH.end.toISOString()).toBe('2026-03-31T17:00:00.000Z');
    expect(MARCH.asOf).toEqual(NOW);
    expect(FEBRUARY.asOf.toISOString()).toBe('2026-02-28T16:59:59.999Z');
    expect(monthPeriod('2026-04', NOW).asOf).toEqual(monthPeriod('2026-04', NOW).start);
  });

  it.each([
    ['2026-03', '2026-02'],
    ['2026-01', '2025-12'],
  ])('the month before %s is %s', (m, prev) => expect(previousMonth(m)).toBe(prev));

  it.each([
    ['2026-03', true],
    ['2026-12', true],
    ['2026-13', false],
    ['2026-3', false],
    ['2026-03-01', false],
    [202603, false],
  ])('isMonth(%j) = %s', (value, ok) => expect(isMonth(value)).toBe(ok));

  it('takes the local month of an instant', () => {
    expect(monthOf(new Date('2026-03-31T17:30:00Z'))).toBe('2026-04');
  });
});

describe('classify: where a dossier stands in the month (sla.ts rules on the projection)', () => {
  it.each<[string, Partial<ProjectedDossier>, Tally]>([
    [
      'resolved on its due date',
      { status: 'result_ready', dueDate: '2026-03-05', resolvedAt: vn('2026-03-05T16:00:00') },
      ones('received', 'resolved', 'resolvedOnTime'),
    ],
    [
      'resolved at 23:30 local on its due date (16:30 UTC): still on time',
      { status: 'returned', dueDate: '2026-03-05', resolvedAt: vn('2026-03-05T23:30:00') },
      ones('received', 'resolved', 'resolvedOnTime'),
    ],
    [
      'resolved at 00:30 local the day after (still the due date in UTC): late',
      { status: 'returned', dueDate: '2026-03-05', resolvedAt: vn('2026-03-06T00:30:00') },
      ones('received', 'resolved', 'resolvedLate'),
    ],
    [
      'an apology, then resolved before the new date: late all the same',
      {
        status: 'result_ready',
        dueDate: '2026-03-12',
        resolvedAt: vn('2026-03-10T09:00:00'),
        lateAcknowledged: true,
      },
      ones('received', 'resolved', 'resolvedLate'),
    ],
    ['in progress, due later', {}, ones('received', 'inProgress')],
    ['in progress, due today', { dueDate: '2026-03-20' }, ones('received', 'inProgress')],
    [
      'in progress, past the due date',
      { dueDate: '2026-03-19' },
      ones('received', 'inProgress', 'inProgressLate'),
    ],
    [
      'in progress after an apology, new date not reached: late',
      { lateAcknowledged: true },
      ones('received', 'inProgress', 'inProgressLate'),
    ],
    [
      'approved, waiting for the result slip, past due: late (the clock runs)',
      { status: 'approved', dueDate: '2026-03-18' },
      ones('received', 'inProgress', 'inProgressLate'),
    ],
    [
      'waiting for a supplement past the projected date: paused, not late',
      { status: 'supplement_requested', dueDate: '2026-03-10' },
      ones('received', 'inProgress', 'waiting'),
    ],
    [
      'waiting for payment after an apology: late',
      { status: 'awaiting_payment', dueDate: '2026-03-10', lateAcknowledged: true },
      ones('received', 'inProgress', 'waiting', 'inProgressLate'),
    ],
    [
      'carried over from February, still in progress',
      { receivedAt: vn('2026-02-25T09:00:00'), dueDate: '2026-03-30' },
      ones('carriedOver', 'inProgress'),
    ],
    [
      'carried over, resolved late in March',
      {
        status: 'returned',
        receivedAt: vn('2026-02-20T09:00:00'),
        dueDate: '2026-02-27',
        resolvedAt: vn('2026-03-03T09:00:00'),
        closedAt: vn('2026-03-04T09:00:00'),
      },
      ones('carriedOver', 'resolved', 'resolvedLate'),
    ],
    [
      'resolved in February, returned in March: not March’s',
      {
        status: 'returned',
        receivedAt: vn('2026-02-10T09:00:00'),
        dueDate: '2026-02-13',
        resolvedAt: vn('2026-02-12T09:00:00'),
        closedAt: vn('2026-03-02T09:00:00'),
      },
      emptyTally(),
    ],
    [
      'received at 23:59 local on 31/3',
      { receivedAt: vn('2026-03-31T23:59:00'), dueDate: '2026-04-03' },
      ones('received', 'inProgress'),
    ],
    [
      'received at 00:00 local on 1/4: April’s',
      { receivedAt: vn('2026-04-01T00:00:00'), dueDate: '2026-04-03' },
      emptyTally(),
    ],
    [
      'withdrawn after receipt',
      { status: 'withdrawn', dueDate: '2026-03-05', closedAt: vn('2026-03-03T10:00:00') },
      ones('received', 'withdrawn'),
    ],
    [
      'refused at intake (the clock never started)',
      {
        status: 'refused',
        dueDate: null,
        receivedAt: vn('2026-03-04T10:00:00'),
        closedAt: vn('2026-03-04T10:00:00'),
      },
      ones('refused'),
    ],
    [
      'submitted online, transferred before receipt',
      { status: 'transferred', dueDate: null, closedAt: vn('2026-03-04T10:00:00') },
      ones('transferred'),
    ],
    ['submitted online, not received yet', { status: 'submitted_online', dueDate: null }, emptyTally()],
    [
      'withdrawn in February: not March’s',
      {
        status: 'withdrawn',
        receivedAt: vn('2026-02-10T09:00:00'),
        dueDate: '2026-02-13',
        closedAt: vn('2026-02-11T09:00:00'),
      },
      emptyTally(),
    ],
  ])('%s', (_, over, expected) => {
    expect(classify(dossier(over), MARCH, calendar)).toEqual(expected);
  });

  it.each<[string, Partial<ProjectedDossier>, Tally]>([
    [
      'open at the end of February past its due date (resolved in March): late in progress',
      {
        status: 'returned',
        receivedAt: vn('2026-02-20T09:00:00'),
        dueDate: '2026-02-26',
        resolvedAt: vn('2026-03-03T09:00:00'),
      },
      ones('received', 'inProgress', 'inProgressLate'),
    ],
    [
      'due on Friday 27/2, judged on Saturday 28/2: late',
      { receivedAt: vn('2026-02-23T09:00:00'), dueDate: '2026-02-27' },
      ones('received', 'inProgress', 'inProgressLate'),
    ],
    [
      'withdrawn in March: still in progress at the end of February',
      {
        status: 'withdrawn',
        receivedAt: vn('2026-02-20T09:00:00'),
        dueDate: '2026-03-05',
        closedAt: vn('2026-03-03T09:00:00'),
      },
      ones('received', 'inProgress'),
    ],
  ])('a past month, judged at its last instant: %s', (_, over, expected) => {
    expect(classify(dossier(over), FEBRUARY, calendar)).toEqual(expected);
  });
});

describe('rates (Decision 766/QĐ-TTg, domain-vn.md §4)', () => {
  it.each([
    [{ carriedOver: 2, received: 8, inProgressLate: 1, resolvedLate: 2 }, 0.3, 0.7],
    [{ carriedOver: 0, received: 4, inProgressLate: 0, resolvedLate: 0 }, 0, 1],
    [{ carriedOver: 1, received: 0, inProgressLate: 1, resolvedLate: 0 }, 1, 0],
    [{ carriedOver: 0, received: 0, inProgressLate: 0, resolvedLate: 0 }, null, null],
  ])('%j → late %s, on time %s', (t, late, onTime) => {
    const r = ratesOf(t);
    if (late === null || onTime === null) return expect(r).toEqual({ lateRate: null, onTimeRate: null });
    expect(r.lateRate).toBeCloseTo(late);
    expect(r.onTimeRate).toBeCloseTo(onTime);
  });

  it.each([
    [3, 4, 0.75],
    [0, 0, null],
  ])('share %i of %i = %s', (part, whole, share) => expect(shareOf(part, whole)).toBe(share));
});

describe('backlogStanding: the anti-backlog list (overdue, due within 1 working day)', () => {
  it.each<[string, Partial<ProjectedDossier>, Date, ReturnType<typeof backlogStanding>]>([
    [
      'due yesterday',
      { dueDate: '2026-03-19' },
      NOW,
      { level: 'overdue', dueDate: '2026-03-19', daysLate: 1 },
    ],
    ['due Monday', { dueDate: '2026-03-16' }, NOW, { level: 'overdue', dueDate: '2026-03-16', daysLate: 4 }],
    ['due today', { dueDate: '2026-03-20' }, NOW, { level: 'due_soon', dueDate: '2026-03-20', daysLate: 0 }],
    [
      'due next Monday (1 working day left)',
      { dueDate: '2026-03-23' },
      NOW,
      { level: 'due_soon', dueDate: '2026-03-23', daysLate: 0 },
    ],
    ['due in 2 working days', { dueDate: '2026-03-24' }, NOW, null],
    [
      'due Friday, on Saturday',
      { dueDate: '2026-03-20' },
      vn('2026-03-21T09:00:00'),
      { level: 'overdue', dueDate: '2026-03-20', daysLate: 0 },
    ],
    [
      'an apology does not hide a near date',
      { dueDate: '2026-03-20', lateAcknowledged: true },
      NOW,
      { level: 'due_soon', dueDate: '2026-03-20', daysLate: 0 },
    ],
    ['waiting for the applicant', { status: 'supplement_requested', dueDate: '2026-03-10' }, NOW, null],
    [
      'result ready',
      { status: 'result_ready', dueDate: '2026-03-10', resolvedAt: vn('2026-03-12T09:00:00') },
      NOW,
      null,
    ],
    [
      'withdrawn',
      { status: 'withdrawn', dueDate: '2026-03-10', closedAt: vn('2026-03-12T09:00:00') },
      NOW,
      null,
    ],
    ['not received yet', { status: 'submitted_online', dueDate: null }, NOW, null],
  ])('%s', (_, over, now, expected) => {
    expect(backlogStanding(dossier(over), now, calendar)).toEqual(expected);
  });

  it('gives the SQL bounds: overdue before today, due soon before the 2nd working day', () => {
    expect(backlogWindow(NOW, calendar)).toEqual({ today: '2026-03-20', dueSoonBefore: '2026-03-24' });
  });
});
