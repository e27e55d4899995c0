/**
 * The one authentication and authorisation check of the server. Every request gets `req.principal` (or null);
 * routes declare who may call them with `requireRole(...)`; state-changing requests made with a session cookie
 * must carry the session's CSRF token in `x-csrf-token`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../../common/roles';
import type { Db } from '../db/database';
import type { WriteContext } from '../db/transaction';
import { findPrincipalBySession, type Principal, SESSION_COOKIE } from '../modules/auth/service';
import { AppError } from './errors';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    sessionToken: string | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerAuthentication(app: FastifyInstance, db: Db) {
  app.decorateRequest('principal', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies?.[SESSION_COOKIE];
    if (!token) return;
    const principal = await findPrincipalBySession(db, token);
    if (!principal) return;
    req.principal = principal;
    req.sessionToken = token;
    if (!SAFE_METHODS.has(req.method) && !req.url.startsWith('/api/v1/auth/login')) {
      if (req.headers['x-csrf-token'] !== principal.csrfToken) throw new AppError('csrf_failed');
    }
  });
}

export function requirePrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError('unauthenticated');
  return req.principal;
}

/** Pre-handler: the caller must hold one of the roles (anywhere; scoped checks come with the data). */
export function requireRole(...roles: Role[]) {
  return async (req: FastifyRequest) => {
    const principal = requirePrincipal(req);
    if (!principal.grants.some((g) => roles.includes(g.role))) throw new AppError('forbidden');
  };
}

/** The actor and request facts a write records in its audit entry. */
export function writeContext(req: FastifyRequest, db: Db): WriteContext {
  const p = req.principal;
  return {
    db,
    actor: p
      ? { accountId: p.accountId, name: p.username, role: p.grants.map((g) => g.role).join(',') || null }
      : { accountId: null, name: 'anonymous', role: null },
    meta: { requestId: String(req.id), clientAddress: req.ip },
  };
}
