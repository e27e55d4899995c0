/** Account administration: create (with a first password to change), grant and revoke roles, disable, reset. */
import { and, asc, eq, gt, inArray, like, ne, or } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { RoleGrant } from '../../../common/roles';
import { foldVietnamese } from '../../../common/text';
import type { Db, DbOrTx, Tx } from '../../db/database';
import { type Audit, inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, fieldError, notFound, text } from '../../http/errors';
import type { AuditRecord } from '../audit/service';
import { officialProfiles, titlesOn } from '../org';
import { findCommuneLocation, getProvince } from '../units/service';
import { accounts, roleGrants, sessions } from './schema';
import { assertPasswordAcceptable, grantsOf, hashPassword } from './service';

export interface NewAccount {
  username: string;
  displayName: string;
  password: string;
  /** The hash of `password` when the caller already has it (the demo's accounts share one published password). */
  passwordHash?: string;
  isDemo?: boolean;
  mustChangePassword?: boolean;
  grants: RoleGrant[];
}

/**
 * The rows createAccount writes for `input` with the password's hash — the account, its grants — and its audit
 * entry: shared with the demo's bulk seed (auth/seed-bulk.ts).
 */
export function newAccountRows(input: Omit<NewAccount, 'password' | 'passwordHash'>, passwordHash: string) {
  const id = uuidv7();
  const isDemo = input.isDemo ?? false;
  return {
    account: {
      id,
      username: input.username.toLowerCase(),
      displayName: input.displayName,
      passwordHash,
      isDemo,
      mustChangePassword: input.mustChangePassword ?? false,
    },
    grants: input.grants.map((g) => ({ id: uuidv7(), accountId: id, ...g })),
    record: {
      action: 'account.create',
      entityType: 'account',
      entityId: id,
      after: { username: input.username, displayName: input.displayName, grants: input.grants, isDemo },
    } satisfies AuditRecord,
  };
}

/** Creates an account with its grants inside the caller's transaction (seeding and administration). */
export async function createAccount(tx: Tx, audit: Audit, input: NewAccount): Promise<string> {
  const rows = newAccountRows(input, input.passwordHash ?? (await hashPassword(input.password)));
  await tx.insert(accounts).values(rows.account);
  for (const g of rows.grants) await tx.insert(roleGrants).values(g);
  await audit(rows.record);
  return rows.account.id;
}

export async function accountExists(db: Db, username: string): Promise<boolean> {
  const rows = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(accounts.username, username.toLowerCase()));
  return rows.length > 0;
}

/** An account by its exact username with its grants, without the profile a page shows (for seeds and scripts). */
export async function findAccountByUsername(db: DbOrTx, username: string) {
  const [a] = await db
    .select({
      id: accounts.id,
      username: accounts.username,
      displayName: accounts.displayName,
      officialId: accounts.officialId,
    })
    .from(accounts)
    .where(eq(accounts.username, username.toLowerCase()));
  return a ? { ...a, grants: await grantsOf(db, a.id) } : null;
}

/** The accounts of some usernames (as stored: lower case) that exist, by username, in one read (for seeds). */
export async function accountsByUsername(db: DbOrTx, usernames: readonly string[]) {
  const rows = usernames.length
    ? await db
        .select({
          id: accounts.id,
          username: accounts.username,
          displayName: accounts.displayName,
          officialId: accounts.officialId,
        })
        .from(accounts)
        .where(
          inArray(
            accounts.username,
            usernames.map((u) => u.toLowerCase()),
          ),
        )
    : [];
  return new Map(rows.map((r) => [r.username, r]));
}

export async function demoAccountCount(db: Db): Promise<number> {
  const rows = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.isDemo, true), eq(accounts.status, 'active')));
  return rows.length;
}

/** A grant must name a place that exists and fits its role (administrator: nowhere; province officer: a province). */
async function assertGrantValid(db: Db, grant: RoleGrant, field: string) {
  const bad = (vi: string, en: string) => fieldError(field, vi, en);
  if (grant.role === 'system_admin') {
    if (grant.communeCode || grant.provinceCode)
      throw bad('Quản trị hệ thống không gắn với địa bàn.', 'A system administrator has no scope.');
    return;
  }
  if (grant.role === 'province_officer' || grant.role === 'province_department') {
    if (!grant.provinceCode || grant.communeCode)
      throw bad('Cán bộ tỉnh cần mã tỉnh.', 'A province officer needs a province code.');
    await getProvince(db, grant.provinceCode);
    return;
  }
  if (!grant.communeCode) throw bad('Vai trò này cần mã xã.', 'This role needs a commune code.');
  if (!(await findCommuneLocation(db, grant.communeCode)))
    throw bad(`Không có xã mã ${grant.communeCode}.`, `No commune ${grant.communeCode}.`);
}

export async function createAccountByAdmin(
  ctx: WriteContext,
  input: Omit<NewAccount, 'isDemo' | 'mustChangePassword'>,
) {
  assertPasswordAcceptable(input.password, input.username, 'body.password');
  for (const [i, g] of input.grants.entries()) await assertGrantValid(ctx.db, g, `body.grants.${i}`);
  if (await accountExists(ctx.db, input.username)) {
    throw new AppError(
      'conflict',
      text('Tên đăng nhập "{u}" đã có.', 'Username "{u}" is taken.', { u: input.username }),
      {
        errors: [
          {
            field: 'body.username',
            message: text('Tên đăng nhập "{u}" đã có.', 'Username "{u}" is taken.', { u: input.username }),
          },
        ],
      },
    );
  }
  const id = await inTransaction(ctx, (tx, audit) =>
    createAccount(tx, audit, { ...input, mustChangePassword: true }),
  );
  return getAccount(ctx.db, id);
}

export async function getAccount(db: Db, id: string) {
  const [a] = await db.select().from(accounts).where(eq(accounts.id, id));
  if (!a) throw notFound('tài khoản', 'account', id);
  const [grants, profiles] = await Promise.all([
    db.select().from(roleGrants).where(eq(roleGrants.accountId, id)),
    officialProfiles(db, a.officialId ? [a.officialId] : []),
  ]);
  const official = a.officialId ? profiles.get(a.officialId) : undefined;
  return {
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    status: a.status,
    isDemo: a.isDemo,
    mustChangePassword: a.mustChangePassword,
    lockedUntil: a.lockedUntil?.toISOString() ?? null,
    official:
      a.officialId && official
        ? {
            id: a.officialId,
            fullName: official.fullName,
            communeCode: official.communeCode,
            titles: titlesOn(official.positions),
          }
        : null,
    grants: grants.map((g) => ({
      id: g.id,
      role: g.role as RoleGrant['role'],
      provinceCode: g.provinceCode,
      communeCode: g.communeCode,
    })),
  };
}

export async function listAccounts(db: Db, q: { q?: string; limit: number; after?: string }) {
  const folded = q.q ? `%${foldVietnamese(q.q)}%` : undefined;
  const rows = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(
      and(
        folded ? or(like(accounts.username, folded), like(accounts.displayName, `%${q.q}%`)) : undefined,
        q.after ? gt(accounts.username, q.after) : undefined,
      ),
    )
    .orderBy(asc(accounts.username))
    .limit(q.limit + 1);
  const page = await Promise.all(rows.slice(0, q.limit).map((r) => getAccount(db, r.id)));
  return { items: page, nextCursor: rows.length > q.limit ? page[page.length - 1]!.username : null };
}

export async function setAccountStatus(ctx: WriteContext, id: string, status: 'active' | 'disabled') {
  const before = await getAccount(ctx.db, id);
  await inTransaction(ctx, async (tx, audit) => {
    await tx.update(accounts).set({ status, failedLogins: 0, lockedUntil: null }).where(eq(accounts.id, id));
    if (status === 'disabled') await tx.delete(sessions).where(eq(sessions.accountId, id));
    await audit({
      action: `account.${status === 'active' ? 'enable' : 'disable'}`,
      entityType: 'account',
      entityId: id,
      before: { status: before.status },
      after: { status },
    });
  });
  return getAccount(ctx.db, id);
}

export async function addGrant(ctx: WriteContext, accountId: string, grant: RoleGrant) {
  await getAccount(ctx.db, accountId);
  await assertGrantValid(ctx.db, grant, 'body');
  const existing = await grantsOf(ctx.db, accountId);
  if (
    existing.some(
      (g) =>
        g.role === grant.role && g.communeCode === grant.communeCode && g.provinceCode === grant.provinceCode,
    )
  ) {
    throw new AppError(
      'conflict',
      text('Tài khoản đã có vai trò này ở địa bàn này.', 'The account already holds this role there.'),
    );
  }
  const id = uuidv7();
  await inTransaction(ctx, async (tx, audit) => {
    await tx.insert(roleGrants).values({ id, accountId, ...grant });
    await audit({
      action: 'account.grant',
      entityType: 'account',
      entityId: accountId,
      communeCode: grant.communeCode,
      after: grant,
    });
  });
  return getAccount(ctx.db, accountId);
}

export async function removeGrant(ctx: WriteContext, accountId: string, grantId: string) {
  await inTransaction(ctx, async (tx, audit) => {
    const [deleted] = await tx
      .delete(roleGrants)
      .where(and(eq(roleGrants.id, grantId), eq(roleGrants.accountId, accountId)))
      .returning();
    if (!deleted) throw notFound('vai trò', 'grant', grantId);
    await audit({
      action: 'account.revoke',
      entityType: 'account',
      entityId: accountId,
      communeCode: deleted.communeCode,
      before: deleted,
    });
  });
  return getAccount(ctx.db, accountId);
}

/** Sets a new first password; the user must change it at the next login; all sessions end. */
export async function resetPassword(ctx: WriteContext, accountId: string, password: string) {
  const account = await getAccount(ctx.db, accountId);
  assertPasswordAcceptable(password, account.username, 'body.password');
  const passwordHash = await hashPassword(password);
  await inTransaction(ctx, async (tx, audit) => {
    await tx
      .update(accounts)
      .set({ passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null })
      .where(eq(accounts.id, accountId));
    await tx.delete(sessions).where(eq(sessions.accountId, accountId));
    await audit({ action: 'account.reset_password', entityType: 'account', entityId: accountId });
  });
  return getAccount(ctx.db, accountId);
}

export const officialNotLinkable = (officialId: string) =>
  new AppError(
    'not_found',
    text(
      'Không có cán bộ mã {id} ở xã, phường nơi tài khoản được giao vai trò.',
      'No official {id} in a commune where the account holds a role.',
      { id: officialId },
    ),
    {
      errors: [
        {
          field: 'body.officialId',
          message: text(
            'Chọn một cán bộ của xã, phường nơi tài khoản có vai trò.',
            'Choose an official of a commune where the account holds a role.',
          ),
        },
      ],
    },
  );

export const officialTaken = (username: string | null) => {
  const message = username
    ? text(
        'Cán bộ này đã gắn với tài khoản "{u}"; hãy bỏ liên kết đó trước.',
        'This official is already linked to account "{u}"; unlink it first.',
        { u: username },
      )
    : text(
        'Cán bộ này vừa được gắn với một tài khoản khác; hãy tải lại trang.',
        'This official has just been linked to another account; reload the page.',
      );
  return new AppError('conflict', message, { errors: [{ field: 'body.officialId', message }] });
};

export const isUniqueViolation = (e: unknown): boolean => {
  for (let x = e as { code?: unknown; cause?: unknown } | undefined; x; x = x.cause as typeof x)
    if (x.code === '23505') return true;
  return false;
};

/** The audit entry of linking an account (linked before to `before`, or to none) to an official, or of unlinking it. */
export function linkRecord(
  accountId: string,
  communeCode: string | null,
  before: { id: string; fullName: string } | null,
  officialId: string | null,
): AuditRecord {
  return {
    action: 'account.link_official',
    entityType: 'account',
    entityId: accountId,
    communeCode,
    before: { officialId: before?.id ?? null, fullName: before?.fullName ?? null },
    after: { officialId },
  };
}

/**
 * Links an account to an official of the org chart (or unlinks it with null): the official must belong to a
 * commune where the account holds a role (another commune's official is not found, 404), and be linked to no
 * other account (409). Audited with the commune.
 */
export async function linkOfficial(ctx: WriteContext, accountId: string, officialId: string | null) {
  const before = await getAccount(ctx.db, accountId);
  let communeCode: string | null = before.official?.communeCode ?? null;
  if (officialId) {
    const profile = (await officialProfiles(ctx.db, [officialId])).get(officialId);
    const communes = new Set(before.grants.flatMap((g) => (g.communeCode ? [g.communeCode] : [])));
    if (!profile || !communes.has(profile.communeCode)) throw officialNotLinkable(officialId);
    communeCode = profile.communeCode;
    const [other] = await ctx.db
      .select({ username: accounts.username })
      .from(accounts)
      .where(and(eq(accounts.officialId, officialId), ne(accounts.id, accountId)));
    if (other) throw officialTaken(other.username);
  }
  if ((before.official?.id ?? null) === officialId) return before;
  try {
    await inTransaction(ctx, async (tx, audit) => {
      await tx.update(accounts).set({ officialId }).where(eq(accounts.id, accountId));
      await audit(linkRecord(accountId, communeCode, before.official, officialId));
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw officialTaken(null); // linked concurrently by another administrator
    throw e;
  }
  return getAccount(ctx.db, accountId);
}
