import { describe, expect, it } from 'vitest';
import { formatDocumentNumber, parseDocumentNumber, seriesKeyProblem } from './format';

describe('document number and symbol', () => {
  it.each([
    [1, 'NQ', 'HĐND', '01/NQ-HĐND'],
    [5, 'TB', 'UBND', '05/TB-UBND'],
    [10, 'KL', 'ĐU', '10/KL-ĐU'],
    [100, 'TB', 'UBND', '100/TB-UBND'],
  ])('%i %s %s → %s', (seq, type, issuer, expected) => {
    expect(formatDocumentNumber(seq, type, issuer)).toBe(expected);
    expect(parseDocumentNumber(expected)).toEqual({ seq, docType: type, issuer });
  });

  it.each(['', 'TB-UBND', '0/TB-UBND', 'ab/TB-UBND', '05-TB-UBND', '05/tb-UBND'])(
    '%o is not a number',
    (s) => {
      expect(parseDocumentNumber(s)).toBeNull();
    },
  );

  it('series keys', () => {
    expect(seriesKeyProblem({ communeCode: '18100', issuer: 'HĐND', docType: 'NQ', year: 2025 })).toBeNull();
    expect(
      seriesKeyProblem({ communeCode: '18100', issuer: 'TTHĐND', docType: 'NQ', year: 2025 }),
    ).toBeNull();
    expect(seriesKeyProblem({ communeCode: '18100', issuer: 'H D', docType: 'NQ', year: 2025 })).toMatch(
      /issuer/,
    );
    expect(seriesKeyProblem({ communeCode: '18100', issuer: 'UBND', docType: 'NQ', year: 2025.5 })).toMatch(
      /year/,
    );
  });
});
