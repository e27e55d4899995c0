import { describe, expect, it } from 'vitest';
import { afterFailedLogin, checkPassword } from './password-policy';

describe('password policy', () => {
  it.each([
    ['Demo@2025', 'admin', []],
    ['short1A', 'x', ['too_short']],
    ['alllowercase', 'x', ['too_simple']],
    ['lowercase123', 'x', ['too_simple']],
    ['Lowercase123', 'x', []],
    ['lower-case-12', 'x', []],
    ['Lanhdao.tranphu1', 'lanhdao.tranphu', ['contains_username']],
    ['abc', 'x', ['too_short', 'too_simple']],
  ])('%s (user %s) → %j', (password, username, expected) => {
    expect(checkPassword(password, username)).toEqual(expected);
  });
});

describe('lockout', () => {
  const now = new Date('2025-06-20T02:00:00Z');
  it.each([
    [0, 1, null],
    [3, 4, null],
    [4, 0, '2025-06-20T02:15:00.000Z'],
  ])('after %i failures, one more gives counter %i and lock %s', (before, count, lockedUntil) => {
    const r = afterFailedLogin(before, now);
    expect(r.failedLogins).toBe(count);
    expect(r.lockedUntil?.toISOString() ?? null).toBe(lockedUntil);
  });
});
