import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IsoDate } from '../../../common/api/calendar';
import { ProvinceDossierOverview, QueueCounts, RehearsalFilter } from '../../../common/api/dossiers';
import { CommuneCodeParam, ProvinceCodeParam } from '../../../common/api/units';
import type { Db } from '../../db/database';
import { authorizeCommune, communeScope, requirePrincipal } from '../../http/auth';
import { AppError, text } from '../../http/errors';
import { getProvince } from '../units/service';
import { provinceDossierOverview } from './province-overview';
import { queueCounts } from './queues';

/** The counts on the queue tabs, and the province officer's overview of the communes that use XãSố. */
export function registerQueueRoutes(app: FastifyInstance, deps: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['dossiers'];

  r.get(
    '/api/v1/dossiers/queue-counts',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary:
          'Số hồ sơ của mỗi hàng đợi của một xã, cùng bộ lọc với danh sách; xã không có quyền → 403 (queue counts)',
        querystring: z.object({
          communeCode: CommuneCodeParam,
          q: z.string().trim().max(200).optional(),
          procedureId: z.string().uuid().optional(),
          receivedFrom: IsoDate.optional(),
          receivedTo: IsoDate.optional(),
          rehearsal: RehearsalFilter.optional(),
          archived: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: QueueCounts },
      },
    },
    async (req) => {
      const principal = await authorizeCommune(req, db, req.query.communeCode, 'dossier.read');
      return queueCounts(db, communeScope(req, 'dossier.read'), principal.accountId, req.query);
    },
  );

  r.get(
    '/api/v1/provinces/:code/dossier-overview',
    {
      config: { access: 'signedIn' },
      schema: {
        tags,
        summary:
          'Các xã đã sử dụng XãSố của tỉnh với số hồ sơ quá hạn, sắp đến hạn; cán bộ tỉnh của tỉnh đó hoặc quản trị, khác → 403 (province overview)',
        params: z.object({ code: ProvinceCodeParam }),
        response: { 200: ProvinceDossierOverview },
      },
    },
    async (req) => {
      requirePrincipal(req);
      await getProvince(db, req.params.code);
      const scope = communeScope(req, 'dossier.read');
      if (!(scope.all || scope.provinceCodes.includes(req.params.code)))
        throw new AppError(
          'forbidden',
          text(
            'Chỉ cán bộ tỉnh của tỉnh này mới xem được tổng quan các xã.',
            "Only this province's officers may see the overview of its communes.",
          ),
        );
      return provinceDossierOverview(db, req.params.code);
    },
  );
}
