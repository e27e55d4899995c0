/**
 * Rate limits (login, public endpoints), per client address and route, declared on a route as
 * `config: { rateLimit: { max, timeWindow } }` (`publicRateLimit` for the public endpoints).
 *
 * A refused request must cost next to nothing, so a flood from one client cannot starve the counter: the limit is
 * checked in an onRequest hook that runs before authentication (no session look-up, no database work at all),
 * before the body is read, and the 429 problem is sent from the hook itself (no error object, no error handler);
 * it is logged at debug level only (http/request-log.ts). A route whose clients expect another error format gives
 * its own `refuse` (Open311: the specification's error list).
 *
 * Counters live in this instance's memory, or in Redis when REDIS_URL is set, so that several instances behind a
 * load balancer enforce one limit together (the standard Redis store of @fastify/rate-limit: one atomic INCR +
 * PEXPIRE per request). If Redis stops answering, requests pass unlimited (logged) rather than the counter
 * stopping; the login throttle in the database still holds.
 */
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { titleOf } from './errors';
import { requestLang } from './lang';
import { problemBody } from './problem';

/**
 * How a route answers a refused request when its clients expect another error format than problem+json (Open311):
 * sends the reply itself, in that format, with status 429 (Retry-After is already set).
 */
export type Refusal = (reply: FastifyReply, detail: string) => FastifyReply;

/** Requests per minute per client address on a public endpoint (XASO_PUBLIC_RATE_LIMIT). */
export function publicRateLimit(maxPerMinute: number, refuse?: Refusal) {
  return { rateLimit: { max: maxPerMinute, timeWindow: '1 minute', ...(refuse ? { refuse } : {}) } };
}

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;
type RateLimitSpec = NonNullable<Parameters<FastifyInstance['createRateLimit']>[0]>;

/** Prefix of every rate-limit key in Redis (one Redis may serve other applications). */
export const REDIS_KEY_PREFIX = 'xaso:rate-limit:';

/**
 * Opens the Redis connection of REDIS_URL for the shared rate limits; refuses to start when Redis does not answer
 * (a misconfigured URL must not silently leave every instance with limits of its own).
 */
export async function connectRedis(url: string): Promise<Redis> {
  // Loaded only when REDIS_URL is set (most instances never use it).
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, {
    lazyConnect: true,
    // A request never waits for Redis to come back: with no connection the command fails at once (and the
    // request passes unlimited, see above).
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
  });
  redis.on('error', () => {}); // reconnects by itself; failures are logged per request below
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    redis.disconnect();
    throw new Error(`Redis không phản hồi (REDIS_URL does not answer): ${(e as Error).message}`);
  }
  return redis;
}

export async function registerRateLimits(app: FastifyInstance, options: { redis?: Redis | null }) {
  // The plugin lives in a scope of its own so that it hooks no route itself; the early hook below applies it.
  let createLimiter!: FastifyInstance['createRateLimit'];
  await app.register(async (scope) => {
    await scope.register(rateLimit, {
      global: false,
      skipOnError: true,
      ...(options.redis ? { redis: options.redis, nameSpace: REDIS_KEY_PREFIX } : {}),
    });
    createLimiter = scope.createRateLimit.bind(scope);
  });

  const limiters = new Map<string, Limiter>();
  let lastStoreWarning = 0;

  app.addHook('onRequest', async (req, reply) => {
    const declared = req.routeOptions.config?.rateLimit as (RateLimitSpec & { refuse?: Refusal }) | undefined;
    if (!declared) return;
    const { refuse, ...spec } = declared;
    const route = `${req.method} ${req.routeOptions.url}`;
    let limiter = limiters.get(route);
    if (!limiter) {
      // One counter per route and client address (IPv6 clients by their /64).
      limiter = createLimiter({
        ...spec,
        keyGenerator: (r: FastifyRequest) => `${route}:${normalizeIP(r.ip)}`,
      });
      limiters.set(route, limiter);
    }
    const result = await limiter(req);
    if (result.isAllowed) return;
    if (result.ttl === 0 && result.remaining === result.max) {
      // The store did not answer (skipOnError): let the request through, and say so now and then.
      if (Date.now() - lastStoreWarning > 60_000) {
        lastStoreWarning = Date.now();
        req.log.warn('rate-limit store unavailable: requests pass unlimited');
      }
      return;
    }
    reply.header('x-ratelimit-limit', result.max);
    reply.header('x-ratelimit-remaining', result.remaining);
    reply.header('x-ratelimit-reset', result.ttlInSeconds);
    if (!result.isExceeded) return;
    const seconds = Math.max(1, result.ttlInSeconds);
    const lang = requestLang(req);
    const detail =
      lang === 'vi'
        ? `Quá nhiều yêu cầu; thử lại sau ${seconds} giây.`
        : `Too many requests; retry in ${seconds} seconds.`;
    reply.code(429).header('retry-after', String(seconds));
    if (refuse) return refuse(reply, detail);
    return reply
      .type('application/problem+json; charset=utf-8')
      .send(problemBody(req, 'rate_limited', 429, detail || titleOf('rate_limited', lang)));
  });
}
