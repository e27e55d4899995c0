/**
 * RFC 9457 problem+json for every error: AppError, request validation (Zod), rate limits, unknown routes,
 * malformed bodies, and anything unexpected (a 500 that never carries a stack trace).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, type ErrorCode, type Lang, titleOf } from './errors';
import { requestLang } from './lang';

const localeErrors = { vi: z.locales.vi().localeError, en: z.locales.en().localeError };

/** Custom messages a schema can name with `{ message: 'iso_date' }` etc. */
const FIELD_MESSAGES: Record<string, { vi: string; en: string }> = {
  required: { vi: 'Bắt buộc phải có', en: 'Required' },
  iso_date: {
    vi: 'Ngày phải có dạng YYYY-MM-DD và là ngày có thật',
    en: 'Must be a real date as YYYY-MM-DD',
  },
  calendar_range: {
    vi: 'Ngày phải trong khoảng 01/01/1900 – 31/12/2180 (lịch nghỉ lễ chỉ tính đến năm 2199)',
    en: 'The date must be between 1900-01-01 and 2180-12-31 (the holiday calendar ends in 2199)',
  },
  commune_code: { vi: 'Mã xã gồm 5 chữ số', en: 'A commune code has 5 digits' },
  province_code: { vi: 'Mã tỉnh gồm 2 chữ số', en: 'A province code has 2 digits' },
  phone: {
    vi: 'Số điện thoại di động 10 số (03, 05, 07, 08, 09…) hoặc cố định 11 số (02…)',
    en: 'A mobile number has 10 digits (03, 05, 07, 08, 09…), a landline 11 (02…)',
  },
  person_name: {
    vi: 'Họ và tên như trên căn cước, 2–100 ký tự',
    en: 'The full name as on the ID card, 2–100 characters',
  },
  area_code: {
    vi: 'Mã lĩnh vực: chữ thường không dấu, số và . _ : -',
    en: 'An area code: a–z, digits and . _ : -',
  },
  former_unit_code: { vi: 'Mã đơn vị cũ gồm 5 chữ số', en: 'A former unit code has 5 digits' },
  username: {
    vi: 'Tên đăng nhập 3–50 ký tự: chữ thường không dấu, số, dấu chấm, gạch',
    en: 'A username has 3–50 characters: a–z, digits, dot, dash, underscore',
  },
};

interface ValidationItem {
  keyword: string;
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

function fieldMessage(item: ValidationItem, lang: Lang): string {
  const custom = item.message ? FIELD_MESSAGES[item.message] : undefined;
  if (custom) return custom[lang];
  if (item.keyword === 'invalid_type' && item.message?.includes('received undefined'))
    return FIELD_MESSAGES.required![lang];
  const length = lengthMessage(item, lang);
  if (length) return length;
  const issue = { code: item.keyword, path: [], message: item.message, ...item.params } as never;
  const localized = localeErrors[lang](issue);
  if (typeof localized === 'string') return localized;
  return localized?.message ?? item.message ?? item.keyword;
}

/** A text too short or too long, in words a citizen reads on the form (Zod's own: "Quá nhỏ: mong đợi string có >=1"). */
function lengthMessage(item: ValidationItem, lang: Lang): string | null {
  const p = (item.params ?? {}) as { origin?: unknown; minimum?: unknown; maximum?: unknown };
  if (p.origin !== 'string') return null;
  if (item.keyword === 'too_small' && typeof p.minimum === 'number') {
    if (p.minimum <= 1) return lang === 'vi' ? 'Không được để trống.' : 'Must not be empty.';
    return lang === 'vi' ? `Cần ít nhất ${p.minimum} ký tự.` : `At least ${p.minimum} characters.`;
  }
  if (item.keyword === 'too_big' && typeof p.maximum === 'number')
    return lang === 'vi' ? `Tối đa ${p.maximum} ký tự.` : `At most ${p.maximum} characters.`;
  return null;
}

const CONTEXT_NAMES: Record<string, string> = {
  querystring: 'query',
  body: 'body',
  params: 'path',
  headers: 'header',
};

/** The request's path as an answer names it: at most 200 characters (a 10,000-character path is not echoed back). */
function shownPath(req: FastifyRequest): string {
  const urlPath = req.url.split('?')[0]!;
  return urlPath.length > 200 ? `${urlPath.slice(0, 200)}…` : urlPath;
}

export function problemBody(
  req: FastifyRequest,
  code: ErrorCode,
  status: number,
  detail: string,
  errors?: { field: string; message: string }[],
) {
  const lang = requestLang(req);
  return {
    type: `https://xaso.vn/problems/${code.replace(/_/g, '-')}`,
    title: titleOf(code, lang),
    status,
    detail,
    code,
    instance: shownPath(req),
    ...(errors?.length ? { errors } : {}),
  };
}

function send(reply: FastifyReply, body: ReturnType<typeof problemBody>) {
  return reply.status(body.status).type('application/problem+json; charset=utf-8').send(body);
}

/** A not-found request the web app may answer (client-side routes → index.html) before the 404 problem. */
export type NotFoundFallback = (req: FastifyRequest, reply: FastifyReply) => FastifyReply | null;

export function registerProblemHandling(app: FastifyInstance, fallback?: NotFoundFallback) {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    const lang = requestLang(req);
    if (err instanceof AppError) {
      if (err.headers) reply.headers(err.headers);
      if (err.status >= 500) req.log.error({ err }, 'app error');
      const errors = err.errors?.map((e) => ({
        field: e.field,
        message: typeof e.message === 'string' ? e.message : e.message[lang],
      }));
      return send(
        reply,
        problemBody(req, err.code, err.status, err.detail?.[lang] ?? titleOf(err.code, lang), errors),
      );
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = CONTEXT_NAMES[(err as FastifyError).validationContext ?? 'body'] ?? 'body';
      const errors = (err.validation as unknown as ValidationItem[]).map((item) => ({
        field: [where, ...item.instancePath.split('/').filter(Boolean)].join('.'),
        message: fieldMessage(item, lang),
      }));
      const detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      return send(reply, problemBody(req, 'validation_failed', 400, detail, errors));
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status === 429) {
      return send(reply, problemBody(req, 'rate_limited', 429, titleOf('rate_limited', lang)));
    }
    if (status === 413)
      return send(reply, problemBody(req, 'payload_too_large', 413, titleOf('payload_too_large', lang)));
    // The web app's files route refuses a path the file system cannot even look up (a name too long): not there.
    if (status >= 400 && status < 500 && req.routeOptions.url === '/*') return notFound(req, reply);
    if (status >= 400 && status < 500) {
      // Fastify's own client errors (malformed JSON, wrong content type …): say what, without internals.
      const detail = lang === 'vi' ? 'Yêu cầu không đúng định dạng.' : (err.message ?? 'Bad request');
      return send(reply, problemBody(req, status === 404 ? 'not_found' : 'bad_request', status, detail));
    }
    req.log.error({ err }, 'unexpected error');
    return send(reply, problemBody(req, 'internal', 500, titleOf('internal', lang)));
  });

  app.setNotFoundHandler((req, reply) => {
    const answered = fallback?.(req, reply);
    if (answered) return answered;
    return notFound(req, reply);
  });
}

function notFound(req: FastifyRequest, reply: FastifyReply) {
  const lang = requestLang(req);
  const detail =
    lang === 'vi'
      ? `Không có địa chỉ ${req.method} ${shownPath(req)}.`
      : `No route ${req.method} ${shownPath(req)}.`;
  return send(reply, problemBody(req, 'not_found', 404, detail));
}
