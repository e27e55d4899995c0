import { describe, expect, it } from 'vitest';
import {
  FEEDBACK_ACTIONS,
  FEEDBACK_STATES,
  type FeedbackActionKind,
  type FeedbackState,
} from '../../../../common/api/feedback';
import {
  availableActions,
  FEEDBACK_ROLES,
  type FeedbackRole,
  rolesOf,
  type TransitionContext,
  transition,
  transitionAs,
} from './lifecycle';

const FREE: TransitionContext = { approvalRequired: false, openChildren: 0 };
const APPROVAL: TransitionContext = { approvalRequired: true, openChildren: 0 };
const CHILDREN_OPEN: TransitionContext = { approvalRequired: false, openChildren: 2 };

type Row = [FeedbackState, FeedbackActionKind, FeedbackRole, TransitionContext, string];
const WORKABLE: FeedbackState[] = ['received', 'accepted', 'assigned', 'reopened'];
const OPEN: FeedbackState[] = [
  'received',
  'accepted',
  'assigned',
  'answer_pending',
  'reopened',
  'split',
  'escalated',
];

/** Rows for several states and roles at once. */
function rows(
  states: FeedbackState[],
  action: FeedbackActionKind,
  roles: FeedbackRole[],
  ctx: TransitionContext,
  to: string | ((s: FeedbackState) => string),
): Row[] {
  return states.flatMap((s) =>
    roles.map((r): Row => [s, action, r, ctx, typeof to === 'string' ? to : to(s)]),
  );
}

/**
 * Every allowed transition: (state, action, role, context) → '→ next state'. Each is also checked with the other
 * context where the context does not matter. Everything not listed here is refused (checked exhaustively below).
 */
const ALLOWED: Row[] = [
  ...rows(['received'], 'accept', ['handler', 'leader'], FREE, '→accepted'),
  ...rows(['received', 'accepted'], 'reject', ['handler', 'leader'], FREE, '→rejected'),
  ...rows(WORKABLE, 'assign', ['handler', 'leader'], FREE, '→assigned'),
  ...rows(['assigned', 'reopened'], 'submit_answer', ['handler'], APPROVAL, '→answer_pending'),
  ...rows(['answer_pending'], 'return_answer', ['leader'], APPROVAL, '→assigned'),
  // A leader answers directly, approval or not; a handler only where no approval is needed.
  ...rows(['assigned', 'reopened'], 'answer', ['leader'], APPROVAL, '→answered'),
  ...rows(['assigned', 'reopened'], 'answer', ['leader'], FREE, '→answered'),
  ...rows(['assigned', 'reopened'], 'answer', ['handler'], FREE, '→answered'),
  ...rows(['answer_pending'], 'answer', ['leader'], APPROVAL, '→answered'),
  ...rows(['answer_pending'], 'answer', ['leader'], FREE, '→answered'),
  ...rows(['escalated'], 'answer', ['province'], FREE, '→answered'),
  ...rows(['escalated'], 'answer', ['province'], APPROVAL, '→answered'),
  ...rows(['answered', 'closed'], 'edit_public', ['handler', 'leader'], FREE, (s) => `→${s}`),
  ...rows(['answered'], 'close', ['handler', 'leader'], FREE, '→closed'),
  ...rows(['split'], 'close', ['handler', 'leader'], FREE, '→closed'),
  ...rows(['answered', 'closed'], 'rate', ['reporter'], FREE, '→closed'),
  ...rows(['answered', 'closed'], 'reopen', ['reporter'], FREE, '→reopened'),
  ...rows(WORKABLE, 'split', ['handler', 'leader'], FREE, '→split'),
  ...rows(['split'], 'child_closed', ['system'], FREE, '→closed'),
  ...rows(['split'], 'child_closed', ['system'], CHILDREN_OPEN, '→split'),
  ...rows(WORKABLE, 'merge', ['handler', 'leader'], FREE, '→merged'),
  ...rows(['received', 'accepted'], 'forward', ['handler', 'leader', 'receiver'], FREE, '→received'),
  ...rows(WORKABLE, 'escalate', ['handler', 'leader'], FREE, '→escalated'),
  ...rows(['escalated'], 'return_from_province', ['province'], FREE, '→accepted'),
  ...rows(OPEN, 'escalate_leader', ['system'], FREE, (s) => `→${s}`),
  ...rows(OPEN, 'escalate_province', ['system'], FREE, (s) => `→${s}`),
  ...rows(OPEN, 'due_dates_moved', ['system'], FREE, (s) => `→${s}`),
];

/** The refusals a person meets, with their code. */
const REFUSED: Row[] = [
  // Approval: the handler must submit; submitting is pointless without approval; a leader approves, not submits.
  ['assigned', 'answer', 'handler', APPROVAL, 'approval_required'],
  ['reopened', 'answer', 'handler', APPROVAL, 'approval_required'],
  ['answer_pending', 'answer', 'handler', APPROVAL, 'approval_required'],
  ['answer_pending', 'answer', 'handler', FREE, 'approval_required'],
  ['assigned', 'submit_answer', 'handler', FREE, 'approval_not_required'],
  ['reopened', 'submit_answer', 'handler', FREE, 'approval_not_required'],
  ['assigned', 'submit_answer', 'leader', APPROVAL, 'not_allowed_for_role'],
  ['answer_pending', 'return_answer', 'handler', APPROVAL, 'not_allowed_for_role'],
  ['answer_pending', 'submit_answer', 'handler', APPROVAL, 'not_allowed_in_state'],
  ['received', 'answer', 'leader', FREE, 'not_allowed_in_state'],
  ['accepted', 'answer', 'leader', FREE, 'not_allowed_in_state'],
  ['escalated', 'answer', 'leader', FREE, 'not_allowed_in_state'],
  ['escalated', 'answer', 'handler', FREE, 'not_allowed_in_state'],
  ['assigned', 'answer', 'province', FREE, 'not_allowed_in_state'],
  ['answered', 'answer', 'leader', FREE, 'not_allowed_in_state'],
  // Only the reporter rates or reopens; staff cannot do it on their behalf.
  ['answered', 'rate', 'handler', FREE, 'reporter_only'],
  ['answered', 'rate', 'leader', FREE, 'reporter_only'],
  ['answered', 'rate', 'receiver', FREE, 'reporter_only'],
  ['answered', 'rate', 'province', FREE, 'reporter_only'],
  ['answered', 'rate', 'system', FREE, 'reporter_only'],
  ['closed', 'reopen', 'leader', FREE, 'reporter_only'],
  ['closed', 'reopen', 'handler', FREE, 'reporter_only'],
  ['closed', 'reopen', 'system', FREE, 'reporter_only'],
  ['received', 'rate', 'reporter', FREE, 'not_allowed_in_state'],
  ['assigned', 'reopen', 'reporter', FREE, 'not_allowed_in_state'],
  ['rejected', 'reopen', 'reporter', FREE, 'not_allowed_in_state'],
  ['merged', 'rate', 'reporter', FREE, 'not_allowed_in_state'],
  ['reopened', 'reopen', 'reporter', FREE, 'not_allowed_in_state'],
  // Nobody but staff changes a report otherwise (FixMyStreet #2613).
  ['answered', 'close', 'reporter', FREE, 'staff_only'],
  ['received', 'accept', 'reporter', FREE, 'staff_only'],
  ['assigned', 'answer', 'reporter', FREE, 'staff_only'],
  ['answered', 'edit_public', 'reporter', FREE, 'staff_only'],
  ['received', 'merge', 'reporter', FREE, 'staff_only'],
  ['split', 'child_closed', 'reporter', FREE, 'staff_only'],
  // Children still open.
  ['split', 'close', 'leader', CHILDREN_OPEN, 'children_open'],
  ['split', 'close', 'handler', { approvalRequired: false }, 'children_open'],
  // Roles without the action.
  ['received', 'accept', 'receiver', FREE, 'not_allowed_for_role'],
  ['received', 'accept', 'province', FREE, 'not_allowed_for_role'],
  ['received', 'accept', 'system', FREE, 'not_allowed_for_role'],
  ['received', 'reject', 'receiver', FREE, 'not_allowed_for_role'],
  ['received', 'assign', 'receiver', FREE, 'not_allowed_for_role'],
  ['received', 'assign', 'province', FREE, 'not_allowed_for_role'],
  ['assigned', 'split', 'receiver', FREE, 'not_allowed_for_role'],
  ['assigned', 'escalate', 'province', FREE, 'not_allowed_for_role'],
  ['received', 'forward', 'province', FREE, 'not_allowed_for_role'],
  ['escalated', 'return_from_province', 'leader', FREE, 'not_allowed_for_role'],
  ['split', 'child_closed', 'leader', FREE, 'not_allowed_for_role'],
  ['assigned', 'escalate_leader', 'leader', FREE, 'not_allowed_for_role'],
  ['assigned', 'escalate_province', 'handler', FREE, 'not_allowed_for_role'],
  ['assigned', 'due_dates_moved', 'leader', FREE, 'not_allowed_for_role'],
  // Wrong states.
  ['accepted', 'accept', 'leader', FREE, 'not_allowed_in_state'],
  ['assigned', 'accept', 'handler', FREE, 'not_allowed_in_state'],
  ['assigned', 'reject', 'leader', FREE, 'not_allowed_in_state'],
  ['answered', 'assign', 'leader', FREE, 'not_allowed_in_state'],
  ['escalated', 'assign', 'leader', FREE, 'not_allowed_in_state'],
  ['closed', 'close', 'leader', FREE, 'not_allowed_in_state'],
  ['assigned', 'close', 'leader', FREE, 'not_allowed_in_state'],
  ['received', 'edit_public', 'leader', FREE, 'not_allowed_in_state'],
  ['answer_pending', 'split', 'leader', FREE, 'not_allowed_in_state'],
  ['split', 'split', 'leader', FREE, 'not_allowed_in_state'],
  ['answered', 'merge', 'leader', FREE, 'not_allowed_in_state'],
  ['assigned', 'forward', 'leader', FREE, 'not_allowed_in_state'],
  ['assigned', 'forward', 'receiver', FREE, 'not_allowed_in_state'],
  ['escalated', 'escalate', 'leader', FREE, 'not_allowed_in_state'],
  ['answered', 'escalate', 'leader', FREE, 'not_allowed_in_state'],
  ['assigned', 'return_from_province', 'province', FREE, 'not_allowed_in_state'],
  ['assigned', 'child_closed', 'system', FREE, 'not_allowed_in_state'],
  ['closed', 'escalate_leader', 'system', FREE, 'not_allowed_in_state'],
  ['answered', 'escalate_province', 'system', FREE, 'not_allowed_in_state'],
  ['rejected', 'due_dates_moved', 'system', FREE, 'not_allowed_in_state'],
  ['assigned', 'return_answer', 'leader', FREE, 'not_allowed_in_state'],
  // Creating a report is not a transition.
  ['received', 'receive', 'receiver', FREE, 'not_allowed_in_state'],
  ['received', 'receive', 'system', FREE, 'not_allowed_in_state'],
];

describe('feedback lifecycle', () => {
  it.each(ALLOWED)('%s --%s by %s (%o) %s', (state, action, role, ctx, expected) => {
    expect(transition(state, action, role, ctx)).toEqual({ ok: true, to: expected.slice(1) });
  });

  it.each(REFUSED)('%s --%s by %s (%o) is refused: %s', (state, action, role, ctx, code) => {
    const r = transition(state, action, role, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe(code);
  });

  it('refuses every combination that is not an allowed transition, in every context', () => {
    const contexts = [FREE, APPROVAL, CHILDREN_OPEN, { approvalRequired: true, openChildren: 3 }];
    let allowedCount = 0;
    for (const state of FEEDBACK_STATES) {
      for (const action of FEEDBACK_ACTIONS) {
        for (const role of FEEDBACK_ROLES) {
          for (const ctx of contexts) {
            const r = transition(state, action, role, ctx);
            const listed = ALLOWED.some(
              ([s, a, ro, c]) =>
                s === state && a === action && ro === role && sameWhereItMatters(a, s, c, ctx),
            );
            if (r.ok) allowedCount++;
            expect({ state, action, role, ctx, ok: r.ok }).toEqual({ state, action, role, ctx, ok: listed });
          }
        }
      }
    }
    expect(allowedCount).toBeGreaterThan(100);
  });

  it('never lets anything happen to a rejected or merged report', () => {
    for (const state of ['rejected', 'merged'] as const) {
      for (const ctx of [FREE, APPROVAL]) {
        expect(availableActions(state, [...FEEDBACK_ROLES], ctx)).toEqual([]);
      }
    }
  });

  it('explains every refusal in Vietnamese and English', () => {
    for (const [state, action, role, ctx] of REFUSED) {
      const r = transition(state, action, role, ctx);
      if (r.ok) throw new Error('expected a refusal');
      expect(r.vi.length).toBeGreaterThan(10);
      expect(r.en.length).toBeGreaterThan(10);
      expect(r.vi).not.toBe(r.en);
    }
    const wrongState = transition('closed', 'assign', 'leader', FREE);
    expect(wrongState).toMatchObject({ ok: false, vi: expect.stringContaining('Đã kết thúc') });
    expect(wrongState).toMatchObject({ ok: false, en: expect.stringContaining('Closed') });
  });
});

/** The part of the context an action depends on: approval (answer, submit_answer), open children (split). */
function sameWhereItMatters(
  action: FeedbackActionKind,
  state: FeedbackState,
  a: TransitionContext,
  b: TransitionContext,
): boolean {
  if (action === 'answer' || action === 'submit_answer') {
    // Only the handler's answer and submission depend on approval; the leader's and the province's do not.
    return a.approvalRequired === b.approvalRequired || state === 'escalated' || state === 'answer_pending';
  }
  if (state === 'split' && (action === 'close' || action === 'child_closed')) {
    return (a.openChildren === 0) === (b.openChildren === 0);
  }
  return true;
}

describe('several roles at once', () => {
  const LEADER: FeedbackRole[] = ['receiver', 'handler', 'leader'];
  const SPECIALIST: FeedbackRole[] = ['handler'];

  it.each([
    ['assigned', 'answer', LEADER, APPROVAL, { ok: true, to: 'answered', role: 'leader' }],
    ['assigned', 'answer', SPECIALIST, FREE, { ok: true, to: 'answered', role: 'handler' }],
    ['assigned', 'answer', SPECIALIST, APPROVAL, { ok: false, code: 'approval_required' }],
    ['assigned', 'answer', ['receiver', 'handler'], APPROVAL, { ok: false, code: 'approval_required' }],
    ['assigned', 'submit_answer', LEADER, APPROVAL, { ok: true, to: 'answer_pending', role: 'handler' }],
    ['received', 'forward', ['receiver'], FREE, { ok: true, to: 'received', role: 'receiver' }],
    ['received', 'accept', ['receiver'], FREE, { ok: false, code: 'not_allowed_for_role' }],
    ['received', 'accept', [], FREE, { ok: false, code: 'not_allowed_for_role' }],
    ['closed', 'accept', LEADER, FREE, { ok: false, code: 'not_allowed_in_state' }],
    ['split', 'close', LEADER, CHILDREN_OPEN, { ok: false, code: 'children_open' }],
    ['answered', 'rate', LEADER, FREE, { ok: false, code: 'reporter_only' }],
  ] as [FeedbackState, FeedbackActionKind, FeedbackRole[], TransitionContext, object][])(
    '%s --%s by %o (%o)',
    (state, action, roles, ctx, expected) => {
      expect(transitionAs(state, action, roles, ctx)).toMatchObject(expected);
    },
  );
});

describe('available actions', () => {
  it.each([
    ['assigned', ['handler'], APPROVAL, ['assign', 'submit_answer', 'split', 'merge', 'escalate']],
    ['assigned', ['handler'], FREE, ['assign', 'answer', 'split', 'merge', 'escalate']],
    [
      'assigned',
      ['receiver', 'handler', 'leader'],
      APPROVAL,
      ['assign', 'submit_answer', 'answer', 'split', 'merge', 'escalate'],
    ],
    ['received', ['receiver'], FREE, ['forward']],
    ['received', ['handler'], FREE, ['accept', 'reject', 'assign', 'split', 'merge', 'forward', 'escalate']],
    ['answer_pending', ['leader'], APPROVAL, ['return_answer', 'answer']],
    ['answer_pending', ['handler'], APPROVAL, []],
    ['answered', ['reporter'], FREE, ['rate', 'reopen']],
    ['answered', ['handler', 'leader'], FREE, ['edit_public', 'close']],
    ['closed', ['leader'], FREE, ['edit_public']],
    ['closed', ['reporter'], FREE, ['rate', 'reopen']],
    ['escalated', ['province'], FREE, ['answer', 'return_from_province']],
    ['escalated', ['handler', 'leader'], FREE, []],
    ['split', ['system'], FREE, ['child_closed', 'escalate_leader', 'escalate_province', 'due_dates_moved']],
    ['split', ['leader'], FREE, ['close']],
    ['split', ['leader'], CHILDREN_OPEN, []],
    ['rejected', ['leader', 'reporter', 'system'], FREE, []],
  ] as [FeedbackState, FeedbackRole[], TransitionContext, FeedbackActionKind[]][])(
    '%s for %o (%o)',
    (state, roles, ctx, expected) => {
      expect(availableActions(state, roles, ctx)).toEqual(expected);
    },
  );
});

describe('roles from permissions', () => {
  it.each([
    [
      ['feedback.read', 'feedback.receive', 'feedback.handle', 'feedback.approve'],
      ['receiver', 'handler', 'leader'],
    ],
    [['feedback.read', 'feedback.receive'], ['receiver']],
    [['feedback.read', 'feedback.handle'], ['handler']],
    [['feedback.read', 'feedback.province'], ['province']],
    [['feedback.read'], []],
    [[], []],
  ])('%o → %o', (permissions, roles) => {
    expect(rolesOf(permissions)).toEqual(roles);
  });
});
