import { describe, expect, it } from 'vitest';
import { isVietnamesePhone, normalizePhone } from './phone';

describe('normalizePhone', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['0912 345 678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['0912-345-678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['+84912345678', '0912345678'],
    ['0084 912 345 678', '0912345678'],
    ['84912345678', '0912345678'],
    ['(0239) 3855 123', '02393855123'],
    ['  0912345678  ', '0912345678'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it('leaves what is not a phone number recognisably wrong', () => {
    expect(normalizePhone('abc')).toBe('abc');
    expect(isVietnamesePhone(normalizePhone('12345'))).toBe(false);
  });
});

describe('isVietnamesePhone', () => {
  it.each([
    ['0912345678', true],
    ['0312345678', true],
    ['02393855123', true],
    ['0112345678', false],
    ['091234567', false],
    ['09123456789', false],
  ])('%s → %s', (input, expected) => {
    expect(isVietnamesePhone(input)).toBe(expected);
  });
});
