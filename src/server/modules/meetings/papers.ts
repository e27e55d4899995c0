/**
 * Tài liệu kỳ họp: a meeting's papers (draft regulations, draft resolutions, reports, proposals), versioned; each
 * version has a text read by article (papers-text.ts) and/or a file kept in the dossiers' storage with the same
 * checks as a dossier's scans (type by content, size, active PDF content, SHA-256 verified on every read).
 * Members comment on an article, clause or point of the current version (or the whole paper); the drafter or the
 * secretary answers; a new version keeps the old comments on the old version and lists them as "comments on
 * earlier versions". A version is adopted (by the meeting's vote or by the secretary), then published: only then
 * can anyone read it at /api/v1/public/meeting-papers/:id.
 */
import { and, asc, count, eq, inArray, lte } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import {
  type MeetingPaper,
  type NewPaper,
  PAPER_FILE_TYPES,
  type PaperComment,
  type PaperFileType,
  type PaperType,
  type PaperVersion,
  type PublicMeetingPaper,
} from '../../../common/api/meeting-papers';
import type { DbOrTx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { isUuid } from '../../http/auth';
import { AppError, fieldError, notFound, text } from '../../http/errors';
import { inspectContent } from '../dossiers/attachment-content';
import { type AttachmentType, sanitizeFileName } from '../dossiers/attachment-names';
import {
  DEFAULT_ATTACHMENT_LIMITS,
  detectAttachmentType,
  fileTooLarge,
  refusedContent,
  verifiedBytes,
} from '../dossiers/attachments';
import { type FileStorage, keyOfDigest, sha256Hex } from '../dossiers/storage';
import { orgOfficials } from '../org/schema';
import { assertActsFor, type MeetingActor } from './actor';
import { officeCodeEntry } from './papers-file';
import { anchorsOf, articlesOf, canonicalAnchor } from './papers-text';
import {
  meetingAgendaItems,
  meetingPaperComments,
  meetingPapers,
  meetingPaperVersions,
  meetings,
  meetingVotes,
} from './schema';
import { assertMeetingStatus, assertNotArchived, getMeetingRow, type MeetingRow } from './store';

type PaperRow = typeof meetingPapers.$inferSelect;
type VersionRow = typeof meetingPaperVersions.$inferSelect;
type CommentRow = typeof meetingPaperComments.$inferSelect;

export interface PaperLimits {
  /** Largest file of a version, in bytes (the dossiers' per-file limit by default). */
  maxBytes: number;
}
export const DEFAULT_PAPER_LIMITS: PaperLimits = { maxBytes: DEFAULT_ATTACHMENT_LIMITS.maxBytes };

export interface PaperUpload {
  fileName: string;
  bytes: Buffer;
}

export const paperNotFound = (id: string) => notFound('tài liệu kỳ họp', 'meeting paper', id);
const commentNotFound = (id: string) => notFound('góp ý', 'comment', id);
const versionNotFound = (paperId: string, version: number) =>
  notFound('phiên bản tài liệu', 'paper version', `${paperId} v${version}`);

/** The commune a paper belongs to, or null (access by record id: another commune's paper → 404). */
export async function communeOfPaper(db: DbOrTx, id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ c: meetingPapers.communeCode })
    .from(meetingPapers)
    .where(eq(meetingPapers.id, id));
  return row?.c ?? null;
}

async function getPaperRow(db: DbOrTx, id: string, options: { forUpdate?: boolean } = {}) {
  if (!isUuid(id)) throw paperNotFound(id);
  const q = db.select().from(meetingPapers).where(eq(meetingPapers.id, id));
  const [row] = options.forUpdate ? await q.for('update') : await q;
  if (!row) throw paperNotFound(id);
  return row;
}

async function getVersionRow(db: DbOrTx, paperId: string, version: number): Promise<VersionRow> {
  const [row] = await db
    .select()
    .from(meetingPaperVersions)
    .where(and(eq(meetingPaperVersions.paperId, paperId), eq(meetingPaperVersions.version, version)));
  if (!row) throw versionNotFound(paperId, version);
  return row;
}

const fileOf = (v: VersionRow) =>
  v.storageKey && v.fileName && v.contentType && v.sizeBytes !== null && v.sha256
    ? {
        fileName: v.fileName,
        contentType: v.contentType as PaperFileType,
        sizeBytes: v.sizeBytes,
        sha256: v.sha256,
      }
    : null;

async function officialNames(db: DbOrTx, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map<string, string>();
  const rows = await db
    .select({ id: orgOfficials.id, fullName: orgOfficials.fullName })
    .from(orgOfficials)
    .where(inArray(orgOfficials.id, wanted));
  return new Map(rows.map((r) => [r.id, r.fullName]));
}

async function presentPapers(db: DbOrTx, rows: PaperRow[]): Promise<MeetingPaper[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const rehearsals = new Map(
    (
      await db
        .select({ id: meetings.id, rehearsal: meetings.rehearsal })
        .from(meetings)
        .where(inArray(meetings.id, [...new Set(rows.map((r) => r.meetingId))]))
    ).map((m) => [m.id, m.rehearsal]),
  );
  const versions = await db
    .select()
    .from(meetingPaperVersions)
    .where(inArray(meetingPaperVersions.paperId, ids))
    .orderBy(asc(meetingPaperVersions.version));
  const counts = new Map(
    (versions.length
      ? await db
          .select({ versionId: meetingPaperComments.versionId, n: count() })
          .from(meetingPaperComments)
          .where(
            inArray(
              meetingPaperComments.versionId,
              versions.map((v) => v.id),
            ),
          )
          .groupBy(meetingPaperComments.versionId)
      : []
    ).map((c) => [c.versionId, c.n]),
  );
  const names = await officialNames(
    db,
    rows.map((r) => r.drafterId),
  );
  return rows.map((r) => ({
    id: r.id,
    meetingId: r.meetingId,
    communeCode: r.communeCode,
    itemId: r.itemId,
    paperType: r.paperType as PaperType,
    title: r.title,
    status: r.status as MeetingPaper['status'],
    drafter: r.drafterId ? { id: r.drafterId, fullName: names.get(r.drafterId) ?? '' } : null,
    currentVersion: r.currentVersion,
    adoptedVersion: r.adoptedVersion,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    rehearsal: rehearsals.get(r.meetingId) ?? false,
    versions: versions
      .filter((v) => v.paperId === r.id)
      .map((v) => ({
        id: v.id,
        version: v.version,
        changeNote: v.changeNote,
        hasText: !!v.body,
        file: fileOf(v),
        comments: counts.get(v.id) ?? 0,
        createdAt: v.createdAt.toISOString(),
      })),
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function getPaper(db: DbOrTx, id: string): Promise<MeetingPaper> {
  const [paper] = await presentPapers(db, [await getPaperRow(db, id)]);
  return paper!;
}

/** The papers of a meeting, in the order they were added. */
export async function listPapers(db: DbOrTx, meetingId: string): Promise<MeetingPaper[]> {
  const meeting = await getMeetingRow(db, meetingId);
  const rows = await db
    .select()
    .from(meetingPapers)
    .where(eq(meetingPapers.meetingId, meeting.id))
    .orderBy(asc(meetingPapers.createdAt), asc(meetingPapers.id));
  return presentPapers(db, rows);
}

/** 400 unless the official belongs to the commune and is in office. */
export async function checkOfficial(db: DbOrTx, communeCode: string, officialId: string, field: string) {
  const [row] = await db
    .select({
      communeCode: orgOfficials.communeCode,
      status: orgOfficials.status,
      fullName: orgOfficials.fullName,
    })
    .from(orgOfficials)
    .where(eq(orgOfficials.id, officialId));
  if (!row || row.communeCode !== communeCode)
    throw fieldError(field, 'Không có cán bộ "{id}" trong xã này.', 'No official "{id}" in this commune.', {
      id: officialId,
    });
  if (row.status !== 'active')
    throw fieldError(field, '{name} không còn công tác tại xã.', '{name} no longer works for the commune.', {
      name: row.fullName,
    });
  return row;
}

/** The secretary adds a paper to a meeting (not to a cancelled, closed or archived one). */
/** A new paper's row and audit entry, after the checks (createPaper's; the demo seed's in bulk). */
export async function newPaper(db: DbOrTx, meeting: MeetingRow, input: NewPaper) {
  assertNotArchived(meeting);
  assertMeetingStatus(meeting, ['draft', 'invited', 'in_progress']);
  if (input.itemId) {
    const [item] = await db
      .select({ meetingId: meetingAgendaItems.meetingId })
      .from(meetingAgendaItems)
      .where(eq(meetingAgendaItems.id, input.itemId));
    if (item?.meetingId !== meeting.id)
      throw fieldError(
        'body.itemId',
        'Nội dung "{id}" không thuộc chương trình của kỳ họp này.',
        'Item "{id}" is not on the agenda of this meeting.',
        { id: input.itemId },
      );
  }
  const drafter = input.drafterId
    ? await checkOfficial(db, meeting.communeCode, input.drafterId, 'body.drafterId')
    : null;
  const row = {
    id: uuidv7(),
    meetingId: meeting.id,
    communeCode: meeting.communeCode,
    itemId: input.itemId ?? null,
    paperType: input.paperType,
    title: input.title,
    drafterId: input.drafterId ?? null,
  };
  return {
    row,
    drafter,
    record: {
      action: 'meeting.paper.create',
      entityType: 'meeting_paper',
      entityId: row.id,
      communeCode: meeting.communeCode,
      after: { ...row, rehearsal: meeting.rehearsal },
    },
  };
}

export async function createPaper(
  ctx: WriteContext,
  meetingId: string,
  input: NewPaper,
): Promise<MeetingPaper> {
  const meeting = await getMeetingRow(ctx.db, meetingId);
  const { row, record } = await newPaper(ctx.db, meeting, input);
  await inTransaction(ctx, async (tx, audit) => {
    await tx.insert(meetingPapers).values(row);
    await audit(record);
  });
  return getPaper(ctx.db, row.id);
}

const onlyDrafter = () =>
  new AppError(
    'forbidden',
    text(
      'Chỉ người soạn thảo hoặc thư ký kỳ họp mới làm được việc này.',
      'Only the drafter or the meeting secretary can do this.',
    ),
  );

/** The drafter of the paper or the secretary; 403 for anyone else. */
export function assertDrafterOrSecretary(
  actor: MeetingActor,
  paper: Pick<PaperRow, 'drafterId'>,
): 'drafter' | 'secretary' {
  if (paper.drafterId && actor.officialId === paper.drafterId) return 'drafter';
  if (actor.manages) return 'secretary';
  throw onlyDrafter();
}

const notDrafting = (title: string) =>
  new AppError(
    'conflict',
    text(
      'Tài liệu "{t}" đã được thông qua; không thể thêm phiên bản hay góp ý.',
      'The paper "{t}" has been adopted; no version or comment can be added.',
      { t: title },
    ),
  );

/** Checks the file like a dossier's scan (before anything is stored); returns its detected type. */
async function checkFile(upload: PaperUpload, limits: PaperLimits): Promise<PaperFileType> {
  const { bytes } = upload;
  const name = upload.fileName.slice(0, 120);
  if (bytes.length === 0) throw fieldError('body.file', 'Tệp rỗng, không có nội dung.', 'The file is empty.');
  if (bytes.length > limits.maxBytes) throw fileTooLarge(limits.maxBytes);
  const type = await detectAttachmentType(bytes, PAPER_FILE_TYPES);
  if (!type)
    throw fieldError(
      'body.file',
      'Nội dung tệp "{name}" không phải PDF, DOCX, ODT, JPEG hay PNG; tài liệu chỉ nhận các định dạng này.',
      'The content of "{name}" is not PDF, DOCX, ODT, JPEG or PNG; papers are accepted only in these formats.',
      { name },
    );
  if (type === 'application/pdf' || type === 'image/jpeg' || type === 'image/png') {
    const refusal = inspectContent(bytes, type satisfies AttachmentType);
    if (refusal) throw refusedContent(refusal, upload.fileName);
  } else {
    const entry = officeCodeEntry(bytes);
    if (entry)
      throw fieldError(
        'body.file',
        'Tệp "{name}" chứa macro hoặc mã lệnh ({what}); không nhận. Hãy lưu lại thành tệp không có macro hoặc in ra PDF.',
        'The file "{name}" contains macros or code ({what}); it is refused. Save it without macros or print it to PDF.',
        { name, what: entry.slice(0, 80) },
      );
  }
  return type;
}

/** A new version's text (NFC, line ends as \n; none when blank) and change note; 400 with neither text nor file. */
export function versionText(
  input: { body?: string | undefined; changeNote?: string | undefined },
  file: boolean,
) {
  // Line ends as typed on any system, or as a form sends them (CRLF), are kept as \n.
  const typed = input.body?.normalize('NFC').replace(/\r\n?/g, '\n').trimEnd() ?? '';
  const body = typed.trim() ? typed : null;
  if (!body && !file)
    throw fieldError(
      'body.body',
      'Phiên bản mới cần có nội dung văn bản hoặc tệp đính kèm.',
      'A new version needs a text or a file.',
    );
  return { body, changeNote: input.changeNote?.trim() || null };
}

type StoredFile = Pick<VersionRow, 'storageKey' | 'fileName' | 'contentType' | 'sizeBytes' | 'sha256'>;

/** A new version's row (addVersion's; the demo seed's in bulk). */
export function newVersionRow(
  paper: Pick<PaperRow, 'id' | 'communeCode'>,
  version: number,
  text: { body: string | null; changeNote: string | null },
  stored: StoredFile,
  actor: MeetingActor,
) {
  return {
    id: uuidv7(),
    paperId: paper.id,
    communeCode: paper.communeCode,
    version,
    body: text.body,
    ...stored,
    changeNote: text.changeNote,
    createdBy: isUuid(actor.accountId) ? actor.accountId : null,
  };
}

/** The audit entry of a new version (addVersion's; the demo seed's in bulk). */
export function versionAdded(
  paper: Pick<PaperRow, 'id' | 'communeCode'>,
  row: { id: string; version: number; body: string | null; changeNote: string | null },
  by: 'drafter' | 'secretary',
  stored: StoredFile,
) {
  return {
    action: 'meeting.paper.version_add',
    entityType: 'meeting_paper',
    entityId: paper.id,
    communeCode: paper.communeCode,
    after: {
      versionId: row.id,
      version: row.version,
      by,
      articles: row.body ? articlesOf(row.body).length : 0,
      textSha256: row.body ? sha256Hex(Buffer.from(row.body, 'utf8')) : null,
      file: stored.storageKey
        ? {
            fileName: stored.fileName,
            contentType: stored.contentType,
            sizeBytes: stored.sizeBytes,
            sha256: stored.sha256,
          }
        : null,
      changeNote: row.changeNote,
    },
  };
}

/**
 * A new version of the paper, by its drafter or the secretary, while it is being drafted: a text (by article)
 * and/or a file. Everything is checked before a byte is stored; with the PostgreSQL storage the bytes are written
 * in the transaction of the row (as dossier attachments are).
 */
export async function addVersion(
  ctx: WriteContext,
  storage: FileStorage | null,
  actor: MeetingActor,
  paperId: string,
  input: { body?: string | undefined; changeNote?: string | undefined; file?: PaperUpload | null },
  limits: PaperLimits = DEFAULT_PAPER_LIMITS,
): Promise<PaperVersion> {
  const paper = await getPaperRow(ctx.db, paperId);
  const meeting = await getMeetingRow(ctx.db, paper.meetingId);
  assertNotArchived(meeting);
  const by = assertDrafterOrSecretary(actor, paper);
  if (paper.status !== 'drafting') throw notDrafting(paper.title);
  const file = input.file ?? null;
  const { body, changeNote } = versionText(input, !!file);
  let stored: StoredFile = {
    storageKey: null,
    fileName: null,
    contentType: null,
    sizeBytes: null,
    sha256: null,
  };
  if (file) {
    if (!storage) throw new Error('addVersion: a file needs a storage');
    const type = await checkFile(file, limits);
    const sha256 = sha256Hex(file.bytes);
    stored = {
      storageKey: storage.transactional ? keyOfDigest(sha256) : await storage.put(file.bytes),
      fileName: sanitizeFileName(file.fileName, type),
      contentType: type,
      sizeBytes: file.bytes.length,
      sha256,
    };
  }
  const version = await inTransaction(ctx, async (tx, audit) => {
    const locked = await getPaperRow(tx, paperId, { forUpdate: true });
    if (locked.status !== 'drafting') throw notDrafting(locked.title);
    if (file && storage?.transactional) await storage.put(file.bytes, tx);
    const row = newVersionRow(paper, locked.currentVersion + 1, { body, changeNote }, stored, actor);
    await tx.insert(meetingPaperVersions).values(row);
    await tx.update(meetingPapers).set({ currentVersion: row.version }).where(eq(meetingPapers.id, paperId));
    await audit(versionAdded(paper, row, by, stored));
    return row.version;
  });
  return getVersion(ctx.db, paperId, version);
}

function presentComment(c: CommentRow, version: number, rehearsal: boolean): PaperComment {
  return {
    id: c.id,
    versionId: c.versionId,
    version,
    anchor: c.anchor,
    body: c.body,
    author: { officialId: c.authorOfficialId, name: c.authorName },
    answer: c.answer,
    answeredBy: c.answeredBy,
    answeredAt: c.answeredAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    rehearsal,
  };
}

/** A version with its articles, its own comments and those made on earlier versions (with their answers). */
export async function getVersion(db: DbOrTx, paperId: string, version: number): Promise<PaperVersion> {
  const paper = await getPaperRow(db, paperId);
  const v = await getVersionRow(db, paperId, version);
  const meeting = await getMeetingRow(db, paper.meetingId);
  const rows = await db
    .select({ comment: meetingPaperComments, version: meetingPaperVersions.version })
    .from(meetingPaperComments)
    .innerJoin(meetingPaperVersions, eq(meetingPaperVersions.id, meetingPaperComments.versionId))
    .where(and(eq(meetingPaperVersions.paperId, paperId), lte(meetingPaperVersions.version, version)))
    .orderBy(
      asc(meetingPaperVersions.version),
      asc(meetingPaperComments.createdAt),
      asc(meetingPaperComments.id),
    );
  const comments = rows.map((r) => presentComment(r.comment, r.version, meeting.rehearsal));
  return {
    id: v.id,
    paperId,
    version: v.version,
    body: v.body,
    articles: v.body ? articlesOf(v.body) : [],
    file: fileOf(v),
    changeNote: v.changeNote,
    createdAt: v.createdAt.toISOString(),
    comments: comments.filter((c) => c.version === v.version),
    earlierComments: comments.filter((c) => c.version < v.version),
    open: paper.status === 'drafting' && paper.currentVersion === v.version && !meeting.archivedAt,
    rehearsal: meeting.rehearsal,
  };
}

/** The file of a version with its bytes, verified against the SHA-256 kept at upload. */
export async function getVersionFile(db: DbOrTx, storage: FileStorage, paperId: string, version: number) {
  await getPaperRow(db, paperId);
  const v = await getVersionRow(db, paperId, version);
  const file = fileOf(v);
  if (!file)
    throw new AppError(
      'not_found',
      text('Phiên bản {v} không có tệp đính kèm.', 'Version {v} has no file.', { v: version }),
    );
  const bytes = await verifiedBytes(storage, { ...file, storageKey: v.storageKey! });
  return { file, bytes };
}

/** Who signs a comment or an answer: the official's name, or the secretary's account when not linked to one. */
export async function nameOf(db: DbOrTx, officialId: string | null, fallback: string) {
  if (!officialId) return fallback;
  return (await officialNames(db, [officialId])).get(officialId) ?? fallback;
}

/**
 * A member's comment on the current version (for themselves; the secretary may enter it for a member, or comment
 * in their own name), on an anchor that exists in that version's text, or on the whole paper.
 */
export async function addComment(
  ctx: WriteContext,
  actor: MeetingActor,
  actorName: string,
  paperId: string,
  version: number,
  input: { anchor?: string | null | undefined; body: string; officialId?: string | undefined },
): Promise<PaperComment> {
  const paper = await getPaperRow(ctx.db, paperId);
  const v = await getVersionRow(ctx.db, paperId, version);
  const meeting = await getMeetingRow(ctx.db, paper.meetingId);
  assertNotArchived(meeting);
  let authorOfficialId: string | null;
  if (input.officialId) {
    assertActsFor(actor, input.officialId);
    await checkOfficial(ctx.db, paper.communeCode, input.officialId, 'body.officialId');
    authorOfficialId = input.officialId;
  } else if (actor.officialId) {
    authorOfficialId = actor.officialId;
  } else if (actor.manages) {
    authorOfficialId = null;
  } else {
    throw new AppError(
      'forbidden',
      text(
        'Chỉ thành viên dự họp (tài khoản gắn với cán bộ, đại biểu) hoặc thư ký mới góp ý được.',
        'Only members (an account linked to an official or delegate) or the secretary can comment.',
      ),
    );
  }
  if (paper.status !== 'drafting') throw notDrafting(paper.title);
  if (v.version !== paper.currentVersion)
    throw new AppError(
      'conflict',
      text(
        'Đã có phiên bản {c} của tài liệu; hãy góp ý trên phiên bản mới nhất.',
        'Version {c} of the paper has been issued; comment on the latest version.',
        { c: paper.currentVersion },
      ),
    );
  const { row, record } = newComment(paper, v, input, actor, {
    authorOfficialId,
    authorName: await nameOf(ctx.db, authorOfficialId, actorName),
  });
  await inTransaction(ctx, async (tx, audit) => {
    await tx.insert(meetingPaperComments).values(row);
    await audit(record);
  });
  return presentComment(row, v.version, meeting.rehearsal);
}

/**
 * A comment's row on version `v` and its audit entry, its anchor made canonical and checked against the version's
 * text (addComment's; the demo seed's in bulk).
 */
export function newComment(
  paper: Pick<PaperRow, 'id' | 'communeCode'>,
  v: Pick<VersionRow, 'id' | 'version' | 'body'>,
  input: { anchor?: string | null | undefined; body: string; officialId?: string | undefined },
  actor: MeetingActor,
  author: { authorOfficialId: string | null; authorName: string },
) {
  let anchor: string | null = null;
  if (input.anchor?.trim()) {
    anchor = canonicalAnchor(input.anchor);
    if (!anchor)
      throw fieldError(
        'body.anchor',
        'Vị trí góp ý "{a}" không đúng dạng "Điều 3", "Điều 3, khoản 2" hoặc "Điều 3, khoản 2, điểm a".',
        'The anchor "{a}" is not of the form "Điều 3", "Điều 3, khoản 2" or "Điều 3, khoản 2, điểm a".',
        { a: input.anchor.slice(0, 60) },
      );
    if (!anchorsOf(v.body ? articlesOf(v.body) : []).includes(anchor))
      throw fieldError(
        'body.anchor',
        'Phiên bản {v} của tài liệu không có {a}.',
        'Version {v} of the paper has no {a}.',
        { v: v.version, a: anchor },
      );
  }
  const row: CommentRow = {
    id: uuidv7(),
    versionId: v.id,
    communeCode: paper.communeCode,
    anchor,
    body: input.body.normalize('NFC').trim(),
    ...author,
    authorAccountId: isUuid(actor.accountId) ? actor.accountId : null,
    answer: null,
    answeredBy: null,
    answeredAt: null,
    createdAt: new Date(),
  };
  return {
    row,
    record: {
      action: 'meeting.paper.comment',
      entityType: 'meeting_paper',
      entityId: paper.id,
      communeCode: paper.communeCode,
      after: {
        commentId: row.id,
        version: v.version,
        anchor,
        body: row.body,
        authorOfficialId: author.authorOfficialId,
        authorName: row.authorName,
        by: input.officialId && input.officialId !== actor.officialId ? 'secretary' : 'member',
      },
    },
  };
}

/** An answer to a comment (the change of its row) and its audit entry (answerComment's; the demo seed's in bulk). */
export function commentAnswer(
  paper: Pick<PaperRow, 'id' | 'communeCode'>,
  found: { comment: Pick<CommentRow, 'id' | 'answer' | 'answeredBy'>; version: number },
  answer: string,
  answeredBy: string,
  by: 'drafter' | 'secretary',
) {
  const change = { answer: answer.normalize('NFC').trim(), answeredBy, answeredAt: new Date() };
  const commentId = found.comment.id;
  return {
    change,
    record: {
      action: 'meeting.paper.comment_answer',
      entityType: 'meeting_paper',
      entityId: paper.id,
      communeCode: paper.communeCode,
      before: { commentId, answer: found.comment.answer, answeredBy: found.comment.answeredBy },
      after: { commentId, version: found.version, answer: change.answer, answeredBy, by },
    },
  };
}

/** The drafter's (or the secretary's) answer to a comment on any version of the paper; answering again replaces it. */
export async function answerComment(
  ctx: WriteContext,
  actor: MeetingActor,
  actorName: string,
  paperId: string,
  commentId: string,
  answer: string,
): Promise<PaperComment> {
  const paper = await getPaperRow(ctx.db, paperId);
  if (!isUuid(commentId)) throw commentNotFound(commentId);
  const [found] = await ctx.db
    .select({ comment: meetingPaperComments, version: meetingPaperVersions.version })
    .from(meetingPaperComments)
    .innerJoin(meetingPaperVersions, eq(meetingPaperVersions.id, meetingPaperComments.versionId))
    .where(and(eq(meetingPaperComments.id, commentId), eq(meetingPaperVersions.paperId, paperId)));
  if (!found) throw commentNotFound(commentId);
  const meeting = await getMeetingRow(ctx.db, paper.meetingId);
  assertNotArchived(meeting);
  const by = assertDrafterOrSecretary(actor, paper);
  const answeredBy = await nameOf(ctx.db, by === 'drafter' ? paper.drafterId : actor.officialId, actorName);
  const { change, record } = commentAnswer(paper, found, answer, answeredBy, by);
  await inTransaction(ctx, async (tx, audit) => {
    await tx.update(meetingPaperComments).set(change).where(eq(meetingPaperComments.id, commentId));
    await audit(record);
  });
  return presentComment({ ...found.comment, ...change }, found.version, meeting.rehearsal);
}

/**
 * Marks a version adopted (thông qua): by the meeting's vote (closed and passed, of this meeting and, when the
 * paper belongs to an agenda item, of that item), or by the secretary's decision when no vote is named.
 */
export async function adoptPaper(
  ctx: WriteContext,
  paperId: string,
  input: { version: number; voteId?: string | undefined },
): Promise<MeetingPaper> {
  const paper = await getPaperRow(ctx.db, paperId);
  const meeting = await getMeetingRow(ctx.db, paper.meetingId);
  assertNotArchived(meeting);
  if (paper.status !== 'drafting')
    throw new AppError(
      'conflict',
      text('Tài liệu "{t}" đã được thông qua.', 'The paper "{t}" has already been adopted.', {
        t: paper.title,
      }),
    );
  if (input.version > paper.currentVersion)
    throw fieldError(
      'body.version',
      'Tài liệu chưa có phiên bản {v} (mới nhất: {c}).',
      'The paper has no version {v} (latest: {c}).',
      { v: input.version, c: paper.currentVersion },
    );
  if (input.voteId) {
    const [vote] = await ctx.db
      .select({
        meetingId: meetingVotes.meetingId,
        itemId: meetingVotes.itemId,
        status: meetingVotes.status,
        outcome: meetingVotes.outcome,
      })
      .from(meetingVotes)
      .where(eq(meetingVotes.id, input.voteId));
    if (!vote || vote.meetingId !== paper.meetingId || (paper.itemId && vote.itemId !== paper.itemId))
      throw fieldError(
        'body.voteId',
        'Không có biểu quyết "{id}" về tài liệu này trong kỳ họp.',
        'No vote "{id}" on this paper in the meeting.',
        { id: input.voteId },
      );
    if (vote.status !== 'closed' || vote.outcome !== 'passed')
      throw fieldError(
        'body.voteId',
        'Biểu quyết chưa kết thúc hoặc không được thông qua; tài liệu không thể được coi là đã thông qua.',
        'The vote is not closed or did not pass; the paper cannot be adopted by it.',
      );
  }
  await inTransaction(ctx, async (tx, audit) => {
    const locked = await getPaperRow(tx, paperId, { forUpdate: true });
    if (locked.status !== 'drafting' || locked.currentVersion < input.version)
      throw new AppError(
        'conflict',
        text('Tài liệu vừa thay đổi; hãy tải lại.', 'The paper just changed; reload.'),
      );
    await tx
      .update(meetingPapers)
      .set({ status: 'adopted', adoptedVersion: input.version })
      .where(eq(meetingPapers.id, paperId));
    await audit({
      action: 'meeting.paper.adopt',
      entityType: 'meeting_paper',
      entityId: paperId,
      communeCode: paper.communeCode,
      before: { status: locked.status },
      after: { status: 'adopted', version: input.version, voteId: input.voteId ?? null },
    });
  });
  return getPaper(ctx.db, paperId);
}

/** Publishes the adopted text: from now on anyone can read it (and download its file). */
export async function publishPaper(
  ctx: WriteContext,
  paperId: string,
  now = new Date(),
): Promise<MeetingPaper> {
  const paper = await getPaperRow(ctx.db, paperId);
  const meeting = await getMeetingRow(ctx.db, paper.meetingId);
  assertNotArchived(meeting);
  await inTransaction(ctx, async (tx, audit) => {
    const locked = await getPaperRow(tx, paperId, { forUpdate: true });
    if (locked.status !== 'adopted')
      throw new AppError(
        'conflict',
        locked.status === 'published'
          ? text('Tài liệu "{t}" đã được công bố.', 'The paper "{t}" is already published.', {
              t: locked.title,
            })
          : text(
              'Tài liệu "{t}" chưa được thông qua; chỉ công bố văn bản đã thông qua.',
              'The paper "{t}" has not been adopted; only an adopted text is published.',
              { t: locked.title },
            ),
      );
    await tx
      .update(meetingPapers)
      .set({ status: 'published', publishedAt: now })
      .where(eq(meetingPapers.id, paperId));
    await audit({
      action: 'meeting.paper.publish',
      entityType: 'meeting_paper',
      entityId: paperId,
      communeCode: paper.communeCode,
      before: { status: 'adopted' },
      after: { status: 'published', version: locked.adoptedVersion, publishedAt: now.toISOString() },
    });
  });
  return getPaper(ctx.db, paperId);
}

/** A published paper and its adopted version; anything else (unknown, unpublished) is the same 404. */
async function publishedPaper(db: DbOrTx, id: string) {
  if (!isUuid(id)) throw paperNotFound(id);
  const [row] = await db
    .select({ paper: meetingPapers, meeting: meetings })
    .from(meetingPapers)
    .innerJoin(meetings, eq(meetings.id, meetingPapers.meetingId))
    .where(and(eq(meetingPapers.id, id), eq(meetingPapers.status, 'published')));
  if (!row?.paper.adoptedVersion || !row.paper.publishedAt) throw paperNotFound(id);
  const version = await getVersionRow(db, id, row.paper.adoptedVersion);
  return { ...row, version };
}

export async function getPublicPaper(db: DbOrTx, id: string): Promise<PublicMeetingPaper> {
  const { paper, meeting, version } = await publishedPaper(db, id);
  const file = fileOf(version);
  return {
    id: paper.id,
    paperType: paper.paperType as PaperType,
    title: paper.title,
    communeCode: paper.communeCode,
    meeting: { title: meeting.title, date: meeting.meetingDate },
    version: version.version,
    body: version.body,
    articles: version.body ? articlesOf(version.body) : [],
    file: file ? { ...file, url: `/api/v1/public/meeting-papers/${paper.id}/file` } : null,
    publishedAt: paper.publishedAt!.toISOString(),
    rehearsal: meeting.rehearsal,
  };
}

export async function getPublicPaperFile(db: DbOrTx, storage: FileStorage, id: string) {
  const { paper, version } = await publishedPaper(db, id);
  return getVersionFile(db, storage, paper.id, version.version);
}

/** Who writes the demo's papers: the secretary, with no account (audit entries name the seeding context). */
export const SEED_ACTOR: MeetingActor = { accountId: '', manages: true, officialId: null };

export interface SeedPaper {
  paperType: PaperType;
  title: string;
  itemId?: string | null;
  drafterId?: string | null;
  /** Versions in order, each with the members' comments made on it (and the drafter's answers). */
  versions: {
    body: string;
    changeNote?: string;
    comments?: { officialId: string; anchor?: string | null; body: string; answer?: string }[];
  }[];
  /** Adopt the last version (by the vote when given), and publish it. */
  adopt?: { voteId?: string; publish?: boolean };
}

/**
 * For the demo seed (and tests): a paper with its versions, comments and answers, through the same checks as the
 * API, written by the secretary. The meeting must still be in preparation or in progress when it is called.
 */
export async function seedPaper(
  ctx: WriteContext,
  meetingId: string,
  input: SeedPaper,
): Promise<MeetingPaper> {
  const paper = await createPaper(ctx, meetingId, {
    paperType: input.paperType,
    title: input.title,
    itemId: input.itemId ?? null,
    drafterId: input.drafterId ?? null,
  });
  const answerer = paper.drafter?.fullName ?? ctx.actor.name;
  for (const v of input.versions) {
    const version = await addVersion(ctx, null, SEED_ACTOR, paper.id, {
      body: v.body,
      changeNote: v.changeNote,
    });
    for (const c of v.comments ?? []) {
      const comment = await addComment(ctx, SEED_ACTOR, ctx.actor.name, paper.id, version.version, c);
      if (c.answer) await answerComment(ctx, SEED_ACTOR, answerer, paper.id, comment.id, c.answer);
    }
  }
  if (input.adopt) {
    const last = input.versions.length;
    await adoptPaper(ctx, paper.id, { version: last, voteId: input.adopt.voteId });
    if (input.adopt.publish) await publishPaper(ctx, paper.id);
  }
  return getPaper(ctx.db, paper.id);
}
