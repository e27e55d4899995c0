/**
 * The campaign module (vận hành thử nghiệm → vận hành chính thức): one line per part, each registered by the
 * file that owns it. Readiness and go-live; trials, incidents and lessons; recommendations, inspections and
 * directives; the province's board.
 */
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../../config';
import type { Db } from '../../db/database';
import type { FileStorage } from '../dossiers/storage';
import { registerBoardRoutes } from './board-routes';
import { registerGoLiveRoutes } from './golive-routes';
import { registerReadinessRoutes } from './readiness-routes';
import { registerRecommendationRoutes } from './recommendation-routes';
import { registerRehearsalModeRoutes } from './rehearsal-mode-routes';
import { registerTrialRoutes } from './trial-routes';

export interface CampaignDeps {
  db: Db;
  config: AppConfig;
  storage?: FileStorage;
}

export function registerCampaignRoutes(app: FastifyInstance, deps: CampaignDeps) {
  registerReadinessRoutes(app, deps);
  registerGoLiveRoutes(app, deps);
  registerTrialRoutes(app, deps);
  registerRecommendationRoutes(app, deps);
  registerBoardRoutes(app, deps);
  registerRehearsalModeRoutes(app, deps);
}
