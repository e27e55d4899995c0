import { describe, expect, it } from 'vitest';
import { formatDate, parseDate, todayInVietnam, weekdayOf } from './dates';

describe('web date helpers', () => {
  it.each([
    ['30/04/2025', '2025-04-30'],
    ['1/5/2025', '2025-05-01'],
    ['01-05-2025', '2025-05-01'],
    ['2025-05-01', '2025-05-01'],
    ['29/02/2024', '2024-02-29'],
    ['29/02/2025', null],
    ['31/04/2025', null],
    ['2025/04/30', null],
    ['', null],
  ])('parses %j as %j', (text, expected) => {
    expect(parseDate(text)).toBe(expected);
  });

  it('formats dd/mm/yyyy and knows the weekday', () => {
    expect(formatDate('2025-09-02')).toBe('02/09/2025');
    expect(weekdayOf('2025-09-02')).toBe(2);
  });

  it('takes today in Vietnam time', () => {
    expect(todayInVietnam(new Date('2025-06-30T18:00:00Z'))).toBe('2025-07-01');
  });
});
