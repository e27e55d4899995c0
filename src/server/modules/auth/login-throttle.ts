/**
 * Throttling of failed logins (pure). A wrong password must not become a way to lock somebody else out, nor a way
 * to learn which usernames exist:
 * - failures are counted per (username as typed, client address) and per client address, never per account
 *   alone: an attacker at one address slows down only that address, and the real user elsewhere signs in;
 * - past a threshold each further failure doubles the wait (back-off) up to a ceiling; a success clears the pair;
 * - while blocked, every answer is the same "wrong username or password" (also for the right password and for
 *   usernames that do not exist), so the answers reveal nothing.
 * [U] The numbers are configuration, not law: 5 failures per pair and 20 per address before the first wait of
 * 1 minute, doubling to at most 15 minutes; a quiet hour forgets the failures.
 */
export interface ThrottlePolicy {
  /** Failures of one username from one address before waiting. */
  pairThreshold: number;
  /** Failures from one address (any usernames) before waiting. */
  addressThreshold: number;
  firstWaitSeconds: number;
  maxWaitSeconds: number;
  /** Failures older than this (since the last one) are forgotten. */
  forgetAfterSeconds: number;
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  pairThreshold: 5,
  addressThreshold: 20,
  firstWaitSeconds: 60,
  maxWaitSeconds: 15 * 60,
  forgetAfterSeconds: 3600,
};

export interface ThrottleState {
  failures: number;
  lastFailureAt: Date;
  blockedUntil: Date | null;
}

export function isBlocked(state: ThrottleState | null, now: Date): boolean {
  return !!state?.blockedUntil && state.blockedUntil > now;
}

/** The state after one more failure; `threshold` is the pair's or the address's. */
export function afterFailure(
  state: ThrottleState | null,
  now: Date,
  threshold: number,
  policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY,
): ThrottleState {
  const stale = !state || now.getTime() - state.lastFailureAt.getTime() > policy.forgetAfterSeconds * 1000;
  const failures = (stale ? 0 : state.failures) + 1;
  if (failures < threshold) return { failures, lastFailureAt: now, blockedUntil: null };
  const wait = Math.min(policy.firstWaitSeconds * 2 ** (failures - threshold), policy.maxWaitSeconds);
  return { failures, lastFailureAt: now, blockedUntil: new Date(now.getTime() + wait * 1000) };
}

export const pairKey = (username: string, address: string | null) =>
  `user:${username.trim().toLowerCase()}|ip:${address ?? 'unknown'}`;
export const addressKey = (address: string | null) => `ip:${address ?? 'unknown'}`;
