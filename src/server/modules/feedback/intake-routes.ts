/**
 * Staff side of receiving: a report recorded at the counter or from a phone call (feedback.receive in the commune;
 * multipart: field `data` = JSON, files `files` — or plain JSON without files), the duplicate suggestions on
 * receipt, and the download of a report's files (feedback.read over the report's commune).
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DuplicateSuggestion,
  MAX_FEEDBACK_FILE_BYTES,
  MAX_FEEDBACK_FILES,
} from '../../../common/api/feedback';
import { StaffSubmittedReport } from '../../../common/api/feedback-intake';
import { CommuneCodeParam } from '../../../common/api/units';
import { writeContext } from '../../http/auth';
import { fieldError } from '../../http/errors';
import { malformedUpload, multipartErrorCode } from '../../http/multipart';
import { contentDisposition } from '../dossiers/attachment-names';
import {
  feedbackFileTooLarge,
  feedbackStorage,
  getReportFile,
  type ReportFileUpload,
  tooManyFeedbackFiles,
} from './attachments';
import { duplicatesOfReport } from './duplicates';
import type { FeedbackDeps } from './index';
import { createReport } from './reports';
import { feedbackCommuneOf } from './store';

/** The multipart limits of a report form: the JSON field and up to MAX_FEEDBACK_FILES files. */
export const REPORT_FORM_LIMITS = {
  fileSize: MAX_FEEDBACK_FILE_BYTES,
  files: MAX_FEEDBACK_FILES,
  fields: 3,
  parts: MAX_FEEDBACK_FILES + 3,
  fieldSize: 100_000,
};

/**
 * The report form: multipart (field `data` holding the JSON, files `files`, in any order) or a JSON body without
 * files. Every refusal is a 4xx naming the field.
 */
export async function readReportForm(
  req: FastifyRequest,
): Promise<{ data: unknown; files: ReportFileUpload[] }> {
  if (!req.isMultipart()) {
    if (req.body === undefined || req.body === null || typeof req.body !== 'object')
      throw fieldError(
        'body.data',
        'Gửi phản ánh dưới dạng multipart/form-data (trường "data" là JSON, tệp ở trường "files") hoặc JSON.',
        'Send the report as multipart/form-data (field "data" holding JSON, files in "files") or as JSON.',
      );
    return { data: req.body, files: [] };
  }
  let data: unknown;
  const files: ReportFileUpload[] = [];
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'files') {
          await part.toBuffer().catch(() => undefined);
          throw fieldError(
            'body.files',
            'Gửi ảnh, tệp ở trường "files".',
            'Send photos and files in field "files".',
          );
        }
        files.push({ fileName: part.filename, bytes: await part.toBuffer() });
      } else if (part.fieldname === 'data') {
        if (part.valueTruncated)
          throw fieldError('body.data', 'Nội dung phản ánh quá dài.', 'The report is too long.');
        try {
          data = JSON.parse(String(part.value));
        } catch {
          throw fieldError('body.data', 'Trường "data" phải là JSON.', 'Field "data" must hold JSON.');
        }
      }
    }
  } catch (e) {
    const code = multipartErrorCode(e);
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw feedbackFileTooLarge();
    if (code === 'FST_FILES_LIMIT') throw tooManyFeedbackFiles();
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw fieldError('body.data', 'Biểu mẫu có quá nhiều trường.', 'The form has too many fields.');
    throw malformedUpload(e) ?? e;
  }
  if (data === undefined || data === null || typeof data !== 'object')
    throw fieldError(
      'body.data',
      'Thiếu nội dung phản ánh (trường "data").',
      'The report (field "data") is missing.',
    );
  return { data, files };
}

const Id = z.object({ id: z.string().max(60) });
const FileParams = z.object({ id: z.string().max(60), fileId: z.string().max(60) });
const feedbackRead = {
  permission: 'feedback.read' as const,
  recordParam: 'id',
  communeOf: feedbackCommuneOf,
};

export function registerIntakeRoutes(app: FastifyInstance, deps: FeedbackDeps) {
  const { db } = deps;
  const tags = ['feedback'];

  void app.register(async (scope) => {
    const storage = await feedbackStorage(deps);
    await scope.register(multipart, { limits: REPORT_FORM_LIMITS });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/api/v1/communes/:communeCode/feedback',
      {
        config: { access: { permission: 'feedback.receive', communeParam: 'communeCode' } },
        schema: {
          tags,
          summary: `Ghi nhận phản ánh tại quầy hoặc qua điện thoại (multipart: data = JSON {channel: counter|phone, categoryId, title, content, placeText, latitude, longitude, reporterName, reporterPhone, reporterEmail, isPrivate}, files = ảnh/PDF, tối đa ${MAX_FEEDBACK_FILES} tệp); không có số điện thoại, thư điện tử → mã PIN để người phản ánh theo dõi (record a report at the counter or from a call)`,
          consumes: ['multipart/form-data', 'application/json'],
          params: z.object({ communeCode: CommuneCodeParam }),
          response: { 201: StaffSubmittedReport },
        },
      },
      async (req, reply) => {
        const { data, files } = await readReportForm(req);
        const channel = z.enum(['counter', 'phone']).safeParse((data as { channel?: unknown }).channel);
        if (!channel.success)
          throw fieldError(
            'body.channel',
            'Kênh tiếp nhận phải là "counter" (tại quầy) hoặc "phone" (qua điện thoại).',
            'The channel must be "counter" or "phone".',
          );
        const created = await createReport(writeContext(req, db), data as never, files, {
          channel: channel.data,
          storage,
          communeCode: req.params.communeCode,
        });
        return reply.status(201).send({
          id: created.id,
          code: created.code,
          pin: created.pin,
          communeCode: created.communeCode,
          channel: channel.data,
          state: created.state,
          transferDueDate: created.transferDueDate,
        });
      },
    );

    r.get(
      '/api/v1/feedback/:id/duplicates',
      {
        config: { access: feedbackRead },
        schema: {
          tags,
          summary:
            'Phản ánh tương tự đang mở của cùng xã (nội dung theo pg_trgm, khoảng cách theo vị trí), tối đa 5 (duplicates on receipt)',
          params: Id,
          response: { 200: z.array(DuplicateSuggestion) },
        },
      },
      async (req) => duplicatesOfReport(db, req.params.id),
    );

    r.get(
      '/api/v1/feedback/:id/files/:fileId',
      {
        config: { access: feedbackRead },
        schema: {
          tags,
          summary: 'Tải ảnh, tệp của phản ánh, đã đối chiếu SHA-256 (a file of a report, checksum verified)',
          params: FileParams,
          querystring: z.object({ download: z.enum(['0', '1']).optional() }),
        },
      },
      async (req, reply) => {
        const { row, bytes } = await getReportFile(db, storage, req.params.id, req.params.fileId);
        return reply
          .type(row.contentType)
          .header(
            'content-disposition',
            contentDisposition(req.query.download === '1' ? 'attachment' : 'inline', row.fileName),
          )
          .header('cache-control', 'private, no-cache')
          .header('x-content-type-options', 'nosniff')
          .header('etag', `"${row.sha256}"`)
          .send(bytes);
      },
    );
  });
}
