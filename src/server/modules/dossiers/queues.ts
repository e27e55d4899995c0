/**
 * Work queues of the one-stop centre and the processors (hàng đợi công việc), scoped to the communes the caller
 * may read, searched by code, applicant name (with or without diacritics), phone or ID number; cursor-paginated.
 */
import { and, desc, eq, gte, inArray, isNotNull, like, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import { normalizePhone } from '../../../common/phone';
import { foldVietnamese } from '../../../common/text';
import type { DbOrTx } from '../../db/database';
import { escapeLike } from '../../db/like';
import { fieldError } from '../../http/errors';
import type { CommuneScope } from '../auth/permissions';
import { getCalendar } from '../calendar/service';
import { communeCodesOfProvinces } from '../units/service';
import { type DossierStatus, localDate, nationalStatusOf, startOfLocalDay, WAITING_STATUSES } from './domain';
import { dossiers } from './schema';

export type DossierQueue =
  | 'to_receive'
  | 'mine'
  | 'due_soon'
  | 'overdue'
  | 'waiting'
  | 'to_approve'
  | 'to_return';

/** States in which the clock runs against the due date (not waiting, not resolved, not closed). */
const RUNNING: DossierStatus[] = ['received', 'assigned', 'in_processing', 'submitted_for_approval'];

export interface QueueQuery {
  queue?: DossierQueue;
  q?: string;
  communeCode?: string;
  procedureId?: string;
  /** Received on or after this local date (inclusive). */
  receivedFrom?: string;
  /** Received on or before this local date (inclusive). */
  receivedTo?: string;
  limit: number;
  cursor?: string;
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {}
  throw fieldError('query.cursor', 'Con trỏ trang không hợp lệ.', 'Invalid cursor.');
}

export async function listDossiers(
  db: DbOrTx,
  scope: CommuneScope,
  me: string,
  query: QueueQuery,
  now: Date = new Date(),
) {
  let communes: string[] | null = null;
  if (!scope.all) {
    communes = [...scope.communeCodes, ...(await communeCodesOfProvinces(db, scope.provinceCodes))];
    if (!communes.length) return { items: [], nextCursor: null };
  }
  if (query.communeCode)
    communes = communes ? communes.filter((c) => c === query.communeCode) : [query.communeCode];
  if (communes && !communes.length) return { items: [], nextCursor: null };
  const today = localDate(now);
  const calendar = await getCalendar(db);
  const queues: Record<DossierQueue, SQL | undefined> = {
    to_receive: inArray(dossiers.status, ['submitted_online', 'received']),
    mine: and(eq(dossiers.assigneeId, me), inArray(dossiers.status, ['assigned', 'in_processing'])),
    due_soon: and(
      inArray(dossiers.status, RUNNING),
      gte(dossiers.dueDate, today),
      lte(dossiers.dueDate, calendar.addWorkingDays(today, 1)),
    ),
    overdue: and(inArray(dossiers.status, RUNNING), isNotNull(dossiers.dueDate), lt(dossiers.dueDate, today)),
    waiting: inArray(dossiers.status, [...WAITING_STATUSES]),
    to_approve: eq(dossiers.status, 'submitted_for_approval'),
    to_return: eq(dossiers.status, 'result_ready'),
  };
  let search: SQL | undefined;
  if (query.q?.trim()) {
    const raw = query.q.trim();
    const folded = `%${escapeLike(foldVietnamese(raw))}%`;
    search = or(
      like(dossiers.code, `%${escapeLike(raw.toUpperCase())}%`),
      like(dossiers.applicantNameFolded, folded),
      eq(dossiers.applicantPhone, normalizePhone(raw)),
      eq(dossiers.applicantIdNumber, raw.toUpperCase()),
    );
  }
  if (query.receivedFrom && query.receivedTo && query.receivedFrom > query.receivedTo) {
    throw fieldError(
      'query.receivedTo',
      'Ngày kết thúc phải từ ngày bắt đầu trở đi.',
      'The end date must be on or after the start date.',
    );
  }
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await db
    .select()
    .from(dossiers)
    .where(
      and(
        communes
          ? or(inArray(dossiers.communeCode, communes), inArray(dossiers.receivingCommuneCode, communes))
          : undefined,
        query.queue ? queues[query.queue] : undefined,
        search,
        query.procedureId ? eq(dossiers.procedureId, query.procedureId) : undefined,
        // Local (UTC+7) dates of receipt: [from 00:00, the day after `to` 00:00).
        query.receivedFrom ? gte(dossiers.receivedAt, startOfLocalDay(query.receivedFrom)) : undefined,
        query.receivedTo ? lt(dossiers.receivedAt, startOfLocalDay(query.receivedTo, 1)) : undefined,
        after
          ? sql`(${dossiers.receivedAt}, ${dossiers.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(dossiers.receivedAt), desc(dossiers.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      code: r.code,
      communeCode: r.communeCode,
      receivingCommuneCode: r.receivingCommuneCode,
      procedureName: r.procedureName,
      applicantName: r.applicantFullName,
      status: r.status,
      nationalStatusCode: nationalStatusOf(r.status as DossierStatus),
      version: r.version,
      assigneeId: r.assigneeId,
      receivedAt: r.receivedAt.toISOString(),
      dueDate: r.dueDate,
    })),
    nextCursor:
      rows.length > query.limit && last
        ? Buffer.from(JSON.stringify([last.receivedAt.toISOString(), last.id])).toString('base64url')
        : null,
  };
}
