import { describe, expect, it } from 'vitest';
import { childFeedbackCode, formatFeedbackCode, normalizeFeedbackCode, parseFeedbackCode } from './code';

describe('formatting tracking codes', () => {
  it.each([
    ['00004', '2026-01-05', 7, 'PA-00004-260105-0007'],
    ['26734', '2025-07-01', 1, 'PA-26734-250701-0001'],
    ['26734', '2025-12-31', 9999, 'PA-26734-251231-9999'],
    ['26734', '2025-12-31', 10000, 'PA-26734-251231-10000'],
    ['00001', '2000-01-01', 123456, 'PA-00001-000101-123456'],
    ['99999', '2099-12-31', 42, 'PA-99999-991231-0042'],
  ])('%s, %s, %i → %s', (commune, day, seq, code) => {
    expect(formatFeedbackCode(commune, day, seq)).toBe(code);
    expect(parseFeedbackCode(code)).toEqual({ communeCode: commune, day, sequence: seq, children: [] });
  });

  it.each([
    ['4', '2026-01-05', 1],
    ['000041', '2026-01-05', 1],
    ['0000A', '2026-01-05', 1],
    ['00004', '1999-12-31', 1],
    ['00004', '2100-01-01', 1],
    ['00004', '2026-02-30', 1],
    ['00004', '2026-1-5', 1],
    ['00004', '2026-01-05', 0],
    ['00004', '2026-01-05', -3],
    ['00004', '2026-01-05', 1.5],
    ['00004', '2026-01-05', Number.MAX_SAFE_INTEGER + 2],
  ])('refuses %s, %s, %s', (commune, day, seq) => {
    expect(() => formatFeedbackCode(commune, day, seq)).toThrow(RangeError);
  });

  it('numbers the children of a split report', () => {
    const parent = 'PA-00004-260105-0007';
    expect(childFeedbackCode(parent, 1)).toBe('PA-00004-260105-0007-1');
    expect(childFeedbackCode(parent, 12)).toBe('PA-00004-260105-0007-12');
    expect(childFeedbackCode(childFeedbackCode(parent, 2), 3)).toBe('PA-00004-260105-0007-2-3');
    expect(() => childFeedbackCode(parent, 0)).toThrow(RangeError);
    expect(() => childFeedbackCode(parent, 1000)).toThrow(RangeError);
  });
});

describe('parsing tracking codes', () => {
  it.each([
    ['PA-00004-260105-0007-1', { communeCode: '00004', day: '2026-01-05', sequence: 7, children: [1] }],
    ['PA-00004-260105-0007-2-3', { communeCode: '00004', day: '2026-01-05', sequence: 7, children: [2, 3] }],
    ['PA-00004-240229-0001', { communeCode: '00004', day: '2024-02-29', sequence: 1, children: [] }],
  ])('%s → %o', (code, parts) => {
    expect(parseFeedbackCode(code)).toEqual(parts);
  });

  it.each([
    '',
    'PA-00004-260105',
    'pa-00004-260105-0007',
    'PA-0004-260105-0007',
    'PA-00004-260105-007',
    'PA-00004-260105-01234',
    'PA-00004-250229-0001',
    'PA-00004-261301-0001',
    'PA-00004-260105-0007-0',
    'PA-00004-260105-0007-01',
    'PA-00004-260105-0007-1000',
    'PA-00004-260105-0007-',
    'HS-00004-260105-0007',
    ' PA-00004-260105-0007',
    'PA-00004-260105-0007 ',
    '000.00.12.H42-250701-0001',
  ])('refuses %j', (s) => {
    expect(parseFeedbackCode(s)).toBeNull();
  });
});

describe('normalising what a citizen types', () => {
  it.each([
    ['PA-00004-260105-0007', 'PA-00004-260105-0007'],
    ['pa-00004-260105-0007', 'PA-00004-260105-0007'],
    ['  PA-00004-260105-0007  ', 'PA-00004-260105-0007'],
    ['PA 00004 260105 0007', 'PA-00004-260105-0007'],
    ['PA00004-260105-0007', 'PA-00004-260105-0007'],
    ['PA.00004.260105.0007', 'PA-00004-260105-0007'],
    ['PA–00004–260105–0007', 'PA-00004-260105-0007'],
    ['PA - 00004 - 260105 - 0007', 'PA-00004-260105-0007'],
    ['ＰＡ－００００４－２６０１０５－０００７', 'PA-00004-260105-0007'],
    ['pa-00004-260105-0007-2', 'PA-00004-260105-0007-2'],
    ['PA_00004_260105_0007/1', 'PA-00004-260105-0007-1'],
  ])('%j → %s', (typed, code) => {
    expect(normalizeFeedbackCode(typed)).toBe(code);
  });

  it.each([
    '',
    '   ',
    'hello',
    '00004-260105-0007',
    'PA-00004-260230-0001',
    'PA-00004-260105-0007x',
    `PA-00004-260105-0007${'-1'.repeat(50)}`,
    'PA-00004-260105-0007\u0000',
    "PA-00004-260105-0007' OR 1=1",
  ])('refuses %j', (typed) => {
    expect(normalizeFeedbackCode(typed)).toBeNull();
  });
});
