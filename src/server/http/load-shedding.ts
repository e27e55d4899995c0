/**
 * Under pressure, shed load instead of stalling everyone: when the event loop is saturated (delay or utilisation)
 * or the heap is near its budget, new requests get a quick 503 problem with Retry-After (@fastify/under-pressure
 * samples every second) and the requests already running finish.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
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

/**
 * The event-loop delay check, measured by XãSố rather than by the plugin: the plugin takes a second without a
 * single histogram sample (the process starved of CPU by its neighbours, or one long synchronous task such as a
 * PDF) as an infinite delay and sheds everything, whatever the budget. A budget of 0 turns the check off. Here the delay of a second is the larger of
 * the histogram's mean and how late the check itself ran, and requests are shed only when two checks in a row are
 * over budget: a saturated loop is shed within two seconds, one slow task is not mistaken for saturation.
 */
export function eventLoopDelayCheck(maxDelayMs: number, intervalMs = 1000) {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let last = performance.now();
  let overBefore = false;
  const check = async () => {
    if (maxDelayMs <= 0) return true; // 0: not checked (as the plugin's own option)
    const now = performance.now();
    const late = Math.max(0, now - last - intervalMs);
    last = now;
    const mean = histogram.count > 0 ? histogram.mean / 1e6 : 0;
    histogram.reset();
    const over = Math.max(mean, late) > maxDelayMs;
    const healthy = !(over && overBefore);
    overBefore = over;
    return healthy;
  };
  return { check, stop: () => histogram.disable() };
}

export async function registerLoadShedding(app: FastifyInstance, limits: LoadLimits) {
  const delay = eventLoopDelayCheck(limits.maxEventLoopDelayMs);
  app.addHook('onClose', async () => delay.stop());
  await app.register(underPressure, {
    maxEventLoopDelay: 0, // measured by healthCheck below
    healthCheck: delay.check,
    healthCheckInterval: 1000,
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
