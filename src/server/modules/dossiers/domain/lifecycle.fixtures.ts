/** Shared fixtures of the lifecycle tests: a calendar, actors, a valid action of each type, a path to each state. */
import { WorkingCalendar } from '../../calendar/working-days';
import {
  type Actor,
  DEFAULT_LIFECYCLE_RULES,
  type DossierAction,
  type DossierActionType,
  type LifecycleRules,
} from './actions';
import { apply } from './lifecycle';
import type { TimeLimit } from './sla';
import { type ApplyResult, type DossierState, NEW_DOSSIER } from './state';
import type { DossierStatus } from './status';

/** Statutory defaults plus the official Tết 2026 range (Sat 14/2 – Sun 22/2). */
export const calendar = new WorkingCalendar({
  2026: {
    holidayRanges: [{ from: '2026-02-14', to: '2026-02-22', key: 'tet', name: 'Tết Bính Ngọ 2026' }],
    makeUpWorkingDays: [],
  },
});

/** A local (UTC+7) wall-clock time as an instant. */
export const vn = (local: string): Date => new Date(`${local}+07:00`);

export const ACTORS = {
  applicant: { kind: 'applicant' },
  officer: { kind: 'official', id: 'u-officer', roles: ['one_stop_officer'] },
  assignee: { kind: 'official', id: 'u-spec', roles: ['specialist'] },
  otherSpecialist: { kind: 'official', id: 'u-spec2', roles: ['specialist'] },
  leader: { kind: 'official', id: 'u-leader', roles: ['commune_leader'] },
  admin: { kind: 'official', id: 'u-admin', roles: ['system_admin'] },
} as const satisfies Record<string, Actor>;
export type ActorName = keyof typeof ACTORS;
export const ACTOR_NAMES = Object.keys(ACTORS) as ActorName[];

export const LIMIT: TimeLimit = { kind: 'working_days', days: 5 };

/** A valid action of each type (for a dossier received Mon 2/3/2026, due Mon 9/3). */
export const SAMPLE: { [T in DossierActionType]: Extract<DossierAction, { type: T }> } = {
  submit_online: { type: 'submit_online', limit: LIMIT },
  receive: { type: 'receive', limit: LIMIT },
  refuse_intake: { type: 'refuse_intake', reason: 'Không thuộc thẩm quyền giải quyết' },
  assign: { type: 'assign', assigneeId: 'u-spec' },
  reassign: { type: 'reassign', assigneeId: 'u-spec2', reason: 'Chuyên viên nghỉ phép' },
  start_processing: { type: 'start_processing' },
  request_supplement: {
    type: 'request_supplement',
    reason: 'Thiếu giấy tờ',
    items: ['Bản sao giấy chứng sinh'],
  },
  supplement_received: { type: 'supplement_received' },
  request_payment: { type: 'request_payment', reason: 'Lệ phí trước bạ' },
  payment_received: { type: 'payment_received' },
  submit_for_approval: { type: 'submit_for_approval' },
  send_back: { type: 'send_back', reason: 'Dự thảo còn sai tên' },
  approve: { type: 'approve' },
  reject: { type: 'reject', reason: 'Không đủ điều kiện theo quy định' },
  mark_result_ready: { type: 'mark_result_ready' },
  return_result: { type: 'return_result' },
  withdraw: { type: 'withdraw', reason: 'Công dân đề nghị rút' },
  transfer: { type: 'transfer', toCommuneCode: '18118', reason: 'Thuộc thẩm quyền xã khác' },
  extend: { type: 'extend', reason: 'Cần xác minh', newDueDate: '2026-03-20' },
  record_apology: { type: 'record_apology', reason: 'Chậm xác minh', newDueDate: '2026-03-20' },
  import: {
    type: 'import',
    importedFrom: 'Xã Thạch Trung',
    originalCode: '000.22.35.H42-250610-0003',
    receivedAt: '2026-02-25T02:00:00.000Z',
    dueDate: '2026-03-04',
    status: 'received',
    limit: LIMIT,
  },
};

export type Step = [local: string, action: DossierAction, actor: ActorName];
export const days = (n: number): TimeLimit => ({ kind: 'working_days', days: n });

/** Receive at `local` with `limit`, assign, start: the common opening of the scenarios. */
export const opening = (local: string, limit: TimeLimit = days(5)): Step[] => [
  [local, { type: 'receive', limit }, 'officer'],
  [local, SAMPLE.assign, 'officer'],
  [local, SAMPLE.start_processing, 'assignee'],
];
/** Submit, approve, result ready, all at `local`. */
export const finish = (local: string): Step[] => [
  [local, SAMPLE.submit_for_approval, 'assignee'],
  [local, SAMPLE.approve, 'leader'],
  [local, SAMPLE.mark_result_ready, 'assignee'],
];
export const supplement: DossierAction = SAMPLE.request_supplement;
export const resume: DossierAction = { type: 'supplement_received' };
export const extendTo = (newDueDate: string): DossierAction => ({
  type: 'extend',
  reason: 'Cần xác minh',
  newDueDate,
});
export const apologise = (newDueDate: string): DossierAction => ({
  type: 'record_apology',
  reason: 'Chậm xác minh',
  newDueDate,
});

export type StateKey = DossierStatus | 'none';

/** A path from nothing to each state, taken on Mon 2/3/2026 from 09:00 local, one minute a step. */
export const PATHS: Record<StateKey, [DossierActionType, ActorName][]> = (() => {
  const received: [DossierActionType, ActorName][] = [['receive', 'officer']];
  const assigned = [...received, ['assign', 'officer']] as [DossierActionType, ActorName][];
  const processing = [...assigned, ['start_processing', 'assignee']] as [DossierActionType, ActorName][];
  const forApproval = [...processing, ['submit_for_approval', 'assignee']] as [
    DossierActionType,
    ActorName,
  ][];
  const approved = [...forApproval, ['approve', 'leader']] as [DossierActionType, ActorName][];
  const ready = [...approved, ['mark_result_ready', 'officer']] as [DossierActionType, ActorName][];
  return {
    none: [],
    submitted_online: [['submit_online', 'applicant']],
    received,
    refused: [['refuse_intake', 'officer']],
    assigned,
    in_processing: processing,
    supplement_requested: [...processing, ['request_supplement', 'assignee']],
    awaiting_payment: [...processing, ['request_payment', 'assignee']],
    submitted_for_approval: forApproval,
    approved,
    rejected: [...forApproval, ['reject', 'leader']],
    result_ready: ready,
    returned: [...ready, ['return_result', 'officer']],
    withdrawn: [...received, ['withdraw', 'officer']],
    transferred: [...received, ['transfer', 'officer']],
  };
})();

export const START = vn('2026-03-02T09:00:00');
export const minutesAfter = (d: Date, n: number): Date => new Date(d.getTime() + n * 60_000);

/** The dossier in `key`, and the instant of its next action. */
export function reach(
  key: StateKey,
  rules: LifecycleRules = DEFAULT_LIFECYCLE_RULES,
): { state: DossierState; next: Date } {
  let state = NEW_DOSSIER;
  let t = START;
  for (const [type, actor] of PATHS[key]) {
    state = apply(state, SAMPLE[type], ACTORS[actor], t, calendar, rules).state;
    t = minutesAfter(t, 1);
  }
  return { state, next: t };
}

/** Applies a scripted list of steps, each at a local time; keeps every state and event list. */
export function script(
  steps: [local: string, action: DossierAction, actor: ActorName][],
  rules: LifecycleRules = DEFAULT_LIFECYCLE_RULES,
  start: DossierState = NEW_DOSSIER,
): ApplyResult {
  let result: ApplyResult = { state: start, events: [] };
  for (const [local, action, actor] of steps) {
    result = apply(result.state, action, ACTORS[actor], vn(local), calendar, rules);
  }
  return result;
}

/** The AppError code (or 'ok') of a call. */
export function outcome(fn: () => unknown): { code: string; en: string; field?: string } {
  try {
    fn();
    return { code: 'ok', en: '' };
  } catch (e) {
    const err = e as { code?: string; detail?: { en: string }; errors?: { field: string }[] };
    return { code: err.code ?? 'not an AppError', en: err.detail?.en ?? '', field: err.errors?.[0]?.field };
  }
}
