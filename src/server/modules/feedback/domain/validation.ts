/**
 * Pure checks of a report's input shared by the intake routes (web, counter, phone, Open311). Each check answers
 * null when the value is fine, or a problem naming the field with a message in Vietnamese and English (the routes
 * turn it into a 400 with fieldError(problem.field, problem.vi, problem.en)).
 *
 * - Coordinates: both or neither, finite numbers, inside VIETNAM_BOUNDS (mainland and islands).
 * - Text: no HTML markup — a tag (`<b>`, `</p>`, `<img src=x onerror=…>`), a comment or declaration (`<!--`,
 *   `<!DOCTYPE`), or the opening of a dangerous element even without its `>` (`<script`, `<iframe`, `<svg` …).
 *   "a < b", "<3" and "x<5 và y>2" are ordinary text. Stored text is rendered as text anyway; this keeps markup out
 *   of published answers and e-mails.
 * - Phone: a Vietnamese mobile (0[35789] + 8 digits) or landline (02 + 9 digits), written with spaces, dots, dashes
 *   or brackets, with +84 / 84 / 0084 instead of the 0; normalised to the national form 0xxxxxxxxx.
 * - E-mail: one @, a dotted domain with a 2+ letter top level, no spaces, at most 254 characters.
 * - Tracking contact: a phone, an e-mail or a 6-digit PIN.
 */
import { VIETNAM_BOUNDS } from '../../../../common/api/feedback';

export interface FieldProblem {
  field: string;
  vi: string;
  en: string;
}

export function isInsideVietnam(latitude: number, longitude: number): boolean {
  return (
    Number.isFinite(latitude) &&
    Number.isFinite(longitude) &&
    latitude >= VIETNAM_BOUNDS.minLat &&
    latitude <= VIETNAM_BOUNDS.maxLat &&
    longitude >= VIETNAM_BOUNDS.minLng &&
    longitude <= VIETNAM_BOUNDS.maxLng
  );
}

/** `prefix` is the object holding the fields, e.g. 'body' → 'body.latitude', 'body.longitude'. */
export function checkCoordinates(
  latitude: number | null | undefined,
  longitude: number | null | undefined,
  prefix = 'body',
): FieldProblem | null {
  const hasLat = latitude !== null && latitude !== undefined;
  const hasLng = longitude !== null && longitude !== undefined;
  if (!hasLat && !hasLng) return null;
  if (!hasLat || !hasLng) {
    return {
      field: `${prefix}.${hasLat ? 'longitude' : 'latitude'}`,
      vi: 'Cần cả vĩ độ và kinh độ của vị trí.',
      en: 'Both the latitude and the longitude of the place are needed.',
    };
  }
  if (typeof latitude !== 'number' || !Number.isFinite(latitude)) {
    return { field: `${prefix}.latitude`, vi: 'Vĩ độ không hợp lệ.', en: 'Invalid latitude.' };
  }
  if (typeof longitude !== 'number' || !Number.isFinite(longitude)) {
    return { field: `${prefix}.longitude`, vi: 'Kinh độ không hợp lệ.', en: 'Invalid longitude.' };
  }
  if (latitude < VIETNAM_BOUNDS.minLat || latitude > VIETNAM_BOUNDS.maxLat) {
    return {
      field: `${prefix}.latitude`,
      vi: 'Vị trí nằm ngoài lãnh thổ Việt Nam.',
      en: 'The place is outside Vietnam.',
    };
  }
  if (longitude < VIETNAM_BOUNDS.minLng || longitude > VIETNAM_BOUNDS.maxLng) {
    return {
      field: `${prefix}.longitude`,
      vi: 'Vị trí nằm ngoài lãnh thổ Việt Nam.',
      en: 'The place is outside Vietnam.',
    };
  }
  return null;
}

/** As browsers read a tag: '<' or '</' directly followed by a letter ("a < b" is text). */
const TAG = /<\/?[a-zA-Z][a-zA-Z0-9:-]*(?:[\s/][^<>]*)?>/;
const DECLARATION = /<\s*[!?]/;
const DANGEROUS_OPENING =
  /<\s*\/?\s*(?:script|iframe|frame|frameset|object|embed|svg|math|style|link|meta|base|img|video|audio|source|form|input|button|textarea|select|body|html|head|template|xml|a)(?![a-zA-Z0-9])/i;

export function containsHtml(text: string): boolean {
  return TAG.test(text) || DECLARATION.test(text) || DANGEROUS_OPENING.test(text);
}

export function checkNoHtml(field: string, text: string | null | undefined): FieldProblem | null {
  if (text === null || text === undefined || !containsHtml(text)) return null;
  return {
    field,
    vi: 'Nội dung không được chứa mã HTML (thẻ như <script>, <b>…).',
    en: 'The text may not contain HTML markup (tags such as <script>, <b>…).',
  };
}

/** The national form (0xxxxxxxxx, or 02xxxxxxxxx for a landline) of a Vietnamese phone number, or null. */
export function normalizeVnPhone(s: string): string | null {
  const t = s.trim();
  if (t.length > 30 || !/^[\d\s.()+-]+$/.test(t)) return null;
  let d = t.replace(/\D/g, '');
  if (t.replace(/[\s(]/g, '').startsWith('+84')) d = `0${d.slice(2)}`;
  else if (d.startsWith('0084')) d = `0${d.slice(4)}`;
  else if (d.startsWith('84') && (d.length === 11 || d.length === 12)) d = `0${d.slice(2)}`;
  if (/^0[35789]\d{8}$/.test(d)) return d;
  if (/^02\d{9}$/.test(d)) return d;
  return null;
}

export function isVnPhone(s: string): boolean {
  return normalizeVnPhone(s) !== null;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[a-zA-Z]{2,}$/;

export function isEmail(s: string): boolean {
  const t = s.trim();
  if (t.length > 254 || !EMAIL.test(t)) return false;
  const [local, domain] = t.split('@') as [string, string];
  return local.length <= 64 && !domain.includes('..') && !domain.startsWith('.') && !domain.startsWith('-');
}

/** The e-mail in lower case, trimmed, or null. */
export function normalizeEmail(s: string): string | null {
  return isEmail(s) ? s.trim().toLowerCase() : null;
}

export function checkPhone(field: string, s: string | null | undefined): FieldProblem | null {
  if (s === null || s === undefined || s.trim() === '' || isVnPhone(s)) return null;
  return {
    field,
    vi: 'Số điện thoại không hợp lệ (ví dụ 0912 345 678 hoặc +84 912 345 678).',
    en: 'Invalid phone number (e.g. 0912 345 678 or +84 912 345 678).',
  };
}

export function checkEmail(field: string, s: string | null | undefined): FieldProblem | null {
  if (s === null || s === undefined || s.trim() === '' || isEmail(s)) return null;
  return { field, vi: 'Địa chỉ e-mail không hợp lệ.', en: 'Invalid e-mail address.' };
}

export type TrackingContact =
  | { kind: 'phone'; value: string }
  | { kind: 'email'; value: string }
  | { kind: 'pin'; value: string };

/** What the reporter typed to follow a report: their phone, e-mail or the 6-digit PIN, or null. */
export function parseTrackingContact(s: string): TrackingContact | null {
  const t = s.trim();
  if (/^\d{6}$/.test(t)) return { kind: 'pin', value: t };
  const phone = normalizeVnPhone(t);
  if (phone) return { kind: 'phone', value: phone };
  const email = normalizeEmail(t);
  if (email) return { kind: 'email', value: email };
  return null;
}
