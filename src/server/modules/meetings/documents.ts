/**
 * Văn bản of a meeting: nghị quyết (NQ), quyết định (QĐ), kết luận (KL), thông báo (TB), optionally tied to an agenda
 * item and a vote; draft → issued with a date, a signer and the official number of the commune's series for the
 * body's issuer, the type and the year (numbering service, taken in the issuing transaction). A rehearsal's
 * documents never take a number: they print "DIỄN TẬP" instead. A resolution cannot come from a failed vote.
 */
import { and, asc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { MeetingDocType, MeetingDocument } from '../../../common/api/meeting-after';
import type { DbOrTx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { isUuid } from '../../http/auth';
import { AppError, fieldError, notFound, text } from '../../http/errors';
import { takeNumber } from '../numbering/service';
import { currentTitles, officialFacts } from '../org';
import { todayInVietnam } from '../org/document-format';
import { getCommune } from '../units/service';
import { bodySettings } from './bodies-settings';
import { documentDoc, meetingSignerTitle, type PrintedDoc } from './minutes-model';
import { meetingAgendaItems, meetingDocuments, meetings, meetingVotes } from './schema';
import { assertMeetingStatus, assertNotArchived, getMeetingRow, type MeetingRow } from './store';

type DocRow = typeof meetingDocuments.$inferSelect;

export const documentNotFound = (id: string) => notFound('văn bản', 'document', id);
export const conflict = (vi: string, en: string, params: Record<string, string> = {}) =>
  new AppError('conflict', text(vi, en, params));

export async function communeOfDocument(db: DbOrTx, id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ c: meetingDocuments.communeCode })
    .from(meetingDocuments)
    .where(eq(meetingDocuments.id, id));
  return row?.c ?? null;
}

export async function getDocumentRow(db: DbOrTx, id: string, options: { forUpdate?: boolean } = {}) {
  if (!isUuid(id)) throw documentNotFound(id);
  const q = db.select().from(meetingDocuments).where(eq(meetingDocuments.id, id));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  if (!row) throw documentNotFound(id);
  return row;
}

function present(row: DocRow, rehearsal: boolean): MeetingDocument {
  return {
    id: row.id,
    meetingId: row.meetingId,
    communeCode: row.communeCode,
    itemId: row.itemId,
    voteId: row.voteId,
    docType: row.docType as MeetingDocType,
    title: row.title,
    content: row.content,
    status: row.status as 'draft' | 'issued',
    number: row.number,
    rehearsal,
    issuedOn: row.issuedOn,
    signer:
      row.signerId && row.signerName
        ? { id: row.signerId, fullName: row.signerName, title: row.signerTitle ?? '' }
        : null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function getDocument(db: DbOrTx, id: string): Promise<MeetingDocument> {
  const row = await getDocumentRow(db, id);
  const meeting = await getMeetingRow(db, row.meetingId);
  return present(row, meeting.rehearsal);
}

export async function listDocuments(db: DbOrTx, meetingId: string): Promise<{ items: MeetingDocument[] }> {
  const meeting = await getMeetingRow(db, meetingId);
  const rows = await db
    .select()
    .from(meetingDocuments)
    .where(eq(meetingDocuments.meetingId, meetingId))
    .orderBy(asc(meetingDocuments.createdAt), asc(meetingDocuments.id));
  return { items: rows.map((r) => present(r, meeting.rehearsal)) };
}

interface Links {
  itemId?: string | null;
  voteId?: string | null;
}

/**
 * The item and vote a document refers to, checked against its meeting (400 naming the field); a resolution from
 * a failed vote is a conflict (409).
 */
async function checkLinks(db: DbOrTx, meeting: MeetingRow, docType: string, links: Links) {
  let itemId = links.itemId ?? null;
  const voteId = links.voteId ?? null;
  if (itemId) {
    const [item] = await db
      .select({ id: meetingAgendaItems.id })
      .from(meetingAgendaItems)
      .where(and(eq(meetingAgendaItems.id, itemId), eq(meetingAgendaItems.meetingId, meeting.id)));
    if (!item)
      throw fieldError(
        'body.itemId',
        'Kỳ họp không có nội dung này.',
        'This meeting has no such agenda item.',
      );
  }
  if (voteId) {
    const [vote] = await db
      .select()
      .from(meetingVotes)
      .where(and(eq(meetingVotes.id, voteId), eq(meetingVotes.meetingId, meeting.id)));
    if (!vote)
      throw fieldError(
        'body.voteId',
        'Kỳ họp không có cuộc biểu quyết này.',
        'This meeting has no such vote.',
      );
    if (itemId && vote.itemId !== itemId)
      throw fieldError(
        'body.voteId',
        'Cuộc biểu quyết này thuộc nội dung khác.',
        'This vote belongs to another agenda item.',
      );
    itemId = vote.itemId;
    assertResolutionVote(docType, vote);
  }
  return { itemId, voteId };
}

/** 409 when a resolution would come from a failed vote (or a vote not closed yet). */
export function assertResolutionVote(docType: string, vote: { status: string; outcome: string | null }) {
  if (docType !== 'NQ') return;
  if (vote.status !== 'closed')
    throw conflict(
      'Cuộc biểu quyết chưa kết thúc: chưa thể ban hành nghị quyết.',
      'The vote is still open: no resolution can be issued yet.',
    );
  if (vote.outcome === 'failed')
    throw conflict(
      'Nội dung không được thông qua: không thể ban hành nghị quyết từ cuộc biểu quyết này.',
      'The vote failed: no resolution can be issued from it.',
    );
}

export type NewDocument = { docType: MeetingDocType; title: string; content?: string } & Links;

/** A new document's row (draft) and its audit entry (createDocument's; the demo seed's in bulk). */
export async function newDocument(tx: DbOrTx, meeting: MeetingRow, id: string, input: NewDocument) {
  assertNotArchived(meeting);
  assertMeetingStatus(meeting, ['draft', 'invited', 'in_progress', 'closed']);
  const links = await checkLinks(tx, meeting, input.docType, input);
  const row = {
    id,
    meetingId: meeting.id,
    communeCode: meeting.communeCode,
    docType: input.docType,
    title: input.title,
    content: input.content ?? '',
    ...links,
  };
  return {
    row,
    record: {
      action: 'meeting.document.create',
      entityType: 'meeting_document',
      entityId: id,
      communeCode: meeting.communeCode,
      after: { meetingId: meeting.id, docType: row.docType, title: row.title, ...links },
    },
  };
}

export async function createDocument(ctx: WriteContext, meetingId: string, input: NewDocument) {
  const id = uuidv7();
  await inTransaction(ctx, async (tx, audit) => {
    const meeting = await getMeetingRow(tx, meetingId, { forUpdate: true });
    const { row, record } = await newDocument(tx, meeting, id, input);
    await tx.insert(meetingDocuments).values(row);
    await audit(record);
  });
  return getDocument(ctx.db, id);
}

export async function updateDocument(
  ctx: WriteContext,
  id: string,
  change: { title?: string; content?: string } & Links,
) {
  await inTransaction(ctx, async (tx, audit) => {
    const row = await getDocumentRow(tx, id, { forUpdate: true });
    if (row.status !== 'draft')
      throw conflict(
        'Văn bản đã ban hành, không sửa được.',
        'The document is issued and can no longer change.',
      );
    const meeting = await getMeetingRow(tx, row.meetingId);
    assertNotArchived(meeting);
    const links =
      'itemId' in change || 'voteId' in change
        ? await checkLinks(tx, meeting, row.docType, {
            itemId: 'itemId' in change ? change.itemId : row.itemId,
            voteId: 'voteId' in change ? change.voteId : row.voteId,
          })
        : {};
    const set = {
      ...(change.title !== undefined ? { title: change.title } : {}),
      ...(change.content !== undefined ? { content: change.content } : {}),
      ...links,
    };
    if (!Object.keys(set).length) throw fieldError('body', 'Không có gì để sửa.', 'Nothing to change.');
    await tx.update(meetingDocuments).set(set).where(eq(meetingDocuments.id, id));
    await audit({
      action: 'meeting.document.update',
      entityType: 'meeting_document',
      entityId: id,
      communeCode: row.communeCode,
      before: Object.fromEntries(Object.keys(set).map((k) => [k, row[k as keyof DocRow]])),
      after: set,
    });
  });
  return getDocument(ctx.db, id);
}

/**
 * Ban hành: date, signer (an active official of the commune holding a position that day; the signature heading
 * from their titles) and, for a real meeting, the next number of the series — in one transaction.
 */
export interface IssueInput {
  issuedOn: string;
  signerId: string;
  signerTitle?: string;
}

/**
 * The change that issues a draft document (number, date, signer) and its audit entry, after the checks
 * (issueDocument's; the demo seed's in bulk).
 */
export async function issuing(
  tx: DbOrTx,
  row: Pick<DocRow, 'id' | 'status' | 'communeCode' | 'docType' | 'voteId'>,
  meeting: MeetingRow,
  input: IssueInput,
  today: string,
) {
  if (row.status !== 'draft') throw conflict('Văn bản đã được ban hành.', 'The document is already issued.');
  assertNotArchived(meeting);
  assertMeetingStatus(meeting, ['in_progress', 'closed']);
  if (input.issuedOn < meeting.meetingDate)
    throw fieldError(
      'body.issuedOn',
      'Ngày ban hành không được trước ngày họp ({d}).',
      'The issue date cannot be before the meeting ({d}).',
      { d: meeting.meetingDate },
    );
  if (input.issuedOn > today)
    throw fieldError(
      'body.issuedOn',
      'Ngày ban hành không được sau hôm nay.',
      'The issue date cannot be in the future.',
    );
  if (row.voteId) {
    const [vote] = await tx.select().from(meetingVotes).where(eq(meetingVotes.id, row.voteId));
    if (vote) assertResolutionVote(row.docType, vote);
  }
  const signer = (await officialFacts(tx, [input.signerId])).get(input.signerId);
  if (!signer || signer.communeCode !== row.communeCode || signer.status !== 'active')
    throw fieldError(
      'body.signerId',
      'Người ký phải là cán bộ đang công tác của xã.',
      'The signer must be an active official of the commune.',
    );
  const titles = (await currentTitles(tx, [input.signerId], input.issuedOn)).get(input.signerId) ?? [];
  if (!titles.length)
    throw fieldError(
      'body.signerId',
      'Người ký không giữ chức vụ nào vào ngày ban hành.',
      'The signer holds no position on the issue date.',
    );
  const settings = await bodySettings(tx, row.communeCode, meeting.bodyId);
  const signerTitle = input.signerTitle ?? meetingSignerTitle(settings.issuer, titles);
  // A rehearsal never takes an official number (its series stays untouched).
  const number = meeting.rehearsal
    ? null
    : (
        await takeNumber(tx, {
          communeCode: row.communeCode,
          issuer: settings.issuer,
          docType: row.docType,
          year: Number(input.issuedOn.slice(0, 4)),
        })
      ).number;
  return {
    set: {
      status: 'issued',
      number,
      issuedOn: input.issuedOn,
      signerId: input.signerId,
      signerName: signer.fullName,
      signerTitle,
    },
    record: {
      action: 'meeting.document.issue',
      entityType: 'meeting_document',
      entityId: row.id,
      communeCode: row.communeCode,
      before: { status: 'draft' },
      after: {
        status: 'issued',
        number,
        rehearsal: meeting.rehearsal,
        issuedOn: input.issuedOn,
        signerId: input.signerId,
        signerTitle,
      },
    },
  };
}

export async function issueDocument(
  ctx: WriteContext,
  id: string,
  input: IssueInput,
  today = todayInVietnam(),
) {
  await inTransaction(ctx, async (tx, audit) => {
    const row = await getDocumentRow(tx, id, { forUpdate: true });
    const meeting = await getMeetingRow(tx, row.meetingId);
    const { set, record } = await issuing(tx, row, meeting, input, today);
    await tx.update(meetingDocuments).set(set).where(eq(meetingDocuments.id, id));
    await audit(record);
  });
  return getDocument(ctx.db, id);
}

/** The document as printed (PDF / DOCX renderers). */
export async function printedDocument(db: DbOrTx, id: string): Promise<PrintedDoc & { fileName: string }> {
  const row = await getDocumentRow(db, id);
  const [meeting] = await db.select().from(meetings).where(eq(meetings.id, row.meetingId));
  if (!meeting) throw documentNotFound(id);
  const [settings, commune] = await Promise.all([
    bodySettings(db, row.communeCode, meeting.bodyId),
    getCommune(db, row.communeCode),
  ]);
  const printed = documentDoc(row as DocRow & { docType: MeetingDocType }, {
    communeName: commune.name,
    bodyName: settings.name,
    issuer: settings.issuer,
    rehearsal: meeting.rehearsal,
    meetingTitle: meeting.title,
  });
  const slug = (row.number ?? (meeting.rehearsal ? 'dien-tap' : 'du-thao')).replace(/[^\w-]+/g, '-');
  return { ...printed, fileName: `van-ban-${slug}-${row.id.slice(0, 8)}` };
}
