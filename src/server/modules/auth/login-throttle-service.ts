/**
 * The stored side of the login throttle (login-throttle.ts): read the caller's pair and address rows, count a
 * failure (in the caller's transaction, beside its audit entry), clear a pair on success, and the administrator's
 * view and lifting of blocks.
 */
import { and, desc, eq, gt, inArray, type SQL } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { fieldError } from '../../http/errors';
import {
  addressKey,
  afterFailure,
  DEFAULT_THROTTLE_POLICY,
  isBlocked,
  pairKey,
  type ThrottleState,
} from './login-throttle';
import { loginThrottles } from './schema';

export async function isLoginBlocked(db: DbOrTx, username: string, address: string | null, now: Date) {
  const rows = await db
    .select()
    .from(loginThrottles)
    .where(inArray(loginThrottles.key, [pairKey(username, address), addressKey(address)]));
  return rows.some((r) => isBlocked(r, now));
}

async function bump(
  tx: Tx,
  key: string,
  username: string | null,
  address: string | null,
  threshold: number,
  now: Date,
) {
  const [row] = await tx.select().from(loginThrottles).where(eq(loginThrottles.key, key)).for('update');
  const next: ThrottleState = afterFailure(row ?? null, now, threshold);
  await tx
    .insert(loginThrottles)
    .values({ key, username, clientAddress: address, ...next })
    .onConflictDoUpdate({ target: loginThrottles.key, set: next });
  return next;
}

/** Counts a failure for the pair and the address; true when this failure started a wait. */
export async function recordLoginFailure(tx: Tx, username: string, address: string | null, now: Date) {
  const folded = username.trim().toLowerCase();
  const pair = await bump(
    tx,
    pairKey(folded, address),
    folded,
    address,
    DEFAULT_THROTTLE_POLICY.pairThreshold,
    now,
  );
  const own = await bump(
    tx,
    addressKey(address),
    null,
    address,
    DEFAULT_THROTTLE_POLICY.addressThreshold,
    now,
  );
  return !!(pair.blockedUntil || own.blockedUntil);
}

export async function clearLoginFailures(tx: Tx, username: string, address: string | null) {
  await tx.delete(loginThrottles).where(eq(loginThrottles.key, pairKey(username, address)));
}

/** Blocks in force now, newest first (administrator's view). */
export async function listLoginBlocks(db: DbOrTx, now = new Date()) {
  const rows = await db
    .select()
    .from(loginThrottles)
    .where(gt(loginThrottles.blockedUntil, now))
    .orderBy(desc(loginThrottles.blockedUntil))
    .limit(500);
  return rows.map((r) => ({
    username: r.username,
    clientAddress: r.clientAddress,
    failures: r.failures,
    lastFailureAt: r.lastFailureAt.toISOString(),
    blockedUntil: r.blockedUntil!.toISOString(),
  }));
}

/** Lifts the blocks of a username (every address) and/or an address; returns how many rows were removed. */
export async function liftLoginBlocks(
  ctx: WriteContext,
  filter: { username?: string; clientAddress?: string },
) {
  if (!filter.username && !filter.clientAddress)
    throw fieldError(
      'query.username',
      'Cho biết tên đăng nhập hoặc địa chỉ.',
      'Name a username or an address.',
    );
  const where: SQL[] = [];
  if (filter.username) where.push(eq(loginThrottles.username, filter.username.trim().toLowerCase()));
  if (filter.clientAddress) where.push(eq(loginThrottles.clientAddress, filter.clientAddress));
  return inTransaction(ctx, async (tx, audit) => {
    const removed = await tx
      .delete(loginThrottles)
      .where(and(...where))
      .returning({ key: loginThrottles.key });
    await audit({
      action: 'auth.throttle_lifted',
      entityType: 'login_throttle',
      entityId: filter.username ?? filter.clientAddress ?? '',
      after: {
        username: filter.username ?? null,
        clientAddress: filter.clientAddress ?? null,
        removed: removed.length,
      },
    });
    return removed.length;
  });
}
