/**
 * What can be done to a dossier, by whom, from which state: the rule table of the one-stop lifecycle
 * (domain-vn.md §3). The state machine in lifecycle.ts reads this table and nothing else decides it.
 */
import type { Role } from '../../../../common/roles';
import type { IsoDate } from '../../calendar/holidays';
import { DEFAULT_SLA_RULES, type SlaRules, type TimeLimit } from './sla';
import type { DossierStatus, Label } from './status';

/**
 * Who acts. An official carries the roles they hold for the dossier's commune (the service resolves the
 * grants); the applicant acts only through the public channel (online submission, supplement, withdrawal).
 */
export type Actor = { kind: 'official'; id: string; roles: readonly Role[] } | { kind: 'applicant' };

/** Another dossier named in a history (transfer). */
export interface DossierRef {
  id: string;
  code: string;
}

/** Optional free note every action may carry (recorded in the history, shown on the control slip). */
interface Noted {
  note?: string;
}

export type DossierAction = Noted &
  (
    | { type: 'submit_online'; limit: TimeLimit } // nộp trực tuyến
    | {
        type: 'receive';
        limit?: TimeLimit;
        /** Carried on from a dossier another commune transferred here (chuyển xã có thẩm quyền). */
        transferredFrom?: DossierRef;
      } // tiếp nhận (at the counter, or accept an online submission)
    | { type: 'refuse_intake'; reason: string } // từ chối tiếp nhận
    | { type: 'assign'; assigneeId: string } // chuyển chuyên viên xử lý
    | { type: 'reassign'; assigneeId: string; reason: string } // chuyển người xử lý khác
    | { type: 'start_processing' }
    | { type: 'request_supplement'; reason: string; items: string[] } // yêu cầu bổ sung, hoàn thiện hồ sơ
    | { type: 'supplement_received' } // nhận hồ sơ bổ sung
    | { type: 'request_payment'; reason: string } // yêu cầu thực hiện nghĩa vụ tài chính
    | { type: 'payment_received' } // đã thực hiện nghĩa vụ tài chính
    | { type: 'submit_for_approval' } // trình phê duyệt
    | { type: 'send_back'; reason: string } // lãnh đạo trả lại để xử lý lại
    | { type: 'approve' } // phê duyệt
    | { type: 'reject'; reason: string } // từ chối giải quyết
    | { type: 'mark_result_ready' } // có kết quả, chuyển bộ phận một cửa
    | { type: 'return_result' } // trả kết quả
    | { type: 'withdraw'; reason: string } // rút hồ sơ theo yêu cầu
    | {
        type: 'transfer';
        toCommuneCode: string;
        reason: string;
        /** The dossier the competent commune carries it on as (written by the service). */
        continuedAs?: DossierRef;
      } // chuyển xã có thẩm quyền
    | { type: 'extend'; reason: string; newDueDate: IsoDate } // gia hạn
    | { type: 'record_apology'; reason: string; newDueDate: IsoDate } // phiếu xin lỗi và hẹn lại
    | {
        type: 'import';
        /** The abolished district or former commune that received it (as resolved on the administrative map). */
        importedFrom: string;
        /** Its code there, kept as this dossier's code. */
        originalCode: string;
        /** When it was received there (UTC instant): the clock counts from it. */
        receivedAt: string;
        /** Its due date there, kept. */
        dueDate: IsoDate;
        /** Where it stood when taken over. */
        status: ImportedStatus;
        /** The specialist of this commune who carries on with it. */
        assigneeId?: string;
        limit: TimeLimit;
      } // tiếp nhận hồ sơ đang giải quyết dở từ đơn vị hành chính cũ
  );

/** States an in-flight dossier of a former unit can be taken over in (issue 12 §4). */
export const IMPORTED_STATUSES = [
  'received',
  'in_processing',
  'supplement_requested',
  'result_ready',
] as const;
export type ImportedStatus = (typeof IMPORTED_STATUSES)[number];

export type DossierActionType = DossierAction['type'];

/**
 * Who may act: a role; 'assignee' = the specialist the dossier is assigned to (an official holding the
 * specialist role whose id is the assignee's); 'applicant' = the public channel.
 */
export type Performer = Role | 'assignee' | 'applicant';

export interface ActionSpec {
  label: Label;
  /** States the action is allowed from; null = a dossier that does not exist yet. */
  from: readonly (DossierStatus | null)[];
  /** The resulting state; 'same' = the status does not change (due date, assignee…). */
  to: DossierStatus | 'same';
  by: readonly Performer[];
  /** Required non-blank text fields. */
  required: readonly ('reason' | 'assigneeId' | 'toCommuneCode' | 'newDueDate')[];
}

/** Open states in which the processing side still works on the dossier (extension and apology allowed). */
const BEFORE_RESULT: readonly DossierStatus[] = [
  'received',
  'assigned',
  'in_processing',
  'supplement_requested',
  'awaiting_payment',
  'submitted_for_approval',
  'approved',
  'rejected',
];

export const ACTION_SPECS: Readonly<Record<DossierActionType, ActionSpec>> = {
  submit_online: {
    label: { vi: 'Nộp hồ sơ trực tuyến', en: 'Submit online' },
    from: [null],
    to: 'submitted_online',
    by: ['applicant'],
    required: [],
  },
  receive: {
    label: { vi: 'Tiếp nhận hồ sơ', en: 'Receive' },
    from: [null, 'submitted_online'],
    to: 'received',
    by: ['one_stop_officer'],
    required: [],
  },
  refuse_intake: {
    label: { vi: 'Từ chối tiếp nhận', en: 'Refuse at intake' },
    from: [null, 'submitted_online'],
    to: 'refused',
    by: ['one_stop_officer', 'commune_leader'],
    required: ['reason'],
  },
  assign: {
    label: { vi: 'Chuyển chuyên viên xử lý', en: 'Assign' },
    from: ['received'],
    to: 'assigned',
    by: ['one_stop_officer', 'commune_leader'],
    required: ['assigneeId'],
  },
  reassign: {
    label: { vi: 'Chuyển người xử lý khác', en: 'Reassign' },
    from: ['assigned', 'in_processing', 'supplement_requested', 'awaiting_payment'],
    to: 'same',
    by: ['one_stop_officer', 'commune_leader'],
    required: ['assigneeId', 'reason'],
  },
  start_processing: {
    label: { vi: 'Bắt đầu xử lý', en: 'Start processing' },
    from: ['assigned'],
    to: 'in_processing',
    by: ['assignee'],
    required: [],
  },
  request_supplement: {
    label: { vi: 'Yêu cầu bổ sung hồ sơ', en: 'Request a supplement' },
    from: ['in_processing'],
    to: 'supplement_requested',
    by: ['assignee'],
    required: ['reason'],
  },
  supplement_received: {
    label: { vi: 'Nhận hồ sơ bổ sung', en: 'Supplement received' },
    from: ['supplement_requested'],
    to: 'in_processing',
    by: ['assignee', 'one_stop_officer', 'applicant'],
    required: [],
  },
  request_payment: {
    label: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Request payment of obligations' },
    from: ['in_processing'],
    to: 'awaiting_payment',
    by: ['assignee'],
    required: ['reason'],
  },
  payment_received: {
    label: { vi: 'Đã thực hiện nghĩa vụ tài chính', en: 'Payment received' },
    from: ['awaiting_payment'],
    to: 'in_processing',
    by: ['assignee', 'one_stop_officer'],
    required: [],
  },
  submit_for_approval: {
    label: { vi: 'Trình lãnh đạo phê duyệt', en: 'Submit for approval' },
    from: ['in_processing'],
    to: 'submitted_for_approval',
    by: ['assignee'],
    required: [],
  },
  send_back: {
    label: { vi: 'Trả lại để xử lý lại', en: 'Send back for rework' },
    from: ['submitted_for_approval'],
    to: 'in_processing',
    by: ['commune_leader'],
    required: ['reason'],
  },
  approve: {
    label: { vi: 'Phê duyệt', en: 'Approve' },
    from: ['submitted_for_approval'],
    to: 'approved',
    by: ['commune_leader'],
    required: [],
  },
  reject: {
    label: { vi: 'Từ chối giải quyết', en: 'Reject' },
    from: ['submitted_for_approval'],
    to: 'rejected',
    by: ['commune_leader'],
    required: ['reason'],
  },
  mark_result_ready: {
    label: { vi: 'Có kết quả, chuyển một cửa', en: 'Mark the result ready' },
    from: ['approved', 'rejected'],
    to: 'result_ready',
    by: ['assignee', 'one_stop_officer'],
    required: [],
  },
  return_result: {
    label: { vi: 'Trả kết quả', en: 'Return the result' },
    from: ['result_ready'],
    to: 'returned',
    by: ['one_stop_officer'],
    required: [],
  },
  withdraw: {
    label: { vi: 'Rút hồ sơ theo yêu cầu', en: 'Withdraw' },
    from: [
      'submitted_online',
      'received',
      'assigned',
      'in_processing',
      'supplement_requested',
      'awaiting_payment',
      'submitted_for_approval',
    ],
    to: 'withdrawn',
    by: ['one_stop_officer', 'commune_leader', 'applicant'],
    required: ['reason'],
  },
  transfer: {
    label: { vi: 'Chuyển xã có thẩm quyền', en: 'Transfer to the competent commune' },
    from: ['submitted_online', 'received', 'assigned'],
    to: 'transferred',
    by: ['one_stop_officer', 'commune_leader'],
    required: ['toCommuneCode', 'reason'],
  },
  extend: {
    label: { vi: 'Gia hạn giải quyết', en: 'Extend' },
    from: BEFORE_RESULT,
    to: 'same',
    by: ['commune_leader'],
    required: ['newDueDate', 'reason'],
  },
  record_apology: {
    label: { vi: 'Xin lỗi và hẹn lại ngày trả kết quả', en: 'Apologise and set a new date' },
    from: BEFORE_RESULT,
    to: 'same',
    by: ['assignee', 'commune_leader'],
    required: ['newDueDate', 'reason'],
  },
  import: {
    label: {
      vi: 'Tiếp nhận hồ sơ đang giải quyết dở từ đơn vị cũ',
      en: 'Take over an in-flight dossier from a former unit',
    },
    from: [null],
    // Nominal: the dossier lands in the state it had at the former unit (action.status, one of IMPORTED_STATUSES).
    to: 'received',
    by: ['commune_leader', 'system_admin'],
    required: [],
  },
};

export const ACTION_TYPES = Object.keys(ACTION_SPECS) as DossierActionType[];

/** Rules of the lifecycle that domain-vn.md marks [U]: configurable, with these defaults. */
export interface LifecycleRules {
  /** [U] Supplement requests allowed per dossier (default 1: "once"); null = no limit. */
  maxSupplementRequests: number | null;
  /** [U] A supplement may be requested up to this many working days after receipt (default 3); null = any time. */
  supplementWindowWorkingDays: number | null;
  /** [U] An apology issued with fewer working days than this left before the due date is flagged late (default 1). */
  apologyMinWorkingDaysBeforeDue: number;
  /** [U] Waiting for the applicant's financial obligations stops the clock like a supplement (default true). */
  paymentPausesClock: boolean;
  /** XãSố policy: an extension must be granted on or before the due date; after it, only an apology (default true). */
  extendOnlyBeforeDue: boolean;
  sla: SlaRules;
}

export const DEFAULT_LIFECYCLE_RULES: LifecycleRules = Object.freeze({
  maxSupplementRequests: 1,
  supplementWindowWorkingDays: 3,
  apologyMinWorkingDaysBeforeDue: 1,
  paymentPausesClock: true,
  extendOnlyBeforeDue: true,
  sla: DEFAULT_SLA_RULES,
});
