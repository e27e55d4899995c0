/**
 * Monthly statistics of a commune's dossiers (thống kê tình hình giải quyết hồ sơ) and the anti-backlog list,
 * classified from the projected facts of the dossiers row alone (no history replay), with the lateness rules of
 * sla.ts. Pure: the clock and the working-day calendar are arguments. The dashboard's SQL mirrors this module
 * and its integration test checks that both agree on every dossier.
 */
import { AppError, text } from '../../../http/errors';
import type { IsoDate } from '../../calendar/holidays';
import type { WorkingCalendar } from '../../calendar/working-days';
import { localDate, VN_UTC_OFFSET_MINUTES } from './local-time';
import { countsAsLate, type DossierClock, lateness, resolvedOnTime } from './sla';
import { type DossierStatus, WAITING_STATUSES } from './status';

/** 'YYYY-MM' */
export type Month = string;

/** What the dossiers row projects of a dossier's history (schema.ts), all the statistics need. */
export interface ProjectedDossier {
  status: DossierStatus;
  /** Creation of the row: the counter's receipt, or the online submission. */
  receivedAt: Date;
  /** Due date in force; null while the clock has not started (submitted online, refused at intake). */
  dueDate: IsoDate | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  lateAcknowledged: boolean;
}

/** A calendar month in Vietnam time, and the moment its figures are judged at. */
export interface Period {
  month: Month;
  /** Local midnight of the first day (UTC+7), as an instant. */
  start: Date;
  /** Local midnight of the first day of the next month. */
  end: Date;
  /** The last instant considered: now during the month, the month's last millisecond once it is over. */
  asOf: Date;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const OFFSET_MS = VN_UTC_OFFSET_MINUTES * 60_000;

export const isMonth = (value: unknown): value is Month => typeof value === 'string' && MONTH.test(value);

/** The local (UTC+7) month of an instant. */
export const monthOf = (instant: Date): Month => localDate(instant).slice(0, 7);

function monthStart(month: Month): Date {
  const m = MONTH.exec(month);
  if (!m) throw new AppError('validation_failed', text('Tháng không hợp lệ.', 'Invalid month.'));
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1) - OFFSET_MS);
}

/** The month before: '2026-01' → '2025-12'. */
export function previousMonth(month: Month): Month {
  const start = monthStart(month);
  return monthOf(new Date(start.getTime() - 1));
}

/** The period of `month` judged at `now` (a month not begun yet is judged at its start: nothing in it). */
export function monthPeriod(month: Month, now: Date): Period {
  const start = monthStart(month);
  const m = MONTH.exec(month)!;
  const end = new Date(Date.UTC(Number(m[1]), Number(m[2]), 1) - OFFSET_MS);
  const last = new Date(end.getTime() - 1);
  const asOf = now < start ? start : now < last ? now : last;
  return { month, start, end, asOf };
}

/** The figures of one dossier in a period: each 0 or 1; summed over dossiers they make the dashboard. */
export const TALLY_KEYS = [
  'carriedOver', // tồn kỳ trước chuyển sang
  'received', // tiếp nhận trong kỳ
  'resolved', // đã giải quyết (có kết quả hoặc đã trả)
  'resolvedOnTime', // giải quyết trước và đúng hạn
  'resolvedLate', // giải quyết quá hạn
  'inProgress', // đang giải quyết
  'inProgressLate', // đang giải quyết quá hạn
  'waiting', // chờ công dân bổ sung / thực hiện nghĩa vụ tài chính (đồng hồ dừng)
  'withdrawn', // rút hồ sơ
  'refused', // từ chối tiếp nhận
  'transferred', // chuyển xã có thẩm quyền
] as const;
export type TallyKey = (typeof TALLY_KEYS)[number];
export type Tally = Record<TallyKey, number>;

export const emptyTally = (): Tally => Object.fromEntries(TALLY_KEYS.map((k) => [k, 0])) as Tally;

export function addTallies(a: Tally, b: Tally): Tally {
  const sum = emptyTally();
  for (const k of TALLY_KEYS) sum[k] = a[k] + b[k];
  return sum;
}

/**
 * The clock sla.ts judges, from the projection: it keeps only what resolvedOnTime, countsAsLate and lateness
 * read (due date in force, when the result was ready, the apology). The projection has no running-pause start,
 * so `pausedSince` is null: paused dossiers are handled by the caller (see classify).
 */
function clockOf(d: ProjectedDossier, dueDate: IsoDate, resolvedAt: Date | null): DossierClock {
  const resolved = resolvedAt ? resolvedAt.toISOString() : null;
  return {
    limit: { kind: 'same_day' }, // not read by the judging functions
    receivedAt: d.receivedAt.toISOString(),
    countFrom: dueDate, // not read by the judging functions
    initialDueDate: dueDate, // not read by the judging functions
    dueDate,
    pausedSince: null,
    pausedWorkingDays: 0,
    resolvedAt: resolved,
    stoppedAt: resolved,
    lateAcknowledged: d.lateAcknowledged,
  };
}

const isWaiting = (status: DossierStatus) => WAITING_STATUSES.includes(status);

/**
 * Where one dossier stands in the period:
 * - out of it when received after the period, or finished (result ready, or closed without one) before it;
 * - withdrawn / refused / transferred when closed so within the period (received or not);
 * - otherwise only once its clock has started (a due date): carried over (received before the period) or
 *   received in it; then resolved in the period — on time as sla.ts `resolvedOnTime` (by the due date, local
 *   dates, and no apology), else late — or still in progress at `asOf`, late as sla.ts `countsAsLate` (an
 *   apology, or past the due date). Waiting for the applicant stops the clock (sla.ts effectiveDueDate moves
 *   the due date by the wait), so a waiting dossier is late only when an apology was issued.
 * Past months are judged from today's projection: a due date moved or an apology issued after the month counts.
 */
export function classify(d: ProjectedDossier, period: Period, calendar: WorkingCalendar): Tally {
  const tally = emptyTally();
  const finishedAt = d.resolvedAt ?? d.closedAt;
  if (d.receivedAt >= period.end || (finishedAt !== null && finishedAt < period.start)) return tally;
  const closedInPeriod = d.closedAt !== null && d.closedAt < period.end;
  if (closedInPeriod && d.status === 'withdrawn') tally.withdrawn = 1;
  if (closedInPeriod && d.status === 'refused') tally.refused = 1;
  if (closedInPeriod && d.status === 'transferred') tally.transferred = 1;
  if (d.dueDate === null) return tally;

  if (d.receivedAt < period.start) tally.carriedOver = 1;
  else tally.received = 1;
  if (d.resolvedAt !== null && d.resolvedAt < period.end) {
    tally.resolved = 1;
    if (resolvedOnTime(clockOf(d, d.dueDate, d.resolvedAt))) tally.resolvedOnTime = 1;
    else tally.resolvedLate = 1;
    return tally;
  }
  if (d.resolvedAt === null && closedInPeriod) return tally; // withdrawn or transferred after receipt
  tally.inProgress = 1;
  if (isWaiting(d.status)) {
    tally.waiting = 1;
    if (d.lateAcknowledged) tally.inProgressLate = 1;
  } else if (countsAsLate(clockOf(d, d.dueDate, null), period.asOf, calendar)) {
    tally.inProgressLate = 1;
  }
  return tally;
}

export interface Rates {
  /** Tỷ lệ trễ hạn, 0–1; null when nothing was to be handled. */
  lateRate: number | null;
  /** Tỷ lệ đúng hạn = 1 − tỷ lệ trễ hạn. */
  onTimeRate: number | null;
}

/**
 * Decision 766/QĐ-TTg progress indicator, as one province publishes it (domain-vn.md §4):
 *   late rate = (late & in progress + late & done) / (carried over + received);  on-time rate = 100% − late rate.
 */
export function ratesOf(
  t: Pick<Tally, 'inProgressLate' | 'resolvedLate' | 'carriedOver' | 'received'>,
): Rates {
  const denominator = t.carriedOver + t.received;
  if (denominator === 0) return { lateRate: null, onTimeRate: null };
  const lateRate = (t.inProgressLate + t.resolvedLate) / denominator;
  return { lateRate, onTimeRate: 1 - lateRate };
}

/** A share, or null when the whole is empty (tỷ lệ số hóa, …). */
export const shareOf = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export type BacklogLevel = 'overdue' | 'due_soon';

/** The anti-backlog bounds at `now`: overdue before `today`; due soon in [today, dueSoonBefore). */
export function backlogWindow(now: Date, calendar: WorkingCalendar) {
  const today = localDate(now);
  // lateness() says due_soon with ≤ 1 working day in (today, due]: that is, due before the 2nd working day.
  return { today, dueSoonBefore: calendar.addWorkingDays(today, 2) };
}

export interface BacklogStanding {
  level: BacklogLevel;
  dueDate: IsoDate;
  /** Working days past the due date (0 when not overdue, and on a weekend right after it). */
  daysLate: number;
}

/**
 * Whether an open dossier belongs on the anti-backlog list at `now` (sla.ts lateness: overdue, or due today or
 * within 1 working day). Not while waiting for the applicant (the clock is stopped), nor once resolved/closed.
 */
export function backlogStanding(
  d: ProjectedDossier,
  now: Date,
  calendar: WorkingCalendar,
): BacklogStanding | null {
  if (d.dueDate === null || d.receivedAt > now || isWaiting(d.status)) return null;
  if ((d.resolvedAt !== null && d.resolvedAt <= now) || (d.closedAt !== null && d.closedAt <= now))
    return null;
  const l = lateness(clockOf(d, d.dueDate, null), now, calendar);
  if (l.level === 'on_time') return null;
  return {
    level: l.level === 'overdue' ? 'overdue' : 'due_soon',
    dueDate: l.dueDate,
    daysLate: Math.max(0, -l.remainingWorkingDays),
  };
}
