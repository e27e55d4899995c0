/**
 * The shape of a dossier as the lifecycle sees it: the append-only history of actions and what is derived from
 * it (current state, clock, counters), plus the events an action yields for the service. Pure types and data.
 */

import type { IsoDate } from '../../calendar/holidays';
import type { Actor, DossierAction } from './actions';
import type { DossierClock, TimeLimit } from './sla';
import type { DossierStatus, NationalStatusCode } from './status';

/** One entry of the append-only history (who, what, when, from which state, to which; the why is in the action). */
export interface DossierActionRecord {
  seq: number;
  action: DossierAction;
  actor: Actor;
  at: string;
  from: DossierStatus | null;
  to: DossierStatus;
}

export interface DossierState {
  /** null before the first action. */
  status: DossierStatus | null;
  /** Number of actions applied: the optimistic-locking version. */
  version: number;
  /** Time limit announced at online submission, before receipt. */
  pendingLimit: TimeLimit | null;
  /** null until received (and for dossiers refused at intake or withdrawn before receipt). */
  clock: DossierClock | null;
  assigneeId: string | null;
  supplementRequests: number;
  paymentRequests: number;
  extensions: number;
  apologies: number;
  /** Apologies issued later than the rule allows (domain-vn.md §3 [U]). */
  lateApologies: number;
  transferredTo: string | null;
  closedAt: string | null;
  history: readonly DossierActionRecord[];
}

export type SlipKind = 'receipt' | 'refusal' | 'guidance' | 'apology';

export type DossierEvent =
  | {
      type: 'status_changed';
      from: DossierStatus | null;
      to: DossierStatus;
      nationalStatusCode: NationalStatusCode;
    }
  | {
      type: 'due_date_changed';
      from: IsoDate | null;
      to: IsoDate;
      cause: 'receipt' | 'pause' | 'extension' | 'apology';
    }
  | { type: 'assignee_changed'; from: string | null; to: string }
  | { type: 'clock_paused' }
  | { type: 'clock_resumed'; pausedWorkingDays: number }
  | { type: 'slip_issued'; slip: SlipKind }
  | { type: 'apology_issued_late'; dueDate: IsoDate; workingDaysLeft: number };

export interface ApplyResult {
  state: DossierState;
  events: DossierEvent[];
}

export const NEW_DOSSIER: DossierState = Object.freeze({
  status: null,
  version: 0,
  pendingLimit: null,
  clock: null,
  assigneeId: null,
  supplementRequests: 0,
  paymentRequests: 0,
  extensions: 0,
  apologies: 0,
  lateApologies: 0,
  transferredTo: null,
  closedAt: null,
  history: Object.freeze([]) as readonly DossierActionRecord[],
});
