import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../../config';
import type { Db } from '../../db/database';

/** Placeholder (issue 13): the administrators' view of the outbox. */
export function registerNotificationRoutes(_app: FastifyInstance, _deps: { db: Db; config: AppConfig }) {}
