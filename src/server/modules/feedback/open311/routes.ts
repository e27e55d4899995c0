import type { FastifyInstance } from 'fastify';
import type { FeedbackDeps } from '../index';

/** Placeholder (issue 13): filled by its owner. */
export function registerOpen311Routes(_app: FastifyInstance, _deps: FeedbackDeps) {}
