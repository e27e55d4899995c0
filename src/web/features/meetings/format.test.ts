import { describe, expect, it } from 'vitest';
import { articlesOf, clockOf, localToInstant, requiredOf, thresholdText, timerText } from './format';

describe('meeting screen helpers', () => {
  it.each([
    [{ comparison: 'more_than', numerator: 1, denominator: 2 } as const, 'vi', 'quá 1/2'],
    [{ comparison: 'at_least', numerator: 2, denominator: 3 } as const, 'vi', 'ít nhất 2/3'],
    [{ comparison: 'at_least', numerator: 2, denominator: 3 } as const, 'en', 'at least 2/3'],
  ])('names the threshold %o in %s', (t, lang, text) => {
    expect(thresholdText(t, lang)).toBe(text);
  });

  it.each([
    [30, { comparison: 'more_than', numerator: 1, denominator: 2 } as const, 16],
    [31, { comparison: 'more_than', numerator: 1, denominator: 2 } as const, 16],
    [30, { comparison: 'at_least', numerator: 2, denominator: 3 } as const, 20],
    [31, { comparison: 'at_least', numerator: 2, denominator: 3 } as const, 21],
  ])('of %i members, %o needs %i', (base, t, needed) => {
    expect(requiredOf(base, t)).toBe(needed);
  });

  it('shows instants in Vietnam time and timers as mm:ss', () => {
    expect(clockOf('2025-06-20T01:05:00.000Z')).toBe('08:05');
    expect(clockOf(null)).toBe('');
    expect(timerText(125)).toBe('02:05');
    expect(timerText(-3)).toBe('00:00');
  });

  it('turns a local date and time into an instant, refusing nonsense', () => {
    expect(localToInstant('2025-06-20', '08:00')).toBe('2025-06-20T01:00:00.000Z');
    expect(localToInstant('2025-06-20', '25:00')).toBeNull();
    expect(localToInstant('20/06/2025', '08:00')).toBeNull();
  });

  it('splits a paper into its articles for comments', () => {
    const body = 'QUY CHẾ LÀM VIỆC\nĐiều 1. Phạm vi\nQuy chế này...\nĐiều 2. Nguyên tắc\nTập trung dân chủ.';
    expect(articlesOf(body)).toEqual([
      { anchor: 'Điều 1', text: 'Điều 1. Phạm vi\nQuy chế này...' },
      { anchor: 'Điều 2', text: 'Điều 2. Nguyên tắc\nTập trung dân chủ.' },
    ]);
    expect(articlesOf('')).toEqual([]);
  });
});
