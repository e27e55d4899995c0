/**
 * The feedback module (phản ánh, kiến nghị): one line per part, each registered by the file that owns it.
 * Receiving and the public pages; handling (states, merge, split, forward, escalate, answer); categories and
 * settings of the province; Open311 GeoReport v2.
 */
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../../config';
import type { Db } from '../../db/database';
import { registerCategoryRoutes } from './category-routes';
import { registerHandlingRoutes } from './handling-routes';
import { registerIntakeRoutes } from './intake-routes';
import { registerOpen311Routes } from './open311/routes';
import { registerPublicRoutes } from './public-routes';
import { registerQueueRoutes } from './queue-routes';

export interface FeedbackDeps {
  db: Db;
  config: AppConfig;
}

export function registerFeedbackRoutes(app: FastifyInstance, deps: FeedbackDeps) {
  registerCategoryRoutes(app, deps);
  registerIntakeRoutes(app, deps);
  registerPublicRoutes(app, deps);
  registerQueueRoutes(app, deps);
  registerHandlingRoutes(app, deps);
  registerOpen311Routes(app, deps);
}
