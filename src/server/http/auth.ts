/**
 * The one authentication and authorisation check of the server. Every request gets `req.principal` (or null);
 * routes declare who may call them with `requirePermission(...)` / `authorizeCommune(...)`; state-changing requests made with a session cookie
 * must carry the session's CSRF token in `x-csrf-token`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db, DbOrTx } from '../db/database';
import type { Credential, WriteContext } from '../db/transaction';
import { type CommuneScope, canWithRestriction, type Permission, scopeOf } from '../modules/auth/permissions';
import {
  findPrincipalByApiToken,
  findPrincipalBySession,
  type Principal,
  SESSION_COOKIE,
  sha256,
} from '../modules/auth/service';
import { findCommuneLocation } from '../modules/units/service';
import { AppError, notFound, text } from './errors';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    sessionToken: string | null;
    /** How the principal was authenticated (hash of the cookie or bearer token), for re-checks inside writes. */
    credential: Credential | null;
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
  app.decorateRequest('credential', null);
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
      req.credential = { kind: 'apiToken', tokenHash: sha256(bearer) };
      return;
    }
    const token = req.cookies?.[SESSION_COOKIE];
    if (!token) return;
    const principal = await findPrincipalBySession(db, token);
    if (!principal) return;
    req.principal = principal;
    req.sessionToken = token;
    req.credential = { kind: 'session', tokenHash: sha256(token) };
    const path = req.url.split('?')[0]!;
    if (!SAFE_METHODS.has(req.method) && path !== '/api/v1/auth/login') {
      if (req.headers['x-csrf-token'] !== principal.csrfToken) throw new AppError('csrf_failed');
    }
    const isPublic = req.routeOptions.config?.access === 'public';
    if (principal.mustChangePassword && !isPublic && !PASSWORD_CHANGE_ALLOWED.has(path))
      throw new AppError('password_change_required');
  });
}

export function requirePrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError('unauthenticated');
  return req.principal;
}

/**
 * Who may call a route — declared on every /api route as `config: { access }`, enforced here before the
 * request body is even validated, so a foreign commune or record is refused the same way whatever is sent:
 * - `public`: anyone (rate-limited where it matters)
 * - `signedIn`: any signed-in caller; the service scopes what it returns (e.g. lists filtered by communeScope)
 * - `{ permission }`: a system-wide right (the administrative map, the calendar, accounts)
 * - `{ permission, communeParam }`: a right over the commune named in the URL → 403 when foreign
 * - `{ permission, recordParam, communeOf }`: a right over the commune the record belongs to (or over one of
 *   them, when `communeOf` names several — a dossier is read by its competent and its receiving commune) → 404
 *   when foreign or missing, so ids of other communes' records reveal nothing
 */
export type Access =
  | 'public'
  | 'signedIn'
  | { permission: Permission }
  | { permission: Permission; communeParam: string }
  | {
      permission: Permission;
      recordParam: string;
      communeOf: (db: Db, id: string) => Promise<string | readonly string[] | null>;
    }
  | { permission: Permission; provinceParam: string }
  | {
      permission: Permission;
      recordParam: string;
      provinceOf: (db: Db, id: string) => Promise<string | null>;
    };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyInstance {
    /** Every /api route with its access rule (read by the authorisation tests that walk all routes). */
    accessTable: { method: string; url: string; access: Access }[];
  }
}

export function registerAccessControl(app: FastifyInstance, db: Db) {
  const undeclared: string[] = [];
  const table: FastifyInstance['accessTable'] = [];
  app.decorate('accessTable', table);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/')) return;
    const access = (route.config as { access?: Access } | undefined)?.access;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!access) undeclared.push(`${methods.join(',')} ${route.url}`);
    else for (const method of methods) if (method !== 'HEAD') table.push({ method, url: route.url, access });
  });
  app.addHook('onReady', async () => {
    if (undeclared.length) throw new Error(`Routes without an access rule: ${undeclared.join(', ')}`);
  });
  app.addHook('preValidation', async (req) => {
    const access = req.routeOptions.config.access;
    if (!access || access === 'public') return;
    const principal = requirePrincipal(req);
    if (access === 'signedIn') return;
    const params = (req.params ?? {}) as Record<string, string>;
    if ('communeParam' in access) {
      await authorizeCommune(req, db, params[access.communeParam] ?? '', access.permission);
    } else if ('provinceParam' in access) {
      authorizeProvince(req, params[access.provinceParam] ?? '', access.permission);
    } else if ('provinceOf' in access) {
      const provinceCode = await access.provinceOf(db, params[access.recordParam] ?? '');
      if (!provinceCode || !canInProvince(principal, provinceCode, access.permission))
        throw new AppError('not_found');
    } else if ('recordParam' in access) {
      const found = await access.communeOf(db, params[access.recordParam] ?? '');
      const communes = found === null ? [] : typeof found === 'string' ? [found] : found;
      for (const communeCode of communes) {
        const where = await findCommuneLocation(db, communeCode);
        if (where && canWithRestriction(principal.grants, principal.restriction, access.permission, where))
          return;
      }
      throw new AppError('not_found');
    } else if (!canWithRestriction(principal.grants, principal.restriction, access.permission)) {
      throw new AppError('forbidden');
    }
  });
}

/** Guard for record lookups by id: a malformed id finds nothing (instead of a database type error). */
export const isUuid = (s: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

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

/** A province-wide right (province officer, department handler, administrator); commune grants never give one. */
function canInProvince(principal: Principal, provinceCode: string, permission: Permission): boolean {
  const { grants, restriction } = principal;
  if (restriction?.communeCode) return false;
  return canWithRestriction(
    grants.filter((g) => !g.communeCode),
    restriction,
    permission,
    { communeCode: '', provinceCode },
  );
}

/**
 * The caller must hold `permission` over the whole province (a grant for the province, or system-wide): 403
 * otherwise, including for officials of one of its communes.
 */
export function authorizeProvince(
  req: FastifyRequest,
  provinceCode: string,
  permission: Permission,
): Principal {
  const principal = requirePrincipal(req);
  if (!canInProvince(principal, provinceCode, permission)) {
    throw new AppError(
      'forbidden',
      text(
        'Bạn không có quyền với dữ liệu của tỉnh này.',
        "You have no rights over this province's records.",
      ),
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
    ...(req.credential ? { credential: req.credential } : {}),
  };
}
