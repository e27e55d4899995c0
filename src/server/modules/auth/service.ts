/** Accounts and sessions: argon2id passwords, database-stored sessions, per-session CSRF tokens. */
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { and, eq, gt } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { RoleGrant } from '../../../common/roles';
import type { Db, Tx } from '../../db/database';
import { type Audit, inTransaction, type WriteContext } from '../../db/transaction';
import { AppError } from '../../http/errors';
import { accounts, roleGrants, sessions } from './schema';

export const SESSION_COOKIE = 'xaso_session';
const SESSION_HOURS = 12;

export interface Principal {
  accountId: string;
  username: string;
  displayName: string;
  grants: RoleGrant[];
  csrfToken: string | null; // null for API tokens (no cookie, no CSRF)
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

async function grantsOf(db: Db | Tx, accountId: string): Promise<RoleGrant[]> {
  const rows = await db.select().from(roleGrants).where(eq(roleGrants.accountId, accountId));
  return rows.map((r) => ({
    role: r.role as RoleGrant['role'],
    provinceCode: r.provinceCode,
    communeCode: r.communeCode,
  }));
}

export async function login(
  ctx: WriteContext,
  username: string,
  password: string,
): Promise<{ token: string; principal: Principal; expiresAt: Date }> {
  const [account] = await ctx.db
    .select()
    .from(accounts)
    .where(eq(accounts.username, username.trim().toLowerCase()));
  // Verify against a dummy hash when the account does not exist, so timing does not reveal usernames.
  const ok = account
    ? await verify(account.passwordHash, password)
    : await verify(await hashPassword('not-a-password'), password).then(() => false);
  if (!account || !ok || account.status !== 'active') throw new AppError('invalid_credentials');
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  await inTransaction(
    { ...ctx, actor: { accountId: account.id, name: account.username, role: null } },
    async (tx, audit) => {
      await tx.insert(sessions).values({
        tokenHash: sha256(token),
        accountId: account.id,
        csrfToken,
        expiresAt,
        clientAddress: ctx.meta.clientAddress,
      });
      await audit({ action: 'auth.login', entityType: 'account', entityId: account.id });
    },
  );
  return {
    token,
    expiresAt,
    principal: {
      accountId: account.id,
      username: account.username,
      displayName: account.displayName,
      grants: await grantsOf(ctx.db, account.id),
      csrfToken,
    },
  };
}

export async function findPrincipalBySession(db: Db, token: string): Promise<Principal | null> {
  const rows = await db
    .select({ session: sessions, account: accounts })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(eq(sessions.tokenHash, sha256(token)), gt(sessions.expiresAt, new Date())));
  const row = rows[0];
  if (row?.account.status !== 'active') return null;
  return {
    accountId: row.account.id,
    username: row.account.username,
    displayName: row.account.displayName,
    grants: await grantsOf(db, row.account.id),
    csrfToken: row.session.csrfToken,
  };
}

export async function logout(ctx: WriteContext, token: string): Promise<void> {
  await inTransaction(ctx, async (tx, audit) => {
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

export interface NewAccount {
  username: string;
  displayName: string;
  password: string;
  isDemo?: boolean;
  mustChangePassword?: boolean;
  grants: RoleGrant[];
}

/** Creates an account with its grants (used by seeding now, by account administration later). */
export async function createAccount(tx: Tx, audit: Audit, input: NewAccount): Promise<string> {
  const id = uuidv7();
  await tx.insert(accounts).values({
    id,
    username: input.username.toLowerCase(),
    displayName: input.displayName,
    passwordHash: await hashPassword(input.password),
    isDemo: input.isDemo ?? false,
    mustChangePassword: input.mustChangePassword ?? false,
  });
  for (const g of input.grants) {
    await tx.insert(roleGrants).values({ id: uuidv7(), accountId: id, ...g });
  }
  await audit({
    action: 'account.create',
    entityType: 'account',
    entityId: id,
    after: { username: input.username, grants: input.grants, isDemo: input.isDemo ?? false },
  });
  return id;
}

export async function accountExists(db: Db, username: string): Promise<boolean> {
  const rows = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, username));
  return rows.length > 0;
}

export async function demoAccountCount(db: Db): Promise<number> {
  const rows = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.isDemo, true), eq(accounts.status, 'active')));
  return rows.length;
}
