/**
 * The buttons a report's page shows: what the caller's rights (src/common/permissions.ts) allow in the report's
 * state. A mirror of the server's lifecycle for the screen only — the server decides every request.
 */
import type { FeedbackState } from '../../../../common/api/feedback';
import type { StaffAction } from '../staff-api';
import type { FeedbackRights } from './parts';

/** The order the buttons appear in: the usual next step first, the ways out last. */
const ORDER: StaffAction[] = [
  'accept',
  'assign',
  'answer',
  'approve',
  'return_answer',
  'close',
  'edit_public',
  'merge',
  'split',
  'forward',
  'escalate',
  'return_from_province',
  'reject',
];

const WORKABLE: readonly FeedbackState[] = ['received', 'accepted', 'assigned', 'reopened'];
const OPEN_CHILD: readonly FeedbackState[] = [
  'received',
  'accepted',
  'assigned',
  'answer_pending',
  'reopened',
  'split',
  'escalated',
];

/** Mirrors the lifecycle (server/modules/feedback/domain/lifecycle.ts): handler and leader are "staff". */
export function availableStaffActions(
  state: FeedbackState,
  rights: FeedbackRights,
  opts: { hasAnswer?: boolean; childStates?: FeedbackState[] } = {},
): StaffAction[] {
  const out = new Set<StaffAction>();
  const staff = rights.handle || rights.approve;
  const add = (...actions: StaffAction[]) => {
    for (const a of actions) out.add(a);
  };
  if (staff) {
    if (state === 'received') add('accept');
    if (state === 'received' || state === 'accepted') add('reject', 'forward');
    if (WORKABLE.includes(state)) add('assign', 'split', 'merge', 'escalate');
    if (state === 'assigned' || state === 'reopened') add('answer');
    if (state === 'answered') add('close');
    if (state === 'split' && !(opts.childStates ?? []).some((s) => OPEN_CHILD.includes(s))) add('close');
    if ((state === 'answered' || state === 'closed') && opts.hasAnswer) add('edit_public');
  }
  if (rights.receive && (state === 'received' || state === 'accepted')) add('forward');
  if (state === 'answer_pending' && rights.approve) add('approve', 'return_answer');
  if (state === 'escalated' && rights.province) add('answer', 'return_from_province');
  return ORDER.filter((a) => out.has(a));
}
