/**
 * Scanned documents of a dossier (thành phần hồ sơ điện tử, số hóa hồ sơ): upload with the type checked by
 * content, size and count limits, SHA-256 checksum and an audit entry; list; download with the checksum verified.
 */
import { and, asc, count, desc, eq, isNull, sql } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import { v7 as uuidv7 } from 'uuid';
import {
  ATTACHMENT_CONTENT_TYPES,
  type AttachmentPurpose,
  type AttachmentView,
} from '../../../common/api/attachments';
import type { DbOrTx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { isUuid } from '../../http/auth';
import { AppError, fieldError, notFound, text } from '../../http/errors';
import { getProcedureVersion } from '../procedures/service';
import { type ContentRefusal, inspectContent } from './attachment-content';
import { type AttachmentType, sanitizeFileName } from './attachment-names';
import { dossierAttachments, dossiers } from './schema';
import { type DossierRow, dossierNotFound, findDossierRow } from './service';
import { type FileStorage, keyOfDigest, sha256Hex } from './storage';

export interface AttachmentLimits {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Most files one dossier may carry. */
  maxPerDossier: number;
  /** Total size of the scans the applicant may send to one dossier online (XASO_PUBLIC_UPLOAD_MAX_TOTAL_MB). */
  maxApplicantTotalBytes: number;
}
export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxPerDossier: 30,
  maxApplicantTotalBytes: 30 * 1024 * 1024,
};

/** Who uploads: an official (at the counter or while processing: a digitised paper) or the applicant online. */
export type Uploader = { kind: 'official'; accountId: string } | { kind: 'applicant' };

export interface AttachmentUpload {
  fileName: string;
  bytes: Buffer;
  documentIndex: number | null;
  /** 'document' (default): a scan of the file; 'result': the electronic result, by an official. */
  purpose?: AttachmentPurpose;
}

type AttachmentRow = typeof dossierAttachments.$inferSelect;

const present = (a: AttachmentRow): AttachmentView => ({
  id: a.id,
  dossierId: a.dossierId,
  fileName: a.fileName,
  contentType: a.contentType as AttachmentType,
  sizeBytes: a.sizeBytes,
  sha256: a.sha256,
  documentIndex: a.documentIndex,
  purpose: a.purpose,
  digitised: a.digitised,
  uploadedBy: a.uploadedBy,
  uploadedAt: a.uploadedAt.toISOString(),
});

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export const fileTooLarge = (maxBytes: number) =>
  new AppError(
    'payload_too_large',
    text(
      'Tệp lớn hơn {mb} MB; hãy quét lại với độ phân giải thấp hơn.',
      'The file exceeds {mb} MB; scan it at a lower resolution.',
      {
        mb: mb(maxBytes),
      },
    ),
    {
      errors: [
        { field: 'body.file', message: text('Tối đa {mb} MB', 'At most {mb} MB', { mb: mb(maxBytes) }) },
      ],
    },
  );

const closedDossier = (code: string) =>
  new AppError(
    'conflict',
    text(
      'Hồ sơ {code} đã kết thúc; không thể thêm tệp đính kèm.',
      'Dossier {code} is closed; no attachment can be added.',
      { code },
    ),
  );

/**
 * The applicant adds scans online while the centre has not received the dossier yet, and — for a fully online
 * procedure (toàn trình) — while a supplement is requested (otherwise the supplement is brought to the counter).
 */
export function applicantMayUpload(status: string, fullyOnline: boolean): boolean {
  return status === 'submitted_online' || (status === 'supplement_requested' && fullyOnline);
}

/** The states in which an official may attach the electronic result: decided, or the result ready at the counter. */
export const RESULT_UPLOAD_STATUSES: readonly string[] = ['approved', 'rejected', 'result_ready'];

const notAwaitingApplicant = (code: string) =>
  new AppError(
    'conflict',
    text(
      'Hồ sơ {code} đã được tiếp nhận hoặc không còn chờ giấy tờ của người nộp; không thể gửi thêm bản quét trực tuyến. Hãy liên hệ Trung tâm phục vụ hành chính công nơi giải quyết hồ sơ.',
      'Dossier {code} was received or is not awaiting documents from the applicant; no more scans can be sent online. Contact the public administrative service centre handling it.',
      { code },
    ),
  );

const resultNotDue = (code: string) =>
  new AppError(
    'conflict',
    text(
      'Chỉ đính kèm kết quả điện tử khi hồ sơ {code} đã được phê duyệt (hoặc từ chối) hoặc đã có kết quả.',
      'The electronic result of dossier {code} can be attached only once it is approved (or rejected) or its result is ready.',
      { code },
    ),
    { errors: [{ field: 'body.purpose', message: text('Chưa đến bước có kết quả', 'No result yet') }] },
  );

/** Refuses what this uploader may not add to a dossier in this state. */
function checkOpen(
  row: { code: string; closedAt: Date | null; status: string },
  uploader: Uploader,
  purpose: AttachmentPurpose,
  fullyOnline: boolean,
) {
  if (uploader.kind === 'applicant' && !applicantMayUpload(row.status, fullyOnline))
    throw notAwaitingApplicant(row.code);
  if (row.closedAt) throw closedDossier(row.code);
  if (purpose === 'result' && !RESULT_UPLOAD_STATUSES.includes(row.status)) throw resultNotDue(row.code);
}

const tooManyFiles = (n: number) =>
  new AppError(
    'conflict',
    text(
      'Hồ sơ đã có đủ {n} tệp đính kèm, không thể thêm.',
      'The dossier already has the maximum of {n} attachments.',
      {
        n,
      },
    ),
  );

/** The applicant's scans of one dossier would exceed the total allowed online. */
export const applicantTotalExceeded = (maxBytes: number, usedBytes: number) =>
  new AppError(
    'payload_too_large',
    text(
      'Tổng dung lượng bản quét gửi trực tuyến cho một hồ sơ tối đa {mb} MB (đã gửi {used} MB); hãy quét với độ phân giải thấp hơn hoặc mang giấy tờ đến Trung tâm.',
      'The scans sent online for one dossier may total at most {mb} MB ({used} MB sent); scan at a lower resolution or bring the papers to the centre.',
      { mb: mb(maxBytes), used: mb(usedBytes) },
    ),
    {
      errors: [
        {
          field: 'body.file',
          message: text('Tổng tối đa {mb} MB', 'At most {mb} MB in total', { mb: mb(maxBytes) }),
        },
      ],
    },
  );

/** The 400 (naming body.file) for bytes refused by their content: active PDF content, an image or PDF bomb. */
export function refusedContent(refusal: ContentRefusal, fileName: string) {
  const name = fileName.slice(0, 120);
  if (refusal.kind === 'pdf_active_content')
    return fieldError(
      'body.file',
      'Tệp PDF "{name}" chứa mã lệnh tự chạy ({what}); không nhận. Hãy in lại ra PDF (Microsoft Print to PDF) hoặc quét lại giấy tờ.',
      'The PDF "{name}" contains active content ({what}); it is refused. Print it again to PDF or scan the paper again.',
      { name, what: `/${refusal.name}` },
    );
  if (refusal.kind === 'image_too_large')
    return fieldError(
      'body.file',
      'Ảnh "{name}" có kích thước {w} × {h} điểm ảnh, quá lớn cho một bản quét; hãy quét với độ phân giải thấp hơn.',
      'The image "{name}" is {w} × {h} pixels, too large for a scan; scan it at a lower resolution.',
      { name, w: refusal.width, h: refusal.height },
    );
  return fieldError(
    'body.file',
    'Tệp PDF "{name}" giải nén ra quá lớn (nghi là tệp độc hại); không nhận. Hãy in lại ra PDF hoặc quét lại.',
    'The PDF "{name}" decompresses to an excessive size (a suspected decompression bomb); it is refused. Print it again to PDF or scan again.',
    { name },
  );
}

/** What the dossier holds: the number of files, and the bytes the applicant sent online. */
async function heldBy(db: DbOrTx, dossierId: string) {
  const [held] = await db
    .select({
      n: count(),
      applicantBytes:
        sql<number>`coalesce(sum(${dossierAttachments.sizeBytes}) filter (where ${isNull(dossierAttachments.uploadedBy)}), 0)::bigint`.mapWith(
          Number,
        ),
    })
    .from(dossierAttachments)
    .where(eq(dossierAttachments.dossierId, dossierId));
  return { n: held?.n ?? 0, applicantBytes: held?.applicantBytes ?? 0 };
}

/** Refuses a file the dossier has no room for (count, and the applicant's online total). */
function checkRoom(
  held: { n: number; applicantBytes: number },
  uploader: Uploader,
  size: number,
  limits: AttachmentLimits,
) {
  if (held.n >= limits.maxPerDossier) throw tooManyFiles(limits.maxPerDossier);
  if (uploader.kind === 'applicant' && held.applicantBytes + size > limits.maxApplicantTotalBytes)
    throw applicantTotalExceeded(limits.maxApplicantTotalBytes, held.applicantBytes);
}

/**
 * Before the applicant's file is even read: the dossier must await their scans and have room for one more file.
 * Returns the largest file that still fits (the per-file limit or what is left of the online total).
 */
export async function applicantUploadRoom(
  db: DbOrTx,
  row: DossierRow,
  limits: AttachmentLimits,
): Promise<{ maxBytes: number; usedBytes: number }> {
  const { fullyOnline } = (await getProcedureVersion(db, row.procedureId, row.procedureVersion)).data;
  checkOpen(row, { kind: 'applicant' }, 'document', fullyOnline);
  const held = await heldBy(db, row.id);
  checkRoom(held, { kind: 'applicant' }, 1, limits);
  return {
    maxBytes: Math.min(limits.maxBytes, limits.maxApplicantTotalBytes - held.applicantBytes),
    usedBytes: held.applicantBytes,
  };
}

/**
 * The type of the bytes from their magic numbers, if it is one we keep: PDF, JPEG, PNG for a dossier's scans
 * (default), or the `accepted` types of another kind of file (a meeting paper also takes DOCX and ODT).
 */
export async function detectAttachmentType(bytes: Uint8Array): Promise<AttachmentType | null>;
export async function detectAttachmentType<T extends string>(
  bytes: Uint8Array,
  accepted: readonly T[],
): Promise<T | null>;
export async function detectAttachmentType(
  bytes: Uint8Array,
  accepted: readonly string[] = ATTACHMENT_CONTENT_TYPES,
): Promise<string | null> {
  const found = await fileTypeFromBuffer(bytes);
  const mime = found?.mime as string | undefined;
  return accepted.find((t) => t === mime) ?? null;
}

async function checkDocumentIndex(db: DbOrTx, row: DossierRow, index: number | null) {
  if (index === null) return;
  const procedure = await getProcedureVersion(db, row.procedureId, row.procedureVersion);
  const n = procedure.data.requiredDocuments.length;
  if (!Number.isInteger(index) || index < 0 || index >= n) {
    throw fieldError(
      'body.documentIndex',
      'Thủ tục "{p}" không có giấy tờ số {i} (có {n} giấy tờ, đánh số từ 0).',
      'Procedure "{p}" has no document {i} ({n} documents, numbered from 0).',
      { p: row.procedureName, i: index, n },
    );
  }
}

/**
 * Adds a scanned document or the electronic result to a dossier (the applicant's scans only while it awaits them).
 * Everything is checked before a byte is stored: state, size, type by content, active content and bombs, document
 * index, count and the applicant's online total. The row and its audit entry are written in one transaction that
 * locks the dossier, so the limits and the state hold under concurrent uploads and actions. With the PostgreSQL
 * storage the bytes are written in that transaction too (a refusal leaves nothing); other backends store them just
 * before it (content-addressed, so a retry or a refusal there leaves at most an unreferenced file, never a half
 * one, which the collector removes — storage/collector.ts).
 */
export async function addAttachment(
  ctx: WriteContext,
  storage: FileStorage,
  uploader: Uploader,
  dossierId: string,
  upload: AttachmentUpload,
  options: { limits?: AttachmentLimits; now?: Date } = {},
): Promise<AttachmentView> {
  const limits = options.limits ?? DEFAULT_ATTACHMENT_LIMITS;
  const row = await findDossierRow(ctx.db, dossierId);
  if (!row) throw dossierNotFound(dossierId);
  const purpose = upload.purpose ?? 'document';
  if (purpose === 'result' && uploader.kind !== 'official')
    throw fieldError(
      'body.purpose',
      'Chỉ cán bộ được đính kèm kết quả.',
      'Only officials attach the result.',
    );
  if (purpose === 'result' && upload.documentIndex !== null)
    throw fieldError(
      'body.documentIndex',
      'Kết quả giải quyết không thuộc thành phần hồ sơ; bỏ trống số thứ tự giấy tờ.',
      'The result is not one of the required documents; leave the document index empty.',
    );
  const { fullyOnline } = (await getProcedureVersion(ctx.db, row.procedureId, row.procedureVersion)).data;
  checkOpen(row, uploader, purpose, fullyOnline);
  const { bytes } = upload;
  if (bytes.length === 0) throw fieldError('body.file', 'Tệp rỗng, không có nội dung.', 'The file is empty.');
  if (bytes.length > limits.maxBytes) throw fileTooLarge(limits.maxBytes);
  const contentType = await detectAttachmentType(bytes);
  if (!contentType) {
    throw fieldError(
      'body.file',
      'Nội dung tệp "{name}" không phải PDF, JPEG hay PNG; chỉ nhận bản quét ở các định dạng này.',
      'The content of "{name}" is not PDF, JPEG or PNG; only scans in these formats are accepted.',
      { name: upload.fileName.slice(0, 120) },
    );
  }
  const refusal = inspectContent(bytes, contentType);
  if (refusal) throw refusedContent(refusal, upload.fileName);
  await checkDocumentIndex(ctx.db, row, upload.documentIndex);
  checkRoom(await heldBy(ctx.db, row.id), uploader, bytes.length, limits);
  const sha256 = sha256Hex(bytes);
  const storageKey = storage.transactional ? keyOfDigest(sha256) : await storage.put(bytes);
  const values: AttachmentRow = {
    id: uuidv7(),
    dossierId: row.id,
    communeCode: row.communeCode,
    documentIndex: upload.documentIndex,
    fileName: sanitizeFileName(upload.fileName, contentType),
    contentType,
    sizeBytes: bytes.length,
    sha256,
    storageKey,
    purpose,
    // Số hóa counts the counter's scans of the paper file, not the result an officer issues.
    digitised: uploader.kind === 'official' && purpose === 'document',
    uploadedBy: uploader.kind === 'official' ? uploader.accountId : null,
    uploadedAt: options.now ?? new Date(),
  };
  await inTransaction(ctx, async (tx, audit) => {
    const [locked] = await tx
      .select({ closedAt: dossiers.closedAt, status: dossiers.status })
      .from(dossiers)
      .where(eq(dossiers.id, row.id))
      .for('update');
    if (locked) checkOpen({ code: row.code, ...locked }, uploader, purpose, fullyOnline);
    checkRoom(await heldBy(tx, row.id), uploader, bytes.length, limits);
    if (storage.transactional) await storage.put(bytes, tx);
    await tx.insert(dossierAttachments).values(values);
    await audit({
      action: purpose === 'result' ? 'dossier.result_attached' : 'dossier.attachment_added',
      entityType: 'dossier',
      entityId: row.id,
      communeCode: row.communeCode,
      after: {
        attachmentId: values.id,
        fileName: values.fileName,
        contentType,
        sizeBytes: values.sizeBytes,
        sha256,
        documentIndex: values.documentIndex,
        purpose,
        digitised: values.digitised,
        byApplicant: uploader.kind === 'applicant',
      },
    });
  });
  return present(values);
}

/**
 * The dossier's attachments, oldest first (at most `maxPerDossier` by construction), with the documents of its
 * procedure version they may stand for.
 */
export async function listAttachments(db: DbOrTx, dossierId: string) {
  const row = await findDossierRow(db, dossierId);
  if (!row) throw dossierNotFound(dossierId);
  const procedure = await getProcedureVersion(db, row.procedureId, row.procedureVersion);
  const rows = await db
    .select()
    .from(dossierAttachments)
    .where(eq(dossierAttachments.dossierId, dossierId))
    .orderBy(asc(dossierAttachments.uploadedAt), asc(dossierAttachments.id));
  return {
    items: rows.map(present),
    documents: procedure.data.requiredDocuments.map((d, index) => ({ index, name: d.name })),
  };
}

const attachmentNotFound = (id: string) => notFound('tệp đính kèm', 'attachment', id);

/** One attachment of the dossier with its bytes, verified against the checksum kept at upload. */
export async function getAttachmentContent(
  db: DbOrTx,
  storage: FileStorage,
  dossierId: string,
  attachmentId: string,
): Promise<{ attachment: AttachmentView; bytes: Buffer }> {
  if (!isUuid(attachmentId) || !isUuid(dossierId)) throw attachmentNotFound(attachmentId);
  const [row] = await db
    .select()
    .from(dossierAttachments)
    .where(and(eq(dossierAttachments.id, attachmentId), eq(dossierAttachments.dossierId, dossierId)));
  if (!row) throw attachmentNotFound(attachmentId);
  // Served bytes must be the ones received.
  const bytes = await verifiedBytes(storage, row);
  return { attachment: present(row), bytes };
}

/**
 * What the applicant sees of the dossier's files on the look-up page: the document scans already sent (by them
 * or scanned at the counter) — names, sizes, dates, never the bytes nor who uploaded them.
 */
export async function publicScans(db: DbOrTx, dossierId: string) {
  const rows = await db
    .select({
      fileName: dossierAttachments.fileName,
      sizeBytes: dossierAttachments.sizeBytes,
      documentIndex: dossierAttachments.documentIndex,
      uploadedAt: dossierAttachments.uploadedAt,
      uploadedBy: dossierAttachments.uploadedBy,
    })
    .from(dossierAttachments)
    .where(and(eq(dossierAttachments.dossierId, dossierId), eq(dossierAttachments.purpose, 'document')))
    .orderBy(asc(dossierAttachments.uploadedAt), asc(dossierAttachments.id));
  return rows.map((r) => ({
    fileName: r.fileName,
    sizeBytes: r.sizeBytes,
    documentIndex: r.documentIndex,
    uploadedAt: r.uploadedAt.toISOString(),
    byApplicant: r.uploadedBy === null,
  }));
}

/** The electronic result of a dossier: the latest one an official attached (a corrected one replaces it). */
export async function latestResult(db: DbOrTx, dossierId: string): Promise<AttachmentRow | null> {
  const [row] = await db
    .select()
    .from(dossierAttachments)
    .where(and(eq(dossierAttachments.dossierId, dossierId), eq(dossierAttachments.purpose, 'result')))
    .orderBy(desc(dossierAttachments.uploadedAt), desc(dossierAttachments.id))
    .limit(1);
  return row ?? null;
}

/** The bytes kept under a row, verified against its checksum: a damaged or missing file is reported, never sent. */
export async function verifiedBytes(
  storage: FileStorage,
  row: Pick<AttachmentRow, 'storageKey' | 'sizeBytes' | 'sha256' | 'fileName'>,
): Promise<Buffer> {
  const bytes = await storage.get(row.storageKey);
  if (!bytes || bytes.length !== row.sizeBytes || sha256Hex(bytes) !== row.sha256)
    throw damaged(row.fileName);
  return bytes;
}

function damaged(name: string) {
  return new AppError(
    'internal',
    text(
      'Tệp "{name}" trên máy chủ bị hỏng hoặc bị mất (mã kiểm tra SHA-256 không khớp). Hãy báo quản trị viên khôi phục từ bản sao lưu, hoặc quét lại giấy tờ.',
      'The stored file "{name}" is damaged or missing (SHA-256 mismatch). Ask an administrator to restore it from backup, or scan the document again.',
      { name },
    ),
  );
}
