/**
 * Personal data removed from the published version of a report and its answer (issue 13 §3: "names, phone numbers,
 * ID numbers, e-mail addresses in the text are masked by rule"; the official can still edit the public version).
 * Pure; the rules, applied in this order:
 *
 * 1. E-mail addresses → "[e-mail]".
 * 2. Phone numbers in every Vietnamese form → "[số điện thoại]": mobiles 0xxxxxxxxx (10 digits) and landlines
 *    02xxxxxxxxx (11 digits), written with or without spaces, dots or dashes between digit groups, with the country
 *    code as +84, 84, (+84) or 0084 instead of the leading 0. Short public numbers (113, 1900 …) are kept.
 * 3. ID numbers → "[số giấy tờ]": CCCD (12 digits) and CMND (9 digits) written as one run of digits; after the words
 *    CCCD, CMND, căn cước or chứng minh (nhân dân), also with spaces or dots between the groups. Sums such as
 *    150.000.000 đồng are not ID numbers.
 * 4. The phones, e-mails and names the caller knows (the reporter's own), in whatever spacing or case, and names
 *    also without diacritics ("Nguyen Van An" for "Nguyễn Văn An") → the same labels, "[họ tên]" for names.
 * 5. "ông / bà / anh / chị / cô / chú / bác / cụ" followed by 1–4 capitalised words → the title kept, the name
 *    masked: "ông Nguyễn Văn An" → "ông [họ tên]". Not masked: a title with a capital mid-sentence (place and street
 *    names such as Bà Rịa, Bà Triệu, Ông Ích Khiêm, Cô Tô), after a place word (đường, phố, chợ, xã …), and titles of
 *    office ("ông Chủ tịch", "bà Trưởng thôn").
 */

export const MASK_LABELS = {
  email: '[e-mail]',
  phone: '[số điện thoại]',
  id: '[số giấy tờ]',
  name: '[họ tên]',
} as const;

export interface KnownPersonalData {
  names?: string[];
  phones?: string[];
  emails?: string[];
}

/** The lookbehind starts a match only at the start of a local part (linear time on long runs of letters). */
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

/** A digit not preceded by a digit/letter: then a country code or 0 and 8–10 more digits in groups. */
const PHONE =
  /(?<![\p{L}\p{N}+])(?:\(\s*\+?84\s*\)|\+\s?84|0084|84|\(0(?=\d{1,3}\))|0)(?:[\s.()-]{0,2}\d){8,10}(?![\p{L}\p{N}])/gu;

const ID_RUN = /(?<![\p{L}\p{N}.,])(?:\d{12}|\d{9})(?![\p{L}\p{N}]|[.,]\d)/gu;
const ID_AFTER_WORD =
  /(\b(?:CCCD|CMND|CMT|căn cước(?: công dân)?|chứng minh(?: nhân dân| thư)?)(?:\s*(?:số|:|s\u1ed1:))?\s*)((?:\d[\s.]?){8,11}\d)(?![\p{N}])/giu;

function digitsOf(s: string): string {
  return s.replace(/\D/g, '');
}

/** The national form (0…) of a phone written in any of the forms above, or null. */
function nationalPhone(raw: string): string | null {
  let d = digitsOf(raw);
  if (d.startsWith('0084')) d = `0${d.slice(4)}`;
  else if (d.startsWith('84') && !raw.trimStart().startsWith('0')) d = `0${d.slice(2)}`;
  if (!d.startsWith('0')) return null;
  if (d.length === 10 && /^0[35789]/.test(d)) return d;
  if (d.length === 11 && d.startsWith('02')) return d;
  return null;
}

/** A match may have swallowed a following group ("0912345678 1 …"): the longest prefix that is a phone, if any. */
function maskPhoneMatch(m: string): string {
  if (nationalPhone(m)) return MASK_LABELS.phone;
  for (let end = m.length - 1; end > 0; end--) {
    if (/[\s.()-]/.test(m[end]!) && /\d/.test(m[end - 1]!) && nationalPhone(m.slice(0, end))) {
      return MASK_LABELS.phone + m.slice(end);
    }
  }
  return m;
}

function maskPhones(text: string): string {
  return text.replace(PHONE, maskPhoneMatch);
}

/** Folds a letter to its lower-case base letter without diacritics (đ → d); one output character per input one. */
function foldChar(c: string): string {
  if (c === 'đ' || c === 'Đ') return 'd';
  const base = c.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return base.length === 1 ? base : c;
}

function fold(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += foldChar(text[i]!);
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces the whole-word occurrences of a name (case and diacritics ignored, any spacing). */
function maskName(text: string, name: string): string {
  const words = fold(name.normalize('NFC')).trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.join('').length < 2) return text;
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${words.map(escapeRegExp).join('\\s+')}(?![\\p{L}\\p{N}])`, 'gu');
  const folded = fold(text);
  let out = '';
  let last = 0;
  for (const m of folded.matchAll(re)) {
    out += text.slice(last, m.index) + MASK_LABELS.name;
    last = m.index + m[0].length;
  }
  return out + text.slice(last);
}

function maskKnownPhone(text: string, phone: string): string {
  const national = nationalPhone(phone) ?? digitsOf(phone);
  if (national.length < 8) return text;
  const rest = national.startsWith('0') ? national.slice(1) : national;
  const body = [...rest].join('[\\s.-]?');
  const re = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:(?:\\(\\s*\\+?84\\s*\\)|\\+\\s?84|0084|84)[\\s.-]?|0)?${body}(?![\\p{L}\\p{N}])`,
    'gu',
  );
  return text.replace(re, MASK_LABELS.phone);
}

function maskKnownEmail(text: string, email: string): string {
  const e = email.trim();
  if (!e.includes('@')) return text;
  return text.replace(new RegExp(escapeRegExp(e), 'giu'), MASK_LABELS.email);
}

const TITLES = '(?:[ôÔ]ng|[bB]à|[aA]nh|[cC]hị|[cC]ô|[cC]hú|[bB]ác|[cC]ụ)';
const CAP_WORD = '\\p{Lu}[\\p{Ll}\\p{M}]*';
const HONORIFIC_NAME = new RegExp(
  `(?<![\\p{L}\\p{N}])(${TITLES})(\\s+)(${CAP_WORD}(?:\\s+${CAP_WORD}){0,3})(?![\\p{L}\\p{N}])`,
  'gu',
);
const PLACE_WORDS = new Set(
  [
    'đường',
    'phố',
    'chợ',
    'cầu',
    'núi',
    'xã',
    'phường',
    'huyện',
    'tỉnh',
    'thôn',
    'ấp',
    'bản',
    'làng',
    'xóm',
    'đảo',
    'sông',
    'hồ',
    'đền',
    'chùa',
    'miếu',
    'ngõ',
    'hẻm',
    'kiệt',
    'trường',
    'tổ',
    'khu',
    'bến',
    'đình',
    'ga',
  ].map((w) => fold(w)),
);
/** Words of an office after "ông/bà …": the title of a post, not a name. */
const OFFICE_WORDS = new Set(
  [
    'chủ',
    'phó',
    'trưởng',
    'bí',
    'giám',
    'tổ',
    'công',
    'cán',
    'thư',
    'kế',
    'văn',
    'cảnh',
    'bộ',
    'đại',
    'ủy',
    'uỷ',
    'hiệu',
    'bác',
    'y',
    'kiểm',
    'thanh',
    'đội',
    'chỉ',
    'ban',
    'hội',
    'ubnd',
    'hđnd',
  ].map((w) => fold(w)),
);

function previousWord(text: string, index: number): string | null {
  const m = /([\p{L}\p{M}]+)[\s,]*$/u.exec(text.slice(Math.max(0, index - 40), index));
  return m ? fold(m[1]!) : null;
}

function atSentenceStart(text: string, index: number): boolean {
  return (
    /(?:^|[.!?:;\n"“(]\s*|^\s*[-•*]\s*)$/u.test(text.slice(Math.max(0, index - 20), index)) || index === 0
  );
}

function maskHonorificNames(text: string): string {
  return text.replace(HONORIFIC_NAME, (whole, title: string, space: string, name: string, index: number) => {
    const titleCapital = title[0] !== title[0]!.toLowerCase();
    if (titleCapital && !atSentenceStart(text, index)) return whole;
    const prev = previousWord(text, index);
    if (prev !== null && PLACE_WORDS.has(prev)) return whole;
    const first = fold(name.split(/\s+/)[0]!);
    if (OFFICE_WORDS.has(first)) return whole;
    return `${title}${space}${MASK_LABELS.name}`;
  });
}

function maskIds(text: string): string {
  return text
    .replace(ID_AFTER_WORD, (whole, lead: string, num: string) => {
      const n = digitsOf(num).length;
      return n === 9 || n === 12 ? `${lead}${MASK_LABELS.id}` : whole;
    })
    .replace(ID_RUN, MASK_LABELS.id);
}

/** The text with personal data replaced by labels (see the rules above). */
export function maskPersonalData(text: string, known: KnownPersonalData = {}): string {
  let out = text.normalize('NFC');
  out = out.replace(EMAIL, MASK_LABELS.email);
  for (const e of known.emails ?? []) out = maskKnownEmail(out, e);
  for (const p of known.phones ?? []) out = maskKnownPhone(out, p);
  out = maskPhones(out);
  out = maskIds(out);
  for (const n of known.names ?? []) out = maskName(out, n);
  out = maskHonorificNames(out);
  return out;
}
