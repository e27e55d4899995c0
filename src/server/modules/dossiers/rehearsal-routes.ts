import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../../config';
import type { Db } from '../../db/database';

/**
 * Nothing of its own: the rehearsal mode's routes are the campaign module's (campaign/rehearsal-mode-routes.ts,
 * GET/PUT /api/v1/communes/:code/campaign/rehearsal-mode, which also reads the commune's go-live state); the
 * rehearsal flag of an intake, the lists' filter and the marks ride on the dossiers' own routes.
 */
export function registerRehearsalRoutes(_app: FastifyInstance, _deps: { db: Db; config: AppConfig }) {}
