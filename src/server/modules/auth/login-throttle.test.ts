import { describe, expect, it } from 'vitest';
import {
  addressKey,
  afterFailure,
  DEFAULT_THROTTLE_POLICY,
  isBlocked,
  pairKey,
  type ThrottleState,
} from './login-throttle';

const at = (s: number) => new Date(Date.UTC(2025, 6, 1, 8, 0, s));

function fail(times: number, threshold = 5, start = 0, step = 1): ThrottleState {
  let state: ThrottleState | null = null;
  for (let i = 0; i < times; i++) state = afterFailure(state, at(start + i * step), threshold);
  return state!;
}

describe('afterFailure', () => {
  it.each([
    // failures, threshold, wait in seconds after the last failure (null: not blocked)
    [1, 5, null],
    [4, 5, null],
    [5, 5, 60],
    [6, 5, 120],
    [7, 5, 240],
    [8, 5, 480],
    [9, 5, 900],
    [20, 5, 900],
    [19, 20, null],
    [20, 20, 60],
  ])('%i failures with threshold %i → wait %s s', (times, threshold, wait) => {
    const state = fail(times, threshold);
    const last = at(times - 1);
    if (wait === null) expect(state.blockedUntil).toBeNull();
    else expect((state.blockedUntil!.getTime() - last.getTime()) / 1000).toBe(wait);
  });

  it('forgets failures after a quiet hour', () => {
    const state = fail(4);
    const later = new Date(at(3).getTime() + (DEFAULT_THROTTLE_POLICY.forgetAfterSeconds + 1) * 1000);
    expect(afterFailure(state, later, 5)).toMatchObject({ failures: 1, blockedUntil: null });
  });
});

describe('isBlocked', () => {
  it('is blocked until the wait is over, then not', () => {
    const state = fail(5);
    expect(isBlocked(state, at(5))).toBe(true);
    expect(isBlocked(state, new Date(state.blockedUntil!.getTime() + 1))).toBe(false);
    expect(isBlocked(null, at(0))).toBe(false);
  });
});

describe('keys', () => {
  it('count a username as typed (case and spaces folded) per address, whether or not it exists', () => {
    expect(pairKey(' Admin ', '203.0.113.5')).toBe('user:admin|ip:203.0.113.5');
    expect(pairKey('nobody', null)).toBe('user:nobody|ip:unknown');
    expect(addressKey('203.0.113.5')).toBe('ip:203.0.113.5');
  });
});
