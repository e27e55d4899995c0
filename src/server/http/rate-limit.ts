/**
 * Rate limit of public endpoints (no account: address resolver, status look-up, feedback), per client address.
 * Counted in each instance's memory: behind a load balancer each instance enforces its share (see README).
 */
export function publicRateLimit(maxPerMinute: number) {
  return { rateLimit: { max: maxPerMinute, timeWindow: '1 minute' } };
}
