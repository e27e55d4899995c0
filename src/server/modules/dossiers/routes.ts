import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IsoDate } from '../../../common/api/calendar';
import {
  AssigneeOptions,
  DossierActionRequest,
  DossierPage,
  DossierQueue,
  DossierView,
  IntakeRequest,
  IntakeResult,
  OnlineCommunes,
  PublicDossierStatus,
  PublicSubmissionRequest,
  PublicSubmissionResult,
  RatingRequest,
  RatingResult,
  RehearsalFilter,
} from '../../../common/api/dossiers';
import { CommuneCodeParam } from '../../../common/api/units';
import type { AppConfig } from '../../config';
import type { Db } from '../../db/database';
import { authorizeCommune, communeScope, requirePrincipal, writeContext } from '../../http/auth';
import { compiledSerializer, sendSerializedOnce } from '../../http/fast-serializer';
import { requestLang } from '../../http/lang';
import { problemBody } from '../../http/problem';
import { publicRateLimit } from '../../http/rate-limit';
import { dossierPartyRecord, dossierRecord } from './access';
import { assigneeOptions } from './assignees';
import { intakeDossier, submitOnline } from './intake';
import { getPublicStatus, listOnlineCommunes } from './public-status';
import { exportQueue } from './queue-export';
import { listDossiers } from './queues';
import { rateDossier } from './ratings';
import { actOnDossier, dossierNotFound, findDossierRow, getDossier, StaleDossierError } from './service';

const Id = z.object({ id: z.string().uuid() });
const PublicCode = z.object({ code: z.string().trim().min(4).max(80) });
const Verifier = z.object({ verifier: z.string().trim().min(1).max(30) });
const Problem = z.object({ status: z.number(), code: z.string() }).passthrough();

/** The filters of a work queue (list and export). */
const QueueFilters = z.object({
  queue: DossierQueue.optional(),
  q: z.string().trim().max(200).optional(),
  communeCode: CommuneCodeParam.optional(),
  procedureId: z.string().uuid().optional(),
  receivedFrom: IsoDate.optional(),
  receivedTo: IsoDate.optional(),
  /** Rehearsal dossiers (DIỄN TẬP): among the others, marked (default), left out, or alone. */
  rehearsal: RehearsalFilter.optional(),
  /** Also list the rehearsal dossiers archived at cutover. */
  archived: z.enum(['true', 'false']).optional(),
});

/** One-stop dossiers: intake, lifecycle actions, work queues, slips, and the public status look-up. */
export function registerDossierRoutes(app: FastifyInstance, deps: { db: Db; config: AppConfig }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['dossiers'];

  r.post(
    '/api/v1/dossiers',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary:
          'Tiếp nhận hồ sơ tại quầy; thiếu giấy tờ → 400 nêu rõ giấy tờ còn thiếu; hỗ trợ Idempotency-Key (intake)',
        headers: z.object({ 'idempotency-key': z.string().trim().min(8).max(200).optional() }).passthrough(),
        body: IntakeRequest,
        response: { 201: IntakeResult },
      },
    },
    async (req, reply) => {
      const principal = await authorizeCommune(req, db, req.body.receivingCommuneCode, 'dossier.intake');
      const result = await intakeDossier(writeContext(req, db), principal, req.body, {
        idempotencyKey: req.headers['idempotency-key'],
      });
      return reply.status(201).send(result);
    },
  );

  r.get(
    '/api/v1/dossiers',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary:
          'Hàng đợi hồ sơ: chờ tiếp nhận, của tôi, sắp đến hạn, quá hạn, chờ bổ sung, chờ duyệt, chờ trả',
        querystring: QueueFilters.extend({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(500).optional(),
        }),
        response: { 200: DossierPage },
      },
      // Up to 200 rows of plain values: Fastify's compiled serialisation of the same schema, not a Zod pass per row.
      serializerCompiler: compiledSerializer,
    },
    async (req, reply) => {
      const principal = requirePrincipal(req);
      // A page served again from the queue cache goes out as the bytes already serialised for it.
      const page = await listDossiers(db, communeScope(req, 'dossier.read'), principal.accountId, req.query);
      return sendSerializedOnce(reply, page);
    },
  );

  r.get(
    '/api/v1/dossiers/export.xlsx',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary:
          'Xuất danh sách hồ sơ ra Excel với cùng bộ lọc như hàng đợi (tối đa 5.000 dòng) — export a queue to XLSX',
        querystring: QueueFilters,
      },
    },
    async (req, reply) => {
      const principal = requirePrincipal(req);
      const result = await exportQueue(db, communeScope(req, 'dossier.read'), principal.accountId, req.query);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="danh-sach-ho-so.xlsx"')
        .header('x-rows', String(result.rows))
        .header('x-truncated', String(result.truncated))
        .send(result.xlsx);
    },
  );

  r.get(
    '/api/v1/dossiers/:id',
    {
      config: dossierPartyRecord('dossier.read'),
      schema: {
        tags,
        summary: 'Một hồ sơ: trạng thái, hạn, số ngày làm việc còn lại, lịch sử (one dossier)',
        params: Id,
        response: { 200: DossierView },
      },
    },
    async (req) => getDossier(db, req.params.id, new Date(), requirePrincipal(req)),
  );

  r.post(
    '/api/v1/dossiers/:id/actions',
    {
      config: dossierRecord('dossier.read'),
      schema: {
        tags,
        summary:
          'Thao tác xử lý hồ sơ theo quy trình; version cũ → 409 kèm trạng thái mới (lifecycle action, optimistic lock)',
        params: Id,
        body: DossierActionRequest,
        response: { 200: DossierView, 409: Problem },
      },
    },
    async (req, reply) => {
      const principal = requirePrincipal(req);
      try {
        return await actOnDossier(writeContext(req, db), principal, req.params.id, req.body);
      } catch (e) {
        if (!(e instanceof StaleDossierError)) throw e;
        const body = problemBody(req, 'conflict', 409, e.detail![requestLang(req)]);
        return reply
          .status(409)
          .type('application/problem+json; charset=utf-8')
          .send({ ...body, current: e.current });
      }
    },
  );

  r.get(
    '/api/v1/dossiers/:id/assignees',
    {
      config: dossierRecord('dossier.read'),
      schema: {
        tags,
        summary:
          'Chuyên viên có thể nhận hồ sơ (số hồ sơ đang giữ) và người phụ trách lĩnh vực theo thông báo phân công (assignee picker)',
        params: Id,
        response: { 200: AssigneeOptions },
      },
    },
    async (req) => {
      const row = await findDossierRow(db, req.params.id);
      if (!row) throw dossierNotFound(req.params.id);
      return assigneeOptions(db, row);
    },
  );

  r.get(
    '/api/v1/public/dossiers/:code',
    {
      config: { ...publicRateLimit(deps.config.publicRateLimit), access: 'public' },
      schema: {
        tags,
        summary:
          'Tra cứu tình trạng hồ sơ bằng mã hồ sơ và số giấy tờ tùy thân hoặc số điện thoại (public status look-up)',
        params: PublicCode,
        querystring: Verifier,
        response: { 200: PublicDossierStatus },
      },
      // The look-up citizens wait on: Fastify's compiled serialisation of the same schema, not a Zod pass.
      serializerCompiler: compiledSerializer,
    },
    async (req) => getPublicStatus(db, req.params.code, req.query.verifier),
  );

  r.post(
    '/api/v1/public/dossiers',
    {
      config: { ...publicRateLimit(deps.config.publicRateLimit), access: 'public' },
      schema: {
        tags,
        summary:
          'Nộp hồ sơ trực tuyến không cần tài khoản (số điện thoại bắt buộc); chờ xã tiếp nhận (online submission)',
        headers: z.object({ 'idempotency-key': z.string().trim().min(8).max(200).optional() }).passthrough(),
        body: PublicSubmissionRequest,
        response: { 201: PublicSubmissionResult },
      },
    },
    async (req, reply) => {
      const result = await submitOnline(writeContext(req, db), req.body, {
        idempotencyKey: req.headers['idempotency-key'],
      });
      return reply.status(201).send(result);
    },
  );

  r.get(
    '/api/v1/public/online-communes',
    {
      config: { ...publicRateLimit(deps.config.publicRateLimit), access: 'public' },
      schema: {
        tags,
        summary:
          'Các xã, phường tiếp nhận hồ sơ trực tuyến (đã kích hoạt trên XãSố), theo tỉnh (communes taking online filings)',
        response: { 200: OnlineCommunes },
      },
    },
    async (_req, reply) =>
      reply.header('cache-control', 'public, max-age=300').send(await listOnlineCommunes(db)),
  );

  r.post(
    '/api/v1/public/dossiers/:code/rating',
    {
      config: { ...publicRateLimit(deps.config.publicRateLimit), access: 'public' },
      schema: {
        tags,
        summary:
          'Đánh giá mức độ hài lòng sau khi nhận kết quả (một lần); sai mã hoặc số xác minh → như mã không tồn tại',
        params: PublicCode,
        querystring: Verifier,
        body: RatingRequest,
        response: { 201: RatingResult },
      },
    },
    async (req, reply) => {
      const result = await rateDossier(writeContext(req, db), req.params.code, req.query.verifier, req.body);
      return reply.status(201).send(result);
    },
  );
}
