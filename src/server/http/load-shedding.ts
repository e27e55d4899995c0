/**
 * Under pressure, shed load instead of stalling everyone: when the event loop is saturated (delay or utilisation)
 * or the heap is near its budget, new requests get a quick 503 problem with Retry-After (@fastify/under-pressure
 * samples every second) and the requests already running finish.
 */
import v8 from 'node:v8';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import { titleOf } from './errors';
import { requestLang } from './lang';
import { problemBody } from './problem';

export interface LoadLimits {
  /** Mean event-loop delay over the last second above which requests are shed (ms). */
  maxEventLoopDelayMs: number;
  /** Event-loop utilisation (0–1) over the last second above which requests are shed; null: not checked. */
  maxEventLoopUtilization: number | null;
  /** Heap in use above which requests are shed (bytes); default 90% of V8's heap limit. */
  maxHeapUsedBytes: number;
  retryAfterSeconds: number;
}

export const defaultHeapBudget = () => Math.floor(v8.getHeapStatistics().heap_size_limit * 0.9);

export async function registerLoadShedding(app: FastifyInstance, limits: LoadLimits) {
  await app.register(underPressure, {
    maxEventLoopDelay: limits.maxEventLoopDelayMs,
    ...(limits.maxEventLoopUtilization ? { maxEventLoopUtilization: limits.maxEventLoopUtilization } : {}),
    maxHeapUsedBytes: limits.maxHeapUsedBytes,
    retryAfter: limits.retryAfterSeconds,
    pressureHandler: (req, reply, type, value) => {
      req.log.warn({ type, value }, 'under pressure: request shed');
      const lang = requestLang(req);
      const detail =
        lang === 'vi'
          ? `Hệ thống đang quá tải; vui lòng thử lại sau ${limits.retryAfterSeconds} giây.`
          : `The system is overloaded; retry in ${limits.retryAfterSeconds} seconds.`;
      reply
        .status(503)
        .header('Retry-After', String(limits.retryAfterSeconds))
        .type('application/problem+json; charset=utf-8');
      // A non-null result is sent as the answer (the plugin's contract; its type says void).
      return problemBody(req, 'unavailable', 503, detail || titleOf('unavailable', lang)) as never;
    },
  });
}
