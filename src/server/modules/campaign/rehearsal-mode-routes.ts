/**
 * The one-stop centre's rehearsal mode (chế độ diễn tập), switched by the commune leader for a trial day: while
 * on, the counter may receive mock dossiers (marked DIỄN TẬP, coded DT-…, out of official counts). It can no
 * longer be switched on once the commune runs officially (commune_go_live status 'live'); switching it off is
 * always allowed. Each switch is audited in its transaction.
 */
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  RehearsalModeQuery,
  RehearsalModeRequest,
  RehearsalModeView,
} from '../../../common/api/dossiers-rehearsal';
import { CommuneCodeParam } from '../../../common/api/units';
import type { DbOrTx } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { type Access, isUuid, requirePrincipal, writeContext } from '../../http/auth';
import { AppError, text } from '../../http/errors';
import { accountPeople } from '../auth/service';
import { localDate } from '../dossiers/domain';
import { rehearsalDossierList, rehearsalModeOf, setRehearsalModeInTx } from '../dossiers/rehearsal';
import type { CampaignDeps } from './index';
import { communeGoLive } from './schema';

const Code = z.object({ code: CommuneCodeParam });

async function isLive(db: DbOrTx, communeCode: string): Promise<boolean> {
  const [row] = await db
    .select({ status: communeGoLive.status })
    .from(communeGoLive)
    .where(and(eq(communeGoLive.communeCode, communeCode), eq(communeGoLive.status, 'live')));
  return row !== undefined;
}

export async function rehearsalModeView(db: DbOrTx, communeCode: string, day: string) {
  const [mode, live, list] = await Promise.all([
    rehearsalModeOf(db, communeCode),
    isLive(db, communeCode),
    rehearsalDossierList(db, communeCode, day),
  ]);
  const by = mode.changedBy;
  const people = by && isUuid(by) ? await accountPeople(db, [by]) : new Map();
  return {
    communeCode,
    enabled: mode.enabled,
    changedAt: mode.changedAt,
    changedBy: by ? (people.get(by)?.displayName ?? by) : null,
    live,
    day,
    ...list,
  };
}

export function registerRehearsalModeRoutes(app: FastifyInstance, deps: CampaignDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['campaign'];

  r.get(
    '/api/v1/communes/:code/campaign/rehearsal-mode',
    {
      config: { access: { permission: 'campaign.read', communeParam: 'code' } satisfies Access },
      schema: {
        tags,
        summary:
          'Chế độ diễn tập của bộ phận một cửa: bật/tắt, đã vận hành chính thức chưa, hồ sơ diễn tập trong ngày (rehearsal mode)',
        params: Code,
        querystring: RehearsalModeQuery,
        response: { 200: RehearsalModeView },
      },
    },
    async (req) => rehearsalModeView(db, req.params.code, req.query.day ?? localDate(new Date())),
  );

  r.put(
    '/api/v1/communes/:code/campaign/rehearsal-mode',
    {
      config: { access: { permission: 'campaign.manage', communeParam: 'code' } satisfies Access },
      schema: {
        tags,
        summary:
          'Lãnh đạo xã bật hoặc tắt chế độ diễn tập; không bật được khi xã đã vận hành chính thức (409); ghi nhật ký',
        params: Code,
        body: RehearsalModeRequest,
        response: { 200: RehearsalModeView },
      },
    },
    async (req) => {
      const principal = requirePrincipal(req);
      const communeCode = req.params.code;
      const { enabled } = req.body;
      await inTransaction(writeContext(req, db), async (tx, audit) => {
        if (enabled && (await isLive(tx, communeCode))) {
          throw new AppError(
            'conflict',
            text(
              'Xã đã vận hành chính thức: không thể bật lại chế độ diễn tập. Hồ sơ tiếp nhận từ nay đều là hồ sơ chính thức.',
              'The commune is in official operation: rehearsal mode cannot be switched on again. Every dossier received from now on is official.',
            ),
            { errors: [{ field: 'body.enabled', message: 'The commune is live' }] },
          );
        }
        const before = await rehearsalModeOf(tx, communeCode);
        await setRehearsalModeInTx(tx, communeCode, enabled, principal.accountId);
        await audit({
          action: enabled ? 'campaign.rehearsal_mode.on' : 'campaign.rehearsal_mode.off',
          entityType: 'dossier_rehearsal_mode',
          entityId: communeCode,
          communeCode,
          before: { enabled: before.enabled },
          after: { enabled },
        });
      });
      return rehearsalModeView(db, communeCode, localDate(new Date()));
    },
  );
}
