/**
 * The arguments of Open311 calls read from a query string or a POST body (form-encoded or JSON), pure: every
 * problem is collected as one description naming the specification's field, so a client learns all of them at
 * once (the specification's error answer is a list). "Optional" arguments follow the specification: an empty
 * value is the same as no value.
 */
import { VIETNAM_BOUNDS } from '../../../../common/api/feedback';
import {
  OPEN311_MAX_DESCRIPTION,
  OPEN311_MAX_NAME,
  OPEN311_MAX_RESULTS,
  OPEN311_MAX_SPAN_DAYS,
  OPEN311_MAX_URL,
  type Open311Status,
} from '../../../../common/api/open311';
import type { Lang } from '../../../http/errors';
import { parseW3DateTime } from './mapping';

type Args = Record<string, unknown>;

/** One value of an argument: the first of repeated ones, trimmed; '' and absent are both null. */
export function arg(args: Args, name: string): string | null {
  const raw = args[name];
  const v = Array.isArray(raw) ? raw.find((x) => typeof x === 'string' && x.trim() !== '') : raw;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return t === '' ? null : t;
}

/** A comma-delimited argument that "can be declared multiple times": every value, trimmed, no empties. */
export function list(args: Args, name: string): string[] {
  const raw = args[name];
  const values = (Array.isArray(raw) ? raw : [raw]).filter(
    (x): x is string | number => typeof x === 'string' || typeof x === 'number',
  );
  return [
    ...new Set(
      values
        .flatMap((v) => String(v).split(','))
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

const t = (lang: Lang, vi: string, en: string) => (lang === 'en' ? en : vi);

export const missingText = (lang: Lang, field: string) =>
  t(lang, `${field}: bắt buộc, chưa được gửi.`, `${field}: required and not provided.`);

const MARKUP = /<\s*[a-z!/?]/i;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** Vietnamese phone numbers: 0 or +84 followed by 9–10 digits, spaces, dots and dashes allowed. */
export function phoneDigits(s: string): string | null {
  const compact = s.replace(/[\s.\-()]/g, '');
  const m = /^(?:\+?84|0)(\d{9,10})$/.exec(compact);
  return m ? `0${m[1]}` : null;
}

export interface NewOpen311Request {
  serviceCode: string;
  lat: number | null;
  long: number | null;
  addressString: string | null;
  description: string;
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  mediaUrl: string | null;
}

/**
 * POST requests: service_code and a location (lat & long, or address_string) are required by the specification;
 * XãSố also requires a description (a report without one cannot be handled). address_id is not supported (XãSố has
 * no master address repository): send address_string. attribute[…] is ignored (no service has metadata).
 */
export function parsePostRequest(
  args: Args,
  lang: Lang,
): { ok: true; value: NewOpen311Request } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const serviceCode = arg(args, 'service_code');
  if (!serviceCode) errors.push(missingText(lang, 'service_code'));

  const latText = arg(args, 'lat');
  const longText = arg(args, 'long');
  const addressString = arg(args, 'address_string');
  let lat: number | null = null;
  let long: number | null = null;
  if (latText !== null || longText !== null) {
    if (latText === null || longText === null) {
      errors.push(
        t(
          lang,
          'lat, long: phải gửi cả hai (vĩ độ và kinh độ WGS84).',
          'lat, long: both must be sent (WGS84 latitude and longitude).',
        ),
      );
    } else {
      lat = Number(latText);
      long = Number(longText);
      const b = VIETNAM_BOUNDS;
      if (!/^-?\d+(\.\d+)?$/.test(latText) || !/^-?\d+(\.\d+)?$/.test(longText)) {
        errors.push(t(lang, 'lat, long: phải là số thập phân.', 'lat, long: must be decimal numbers.'));
      } else if (lat < b.minLat || lat > b.maxLat || long < b.minLng || long > b.maxLng) {
        errors.push(
          t(
            lang,
            'lat, long: vị trí nằm ngoài lãnh thổ Việt Nam.',
            'lat, long: the point is outside Vietnam.',
          ),
        );
      }
    }
  } else if (!addressString) {
    errors.push(
      arg(args, 'address_id')
        ? t(
            lang,
            'address_id: không được hỗ trợ; hãy gửi address_string hoặc lat & long.',
            'address_id: not supported; send address_string or lat & long.',
          )
        : t(
            lang,
            'lat & long hoặc address_string: bắt buộc gửi vị trí.',
            'lat & long or address_string: a location is required.',
          ),
    );
  }
  if (addressString && addressString.length > 500)
    errors.push(t(lang, 'address_string: tối đa 500 ký tự.', 'address_string: at most 500 characters.'));
  if (addressString && MARKUP.test(addressString))
    errors.push(t(lang, 'address_string: không được chứa mã HTML.', 'address_string: no HTML or code.'));

  const description = arg(args, 'description');
  if (!description) errors.push(missingText(lang, 'description'));
  else if (description.length > OPEN311_MAX_DESCRIPTION)
    errors.push(
      t(
        lang,
        `description: tối đa ${OPEN311_MAX_DESCRIPTION} ký tự.`,
        `description: at most ${OPEN311_MAX_DESCRIPTION} characters.`,
      ),
    );
  else if (MARKUP.test(description))
    errors.push(t(lang, 'description: không được chứa mã HTML.', 'description: no HTML or code.'));

  const email = arg(args, 'email')?.toLowerCase() ?? null;
  if (email && (email.length > 254 || !EMAIL.test(email)))
    errors.push(t(lang, 'email: địa chỉ thư điện tử không hợp lệ.', 'email: not a valid e-mail address.'));
  const phoneText = arg(args, 'phone');
  const phone = phoneText ? phoneDigits(phoneText) : null;
  if (phoneText && !phone)
    errors.push(
      t(lang, 'phone: số điện thoại Việt Nam không hợp lệ.', 'phone: not a valid Vietnamese phone number.'),
    );
  const names: [string, string | null][] = [
    ['first_name', arg(args, 'first_name')],
    ['last_name', arg(args, 'last_name')],
  ];
  for (const [field, value] of names) {
    if (value && (value.length > OPEN311_MAX_NAME || MARKUP.test(value)))
      errors.push(
        t(
          lang,
          `${field}: tối đa ${OPEN311_MAX_NAME} ký tự, không chứa mã HTML.`,
          `${field}: at most ${OPEN311_MAX_NAME} characters, no HTML.`,
        ),
      );
  }
  const mediaUrl = arg(args, 'media_url');
  if (mediaUrl && (mediaUrl.length > OPEN311_MAX_URL || !isHttpUrl(mediaUrl)))
    errors.push(
      t(lang, 'media_url: phải là địa chỉ http(s) hợp lệ.', 'media_url: must be a valid http(s) URL.'),
    );

  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      serviceCode: serviceCode!,
      lat,
      long,
      addressString,
      description: description!,
      email,
      phone,
      firstName: names[0]![1],
      lastName: names[1]![1],
      mediaUrl,
    },
  };
}

function isHttpUrl(s: string): boolean {
  if (/\s/.test(s)) return false;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

export interface RequestsQuery {
  /** When given, overrides all other arguments (the specification). */
  ids: string[] | null;
  serviceCodes: string[];
  start: Date;
  end: Date;
  statuses: Open311Status[];
  limit: number;
}

const DAY_MS = 86_400_000;

/**
 * GET requests: service_request_id (comma list), service_code (comma list), start_date/end_date (w3; the range
 * defaults to the most recent 90 days and may not span more), status (open, closed; comma list). At most 1000.
 */
export function parseRequestsQuery(
  args: Args,
  lang: Lang,
  now: Date,
): { ok: true; value: RequestsQuery } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const ids = list(args, 'service_request_id').map((s) => s.toUpperCase());
  if (ids.length > OPEN311_MAX_RESULTS)
    errors.push(
      t(
        lang,
        `service_request_id: tối đa ${OPEN311_MAX_RESULTS} mã.`,
        `service_request_id: at most ${OPEN311_MAX_RESULTS} ids.`,
      ),
    );
  const serviceCodes = list(args, 'service_code');
  const statuses: Open311Status[] = [];
  for (const s of list(args, 'status')) {
    const v = s.toLowerCase();
    if (v === 'open' || v === 'closed') statuses.push(v);
    else
      errors.push(
        t(lang, `status: "${s}" không hợp lệ (open, closed).`, `status: "${s}" is not valid (open, closed).`),
      );
  }
  const dates: Record<'start_date' | 'end_date', Date | null> = { start_date: null, end_date: null };
  for (const field of ['start_date', 'end_date'] as const) {
    const v = arg(args, field);
    if (v === null) continue;
    const d = v.length <= 40 ? parseW3DateTime(v) : null;
    if (!d)
      errors.push(
        t(
          lang,
          `${field}: phải theo định dạng w3 có múi giờ, ví dụ 2026-01-01T00:00:00Z.`,
          `${field}: must be a w3 date-time with a timezone, e.g. 2026-01-01T00:00:00Z.`,
        ),
      );
    dates[field] = d;
  }
  const span = OPEN311_MAX_SPAN_DAYS * DAY_MS;
  let start = dates.start_date;
  let end = dates.end_date;
  if (!start && !end) {
    end = now;
    start = new Date(now.getTime() - span);
  } else if (start && !end) end = new Date(start.getTime() + span);
  else if (!start && end) start = new Date(end.getTime() - span);
  if (start && end && dates.start_date && dates.end_date) {
    if (end < start)
      errors.push(t(lang, 'end_date: phải sau start_date.', 'end_date: must not be before start_date.'));
    else if (end.getTime() - start.getTime() > span)
      errors.push(
        t(
          lang,
          `start_date, end_date: khoảng thời gian không được quá ${OPEN311_MAX_SPAN_DAYS} ngày.`,
          `start_date, end_date: the range may not span more than ${OPEN311_MAX_SPAN_DAYS} days.`,
        ),
      );
  }
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      ids: ids.length ? ids : null,
      serviceCodes,
      start: start!,
      end: end!,
      statuses,
      limit: OPEN311_MAX_RESULTS,
    },
  };
}
