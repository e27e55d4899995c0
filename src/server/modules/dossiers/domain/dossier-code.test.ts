import { describe, expect, it } from 'vitest';
import { AppError } from '../../../http/errors';
import {
  codeDate,
  dossierCodePrefix,
  formatDossierCode,
  isValidAgencyId,
  parseDossierCode,
  tryParseDossierCode,
} from './dossier-code';

const AGENCY = '000.00.12.H42';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? e.code : 'not an AppError';
  }
  return undefined;
}

describe('formatDossierCode', () => {
  it.each([
    ['2025-06-30T23:30:00Z', 1, `${AGENCY}-250701-0001`], // 06:30 on 1/7 local
    ['2025-06-30T16:59:59Z', 1, `${AGENCY}-250630-0001`], // 23:59:59 on 30/6 local
    ['2025-06-30T17:00:00Z', 7, `${AGENCY}-250701-0007`], // local midnight
    ['2026-02-13T08:01:00Z', 42, `${AGENCY}-260213-0042`],
    ['2026-03-02T02:00:00Z', 9999, `${AGENCY}-260302-9999`],
    ['2026-03-02T02:00:00Z', 10000, `${AGENCY}-260302-10000`], // grows, never wraps
    ['2026-03-02T02:00:00Z', 123456, `${AGENCY}-260302-123456`],
  ] as const)('received %s, counter %i → %s', (at, seq, code) => {
    expect(formatDossierCode(AGENCY, new Date(at), seq)).toBe(code);
  });

  it('the counter key is the code without its sequence', () => {
    expect(dossierCodePrefix(AGENCY, new Date('2025-06-30T23:30:00Z'))).toBe(`${AGENCY}-250701`);
    expect(codeDate(new Date('2099-12-31T16:59:59Z'))).toBe('991231');
  });

  it.each([
    ['lower-case agency', '000.00.12.h42', 1],
    ['hyphen in the agency', '000-00.12.H42', 1],
    ['empty group', '000..12.H42', 1],
    ['empty agency', '', 1],
    ['sequence 0', AGENCY, 0],
    ['negative sequence', AGENCY, -3],
    ['fractional sequence', AGENCY, 1.5],
    ['NaN sequence', AGENCY, Number.NaN],
  ])('%s → validation_failed', (_label, agency, seq) => {
    expect(codeOf(() => formatDossierCode(agency, new Date('2025-07-01T02:00:00Z'), seq))).toBe(
      'validation_failed',
    );
  });

  it.each([['1999-12-31T16:59:59Z'], ['2099-12-31T17:00:00Z']])(
    'a receipt outside 2000–2099 (%s) cannot be coded',
    (at) => {
      expect(codeOf(() => formatDossierCode(AGENCY, new Date(at), 1))).toBe('validation_failed');
    },
  );
});

describe('parsing', () => {
  it.each([
    [`${AGENCY}-250701-0001`, { agencyId: AGENCY, date: '2025-07-01', sequence: 1 }],
    [`  ${AGENCY.toLowerCase()}-250701-0001 `, { agencyId: AGENCY, date: '2025-07-01', sequence: 1 }],
    [`${AGENCY}-240229-9999`, { agencyId: AGENCY, date: '2024-02-29', sequence: 9999 }], // leap day
    [`${AGENCY}-260302-10000`, { agencyId: AGENCY, date: '2026-03-02', sequence: 10000 }],
    ['H42-260302-0005', { agencyId: 'H42', date: '2026-03-02', sequence: 5 }],
  ])('%s → %j', (code, parts) => {
    expect(tryParseDossierCode(code)).toEqual(parts);
    expect(parseDossierCode(code)).toEqual(parts);
  });

  it.each([
    ['', 'empty'],
    [`${AGENCY}-250230-0001`, '30 February'],
    [`${AGENCY}-251301-0001`, 'month 13'],
    [`${AGENCY}-250701-001`, '3-digit sequence'],
    [`${AGENCY}-250701-00001`, 'padded 5-digit sequence (not canonical)'],
    [`${AGENCY}-250701-0000`, 'sequence 0'],
    ['-250701-0001', 'no agency'],
    [`${AGENCY}-2507010-0001`, '7-digit date'],
    [`${AGENCY}-250701`, 'no sequence'],
    [`${AGENCY}_250701_0001`, 'wrong separator'],
    ['000.00.12.H42-X-250701-0001', 'hyphen inside the agency'],
  ])('%s is rejected (%s)', (code) => {
    expect(tryParseDossierCode(code)).toBeNull();
    expect(codeOf(() => parseDossierCode(code))).toBe('validation_failed');
  });

  it.each([1, 2, 999, 9999, 10000, 10001, 99999, 100000])('round trip of sequence %i', (seq) => {
    const at = new Date('2025-06-30T23:30:00Z');
    expect(parseDossierCode(formatDossierCode(AGENCY, at, seq))).toEqual({
      agencyId: AGENCY,
      date: '2025-07-01',
      sequence: seq,
    });
  });

  it.each([
    ['000.00.12.H42', true],
    ['G22', true],
    ['000.00.12.h42', false],
    ['A'.repeat(41), false],
  ])('isValidAgencyId(%s) = %s', (id, ok) => {
    expect(isValidAgencyId(id)).toBe(ok);
  });
});
