/**
 * One rule for every string a client sends (query, path, JSON body): control characters other than tab, line
 * feed and carriage return are refused with a 400 naming the field (PostgreSQL cannot store NUL, and nothing a
 * person types contains the others); bidirectional override and isolate characters, which can disguise a name or
 * a file name ("hoso\u202Efdp.exe"), are stripped.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fieldError } from './errors';

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

/** The path (e.g. `body.applicant.fullName`) of the first string holding a control character, or null. */
export function findControlCharacter(value: unknown, path: string): string | null {
  if (typeof value === 'string') return CONTROL.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findControlCharacter(value[i], `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const keyPath = `${path}.${key}`;
      if (CONTROL.test(key)) return keyPath;
      const found = findControlCharacter(v, keyPath);
      if (found) return found;
    }
  }
  return null;
}

/** The same value with bidi override/isolate characters removed from every string (a new object when changed). */
export function stripBidiControls<T>(value: T): T {
  if (typeof value === 'string') return value.replace(BIDI, '') as T;
  if (Array.isArray(value)) return value.map(stripBidiControls) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = stripBidiControls(v);
    return out as T;
  }
  return value;
}

export function stripBidi(text: string): string {
  return text.replace(BIDI, '');
}

function refuse(field: string) {
  return fieldError(
    field,
    'Có ký tự điều khiển không hợp lệ (ví dụ NUL) trong dữ liệu gửi lên.',
    'Contains a control character (such as NUL) that is not allowed.',
  );
}

function check(req: FastifyRequest, part: 'query' | 'params' | 'body', label: string) {
  const value = req[part];
  const found = findControlCharacter(value, label);
  if (found) throw refuse(found);
  if (value && typeof value === 'object')
    (req as unknown as Record<string, unknown>)[part] = stripBidiControls(value);
}

export function registerInputTextRule(app: FastifyInstance) {
  // Path and query before anything reads them (authentication, the access rule); the body once parsed.
  app.addHook('onRequest', async (req) => {
    check(req, 'params', 'path');
    check(req, 'query', 'query');
  });
  app.addHook('preValidation', async (req) => {
    if (req.isMultipart?.()) return; // multipart parts are checked where they are read
    check(req, 'body', 'body');
  });
}
