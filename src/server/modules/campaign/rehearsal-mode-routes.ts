import type { FastifyInstance } from 'fastify';
import type { CampaignDeps } from './index';

/** Placeholder until its owner builds it. */
export function registerRehearsalModeRoutes(_app: FastifyInstance, _deps: CampaignDeps) {}
