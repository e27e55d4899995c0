/**
 * The meetings module's routes: one line per part (core, votes, papers, minutes and documents, tasks, OParl),
 * each registered by the file that owns it. deps.live is the instance's live hub (hall screen, members' devices).
 */
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../../config';
import type { Db } from '../../db/database';
import type { LiveHub } from '../live/hub';
import { registerMeetingAfterRoutes } from './after-routes';
import { registerOparlRoutes } from './oparl/routes';
import { registerMeetingPaperRoutes } from './paper-routes';
import { registerMeetingCoreRoutes } from './routes';
import { registerMeetingVoteRoutes } from './vote-routes';

export interface MeetingDeps {
  db: Db;
  config: AppConfig;
  live: LiveHub;
}

export function registerMeetingRoutes(app: FastifyInstance, deps: MeetingDeps) {
  registerMeetingCoreRoutes(app, deps);
  registerMeetingAfterRoutes(app, deps);
  registerMeetingVoteRoutes(app, deps);
  registerMeetingPaperRoutes(app, deps);
  registerOparlRoutes(app, deps);
}

export { hallView, publishMeetingChange } from './hall';
export { bodyHeadcount, membersOn } from './members';
export { assertMeetingStatus, communeOfItem, communeOfMeeting, getMeetingRow } from './store';
