/**
 * What the slips of an existing dossier read from its history (the same append-only list as the audit log):
 * the steps of the processing-control slip, the apology recorded, the refusal at intake.
 */
import { inArray } from 'drizzle-orm';
import { HANDLER_ROLE_LABELS } from '../../../common/api/procedures';
import type { DbOrTx } from '../../db/database';
import { AppError, text } from '../../http/errors';
import { accounts } from '../auth/schema';
import { getCalendar } from '../calendar/service';
import { ACTION_SPECS, type DossierActionRecord, effectiveDueDate, localDate, replay } from './domain';
import type { ControlStep } from './slips';

const POSITIONS = ['commune_leader', 'specialist', 'one_stop_officer'] as const;

/** The position the actor acted in: the one the action asks for, among the roles they hold. */
function positionOf(record: DossierActionRecord): string {
  if (record.actor.kind === 'applicant') return 'Người nộp hồ sơ (trực tuyến)';
  const by = ACTION_SPECS[record.action.type].by.map((p) => (p === 'assignee' ? 'specialist' : p));
  const held = record.actor.roles;
  const role =
    POSITIONS.find((r) => by.includes(r) && held.includes(r)) ?? POSITIONS.find((r) => held.includes(r));
  return role ? HANDLER_ROLE_LABELS[role].vi : 'Công chức';
}

/** Each action as a step: who, when the dossier reached them, when they passed it on, on time or late. */
export async function controlSteps(db: DbOrTx, history: DossierActionRecord[]): Promise<ControlStep[]> {
  const ids = [...new Set(history.flatMap((h) => (h.actor.kind === 'official' ? [h.actor.id] : [])))];
  const names = new Map(
    ids.length
      ? (
          await db
            .select({ id: accounts.id, name: accounts.displayName })
            .from(accounts)
            .where(inArray(accounts.id, ids))
        ).map((a) => [a.id, a.name])
      : [],
  );
  const calendar = await getCalendar(db);
  return history.map((h, i) => {
    const before = replay(history.slice(0, i), calendar);
    const due = before.clock ? effectiveDueDate(before.clock, new Date(h.at), calendar) : null;
    const name = h.actor.kind === 'official' ? names.get(h.actor.id) : undefined;
    return {
      label: ACTION_SPECS[h.action.type].label.vi,
      who: name ? `${positionOf(h)} — ${name}` : positionOf(h),
      receivedAt: i === 0 ? h.at : history[i - 1]!.at,
      passedAt: h.at,
      onTime: due ? localDate(new Date(h.at)) <= due : null,
    };
  });
}

/** The last apology recorded, with the appointment it replaced; 404 when none was recorded. */
export function lastApology(history: DossierActionRecord[], calendar: Parameters<typeof replay>[1]) {
  const i = history.findLastIndex((h) => h.action.type === 'record_apology');
  const record = history[i];
  if (record?.action.type !== 'record_apology') {
    throw new AppError(
      'not_found',
      text(
        'Hồ sơ chưa có phiếu xin lỗi và hẹn lại ngày trả kết quả (chưa ghi nhận xin lỗi).',
        'No apology and new appointment was recorded for this dossier.',
      ),
    );
  }
  const before = replay(history.slice(0, i), calendar);
  return {
    reason: record.action.reason,
    newDueDate: record.action.newDueDate,
    previousDueDate: before.clock ? effectiveDueDate(before.clock, new Date(record.at), calendar) : null,
    at: new Date(record.at),
  };
}

/** The refusal at intake; 404 when the dossier was not refused. */
export function refusalOf(history: DossierActionRecord[]) {
  const record = history.findLast((h) => h.action.type === 'refuse_intake');
  if (record?.action.type !== 'refuse_intake') {
    throw new AppError(
      'not_found',
      text('Hồ sơ không bị từ chối tiếp nhận.', 'The dossier was not refused at intake.'),
    );
  }
  return { reason: record.action.reason, at: new Date(record.at) };
}
