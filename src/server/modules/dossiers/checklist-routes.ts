/** HTTP: the checklist answers of one dossier, for the dossier page (whichever channel filed it). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DossierChecklist } from '../../../common/api/dossier-checklist';
import type { Db } from '../../db/database';
import { dossierPartyRecord } from './access';
import { getDossierChecklist } from './checklist';

export function registerDossierChecklistRoutes(app: FastifyInstance, deps: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get(
    '/api/v1/dossiers/:id/checklist',
    {
      // Whoever may read the dossier: the competent commune and the centre that received it.
      config: dossierPartyRecord('dossier.read'),
      schema: {
        tags: ['dossiers'],
        summary:
          'Thành phần hồ sơ: từng giấy tờ của phiên bản thủ tục với câu trả lời khi tiếp nhận — đã nhận, không áp dụng, thiếu (checklist answers)',
        params: z.object({ id: z.string().uuid() }),
        response: { 200: DossierChecklist },
      },
    },
    async (req) => getDossierChecklist(db, req.params.id),
  );
}
