import { describe, expect, it } from 'vitest';
import { formatWait, localClock, spokenCall } from './format';

describe('hall display texts', () => {
  it.each([
    ['A005', 2, 'Mời số A 5 đến quầy 2'],
    ['B120', 1, 'Mời số B 120 đến quầy 1'],
    ['UA002', 3, 'Mời số ưu tiên A 2 đến quầy 3'],
    ['odd', 4, 'Mời số odd đến quầy 4'],
  ])('%s at counter %i is announced "%s"', (number, counter, spoken) => {
    expect(spokenCall(number, counter)).toBe(spoken);
  });

  it.each([
    [null, 'vi', '—'],
    [20, 'vi', '< 1 phút'],
    [150, 'vi', '3 phút'],
    [3_900, 'vi', '1 giờ 05 phút'],
    [150, 'en', '3 min'],
  ])('a wait of %s s reads %s (%s)', (seconds, lang, expected) => {
    expect(formatWait(seconds, lang === 'en' ? 'en' : 'vi')).toBe(expected);
  });

  it('shows the time of a call in Vietnam time', () => {
    expect(localClock('2026-12-03T01:05:00.000Z')).toBe('08:05');
  });
});
