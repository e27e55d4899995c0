/**
 * Chương trình kỳ họp: ordered items (add, edit, reorder, delete while in preparation), the current item ("start"
 * makes it current and finishes the previous one; "finish"), and the speakers on the current item with their time.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { AgendaItemPatch, AgendaItemRequest, SpeechRequest } from '../../../common/api/meetings';
import type { Tx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, fieldError, text } from '../../http/errors';
import { publishMeetingChange } from './hall';
import { meetingAgendaItems, meetingPapers, meetingSpeeches, meetings, meetingVotes } from './schema';
import { assertCommuneOfficial } from './service';
import {
  assertMeetingStatus,
  assertNotArchived,
  getItemRow,
  getMeetingRow,
  type ItemRow,
  type MeetingRow,
} from './store';

const VOTING = new Set(['open_vote', 'secret_ballot']);

/** A vote subject only on an item decided by a yes/no vote (default: a resolution). */
export function subjectFor(decision: string, subject: string | null, field: string): string | null {
  if (VOTING.has(decision)) return subject ?? 'resolution';
  if (subject)
    throw fieldError(
      field,
      'Nội dung này không biểu quyết nên không có loại biểu quyết.',
      'This item has no yes/no vote, so it takes no vote subject.',
    );
  return null;
}

/** Who presents an item: an official of the meeting's commune (named as registered unless named otherwise). */
export async function presenter(
  ctx: Pick<WriteContext, 'db'>,
  meeting: Pick<MeetingRow, 'communeCode'>,
  presenterId: string | null,
  presenterName: string | null,
) {
  const facts = await assertCommuneOfficial(ctx.db, meeting.communeCode, presenterId, 'body.presenterId');
  return { presenterId, presenterName: presenterName ?? facts?.fullName ?? null };
}

const itemChanged = (tx: Tx, meetingId: string, data: Record<string, unknown>) =>
  publishMeetingChange(tx, meetingId, 'item.changed', data);

/** The meeting, locked to add items to its agenda, and the position the next item takes. */
export async function lockAgenda(tx: Tx, meetingId: string) {
  const row = await getMeetingRow(tx, meetingId, { forUpdate: true });
  assertMeetingStatus(row, ['draft', 'invited', 'in_progress']);
  const [max] = await tx
    .select({ n: sql<number>`coalesce(max(${meetingAgendaItems.position}), 0)::int` })
    .from(meetingAgendaItems)
    .where(eq(meetingAgendaItems.meetingId, meetingId));
  return { row, next: Number(max?.n ?? 0) + 1 };
}

/** The row of an item added at `position` of the meeting's agenda (addItem's; the demo seed's agenda in bulk). */
export function newItemRow(
  id: string,
  meeting: Pick<MeetingRow, 'id' | 'communeCode'>,
  position: number,
  input: AgendaItemRequest,
  who: { presenterId: string | null; presenterName: string | null },
  subject: string | null,
) {
  if (position > 200)
    throw fieldError(
      'body.title',
      'Chương trình đã có quá nhiều nội dung.',
      'The agenda has too many items.',
    );
  return {
    id,
    meetingId: meeting.id,
    communeCode: meeting.communeCode,
    position,
    title: input.title,
    ...who,
    plannedMinutes: input.plannedMinutes,
    decision: input.decision,
    subject,
  };
}

/** The audit entry of an added item. */
export const itemAdded = (values: ReturnType<typeof newItemRow>) => ({
  action: 'meeting.item.add',
  entityType: 'meeting_agenda_item',
  entityId: values.id,
  communeCode: values.communeCode,
  after: values,
});

export async function addItem(ctx: WriteContext, meetingId: string, input: AgendaItemRequest) {
  const meeting = await getMeetingRow(ctx.db, meetingId);
  assertNotArchived(meeting);
  assertMeetingStatus(meeting, ['draft', 'invited', 'in_progress']);
  const subject = subjectFor(input.decision, input.subject, 'body.subject');
  const who = await presenter(ctx, meeting, input.presenterId, input.presenterName);
  const id = uuidv7();
  await inTransaction(ctx, async (tx, audit) => {
    const { row, next } = await lockAgenda(tx, meetingId);
    const values = newItemRow(id, row, next, input, who, subject);
    await tx.insert(meetingAgendaItems).values(values);
    await audit(itemAdded(values));
    await itemChanged(tx, meetingId, { id });
  });
  return id;
}

export async function updateItem(ctx: WriteContext, itemId: string, patch: AgendaItemPatch) {
  const item = await getItemRow(ctx.db, itemId);
  const meeting = await getMeetingRow(ctx.db, item.meetingId);
  assertNotArchived(meeting);
  assertMeetingStatus(meeting, ['draft', 'invited', 'in_progress']);
  const structural = Object.keys(patch).some((k) => k !== 'notes');
  if (structural && item.status !== 'pending')
    throw new AppError(
      'conflict',
      text(
        'Nội dung đã bắt đầu: chỉ còn ghi ý kiến được.',
        'The item has started: only its notes can change.',
      ),
    );
  const decision = patch.decision ?? item.decision;
  const subject =
    patch.decision !== undefined || patch.subject !== undefined
      ? subjectFor(
          decision,
          patch.subject !== undefined ? patch.subject : (item.subject ?? null),
          'body.subject',
        )
      : item.subject;
  const who =
    patch.presenterId !== undefined || patch.presenterName !== undefined
      ? await presenter(
          ctx,
          meeting,
          patch.presenterId !== undefined ? patch.presenterId : item.presenterId,
          patch.presenterName !== undefined ? patch.presenterName : null,
        )
      : {};
  await inTransaction(ctx, async (tx, audit) => {
    const current = await getItemRow(tx, itemId, { forUpdate: true });
    if (decision !== current.decision) {
      const [vote] = await tx
        .select({ id: meetingVotes.id })
        .from(meetingVotes)
        .where(eq(meetingVotes.itemId, itemId))
        .limit(1);
      if (vote)
        throw fieldError(
          'body.decision',
          'Nội dung đã có biểu quyết: không đổi hình thức được.',
          'The item already has a vote: its decision cannot change.',
        );
    }
    const change = {
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...who,
      ...(patch.plannedMinutes !== undefined ? { plannedMinutes: patch.plannedMinutes } : {}),
      ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
      decision,
      subject,
    };
    await tx.update(meetingAgendaItems).set(change).where(eq(meetingAgendaItems.id, itemId));
    await audit({
      action: 'meeting.item.update',
      entityType: 'meeting_agenda_item',
      entityId: itemId,
      communeCode: current.communeCode,
      before: current,
      after: change,
    });
    await itemChanged(tx, current.meetingId, { id: itemId });
  });
  return item.meetingId;
}

export async function deleteItem(ctx: WriteContext, itemId: string) {
  const item = await getItemRow(ctx.db, itemId);
  const meeting = await getMeetingRow(ctx.db, item.meetingId);
  assertNotArchived(meeting);
  assertMeetingStatus(meeting, ['draft', 'invited']);
  await inTransaction(ctx, async (tx, audit) => {
    const [paper] = await tx
      .select({ id: meetingPapers.id })
      .from(meetingPapers)
      .where(eq(meetingPapers.itemId, itemId))
      .limit(1);
    if (paper)
      throw new AppError(
        'conflict',
        text(
          'Nội dung có tài liệu gắn kèm: hãy chuyển tài liệu trước khi xóa.',
          'Papers belong to this item: move them before deleting it.',
        ),
      );
    await tx.delete(meetingSpeeches).where(eq(meetingSpeeches.itemId, itemId));
    await tx.delete(meetingAgendaItems).where(eq(meetingAgendaItems.id, itemId));
    await renumber(tx, item.meetingId);
    await audit({
      action: 'meeting.item.delete',
      entityType: 'meeting_agenda_item',
      entityId: itemId,
      communeCode: item.communeCode,
      before: item,
    });
    await itemChanged(tx, item.meetingId, { id: itemId, deleted: true });
  });
  return item.meetingId;
}

async function renumber(tx: Tx, meetingId: string, order?: string[]) {
  const ids =
    order ??
    (
      await tx
        .select({ id: meetingAgendaItems.id })
        .from(meetingAgendaItems)
        .where(eq(meetingAgendaItems.meetingId, meetingId))
        .orderBy(asc(meetingAgendaItems.position), asc(meetingAgendaItems.id))
    ).map((r) => r.id);
  for (const [i, id] of ids.entries())
    await tx
      .update(meetingAgendaItems)
      .set({ position: i + 1 })
      .where(eq(meetingAgendaItems.id, id));
}

/** New order: exactly the meeting's items, each once. */
export async function reorderItems(ctx: WriteContext, meetingId: string, itemIds: string[]) {
  const meeting = await getMeetingRow(ctx.db, meetingId);
  assertNotArchived(meeting);
  assertMeetingStatus(meeting, ['draft', 'invited', 'in_progress']);
  await inTransaction(ctx, async (tx, audit) => {
    await getMeetingRow(tx, meetingId, { forUpdate: true });
    const items = await tx
      .select({ id: meetingAgendaItems.id, position: meetingAgendaItems.position })
      .from(meetingAgendaItems)
      .where(eq(meetingAgendaItems.meetingId, meetingId))
      .orderBy(asc(meetingAgendaItems.position));
    const have = new Set(items.map((i) => i.id));
    if (
      new Set(itemIds).size !== itemIds.length ||
      itemIds.length !== items.length ||
      itemIds.some((id) => !have.has(id))
    )
      throw fieldError(
        'body.itemIds',
        'Danh sách phải gồm đúng các nội dung của chương trình, mỗi nội dung một lần.',
        'The list must hold exactly the items of the agenda, each once.',
      );
    await renumber(tx, meetingId, itemIds);
    await audit({
      action: 'meeting.item.reorder',
      entityType: 'meeting',
      entityId: meetingId,
      communeCode: meeting.communeCode,
      before: items.map((i) => i.id),
      after: itemIds,
    });
    await itemChanged(tx, meetingId, { reordered: true });
  });
}

async function stopSpeeches(tx: Tx, itemIds: string[], at: Date) {
  if (!itemIds.length) return;
  await tx
    .update(meetingSpeeches)
    .set({ endedAt: at })
    .where(and(inArray(meetingSpeeches.itemId, itemIds), isNull(meetingSpeeches.endedAt)));
}

async function meetingInProgress(ctx: WriteContext, item: ItemRow) {
  const meeting = await getMeetingRow(ctx.db, item.meetingId);
  assertNotArchived(meeting);
  assertMeetingStatus(meeting, ['in_progress']);
  return meeting;
}

/** Makes the item current: the previous current item is finished (its speaker stopped). */
export async function startItem(ctx: WriteContext, itemId: string) {
  const item = await getItemRow(ctx.db, itemId);
  await meetingInProgress(ctx, item);
  await inTransaction(ctx, async (tx, audit) => {
    const meeting = await getMeetingRow(tx, item.meetingId, { forUpdate: true });
    assertMeetingStatus(meeting, ['in_progress']);
    const current = await getItemRow(tx, itemId, { forUpdate: true });
    if (current.status === 'current')
      throw new AppError(
        'conflict',
        text('Nội dung này đang được thảo luận.', 'This item is already the current one.'),
      );
    const now = new Date();
    const previous = await tx
      .select({ id: meetingAgendaItems.id })
      .from(meetingAgendaItems)
      .where(and(eq(meetingAgendaItems.meetingId, meeting.id), eq(meetingAgendaItems.status, 'current')));
    await stopSpeeches(
      tx,
      previous.map((p) => p.id),
      now,
    );
    if (previous.length)
      await tx
        .update(meetingAgendaItems)
        .set({ status: 'done', endedAt: now })
        .where(
          inArray(
            meetingAgendaItems.id,
            previous.map((p) => p.id),
          ),
        );
    await tx
      .update(meetingAgendaItems)
      .set({ status: 'current', startedAt: current.startedAt ?? now, endedAt: null })
      .where(eq(meetingAgendaItems.id, itemId));
    await tx
      .update(meetings)
      .set({ currentItemId: itemId, updatedAt: now })
      .where(eq(meetings.id, meeting.id));
    await audit({
      action: 'meeting.item.start',
      entityType: 'meeting_agenda_item',
      entityId: itemId,
      communeCode: meeting.communeCode,
      before: { status: current.status, previous: previous.map((p) => p.id) },
      after: { status: 'current' },
    });
    await itemChanged(tx, meeting.id, { id: itemId, status: 'current' });
  });
  return item.meetingId;
}

/** Finishes the current item (refused while a vote on it is open). */
export async function finishItem(ctx: WriteContext, itemId: string) {
  const item = await getItemRow(ctx.db, itemId);
  await meetingInProgress(ctx, item);
  await inTransaction(ctx, async (tx, audit) => {
    const meeting = await getMeetingRow(tx, item.meetingId, { forUpdate: true });
    const current = await getItemRow(tx, itemId, { forUpdate: true });
    if (current.status !== 'current')
      throw new AppError(
        'conflict',
        text('Nội dung này không phải nội dung đang thảo luận.', 'This item is not the current one.'),
      );
    const [open] = await tx
      .select({ id: meetingVotes.id })
      .from(meetingVotes)
      .where(and(eq(meetingVotes.itemId, itemId), eq(meetingVotes.status, 'open')))
      .limit(1);
    if (open)
      throw new AppError(
        'conflict',
        text('Biểu quyết của nội dung này còn đang mở.', 'The vote on this item is still open.'),
      );
    const now = new Date();
    await stopSpeeches(tx, [itemId], now);
    await tx
      .update(meetingAgendaItems)
      .set({ status: 'done', endedAt: now })
      .where(eq(meetingAgendaItems.id, itemId));
    if (meeting.currentItemId === itemId)
      await tx
        .update(meetings)
        .set({ currentItemId: null, updatedAt: now })
        .where(eq(meetings.id, meeting.id));
    await audit({
      action: 'meeting.item.finish',
      entityType: 'meeting_agenda_item',
      entityId: itemId,
      communeCode: meeting.communeCode,
      before: { status: 'current' },
      after: { status: 'done' },
    });
    await itemChanged(tx, meeting.id, { id: itemId, status: 'done' });
  });
  return item.meetingId;
}

/** A speaker takes the floor on the current item (the previous speaker's time stops). */
export async function startSpeech(ctx: WriteContext, itemId: string, input: SpeechRequest) {
  const item = await getItemRow(ctx.db, itemId);
  const meeting = await meetingInProgress(ctx, item);
  const facts = await assertCommuneOfficial(
    ctx.db,
    meeting.communeCode,
    input.officialId ?? null,
    'body.officialId',
  );
  const speakerName = input.speakerName ?? facts?.fullName;
  if (!speakerName)
    throw fieldError(
      'body.speakerName',
      'Cần chọn cán bộ hoặc ghi tên người phát biểu.',
      'Choose an official or give the speaker a name.',
    );
  const id = uuidv7();
  await inTransaction(ctx, async (tx, audit) => {
    const current = await getItemRow(tx, itemId, { forUpdate: true });
    if (current.status !== 'current')
      throw new AppError(
        'conflict',
        text(
          'Chỉ ghi phát biểu ở nội dung đang thảo luận.',
          'Speeches are recorded on the current item only.',
        ),
      );
    const now = new Date();
    await stopSpeeches(tx, [itemId], now);
    await tx.insert(meetingSpeeches).values({
      id,
      itemId,
      communeCode: current.communeCode,
      officialId: input.officialId ?? null,
      speakerName,
      startedAt: now,
    });
    await audit({
      action: 'meeting.speech.start',
      entityType: 'meeting_speech',
      entityId: id,
      communeCode: current.communeCode,
      after: { itemId, officialId: input.officialId ?? null, speakerName },
    });
    await itemChanged(tx, current.meetingId, { id: itemId, speaker: speakerName });
  });
  return item.meetingId;
}

/** The running speaker of the item stops (speaking time recorded). */
export async function stopSpeech(ctx: WriteContext, itemId: string) {
  const item = await getItemRow(ctx.db, itemId);
  await meetingInProgress(ctx, item);
  await inTransaction(ctx, async (tx, audit) => {
    const now = new Date();
    const stopped = await tx
      .update(meetingSpeeches)
      .set({ endedAt: now })
      .where(and(eq(meetingSpeeches.itemId, itemId), isNull(meetingSpeeches.endedAt)))
      .returning();
    if (!stopped.length)
      throw new AppError('conflict', text('Không có ai đang phát biểu.', 'Nobody is speaking.'));
    for (const s of stopped)
      await audit({
        action: 'meeting.speech.stop',
        entityType: 'meeting_speech',
        entityId: s.id,
        communeCode: s.communeCode,
        after: { seconds: Math.round((now.getTime() - s.startedAt.getTime()) / 1000) },
      });
    await itemChanged(tx, item.meetingId, { id: itemId, speaker: null });
  });
  return item.meetingId;
}
