/**
 * Tracking codes of reports: `PA-<communeCode>-<yyMMdd>-<seq>`, e.g. `PA-00004-260105-0007` — PA for phản ánh, the
 * 5-digit code of the new commune, the local (Vietnam) day of receipt and that commune's sequence of the day from
 * feedback_code_counters. The sequence has 4 digits, zero-padded; past 9999 it grows (…-10000) rather than wrapping.
 * A child of a split report appends its number: `PA-00004-260105-0007-1`, `-2` … (and a child of a child `-1-2`).
 *
 * normalizeFeedbackCode accepts what a citizen types or reads aloud: lower case, spaces, dots or dashes of any kind
 * between the parts, the "PA" with or without its dash; it answers the canonical code or null.
 */
import type { IsoDate } from '../../calendar/holidays';

export interface FeedbackCodeParts {
  communeCode: string;
  /** Local day of receipt. */
  day: IsoDate;
  sequence: number;
  /** Child numbers of split reports, outermost first ([] for an ordinary report). */
  children: number[];
}

const COMMUNE = /^\d{5}$/;
const CODE = /^PA-(\d{5})-(\d{2})(\d{2})(\d{2})-(\d{4}|[1-9]\d{4,})((?:-[1-9]\d{0,2})*)$/;

function validDay(yy: string, mm: string, dd: string): IsoDate | null {
  const iso = `20${yy}-${mm}-${dd}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

export function formatFeedbackCode(communeCode: string, day: IsoDate, seq: number): string {
  if (!COMMUNE.test(communeCode))
    throw new RangeError(`Commune code must have 5 digits, got "${communeCode}"`);
  const m = /^20(\d{2})-(\d{2})-(\d{2})$/.exec(day);
  if (!m || validDay(m[1]!, m[2]!, m[3]!) === null)
    throw new RangeError(`Day outside 2000–2099 or invalid: ${day}`);
  if (!Number.isSafeInteger(seq) || seq < 1)
    throw new RangeError(`Sequence must be an integer ≥ 1, got ${seq}`);
  return `PA-${communeCode}-${m[1]}${m[2]}${m[3]}-${String(seq).padStart(4, '0')}`;
}

/** The code of the n-th child (1-based) of a split report. */
export function childFeedbackCode(parentCode: string, n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999) throw new RangeError(`Child number must be 1–999, got ${n}`);
  return `${parentCode}-${n}`;
}

/** The parts of a canonical code, or null. */
export function parseFeedbackCode(s: string): FeedbackCodeParts | null {
  const m = CODE.exec(s);
  if (!m) return null;
  const day = validDay(m[2]!, m[3]!, m[4]!);
  if (day === null) return null;
  const sequence = Number(m[5]);
  if (!Number.isSafeInteger(sequence)) return null;
  const children = m[6] ? m[6].slice(1).split('-').map(Number) : [];
  return { communeCode: m[1]!, day, sequence, children };
}

const SEPARATORS = /[\s.\-_/\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]+/g;

/** The canonical form of a typed code, or null when it is not a code. */
export function normalizeFeedbackCode(s: string): string | null {
  if (s.length > 80) return null;
  let t = s
    .normalize('NFKC')
    .trim()
    .toUpperCase()
    .replace(SEPARATORS, '-')
    .replace(/^-+|-+$/g, '');
  if (/^PA\d/.test(t)) t = `PA-${t.slice(2)}`;
  return parseFeedbackCode(t) ? t : null;
}
