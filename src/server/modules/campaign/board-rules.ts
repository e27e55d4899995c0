/**
 * Rules of the province campaign board (pure): what needs help first, the filters, the totals, and the readiness
 * history with the last snapshot carried forward over days without one.
 */
import type { BoardQuery, BoardRow, BoardTotals } from '../../../common/api/campaign-board';
import { foldVietnamese } from '../../../common/text';

/** Overdue items the province or the commune owes: recommendations past their deadline and directives past due. */
const overdueOf = (r: BoardRow) => r.recommendations.overdue + r.directives.overdue;

/**
 * "Sorted by what needs help" (ux.md, the province officer): first the communes with an open high or critical
 * incident (it blocks go-live), then those with overdue recommendations or directives, then those still
 * preparing before those already live, then more open blockers of the checklist, then lower readiness (no
 * checklist counts as 0), then more open incidents of any severity, then by name.
 */
export function compareNeedsHelp(a: BoardRow, b: BoardRow): number {
  return (
    b.incidents.blocking - a.incidents.blocking ||
    overdueOf(b) - overdueOf(a) ||
    (a.goLive.status === 'live' ? 1 : 0) - (b.goLive.status === 'live' ? 1 : 0) ||
    b.readiness.blockers - a.readiness.blockers ||
    (a.readiness.percent ?? 0) - (b.readiness.percent ?? 0) ||
    b.incidents.open - a.incidents.open ||
    a.name.localeCompare(b.name, 'vi') ||
    a.code.localeCompare(b.code)
  );
}

export function sortByNeedsHelp(rows: readonly BoardRow[]): BoardRow[] {
  return [...rows].sort(compareNeedsHelp);
}

const byName = (a: BoardRow, b: BoardRow) =>
  a.name.localeCompare(b.name, 'vi') || a.code.localeCompare(b.code);
const readinessOf = (r: BoardRow) => r.readiness.percent ?? -1;

/** The board's order: what needs help first unless another is asked; ties by name. */
export function sortRows(rows: readonly BoardRow[], sort: BoardQuery['sort'] = 'needs_help'): BoardRow[] {
  switch (sort) {
    case 'name':
      return [...rows].sort(byName);
    case 'readiness_asc':
      return [...rows].sort((a, b) => readinessOf(a) - readinessOf(b) || byName(a, b));
    case 'readiness_desc':
      return [...rows].sort((a, b) => readinessOf(b) - readinessOf(a) || byName(a, b));
    case 'needs_help':
      return sortByNeedsHelp(rows);
  }
}

/** The board's filters; absent ones do not filter. */
export function matchesFilters(row: BoardRow, q: BoardQuery): boolean {
  if (q.district && !row.formerDistricts.includes(q.district)) return false;
  if (q.q) {
    const needle = foldVietnamese(q.q);
    if (needle && !foldVietnamese(row.name).includes(needle) && !row.code.includes(needle)) return false;
  }
  if (q.live && row.goLive.status !== q.live) return false;
  if (q.readinessBelow !== undefined && !((row.readiness.percent ?? 0) < q.readinessBelow)) return false;
  const flag = (value: 'true' | 'false' | undefined, has: boolean) =>
    value === undefined || (value === 'true') === has;
  if (!flag(q.hasBlockers, row.readiness.blockers > 0)) return false;
  if (!flag(q.hasOpenIncidents, row.incidents.open > 0)) return false;
  if (!flag(q.hasOverdueRecommendations, row.recommendations.overdue > 0)) return false;
  return true;
}

/** Mean to one decimal; null for no values. */
export function average(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  if (!present.length) return null;
  return Math.round((present.reduce((s, v) => s + v, 0) / present.length) * 10) / 10;
}

export function totalsOf(rows: readonly BoardRow[]): BoardTotals {
  const sum = (f: (r: BoardRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  return {
    communes: rows.length,
    live: rows.filter((r) => r.goLive.status === 'live').length,
    averageReadiness: average(rows.map((r) => r.readiness.percent)),
    withBlockers: rows.filter((r) => r.readiness.blockers > 0).length,
    openIncidents: sum((r) => r.incidents.open),
    blockingIncidents: sum((r) => r.incidents.blocking),
    openRecommendations: sum((r) => r.recommendations.open),
    overdueRecommendations: sum((r) => r.recommendations.overdue),
    trialsHeld: sum((r) => r.trials.held),
    trialsPlanned: sum((r) => r.trials.planned),
    openDirectives: sum((r) => r.directives.open),
    overdueDirectives: sum((r) => r.directives.overdue),
  };
}

/** Every calendar day from `from` to `to` (ISO dates, both included). */
export function daysFrom(from: string, to: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += 86_400_000)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/**
 * A commune's readiness on each day: its snapshot of that day, else the last one before it (carried forward),
 * else null (nothing computed yet). `snapshots` may start before the first day and come in any order.
 */
export function carryForward(
  days: readonly string[],
  snapshots: readonly { day: string; percent: number }[],
): (number | null)[] {
  const sorted = [...snapshots].sort((a, b) => a.day.localeCompare(b.day));
  let i = 0;
  let last: number | null = null;
  return days.map((day) => {
    while (i < sorted.length && sorted[i]!.day <= day) last = sorted[i++]!.percent;
    return last;
  });
}

/** The province average per day over the communes that have a value that day. */
export function averagePerDay(
  days: readonly string[],
  series: readonly (number | null)[][],
): (number | null)[] {
  return days.map((_, i) => average(series.map((s) => s[i] ?? null)));
}

/** Days between two ISO dates (to − from). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The history's range: both given, or the 30 days up to `to` (default today); a year at most; from ≤ to. */
export function historyRange(
  today: string,
  from: string | undefined,
  to: string | undefined,
): { from: string; to: string } | { error: 'from_after_to' | 'too_long' } {
  const end = to ?? today;
  const start = from ?? new Date(Date.parse(`${end}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
  if (start > end) return { error: 'from_after_to' };
  if (daysBetween(start, end) > 366) return { error: 'too_long' };
  return { from: start, to: end };
}
