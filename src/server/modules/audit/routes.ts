import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditEntry } from '../../../common/api/auth';
import { IsoDate } from '../../../common/api/calendar';
import type { Db } from '../../db/database';
import { authorizeCommune, communeScope, requirePrincipal } from '../../http/auth';
import { AppError } from '../../http/errors';
import { communeCodesOfProvinces } from '../units/service';
import { listAuditEntries } from './service';

export function registerAuditRoutes(app: FastifyInstance, deps: { db: Db }) {
  const { db } = deps;
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/audit',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['audit'],
        summary: 'Nhật ký thay đổi (audit log), mới nhất trước; trong phạm vi quyền của người xem',
        querystring: z.object({
          communeCode: z
            .string()
            .regex(/^\d{5}$/, { message: 'commune_code' })
            .optional(),
          actor: z.string().max(100).optional(),
          action: z.string().max(100).optional(),
          entityType: z.string().max(100).optional(),
          entityId: z.string().max(100).optional(),
          from: IsoDate.optional(),
          to: IsoDate.optional(),
          cursor: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(AuditEntry), nextCursor: z.number().nullable() }) },
      },
    },
    async (req) => {
      requirePrincipal(req);
      const q = req.query;
      let communeCodes: string[] | null;
      if (q.communeCode) {
        await authorizeCommune(req, db, q.communeCode, 'audit.read');
        communeCodes = [q.communeCode];
      } else {
        const scope = communeScope(req, 'audit.read');
        if (scope.all) communeCodes = null;
        else {
          communeCodes = [...scope.communeCodes, ...(await communeCodesOfProvinces(db, scope.provinceCodes))];
          if (!communeCodes.length) throw new AppError('forbidden');
        }
      }
      return listAuditEntries(db, { ...q, communeCodes, before: q.cursor });
    },
  );
}
