/**
 * Queue tickets (số thứ tự) of the one-stop centre: numbering, the order of calls, what may happen to a ticket,
 * and the waiting-time figures. Pure: the clock is an argument.
 */
import { localDate } from '../dossiers/domain/local-time';

/** Người cao tuổi, người khuyết tật, phụ nữ mang thai: served first, as the centres do. */
export const PRIORITY_REASONS = ['elderly', 'disabled', 'pregnant'] as const;
export type PriorityReason = (typeof PRIORITY_REASONS)[number];

export const TICKET_STATUSES = ['waiting', 'called', 'served', 'no_show'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Prefix of the priority series: "UA003" is the third priority ticket of group A that day (U = ưu tiên). */
export const PRIORITY_PREFIX = 'U';

/** The service groups a commune starts with (the leader renames, adds or retires them). */
export const DEFAULT_SERVICE_GROUPS = [
  { letter: 'A', name: 'Hộ tịch' },
  { letter: 'B', name: 'Chứng thực' },
  { letter: 'C', name: 'Đất đai và thủ tục khác' },
] as const;

/** The day a ticket belongs to: the local (UTC+7) date; numbers start again at 1 each day. */
export function ticketDay(now: Date): string {
  return localDate(now);
}

/** 'A' + 5 → 'A005'; priority 'UA005'; past 999 the number simply grows ('A1000'). */
export function formatTicketNumber(letter: string, seq: number, priority: boolean): string {
  return `${priority ? PRIORITY_PREFIX : ''}${letter}${String(seq).padStart(3, '0')}`;
}

/**
 * The order in which waiting tickets are called (configurable per commune, ticket_settings.priority_first):
 * - priorityFirst (default): every waiting priority ticket before any ordinary one, each series in order of issue;
 * - otherwise: strictly in order of issue (priority only marks the ticket).
 * The database query of "call next" sorts the same way; compareForCall is its specification.
 */
export interface CallPolicy {
  priorityFirst: boolean;
}
export const DEFAULT_CALL_POLICY: CallPolicy = { priorityFirst: true };

export interface Callable {
  priority: boolean;
  issuedAt: Date;
  seq: number;
}
export function compareForCall(a: Callable, b: Callable, policy: CallPolicy): number {
  if (policy.priorityFirst && a.priority !== b.priority) return a.priority ? -1 : 1;
  return a.issuedAt.getTime() - b.issuedAt.getTime() || a.seq - b.seq;
}

/** What an officer may do with a ticket in a state. */
export type TicketAction = 'call' | 'recall' | 'serve' | 'no_show';
const ALLOWED: Record<TicketAction, readonly TicketStatus[]> = {
  call: ['waiting'],
  recall: ['called'],
  serve: ['called'],
  no_show: ['called'],
};
const NEXT: Record<TicketAction, TicketStatus> = {
  call: 'called',
  recall: 'called',
  serve: 'served',
  no_show: 'no_show',
};
/** The next state, or null when the action does not apply (a served ticket cannot be recalled …). */
export function nextStatus(status: TicketStatus, action: TicketAction): TicketStatus | null {
  return ALLOWED[action].includes(status) ? NEXT[action] : null;
}

export interface TicketFact {
  groupId: string;
  status: TicketStatus;
  issuedAt: Date;
  calledAt: Date | null;
}
export interface GroupWaitFigures {
  groupId: string;
  issued: number;
  served: number;
  noShow: number;
  waiting: number;
  /** Tickets called (served, no-show or at a counter now): the wait figures are over these. */
  called: number;
  /** Average wait from issue to first call, in seconds (null before any call). */
  averageWaitSeconds: number | null;
  /** 90th percentile of the same (nearest rank). */
  p90WaitSeconds: number | null;
  /** The longest wait of a ticket still waiting, at `now` (null when none waits). */
  longestWaitingSeconds: number | null;
}

/** The p-th percentile by nearest rank of sorted values (p in 0–100). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/** The day's figures per group, in the order of `groupIds` (every group listed, even without tickets). */
export function waitFigures(
  groupIds: readonly string[],
  tickets: readonly TicketFact[],
  now: Date,
): GroupWaitFigures[] {
  return groupIds.map((groupId) => {
    const mine = tickets.filter((t) => t.groupId === groupId);
    const waits = mine
      .filter((t) => t.calledAt)
      .map((t) => Math.max(0, Math.round((t.calledAt!.getTime() - t.issuedAt.getTime()) / 1000)))
      .sort((a, b) => a - b);
    const waiting = mine.filter((t) => t.status === 'waiting');
    const longest = waiting.reduce<number | null>((max, t) => {
      const s = Math.max(0, Math.round((now.getTime() - t.issuedAt.getTime()) / 1000));
      return max === null || s > max ? s : max;
    }, null);
    return {
      groupId,
      issued: mine.length,
      served: mine.filter((t) => t.status === 'served').length,
      noShow: mine.filter((t) => t.status === 'no_show').length,
      waiting: waiting.length,
      called: waits.length,
      averageWaitSeconds: waits.length ? Math.round(waits.reduce((a, b) => a + b, 0) / waits.length) : null,
      p90WaitSeconds: percentile(waits, 90),
      longestWaitingSeconds: longest,
    };
  });
}

/** What the hall display says aloud: "Mời số A005 đến quầy 2". */
export function callAnnouncement(number: string, counterNumber: number): string {
  return `Mời số ${number} đến quầy ${counterNumber}`;
}
