import type { FastifyRequest } from 'fastify';
import type { Lang } from './errors';

/** Vietnamese unless the client asks for English first (Accept-Language: en…). */
export function requestLang(req: FastifyRequest): Lang {
  const header = req.headers['accept-language'];
  const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}
