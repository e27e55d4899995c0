import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../calendar/working-days';
import { replay } from './lifecycle';
import {
  apologise,
  calendar,
  days,
  extendTo,
  finish,
  opening,
  outcome,
  resume,
  SAMPLE,
  type Step,
  script,
  supplement,
  vn,
} from './lifecycle.fixtures';
import { lateness } from './sla';
import type { DossierActionRecord, DossierState } from './state';

/** Scenarios whose every prefix must replay to the state reached step by step. */
const SCENARIOS: [string, Step[]][] = [
  [
    'counter to return',
    [
      ...opening('2026-03-02T09:00:00'),
      ...finish('2026-03-05T10:00:00'),
      ['2026-03-06T09:00:00', SAMPLE.return_result, 'officer'],
    ],
  ],
  [
    'online, received on Monday after a Saturday submission',
    [
      ['2026-03-07T20:00:00', { type: 'submit_online', limit: { kind: 'same_day' } }, 'applicant'],
      ['2026-03-09T08:00:00', { type: 'receive' }, 'officer'],
    ],
  ],
  [
    'online, refused at intake',
    [
      ['2026-03-07T20:00:00', SAMPLE.submit_online, 'applicant'],
      ['2026-03-09T08:00:00', SAMPLE.refuse_intake, 'leader'],
    ],
  ],
  [
    'supplement across the weekend, sent back, rejected',
    [
      ...opening('2026-03-05T09:00:00'),
      ['2026-03-06T10:00:00', supplement, 'assignee'],
      ['2026-03-09T08:00:00', resume, 'officer'],
      ['2026-03-09T09:00:00', SAMPLE.submit_for_approval, 'assignee'],
      ['2026-03-09T10:00:00', SAMPLE.send_back, 'leader'],
      ['2026-03-10T09:00:00', SAMPLE.reassign, 'leader'],
      ['2026-03-10T10:00:00', SAMPLE.submit_for_approval, 'otherSpecialist'],
      ['2026-03-11T09:00:00', SAMPLE.reject, 'leader'],
      ['2026-03-11T10:00:00', SAMPLE.mark_result_ready, 'officer'],
      ['2026-03-12T10:00:00', SAMPLE.return_result, 'officer'],
    ],
  ],
  [
    'payment, extension, apology',
    [
      ...opening('2026-03-02T09:00:00'),
      ['2026-03-03T09:00:00', SAMPLE.request_payment, 'assignee'],
      ['2026-03-04T09:00:00', SAMPLE.payment_received, 'assignee'],
      ['2026-03-05T09:00:00', extendTo('2026-03-16'), 'leader'],
      ['2026-03-16T09:00:00', apologise('2026-03-18'), 'assignee'],
      ...finish('2026-03-18T09:00:00'),
    ],
  ],
  [
    'withdrawn while waiting for the citizen',
    [
      ...opening('2026-03-02T09:00:00'),
      ['2026-03-03T09:00:00', supplement, 'assignee'],
      ['2026-03-05T09:00:00', SAMPLE.withdraw, 'applicant'],
    ],
  ],
  [
    'transferred to the competent commune',
    [
      ['2026-02-13T15:30:00', { type: 'receive', limit: { kind: 'same_day' } }, 'officer'],
      ['2026-02-13T15:40:00', SAMPLE.transfer, 'officer'],
    ],
  ],
];

describe('replay: the state is derived from the history alone', () => {
  it.each(SCENARIOS)('%s: every prefix replays to the state applied step by step', (_label, steps) => {
    const states: DossierState[] = [];
    for (let i = 1; i <= steps.length; i++) states.push(script(steps.slice(0, i)).state);
    const final = states.at(-1)!;
    states.forEach((s, i) => {
      expect(replay(final.history.slice(0, i + 1), calendar)).toEqual(s);
    });
    const stored = JSON.parse(JSON.stringify(final.history)) as DossierActionRecord[];
    expect(replay(stored, calendar)).toEqual(final);
    expect(final.version).toBe(final.history.length);
  });

  it('what the scenarios end in', () => {
    const ends = SCENARIOS.map(([, steps]) => {
      const s = script(steps).state;
      return [s.status, s.clock?.dueDate ?? null, s.closedAt !== null];
    });
    expect(ends).toEqual([
      ['returned', '2026-03-09', true],
      ['received', '2026-03-09', false],
      ['refused', null, true],
      ['returned', '2026-03-13', true],
      ['result_ready', '2026-03-18', false],
      ['withdrawn', '2026-03-11', true], // the 2 days waited before withdrawal moved it
      ['transferred', '2026-02-23', true],
    ]);
  });

  it('withdrawal closes the running pause and stops the clock', () => {
    const { state } = script(SCENARIOS[5]![1]);
    expect(state.clock).toMatchObject({
      pausedSince: null,
      pausedWorkingDays: 2,
      stoppedAt: vn('2026-03-05T09:00:00').toISOString(),
    });
    expect(lateness(state.clock!, vn('2026-04-01T09:00:00'), calendar).level).toBe('on_time');
  });

  it('a day off recorded after receipt moves the due date of an open dossier on replay', () => {
    // Received Fri 20/11/2026 with 3 working days: due Wed 25/11. Then 24/11 (Tuesday) becomes a day off.
    const { state } = script(opening('2026-11-20T09:00:00', days(3)));
    expect(state.clock!.dueDate).toBe('2026-11-25');
    const withCultureDay = new WorkingCalendar({
      2026: {
        holidayRanges: [
          { from: '2026-02-14', to: '2026-02-22', key: 'tet', name: 'Tết Bính Ngọ 2026' },
          { from: '2026-11-24', to: '2026-11-24', key: 'other', name: 'Ngày Văn hóa Việt Nam' },
        ],
        makeUpWorkingDays: [],
      },
    });
    const again = replay(state.history, withCultureDay);
    expect(again.clock).toMatchObject({ initialDueDate: '2026-11-26', dueDate: '2026-11-26' });
    expect(again.history).toEqual(state.history);
  });

  it.each([
    [
      'a step out of sequence',
      (h: DossierActionRecord[]) => h.map((r, i) => (i === 1 ? { ...r, seq: 7 } : r)),
    ],
    [
      'a wrong from-state',
      (h: DossierActionRecord[]) => h.map((r, i) => (i === 2 ? { ...r, from: 'received' as const } : r)),
    ],
    [
      'a wrong to-state',
      (h: DossierActionRecord[]) => h.map((r, i) => (i === 2 ? { ...r, to: 'approved' as const } : r)),
    ],
    ['a step removed', (h: DossierActionRecord[]) => h.filter((_, i) => i !== 1)],
  ])('a tampered history is refused: %s', (_label, tamper) => {
    const { state } = script(SCENARIOS[0]![1]);
    expect(outcome(() => replay(tamper([...state.history]), calendar)).code).toBe('internal');
  });
});
