import { describe, expect, it } from 'vitest';
import { matchesSearch } from './search';

const BIRTH = { name: 'Đăng ký khai sinh', code: '1.001193' };
const SIGNATURE = { name: 'Chứng thực chữ ký', code: 'chung-thuc-chu-ky' };

describe('catalogue search', () => {
  it.each<[string, { name: string; code: string }, boolean]>([
    ['', BIRTH, true],
    ['khai sinh', BIRTH, true],
    ['KHAI  SINH', BIRTH, true],
    ['đăng ký', BIRTH, true],
    ['dang ky', BIRTH, true],
    ['001193', BIRTH, true],
    ['chung thuc', SIGNATURE, true],
    ['chứng thực', BIRTH, false],
    ['ket hon', BIRTH, false],
  ])('"%s" in %o → %s', (q, p, expected) => {
    expect(matchesSearch(p, q)).toBe(expected);
  });
});
