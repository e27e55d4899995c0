import { describe, expect, it } from 'vitest';
import { DEFAULT_LIFECYCLE_RULES, type LifecycleRules } from './actions';
import { apply, replay } from './lifecycle';
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
import { countsAsLate, lateness, resolvedOnTime } from './sla';

const rules = (over: Partial<LifecycleRules>): LifecycleRules => ({ ...DEFAULT_LIFECYCLE_RULES, ...over });

describe('due dates through the lifecycle', () => {
  it('receipt gives the receipt slip and the due date (Mon 2/3 + 5 working days = Mon 9/3)', () => {
    const { state, events } = script([
      ['2026-03-02T09:00:00', { type: 'receive', limit: days(5) }, 'officer'],
    ]);
    expect(events).toEqual([
      { type: 'status_changed', from: null, to: 'received', nationalStatusCode: 2 },
      { type: 'due_date_changed', from: null, to: '2026-03-09', cause: 'receipt' },
      { type: 'slip_issued', slip: 'receipt' },
    ]);
    expect(state.clock).toMatchObject({
      countFrom: '2026-03-02',
      initialDueDate: '2026-03-09',
      dueDate: '2026-03-09',
    });
  });

  it.each([
    // [label, steps, due date, paused working days]
    [
      'supplement Fri 6/3 → Mon 9/3 across a weekend: 1 day',
      [
        ...opening('2026-03-05T09:00:00'), // due Thu 12/3
        ['2026-03-06T10:00:00', supplement, 'assignee'],
        ['2026-03-09T08:00:00', resume, 'officer'],
      ],
      '2026-03-13',
      1,
    ],
    [
      'supplement Fri 13/2 → Mon 23/2 across Tết: 1 day',
      [
        ...opening('2026-02-12T09:00:00', days(3)), // due Tue 24/2
        ['2026-02-13T10:00:00', supplement, 'assignee'],
        ['2026-02-23T08:00:00', resume, 'applicant'],
      ],
      '2026-02-25',
      1,
    ],
    [
      'supplement returned the same day: no shift',
      [
        ...opening('2026-03-02T09:00:00'),
        ['2026-03-03T09:00:00', supplement, 'assignee'],
        ['2026-03-03T16:00:00', resume, 'assignee'],
      ],
      '2026-03-09',
      0,
    ],
    [
      'payment Wed 4/3 → Tue 10/3 stops the clock too: 4 days',
      [
        ...opening('2026-03-02T09:00:00'),
        ['2026-03-04T09:00:00', SAMPLE.request_payment, 'assignee'],
        ['2026-03-10T09:00:00', SAMPLE.payment_received, 'officer'],
      ],
      '2026-03-13',
      4,
    ],
    [
      'extension during a pause: the wait after it moves the new date',
      [
        ...opening('2026-03-02T09:00:00'), // due Mon 9/3
        ['2026-03-04T10:00:00', supplement, 'assignee'],
        ['2026-03-06T10:00:00', extendTo('2026-03-20'), 'leader'], // Thu 5, Fri 6 settled
        ['2026-03-10T10:00:00', resume, 'officer'], // Mon 9, Tue 10 → Fri 20/3 + 2
      ],
      '2026-03-24',
      4,
    ],
  ] as [string, Step[], string, number][])('%s', (_label, steps, due, paused) => {
    const { state } = script(steps);
    expect(state.clock).toMatchObject({ dueDate: due, pausedWorkingDays: paused, pausedSince: null });
    expect(replay(state.history, calendar)).toEqual(state);
  });

  it('resuming says how long the wait was and moves the due date', () => {
    const { events } = script([
      ...opening('2026-03-05T09:00:00'),
      ['2026-03-06T10:00:00', supplement, 'assignee'],
      ['2026-03-09T08:00:00', resume, 'officer'],
    ]);
    expect(events).toEqual([
      { type: 'status_changed', from: 'supplement_requested', to: 'in_processing', nationalStatusCode: 4 },
      { type: 'clock_resumed', pausedWorkingDays: 1 },
      { type: 'due_date_changed', from: '2026-03-12', to: '2026-03-13', cause: 'pause' },
    ]);
  });

  it('a dossier that waited 6 working days for the citizen and finished on Mon 16/3 is on time', () => {
    const { state } = script([
      ...opening('2026-03-02T09:00:00'), // due Mon 9/3
      ['2026-03-04T09:00:00', supplement, 'assignee'],
      ['2026-03-12T09:00:00', resume, 'applicant'], // Thu 5 … Thu 12: 6 working days → due Tue 17/3
      ...finish('2026-03-16T09:00:00'),
    ]);
    const clock = state.clock!;
    expect(clock.dueDate).toBe('2026-03-17');
    expect(resolvedOnTime(clock)).toBe(true);
    expect(countsAsLate(clock, vn('2026-03-20T09:00:00'), calendar)).toBe(false);
  });

  it('while waiting, the queue sees the clock stopped, not the dossier going late', () => {
    const { state } = script([
      ...opening('2026-03-02T09:00:00'),
      ['2026-03-04T09:00:00', supplement, 'assignee'],
    ]);
    const l = lateness(state.clock!, vn('2026-03-16T09:00:00'), calendar); // 8 working days later
    // Thu 5/3 … Mon 16/3 waited (8 working days): due Mon 9/3 + 8 = Thu 19/3, still 3 days left
    expect(l).toMatchObject({
      paused: true,
      level: 'on_time',
      dueDate: '2026-03-19',
      remainingWorkingDays: 3,
    });
  });

  it('asking for a supplement twice (where allowed) never makes a dossier late by itself', () => {
    const twice = rules({ maxSupplementRequests: 2, supplementWindowWorkingDays: null });
    const { state } = script(
      [
        ...opening('2026-03-02T09:00:00'), // due Mon 9/3
        ['2026-03-03T09:00:00', supplement, 'assignee'],
        ['2026-03-06T09:00:00', resume, 'officer'], // +3
        ['2026-03-09T09:00:00', supplement, 'assignee'],
        ['2026-03-13T09:00:00', resume, 'officer'], // +4
        ...finish('2026-03-16T09:00:00'),
      ],
      twice,
    );
    expect(state.supplementRequests).toBe(2);
    expect(state.clock).toMatchObject({ pausedWorkingDays: 7, dueDate: '2026-03-18' });
    expect(resolvedOnTime(state.clock!)).toBe(true);
    expect(replay(state.history, calendar, twice)).toEqual(state);
  });
});

describe('configurable [U] rules', () => {
  const processing = opening('2026-03-02T09:00:00'); // received Mon 2/3

  it.each([
    ['default: a second supplement request is refused', DEFAULT_LIFECYCLE_RULES, 'conflict'],
    ['maxSupplementRequests 2 allows it', rules({ maxSupplementRequests: 2 }), 'ok'],
    ['no limit allows it', rules({ maxSupplementRequests: null }), 'ok'],
  ] as const)('%s', (_label, r, code) => {
    const { state } = script(
      [
        ...processing,
        ['2026-03-03T09:00:00', supplement, 'assignee'],
        ['2026-03-03T10:00:00', resume, 'officer'],
      ],
      r,
    );
    expect(
      outcome(() =>
        apply(
          state,
          supplement,
          { kind: 'official', id: 'u-spec', roles: ['specialist'] },
          vn('2026-03-04T09:00:00'),
          calendar,
          r,
        ),
      ).code,
    ).toBe(code);
  });

  it.each([
    [
      'received Mon 2/3, asked Thu 5/3 (3rd working day)',
      '2026-03-02T09:00:00',
      '2026-03-05T16:00:00',
      DEFAULT_LIFECYCLE_RULES,
      'ok',
    ],
    [
      'received Mon 2/3, asked Fri 6/3 (4th)',
      '2026-03-02T09:00:00',
      '2026-03-06T08:00:00',
      DEFAULT_LIFECYCLE_RULES,
      'conflict',
    ],
    [
      'received Sat 7/3 (counts from Mon 9/3), asked Thu 12/3',
      '2026-03-07T09:00:00',
      '2026-03-12T09:00:00',
      DEFAULT_LIFECYCLE_RULES,
      'ok',
    ],
    [
      'received Sat 7/3, asked Fri 13/3',
      '2026-03-07T09:00:00',
      '2026-03-13T09:00:00',
      DEFAULT_LIFECYCLE_RULES,
      'conflict',
    ],
    [
      'received Thu 12/2, asked Tue 24/2 (Tết skipped: 3rd)',
      '2026-02-12T09:00:00',
      '2026-02-24T09:00:00',
      DEFAULT_LIFECYCLE_RULES,
      'ok',
    ],
    [
      'window of 5 days: Fri 6/3 allowed',
      '2026-03-02T09:00:00',
      '2026-03-06T08:00:00',
      rules({ supplementWindowWorkingDays: 5 }),
      'ok',
    ],
    [
      'no window: a month later allowed',
      '2026-03-02T09:00:00',
      '2026-04-02T08:00:00',
      rules({ supplementWindowWorkingDays: null }),
      'ok',
    ],
  ] as const)('supplement window — %s → %s', (_label, received, asked, r, code) => {
    const { state } = script(opening(received), r);
    const spec = { kind: 'official', id: 'u-spec', roles: ['specialist'] } as const;
    expect(outcome(() => apply(state, supplement, spec, vn(asked), calendar, r)).code).toBe(code);
  });

  it.each([
    ['default: waiting for payment stops the clock', DEFAULT_LIFECYCLE_RULES, '2026-03-13', 4],
    ['paymentPausesClock false: it does not', rules({ paymentPausesClock: false }), '2026-03-09', 0],
  ] as const)('%s', (_label, r, due, paused) => {
    const { state } = script(
      [
        ...processing,
        ['2026-03-04T09:00:00', SAMPLE.request_payment, 'assignee'],
        ['2026-03-10T09:00:00', SAMPLE.payment_received, 'officer'],
      ],
      r,
    );
    expect(state.clock).toMatchObject({ dueDate: due, pausedWorkingDays: paused });
    expect(replay(state.history, calendar, r)).toEqual(state);
  });

  it.each([
    ['on the due date (Mon 9/3): allowed', '2026-03-09T16:00:00', DEFAULT_LIFECYCLE_RULES, 'ok'],
    ['after the due date (Tue 10/3): refused', '2026-03-10T08:00:00', DEFAULT_LIFECYCLE_RULES, 'conflict'],
    [
      'after, with extendOnlyBeforeDue false',
      '2026-03-10T08:00:00',
      rules({ extendOnlyBeforeDue: false }),
      'ok',
    ],
  ] as const)('extension %s', (_label, at, r, code) => {
    const { state } = script(processing, r);
    const leader = { kind: 'official', id: 'u-leader', roles: ['commune_leader'] } as const;
    expect(outcome(() => apply(state, extendTo('2026-03-20'), leader, vn(at), calendar, r)).code).toBe(code);
  });
});

describe('apology and new appointment (phiếu xin lỗi và hẹn lại)', () => {
  // received Mon 2/3 with 5 working days: due Mon 9/3
  it.each([
    ['Thu 5/3, 2 working days before', '2026-03-05T09:00:00', DEFAULT_LIFECYCLE_RULES, false, 2],
    ['Fri 6/3, 1 working day before', '2026-03-06T09:00:00', DEFAULT_LIFECYCLE_RULES, false, 1],
    ['Sat 7/3, Monday still ahead', '2026-03-07T09:00:00', DEFAULT_LIFECYCLE_RULES, false, 1],
    ['Mon 9/3, on the due date', '2026-03-09T09:00:00', DEFAULT_LIFECYCLE_RULES, true, 0],
    ['Tue 10/3, after the due date', '2026-03-10T09:00:00', DEFAULT_LIFECYCLE_RULES, true, -1],
    [
      'Fri 6/3 with a 2-day rule',
      '2026-03-06T09:00:00',
      rules({ apologyMinWorkingDaysBeforeDue: 2 }),
      true,
      1,
    ],
  ] as const)('issued %s → flagged late: %s', (_label, at, r, flagged, left) => {
    const { state, events } = script(
      [...opening('2026-03-02T09:00:00'), [at, apologise('2026-03-16'), 'assignee']],
      r,
    );
    expect(state.clock).toMatchObject({ dueDate: '2026-03-16', lateAcknowledged: true });
    expect(state.apologies).toBe(1);
    expect(state.lateApologies).toBe(flagged ? 1 : 0);
    expect(events).toContainEqual({ type: 'slip_issued', slip: 'apology' });
    expect(events).toContainEqual({
      type: 'due_date_changed',
      from: '2026-03-09',
      to: '2026-03-16',
      cause: 'apology',
    });
    const warning = { type: 'apology_issued_late', dueDate: '2026-03-09', workingDaysLeft: left };
    if (flagged) expect(events).toContainEqual(warning);
    else expect(events.some((e) => e.type === 'apology_issued_late')).toBe(false);
  });

  it('an apologised dossier counts as late even when it meets the new date', () => {
    const { state } = script([
      ...opening('2026-03-02T09:00:00'),
      ['2026-03-06T09:00:00', apologise('2026-03-16'), 'leader'],
      ...finish('2026-03-13T09:00:00'),
    ]);
    expect(lateness(state.clock!, vn('2026-03-13T10:00:00'), calendar).level).toBe('due_soon');
    expect(resolvedOnTime(state.clock!)).toBe(false);
    expect(countsAsLate(state.clock!, vn('2026-03-20T00:00:00'), calendar)).toBe(true);
  });

  it('an extension is not lateness: resolved by the extended date is on time', () => {
    const { state } = script([
      ...opening('2026-03-02T09:00:00'),
      ['2026-03-06T09:00:00', extendTo('2026-03-16'), 'leader'],
      ...finish('2026-03-16T09:00:00'),
    ]);
    expect(state.extensions).toBe(1);
    expect(resolvedOnTime(state.clock!)).toBe(true);
  });
});
