import { describe, expect, it } from 'vitest';
import { checkDocumentNumber, issuingBodyLines, placeDateLine, todayInVietnam } from './document-format';

describe('state format pieces (Decree 30/2020)', () => {
  it.each([
    ['Phường Trần Phú', '2025-06-20', 'Trần Phú, ngày 20 tháng 6 năm 2025'],
    ['Phường Trần Phú', '2025-01-05', 'Trần Phú, ngày 05 tháng 01 năm 2025'],
    ['Xã Hương Khê', '2025-02-28', 'Hương Khê, ngày 28 tháng 02 năm 2025'],
    ['Xã Hương Khê', '2025-12-09', 'Hương Khê, ngày 09 tháng 12 năm 2025'],
    ['Đặc khu Côn Đảo', '2025-03-10', 'Côn Đảo, ngày 10 tháng 3 năm 2025'],
  ])('%s on %s → "%s"', (commune, date, line) => {
    expect(placeDateLine(commune, date)).toBe(line);
  });

  it('writes the issuing body in capitals', () => {
    expect(issuingBodyLines('Phường Trần Phú')).toEqual(['ỦY BAN NHÂN DÂN', 'PHƯỜNG TRẦN PHÚ']);
  });

  it.each([
    ['05/TB-UBND', null],
    ['12/TB-UBND', null],
    ['123/TB-UBND', null],
    ['05/TB-VP-UBND', null],
    ['5/TB-UBND', 'leading_zero'],
    ['00/TB-UBND', 'zero'],
    ['05/QĐ-UBND', 'type'],
    ['05-TB-UBND', 'format'],
    ['TB-UBND', 'format'],
    ['05/tb-ubnd', 'format'],
  ])('number "%s" → %s', (number, problem) => {
    expect(checkDocumentNumber(number, 'TB')).toBe(problem);
  });

  it.each([
    ['2025-06-20T16:59:59Z', '2025-06-20'],
    ['2025-06-20T17:00:00Z', '2025-06-21'],
    ['2025-12-31T23:00:00Z', '2026-01-01'],
  ])('today in Vietnam at %s is %s', (at, day) => {
    expect(todayInVietnam(new Date(at))).toBe(day);
  });
});
