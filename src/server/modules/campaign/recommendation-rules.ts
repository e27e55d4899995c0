/**
 * Kiến nghị lên tỉnh: the workflow as a pure state machine (no I/O), and its deadlines in working days.
 *
 *   sent ──receive──▶ received ──assign──▶ assigned ──answer──▶ answered ──close──▶ closed (final)
 *                        │  ▲                 │ ▲ (reassign)        │
 *                        │  └─────────────────┘ │                   └──reopen──▶ reopened ──receive──▶ received …
 *                        └──────answer (the province itself)───────▶
 *
 * - The province (campaign.province) receives, assigns (and reassigns) and may answer itself.
 * - A department handler (campaign.answer without campaign.province) answers only what is assigned to their own
 *   account.
 * - The commune (campaign.manage) closes an answered recommendation or reopens it with a reason. A reopened one
 *   goes back to the province as if sent again: it must be received again (a new receive deadline counted from
 *   the reopening), then assigned and answered again (a new answer deadline counted from the new receipt).
 *
 * Deadlines: receive due = sent (or reopened) + receiveDays working days; answer due = received + answerDays
 * (urgentAnswerDays for an urgent one). Overdue = today is past the due date of the step it waits for.
 */
import type {
  RecommendationActionKind,
  RecommendationOutcome,
  RecommendationStatus,
} from '../../../common/api/campaign-recommendations';
import type { WorkingCalendar } from '../calendar/working-days';

export type {
  RecommendationOutcome,
  RecommendationStatus,
} from '../../../common/api/campaign-recommendations';
// The statuses, actions, categories and outcomes are the API's (one list for the server and the web).
export {
  RECOMMENDATION_ACTIONS,
  RECOMMENDATION_CATEGORIES,
  RECOMMENDATION_OUTCOMES,
  RECOMMENDATION_STATUSES,
} from '../../../common/api/campaign-recommendations';
export type RecommendationAction = RecommendationActionKind;

/** Who acts: the commune's leader, the province officer, or a department handler of the province. */
export type RecommendationActorKind = 'commune' | 'province' | 'handler';

export interface RecommendationActor {
  kind: RecommendationActorKind;
  accountId: string | null;
}

export interface RecommendationState {
  status: RecommendationStatus;
  assigneeAccountId: string | null;
}

export type TransitionRefusal = 'wrong_state' | 'not_allowed' | 'not_assignee';
export type TransitionResult =
  | { ok: true; to: RecommendationStatus }
  | { ok: false; refusal: TransitionRefusal };

interface Rule {
  from: readonly RecommendationStatus[];
  to: RecommendationStatus;
  by: readonly RecommendationActorKind[];
}

const RULES: Record<Exclude<RecommendationAction, 'send'>, Rule> = {
  receive: { from: ['sent', 'reopened'], to: 'received', by: ['province'] },
  assign: { from: ['received', 'assigned'], to: 'assigned', by: ['province'] },
  answer: { from: ['received', 'assigned'], to: 'answered', by: ['province', 'handler'] },
  close: { from: ['answered'], to: 'closed', by: ['commune'] },
  reopen: { from: ['answered'], to: 'reopened', by: ['commune'] },
};

/** Whether `actor` may take `action` on a recommendation in `state`, and where it leads. */
export function transition(
  state: RecommendationState,
  action: Exclude<RecommendationAction, 'send'>,
  actor: RecommendationActor,
): TransitionResult {
  const rule = RULES[action];
  if (!rule.by.includes(actor.kind)) return { ok: false, refusal: 'not_allowed' };
  if (!rule.from.includes(state.status)) return { ok: false, refusal: 'wrong_state' };
  if (actor.kind === 'handler') {
    // A handler answers only what the province assigned to their own account.
    if (
      state.status !== 'assigned' ||
      !state.assigneeAccountId ||
      state.assigneeAccountId !== actor.accountId
    )
      return { ok: false, refusal: 'not_assignee' };
  }
  return { ok: true, to: rule.to };
}

/** The actions `actor` may take now (for the screens' buttons). */
export function allowedActions(
  state: RecommendationState,
  actor: RecommendationActor,
): Exclude<RecommendationAction, 'send'>[] {
  return (Object.keys(RULES) as Exclude<RecommendationAction, 'send'>[]).filter(
    (a) => transition(state, a, actor).ok,
  );
}

/** An answer's outcome: declined needs a reason (returns the field that is missing, or null). */
export function answerProblem(input: {
  outcome: RecommendationOutcome;
  reason?: string | null;
}): 'reason' | null {
  if (input.outcome === 'declined' && !(input.reason ?? '').trim()) return 'reason';
  return null;
}

export interface DeadlineSettings {
  receiveDays: number;
  answerDays: number;
  urgentAnswerDays: number;
}

/** Defaults when the province has set nothing ([U]: not in law; configurable per province). */
export const DEFAULT_DEADLINES: DeadlineSettings = { receiveDays: 2, answerDays: 10, urgentAnswerDays: 3 };

/** The date the province must receive by, counted from the day it was sent (or reopened). */
export function receiveDueOf(calendar: WorkingCalendar, sentOn: string, settings: DeadlineSettings): string {
  return calendar.addWorkingDays(sentOn, settings.receiveDays);
}

/** The date the answer is due, counted from the day of receipt. */
export function answerDueOf(
  calendar: WorkingCalendar,
  receivedOn: string,
  urgency: 'normal' | 'urgent',
  settings: DeadlineSettings,
): string {
  return calendar.addWorkingDays(
    receivedOn,
    urgency === 'urgent' ? settings.urgentAnswerDays : settings.answerDays,
  );
}

/** The due date of the step the recommendation waits for now (null: it waits for nobody with a deadline). */
export function currentDue(r: {
  status: RecommendationStatus;
  receiveDue: string;
  answerDue: string | null;
}): string | null {
  if (r.status === 'sent' || r.status === 'reopened') return r.receiveDue;
  if (r.status === 'received' || r.status === 'assigned') return r.answerDue;
  return null;
}

/** Past the due date of its current step and that step not yet taken. */
export function isOverdue(
  r: { status: RecommendationStatus; receiveDue: string; answerDue: string | null },
  today: string,
): boolean {
  const due = currentDue(r);
  return due !== null && today > due;
}

/** Waiting for the province (not yet answered, or reopened): what the board counts as open. */
export const OPEN_STATUSES: readonly RecommendationStatus[] = ['sent', 'received', 'assigned', 'reopened'];
