/**
 * Follow-up tasks of a meeting's conclusions (kết luận, thông báo kết luận): an official, a time limit in working
 * days from the conclusion's issue date (the calendar module's working days: weekends, Tết and the other holidays
 * skipped), tracked to done with a note. Listed per meeting, per official (and counted in each official's workload)
 * and per commune (open, overdue). Tasks of rehearsals are listed, marked, but left out of the counts.
 */
import { and, asc, eq, lt, type SQL, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { MeetingTask } from '../../../common/api/meeting-after';
import type { DbOrTx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { isUuid } from '../../http/auth';
import { fieldError, notFound } from '../../http/errors';
import { getCalendar } from '../calendar/service';
import { officialFacts, type WorkloadCounterSource } from '../org';
import { todayInVietnam } from '../org/document-format';
import { conflict, getDocumentRow } from './documents';
import { meetings, meetingTasks } from './schema';
import { assertNotArchived, getMeetingRow } from './store';

type TaskRow = typeof meetingTasks.$inferSelect;
export const taskNotFound = (id: string) => notFound('nhiệm vụ', 'task', id);

/** Document types whose content assigns work. */
export const TASK_SOURCES = new Set(['KL', 'TB']);

export async function communeOfTask(db: DbOrTx, id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ c: meetingTasks.communeCode })
    .from(meetingTasks)
    .where(eq(meetingTasks.id, id));
  return row?.c ?? null;
}

export async function getTaskRow(db: DbOrTx, id: string, options: { forUpdate?: boolean } = {}) {
  if (!isUuid(id)) throw taskNotFound(id);
  const q = db.select().from(meetingTasks).where(eq(meetingTasks.id, id));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  if (!row) throw taskNotFound(id);
  return row;
}

async function presentAll(
  db: DbOrTx,
  rows: (TaskRow & { meetingTitle: string; rehearsal: boolean })[],
  today: string,
): Promise<MeetingTask[]> {
  const names = await officialFacts(
    db,
    rows.map((r) => r.officialId),
  );
  return rows.map((r) => ({
    id: r.id,
    meetingId: r.meetingId,
    meetingTitle: r.meetingTitle,
    rehearsal: r.rehearsal,
    communeCode: r.communeCode,
    documentId: r.documentId,
    official: { id: r.officialId, fullName: names.get(r.officialId)?.fullName ?? '' },
    title: r.title,
    assignedOn: r.assignedOn,
    workingDays: r.workingDays,
    dueDate: r.dueDate,
    status: r.status as 'open' | 'done',
    overdue: r.status === 'open' && r.dueDate < today,
    doneAt: r.doneAt?.toISOString() ?? null,
    doneNote: r.doneNote,
  }));
}

export async function getTask(db: DbOrTx, id: string, today = todayInVietnam()): Promise<MeetingTask> {
  const row = await getTaskRow(db, id);
  const meeting = await getMeetingRow(db, row.meetingId);
  return (
    await presentAll(db, [{ ...row, meetingTitle: meeting.title, rehearsal: meeting.rehearsal }], today)
  )[0]!;
}

export interface TaskFilter {
  communeCode: string;
  meetingId?: string;
  officialId?: string;
  status?: 'open' | 'done' | 'overdue';
  limit?: number;
}

/** Tasks of a commune (optionally of one meeting / official / status), due date first; counts of real meetings. */
export async function listTasks(db: DbOrTx, f: TaskFilter, today = todayInVietnam()) {
  const scope: SQL[] = [eq(meetingTasks.communeCode, f.communeCode)];
  if (f.meetingId) scope.push(eq(meetingTasks.meetingId, f.meetingId));
  if (f.officialId) scope.push(eq(meetingTasks.officialId, f.officialId));
  const filter = [...scope];
  if (f.status === 'overdue') filter.push(eq(meetingTasks.status, 'open'), lt(meetingTasks.dueDate, today));
  else if (f.status) filter.push(eq(meetingTasks.status, f.status));
  const [rows, [counts]] = await Promise.all([
    db
      .select({ task: meetingTasks, meetingTitle: meetings.title, rehearsal: meetings.rehearsal })
      .from(meetingTasks)
      .innerJoin(meetings, eq(meetings.id, meetingTasks.meetingId))
      .where(and(...filter))
      .orderBy(asc(meetingTasks.status), asc(meetingTasks.dueDate), asc(meetingTasks.id))
      .limit(f.limit ?? 500),
    db
      .select({
        open: sql<number>`count(*) filter (where ${meetingTasks.status} = 'open')::int`,
        overdue: sql<number>`count(*) filter (where ${meetingTasks.status} = 'open' and ${meetingTasks.dueDate} < ${today})::int`,
        done: sql<number>`count(*) filter (where ${meetingTasks.status} = 'done')::int`,
      })
      .from(meetingTasks)
      .innerJoin(meetings, eq(meetings.id, meetingTasks.meetingId))
      .where(and(...scope, eq(meetings.rehearsal, false))),
  ]);
  return {
    items: await presentAll(
      db,
      rows.map((r) => ({ ...r.task, meetingTitle: r.meetingTitle, rehearsal: r.rehearsal })),
      today,
    ),
    counts: counts ?? { open: 0, overdue: 0, done: 0 },
  };
}

/**
 * A task from an issued conclusion: due `workingDays` working days after the conclusion's issue date (the
 * stored calendar, with the Government's announced holidays).
 */
export async function createTask(
  ctx: WriteContext,
  documentId: string,
  input: { officialId: string; title: string; workingDays: number },
) {
  const doc = await getDocumentRow(ctx.db, documentId);
  if (!TASK_SOURCES.has(doc.docType))
    throw conflict(
      'Chỉ kết luận, thông báo kết luận mới giao nhiệm vụ.',
      'Only conclusions and announcements assign follow-up tasks.',
    );
  if (doc.status !== 'issued' || !doc.issuedOn)
    throw conflict(
      'Kết luận chưa ban hành: thời hạn tính từ ngày ban hành.',
      'The conclusion is not issued yet: time limits run from its issue date.',
    );
  const official = (await officialFacts(ctx.db, [input.officialId])).get(input.officialId);
  if (!official || official.communeCode !== doc.communeCode || official.status !== 'active')
    throw fieldError(
      'body.officialId',
      'Người được giao phải là cán bộ đang công tác của xã.',
      'The task must go to an active official of the commune.',
    );
  // The calendar is read before the transaction (it is cached per revision of the stored announcements).
  const dueDate = (await getCalendar(ctx.db)).addWorkingDays(doc.issuedOn, input.workingDays);
  const id = uuidv7();
  await inTransaction(ctx, async (tx, audit) => {
    const meeting = await getMeetingRow(tx, doc.meetingId);
    assertNotArchived(meeting);
    const row = {
      id,
      meetingId: doc.meetingId,
      communeCode: doc.communeCode,
      documentId,
      officialId: input.officialId,
      title: input.title,
      assignedOn: doc.issuedOn!,
      workingDays: input.workingDays,
      dueDate,
    };
    await tx.insert(meetingTasks).values(row);
    await audit({
      action: 'meeting.task.create',
      entityType: 'meeting_task',
      entityId: id,
      communeCode: doc.communeCode,
      after: row,
    });
  });
  return getTask(ctx.db, id);
}

/** Done, with a note of what was done; a task is done once. */
export async function completeTask(ctx: WriteContext, id: string, note: string) {
  await inTransaction(ctx, async (tx, audit) => {
    const row = await getTaskRow(tx, id, { forUpdate: true });
    if (row.status === 'done') throw conflict('Nhiệm vụ đã hoàn thành.', 'The task is already done.');
    const doneAt = new Date();
    await tx
      .update(meetingTasks)
      .set({ status: 'done', doneAt, doneNote: note })
      .where(eq(meetingTasks.id, id));
    await audit({
      action: 'meeting.task.done',
      entityType: 'meeting_task',
      entityId: id,
      communeCode: row.communeCode,
      before: { status: 'open' },
      after: { status: 'done', doneAt: doneAt.toISOString(), doneNote: note },
    });
  });
  return getTask(ctx.db, id);
}

async function countPerOfficial(
  db: DbOrTx,
  communeCode: string,
  officialIds: string[],
  overdueOnly: boolean,
): Promise<Map<string, number>> {
  if (!officialIds.length) return new Map();
  const today = todayInVietnam();
  const rows = await db
    .select({ officialId: meetingTasks.officialId, n: sql<number>`count(*)::int` })
    .from(meetingTasks)
    .innerJoin(meetings, eq(meetings.id, meetingTasks.meetingId))
    .where(
      and(
        eq(meetingTasks.communeCode, communeCode),
        eq(meetingTasks.status, 'open'),
        eq(meetings.rehearsal, false),
        sql`${meetingTasks.officialId} in (${sql.join(
          officialIds.map((o) => sql`${o}::uuid`),
          sql`, `,
        )})`,
        ...(overdueOnly ? [lt(meetingTasks.dueDate, today)] : []),
      ),
    )
    .groupBy(meetingTasks.officialId);
  return new Map(rows.map((r) => [r.officialId, r.n]));
}

/** Workload counters (org workload view): open and overdue follow-up tasks of real meetings. */
export const meetingTaskCounters: WorkloadCounterSource[] = [
  {
    key: 'meeting_tasks_open',
    label: { vi: 'Nhiệm vụ sau họp đang làm', en: 'Open meeting follow-up tasks' },
    count: (db, communeCode, ids) => countPerOfficial(db, communeCode, ids, false),
  },
  {
    key: 'meeting_tasks_overdue',
    label: { vi: 'Nhiệm vụ sau họp quá hạn', en: 'Overdue meeting follow-up tasks' },
    count: (db, communeCode, ids) => countPerOfficial(db, communeCode, ids, true),
  },
];
