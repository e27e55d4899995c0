/** HTTP: the appointments moved by a calendar change, for the one-stop centre to call the applicants. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DueDateChangePage, DueDateChangeQuery } from '../../../common/api/due-date-changes';
import { CommuneCodeParam } from '../../../common/api/units';
import type { Db } from '../../db/database';
import { requirePrincipal, writeContext } from '../../http/auth';
import { acknowledgeDueDateChange, communeOfDueDateChange, listDueDateChanges } from './due-date-changes';

const Problem = z.object({ status: z.number(), code: z.string() }).passthrough();

// Telling the applicant is the counter's work (bộ phận một cửa): the one-stop officers and the leaders hold it.
const PERMISSION = 'dossier.intake' as const;

export function registerDueDateChangeRoutes(app: FastifyInstance, deps: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['dossiers'];

  r.get(
    '/api/v1/communes/:code/due-date-changes',
    {
      config: { access: { permission: PERMISSION, communeParam: 'code' } },
      schema: {
        tags,
        summary:
          'Hồ sơ thay đổi ngày hẹn trả do điều chỉnh lịch nghỉ, hẹn cũ sớm nhất trước (appointments moved by a calendar change)',
        params: z.object({ code: CommuneCodeParam }),
        querystring: DueDateChangeQuery,
        response: { 200: DueDateChangePage },
      },
    },
    async (req) => listDueDateChanges(db, req.params.code, req.query),
  );

  r.post(
    '/api/v1/due-date-changes/:id/acknowledge',
    {
      config: { access: { permission: PERMISSION, recordParam: 'id', communeOf: communeOfDueDateChange } },
      schema: {
        tags,
        summary: 'Đã báo ngày hẹn mới cho công dân; lần hai → 409 (the applicant has been told)',
        params: z.object({ id: z.string().uuid() }),
        response: {
          200: z.object({ id: z.string().uuid(), acknowledgedAt: z.string() }),
          409: Problem,
        },
      },
    },
    async (req) =>
      acknowledgeDueDateChange(writeContext(req, db), requirePrincipal(req).accountId, req.params.id),
  );
}
