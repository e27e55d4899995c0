/**
 * HTTP for the scanned documents of a dossier: upload (multipart/form-data: `file`, optional `documentIndex`),
 * list, download; and the applicant's own upload of an online submission (code + phone or ID number). Multipart
 * parsing is registered for these routes only.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AttachmentList, AttachmentPurpose, AttachmentView } from '../../../common/api/attachments';
import type { AppConfig } from '../../config';
import type { Db } from '../../db/database';
import { requirePrincipal, writeContext } from '../../http/auth';
import { AppError, fieldError, text } from '../../http/errors';
import { malformedUpload, multipartErrorCode as multipartCode } from '../../http/multipart';
import { publicRateLimit } from '../../http/rate-limit';
import { canWithRestriction, type Permission } from '../auth/permissions';
import type { Principal } from '../auth/service';
import { findCommuneLocation } from '../units/service';
import { dossierRecord } from './access';
import { contentDisposition } from './attachment-names';
import {
  type AttachmentLimits,
  type AttachmentUpload,
  addAttachment,
  applicantTotalExceeded,
  applicantUploadRoom,
  DEFAULT_ATTACHMENT_LIMITS,
  fileTooLarge,
  getAttachmentContent,
  latestResult,
  listAttachments,
  verifiedBytes,
} from './attachments';
import { findByVerifier } from './public-status';
import { dossierNotFound, findDossierRow } from './service';
import { createFileStorage, type FileStorage } from './storage';
import { scheduleFileCollection } from './storage/collector';

const Id = z.object({ id: z.string().uuid() });
const AttachmentParams = z.object({ id: z.string().uuid(), attachmentId: z.string().uuid() });
const PublicCode = z.object({ code: z.string().trim().min(5).max(80) });
const Verifier = z.object({ verifier: z.string().trim().min(1).max(30) });
/** What the applicant gets back: the file as kept, without internal ids of the dossier or of officials. */
const PublicAttachmentView = AttachmentView.omit({ dossierId: true, uploadedBy: true });

/**
 * Who may attach scans: the receiving centre's one-stop officers (phi địa giới: they scan the paper at the
 * counter), and the competent commune's one-stop officers and specialists. Others who may read the dossier get
 * 403; anyone else 404, as for any record of another commune.
 */
async function authorizeUpload(req: FastifyRequest, db: Db, dossierId: string): Promise<Principal> {
  const principal = requirePrincipal(req);
  const row = await findDossierRow(db, dossierId);
  if (!row) throw dossierNotFound(dossierId);
  const competent = await findCommuneLocation(db, row.communeCode);
  const receiving = await findCommuneLocation(db, row.receivingCommuneCode);
  const may = (permission: Permission, where: typeof competent) =>
    where !== null && canWithRestriction(principal.grants, principal.restriction, permission, where);
  if (
    may('dossier.intake', receiving) ||
    may('dossier.intake', competent) ||
    may('dossier.process', competent)
  )
    return principal;
  if (may('dossier.read', competent))
    throw new AppError(
      'forbidden',
      text(
        'Chỉ công chức một cửa và chuyên viên của xã được đính kèm giấy tờ.',
        'Only one-stop officers and specialists of the commune may attach documents.',
      ),
    );
  throw new AppError('not_found');
}

/**
 * Reads the one file and the optional document index of the form, whatever order they come in. `room`: the
 * applicant's upload, which may be smaller than the per-file limit (what is left of the online total).
 */
async function readUpload(
  req: FastifyRequest,
  limits: AttachmentLimits,
  room?: { maxBytes: number; usedBytes: number },
): Promise<AttachmentUpload> {
  if (!req.isMultipart())
    throw fieldError(
      'body.file',
      'Gửi tệp dưới dạng multipart/form-data, trường "file".',
      'Send the file as multipart/form-data, field "file".',
    );
  let file: { fileName: string; bytes: Buffer } | null = null;
  let documentIndex: number | null = null;
  let purpose: AttachmentPurpose = 'document';
  try {
    const parts = room ? req.parts({ limits: { fileSize: room.maxBytes } }) : req.parts();
    for await (const part of parts) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file)
          throw fieldError(
            'body.file',
            'Mỗi lần chỉ gửi một tệp, trường "file".',
            'Send one file, field "file".',
          );
        file = { fileName: part.filename, bytes: await part.toBuffer() };
      } else if (part.fieldname === 'documentIndex') {
        const value = String(part.value).trim();
        if (value !== '' && !/^\d{1,3}$/.test(value))
          throw fieldError(
            'body.documentIndex',
            'Số thứ tự giấy tờ phải là số nguyên không âm.',
            'The document index must be a non-negative integer.',
          );
        documentIndex = value === '' ? null : Number(value);
      } else if (part.fieldname === 'purpose') {
        const value = AttachmentPurpose.safeParse(String(part.value).trim());
        if (!value.success)
          throw fieldError(
            'body.purpose',
            'Loại tệp phải là "document" (giấy tờ) hoặc "result" (kết quả giải quyết).',
            'The purpose must be "document" or "result".',
          );
        purpose = value.data;
      }
    }
  } catch (e) {
    const code = multipartCode(e);
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      throw room && room.maxBytes < limits.maxBytes
        ? applicantTotalExceeded(limits.maxApplicantTotalBytes, room.usedBytes)
        : fileTooLarge(limits.maxBytes);
    if (code === 'FST_FILES_LIMIT')
      throw fieldError('body.file', 'Mỗi lần chỉ gửi một tệp.', 'Send one file at a time.');
    throw malformedUpload(e) ?? e;
  }
  if (!file) throw fieldError('body.file', 'Chưa chọn tệp để đính kèm.', 'No file was sent.');
  return { ...file, documentIndex, purpose };
}

export function registerAttachmentRoutes(
  app: FastifyInstance,
  deps: { db: Db; config: AppConfig; storage?: FileStorage; attachmentLimits?: AttachmentLimits },
) {
  const { db, config } = deps;
  const limits = deps.attachmentLimits ?? {
    ...DEFAULT_ATTACHMENT_LIMITS,
    maxApplicantTotalBytes: config.publicUpload.maxTotalBytes,
  };
  const tags = ['dossiers'];

  void app.register(async (scope) => {
    const storage = deps.storage ?? (await createFileStorage(config, db));
    // Files no attachment refers to any more are collected by every instance (idempotent), once past the grace.
    const stopCollection = scheduleFileCollection(db, storage, config.fileCollection, (err) =>
      scope.log.error({ err }, 'file collection failed'),
    );
    scope.addHook('onClose', async () => stopCollection());
    await scope.register(multipart, {
      limits: { fileSize: limits.maxBytes, files: 1, fields: 5, parts: 6, fieldSize: 1000 },
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/api/v1/dossiers/:id/attachments',
      {
        config: { access: 'signedIn' },
        schema: {
          tags,
          summary: `Đính kèm bản quét giấy tờ hoặc kết quả điện tử (multipart/form-data: file, documentIndex, purpose=document|result; kết quả khi đã phê duyệt/từ chối hoặc đã có kết quả); chỉ PDF/JPEG/PNG theo nội dung, tối đa ${limits.maxBytes / 1024 / 1024} MB, ${limits.maxPerDossier} tệp/hồ sơ (attach a scan)`,
          consumes: ['multipart/form-data'],
          params: Id,
          response: { 201: AttachmentView },
        },
      },
      async (req, reply) => {
        const principal = await authorizeUpload(req, db, req.params.id);
        const upload = await readUpload(req, limits);
        const view = await addAttachment(
          writeContext(req, db),
          storage,
          { kind: 'official', accountId: principal.accountId },
          req.params.id,
          upload,
          { limits },
        );
        return reply.status(201).send(view);
      },
    );

    r.post(
      '/api/v1/public/dossiers/:code/attachments',
      {
        // Its own, stricter limit (XASO_PUBLIC_UPLOAD_RATE_LIMIT): each request may carry megabytes.
        config: { ...publicRateLimit(config.publicUpload.ratePerMinute), access: 'public' },
        schema: {
          tags,
          summary: `Người nộp gửi bản quét giấy tờ của hồ sơ nộp trực tuyến (mã hồ sơ + số điện thoại hoặc số giấy tờ), khi hồ sơ còn chờ tiếp nhận hoặc (thủ tục toàn trình) đang chờ bổ sung; sai mã hoặc số xác minh → như mã không tồn tại; PDF/JPEG/PNG (PDF có mã lệnh tự chạy bị từ chối), tối đa ${limits.maxBytes / 1024 / 1024} MB một tệp và ${Math.round(limits.maxApplicantTotalBytes / 1024 / 1024)} MB mỗi hồ sơ; kiểm tra trạng thái, số tệp và dung lượng trước khi đọc tệp (applicant's upload)`,
          consumes: ['multipart/form-data'],
          params: PublicCode,
          querystring: Verifier,
          response: { 201: PublicAttachmentView },
        },
      },
      async (req, reply) => {
        const row = await findByVerifier(db, req.params.code, req.query.verifier);
        // State, count and the online total are checked before the body is read.
        const room = await applicantUploadRoom(db, row, limits);
        const upload = await readUpload(req, limits, room);
        if (upload.purpose !== 'document')
          throw fieldError(
            'body.purpose',
            'Chỉ cán bộ được đính kèm kết quả.',
            'Only officials attach the result.',
          );
        const ctx = writeContext(req, db);
        const view = await addAttachment(ctx, storage, { kind: 'applicant' }, row.id, upload, { limits });
        return reply.status(201).send(view);
      },
    );

    r.get(
      '/api/v1/public/dossiers/:code/result',
      {
        config: { ...publicRateLimit(config.publicRateLimit), access: 'public' },
        schema: {
          tags,
          summary:
            'Người nộp tải kết quả giải quyết điện tử sau khi hồ sơ đã trả kết quả (mã hồ sơ + số điện thoại hoặc số giấy tờ); sai mã hoặc số xác minh → như mã không tồn tại; đã đối chiếu SHA-256 (electronic result)',
          params: PublicCode,
          querystring: Verifier,
        },
      },
      async (req, reply) => {
        const row = await findByVerifier(db, req.params.code, req.query.verifier);
        if (row.status !== 'returned')
          throw new AppError(
            'conflict',
            text(
              'Hồ sơ {code} chưa trả kết quả; kết quả điện tử tải được khi hồ sơ đã trả kết quả.',
              'Dossier {code} has not been returned yet; its electronic result can be downloaded once it is.',
              { code: row.code },
            ),
          );
        const result = await latestResult(db, row.id);
        if (!result)
          throw new AppError(
            'not_found',
            text(
              'Hồ sơ {code} không có kết quả điện tử; kết quả được trả bản giấy tại Trung tâm.',
              'Dossier {code} has no electronic result; the result is given on paper at the centre.',
              { code: row.code },
            ),
          );
        const bytes = await verifiedBytes(storage, result);
        return reply
          .type(result.contentType)
          .header('content-disposition', contentDisposition('attachment', result.fileName))
          .header('cache-control', 'private, no-store')
          .header('x-content-sha256', result.sha256)
          .send(bytes);
      },
    );

    r.get(
      '/api/v1/dossiers/:id/attachments',
      {
        config: dossierRecord('dossier.read'),
        schema: {
          tags,
          summary: 'Các tệp đính kèm của hồ sơ, cũ trước (attachments of a dossier)',
          params: Id,
          response: { 200: AttachmentList },
        },
      },
      async (req) => ({ ...(await listAttachments(db, req.params.id)), ...limits }),
    );

    r.get(
      '/api/v1/dossiers/:id/attachments/:attachmentId',
      {
        config: dossierRecord('dossier.read'),
        schema: {
          tags,
          summary:
            'Nội dung một tệp đính kèm, đã đối chiếu mã SHA-256; tệp hỏng → lỗi, không gửi (download, checksum verified)',
          params: AttachmentParams,
          querystring: z.object({ download: z.enum(['0', '1']).optional() }),
        },
      },
      async (req, reply) => {
        const { attachment, bytes } = await getAttachmentContent(
          db,
          storage,
          req.params.id,
          req.params.attachmentId,
        );
        const kind = req.query.download === '1' ? 'attachment' : 'inline';
        return reply
          .type(attachment.contentType)
          .header('content-disposition', contentDisposition(kind, attachment.fileName))
          .header('cache-control', 'private, no-cache')
          .header('etag', `"${attachment.sha256}"`)
          .send(bytes);
      },
    );
  });
}
