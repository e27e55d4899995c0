import { asc, eq } from 'drizzle-orm';
import type { DossierActionRequest } from '../../../common/api/dossiers';
import type { Role, RoleGrant } from '../../../common/roles';
import type { Db, DbOrTx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { isUuid } from '../../http/auth';
import { AppError, fieldError, notFound, text } from '../../http/errors';
import { grantsOf } from '../auth/service';
import { getCalendar } from '../calendar/service';
import type { WorkingCalendar } from '../calendar/working-days';
import { notifyDossierAction } from '../notifications/dossier-events';
import { getProcedureVersion } from '../procedures/service';
import { findCommuneLocation } from '../units/service';
import { actionAttachment } from './action-attachment';
import { actionRow } from './action-row';
import {
  ACTION_SPECS,
  ACTION_TYPES,
  type Actor,
  apply,
  countsAsLate,
  type DossierAction,
  type DossierActionRecord,
  type DossierState,
  type DossierStatus,
  lateness,
  nationalStatusOf,
  replay,
  STATUS_LABELS,
  type StepDefinition,
  stepSchedule,
  stepWarning,
} from './domain';
import { mayAct } from './domain/guards';
import { anonymousPeople, type HistoryPeople, historyPeople } from './history-people';
import { dossierActions, dossiers } from './schema';
import { applicableSlips } from './slips/rules';
import { continueAtCompetentCommune } from './transfer';

export type DossierRow = typeof dossiers.$inferSelect;

/** Who calls: an official's account and role grants (from the request's principal). */
export interface Caller {
  accountId: string;
  grants: readonly RoleGrant[];
}

export const dossierNotFound = (id: string) => notFound('hồ sơ', 'dossier', id);

/** A stale `version`: 409, carrying the dossier as it is now (the route sends it with the problem). */
export class StaleDossierError extends AppError {
  constructor(readonly current: ReturnType<typeof present>) {
    super(
      'conflict',
      text(
        'Hồ sơ vừa được người khác cập nhật (phiên bản {v}); hãy xem lại trạng thái mới.',
        'Someone else has just updated the dossier (version {v}); review its new state.',
        { v: current.version },
      ),
    );
  }
}

/** The roles a caller holds over a commune (own commune, province-wide, or system-wide grants). */
export function rolesIn(grants: readonly RoleGrant[], communeCode: string, provinceCode: string): Role[] {
  const roles = grants
    .filter(
      (g) =>
        g.role === 'system_admin' ||
        g.communeCode === communeCode ||
        (!g.communeCode && g.provinceCode === provinceCode),
    )
    .map((g) => g.role);
  return [...new Set(roles)];
}

export async function provinceOf(db: DbOrTx, communeCode: string, field: string): Promise<string> {
  const where = await findCommuneLocation(db, communeCode);
  if (!where) {
    throw fieldError(field, 'Không có xã/phường mã "{c}".', 'No commune with code "{c}".', {
      c: communeCode,
    });
  }
  return where.provinceCode;
}

export async function findDossierRow(db: DbOrTx, id: string): Promise<DossierRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(dossiers).where(eq(dossiers.id, id));
  return row ?? null;
}

export async function loadHistory(db: DbOrTx, id: string): Promise<DossierActionRecord[]> {
  const rows = await db
    .select()
    .from(dossierActions)
    .where(eq(dossierActions.dossierId, id))
    .orderBy(asc(dossierActions.seq));
  return rows.map((a) => ({
    seq: a.seq,
    action: a.payload as DossierAction,
    actor: a.actor as Actor,
    at: a.at.toISOString(),
    from: a.fromStatus as DossierStatus | null,
    to: a.toStatus as DossierStatus,
  }));
}

/** What presenting a dossier needs besides its row and history: today's calendar and its procedure's steps. */
export interface PresentationContext {
  calendar: WorkingCalendar;
  steps: readonly StepDefinition[];
  /** Who did each step (names and positions); account ids only when absent. */
  people?: HistoryPeople;
}

export async function presentationContext(db: DbOrTx, row: DossierRow): Promise<PresentationContext> {
  const [calendar, procedure] = await Promise.all([
    getCalendar(db),
    getProcedureVersion(db, row.procedureId, row.procedureVersion),
  ]);
  return { calendar, steps: procedure.data.steps };
}

/**
 * The dossier as officials see it: state, lateness at `now`, each step's due date, history, and the next actions
 * — those the state allows, narrowed to what `viewer` may do when given.
 */
export function present(
  row: DossierRow,
  state: DossierState,
  now: Date,
  context: PresentationContext,
  viewer?: Actor,
) {
  const { calendar } = context;
  const status = state.status as DossierStatus;
  const clock = state.clock;
  const steps = stepSchedule(context.steps, status, clock, now, calendar);
  return {
    id: row.id,
    code: row.code,
    communeCode: row.communeCode,
    receivingCommuneCode: row.receivingCommuneCode,
    procedure: { id: row.procedureId, version: row.procedureVersion, name: row.procedureName },
    channel: row.channel,
    applicant: {
      fullName: row.applicantFullName,
      idNumber: row.applicantIdNumber,
      phone: row.applicantPhone,
      address: row.applicantAddress,
    },
    checklist: row.checklist as { index: number; status: 'received' | 'not_applicable' }[],
    status,
    statusLabel: STATUS_LABELS[status],
    nationalStatusCode: nationalStatusOf(status),
    version: state.version,
    assigneeId: state.assigneeId,
    receivedAt: row.receivedAt.toISOString(),
    /** Filed online: when (kept apart from the time of receipt, which is the centre's). */
    submittedAt: row.submittedAt?.toISOString() ?? null,
    initialDueDate: clock?.initialDueDate ?? null,
    dueDate: clock ? lateness(clock, now, calendar).dueDate : null,
    lateness: clock && !state.closedAt ? lateness(clock, now, calendar) : null,
    countsAsLate: clock ? countsAsLate(clock, now, calendar) : false,
    ...transferLinks(state),
    steps,
    stepWarning: stepWarning(steps),
    supplementRequests: state.supplementRequests,
    closedAt: state.closedAt,
    nextActions: ACTION_TYPES.filter(
      (t) =>
        t !== 'submit_online' &&
        (viewer ? mayAct(ACTION_SPECS[t], state, viewer) : ACTION_SPECS[t].from.includes(status)),
    ),
    slips: applicableSlips(status, state.history),
    rehearsal: row.rehearsal,
    archivedAt: row.archivedAt?.toISOString() ?? null,
    history: state.history.map((h) => {
      const a = h.action as unknown as Record<string, unknown>;
      const file = a.attachment as { id: string; fileName: string; sha256: string } | undefined;
      return {
        seq: h.seq,
        action: h.action.type,
        label: ACTION_SPECS[h.action.type].label,
        actorId: h.actor.kind === 'official' ? h.actor.id : null,
        actor: (context.people ?? anonymousPeople)(h),
        at: h.at,
        from: h.from,
        to: h.to,
        fromLabel: h.from ? STATUS_LABELS[h.from] : null,
        toLabel: STATUS_LABELS[h.to],
        attachment: file ? { id: file.id, fileName: file.fileName, sha256: file.sha256 } : null,
        reason: typeof a.reason === 'string' ? a.reason : null,
        items: Array.isArray(a.items) ? (a.items as string[]) : null,
        newDueDate: typeof a.newDueDate === 'string' ? a.newDueDate : null,
        note: typeof a.note === 'string' ? a.note : null,
      };
    }),
  };
}
export type PresentedDossier = ReturnType<typeof present>;

/** The dossiers a transfer links: where this one came from, and where it was carried on. */
function transferLinks(state: DossierState) {
  const first = state.history[0]?.action;
  const transfer = state.history.findLast((h) => h.action.type === 'transfer')?.action;
  return {
    transferredFrom: first?.type === 'receive' ? (first.transferredFrom ?? null) : null,
    continuedAs: transfer?.type === 'transfer' ? (transfer.continuedAs ?? null) : null,
  };
}

export async function getDossier(
  db: DbOrTx,
  id: string,
  now: Date = new Date(),
  caller?: Caller,
): Promise<PresentedDossier> {
  const row = await findDossierRow(db, id);
  if (!row) throw dossierNotFound(id);
  const context = await presentationContext(db, row);
  const viewer = caller ? await actorOf(db, caller, row.communeCode) : undefined;
  const state = replay(await loadHistory(db, id), context.calendar);
  const people = await historyPeople(db, state.history);
  return present(row, state, now, { ...context, people }, viewer);
}

/** The caller as the lifecycle sees them for a commune: the roles they hold there. */
export async function actorOf(db: DbOrTx, caller: Caller, communeCode: string): Promise<Actor> {
  const province = await provinceOf(db, communeCode, 'communeCode');
  return { kind: 'official', id: caller.accountId, roles: rolesIn(caller.grants, communeCode, province) };
}

/** Another action was written since the state was read (rolls the transaction back). */
class StaleWrite extends Error {}

/** The lifecycle action of the request, with what it needs from the dossier (the time limit for receive). */
export async function toAction(
  db: DbOrTx,
  row: DossierRow,
  req: DossierActionRequest,
): Promise<DossierAction> {
  const { action: type, version: _version, attachmentId, ...fields } = req;
  // A blank comment is no comment (the form sends what was typed, trimmed).
  const defined: Record<string, unknown> = Object.fromEntries(
    Object.entries(fields).filter(([k, v]) => v !== undefined && !(k === 'note' && v === '')),
  );
  if (attachmentId) defined.attachment = await actionAttachment(db, row.id, attachmentId);
  if (type === 'receive') {
    const procedure = await getProcedureVersion(db, row.procedureId, row.procedureVersion);
    return { ...defined, type, limit: procedure.data.timeLimit } as DossierAction;
  }
  if ((type === 'assign' || type === 'reassign') && req.assigneeId) {
    const grants = await grantsOf(db, req.assigneeId);
    if (!grants.some((g) => g.role === 'specialist' && g.communeCode === row.communeCode)) {
      throw fieldError(
        'body.assigneeId',
        'Người được giao phải là chuyên viên của xã.',
        "The assignee must be a specialist of the dossier's commune.",
      );
    }
  }
  if (type === 'transfer' && req.toCommuneCode) await provinceOf(db, req.toCommuneCode, 'body.toCommuneCode');
  return { ...defined, type } as DossierAction;
}

/**
 * One action of the lifecycle on a dossier. `version` must be the dossier's current version (optimistic
 * locking): otherwise StaleDossierError (409) with the fresh dossier; never a silent overwrite.
 */
export async function actOnDossier(
  ctx: WriteContext,
  caller: Caller,
  id: string,
  req: DossierActionRequest,
  options: { now?: Date } = {},
): Promise<PresentedDossier> {
  const now = options.now ?? new Date();
  const row = await findDossierRow(ctx.db, id);
  if (!row) throw dossierNotFound(id);
  const context = await presentationContext(ctx.db, row);
  const actor = await actorOf(ctx.db, caller, row.communeCode);
  const stale = async (calendar: WorkingCalendar) => {
    const fresh = (await findDossierRow(ctx.db, id))!;
    const state = replay(await loadHistory(ctx.db, id), calendar);
    return new StaleDossierError(present(fresh, state, now, { ...context, calendar }, actor));
  };
  if (req.version !== row.version) throw await stale(context.calendar);
  const action = await toAction(ctx.db, row, req);
  try {
    // The row is locked first, then history and calendar are read: a concurrent action or calendar change
    // (which recomputes open dossiers under the same lock) is either wholly before this one or waits for it.
    const { next, calendar } = await inTransaction(ctx, async (tx, audit) => {
      await tx.select({ id: dossiers.id }).from(dossiers).where(eq(dossiers.id, id)).for('update');
      const calendar = await getCalendar(tx);
      const state = replay(await loadHistory(tx, id), calendar);
      if (state.version !== req.version) throw new StaleWrite();
      const { state: next, events } = apply(state, action, actor, now, calendar);
      let record = next.history[next.history.length - 1]!;
      if (record.action.type === 'transfer') {
        const target = record.action.toCommuneCode;
        const continuedAs = await continueAtCompetentCommune(
          tx,
          audit,
          row,
          {
            communeCode: target,
            provinceCode: await provinceOf(tx, target, 'body.toCommuneCode'),
            originProvinceCode: await provinceOf(tx, row.communeCode, 'communeCode'),
          },
          caller.accountId,
          now,
          calendar,
        );
        record = { ...record, action: { ...record.action, continuedAs } };
        next.history = [...next.history.slice(0, -1), record];
      }
      // An online filing is received now: its time of receipt is the centre's, not the submission's.
      const receipt = record.action.type === 'receive' ? { receivedAt: now } : {};
      await tx
        .update(dossiers)
        .set({ ...projectionOf(next), ...receipt, updatedAt: now })
        .where(eq(dossiers.id, id));
      await tx.insert(dossierActions).values(actionRow(id, row.communeCode, record));
      await audit({
        action: `dossier.${action.type}`,
        entityType: 'dossier',
        entityId: id,
        communeCode: row.communeCode,
        before: { status: state.status, version: state.version, dueDate: state.clock?.dueDate ?? null },
        after: { status: next.status, version: next.version, dueDate: next.clock?.dueDate ?? null, events },
      });
      // The applicant is told (received, supplement requested, result ready, new date), in this transaction.
      await notifyDossierAction(tx, row, record.action, next.version, {
        before: state.clock?.dueDate ?? null,
        after: next.clock?.dueDate ?? null,
      });
      return { next, calendar };
    });
    context.people = await historyPeople(ctx.db, next.history);
    const received = action.type === 'receive' ? { receivedAt: now } : {};
    return present({ ...row, ...received, status: next.status! }, next, now, { ...context, calendar }, actor);
  } catch (e) {
    if (e instanceof StaleWrite) throw await stale(context.calendar);
    throw e;
  }
}

/** The columns of the dossiers row that project its state (for the queues and statistics), rewritten by every action. */
export function projectionOf(state: DossierState) {
  return {
    status: state.status!,
    version: state.version,
    dueDate: state.clock?.dueDate ?? null,
    assigneeId: state.assigneeId,
    closedAt: state.closedAt ? new Date(state.closedAt) : null,
    resolvedAt: state.clock?.resolvedAt ? new Date(state.clock.resolvedAt) : null,
    lateAcknowledged: state.clock?.lateAcknowledged ?? false,
  };
}

/** For the seed and tests: the dossier's row and state. */
export async function loadDossierState(db: Db, id: string) {
  const row = await findDossierRow(db, id);
  if (!row) throw dossierNotFound(id);
  return { row, state: replay(await loadHistory(db, id), await getCalendar(db)) };
}
