import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../../config';
import type { Db } from '../../db/database';

/** Placeholder until its owner builds it. */
export function registerRehearsalRoutes(_app: FastifyInstance, _deps: { db: Db; config: AppConfig }) {}
