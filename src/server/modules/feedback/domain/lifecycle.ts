/**
 * The life of a citizen's report (phản ánh, kiến nghị) as a pure state machine — no I/O (domain-vn.md §8, issue 13 §3).
 * A report is created in `received` (INITIAL_FEEDBACK_STATE); `receive` is the creation, not a transition.
 *
 *   Main path: received → accepted → assigned → (answer_pending →) answered → closed; an unhappy reporter reopens
 *   an answered or closed report (reopened → assigned or answered again).
 *   Side exits: rejected and merged (final); split (closes with its last child); escalated (the province answers
 *   it or returns it to the commune as accepted); forward (received again, in another commune).
 *
 * Who may do what (roles come from permissions, see rolesOf):
 * - accept: received → accepted (handler, leader).
 * - reject: received | accepted → rejected, final (handler, leader; with a reason).
 * - assign (and reassign): received | accepted | assigned | reopened → assigned (handler, leader).
 * - answer: assigned | reopened → answered by a leader; by a handler only when the category needs no approval,
 *   otherwise refused with 'approval_required' (the handler uses submit_answer → answer_pending).
 *   answer_pending → answered by a leader (approval). escalated → answered by the province.
 * - submit_answer: assigned | reopened → answer_pending (handler, only when approval is required: otherwise the
 *   handler answers directly and submit_answer is refused with 'approval_not_required').
 * - return_answer: answer_pending → assigned (leader).
 * - edit_public: answered | closed, state kept (handler, leader).
 * - close: answered → closed (handler, leader); split → closed only when no child is open ('children_open').
 * - rate, reopen: only the reporter ('reporter_only' for anyone else — staff cannot rate on the reporter's behalf,
 *   and nobody but staff can change a report otherwise: 'staff_only' for the reporter on any other action).
 *   rate: answered | closed → closed; reopen: answered | closed → reopened.
 * - split: received | accepted | assigned | reopened → split (handler, leader).
 * - child_closed (system): split → closed when ctx.openChildren === 0, else the report stays split.
 * - merge: received | accepted | assigned | reopened → merged, final (handler, leader).
 * - forward: received | accepted → received (in the target commune) (handler, leader, receiver).
 * - escalate: received | accepted | assigned | reopened → escalated (handler, leader).
 * - return_from_province: escalated → accepted (province).
 * - escalate_leader, escalate_province, due_dates_moved (system): any open state, state kept.
 *
 * Refusals carry a stable code: 'not_allowed_in_state', 'not_allowed_for_role', 'approval_required',
 * 'approval_not_required', 'reporter_only', 'staff_only', 'children_open' — and a message in Vietnamese and English.
 */
import {
  FEEDBACK_ACTIONS,
  type FeedbackActionKind,
  type FeedbackState,
  OPEN_FEEDBACK_STATES,
} from '../../../../common/api/feedback';

export type FeedbackRole = 'reporter' | 'receiver' | 'handler' | 'leader' | 'province' | 'system';

export const FEEDBACK_ROLES = [
  'reporter',
  'receiver',
  'handler',
  'leader',
  'province',
  'system',
] as const satisfies readonly FeedbackRole[];

export const INITIAL_FEEDBACK_STATE: FeedbackState = 'received';

/** Final states: nothing but editing the public version (closed) happens after them. */
export const TERMINAL_FEEDBACK_STATES = ['rejected', 'merged'] as const satisfies readonly FeedbackState[];

export interface TransitionContext {
  /** The report's category needs a leader to approve the answer. */
  approvalRequired: boolean;
  /** For a split report: how many of its children are still open. */
  openChildren?: number;
}

export type FeedbackRefusalCode =
  | 'not_allowed_in_state'
  | 'not_allowed_for_role'
  | 'approval_required'
  | 'approval_not_required'
  | 'reporter_only'
  | 'staff_only'
  | 'children_open';

export interface FeedbackRefusal {
  ok: false;
  code: FeedbackRefusalCode;
  vi: string;
  en: string;
}

export type TransitionResult = { ok: true; to: FeedbackState } | FeedbackRefusal;

export const FEEDBACK_STATE_NAMES: Record<FeedbackState, { vi: string; en: string }> = {
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  accepted: { vi: 'Đã thụ lý', en: 'Accepted' },
  rejected: { vi: 'Không thụ lý', en: 'Rejected' },
  assigned: { vi: 'Đang xử lý', en: 'Assigned' },
  answer_pending: { vi: 'Chờ lãnh đạo duyệt trả lời', en: 'Answer awaiting approval' },
  answered: { vi: 'Đã trả lời', en: 'Answered' },
  closed: { vi: 'Đã kết thúc', en: 'Closed' },
  reopened: { vi: 'Mở lại', en: 'Reopened' },
  split: { vi: 'Đã tách', en: 'Split' },
  merged: { vi: 'Đã gộp', en: 'Merged' },
  escalated: { vi: 'Đã chuyển lên tỉnh', en: 'Escalated to the province' },
};

export const FEEDBACK_ACTION_NAMES: Record<FeedbackActionKind, { vi: string; en: string }> = {
  receive: { vi: 'tiếp nhận', en: 'receive' },
  accept: { vi: 'thụ lý', en: 'accept' },
  reject: { vi: 'không thụ lý', en: 'reject' },
  assign: { vi: 'giao xử lý', en: 'assign' },
  submit_answer: { vi: 'trình duyệt trả lời', en: 'submit the answer for approval' },
  return_answer: { vi: 'trả lại dự thảo trả lời', en: 'return the draft answer' },
  answer: { vi: 'trả lời', en: 'answer' },
  edit_public: { vi: 'sửa bản công khai', en: 'edit the public version' },
  close: { vi: 'kết thúc', en: 'close' },
  rate: { vi: 'đánh giá', en: 'rate' },
  reopen: { vi: 'mở lại', en: 'reopen' },
  split: { vi: 'tách', en: 'split' },
  child_closed: { vi: 'kết thúc phản ánh con', en: 'close a child report' },
  merge: { vi: 'gộp', en: 'merge' },
  forward: { vi: 'chuyển xã khác', en: 'forward to another commune' },
  escalate: { vi: 'chuyển lên tỉnh', en: 'escalate to the province' },
  escalate_leader: { vi: 'báo lãnh đạo xã (quá hạn)', en: 'warn the commune leader (overdue)' },
  escalate_province: { vi: 'báo tỉnh (quá hạn)', en: 'warn the province (overdue)' },
  return_from_province: { vi: 'tỉnh trả lại xã', en: 'return from the province' },
  due_dates_moved: { vi: 'dời hạn (ngày nghỉ)', en: 'move due dates (holidays)' },
};

type To = FeedbackState | 'same' | ((ctx: TransitionContext) => FeedbackState);

interface Clause {
  from: readonly FeedbackState[];
  by: readonly FeedbackRole[];
  to: To;
  /** A further condition once state and role match: a refusal code, or null to allow. */
  guard?: (ctx: TransitionContext) => FeedbackRefusalCode | null;
}

const STAFF = ['handler', 'leader'] as const;
const WORKABLE = ['received', 'accepted', 'assigned', 'reopened'] as const satisfies readonly FeedbackState[];

const RULES: Record<FeedbackActionKind, readonly Clause[]> = {
  receive: [],
  accept: [{ from: ['received'], by: STAFF, to: 'accepted' }],
  reject: [{ from: ['received', 'accepted'], by: STAFF, to: 'rejected' }],
  assign: [{ from: WORKABLE, by: STAFF, to: 'assigned' }],
  submit_answer: [
    {
      from: ['assigned', 'reopened'],
      by: ['handler'],
      to: 'answer_pending',
      guard: (ctx) => (ctx.approvalRequired ? null : 'approval_not_required'),
    },
  ],
  return_answer: [{ from: ['answer_pending'], by: ['leader'], to: 'assigned' }],
  answer: [
    { from: ['assigned', 'reopened', 'answer_pending'], by: ['leader'], to: 'answered' },
    {
      from: ['assigned', 'reopened'],
      by: ['handler'],
      to: 'answered',
      guard: (ctx) => (ctx.approvalRequired ? 'approval_required' : null),
    },
    { from: ['answer_pending'], by: ['handler'], to: 'answered', guard: () => 'approval_required' },
    { from: ['escalated'], by: ['province'], to: 'answered' },
  ],
  edit_public: [{ from: ['answered', 'closed'], by: STAFF, to: 'same' }],
  close: [
    { from: ['answered'], by: STAFF, to: 'closed' },
    {
      from: ['split'],
      by: STAFF,
      to: 'closed',
      guard: (ctx) => (ctx.openChildren === 0 ? null : 'children_open'),
    },
  ],
  rate: [{ from: ['answered', 'closed'], by: ['reporter'], to: 'closed' }],
  reopen: [{ from: ['answered', 'closed'], by: ['reporter'], to: 'reopened' }],
  split: [{ from: WORKABLE, by: STAFF, to: 'split' }],
  child_closed: [
    { from: ['split'], by: ['system'], to: (ctx) => (ctx.openChildren === 0 ? 'closed' : 'split') },
  ],
  merge: [{ from: WORKABLE, by: STAFF, to: 'merged' }],
  forward: [{ from: ['received', 'accepted'], by: ['handler', 'leader', 'receiver'], to: 'received' }],
  escalate: [{ from: WORKABLE, by: STAFF, to: 'escalated' }],
  escalate_leader: [{ from: OPEN_FEEDBACK_STATES, by: ['system'], to: 'same' }],
  escalate_province: [{ from: OPEN_FEEDBACK_STATES, by: ['system'], to: 'same' }],
  return_from_province: [{ from: ['escalated'], by: ['province'], to: 'accepted' }],
  due_dates_moved: [{ from: OPEN_FEEDBACK_STATES, by: ['system'], to: 'same' }],
};

const REPORTER_ACTIONS: readonly FeedbackActionKind[] = ['rate', 'reopen'];

function refusal(
  code: FeedbackRefusalCode,
  state: FeedbackState,
  action: FeedbackActionKind,
): FeedbackRefusal {
  const s = FEEDBACK_STATE_NAMES[state];
  const a = FEEDBACK_ACTION_NAMES[action];
  switch (code) {
    case 'not_allowed_in_state':
      return {
        ok: false,
        code,
        vi: `Không thể ${a.vi} phản ánh ở trạng thái "${s.vi}".`,
        en: `Cannot ${a.en} a report in state "${s.en}".`,
      };
    case 'not_allowed_for_role':
      return {
        ok: false,
        code,
        vi: `Bạn không có quyền ${a.vi} phản ánh này.`,
        en: `You may not ${a.en} this report.`,
      };
    case 'approval_required':
      return {
        ok: false,
        code,
        vi: 'Lĩnh vực này cần lãnh đạo duyệt trả lời: hãy trình duyệt dự thảo trả lời.',
        en: 'This category needs a leader to approve the answer: submit the draft for approval.',
      };
    case 'approval_not_required':
      return {
        ok: false,
        code,
        vi: 'Lĩnh vực này không cần lãnh đạo duyệt: hãy gửi trả lời trực tiếp.',
        en: 'This category needs no approval: send the answer directly.',
      };
    case 'reporter_only':
      return {
        ok: false,
        code,
        vi: `Chỉ người gửi phản ánh mới được ${a.vi}.`,
        en: `Only the person who filed the report may ${a.en} it.`,
      };
    case 'staff_only':
      return {
        ok: false,
        code,
        vi: `Chỉ cán bộ xử lý mới được ${a.vi} phản ánh.`,
        en: `Only staff may ${a.en} a report.`,
      };
    case 'children_open':
      return {
        ok: false,
        code,
        vi: 'Còn phản ánh con chưa kết thúc.',
        en: 'Some child reports are still open.',
      };
  }
}

function resolveTo(to: To, from: FeedbackState, ctx: TransitionContext): FeedbackState {
  if (to === 'same') return from;
  if (typeof to === 'function') return to(ctx);
  return to;
}

/** Whether `role` may take `action` on a report in `state`, and the state it leads to. */
export function transition(
  state: FeedbackState,
  action: FeedbackActionKind,
  role: FeedbackRole,
  ctx: TransitionContext,
): TransitionResult {
  const clauses = RULES[action];
  const mine = clauses.filter((c) => c.by.includes(role));
  if (mine.length === 0) {
    if (REPORTER_ACTIONS.includes(action)) return refusal('reporter_only', state, action);
    if (role === 'reporter') return refusal('staff_only', state, action);
    return refusal(
      clauses.some((c) => c.from.includes(state)) ? 'not_allowed_for_role' : 'not_allowed_in_state',
      state,
      action,
    );
  }
  let guarded: FeedbackRefusalCode | null = null;
  for (const clause of mine) {
    if (!clause.from.includes(state)) continue;
    const problem = clause.guard?.(ctx) ?? null;
    if (problem === null) return { ok: true, to: resolveTo(clause.to, state, ctx) };
    guarded ??= problem;
  }
  return refusal(guarded ?? 'not_allowed_in_state', state, action);
}

/** Refusals in order of relevance: the most specific one wins when a person holds several roles. */
const RELEVANCE: readonly FeedbackRefusalCode[] = [
  'approval_required',
  'children_open',
  'approval_not_required',
  'not_allowed_in_state',
  'reporter_only',
  'staff_only',
  'not_allowed_for_role',
];

/** transition() for a person holding several roles: the first role that may act, else the most relevant refusal. */
export function transitionAs(
  state: FeedbackState,
  action: FeedbackActionKind,
  roles: readonly FeedbackRole[],
  ctx: TransitionContext,
): TransitionResult & { role?: FeedbackRole } {
  let best: FeedbackRefusal | null = null;
  for (const role of roles) {
    const r = transition(state, action, role, ctx);
    if (r.ok) return { ...r, role };
    if (best === null || RELEVANCE.indexOf(r.code) < RELEVANCE.indexOf(best.code)) best = r;
  }
  return best ?? refusal('not_allowed_for_role', state, action);
}

/** The actions any of `roles` may take now (in FEEDBACK_ACTIONS order; never 'receive', which creates a report). */
export function availableActions(
  state: FeedbackState,
  roles: readonly FeedbackRole[],
  ctx: TransitionContext,
): FeedbackActionKind[] {
  return FEEDBACK_ACTIONS.filter((action) => roles.some((role) => transition(state, action, role, ctx).ok));
}

/**
 * The feedback roles of a staff member from their permissions in the report's commune (or province):
 * feedback.receive → receiver, feedback.handle → handler, feedback.approve → leader, feedback.province → province.
 */
export function rolesOf(permissions: Iterable<string>): FeedbackRole[] {
  const held = new Set(permissions);
  const roles: FeedbackRole[] = [];
  if (held.has('feedback.receive')) roles.push('receiver');
  if (held.has('feedback.handle')) roles.push('handler');
  if (held.has('feedback.approve')) roles.push('leader');
  if (held.has('feedback.province')) roles.push('province');
  return roles;
}

export function isOpenFeedbackState(state: FeedbackState): boolean {
  return (OPEN_FEEDBACK_STATES as readonly FeedbackState[]).includes(state);
}
