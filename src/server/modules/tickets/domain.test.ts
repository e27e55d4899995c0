import { describe, expect, it } from 'vitest';
import {
  type Callable,
  compareForCall,
  formatTicketNumber,
  nextStatus,
  percentile,
  type TicketAction,
  type TicketFact,
  type TicketStatus,
  ticketDay,
  waitFigures,
} from './domain';

describe('ticket numbers', () => {
  it.each([
    ['A', 1, false, 'A001'],
    ['B', 42, false, 'B042'],
    ['A', 999, false, 'A999'],
    ['A', 1000, false, 'A1000'],
    ['A', 2, true, 'UA002'],
    ['C', 15, true, 'UC015'],
  ])('%s #%i priority=%s → %s', (letter, seq, priority, expected) => {
    expect(formatTicketNumber(letter, seq, priority)).toBe(expected);
  });

  it.each([
    ['2026-12-02T16:59:59Z', '2026-12-02'],
    ['2026-12-02T17:00:00Z', '2026-12-03'], // local midnight: a new day, numbers start again
    ['2026-12-03T01:30:00Z', '2026-12-03'],
  ])('the day of %s is %s (UTC+7)', (instant, day) => {
    expect(ticketDay(new Date(instant))).toBe(day);
  });
});

describe('order of calls', () => {
  const t = (label: string, priority: boolean, minute: number, seq: number) => ({
    label,
    priority,
    issuedAt: new Date(Date.UTC(2026, 11, 3, 1, minute)),
    seq,
  });
  const tickets = [
    t('A001', false, 0, 1),
    t('A002', false, 1, 2),
    t('UA001', true, 2, 1),
    t('A003', false, 3, 3),
    t('UA002', true, 4, 2),
  ];
  const order = (priorityFirst: boolean) =>
    [...tickets]
      .sort((a: Callable, b: Callable) => compareForCall(a, b, { priorityFirst }))
      .map((x) => (x as { label: string }).label);

  it('calls every priority ticket first, each series in order of issue (the default)', () => {
    expect(order(true)).toEqual(['UA001', 'UA002', 'A001', 'A002', 'A003']);
  });
  it('calls in order of issue when the commune turns priority-first off', () => {
    expect(order(false)).toEqual(['A001', 'A002', 'UA001', 'A003', 'UA002']);
  });
});

describe('what may happen to a ticket', () => {
  const table: [TicketStatus, TicketAction, TicketStatus | null][] = [
    ['waiting', 'call', 'called'],
    ['waiting', 'recall', null],
    ['waiting', 'serve', null],
    ['waiting', 'no_show', null],
    ['called', 'call', null],
    ['called', 'recall', 'called'],
    ['called', 'serve', 'served'],
    ['called', 'no_show', 'no_show'],
    ['served', 'recall', null],
    ['served', 'no_show', null],
    ['no_show', 'serve', null],
    ['no_show', 'call', null],
  ];
  it.each(table)('%s + %s → %s', (status, action, next) => {
    expect(nextStatus(status, action)).toBe(next);
  });
});

describe('waiting-time figures', () => {
  it.each([
    [[], 90, null],
    [[5], 90, 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90, 10],
    [[10, 20], 50, 10],
  ])('percentile(%j, %i) = %s', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  const at = (minutes: number) => new Date(Date.UTC(2026, 11, 3, 1, 0) + minutes * 60_000);
  const ticket = (
    groupId: string,
    status: TicketStatus,
    issued: number,
    called: number | null,
  ): TicketFact => ({
    groupId,
    status,
    issuedAt: at(issued),
    calledAt: called === null ? null : at(called),
  });
  const now = at(60);

  it.each([
    {
      name: 'a group without tickets is listed with zeros',
      tickets: [],
      expected: {
        issued: 0,
        served: 0,
        waiting: 0,
        called: 0,
        averageWaitSeconds: null,
        p90WaitSeconds: null,
        longestWaitingSeconds: null,
      },
    },
    {
      name: 'waits run from issue to the first call, whatever came after',
      tickets: [ticket('A', 'served', 0, 10), ticket('A', 'no_show', 5, 25), ticket('A', 'called', 20, 50)],
      expected: {
        issued: 3,
        served: 1,
        noShow: 1,
        waiting: 0,
        called: 3,
        averageWaitSeconds: 1200,
        p90WaitSeconds: 1800,
      },
    },
    {
      name: 'tickets still waiting count as waiting, not in the averages; the oldest one is reported',
      tickets: [
        ticket('A', 'served', 0, 4),
        ticket('A', 'waiting', 30, null),
        ticket('A', 'waiting', 45, null),
      ],
      expected: {
        issued: 3,
        served: 1,
        waiting: 2,
        called: 1,
        averageWaitSeconds: 240,
        p90WaitSeconds: 240,
        longestWaitingSeconds: 1800,
      },
    },
    {
      name: "another group's tickets are not counted",
      tickets: [ticket('B', 'served', 0, 59), ticket('A', 'served', 0, 1)],
      expected: { issued: 1, served: 1, averageWaitSeconds: 60, p90WaitSeconds: 60 },
    },
  ])('$name', ({ tickets, expected }) => {
    const [a] = waitFigures(['A'], tickets, now);
    expect(a).toMatchObject({ groupId: 'A', ...expected });
  });

  it('keeps the order of the groups asked for', () => {
    expect(waitFigures(['C', 'A'], [], now).map((g) => g.groupId)).toEqual(['C', 'A']);
  });
});
