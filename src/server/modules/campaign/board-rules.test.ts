import { describe, expect, it } from 'vitest';
import type { BoardRow } from '../../../common/api/campaign-board';
import {
  averagePerDay,
  carryForward,
  compareNeedsHelp,
  daysFrom,
  historyRange,
  matchesFilters,
  sortByNeedsHelp,
  sortRows,
  totalsOf,
} from './board-rules';

interface RowSpec {
  name?: string;
  code?: string;
  districts?: string[];
  percent?: number | null;
  blockers?: number;
  blocking?: number;
  open?: number;
  recOverdue?: number;
  recOpen?: number;
  dirOverdue?: number;
  live?: boolean;
}

function row(s: RowSpec): BoardRow {
  const open = s.open ?? s.blocking ?? 0;
  return {
    code: s.code ?? '00000',
    name: s.name ?? 'Xã A',
    formerDistricts: s.districts ?? [],
    readiness: {
      percent: s.percent === undefined ? 50 : s.percent,
      done: 0,
      total: s.percent === null ? 0 : 10,
      blockers: s.blockers ?? 0,
      blockerTitles: [],
    },
    trials: { planned: 1, held: 0, next: null, lastHeld: null },
    incidents: {
      open,
      bySeverity: { low: open - (s.blocking ?? 0), medium: 0, high: s.blocking ?? 0, critical: 0 },
      blocking: s.blocking ?? 0,
    },
    recommendations: {
      byStatus: { sent: s.recOpen ?? 0, received: 0, assigned: 0, answered: 0, closed: 0, reopened: 0 },
      open: s.recOpen ?? 0,
      overdue: s.recOverdue ?? 0,
      oldestOpenDays: null,
    },
    directives: { open: s.dirOverdue ?? 0, overdue: s.dirOverdue ?? 0 },
    goLive: { status: s.live ? 'live' : 'preparing', liveFrom: null, wentLiveAt: null },
  };
}

describe('what needs help first', () => {
  it.each<[string, RowSpec, RowSpec]>([
    ['an open high/critical incident before overdue recommendations', { blocking: 1 }, { recOverdue: 3 }],
    ['overdue recommendations before a preparing commune without any', { recOverdue: 1, live: true }, {}],
    ['an overdue directive like an overdue recommendation', { dirOverdue: 1 }, { blockers: 5 }],
    ['preparing before live', { percent: 100 }, { percent: 10, live: true }],
    ['more checklist blockers first', { blockers: 2, percent: 90 }, { blockers: 1, percent: 10 }],
    ['lower readiness first', { percent: 20 }, { percent: 80 }],
    ['no checklist counts as 0 %', { percent: null }, { percent: 5 }],
    ['more open (minor) incidents first at equal readiness', { open: 2 }, { open: 0 }],
    ['then by name in Vietnamese order', { name: 'Xã Ân Phú' }, { name: 'Xã Bình Lộc' }],
  ])('%s', (_, first, second) => {
    expect(compareNeedsHelp(row(first), row(second))).toBeLessThan(0);
    expect(compareNeedsHelp(row(second), row(first))).toBeGreaterThan(0);
  });

  it('sorts a whole board and leaves the input as it was', () => {
    const rows = [
      row({ name: 'Live', live: true, percent: 100 }),
      row({ name: 'Ready', percent: 95 }),
      row({ name: 'Incident', blocking: 1, percent: 95 }),
      row({ name: 'Behind', percent: 30 }),
      row({ name: 'Overdue', recOverdue: 2, percent: 95 }),
    ];
    expect(sortByNeedsHelp(rows).map((r) => r.name)).toEqual([
      'Incident',
      'Overdue',
      'Behind',
      'Ready',
      'Live',
    ]);
    expect(rows[0]!.name).toBe('Live');
  });
});

describe('other orders', () => {
  const rows = [
    row({ name: 'Xã Bình Lộc', code: '2', percent: 40 }),
    row({ name: 'Xã Ân Phú', code: '1', percent: null }),
    row({ name: 'Xã Cẩm Xuyên', code: '3', percent: 90, blocking: 1 }),
    row({ name: 'Xã Đan Hải', code: '4', percent: 40 }),
  ];
  it.each<[Parameters<typeof sortRows>[1], string[]]>([
    [undefined, ['3', '1', '2', '4']],
    ['needs_help', ['3', '1', '2', '4']],
    ['name', ['1', '2', '3', '4']],
    // No checklist comes before any readiness; equal readiness by name.
    ['readiness_asc', ['1', '2', '4', '3']],
    ['readiness_desc', ['3', '2', '4', '1']],
  ])('%s', (sort, codes) => {
    expect(sortRows(rows, sort).map((r) => r.code)).toEqual(codes);
  });
});

describe('filters', () => {
  const r = row({
    name: 'Phường Trần Phú',
    code: '18100',
    districts: ['Thành phố Hà Tĩnh'],
    percent: 60,
    blockers: 1,
    open: 1,
  });
  it.each<[string, Parameters<typeof matchesFilters>[1], boolean]>([
    ['no filter', {}, true],
    ['its former district', { district: 'Thành phố Hà Tĩnh' }, true],
    ['another former district', { district: 'Huyện Thạch Hà' }, false],
    ['name without diacritics', { q: 'tran phu' }, true],
    ['name in capitals with diacritics', { q: 'TRẦN PHÚ' }, true],
    ['its code', { q: '18100' }, true],
    ['another name', { q: 'song tri' }, false],
    ['preparing', { live: 'preparing' }, true],
    ['live', { live: 'live' }, false],
    ['readiness below 70', { readinessBelow: 70 }, true],
    ['readiness below 60 (strictly)', { readinessBelow: 60 }, false],
    ['has blockers', { hasBlockers: 'true' }, true],
    ['has no blockers', { hasBlockers: 'false' }, false],
    ['has open incidents', { hasOpenIncidents: 'true' }, true],
    ['has overdue recommendations', { hasOverdueRecommendations: 'true' }, false],
    ['no overdue recommendations', { hasOverdueRecommendations: 'false' }, true],
    [
      'all that match together',
      { district: 'Thành phố Hà Tĩnh', readinessBelow: 90, hasBlockers: 'true' },
      true,
    ],
  ])('%s → %s', (_, query, expected) => {
    expect(matchesFilters(r, query)).toBe(expected);
  });

  it('a commune without a checklist is below any positive readiness', () => {
    expect(matchesFilters(row({ percent: null }), { readinessBelow: 1 })).toBe(true);
    expect(matchesFilters(row({ percent: null }), { readinessBelow: 0 })).toBe(false);
  });
});

describe('totals', () => {
  it('counts live communes, averages readiness over communes with a checklist, sums the rest', () => {
    const totals = totalsOf([
      row({ percent: 80, live: true, recOverdue: 1, recOpen: 2 }),
      row({ percent: 55, blockers: 2, open: 3, blocking: 1 }),
      row({ percent: null, dirOverdue: 1 }),
    ]);
    expect(totals).toMatchObject({
      communes: 3,
      live: 1,
      averageReadiness: 67.5,
      withBlockers: 1,
      openIncidents: 3,
      blockingIncidents: 1,
      openRecommendations: 2,
      overdueRecommendations: 1,
      trialsPlanned: 3,
      openDirectives: 1,
      overdueDirectives: 1,
    });
  });

  it('has no average for an empty board', () => {
    expect(totalsOf([])).toMatchObject({ communes: 0, averageReadiness: null });
  });
});

describe('readiness over time', () => {
  const days = daysFrom('2025-06-18', '2025-06-22');

  it('lists every day of the range, across a month end', () => {
    expect(days).toEqual(['2025-06-18', '2025-06-19', '2025-06-20', '2025-06-21', '2025-06-22']);
    expect(daysFrom('2025-06-30', '2025-07-01')).toEqual(['2025-06-30', '2025-07-01']);
    expect(daysFrom('2025-07-02', '2025-07-01')).toEqual([]);
  });

  it.each<[string, { day: string; percent: number }[], (number | null)[]]>([
    ['no snapshot: nothing to show', [], [null, null, null, null, null]],
    [
      'the last snapshot carries forward over days without one',
      [
        { day: '2025-06-19', percent: 40 },
        { day: '2025-06-21', percent: 75 },
      ],
      [null, 40, 40, 75, 75],
    ],
    [
      'a snapshot before the range starts the line',
      [{ day: '2025-06-01', percent: 30 }],
      [30, 30, 30, 30, 30],
    ],
    [
      'order of the snapshots does not matter',
      [
        { day: '2025-06-22', percent: 90 },
        { day: '2025-06-18', percent: 10 },
      ],
      [10, 10, 10, 10, 90],
    ],
    [
      'a snapshot after the range is not shown',
      [{ day: '2025-06-30', percent: 99 }],
      [null, null, null, null, null],
    ],
    [
      'readiness may fall too',
      [
        { day: '2025-06-18', percent: 60 },
        { day: '2025-06-20', percent: 45 },
      ],
      [60, 60, 45, 45, 45],
    ],
  ])('%s', (_, snapshots, expected) => {
    expect(carryForward(days, snapshots)).toEqual(expected);
  });

  it('averages per day over the communes that have a value', () => {
    expect(
      averagePerDay(
        ['d1', 'd2', 'd3'],
        [
          [null, 40, 50],
          [null, null, 70],
          [null, 20, 33],
        ],
      ),
    ).toEqual([null, 30, 51]);
  });

  it.each<[string, string | undefined, string | undefined, ReturnType<typeof historyRange>]>([
    ['defaults: the 30 days up to today', undefined, undefined, { from: '2025-05-22', to: '2025-06-20' }],
    ['from only: up to today', '2025-06-01', undefined, { from: '2025-06-01', to: '2025-06-20' }],
    ['to only: the 30 days before it', undefined, '2025-07-01', { from: '2025-06-02', to: '2025-07-01' }],
    ['one day', '2025-06-20', '2025-06-20', { from: '2025-06-20', to: '2025-06-20' }],
    ['from after to', '2025-06-21', '2025-06-20', { error: 'from_after_to' }],
    ['a leap year at most', '2024-01-01', '2025-01-01', { from: '2024-01-01', to: '2025-01-01' }],
    ['longer than a year', '2024-01-01', '2025-01-03', { error: 'too_long' }],
  ])('range: %s', (_, from, to, expected) => {
    expect(historyRange('2025-06-20', from, to)).toEqual(expected);
  });
});
