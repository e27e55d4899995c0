import { describe, expect, it } from 'vitest';
import { findControlCharacter, stripBidiControls } from './input-text';

describe('findControlCharacter', () => {
  it.each([
    ['plain text', { q: 'Trần Phú' }, null],
    ['tab, newline and carriage return are text', { note: 'a\tb\r\nc' }, null],
    ['NUL in a query string', { q: 'a\u0000' }, 'query.q'],
    ['escape character', { q: '\u001b[31m' }, 'query.q'],
    ['DEL', { q: 'x\u007f' }, 'query.q'],
    ['nested object', { applicant: { fullName: 'Lê\u0000' } }, 'query.applicant.fullName'],
    ['array item', { items: ['ok', 'bad\u0001'] }, 'query.items.1'],
    ['a key', { 'k\u0000': 'v' }, 'query.k\u0000'],
    ['numbers and booleans', { n: 1, b: true, z: null }, null],
  ])('%s', (_name, value, expected) => {
    expect(findControlCharacter(value, 'query')).toBe(expected);
  });
});

describe('stripBidiControls', () => {
  it('removes override and isolate characters from every string, leaving the rest', () => {
    expect(
      stripBidiControls({
        fileName: 'ho-so\u202Efdp.exe',
        list: ['\u2066Nguyễn Văn A\u2069'],
        count: 2,
      }),
    ).toEqual({ fileName: 'ho-sofdp.exe', list: ['Nguyễn Văn A'], count: 2 });
  });
  it('keeps Vietnamese diacritics as they are', () => {
    expect(stripBidiControls('Phường Trần Phú')).toBe('Phường Trần Phú');
  });
});
