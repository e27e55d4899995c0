/**
 * The one-stop dossier state machine, written once (domain-vn.md §3, issue 4 §3). Pure:
 * apply(state, action, actor, now, calendar) checks the action against the rule table in actions.ts and
 * returns the next state and the events for the service (slips, notifications, due-date changes).
 * The state keeps the append-only history of actions; everything else in it is derived from that history,
 * and replay(history, calendar) rebuilds it — with today's calendar, so recorded holidays move due dates.
 */
import { AppError, text } from '../../../http/errors';
import type { WorkingCalendar } from '../../calendar/working-days';
import {
  ACTION_SPECS,
  type Actor,
  DEFAULT_LIFECYCLE_RULES,
  type DossierAction,
  type DossierActionType,
  type LifecycleRules,
} from './actions';
import { checkActor, checkFields, checkRules, checkState, invalid } from './guards';
import { instantOf, localDate } from './local-time';
import {
  countingStartDate,
  type DossierClock,
  effectiveDueDate,
  initialDueDate,
  pausedWorkingDaysBetween,
  shiftDueDate,
  type TimeLimit,
} from './sla';
import {
  type ApplyResult,
  type DossierActionRecord,
  type DossierEvent,
  type DossierState,
  NEW_DOSSIER,
} from './state';
import { type DossierStatus, nationalStatusOf } from './status';

/** Closes a running pause at `now`, moving the due date by the working days waited. */
function endPause(
  clock: DossierClock,
  now: Date,
  calendar: WorkingCalendar,
  events: DossierEvent[],
): DossierClock {
  if (clock.pausedSince === null) return clock;
  const days = pausedWorkingDaysBetween(instantOf(clock.pausedSince), now, calendar);
  const dueDate = shiftDueDate(clock.dueDate, days, calendar);
  events.push({ type: 'clock_resumed', pausedWorkingDays: days });
  if (dueDate !== clock.dueDate) {
    events.push({ type: 'due_date_changed', from: clock.dueDate, to: dueDate, cause: 'pause' });
  }
  return { ...clock, pausedSince: null, pausedWorkingDays: clock.pausedWorkingDays + days, dueDate };
}

function newClock(
  limit: TimeLimit,
  now: Date,
  calendar: WorkingCalendar,
  rules: LifecycleRules,
): DossierClock {
  const due = initialDueDate(now, limit, calendar, rules.sla);
  return {
    limit,
    receivedAt: now.toISOString(),
    countFrom: countingStartDate(now, calendar),
    initialDueDate: due,
    dueDate: due,
    pausedSince: null,
    pausedWorkingDays: 0,
    resolvedAt: null,
    stoppedAt: null,
    lateAcknowledged: false,
  };
}

/** The state after `action`, assuming every check passed. Also used by replay(). */
function evolve(
  state: DossierState,
  action: DossierAction,
  actor: Actor,
  now: Date,
  calendar: WorkingCalendar,
  rules: LifecycleRules,
): ApplyResult {
  const spec = ACTION_SPECS[action.type];
  const from = state.status;
  const to =
    action.type === 'import' ? action.status : spec.to === 'same' ? (from as DossierStatus) : spec.to;
  const at = now.toISOString();
  const events: DossierEvent[] = [];
  const next: DossierState = { ...state, status: to, version: state.version + 1 };
  const clock = (): DossierClock => next.clock as DossierClock; // present in every state after receipt
  const stop = () => {
    if (next.clock) next.clock = { ...endPause(next.clock, now, calendar, events), stoppedAt: at };
    next.closedAt = at;
  };

  switch (action.type) {
    case 'submit_online':
      next.pendingLimit = action.limit;
      break;
    case 'receive': {
      next.clock = newClock(action.limit ?? (state.pendingLimit as TimeLimit), now, calendar, rules);
      next.pendingLimit = null;
      events.push({ type: 'due_date_changed', from: null, to: next.clock.dueDate, cause: 'receipt' });
      events.push({ type: 'slip_issued', slip: 'receipt' });
      break;
    }
    case 'import': {
      // Taken over from a former unit: its own date of receipt and due date, in the state it had there.
      const received = instantOf(action.receivedAt);
      const waiting = action.status === 'supplement_requested';
      const ready = action.status === 'result_ready';
      next.clock = {
        limit: action.limit,
        receivedAt: received.toISOString(),
        countFrom: countingStartDate(received, calendar),
        initialDueDate: action.dueDate,
        dueDate: action.dueDate,
        pausedSince: waiting ? at : null,
        pausedWorkingDays: 0,
        resolvedAt: ready ? at : null,
        stoppedAt: ready ? at : null,
        lateAcknowledged: false,
      };
      if (waiting) next.supplementRequests = 1;
      events.push({ type: 'due_date_changed', from: null, to: action.dueDate, cause: 'receipt' });
      if (action.assigneeId) {
        next.assigneeId = action.assigneeId;
        events.push({ type: 'assignee_changed', from: null, to: action.assigneeId });
      }
      break;
    }
    case 'refuse_intake':
      next.closedAt = at;
      events.push({ type: 'slip_issued', slip: 'refusal' });
      break;
    case 'assign':
    case 'reassign':
      next.assigneeId = action.assigneeId;
      events.push({ type: 'assignee_changed', from: state.assigneeId, to: action.assigneeId });
      break;
    case 'request_supplement':
      next.supplementRequests += 1;
      next.clock = { ...clock(), pausedSince: at };
      events.push({ type: 'clock_paused' }, { type: 'slip_issued', slip: 'guidance' });
      break;
    case 'request_payment':
      next.paymentRequests += 1;
      if (rules.paymentPausesClock) {
        next.clock = { ...clock(), pausedSince: at };
        events.push({ type: 'clock_paused' });
      }
      break;
    case 'supplement_received':
    case 'payment_received':
      next.clock = endPause(clock(), now, calendar, events);
      break;
    case 'mark_result_ready':
      next.clock = { ...clock(), resolvedAt: at, stoppedAt: at };
      break;
    case 'return_result':
      next.closedAt = at;
      break;
    case 'withdraw':
      stop();
      break;
    case 'transfer':
      next.transferredTo = action.toCommuneCode;
      stop();
      break;
    case 'extend':
    case 'record_apology': {
      const before = clock();
      const oldDue = effectiveDueDate(before, now, calendar);
      const cause = action.type === 'extend' ? 'extension' : 'apology';
      // A running pause is settled into the old date; the wait goes on counting from now after the new one.
      next.clock = {
        ...endPause(before, now, calendar, []),
        dueDate: action.newDueDate,
        pausedSince: before.pausedSince === null ? null : at,
      };
      events.push({ type: 'due_date_changed', from: oldDue, to: action.newDueDate, cause });
      if (action.type === 'extend') {
        next.extensions += 1;
        break;
      }
      next.apologies += 1;
      next.clock.lateAcknowledged = true;
      events.push({ type: 'slip_issued', slip: 'apology' });
      const left = calendar.workingDaysBetween(localDate(now), oldDue);
      if (left < rules.apologyMinWorkingDaysBeforeDue) {
        next.lateApologies += 1;
        events.push({ type: 'apology_issued_late', dueDate: oldDue, workingDaysLeft: left });
      }
      break;
    }
  }

  if (from !== to) {
    events.unshift({ type: 'status_changed', from, to, nationalStatusCode: nationalStatusOf(to) });
  }
  next.history = [...state.history, { seq: state.version + 1, action, actor, at, from, to }];
  return { state: next, events };
}

/**
 * Applies one action. Checks, in this order, and throws AppError:
 * 'conflict' — not allowed in the current state; 'forbidden' — not the actor's role, or not the assigned
 * specialist; 'validation_failed' — missing reason or other required field, bad date or code;
 * 'conflict' — against a lifecycle rule (supplement count or window, extension after the due date).
 */
export function apply(
  state: DossierState,
  action: DossierAction,
  actor: Actor,
  now: Date,
  calendar: WorkingCalendar,
  rules: LifecycleRules = DEFAULT_LIFECYCLE_RULES,
): ApplyResult {
  const spec = ACTION_SPECS[action.type as DossierActionType];
  if (!spec) throw invalid('action', 'Thao tác không hợp lệ.', 'Unknown action.');
  localDate(now); // rejects an invalid clock
  checkState(spec, state);
  checkActor(spec, state, actor);
  checkFields(spec, action, calendar);
  checkRules(spec, state, action, now, calendar, rules);
  return evolve(state, action, actor, now, calendar, rules);
}

function broken(seq: number): AppError {
  return new AppError(
    'internal',
    text('Lịch sử hồ sơ không hợp lệ ở bước {seq}.', 'Invalid dossier history at step {seq}.', { seq }),
  );
}

/**
 * Rebuilds a dossier from its history. The history is trusted as to who acted and the time-bound rules (they
 * were checked when it was written); the path through the states is checked, and the due dates are recomputed
 * with `calendar` — so a holiday recorded after receipt moves the due dates of open dossiers.
 */
export function replay(
  history: readonly DossierActionRecord[],
  calendar: WorkingCalendar,
  rules: LifecycleRules = DEFAULT_LIFECYCLE_RULES,
): DossierState {
  let state = NEW_DOSSIER;
  for (const record of history) {
    const spec = ACTION_SPECS[record.action.type];
    if (!spec || record.seq !== state.version + 1 || record.from !== state.status) throw broken(record.seq);
    checkState(spec, state);
    state = evolve(state, record.action, record.actor, instantOf(record.at), calendar, rules).state;
    if (state.status !== record.to) throw broken(record.seq);
  }
  return state;
}
