import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CommuneDashboard, DashboardQuery } from '../../../common/api/dossiers-dashboard';
import { CommuneCodeParam } from '../../../common/api/units';
import type { Db } from '../../db/database';
import type { Access } from '../../http/auth';
import { communeDashboard } from './dashboard';

/** The commune's dossier dashboard: its officials (dossier.read) and the province's officers; others 403. */
export function registerDossierDashboardRoutes(app: FastifyInstance, deps: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/communes/:code/dossier-dashboard',
    {
      config: { access: { permission: 'dossier.read', communeParam: 'code' } satisfies Access },
      schema: {
        tags: ['dossiers'],
        summary:
          'Bảng điều hành hồ sơ của xã: tiếp nhận, giải quyết đúng hạn/trễ hạn, đang giải quyết, tồn kỳ trước, theo thủ tục và cán bộ; hài lòng, số hóa; hồ sơ quá hạn và sắp đến hạn (commune dossier dashboard)',
        params: z.object({ code: CommuneCodeParam }),
        querystring: DashboardQuery,
        response: { 200: CommuneDashboard },
      },
    },
    async (req) => communeDashboard(deps.db, { communeCode: req.params.code, month: req.query.month }),
  );
}
