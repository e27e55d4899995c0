import type { FastifyInstance } from 'fastify';
import type { CampaignDeps } from './index';

/** Placeholder until its owner builds it. */
export function registerGoLiveRoutes(_app: FastifyInstance, _deps: CampaignDeps) {}
