/**
 * Photos and files of a report: checked before a byte is stored (count, size, type by content, active PDF content,
 * image bombs — the dossiers' checks), kept in the dossiers' content-addressed storage, listed and read back with
 * the checksum verified.
 */
import { and, asc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { type FeedbackFile, MAX_FEEDBACK_FILE_BYTES, MAX_FEEDBACK_FILES } from '../../../common/api/feedback';
import type { AppConfig } from '../../config';
import type { Db, DbOrTx } from '../../db/database';
import { AppError, fieldError, notFound, text } from '../../http/errors';
import { inspectContent } from '../dossiers/attachment-content';
import { sanitizeFileName } from '../dossiers/attachment-names';
import { detectAttachmentType, refusedContent, verifiedBytes } from '../dossiers/attachments';
import { createFileStorage, type FileStorage, keyOfDigest, sha256Hex } from '../dossiers/storage';
import { feedbackAttachments } from './schema';

/** The kinds of file a report may carry, detected from the content: photos and PDF documents. */
export const FEEDBACK_FILE_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;

/** A file as received (multipart part or Open311 media). */
export interface ReportFileUpload {
  fileName: string;
  bytes: Buffer;
}

/** A file that passed every check, ready to be stored. */
export interface CheckedFile {
  fileName: string;
  contentType: (typeof FEEDBACK_FILE_TYPES)[number];
  bytes: Buffer;
  sha256: string;
}

export type FeedbackAttachmentRow = typeof feedbackAttachments.$inferSelect;

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export const feedbackFileTooLarge = (maxBytes = MAX_FEEDBACK_FILE_BYTES) =>
  new AppError(
    'payload_too_large',
    text('Mỗi tệp tối đa {mb} MB.', 'Each file may be at most {mb} MB.', { mb: mb(maxBytes) }),
    {
      errors: [
        { field: 'body.files', message: text('Tối đa {mb} MB', 'At most {mb} MB', { mb: mb(maxBytes) }) },
      ],
    },
  );

export const tooManyFeedbackFiles = () =>
  fieldError(
    'body.files',
    'Mỗi phản ánh gửi tối đa {n} ảnh hoặc tệp.',
    'A report may carry at most {n} photos or files.',
    { n: MAX_FEEDBACK_FILES },
  );

/** Every check of the dossiers' scans, on each file; the first refusal names `body.files`. */
export async function checkReportFiles(files: readonly ReportFileUpload[]): Promise<CheckedFile[]> {
  if (files.length > MAX_FEEDBACK_FILES) throw tooManyFeedbackFiles();
  const checked: CheckedFile[] = [];
  for (const f of files) {
    const name = f.fileName.slice(0, 120);
    if (f.bytes.length === 0)
      throw fieldError('body.files', 'Tệp "{name}" rỗng.', 'The file "{name}" is empty.', { name });
    if (f.bytes.length > MAX_FEEDBACK_FILE_BYTES) throw feedbackFileTooLarge();
    const contentType = await detectAttachmentType(f.bytes, FEEDBACK_FILE_TYPES);
    if (!contentType)
      throw fieldError(
        'body.files',
        'Nội dung tệp "{name}" không phải ảnh JPEG, PNG hay tệp PDF; chỉ nhận các định dạng này.',
        'The content of "{name}" is not a JPEG or PNG photo or a PDF; only these are accepted.',
        { name },
      );
    const refusal = inspectContent(f.bytes, contentType);
    if (refusal) {
      const e = refusedContent(refusal, f.fileName);
      throw new AppError(e.code, e.detail, {
        errors: (e.errors ?? []).map((x) => ({ ...x, field: 'body.files' })),
      });
    }
    checked.push({
      fileName: sanitizeFileName(f.fileName, contentType),
      contentType,
      bytes: f.bytes,
      sha256: sha256Hex(f.bytes),
    });
  }
  return checked;
}

/**
 * Stores checked files outside a transaction when the backend is not transactional (content-addressed: a refusal
 * after this leaves at most an unreferenced file, which the collector removes). Returns their keys.
 */
export async function storeBeforeTransaction(storage: FileStorage, files: readonly CheckedFile[]) {
  if (storage.transactional) return files.map((f) => keyOfDigest(f.sha256));
  const keys: string[] = [];
  for (const f of files) keys.push(await storage.put(f.bytes));
  return keys;
}

/** Writes the rows of the files (and, on a transactional backend, their bytes) in the caller's transaction. */
export async function insertReportFiles(
  tx: DbOrTx,
  storage: FileStorage,
  files: readonly CheckedFile[],
  keys: readonly string[],
  report: { id: string; communeCode: string },
  purpose: 'report' | 'answer',
  uploadedBy: string | null,
  at: Date,
): Promise<FeedbackAttachmentRow[]> {
  const rows: FeedbackAttachmentRow[] = [];
  for (const [i, f] of files.entries()) {
    if (storage.transactional) await storage.put(f.bytes, tx);
    rows.push({
      id: uuidv7(),
      reportId: report.id,
      communeCode: report.communeCode,
      purpose,
      fileName: f.fileName,
      contentType: f.contentType,
      sizeBytes: f.bytes.length,
      sha256: f.sha256,
      storageKey: keys[i]!,
      uploadedBy,
      uploadedAt: at,
    });
  }
  if (rows.length) await tx.insert(feedbackAttachments).values(rows);
  return rows;
}

export const presentFile = (a: FeedbackAttachmentRow): FeedbackFile => ({
  id: a.id,
  purpose: a.purpose as 'report' | 'answer',
  name: a.fileName,
  contentType: a.contentType,
  size: a.sizeBytes,
});

/** The files of a report, oldest first. */
export async function listReportFiles(db: DbOrTx, reportId: string): Promise<FeedbackAttachmentRow[]> {
  return db
    .select()
    .from(feedbackAttachments)
    .where(eq(feedbackAttachments.reportId, reportId))
    .orderBy(asc(feedbackAttachments.uploadedAt), asc(feedbackAttachments.id));
}

const fileNotFound = (id: string) => notFound('tệp', 'file', id);

/** One file of the report with its bytes, verified against the checksum kept at upload. */
export async function getReportFile(
  db: DbOrTx,
  storage: FileStorage,
  reportId: string,
  fileId: string,
): Promise<{ row: FeedbackAttachmentRow; bytes: Buffer }> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (!uuid.test(fileId) || !uuid.test(reportId)) throw fileNotFound(fileId);
  const [row] = await db
    .select()
    .from(feedbackAttachments)
    .where(and(eq(feedbackAttachments.id, fileId), eq(feedbackAttachments.reportId, reportId)));
  if (!row) throw fileNotFound(fileId);
  return { row, bytes: await verifiedBytes(storage, row) };
}

/** One storage per running app (the feedback routes and Open311 share it), as the dossiers' routes create theirs. */
const storages = new WeakMap<object, Promise<FileStorage>>();
export function feedbackStorage(deps: { db: Db; config: AppConfig }): Promise<FileStorage> {
  let s = storages.get(deps.config);
  if (!s) {
    s = createFileStorage(deps.config, deps.db);
    storages.set(deps.config, s);
  }
  return s;
}
