/** The pure rules of trials, incidents and lessons: time to resolve, what blocks go-live, dates, search text. */
import { describe, expect, it } from 'vitest';
import { formatDuration, minutesBetween } from '../../../common/api/campaign-trials';
import { blocksGoLive, minutesToResolve, occurredAtProblem, resolvedAtProblem } from './incidents';
import { lessonSearchText, normalizeTags, searchWords } from './lessons';
import { latestTrialDate, trialActions, trialDateProblem } from './trials';

describe('time to resolve', () => {
  it.each([
    ['2025-06-20T08:00:00+07:00', '2025-06-20T08:45:00+07:00', 45],
    ['2025-06-20T08:00:00+07:00', '2025-06-20T10:15:30+07:00', 135],
    ['2025-06-20T08:00:00+07:00', '2025-06-22T09:00:00+07:00', 2940],
    ['2025-06-20T08:00:00+07:00', '2025-06-20T08:00:59+07:00', 0],
    ['2025-06-20T08:00:00Z', '2025-06-20T15:30:00+07:00', 30],
    ['2025-06-20T08:00:00+07:00', '2025-06-20T07:00:00+07:00', 0],
  ])('%s → %s: %i minutes', (from, to, minutes) => {
    expect(minutesBetween(from, to)).toBe(minutes);
    expect(minutesToResolve({ occurredAt: from, resolvedAt: to })).toBe(minutes);
  });
  it('is null while open', () => {
    expect(minutesToResolve({ occurredAt: '2025-06-20T08:00:00+07:00', resolvedAt: null })).toBeNull();
  });
  it.each([
    [0, '0 phút', '0 min'],
    [45, '45 phút', '45 min'],
    [60, '1 giờ', '1 h'],
    [135, '2 giờ 15 phút', '2 h 15 min'],
    [1440, '1 ngày', '1 d'],
    [2940, '2 ngày 1 giờ', '2 d 1 h'],
  ])('%i minutes read "%s" / "%s"', (m, vi, en) => {
    expect(formatDuration(m, 'vi')).toBe(vi);
    expect(formatDuration(m, 'en')).toBe(en);
  });
});

describe('which incidents block go-live', () => {
  it.each([
    ['open', 'critical', true],
    ['open', 'high', true],
    ['open', 'medium', false],
    ['open', 'low', false],
    ['resolved', 'critical', false],
    ['resolved', 'high', false],
  ])('%s %s → %s', (status, severity, blocks) => {
    expect(blocksGoLive({ status, severity })).toBe(blocks);
  });
});

describe('incident times', () => {
  const now = new Date('2025-06-20T10:00:00+07:00');
  it.each([
    ['2025-06-20T09:00:00+07:00', null],
    ['2025-06-20T10:04:00+07:00', null], // a phone a few minutes fast
    ['2025-06-20T10:06:00+07:00', 'future'],
    ['2024-12-31T23:59:00+07:00', 'too_early'],
  ])('happened at %s → %s', (at, problem) => {
    expect(occurredAtProblem(new Date(at), now)).toBe(problem);
  });
  it.each([
    ['2025-06-20T08:00:00+07:00', '2025-06-20T09:00:00+07:00', null],
    ['2025-06-20T08:00:00+07:00', '2025-06-20T08:00:00+07:00', null],
    ['2025-06-20T08:00:00+07:00', '2025-06-20T07:59:00+07:00', 'before_occurred'],
    ['2025-06-20T08:00:00+07:00', '2025-06-20T11:00:00+07:00', 'future'],
  ])('happened %s, fixed %s → %s', (occurred, resolved, problem) => {
    expect(resolvedAtProblem(new Date(occurred), new Date(resolved), now)).toBe(problem);
  });
});

describe('trial dates and actions', () => {
  it.each([
    ['2025-06-20', '2025-06-18', null],
    ['2024-12-31', '2025-06-18', 'too_early'],
    ['2026-06-18', '2025-06-18', null],
    ['2026-06-19', '2025-06-18', 'too_late'],
  ])('%s planned on %s → %s', (date, today, problem) => {
    expect(trialDateProblem(date, today)).toBe(problem);
  });
  it('a year ahead of 29/02 is 01/03', () => {
    expect(latestTrialDate('2028-02-29')).toBe('2029-03-01');
  });
  it.each([
    ['planned', '2025-06-20', '2025-06-19', { edit: true, move: true, cancel: true, hold: false }],
    ['planned', '2025-06-20', '2025-06-20', { edit: true, move: true, cancel: true, hold: true }],
    ['held', '2025-06-20', '2025-06-21', { edit: false, move: false, cancel: false, hold: false }],
    ['cancelled', '2025-06-20', '2025-06-21', { edit: false, move: false, cancel: false, hold: false }],
  ] as const)('%s on %s, today %s', (status, date, today, actions) => {
    expect(trialActions(status, date, today)).toEqual(actions);
  });
});

describe('lesson search', () => {
  it('folds title, body and tags so words typed without diacritics match', () => {
    const text = lessonSearchText({ title: 'Mạng nội bộ', body: 'Đường truyền  VNPT', tags: ['thiết bị'] });
    expect(text).toBe('mang noi bo duong truyen vnpt thiet bi');
    for (const w of searchWords('MANG noi  bộ')) expect(text).toContain(w);
  });
  it.each([
    [undefined, []],
    ['', []],
    ['  mạng   Nội bộ mạng ', ['mang', 'noi', 'bo']],
    ['Đắk Lắk', ['dak', 'lak']],
  ])('words of %j', (q, words) => {
    expect(searchWords(q)).toEqual(words);
  });
  it.each([
    [
      ['Mạng', 'mạng', ' Thiết  bị '],
      ['mạng', 'thiết bị'],
    ],
    [['', '  '], []],
  ])('tags %j → %j', (tags, out) => {
    expect(normalizeTags(tags)).toEqual(out);
  });
});
