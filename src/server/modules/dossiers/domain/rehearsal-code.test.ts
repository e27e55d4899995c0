import { describe, expect, it } from 'vitest';
import { AppError } from '../../../http/errors';
import { formatDossierCode, tryParseDossierCode } from './dossier-code';
import { formatRehearsalCode, isRehearsalCode, tryParseRehearsalCode } from './rehearsal-code';

const AGENCY = '000.00.18100.H42';

describe('formatRehearsalCode', () => {
  it.each([
    ['2025-06-20T01:30:00Z', 1, `DT-${AGENCY}-250620-0001`],
    ['2025-06-19T17:00:00Z', 12, `DT-${AGENCY}-250620-0012`], // local midnight of 20/6
    ['2025-06-20T16:59:59Z', 9999, `DT-${AGENCY}-250620-9999`],
    ['2025-06-20T02:00:00Z', 10000, `DT-${AGENCY}-250620-10000`], // grows, never wraps
  ] as const)('received %s, rehearsal counter %i → %s', (at, seq, code) => {
    expect(formatRehearsalCode(AGENCY, new Date(at), seq)).toBe(code);
  });

  it('refuses what an official code refuses (bad e-ID, sequence < 1)', () => {
    expect(() => formatRehearsalCode('bad-id', new Date('2025-06-20T02:00:00Z'), 1)).toThrow(AppError);
    expect(() => formatRehearsalCode(AGENCY, new Date('2025-06-20T02:00:00Z'), 0)).toThrow(AppError);
  });
});

describe('rehearsal and official codes never collide', () => {
  it('a rehearsal code is not an official code, an official code not a rehearsal code', () => {
    const at = new Date('2025-06-20T02:00:00Z');
    const official = formatDossierCode(AGENCY, at, 1);
    const rehearsal = formatRehearsalCode(AGENCY, at, 1);
    expect(rehearsal).not.toBe(official);
    expect(tryParseDossierCode(rehearsal)).toBeNull();
    expect(isRehearsalCode(official)).toBe(false);
    expect(isRehearsalCode(rehearsal)).toBe(true);
  });

  it.each([
    [` dt-${AGENCY.toLowerCase()}-250620-0003 `, { agencyId: AGENCY, date: '2025-06-20', sequence: 3 }],
    [`DT-${AGENCY}-250620-0001`, { agencyId: AGENCY, date: '2025-06-20', sequence: 1 }],
    [`DT-${AGENCY}-250631-0001`, null], // 31 June
    [`DT-${AGENCY}-250620-001`, null], // too short a sequence
    [`DT-${AGENCY}-250620-00001`, null], // leading zero past 4 digits
    [`DT-DT-${AGENCY}-250620-0001`, null],
    [`${AGENCY}-250620-0001`, null], // official
    ['DT-', null],
  ] as const)('parses %j as %j', (input, parts) => {
    expect(tryParseRehearsalCode(input)).toEqual(parts);
  });
});
