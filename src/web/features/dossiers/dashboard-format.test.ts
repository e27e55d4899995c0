import { describe, expect, it } from 'vitest';
import { formatCount, formatMonth, formatRate, pointsChange, recentMonths } from './dashboard-format';

describe('dashboard formats', () => {
  it('writes months as mm/yyyy and lists the recent ones, newest first, across a year', () => {
    expect(formatMonth('2026-03')).toBe('03/2026');
    expect(recentMonths('2026-02-15', 4)).toEqual(['2026-02', '2026-01', '2025-12', '2025-11']);
  });

  it.each([
    [5 / 9, 'vi', '55,6%'],
    [5 / 9, 'en', '55.6%'],
    [1, 'vi', '100%'],
    [null, 'vi', '—'],
  ])('rate %s in %s → %s', (rate, lang, text) => {
    expect(formatRate(rate, lang).replace(/\s/g, '')).toBe(text);
  });

  it('groups thousands the Vietnamese way', () => {
    expect(formatCount(1234567, 'vi')).toBe('1.234.567');
  });

  it.each([
    [0.9, 0.85, 5],
    [0.5, 0.5556, -5.6],
    [null, 0.5, null],
  ])('%s against %s: %s points', (a, b, points) => expect(pointsChange(a, b)).toBe(points));
});
