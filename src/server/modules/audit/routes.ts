import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditEntry } from '../../../common/api/auth';
import { IsoDate } from '../../../common/api/calendar';
import type { Db } from '../../db/database';
import { authorizeCommune, communeScope, isUuid, requirePrincipal } from '../../http/auth';
import { AppError } from '../../http/errors';
import { communeCodesOfProvinces } from '../units/service';
import { type EntityLabelers, listAuditEntries } from './service';

/** An entry as the log shows it: with a readable name of its entity where one is known (a dossier's code). */
const AuditRow = AuditEntry.extend({ entityLabel: z.string().nullable() });

export interface AuditRouteDeps {
  db: Db;
  /** Readable names of other modules' entities (see EntityLabelers). */
  entityLabels?: EntityLabelers;
  /** Entity types whose records may be named by a human code in the filter (a dossier code → its id). */
  entityIdByCode?: Readonly<Record<string, (db: Db, code: string) => Promise<string | null>>>;
}

export function registerAuditRoutes(app: FastifyInstance, deps: AuditRouteDeps) {
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
        response: { 200: z.object({ items: z.array(AuditRow), nextCursor: z.number().nullable() }) },
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
      // "Mã đối tượng" may be a dossier's code rather than its id.
      let entityId = q.entityId;
      const byCode = q.entityType && q.entityId ? deps.entityIdByCode?.[q.entityType] : undefined;
      if (byCode && entityId && !isUuid(entityId)) entityId = (await byCode(db, entityId)) ?? entityId;
      return listAuditEntries(db, { ...q, entityId, communeCodes, before: q.cursor }, deps.entityLabels);
    },
  );
}
