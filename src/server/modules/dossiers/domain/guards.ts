/**
 * The checks an action must pass before the lifecycle applies it: state, performer, required fields, and the
 * time-bound rules. Each failure is an AppError with a stable code and a bilingual text.
 */
import { AppError, text } from '../../../http/errors';
import type { WorkingCalendar } from '../../calendar/working-days';
import {
  type ActionSpec,
  type Actor,
  type DossierAction,
  IMPORTED_STATUSES,
  type LifecycleRules,
  type Performer,
} from './actions';
import { instantOf, isIsoDate, localDate } from './local-time';
import { assertTimeLimit, effectiveDueDate } from './sla';
import type { DossierState } from './state';
import { type DossierStatus, STATUS_LABELS } from './status';

const COMMUNE_CODE = /^\d{5}$/;
const FIELD_NAMES: Record<ActionSpec['required'][number], { vi: string; en: string }> = {
  reason: { vi: 'lý do', en: 'the reason' },
  assigneeId: { vi: 'người xử lý', en: 'the assignee' },
  toCommuneCode: { vi: 'mã xã chuyển đến', en: 'the commune to transfer to' },
  newDueDate: { vi: 'ngày hẹn mới', en: 'the new due date' },
};

function statusLabel(status: DossierStatus | null): { vi: string; en: string } {
  return status ? STATUS_LABELS[status] : { vi: 'chưa có hồ sơ', en: 'no dossier yet' };
}

export function conflict(
  vi: string,
  en: string,
  spec: ActionSpec,
  params: Record<string, string | number> = {},
): AppError {
  return new AppError(
    'conflict',
    text(vi, en, { actionVi: spec.label.vi, actionEn: spec.label.en, ...params }),
  );
}

export function invalid(field: string, vi: string, en: string): AppError {
  return new AppError('validation_failed', text(vi, en), {
    errors: [{ field: `body.${field}`, message: en }],
  });
}

export function checkState(spec: ActionSpec, state: DossierState): void {
  if (spec.from.includes(state.status)) return;
  const s = statusLabel(state.status);
  throw conflict(
    'Không thể "{actionVi}" khi hồ sơ ở trạng thái "{sVi}".',
    'Cannot "{actionEn}" a dossier in state "{sEn}".',
    spec,
    { sVi: s.vi, sEn: s.en },
  );
}

function performs(p: Performer, actor: Actor, state: DossierState): boolean {
  if (p === 'applicant') return actor.kind === 'applicant';
  if (actor.kind !== 'official') return false;
  if (p === 'assignee') return actor.roles.includes('specialist') && actor.id === state.assigneeId;
  return actor.roles.includes(p);
}

/** Whether `actor` may take the action now (its state and role): what the dossier page offers them. */
export function mayAct(spec: ActionSpec, state: DossierState, actor: Actor): boolean {
  return spec.from.includes(state.status) && spec.by.some((p) => performs(p, actor, state));
}

export function checkActor(spec: ActionSpec, state: DossierState, actor: Actor): void {
  if (spec.by.some((p) => performs(p, actor, state))) return;
  const labels = { actionVi: spec.label.vi, actionEn: spec.label.en };
  if (spec.by.includes('assignee') && actor.kind === 'official' && actor.roles.includes('specialist')) {
    throw new AppError(
      'forbidden',
      text(
        'Chỉ chuyên viên được phân công xử lý hồ sơ mới được "{actionVi}".',
        'Only the specialist assigned to this dossier may "{actionEn}".',
        labels,
      ),
    );
  }
  throw new AppError(
    'forbidden',
    text('Vai trò của bạn không được "{actionVi}".', 'Your role may not "{actionEn}".', labels),
  );
}

export function checkFields(spec: ActionSpec, action: DossierAction, calendar: WorkingCalendar): void {
  const fields = action as unknown as Record<string, unknown>;
  for (const f of spec.required) {
    const v = fields[f];
    if (typeof v !== 'string' || v.trim() === '') {
      const name = FIELD_NAMES[f];
      throw invalid(f, `Thiếu ${name.vi}.`, `Missing ${name.en}.`);
    }
  }
  switch (action.type) {
    case 'submit_online':
      assertTimeLimit(action.limit);
      break;
    case 'receive':
      if (action.limit) assertTimeLimit(action.limit);
      break;
    case 'import':
      // The full per-row rules (dates against today, code shape) are in inflight/rules.ts; these keep replay sane.
      assertTimeLimit(action.limit);
      if (!(IMPORTED_STATUSES as readonly string[]).includes(action.status))
        throw invalid('status', 'Trạng thái tiếp nhận không hợp lệ.', 'Invalid state to take over in.');
      if (!isIsoDate(action.dueDate) || action.dueDate < localDate(instantOf(action.receivedAt)))
        throw invalid('dueDate', 'Ngày hẹn trả không hợp lệ.', 'Invalid due date.');
      if (
        !action.assigneeId &&
        (action.status === 'in_processing' || action.status === 'supplement_requested')
      )
        throw invalid('assigneeId', 'Thiếu người xử lý.', 'Missing the assignee.');
      if (!action.originalCode?.trim() || !action.importedFrom?.trim())
        throw invalid(
          'originalCode',
          'Thiếu mã hồ sơ cũ hoặc đơn vị cũ.',
          'Missing the original code or unit.',
        );
      break;
    case 'request_supplement':
      if (
        !Array.isArray(action.items) ||
        action.items.length === 0 ||
        action.items.some((i) => typeof i !== 'string' || !i.trim())
      ) {
        throw invalid('items', 'Phải nêu rõ giấy tờ cần bổ sung.', 'List the documents to supplement.');
      }
      break;
    case 'transfer':
      if (!COMMUNE_CODE.test(action.toCommuneCode)) {
        throw invalid('toCommuneCode', 'Mã xã phải gồm 5 chữ số.', 'A commune code has 5 digits.');
      }
      break;
    case 'extend':
    case 'record_apology':
      if (!isIsoDate(action.newDueDate)) {
        throw invalid('newDueDate', 'Ngày hẹn mới không hợp lệ.', 'Invalid new due date.');
      }
      if (!calendar.isWorkingDay(action.newDueDate)) {
        throw invalid(
          'newDueDate',
          'Ngày hẹn mới phải là ngày làm việc.',
          'The new due date must be a working day.',
        );
      }
      break;
  }
}

/** Business rules that depend on the dossier and the clock ([U] rules configurable in LifecycleRules). */
export function checkRules(
  spec: ActionSpec,
  state: DossierState,
  action: DossierAction,
  now: Date,
  calendar: WorkingCalendar,
  rules: LifecycleRules,
): void {
  const clock = state.clock;
  switch (action.type) {
    case 'receive':
      if (!action.limit && !state.pendingLimit) {
        throw invalid(
          'limit',
          'Thiếu thời hạn giải quyết của thủ tục.',
          'The time limit of the procedure is missing.',
        );
      }
      break;
    case 'reassign':
      if (action.assigneeId === state.assigneeId) {
        throw invalid(
          'assigneeId',
          'Hồ sơ đang do người này xử lý.',
          'The dossier is already assigned to them.',
        );
      }
      break;
    case 'request_supplement': {
      const max = rules.maxSupplementRequests;
      if (max !== null && state.supplementRequests >= max) {
        throw conflict(
          'Chỉ được yêu cầu bổ sung hồ sơ {max} lần.',
          'A supplement may be requested only {max} time(s).',
          spec,
          { max },
        );
      }
      const window = rules.supplementWindowWorkingDays;
      if (window !== null && clock && calendar.workingDaysBetween(clock.countFrom, localDate(now)) > window) {
        throw conflict(
          'Quá {n} ngày làm việc kể từ khi tiếp nhận, không được yêu cầu bổ sung.',
          'More than {n} working days since receipt: a supplement can no longer be requested.',
          spec,
          { n: window },
        );
      }
      break;
    }
    case 'extend':
    case 'record_apology': {
      if (!clock) break; // unreachable: both need a received dossier
      const due = effectiveDueDate(clock, now, calendar);
      if (action.newDueDate <= due) {
        throw invalid(
          'newDueDate',
          'Ngày hẹn mới phải sau ngày hẹn hiện tại.',
          'The new date must be after the current due date.',
        );
      }
      if (action.type === 'extend' && rules.extendOnlyBeforeDue && localDate(now) > due) {
        throw conflict(
          'Hồ sơ đã quá hạn ({due}): không gia hạn được, hãy lập phiếu xin lỗi và hẹn lại.',
          'The dossier is past its due date ({due}): record an apology and new date instead of an extension.',
          spec,
          { due },
        );
      }
      break;
    }
  }
}
