/**
 * The citizen's side of feedback, without an account, every route rate-limited like the dossier look-up:
 * submission (multipart), duplicate suggestions while writing, tracking (code + phone, e-mail or PIN; a wrong pair
 * answers like an unknown code), the reporter's "was it resolved?" (unhappy → reopened), the public list of
 * published answers (searchable without diacritics), the map, one published report by code with its photos, and
 * the map tile settings.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DuplicateSuggestion, MAX_FEEDBACK_FILES, TrackedFeedback } from '../../../common/api/feedback';
import {
  DuplicateQuery,
  FeedbackMap,
  MapTiles,
  PublicFeedbackItem,
  PublicFeedbackPage,
  PublicFeedbackQuery,
  RateRequest,
  SubmittedReport,
  TrackRequest,
} from '../../../common/api/feedback-intake';
import { writeContext } from '../../http/auth';
import { AppError, fieldError } from '../../http/errors';
import { requestLang } from '../../http/lang';
import { publicRateLimit } from '../../http/rate-limit';
import { contentDisposition } from '../dossiers/attachment-names';
import { feedbackStorage, getReportFile } from './attachments';
import { suggestWhileWriting } from './duplicates';
import type { FeedbackDeps } from './index';
import { REPORT_FORM_LIMITS, readReportForm } from './intake-routes';
import { findPublished, listPublicFeedback, publicMapPoints, publicReportByCode } from './public-list';
import { createReport } from './reports';
import { rateReport, trackReport } from './tracking';

const Code = z.object({ code: z.string().trim().min(4).max(80) });

export function registerPublicRoutes(app: FastifyInstance, deps: FeedbackDeps) {
  const { db, config } = deps;
  const tags = ['feedback-public'];
  const limited = { ...publicRateLimit(config.publicRateLimit), access: 'public' as const };

  void app.register(async (scope) => {
    const storage = await feedbackStorage(deps);
    await scope.register(multipart, { limits: REPORT_FORM_LIMITS });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.post(
      '/api/v1/public/feedback',
      {
        // Each request may carry megabytes: the stricter limit of public uploads.
        config: { ...publicRateLimit(config.publicUpload.ratePerMinute), access: 'public' },
        schema: {
          tags,
          summary: `Gửi phản ánh, kiến nghị không cần tài khoản (multipart: data = JSON {communeCode, categoryId, title, content, placeText, latitude, longitude, reporterName, reporterPhone, reporterEmail, isPrivate, locale}, files = ảnh JPEG/PNG hoặc PDF, tối đa ${MAX_FEEDBACK_FILES} tệp); không để lại số điện thoại, thư điện tử → mã PIN chỉ hiện một lần (submit a report)`,
          consumes: ['multipart/form-data', 'application/json'],
          response: { 201: SubmittedReport },
        },
      },
      async (req, reply) => {
        const { data, files } = await readReportForm(req);
        const created = await createReport(writeContext(req, db), data as never, files, {
          channel: 'web',
          storage,
        });
        return reply
          .status(201)
          .send({ code: created.code, pin: created.pin, communeCode: created.communeCode });
      },
    );

    r.get(
      '/api/v1/public/feedback/duplicates',
      {
        config: limited,
        schema: {
          tags,
          summary:
            'Phản ánh tương tự đang xử lý ở xã/phường (khi người dân đang viết): mã, tiêu đề, địa điểm — tối đa 5 (similar open reports)',
          querystring: DuplicateQuery,
          response: { 200: z.array(DuplicateSuggestion) },
        },
      },
      async (req) => {
        const { lat, lng } = req.query;
        if ((lat === undefined) !== (lng === undefined))
          throw fieldError(
            lat === undefined ? 'query.lat' : 'query.lng',
            'Cần cả vĩ độ và kinh độ.',
            'Both lat and lng are needed.',
          );
        return suggestWhileWriting(db, req.query);
      },
    );

    r.post(
      '/api/v1/public/feedback/track',
      {
        config: limited,
        schema: {
          tags,
          summary:
            'Theo dõi phản ánh bằng mã và số điện thoại, thư điện tử hoặc mã PIN; sai → như mã không tồn tại (track a report)',
          body: TrackRequest,
          response: { 200: TrackedFeedback },
        },
      },
      async (req) => trackReport(db, req.body.code, req.body.contact, requestLang(req)),
    );

    r.post(
      '/api/v1/public/feedback/rate',
      {
        config: limited,
        schema: {
          tags,
          summary:
            'Người phản ánh cho biết đã được giải quyết chưa và đánh giá câu trả lời; chưa giải quyết → mở lại (rate; unhappy reopens)',
          body: RateRequest,
          response: { 200: TrackedFeedback },
        },
      },
      async (req) => rateReport(writeContext(req, db), req.body, requestLang(req)),
    );

    r.get(
      '/api/v1/public/feedback',
      {
        config: limited,
        schema: {
          tags,
          summary:
            'Phản ánh đã trả lời công khai (đã che thông tin cá nhân), tìm không dấu, lọc theo tỉnh, xã, lĩnh vực (published answers)',
          querystring: PublicFeedbackQuery,
          response: { 200: PublicFeedbackPage },
        },
      },
      async (req) => listPublicFeedback(db, req.query, requestLang(req)),
    );

    r.get(
      '/api/v1/public/feedback/map',
      {
        config: limited,
        schema: {
          tags,
          summary: 'Vị trí các phản ánh đã công khai của một tỉnh hoặc một xã (map points)',
          querystring: z.object({
            provinceCode: z
              .string()
              .regex(/^\d{2}$/)
              .optional(),
            communeCode: z
              .string()
              .regex(/^\d{5}$/)
              .optional(),
          }),
          response: { 200: FeedbackMap },
        },
      },
      async (req) => {
        if (!req.query.provinceCode && !req.query.communeCode)
          throw fieldError(
            'query.provinceCode',
            'Chọn tỉnh hoặc xã/phường.',
            'Choose a province or a commune.',
          );
        return publicMapPoints(db, req.query, requestLang(req));
      },
    );

    r.get(
      '/api/v1/public/feedback/by-code/:code',
      {
        config: limited,
        schema: {
          tags,
          summary: 'Một phản ánh đã công khai theo mã (a published report)',
          params: Code,
          response: { 200: PublicFeedbackItem },
        },
      },
      async (req) => publicReportByCode(db, req.params.code, requestLang(req)),
    );

    r.get(
      '/api/v1/public/feedback/by-code/:code/files/:fileId',
      {
        config: limited,
        schema: {
          tags,
          summary: 'Ảnh của một phản ánh đã công khai (a photo of a published report)',
          params: Code.extend({ fileId: z.string().max(60) }),
        },
      },
      async (req, reply) => {
        const report = await findPublished(db, req.params.code);
        const { row, bytes } = await getReportFile(db, storage, report.id!, req.params.fileId);
        if (!row.contentType.startsWith('image/')) throw new AppError('not_found');
        return reply
          .type(row.contentType)
          .header('content-disposition', contentDisposition('inline', row.fileName))
          .header('cache-control', 'public, max-age=300')
          .header('x-content-type-options', 'nosniff')
          .send(bytes);
      },
    );

    r.get(
      '/api/v1/public/map-tiles',
      {
        config: limited,
        schema: {
          tags,
          summary: 'Nguồn bản đồ nền (XASO_MAP_TILE_URL); null: bản đồ không có nền (map tile source)',
          response: { 200: MapTiles },
        },
      },
      async (_req, reply) => reply.header('cache-control', 'public, max-age=300').send(config.mapTiles),
    );
  });
}
