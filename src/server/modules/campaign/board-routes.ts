import type { FastifyInstance } from 'fastify';
import type { CampaignDeps } from './index';

/** Placeholder until its owner builds it. */
export function registerBoardRoutes(_app: FastifyInstance, _deps: CampaignDeps) {}
