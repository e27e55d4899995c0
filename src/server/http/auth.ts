/**
 * The one authentication and authorisation check of the server. Every request gets `req.principal` (or null);
 * routes declare who may call them with `requirePermission(...)` / `authorizeCommune(...)`; state-changing requests made with a session cookie
 * must carry the session's CSRF token in `x-csrf-token`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db, DbOrTx } from '../db/database';
import type { WriteContext } from '../db/transaction';
import { type CommuneScope, canWithRestriction, type Permission, scopeOf } from '../modules/auth/permissions';
import {
  findPrincipalByApiToken,
  findPrincipalBySession,
  type Principal,
  SESSION_COOKIE,
} from '../modules/auth/service';
import { findCommuneLocation } from '../modules/units/service';
import { AppError, notFound, text } from './errors';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    sessionToken: string | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** All an account with a first (administrator-set) password may do until it changes it. */
const PASSWORD_CHANGE_ALLOWED = new Set([
  '/api/v1/me',
  '/api/v1/auth/change-password',
  '/api/v1/auth/logout',
  '/api/v1/auth/login',
]);

export function registerAuthentication(app: FastifyInstance, db: Db) {
  app.decorateRequest('principal', null);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const bearer = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (bearer) {
      // Systems: no cookie, so no CSRF; an unknown or revoked token is refused outright.
      const principal = await findPrincipalByApiToken(db, bearer);
      if (!principal)
        throw new AppError(
          'unauthenticated',
          text('Mã truy cập không hợp lệ hoặc đã thu hồi.', 'Invalid or revoked API token.'),
        );
      req.principal = principal;
      return;
    }
    const token = req.cookies?.[SESSION_COOKIE];
    if (!token) return;
    const principal = await findPrincipalBySession(db, token);
    if (!principal) return;
    req.principal = principal;
    req.sessionToken = token;
    const path = req.url.split('?')[0]!;
    if (!SAFE_METHODS.has(req.method) && path !== '/api/v1/auth/login') {
      if (req.headers['x-csrf-token'] !== principal.csrfToken) throw new AppError('csrf_failed');
    }
    if (principal.mustChangePassword && !PASSWORD_CHANGE_ALLOWED.has(path))
      throw new AppError('password_change_required');
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
    if (!canWithRestriction(principal.grants, principal.restriction, permission))
      throw new AppError('forbidden');
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
  if (!canWithRestriction(principal.grants, principal.restriction, permission, where)) {
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
  const principal = requirePrincipal(req);
  const { restriction } = principal;
  if (restriction && !restriction.permissions.includes(permission))
    return { all: false, communeCodes: [], provinceCodes: [] };
  if (restriction?.communeCode) {
    const scope = scopeOf(principal.grants, permission);
    // The token's commune, if its owner reaches it (province scope is checked per record by authorizeCommune).
    return {
      all: false,
      communeCodes:
        scope.all || scope.communeCodes.includes(restriction.communeCode) ? [restriction.communeCode] : [],
      provinceCodes: [],
    };
  }
  return scopeOf(principal.grants, permission);
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
