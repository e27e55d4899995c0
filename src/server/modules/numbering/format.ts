/**
 * Số, ký hiệu of a document (Decree 30/2020 art. 15): "01/NQ-HĐND" — the number in its series (at least two
 * digits), "/", the type's abbreviation, "-", the issuer's. Pure.
 */

export interface SeriesKey {
  communeCode: string;
  /** The issuer's abbreviation: 'HĐND', 'UBND', 'ĐU' … */
  issuer: string;
  /** The document type's abbreviation: 'NQ', 'QĐ', 'TB', 'KL', 'BB' … */
  docType: string;
  year: number;
}

/** "01/NQ-HĐND", "100/TB-UBND". */
export function formatDocumentNumber(seq: number, docType: string, issuer: string): string {
  return `${String(seq).padStart(2, '0')}/${docType}-${issuer}`;
}

const PATTERN = /^(\d{1,6})\/([A-ZĐ]{1,6})-(.+)$/u;

/** The parts of a number and symbol as written ("05/TB-UBND" → 5, 'TB', 'UBND'); null when it is not one. */
export function parseDocumentNumber(number: string): { seq: number; docType: string; issuer: string } | null {
  const m = number.trim().match(PATTERN);
  if (!m) return null;
  const seq = Number(m[1]);
  if (!Number.isSafeInteger(seq) || seq < 1) return null;
  return { seq, docType: m[2]!, issuer: m[3]! };
}

/** Why a series key is unusable (a programming error, not a user's): null when fine. */
export function seriesKeyProblem(k: SeriesKey): string | null {
  if (!k.communeCode) return 'communeCode is empty';
  if (!/^[A-ZĐ]{1,6}$/u.test(k.docType)) return `docType ${JSON.stringify(k.docType)} is not an abbreviation`;
  if (!/^[A-ZĐ0-9]{1,12}(?:-[A-ZĐ0-9]{1,12})*$/u.test(k.issuer))
    return `issuer ${JSON.stringify(k.issuer)} is not an abbreviation`;
  if (!Number.isInteger(k.year) || k.year < 1945 || k.year > 9999) return `year ${k.year} is out of range`;
  return null;
}
