import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Confirmation,
  Fee,
  OutsideWorkflow,
  Procedure,
  ProcedureDomain,
  RequiredDocument,
  TimeLimit,
} from '../../../common/api/procedures';
import type { Db } from '../../db/database';
import { writeContext } from '../../http/auth';
import { registerCatalogueRoutes } from './catalogue-routes';
import * as service from './service';

const Id = z.object({ id: z.string().uuid() });

const ProcedureSummary = z.object({
  id: z.string().uuid(),
  /** National code, else a stable slug. */
  code: z.string(),
  nationalCode: z.string().nullable(),
  name: z.string(),
  domain: ProcedureDomain,
  status: z.enum(['active', 'retired']),
  version: z.number().int(),
  timeLimit: TimeLimit,
  /** 0 = same day (after 15:00 → next working day); null = limit in working hours. */
  timeLimitWorkingDays: z.number().int().nullable(),
  timeLimitNote: z.string().nullable(),
  fee: Fee,
  requiredDocuments: z.array(RequiredDocument),
  resultDocument: z.string(),
  fullyOnline: z.boolean(),
  confirmed: Confirmation,
  /** Decided and received by another agency (residence: the commune police): listed, not received by the UBND. */
  outsideWorkflow: OutsideWorkflow.nullable(),
});

const ProcedureDetail = ProcedureSummary.extend({
  data: Procedure,
  versions: z.array(
    z.object({
      version: z.number().int(),
      createdAt: z.string(),
      createdBy: z.string(),
      reason: z.string().nullable(),
      /** The fields this version changed from the previous one (none for version 1). */
      changes: z.array(
        z.object({
          path: z.string(),
          label: z.object({ vi: z.string(), en: z.string() }),
          before: z.unknown(),
          after: z.unknown(),
        }),
      ),
    }),
  ),
});

/** The procedure catalogue (danh mục thủ tục hành chính): public reading, versioned editing by the administrator. */
export function registerProcedureRoutes(app: FastifyInstance, deps: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['procedures'];

  r.get(
    '/api/v1/procedures',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Danh mục thủ tục hành chính; tìm theo tên có hoặc không dấu, theo lĩnh vực (catalogue)',
        querystring: z.object({
          q: z.string().trim().max(200).optional(),
          domain: ProcedureDomain.optional(),
        }),
        response: { 200: z.object({ items: z.array(ProcedureSummary) }) },
      },
    },
    async (req) => ({ items: await service.listProcedures(db, req.query) }),
  );

  r.get(
    '/api/v1/procedures/export.json',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Xuất danh mục thủ tục (JSON, định dạng nhập được) — export the catalogue',
        response: { 200: z.array(Procedure) },
      },
    },
    async (_req, reply) => {
      reply.header('content-disposition', 'attachment; filename="thu-tuc-hanh-chinh.json"');
      return service.exportCatalogue(db);
    },
  );

  r.get(
    '/api/v1/procedures/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Một thủ tục: phiên bản hiện hành và lịch sử phiên bản (one procedure)',
        params: Id,
        response: { 200: ProcedureDetail },
      },
    },
    async (req) => service.getProcedure(db, req.params.id),
  );

  r.put(
    '/api/v1/procedures/:id',
    {
      config: { access: { permission: 'catalogue.manage' } },
      schema: {
        tags,
        summary: 'Sửa thủ tục: tạo phiên bản mới; expectedVersion là phiên bản đang sửa (edit → new version)',
        params: Id,
        body: z.object({
          expectedVersion: z.number().int().min(1),
          reason: z.string().trim().min(1).max(500).optional(),
          data: z.unknown(),
        }),
        response: { 200: ProcedureDetail },
      },
    },
    async (req) => service.updateProcedure(writeContext(req, db), req.params.id, req.body),
  );

  registerCatalogueRoutes(app, deps);
}
