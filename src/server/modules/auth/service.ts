/**
 * Sign-in and sessions: argon2id passwords, sessions stored in the database (any instance can serve any request),
 * per-session CSRF tokens, lockout after repeated failures, forced password change, logout everywhere, and the
 * principal behind an API token.
 */
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { and, asc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { RoleGrant } from '../../../common/roles';
import type { Db, DbOrTx } from '../../db/database';
import { KeyedCache } from '../../db/invalidation';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, fieldError, text } from '../../http/errors';
import { clearLoginFailures, isLoginBlocked, recordLoginFailure } from './login-throttle-service';
import { checkPassword, PASSWORD_MESSAGES } from './password-policy';
import type { Permission } from './permissions';
import { accounts, apiTokens, roleGrants, sessions } from './schema';

export const SESSION_COOKIE = 'xaso_session';
const SESSION_HOURS = 12;

export interface Principal {
  accountId: string;
  username: string;
  displayName: string;
  grants: RoleGrant[];
  /** null for API tokens (no cookie, so no CSRF). */
  csrfToken: string | null;
  mustChangePassword: boolean;
  /** An API token acts for its account, limited to these permissions (and one commune, when set). */
  restriction: { permissions: Permission[]; communeCode: string | null } | null;
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const newSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

let dummyHash: Promise<string> | undefined;

/** The context without its credential: for writes that must not depend on the caller's session still being valid. */
function withoutCredential({ credential: _credential, ...ctx }: WriteContext): WriteContext {
  return ctx;
}

export async function grantsOf(db: DbOrTx, accountId: string): Promise<RoleGrant[]> {
  const rows = await db.select().from(roleGrants).where(eq(roleGrants.accountId, accountId));
  return rows.map((r) => ({
    role: r.role as RoleGrant['role'],
    provinceCode: r.provinceCode,
    communeCode: r.communeCode,
  }));
}

/** Active accounts holding `role` in a commune (for pickers such as the dossier's specialist), by name. */
export async function accountsWithRole(
  db: DbOrTx,
  communeCode: string,
  role: RoleGrant['role'],
): Promise<{ id: string; username: string; displayName: string; officialId: string | null }[]> {
  return db
    .selectDistinct({
      id: accounts.id,
      username: accounts.username,
      displayName: accounts.displayName,
      officialId: accounts.officialId,
    })
    .from(accounts)
    .innerJoin(roleGrants, eq(roleGrants.accountId, accounts.id))
    .where(
      and(eq(roleGrants.communeCode, communeCode), eq(roleGrants.role, role), eq(accounts.status, 'active')),
    )
    .orderBy(asc(accounts.displayName))
    .limit(500);
}

/** Display names and linked officials of some accounts (who did what, in a history). */
export async function accountPeople(
  db: DbOrTx,
  ids: readonly string[],
): Promise<Map<string, { displayName: string; officialId: string | null }>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: accounts.id, displayName: accounts.displayName, officialId: accounts.officialId })
    .from(accounts)
    .where(inArray(accounts.id, unique));
  return new Map(rows.map(({ id, ...r }) => [id, r]));
}

/** The account linked to each of these officials, if any (official id → account id). */
export async function accountsOfOfficials(
  db: DbOrTx,
  officialIds: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(officialIds)];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: accounts.id, officialId: accounts.officialId })
    .from(accounts)
    .where(inArray(accounts.officialId, unique));
  return new Map(rows.flatMap((r) => (r.officialId ? [[r.officialId, r.id] as const] : [])));
}

/** Throws a field error listing what the password policy finds wrong. */
export function assertPasswordAcceptable(password: string, username: string, field: string) {
  const problems = checkPassword(password, username);
  if (problems.length) {
    const vi = problems.map((p) => PASSWORD_MESSAGES[p].vi).join(' ');
    const en = problems.map((p) => PASSWORD_MESSAGES[p].en).join(' ');
    throw fieldError(field, vi, en);
  }
}

/**
 * One answer for every refusal — unknown username, wrong password, disabled account, or a caller who must wait
 * (login-throttle.ts) — so that nothing tells which usernames exist or whether a password was right; and the
 * wait is per username and address, so failures from one place never lock the account for its owner elsewhere.
 */
const refused = () =>
  new AppError(
    'invalid_credentials',
    text(
      'Sai tên đăng nhập hoặc mật khẩu. Sau nhiều lần sai, hãy chờ vài phút rồi thử lại.',
      'Wrong username or password. After several failures, wait a few minutes and try again.',
    ),
  );

export async function login(signInCtx: WriteContext, username: string, password: string) {
  // A cookie of an earlier session (perhaps ended elsewhere) has no say in signing in.
  const ctx = withoutCredential(signInCtx);
  const folded = username.trim().toLowerCase();
  const address = ctx.meta.clientAddress;
  const now = new Date();
  const [account] = await ctx.db.select().from(accounts).where(eq(accounts.username, folded));
  const blocked = await isLoginBlocked(ctx.db, folded, address, now);
  // The password is checked (or a dummy hash, for an unknown name) whatever happens: timing reveals nothing.
  dummyHash ??= hashPassword('not-a-password');
  const passwordRight = await verify(account?.passwordHash ?? (await dummyHash), password);
  if (blocked) throw refused();
  if (!account || !passwordRight || account.status !== 'active') {
    const actorCtx = account
      ? { ...ctx, actor: { accountId: account.id, name: account.username, role: null } }
      : { ...ctx, actor: { accountId: null, name: folded.slice(0, 100), role: null } };
    await inTransaction(actorCtx, async (tx, audit) => {
      const startedWait = await recordLoginFailure(tx, folded, address, now);
      await audit({
        action: startedWait ? 'auth.throttled' : 'auth.login_failed',
        entityType: account ? 'account' : 'login',
        entityId: account ? account.id : folded.slice(0, 100),
      });
    });
    throw refused();
  }
  const actorCtx = { ...ctx, actor: { accountId: account.id, name: account.username, role: null } };
  const token = newSecret();
  const csrfToken = newSecret(24);
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  await inTransaction(actorCtx, async (tx, audit) => {
    await tx.insert(sessions).values({
      tokenHash: sha256(token),
      accountId: account.id,
      csrfToken,
      expiresAt,
      clientAddress: ctx.meta.clientAddress,
    });
    await clearLoginFailures(tx, folded, address);
    await audit({ action: 'auth.login', entityType: 'account', entityId: account.id });
  });
  const principal: Principal = {
    accountId: account.id,
    username: account.username,
    displayName: account.displayName,
    grants: await grantsOf(ctx.db, account.id),
    csrfToken,
    mustChangePassword: account.mustChangePassword,
    restriction: null,
  };
  return { token, principal, expiresAt };
}

/** A principal as cached for a credential: until when it holds, and which account's notifications drop it. */
interface CachedPrincipal {
  principal: Principal;
  accountId: string;
  /** ms since the epoch; null: no expiry. */
  expiresAt: number | null;
}
type CachedToken = CachedPrincipal & { tokenId: string; lastUsedWrite: number };

// Sessions and API tokens served from memory, dropped when a session, grant, account or token of the account changes
// (migration 0018's triggers notify `principal:<account id>`), and bypassed while the invalidation is not live. A
// write re-checks its credential inside its own transaction (db/transaction.ts), so a logout on another instance
// never lets a write through even before the notification arrives.
const sessionCache = new KeyedCache<CachedPrincipal | null>('principal', {
  max: 20_000,
  tagOf: (v) => v?.accountId ?? '',
});
const tokenCache = new KeyedCache<CachedToken | null>('principal', {
  max: 5_000,
  tagOf: (v) => v?.accountId ?? '',
});
const stillValid = (v: CachedPrincipal | null) => !!v && (v.expiresAt === null || v.expiresAt > Date.now());
/** An API token's last use is written at most this often while it is served from memory. */
const LAST_USE_WRITE_MS = 60_000;

export async function findPrincipalBySession(db: Db, token: string): Promise<Principal | null> {
  const tokenHash = sha256(token);
  const found = await sessionCache.get(db, tokenHash, () => loadSession(db, tokenHash), {
    keep: (v) => v !== null,
    fresh: stillValid,
  });
  return stillValid(found) ? found!.principal : null;
}

async function loadSession(db: Db, tokenHash: string): Promise<CachedPrincipal | null> {
  // The grants in the same query (one round trip per request instead of two), as grantsOf reads them.
  const rows = await db
    .select({
      session: sessions,
      account: accounts,
      grants: sql<RoleGrant[]>`coalesce((
        select json_agg(json_build_object('role', g.role, 'provinceCode', g.province_code,
          'communeCode', g.commune_code))
        from ${roleGrants} g where g.account_id = ${accounts.id}), '[]'::json)`,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, new Date())));
  const row = rows[0];
  if (row?.account.status !== 'active') return null;
  return {
    accountId: row.account.id,
    expiresAt: row.session.expiresAt.getTime(),
    principal: {
      accountId: row.account.id,
      username: row.account.username,
      displayName: row.account.displayName,
      grants: typeof row.grants === 'string' ? (JSON.parse(row.grants) as RoleGrant[]) : row.grants,
      csrfToken: row.session.csrfToken,
      mustChangePassword: row.account.mustChangePassword,
      restriction: null,
    },
  };
}

/** The principal behind `Authorization: Bearer <token>`: the token's account, restricted to the token's scope. */
export async function findPrincipalByApiToken(db: Db, token: string): Promise<Principal | null> {
  const tokenHash = sha256(token);
  let loaded = false;
  const found = await tokenCache.get(
    db,
    tokenHash,
    async () => {
      loaded = true;
      return loadApiToken(db, tokenHash);
    },
    { keep: (v) => v !== null, fresh: stillValid },
  );
  if (!found || !stillValid(found)) return null;
  // Last use is bookkeeping, not a state change of a record: no audit entry for it (and, from memory, once a minute).
  const now = Date.now();
  if (loaded || now - found.lastUsedWrite >= LAST_USE_WRITE_MS) {
    found.lastUsedWrite = now;
    await db
      .update(apiTokens)
      .set({ lastUsedAt: new Date(now) })
      .where(eq(apiTokens.id, found.tokenId));
  }
  return found.principal;
}

async function loadApiToken(db: Db, tokenHash: string): Promise<CachedToken | null> {
  const now = new Date();
  const rows = await db
    .select({ token: apiTokens, account: accounts })
    .from(apiTokens)
    .innerJoin(accounts, eq(accounts.id, apiTokens.accountId))
    .where(
      and(
        eq(apiTokens.tokenHash, tokenHash),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    );
  const row = rows[0];
  if (row?.account.status !== 'active') return null;
  return {
    accountId: row.account.id,
    tokenId: row.token.id,
    expiresAt: row.token.expiresAt?.getTime() ?? null,
    lastUsedWrite: 0,
    principal: {
      accountId: row.account.id,
      username: row.account.username,
      displayName: row.account.displayName,
      grants: await grantsOf(db, row.account.id),
      csrfToken: null,
      mustChangePassword: false,
      restriction: { permissions: row.token.permissions as Permission[], communeCode: row.token.communeCode },
    },
  };
}

export async function logout(ctx: WriteContext, token: string): Promise<void> {
  // No re-check of the credential: ending a session that another instance ended already is no harm.
  await inTransaction(withoutCredential(ctx), async (tx, audit) => {
    const deleted = await tx
      .delete(sessions)
      .where(eq(sessions.tokenHash, sha256(token)))
      .returning();
    await audit({
      action: 'auth.logout',
      entityType: 'account',
      entityId: deleted[0]?.accountId ?? 'unknown',
    });
  });
}

/** Ends every session of the account (all browsers, all devices). */
export async function logoutEverywhere(ctx: WriteContext, accountId: string): Promise<number> {
  return inTransaction(ctx, async (tx, audit) => {
    const deleted = await tx.delete(sessions).where(eq(sessions.accountId, accountId)).returning();
    await audit({
      action: 'auth.logout_all',
      entityType: 'account',
      entityId: accountId,
      after: { sessions: deleted.length },
    });
    return deleted.length;
  });
}

export async function changePassword(
  ctx: WriteContext,
  accountId: string,
  currentPassword: string,
  newPassword: string,
  keepSession: string | null,
) {
  const [account] = await ctx.db.select().from(accounts).where(eq(accounts.id, accountId));
  if (!account) throw new AppError('unauthenticated');
  if (!(await verify(account.passwordHash, currentPassword))) {
    throw fieldError(
      'body.currentPassword',
      'Mật khẩu hiện tại không đúng.',
      'The current password is wrong.',
    );
  }
  assertPasswordAcceptable(newPassword, account.username, 'body.newPassword');
  if (newPassword === currentPassword) {
    throw fieldError(
      'body.newPassword',
      'Mật khẩu mới phải khác mật khẩu cũ.',
      'The new password must differ from the old one.',
    );
  }
  const passwordHash = await hashPassword(newPassword);
  await inTransaction(ctx, async (tx, audit) => {
    await tx
      .update(accounts)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: new Date() })
      .where(eq(accounts.id, accountId));
    // Other sessions end: whoever knew the old password is out.
    const others = await tx
      .select({ tokenHash: sessions.tokenHash })
      .from(sessions)
      .where(eq(sessions.accountId, accountId));
    for (const s of others) {
      if (keepSession && s.tokenHash === sha256(keepSession)) continue;
      await tx.delete(sessions).where(eq(sessions.tokenHash, s.tokenHash));
    }
    await audit({ action: 'auth.password_change', entityType: 'account', entityId: accountId });
  });
}
