/** What an official was on a given day, for a record of what they did (a dossier's history, a picker). */
import { describe, expect, it } from 'vitest';
import { titlesOn, workTitlesOn } from './officials';

const chair = { title: 'Chủ tịch UBND', startDate: '2025-07-01', endDate: null, administrative: true };
const party = { title: 'Phó Bí thư Đảng ủy', startDate: '2025-07-01', endDate: null, administrative: false };
const before = {
  title: 'Phó Chủ tịch UBND',
  startDate: '2025-07-01',
  endDate: '2026-03-31',
  administrative: true,
};
const after = { title: 'Chủ tịch UBND', startDate: '2026-04-01', endDate: null, administrative: true };

describe('titles held on a day', () => {
  it.each([
    { positions: [chair, party], day: '2026-01-10', titles: ['Chủ tịch UBND', 'Phó Bí thư Đảng ủy'] },
    { positions: [before, after], day: '2026-03-31', titles: ['Phó Chủ tịch UBND'] },
    { positions: [before, after], day: '2026-04-01', titles: ['Chủ tịch UBND'] },
    // Between positions: the last one held before the day.
    { positions: [before], day: '2026-05-01', titles: ['Phó Chủ tịch UBND'] },
    // Before any position: none.
    { positions: [chair], day: '2025-06-30', titles: [] },
  ])('$day → $titles', ({ positions, day, titles }) => {
    expect(titlesOn(positions, day)).toEqual(titles);
  });

  it.each([
    { positions: [chair, party], titles: ['Chủ tịch UBND'] },
    { positions: [party], titles: ['Phó Bí thư Đảng ủy'] },
    { positions: [], titles: [] },
  ])('names the administrative titles first: $titles', ({ positions, titles }) => {
    expect(workTitlesOn(positions, '2026-01-10')).toEqual(titles);
  });
});
