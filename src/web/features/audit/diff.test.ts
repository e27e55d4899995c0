import { describe, expect, it } from 'vitest';
import { auditDiff, formatValue } from './diff';

describe('auditDiff: only what changed, old → new', () => {
  it.each<[string, unknown, unknown, [string, unknown, unknown][]]>([
    ['nothing recorded', null, null, []],
    ['identical', { a: 1 }, { a: 1 }, []],
    [
      'one field changed',
      { status: 'received', version: 1 },
      { status: 'assigned', version: 1 },
      [['status', 'received', 'assigned']],
    ],
    [
      'a creation lists every field as new',
      null,
      { name: 'Tổ 1', code: 'T1' },
      [
        ['name', undefined, 'Tổ 1'],
        ['code', undefined, 'T1'],
      ],
    ],
    [
      'a deletion lists every field as gone',
      { from: '2026-04-30' },
      null,
      [['from', '2026-04-30', undefined]],
    ],
    [
      'nested fields by path',
      { applicant: { phone: '0912', name: 'A' } },
      { applicant: { phone: '0913', name: 'A' } },
      [['applicant.phone', '0912', '0913']],
    ],
    [
      'a field added',
      { status: 'received' },
      { status: 'received', reason: 'Thiếu giấy' },
      [['reason', undefined, 'Thiếu giấy']],
    ],
    [
      'lists of the same length item by item',
      { docs: ['a', 'b'] },
      { docs: ['a', 'c'] },
      [['docs.1', 'b', 'c']],
    ],
    [
      'lists of different lengths as a whole',
      { docs: ['a'] },
      { docs: ['a', 'b'] },
      [['docs', ['a'], ['a', 'b']]],
    ],
    ['plain values', 1, 2, [['', 1, 2]]],
  ])('%s', (_, before, after, expected) => {
    expect(auditDiff(before, after).map((d) => [d.path, d.before, d.after])).toEqual(expected);
  });
});

describe('formatValue', () => {
  const words = { none: '—', yes: 'có', no: 'không' };
  it.each<[unknown, string]>([
    [null, '—'],
    [undefined, '—'],
    ['', '—'],
    ['Trần Phú', 'Trần Phú'],
    [12, '12'],
    [true, 'có'],
    [false, 'không'],
    [{ a: 1 }, '{"a":1}'],
  ])('%j → %s', (v, text) => {
    expect(formatValue(v, words)).toBe(text);
  });
});
