/**
 * Pieces of the state format for administrative documents (Decree 30/2020/NĐ-CP, domain-vn.md §6b) that do
 * not depend on the document: the place-and-date line, the issuing body's name, the number and symbol.
 */
import { splitCommuneName } from './template';

/** Today's calendar date in Vietnam (UTC+7, no daylight saving), as YYYY-MM-DD. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * "Trần Phú, ngày 05 tháng 01 năm 2025": days below 10 and the months January and February take a leading
 * zero (Decree 30/2020, appendix I).
 */
export function placeDateLine(communeName: string, isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const day = d < 10 ? `0${d}` : String(d);
  const month = m <= 2 ? `0${m}` : String(m);
  return `${splitCommuneName(communeName).place}, ngày ${day} tháng ${month} năm ${y}`;
}

/** The issuing body of a commune UBND document, as two upper-case lines. */
export function issuingBodyLines(communeName: string): [string, string] {
  return ['ỦY BAN NHÂN DÂN', communeName.toLocaleUpperCase('vi')];
}

/** "05/TB-UBND": number (at least two digits), "/", the document type's abbreviation, "-", the issuer's. */
const NUMBER_PATTERN = /^(\d{2,4})\/([A-ZĐ]{1,6})-([A-ZĐ0-9]{1,12}(?:-[A-ZĐ0-9]{1,12})*)$/u;

export type NumberProblem = 'format' | 'leading_zero' | 'zero' | 'type';

/** Checks a number and symbol ("số, ký hiệu") for a document of the given type abbreviation (TB = thông báo). */
export function checkDocumentNumber(number: string, typeAbbreviation: string): NumberProblem | null {
  const n = number.trim();
  if (/^\d\//.test(n)) return 'leading_zero';
  const m = n.match(NUMBER_PATTERN);
  if (!m) return 'format';
  if (Number(m[1]) === 0) return 'zero';
  if (m[2] !== typeAbbreviation) return 'type';
  return null;
}

export const NUMBER_MESSAGES: Record<NumberProblem, { vi: string; en: string }> = {
  format: {
    vi: 'Số, ký hiệu phải có dạng "05/TB-UBND".',
    en: 'The number and symbol must look like "05/TB-UBND".',
  },
  leading_zero: {
    vi: 'Số nhỏ hơn 10 phải ghi thêm số 0 phía trước (ví dụ "05/TB-UBND").',
    en: 'Numbers below 10 take a leading zero (e.g. "05/TB-UBND").',
  },
  zero: { vi: 'Số văn bản bắt đầu từ 01.', en: 'Document numbers start at 01.' },
  type: {
    vi: 'Ký hiệu loại văn bản của thông báo là "TB".',
    en: 'The type abbreviation of an announcement is "TB".',
  },
};
