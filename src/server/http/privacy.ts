/**
 * Personal data stays out of logs and caches, by one rule each:
 * - logs: query parameters that carry personal data (the look-up's verifier, searches, phone, ID number) are
 *   replaced by [redacted] in every logged URL; a logged error loses the SQL parameters and the database's
 *   detail line (Drizzle's "params: …", PostgreSQL's "Key (…)=(…)"); and every logged text — a URL's path and
 *   other parameters (a citizen types the ID number or the phone where the dossier code goes), an error's
 *   message and stack — loses any phone- or ID-like number; cookies, authorisation and CSRF headers are never
 *   logged;
 * - caches: every API answer is `Cache-Control: no-store` unless its route says otherwise (dossiers, slips,
 *   exports carry names, ID numbers and addresses; a shared computer's browser cache must not keep them).
 */
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';

/** Query parameters whose values are personal data. */
const PERSONAL_PARAMS = new Set([
  'verifier',
  'q',
  'phone',
  'idnumber',
  'id_number',
  'cccd',
  'applicant',
  'name',
]);
/**
 * Phone numbers (0… 10–11 digits, +84…) and CCCD/CMND numbers (9 or 12 digits) inside free text; a record id (a
 * UUID) is matched whole first and kept, so that one whose last group happens to be twelve digits is not cut.
 */
const NUMBERS =
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|(\+84|\b0)\d{9,10}\b|\b\d{12}\b|\b\d{9}\b/gi;
const UUID = /^[0-9a-f]{8}-/i;
const redactNumbers = (s: string) => s.replace(NUMBERS, (m) => (UUID.test(m) ? m : '[redacted]'));

/** A piece of a URL (path segment, parameter value) without phone- or ID-like numbers, decoded or not. */
function redactPiece(piece: string): string {
  const decoded = decodeSafely(piece);
  const redacted = redactNumbers(decoded);
  return redacted === decoded ? piece : redacted;
}

export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const path = (q < 0 ? url : url.slice(0, q)).split('/').map(redactPiece).join('/');
  if (q < 0) return path;
  const parts = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return redactPiece(pair);
      const key = decodeSafely(pair.slice(0, eq)).toLowerCase();
      return `${pair.slice(0, eq)}=${PERSONAL_PARAMS.has(key) ? '[redacted]' : redactPiece(pair.slice(eq + 1))}`;
    });
  return `${path}?${parts.join('&')}`;
}

function decodeSafely(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function redactText(text: string): string {
  return redactNumbers(
    text
      .replace(/\n?params: [\s\S]*?(?=\n\s+at |$)/g, '\nparams: [redacted]')
      .replace(/Key \(([^)]*)\)=\([^)]*\)/g, 'Key ($1)=([redacted])'),
  );
}

interface LoggedError {
  type: string;
  message: string;
  stack?: string;
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  cause?: LoggedError;
}

/** The error as it may be logged: name, code, constraint and table; message and stack scrubbed; no params, no detail. */
export function redactError(err: unknown, depth = 0): LoggedError {
  if (!(err instanceof Error)) return { type: typeof err, message: redactText(String(err)) };
  const e = err as Error & { code?: unknown; constraint?: unknown; table?: unknown; cause?: unknown };
  return {
    type: e.name,
    message: redactText(e.message),
    ...(e.stack ? { stack: redactText(e.stack) } : {}),
    ...(e.code !== undefined ? { code: e.code } : {}),
    ...(e.constraint !== undefined ? { constraint: e.constraint } : {}),
    ...(e.table !== undefined ? { table: e.table } : {}),
    ...(e.cause && depth < 3 ? { cause: redactError(e.cause, depth + 1) } : {}),
  };
}

/** Fastify's logger options: level, where to write (default stdout), the redactions above. */
export function loggerOptions(
  level: string,
  stream?: NodeJS.WritableStream | DestinationStream,
): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
    serializers: {
      req: (req: { method: string; url: string; ip?: string; socket?: { remotePort?: number } }) => ({
        method: req.method,
        url: redactUrl(req.url),
        remoteAddress: req.ip,
      }),
      err: (err: Error) => ({ stack: '', ...redactError(err) }),
    },
  };
}

export function registerNoStore(app: FastifyInstance) {
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
  });
}
