/**
 * Biên bản: generated from the record of the meeting (attendance, items, speeches, opinions, votes and results,
 * elections, documents) with the parts the secretary writes (opening, opinions per item, conclusion, closing).
 * A draft row is created on first read; the secretary edits (each save a new revision), members comment on a
 * revision, and the chair locks: the PDF and the DOCX are rendered once, stored (content-addressed storage), the
 * PDF's SHA-256 recorded on the row and in the audit entry of the lock, and from then on nothing changes and every
 * download serves the stored bytes. A real meeting's minutes take a BB number at locking; a rehearsal's never.
 *
 * Who locks: the chair — the account linked to the meeting's chair official — or a secretary (meeting.manage)
 * stating that the chair approved the text (`chairApproved: true`, recorded in the audit entry as
 * `onBehalfOfChair`), for chairs who approve on paper and have no account.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import {
  type Minutes,
  type MinutesContent,
  MinutesContent as MinutesContentSchema,
} from '../../../common/api/meeting-after';
import type { DbOrTx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { isUuid } from '../../http/auth';
import { AppError, fieldError, text } from '../../http/errors';
import { accountPeople } from '../auth/service';
import { type FileStorage, sha256Hex } from '../dossiers/storage';
import { publishLive } from '../live/hub';
import { takeNumber } from '../numbering/service';
import { currentTitles, officialFacts } from '../org';
import { todayInVietnam } from '../org/document-format';
import { getCommune } from '../units/service';
import { type MeetingActor, meetingChannel } from './actor';
import { bodySettings } from './bodies-settings';
import { conflict } from './documents';
import { renderPrintedDocx } from './minutes-docx';
import {
  type Block,
  emptyContent,
  type MeetingRecord,
  minutesBlocks,
  minutesDoc,
  type PrintedDoc,
} from './minutes-model';
import { renderPrintedPdf } from './minutes-pdf';
import {
  meetingAgendaItems,
  meetingBallotTallies,
  meetingCandidates,
  meetingDocuments,
  meetingMinutes,
  meetingMinutesComments,
  meetingParticipants,
  meetingSpeeches,
  meetingVotes,
} from './schema';
import { assertNotArchived, getMeetingRow, type MeetingRow } from './store';

type MinutesRow = typeof meetingMinutes.$inferSelect;

/** What is stored in meeting_minutes.content: the editable parts, and once locked the number and frozen text. */
interface StoredContent extends MinutesContent {
  number?: string | null;
  lockedBlocks?: Block[];
  onBehalfOfChair?: boolean;
}

function editable(stored: unknown): MinutesContent {
  const parsed = MinutesContentSchema.partial().safeParse(stored ?? {});
  return { ...emptyContent(), ...(parsed.success ? parsed.data : {}) };
}

/** Everything the minutes say, read from the meeting's tables (and the org module for the chair). */
export async function loadRecord(db: DbOrTx, meeting: MeetingRow): Promise<MeetingRecord> {
  const [commune, settings, participants, items, votes, documents] = await Promise.all([
    getCommune(db, meeting.communeCode),
    bodySettings(db, meeting.communeCode, meeting.bodyId),
    db
      .select()
      .from(meetingParticipants)
      .where(eq(meetingParticipants.meetingId, meeting.id))
      .orderBy(
        asc(meetingParticipants.role),
        asc(meetingParticipants.createdAt),
        asc(meetingParticipants.id),
      ),
    db
      .select()
      .from(meetingAgendaItems)
      .where(eq(meetingAgendaItems.meetingId, meeting.id))
      .orderBy(asc(meetingAgendaItems.position), asc(meetingAgendaItems.id)),
    db
      .select()
      .from(meetingVotes)
      .where(eq(meetingVotes.meetingId, meeting.id))
      .orderBy(asc(meetingVotes.openedAt), asc(meetingVotes.id)),
    db
      .select()
      .from(meetingDocuments)
      .where(eq(meetingDocuments.meetingId, meeting.id))
      .orderBy(asc(meetingDocuments.createdAt), asc(meetingDocuments.id)),
  ]);
  const itemIds = items.map((i) => i.id);
  const voteIds = votes.map((v) => v.id);
  const [speeches, tallies, candidates] = await Promise.all([
    itemIds.length
      ? db
          .select()
          .from(meetingSpeeches)
          .where(inArray(meetingSpeeches.itemId, itemIds))
          .orderBy(asc(meetingSpeeches.startedAt), asc(meetingSpeeches.id))
      : [],
    voteIds.length
      ? db.select().from(meetingBallotTallies).where(inArray(meetingBallotTallies.voteId, voteIds))
      : [],
    voteIds.length
      ? db
          .select()
          .from(meetingCandidates)
          .where(inArray(meetingCandidates.voteId, voteIds))
          .orderBy(asc(meetingCandidates.position))
      : [],
  ]);
  let chair: MeetingRecord['chair'] = null;
  if (meeting.chairId) {
    const facts = (await officialFacts(db, [meeting.chairId])).get(meeting.chairId);
    const titles =
      (await currentTitles(db, [meeting.chairId], meeting.meetingDate)).get(meeting.chairId) ?? [];
    if (facts) chair = { fullName: facts.fullName, titles };
  }
  return {
    meeting: {
      id: meeting.id,
      title: meeting.title,
      kind: meeting.kind,
      rehearsal: meeting.rehearsal,
      meetingDate: meeting.meetingDate,
      startsAt: meeting.startsAt,
      openedAt: meeting.openedAt,
      closedAt: meeting.closedAt,
      place: meeting.place,
      status: meeting.status,
    },
    communeName: commune.name,
    body: { name: settings.name, kind: settings.bodyKind, issuer: settings.issuer, seats: settings.seats },
    chair,
    participants: participants.map((p) => ({
      role: p.role,
      fullName: p.fullName,
      title: p.title,
      response: p.response,
      apologyReason: p.apologyReason,
      checkedInAt: p.checkedInAt,
      leftAt: p.leftAt,
    })),
    items: items.map((i) => ({
      id: i.id,
      position: i.position,
      title: i.title,
      presenterName: i.presenterName,
      decision: i.decision,
      notes: i.notes,
      speeches: speeches
        .filter((s) => s.itemId === i.id)
        .map((s) => ({ speakerName: s.speakerName, startedAt: s.startedAt, endedAt: s.endedAt })),
      votes: votes
        .filter((v) => v.itemId === i.id)
        .map((v) => ({
          voteType: v.voteType,
          method: v.method,
          question: v.question,
          status: v.status,
          outcome: v.outcome,
          result: v.result,
          // Secret ballots and elections: only the anonymous tallies exist; open votes print their counts.
          tallies: tallies
            .filter((t) => t.voteId === v.id)
            .map((t) => ({ choice: t.choice, count: t.count })),
          candidates: candidates
            .filter((c) => c.voteId === v.id)
            .map((c) => ({
              id: c.id,
              fullName: c.fullName,
              positionTitle: c.positionTitle,
              elected: c.elected,
            })),
        })),
    })),
    documents: documents.map((d) => ({
      docType: d.docType,
      title: d.title,
      number: d.number,
      status: d.status,
    })),
  };
}

async function findMinutesRow(db: DbOrTx, meetingId: string, forUpdate = false) {
  const q = db.select().from(meetingMinutes).where(eq(meetingMinutes.meetingId, meetingId));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

/** The draft row, created (audited) when the minutes are first opened. */
async function ensureMinutes(ctx: WriteContext, meeting: MeetingRow): Promise<MinutesRow> {
  const found = await findMinutesRow(ctx.db, meeting.id);
  if (found) return found;
  return inTransaction(ctx, async (tx, audit) => {
    const inserted = await tx
      .insert(meetingMinutes)
      .values({ meetingId: meeting.id, communeCode: meeting.communeCode, content: emptyContent() })
      .onConflictDoNothing()
      .returning();
    if (inserted.length)
      await audit({
        action: 'meeting.minutes.create',
        entityType: 'meeting_minutes',
        entityId: meeting.id,
        communeCode: meeting.communeCode,
        after: { status: 'draft', revision: 1 },
      });
    else
      await audit({
        action: 'meeting.minutes.open',
        entityType: 'meeting_minutes',
        entityId: meeting.id,
        communeCode: meeting.communeCode,
      });
    return (await findMinutesRow(tx, meeting.id))!;
  });
}

const lockRule = (actor: MeetingActor, meeting: MeetingRow) =>
  !!meeting.chairId && (actor.officialId === meeting.chairId || actor.manages);

async function presentMinutes(
  db: DbOrTx,
  meeting: MeetingRow,
  row: MinutesRow,
  actor: MeetingActor,
): Promise<Minutes> {
  const stored = row.content as StoredContent;
  const content = editable(stored);
  const [record, comments] = await Promise.all([
    loadRecord(db, meeting),
    db
      .select()
      .from(meetingMinutesComments)
      .where(eq(meetingMinutesComments.meetingId, meeting.id))
      .orderBy(asc(meetingMinutesComments.createdAt), asc(meetingMinutesComments.id)),
  ]);
  const draft = row.status === 'draft';
  return {
    meetingId: meeting.id,
    communeCode: meeting.communeCode,
    status: row.status as 'draft' | 'locked',
    rehearsal: meeting.rehearsal,
    revision: row.revision,
    content,
    number: stored.number ?? null,
    lockedAt: row.lockedAt?.toISOString() ?? null,
    sha256: row.sha256,
    can: {
      edit: draft && actor.manages,
      comment: draft && (actor.manages || !!actor.officialId),
      lock: draft && meeting.status === 'closed' && lockRule(actor, meeting),
    },
    items: record.items.map((i) => ({ id: i.id, position: i.position, title: i.title })),
    blocks: !draft && stored.lockedBlocks ? stored.lockedBlocks : minutesBlocks(record, content),
    comments: comments.map((c) => ({
      id: c.id,
      revision: c.revision,
      anchor: c.anchor,
      body: c.body,
      authorName: c.authorName,
      authorOfficialId: c.authorOfficialId,
      createdAt: c.createdAt.toISOString(),
    })),
  };
}

/** The minutes of a meeting (the draft is created on first read). */
export async function getMinutes(
  ctx: WriteContext,
  meetingId: string,
  actor: MeetingActor,
): Promise<Minutes> {
  const meeting = await getMeetingRow(ctx.db, meetingId);
  const row = await ensureMinutes(ctx, meeting);
  return presentMinutes(ctx.db, meeting, row, actor);
}

const lockedConflict = () =>
  conflict('Biên bản đã khóa, không thay đổi được nữa.', 'The minutes are locked and can no longer change.');

export interface MinutesEditInput {
  revision: number;
  opening?: string;
  items?: Record<string, { opinions: string }>;
  conclusion?: string;
  closing?: string;
  secretaryName?: string;
}

/** The secretary saves the editable parts; the revision must be the one they started from. */
export async function editMinutes(
  ctx: WriteContext,
  meetingId: string,
  actor: MeetingActor,
  input: MinutesEditInput,
) {
  const meeting = await getMeetingRow(ctx.db, meetingId);
  assertNotArchived(meeting);
  await ensureMinutes(ctx, meeting);
  await inTransaction(ctx, async (tx, audit) => {
    const row = (await findMinutesRow(tx, meetingId, true))!;
    if (row.status !== 'draft') throw lockedConflict();
    if (row.revision !== input.revision)
      throw conflict(
        'Biên bản đã được sửa (bản {r}) sau khi bạn mở: hãy tải lại.',
        'The minutes were saved again (revision {r}) since you opened them: reload.',
        { r: String(row.revision) },
      );
    if (input.items) {
      const itemIds = new Set(
        (
          await tx
            .select({ id: meetingAgendaItems.id })
            .from(meetingAgendaItems)
            .where(eq(meetingAgendaItems.meetingId, meetingId))
        ).map((i) => i.id),
      );
      const stranger = Object.keys(input.items).find((id) => !itemIds.has(id));
      if (stranger)
        throw fieldError(
          `body.items.${stranger}`,
          'Kỳ họp không có nội dung này.',
          'This meeting has no such agenda item.',
        );
    }
    const before = editable(row.content);
    const { revision: _r, ...change } = input;
    const after: MinutesContent = {
      ...before,
      ...Object.fromEntries(Object.entries(change).filter(([k, v]) => v !== undefined && k !== 'items')),
      items: { ...before.items, ...(input.items ?? {}) },
    };
    await tx
      .update(meetingMinutes)
      .set({ content: after, revision: row.revision + 1, updatedAt: new Date() })
      .where(eq(meetingMinutes.meetingId, meetingId));
    await audit({
      action: 'meeting.minutes.edit',
      entityType: 'meeting_minutes',
      entityId: meetingId,
      communeCode: meeting.communeCode,
      before: { revision: row.revision },
      after: {
        revision: row.revision + 1,
        changed: Object.keys(change).filter((k) => k !== 'items' || input.items),
      },
    });
  });
  return getMinutes(ctx, meetingId, actor);
}

/** The parts of the minutes a comment may name besides an agenda item ("item:<id>"). */
const MINUTES_PARTS = new Set(['opening', 'conclusion', 'closing']);

/** A member (or the secretary) comments on the current revision. */
export async function commentMinutes(
  ctx: WriteContext,
  meetingId: string,
  actor: MeetingActor,
  input: { body: string; anchor?: string },
) {
  if (!actor.manages && !actor.officialId)
    throw new AppError(
      'forbidden',
      text(
        'Chỉ thành viên và thư ký mới góp ý biên bản.',
        'Only members and the secretary comment on the minutes.',
      ),
    );
  const meeting = await getMeetingRow(ctx.db, meetingId);
  assertNotArchived(meeting);
  if (input.anchor !== undefined && !MINUTES_PARTS.has(input.anchor)) {
    const itemId = input.anchor.startsWith('item:') ? input.anchor.slice(5) : '';
    const [item] = isUuid(itemId)
      ? await ctx.db
          .select({ id: meetingAgendaItems.id })
          .from(meetingAgendaItems)
          .where(and(eq(meetingAgendaItems.id, itemId), eq(meetingAgendaItems.meetingId, meetingId)))
      : [];
    if (!item)
      throw fieldError(
        'body.anchor',
        'Phần góp ý phải là "opening", "conclusion", "closing" hoặc "item:<mã nội dung của kỳ họp này>".',
        'The part commented must be "opening", "conclusion", "closing" or "item:<an agenda item of this meeting>".',
      );
  }
  await ensureMinutes(ctx, meeting);
  const authorName = actor.officialId
    ? ((await officialFacts(ctx.db, [actor.officialId])).get(actor.officialId)?.fullName ?? '')
    : ((await accountPeople(ctx.db, [actor.accountId])).get(actor.accountId)?.displayName ?? '');
  await inTransaction(ctx, async (tx, audit) => {
    const row = (await findMinutesRow(tx, meetingId, true))!;
    if (row.status !== 'draft') throw lockedConflict();
    const id = uuidv7();
    await tx.insert(meetingMinutesComments).values({
      id,
      meetingId,
      communeCode: meeting.communeCode,
      revision: row.revision,
      anchor: input.anchor ?? null,
      body: input.body,
      authorName,
      authorOfficialId: actor.officialId,
    });
    await audit({
      action: 'meeting.minutes.comment',
      entityType: 'meeting_minutes',
      entityId: meetingId,
      communeCode: meeting.communeCode,
      after: { commentId: id, revision: row.revision, anchor: input.anchor ?? null },
    });
  });
  return getMinutes(ctx, meetingId, actor);
}

/**
 * Khóa biên bản: the chair (or the secretary stating the chair approved) locks the minutes of a closed meeting.
 * In one transaction: the BB number (real meetings), the PDF and DOCX rendered and stored, the PDF's SHA-256 on
 * the row and in the audit entry.
 */
export async function lockMinutes(...args: Parameters<typeof saveMinutesLock>) {
  await saveMinutesLock(...args);
  const [ctx, meetingId, actor] = args;
  return getMinutes(ctx, meetingId, actor);
}

/** lockMinutes without reading the minutes back after it (the demo seed). */
export async function saveMinutesLock(
  ctx: WriteContext,
  meetingId: string,
  actor: MeetingActor,
  input: { chairApproved?: boolean },
  storage: FileStorage,
  today = todayInVietnam(),
) {
  const meeting = await getMeetingRow(ctx.db, meetingId);
  assertNotArchived(meeting);
  if (!meeting.chairId)
    throw conflict(
      'Kỳ họp chưa có chủ tọa: chưa khóa được biên bản.',
      'The meeting has no chair: the minutes cannot be locked.',
    );
  const isChair = actor.officialId === meeting.chairId;
  if (!isChair) {
    if (!actor.manages)
      throw new AppError(
        'forbidden',
        text('Chỉ chủ tọa mới khóa được biên bản.', 'Only the chair can lock the minutes.'),
      );
    if (input.chairApproved !== true)
      throw fieldError(
        'body.chairApproved',
        'Thư ký khóa biên bản thay chủ tọa phải xác nhận chủ tọa đã duyệt.',
        'A secretary locking for the chair must confirm that the chair approved the text.',
      );
  }
  await ensureMinutes(ctx, meeting);
  await inTransaction(ctx, async (tx, audit) => {
    const fresh = await getMeetingRow(tx, meetingId, { forUpdate: true });
    if (fresh.status !== 'closed')
      throw conflict(
        'Kỳ họp chưa bế mạc: chưa khóa được biên bản.',
        'The meeting is not closed yet: the minutes cannot be locked.',
      );
    const row = (await findMinutesRow(tx, meetingId, true))!;
    if (row.status !== 'draft') throw lockedConflict();
    const content = editable(row.content);
    const record = await loadRecord(tx, fresh);
    const settings = await bodySettings(tx, fresh.communeCode, fresh.bodyId);
    const number = fresh.rehearsal
      ? null
      : (
          await takeNumber(tx, {
            communeCode: fresh.communeCode,
            issuer: settings.issuer,
            docType: 'BB',
            year: Number(today.slice(0, 4)),
          })
        ).number;
    const lockedAt = new Date();
    const printed = minutesDoc(record, content, { number, locked: true });
    const [pdf, docx] = await Promise.all([
      renderPrintedPdf(printed, { createdAt: lockedAt }),
      renderPrintedDocx(printed),
    ]);
    const sha256 = sha256Hex(pdf);
    const docxSha256 = sha256Hex(docx);
    const storageKey = await storage.put(pdf, tx);
    const docxStorageKey = await storage.put(docx, tx);
    const stored: StoredContent = {
      ...content,
      number,
      lockedBlocks: printed.blocks,
      onBehalfOfChair: !isChair,
    };
    await tx
      .update(meetingMinutes)
      .set({
        status: 'locked',
        content: stored,
        lockedAt,
        lockedBy: actor.accountId,
        sha256,
        storageKey,
        docxStorageKey,
        updatedAt: lockedAt,
      })
      .where(eq(meetingMinutes.meetingId, meetingId));
    await audit({
      action: 'meeting.minutes.lock',
      entityType: 'meeting_minutes',
      entityId: meetingId,
      communeCode: fresh.communeCode,
      before: { status: 'draft', revision: row.revision },
      after: {
        status: 'locked',
        revision: row.revision,
        number,
        rehearsal: fresh.rehearsal,
        sha256,
        docxSha256,
        storageKey,
        docxStorageKey,
        onBehalfOfChair: !isChair,
      },
    });
    await publishLive(tx, {
      channel: meetingChannel(meetingId),
      type: 'minutes.locked',
      data: { meetingId, number, sha256 },
    });
  });
}

export type MinutesFormat = 'pdf' | 'docx';

/**
 * The file of the minutes: the stored bytes once locked (checked against the recorded hash), else the current
 * draft rendered with "DỰ THẢO" on every page.
 */
export async function minutesFile(
  db: DbOrTx,
  meetingId: string,
  format: MinutesFormat,
  storage: FileStorage,
): Promise<{ bytes: Buffer; fileName: string; locked: boolean }> {
  const meeting = await getMeetingRow(db, meetingId);
  const row = await findMinutesRow(db, meetingId);
  const base = `bien-ban-${meeting.meetingDate}-${meeting.id.slice(0, 8)}${meeting.rehearsal ? '-dien-tap' : ''}`;
  if (row?.status === 'locked') {
    const key = format === 'pdf' ? row.storageKey : row.docxStorageKey;
    const bytes = key ? await storage.get(key) : null;
    if (!bytes || (format === 'pdf' && sha256Hex(bytes) !== row.sha256))
      throw new AppError(
        'unavailable',
        text(
          'Không đọc được tệp biên bản đã khóa trong kho lưu trữ.',
          'The locked minutes file cannot be read from storage.',
        ),
      );
    return { bytes, fileName: `${base}.${format}`, locked: true };
  }
  const printed = await draftDoc(db, meeting, row);
  const bytes = format === 'pdf' ? await renderPrintedPdf(printed) : await renderPrintedDocx(printed);
  return { bytes, fileName: `${base}-du-thao.${format}`, locked: false };
}

async function draftDoc(db: DbOrTx, meeting: MeetingRow, row: MinutesRow | null): Promise<PrintedDoc> {
  const record = await loadRecord(db, meeting);
  return minutesDoc(record, editable(row?.content), { number: null, locked: false });
}
