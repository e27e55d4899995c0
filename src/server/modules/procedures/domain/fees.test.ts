import { describe, expect, it } from 'vitest';
import type { Fee } from '../../../../common/api/procedures';
import { AppError } from '../../../http/errors';
import { computeFee, type FeeOptions, formatDong } from './fees';

/** Chứng thực bản sao từ bản chính: 2,000đ/page, 1,000đ/page from page 3, at most 200,000đ per copy. */
const COPY: Fee = { kind: 'per_page', first: 2_000, next: 1_000, fromPage: 3, max: 200_000 };

describe('computeFee', () => {
  it.each<[string, Fee, FeeOptions, number | null]>([
    ['free', { kind: 'free' }, {}, 0],
    ['free ignores pages', { kind: 'free', note: 'on time' }, { pages: 9 }, 0],
    ['fixed', { kind: 'fixed', amount: 50_000 }, {}, 50_000],
    ['fixed, exempt', { kind: 'fixed', amount: 50_000 }, { exempt: true }, 0],
    ['fixed at the counter', { kind: 'fixed', amount: 20_000, onlineAmount: 10_000 }, {}, 20_000],
    ['fixed online', { kind: 'fixed', amount: 20_000, onlineAmount: 10_000 }, { online: true }, 10_000],
    ['fixed online without an online amount', { kind: 'fixed', amount: 10_000 }, { online: true }, 10_000],
    ['per copy, default one', { kind: 'per_copy', amount: 8_000 }, {}, 8_000],
    ['per copy × 3', { kind: 'per_copy', amount: 8_000 }, { copies: 3 }, 24_000],
    ['per page: 1 page', COPY, { pages: 1 }, 2_000],
    ['per page: 2 pages', COPY, { pages: 2 }, 4_000],
    ['per page: 3 pages (page 3 at 1,000)', COPY, { pages: 3 }, 5_000],
    ['per page: 10 pages', COPY, { pages: 10 }, 12_000],
    ['per page: 197 pages, just under the cap', COPY, { pages: 197 }, 199_000],
    ['per page: 198 pages, exactly the cap', COPY, { pages: 198 }, 200_000],
    ['per page: 199 pages, capped', COPY, { pages: 199 }, 200_000],
    ['per page: 500 pages, capped', COPY, { pages: 500 }, 200_000],
    ['per page: cap applies per copy', COPY, { pages: 500, copies: 2 }, 400_000],
    ['per page: 5 pages × 3 copies', COPY, { pages: 5, copies: 3 }, 21_000],
    ['per page: exempt', COPY, { pages: 5, exempt: true }, 0],
    [
      'per page without a cap',
      { kind: 'per_page', first: 2_000, next: 1_000, fromPage: 3 },
      { pages: 300 },
      302_000,
    ],
    ['provincial, not configured', { kind: 'provincial', note: 'HĐND tỉnh' }, {}, null],
    ['provincial, configured', { kind: 'provincial', note: 'HĐND tỉnh' }, { provincialAmount: 8_000 }, 8_000],
    ['provincial, exempt', { kind: 'provincial', note: 'HĐND tỉnh' }, { exempt: true }, 0],
  ])('%s', (_, fee, options, expected) => {
    const result = computeFee(fee, options);
    expect(result.amount).toBe(expected);
    expect(result.explanation.vi.length).toBeGreaterThan(0);
    expect(result.explanation.en.length).toBeGreaterThan(0);
  });

  it('explains a per-page fee line by line, in both languages', () => {
    expect(computeFee(COPY, { pages: 5, copies: 2 }).explanation).toEqual({
      vi: '2 trang × 2.000 đ + 3 trang × 1.000 đ = 7.000 đ/bản; × 2 bản = 14.000 đ.',
      en: '2 page(s) × 2.000 đ + 3 page(s) × 1.000 đ = 7.000 đ per copy; × 2 = 14.000 đ.',
    });
    expect(computeFee(COPY, { pages: 250 }).explanation.vi).toContain('tối đa 200.000 đ/bản');
  });

  it.each<[string, Fee, FeeOptions, string]>([
    ['pages missing', COPY, {}, 'pages'],
    ['zero pages', COPY, { pages: 0 }, 'pages'],
    ['fractional pages', COPY, { pages: 1.5 }, 'pages'],
    ['zero copies', COPY, { pages: 2, copies: 0 }, 'copies'],
    ['negative copies', { kind: 'per_copy', amount: 8_000 }, { copies: -1 }, 'copies'],
    [
      'negative provincial amount',
      { kind: 'provincial', note: 'x' },
      { provincialAmount: -5 },
      'provincialAmount',
    ],
  ])('refuses %s with a validation error on the field', (_, fee, options, field) => {
    try {
      computeFee(fee, options);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('validation_failed');
      expect((e as AppError).errors?.[0]?.field).toBe(field);
    }
  });
});

describe('formatDong', () => {
  it.each([
    [0, '0 đ'],
    [500, '500 đ'],
    [1_000, '1.000 đ'],
    [8_000, '8.000 đ'],
    [50_000, '50.000 đ'],
    [200_000, '200.000 đ'],
    [1_500_000, '1.500.000 đ'],
    [1_234_567_890, '1.234.567.890 đ'],
    [-25_000, '-25.000 đ'],
  ])('%d → %s', (amount, expected) => {
    expect(formatDong(amount)).toBe(expected);
  });

  it('refuses a fractional amount', () => {
    expect(() => formatDong(1.5)).toThrow(RangeError);
  });
});
