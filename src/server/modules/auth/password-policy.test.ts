import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy';

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
