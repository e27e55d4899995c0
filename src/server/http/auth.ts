/**
 * The one authentication and authorisation check of the server. Every request gets `req.principal` (or null);
 * routes declare who may call them with `requireRole(...)`; state-changing requests made with a session cookie
 * must carry the session's CSRF token in `x-csrf-token`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db, DbOrTx } from '../db/database';
import type { WriteContext } from '../db/transaction';
import { type CommuneScope, can, type Permission, scopeOf } from '../modules/auth/permissions';
import { findPrincipalBySession, type Principal, SESSION_COOKIE } from '../modules/auth/service';
import { findCommuneLocation } from '../modules/units/service';
import { AppError, notFound, text } from './errors';

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

/** Pre-handler for system-wide actions (the administrative map, the holiday calendar, accounts). */
export function requirePermission(permission: Permission) {
  return async (req: FastifyRequest) => {
    const principal = requirePrincipal(req);
    if (!can(principal.grants, permission)) throw new AppError('forbidden');
  };
}

/**
 * The caller must hold `permission` over the commune. A commune named in the URL that the caller may not
 * touch gives 403; a record of another commune reached by its own id gives 404 (`hide: true`), so ids of other
 * communes' records reveal nothing.
 */
export async function authorizeCommune(
  req: FastifyRequest,
  db: DbOrTx,
  communeCode: string,
  permission: Permission,
  options: { hide?: boolean } = {},
): Promise<Principal> {
  const principal = requirePrincipal(req);
  const where = await findCommuneLocation(db, communeCode);
  if (!where) throw notFound('xã/phường', 'commune', communeCode);
  if (!can(principal.grants, permission, where)) {
    if (options.hide) throw new AppError('not_found');
    throw new AppError(
      'forbidden',
      text('Bạn không có quyền với dữ liệu của xã này.', "You have no rights over this commune's records."),
    );
  }
  return principal;
}

/** The communes the caller may list records of, for a permission (filter for list queries). */
export function communeScope(req: FastifyRequest, permission: Permission): CommuneScope {
  return scopeOf(requirePrincipal(req).grants, permission);
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
