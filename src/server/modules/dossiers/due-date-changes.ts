/**
 * When an administrator records or deletes a holiday or a make-up day, the due dates of open dossiers are
 * recomputed (replay with the new calendar) in the same transaction, and the appointments that moved are listed
 * for the one-stop officers until one of them has told the applicant (issue 4 §3; FixMyStreet's lesson).
 */
import { and, asc, eq, gte, isNotNull, isNull, lt, type SQL, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { DueDateChange } from '../../../common/api/due-date-changes';
import type { Db, DbOrTx, Tx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { isUuid } from '../../http/auth';
import { AppError, fieldError, notFound, text } from '../../http/errors';
import type { CalendarChangeEvent, CalendarChangeHook } from '../calendar/changes';
import { formatIsoDate, parseIsoDate } from '../calendar/lunar';
import { notifyDossierEvent } from '../notifications/dossier-events';
import { VN_UTC_OFFSET_MINUTES } from './domain/local-time';
import { describeCalendarChange, foldIntoPending, recomputeDueDate, vnDate } from './domain/recompute';
import { dossierDueDateChanges, dossiers } from './schema';
import { loadHistory, projectionOf } from './service';

/** One dossier whose projection or appointment the change rewrote, for the audit entry of its commune. */
interface Moved {
  dossierId: string;
  code: string;
  from: string | null;
  to: string | null;
  /** What happened to the list of appointments to tell: a new line, an updated one, one withdrawn, none. */
  listed: 'insert' | 'update' | 'delete' | 'none';
}

/**
 * The hook the composition root gives the calendar routes. Candidates, cheaply: dossiers with a running clock
 * (not closed, result not ready), due on or after the first day the change touches, received before the end of
 * the last one (a dossier received later counted with the new calendar already). Rows are locked in id order, so
 * an action written at the same time waits for this transaction and two calendar changes do not deadlock.
 * [Limit] A pause finished entirely after the old due date could in theory move a date earlier than the first
 * changed day; such dossiers are overdue already and are not looked at.
 */
export function recomputeDueDatesOnCalendarChange(options: { now?: () => Date } = {}): CalendarChangeHook {
  return async (tx, audit, event) => {
    const { changedDays } = event;
    if (!changedDays.length) return;
    const now = options.now?.() ?? new Date();
    const first = changedDays[0]!;
    const dayAfterLast = formatIsoDate(parseIsoDate(changedDays[changedDays.length - 1]!) + 1);
    const candidates = await tx
      .select({
        id: dossiers.id,
        code: dossiers.code,
        communeCode: dossiers.communeCode,
        receivingCommuneCode: dossiers.receivingCommuneCode,
        dueDate: dossiers.dueDate,
      })
      .from(dossiers)
      .where(
        and(
          isNull(dossiers.closedAt),
          isNull(dossiers.resolvedAt),
          isNotNull(dossiers.dueDate),
          gte(dossiers.dueDate, first),
          lt(dossiers.receivedAt, new Date(`${dayAfterLast}T00:00:00+07:00`)),
        ),
      )
      .orderBy(asc(dossiers.id))
      .for('update');

    const cause = describeCalendarChange(event.change, now);
    const byCommune = new Map<string, Moved[]>();
    for (const row of candidates) {
      const moved = await recomputeOne(tx, event, row, cause, now);
      if (!moved) continue;
      const list = byCommune.get(row.communeCode) ?? [];
      list.push(moved);
      byCommune.set(row.communeCode, list);
    }
    // One entry per commune (its own hash chain), naming every dossier with its old and new date: a national
    // holiday can move thousands of dossiers, and a per-dossier entry would bury each commune's log in them.
    for (const [communeCode, moved] of byCommune) {
      await audit({
        action: 'dossier.due_dates_recomputed',
        entityType: 'commune',
        entityId: communeCode,
        communeCode,
        after: { cause, change: event.change, dossiers: moved },
      });
    }
  };
}

async function recomputeOne(
  tx: Tx,
  event: CalendarChangeEvent,
  row: { id: string; code: string; receivingCommuneCode: string; dueDate: string | null },
  cause: string,
  now: Date,
): Promise<Moved | null> {
  const r = recomputeDueDate(await loadHistory(tx, row.id), event.before, event.after);
  if (!r.open) return null;
  const projected = r.newDueDate !== row.dueDate;
  if (projected) {
    await tx
      .update(dossiers)
      .set({ ...projectionOf(r.state), updatedAt: now })
      .where(eq(dossiers.id, row.id));
  }
  if (!r.changed) {
    return projected
      ? { dossierId: row.id, code: row.code, from: row.dueDate, to: r.newDueDate, listed: 'none' }
      : null;
  }
  const previous = r.previousDueDate!;
  const next = r.newDueDate!;
  const [pending] = await tx
    .select()
    .from(dossierDueDateChanges)
    .where(and(eq(dossierDueDateChanges.dossierId, row.id), isNull(dossierDueDateChanges.acknowledgedAt)))
    .orderBy(asc(dossierDueDateChanges.detectedAt))
    .limit(1)
    .for('update');
  const op = foldIntoPending(pending ?? null, previous, next);
  if (op.op === 'insert') {
    await tx.insert(dossierDueDateChanges).values({
      id: uuidv7(),
      dossierId: row.id,
      // The centre that gave the appointment slip calls the applicant (phi địa giới: maybe not the competent one).
      communeCode: row.receivingCommuneCode,
      previousDueDate: op.previousDueDate,
      newDueDate: op.newDueDate,
      cause,
      detectedAt: now,
    });
  } else if (op.op === 'update') {
    await tx
      .update(dossierDueDateChanges)
      .set({ newDueDate: op.newDueDate, cause: `${pending!.cause}; ${cause}`.slice(-1000), detectedAt: now })
      .where(eq(dossierDueDateChanges.id, pending!.id));
  } else {
    await tx.delete(dossierDueDateChanges).where(eq(dossierDueDateChanges.id, pending!.id));
  }
  // The applicant is told the new date (the officers' list above stays, for a call).
  await notifyDossierEvent(tx, row.id, 'appointment_moved', {
    key: `${previous}:${next}:${now.getTime()}`,
    previousDueDate: previous,
    dueDate: next,
    reason: cause,
  });
  return { dossierId: row.id, code: row.code, from: previous, to: next, listed: op.op };
}

/** The commune of a due-date change (the centre that calls the applicant), or null. */
export async function communeOfDueDateChange(db: Db, id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ c: dossierDueDateChanges.communeCode })
    .from(dossierDueDateChanges)
    .where(eq(dossierDueDateChanges.id, id));
  return row?.c ?? null;
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && typeof v[0] === 'string' && isUuid(String(v[1]))) return [v[0], v[1]];
  } catch {}
  throw fieldError('query.cursor', 'Con trỏ trang không hợp lệ.', 'Invalid cursor.');
}

/**
 * The appointments of a commune's centre that moved, the soonest old appointment first (those applicants may be
 * on their way): unacknowledged ones by default, or the acknowledged ones. Cursor-paginated.
 */
export async function listDueDateChanges(
  db: DbOrTx,
  communeCode: string,
  query: { acknowledged: boolean; limit: number; cursor?: string },
): Promise<{ items: DueDateChange[]; nextCursor: string | null }> {
  const c = dossierDueDateChanges;
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const where: SQL[] = [
    eq(c.communeCode, communeCode),
    query.acknowledged ? isNotNull(c.acknowledgedAt) : isNull(c.acknowledgedAt),
  ];
  if (after) where.push(sql`(${c.previousDueDate}, ${c.id}) > (${after[0]}::date, ${after[1]}::uuid)`);
  const rows = await db
    .select({
      change: c,
      code: dossiers.code,
      applicantName: dossiers.applicantFullName,
      applicantPhone: dossiers.applicantPhone,
    })
    .from(c)
    .innerJoin(dossiers, eq(dossiers.id, c.dossierId))
    .where(and(...where))
    .orderBy(asc(c.previousDueDate), asc(c.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(({ change, code, applicantName, applicantPhone }) => ({
      id: change.id,
      dossierId: change.dossierId,
      dossierCode: code,
      communeCode: change.communeCode,
      applicantName,
      applicantPhone,
      previousDueDate: change.previousDueDate,
      newDueDate: change.newDueDate,
      cause: change.cause,
      detectedAt: change.detectedAt.toISOString(),
      acknowledgedAt: change.acknowledgedAt?.toISOString() ?? null,
      acknowledgedBy: change.acknowledgedBy,
    })),
    nextCursor:
      rows.length > query.limit && last
        ? Buffer.from(JSON.stringify([last.change.previousDueDate, last.change.id])).toString('base64url')
        : null,
  };
}

/** dd/mm/yyyy HH:mm in Vietnam (UTC+7). */
function localDateTime(at: Date): string {
  const iso = new Date(at.getTime() + VN_UTC_OFFSET_MINUTES * 60_000).toISOString();
  return `${vnDate(iso.slice(0, 10))} ${iso.slice(11, 16)}`;
}

/** An officer has told the applicant the new date (đã báo cho công dân). Twice → 409. */
export async function acknowledgeDueDateChange(
  ctx: WriteContext,
  accountId: string,
  id: string,
  now: Date = new Date(),
): Promise<{ id: string; acknowledgedAt: string }> {
  return inTransaction(ctx, async (tx, audit) => {
    const [done] = await tx
      .update(dossierDueDateChanges)
      .set({ acknowledgedBy: accountId, acknowledgedAt: now })
      .where(and(eq(dossierDueDateChanges.id, id), isNull(dossierDueDateChanges.acknowledgedAt)))
      .returning();
    if (!done) {
      const [row] = await tx.select().from(dossierDueDateChanges).where(eq(dossierDueDateChanges.id, id));
      if (!row) throw notFound('thay đổi ngày hẹn', 'due-date change', id);
      throw new AppError(
        'conflict',
        text(
          'Đã xác nhận báo cho công dân lúc {at}; không cần xác nhận lại.',
          'The applicant was already reported told at {at}; nothing to acknowledge again.',
          { at: localDateTime(row.acknowledgedAt!) },
        ),
      );
    }
    await audit({
      action: 'dossier.due_date_change.acknowledge',
      entityType: 'dossier',
      entityId: done.dossierId,
      communeCode: done.communeCode,
      after: { changeId: id, previousDueDate: done.previousDueDate, newDueDate: done.newDueDate },
    });
    return { id, acknowledgedAt: now.toISOString() };
  });
}
