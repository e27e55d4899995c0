/** Routes of the meetings core: body settings, meetings, invitations, attendance, agenda, speeches, hall screen. */
import type { FastifyInstance } from 'fastify';
import type { MeetingDeps } from './index';

export function registerMeetingCoreRoutes(_app: FastifyInstance, _deps: MeetingDeps) {}
