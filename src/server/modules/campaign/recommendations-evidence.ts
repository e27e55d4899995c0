/**
 * Evidence of a recommendation (ảnh chụp, văn bản): PDF, JPEG or PNG checked like a dossier's scan (type by content,
 * active content, image bombs, size), kept in the dossiers' content-addressed storage; the recommendation's
 * `evidence` lists them with their key and SHA-256. Added by the commune while the province has not answered.
 */
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { type EvidenceFile, MAX_REC_EVIDENCE } from '../../../common/api/campaign-recommendations';
import type { DbOrTx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, fieldError, notFound, text } from '../../http/errors';
import { inspectContent } from '../dossiers/attachment-content';
import { sanitizeFileName } from '../dossiers/attachment-names';
import {
  DEFAULT_ATTACHMENT_LIMITS,
  detectAttachmentType,
  fileTooLarge,
  refusedContent,
  verifiedBytes,
} from '../dossiers/attachments';
import { type FileStorage, keyOfDigest, sha256Hex } from '../dossiers/storage';
import { campaignRecommendations } from './schema';

export const EVIDENCE_MAX_BYTES = DEFAULT_ATTACHMENT_LIMITS.maxBytes;

/** What is kept per file in `evidence` (the API shows fileId, name, contentType, size). */
export interface StoredEvidence extends EvidenceFile {
  storageKey: string;
  sha256: string;
  addedAt: string;
  addedBy: string;
}

/** The commune may add evidence until the province answers (sent, received, assigned, reopened). */
const EVIDENCE_STATUSES = new Set(['sent', 'received', 'assigned', 'reopened']);

export async function addEvidence(
  ctx: WriteContext,
  storage: FileStorage,
  id: string,
  upload: { fileName: string; bytes: Buffer },
): Promise<EvidenceFile> {
  const { bytes } = upload;
  const shortName = upload.fileName.slice(0, 120);
  if (bytes.length === 0) throw fieldError('body.file', 'Tệp rỗng, không có nội dung.', 'The file is empty.');
  if (bytes.length > EVIDENCE_MAX_BYTES) throw fileTooLarge(EVIDENCE_MAX_BYTES);
  const type = await detectAttachmentType(bytes);
  if (!type)
    throw fieldError(
      'body.file',
      'Nội dung tệp "{name}" không phải PDF, JPEG hay PNG; minh chứng chỉ nhận các định dạng này.',
      'The content of "{name}" is not PDF, JPEG or PNG; evidence is accepted only in these formats.',
      { name: shortName },
    );
  const refusal = inspectContent(bytes, type);
  if (refusal) throw refusedContent(refusal, upload.fileName);
  const sha256 = sha256Hex(bytes);
  const storageKey = storage.transactional ? keyOfDigest(sha256) : await storage.put(bytes);
  const file: StoredEvidence = {
    fileId: uuidv7(),
    name: sanitizeFileName(upload.fileName, type),
    contentType: type,
    size: bytes.length,
    storageKey,
    sha256,
    addedAt: new Date().toISOString(),
    addedBy: ctx.actor.name,
  };
  await inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx
      .select()
      .from(campaignRecommendations)
      .where(eq(campaignRecommendations.id, id))
      .for('update');
    if (!row) throw notFound('kiến nghị', 'recommendation', id);
    if (!EVIDENCE_STATUSES.has(row.status))
      throw new AppError(
        'conflict',
        text(
          'Kiến nghị đã được trả lời hoặc đã đóng; không thêm minh chứng được.',
          'The recommendation is answered or closed; no evidence can be added.',
        ),
      );
    const evidence = (row.evidence as StoredEvidence[]) ?? [];
    if (evidence.length >= MAX_REC_EVIDENCE)
      throw fieldError('body.file', 'Tối đa {n} tệp minh chứng.', 'At most {n} evidence files.', {
        n: MAX_REC_EVIDENCE,
      });
    if (storage.transactional) await storage.put(bytes, tx);
    await tx
      .update(campaignRecommendations)
      .set({ evidence: [...evidence, file], version: row.version + 1, updatedAt: new Date() })
      .where(eq(campaignRecommendations.id, id));
    await audit({
      action: 'campaign_recommendation.evidence',
      entityType: 'campaign_recommendation',
      entityId: id,
      communeCode: row.communeCode,
      after: { fileId: file.fileId, name: file.name, contentType: type, size: file.size, sha256 },
    });
  });
  return { fileId: file.fileId, name: file.name, contentType: file.contentType, size: file.size };
}

export async function getEvidence(db: DbOrTx, storage: FileStorage, id: string, fileId: string) {
  const [row] = await db
    .select({ evidence: campaignRecommendations.evidence })
    .from(campaignRecommendations)
    .where(eq(campaignRecommendations.id, id));
  const file = ((row?.evidence as StoredEvidence[] | undefined) ?? []).find((f) => f.fileId === fileId);
  if (!file) throw notFound('tệp minh chứng', 'evidence file', fileId);
  const bytes = await verifiedBytes(storage, {
    storageKey: file.storageKey,
    sizeBytes: file.size,
    sha256: file.sha256,
    fileName: file.name,
  });
  return { file, bytes };
}

/** The API's view of stored evidence (no storage key). */
export const evidenceView = (files: unknown): EvidenceFile[] =>
  ((files as StoredEvidence[] | null) ?? []).map((f) => ({
    fileId: f.fileId,
    name: f.name,
    contentType: f.contentType,
    size: f.size,
  }));
