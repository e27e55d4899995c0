/** API tokens for system-to-system use: shown once, stored hashed, scoped, revocable. */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, notFound, text } from '../../http/errors';
import { findCommuneLocation } from '../units/service';
import type { Permission } from './permissions';
import { can, scopeOf } from './permissions';
import { apiTokens } from './schema';
import { newSecret, type Principal, sha256 } from './service';

export interface NewToken {
  name: string;
  permissions: Permission[];
  communeCode: string | null;
  expiresInDays: number | null;
}

/** A token carries only permissions its owner holds (at its commune, when it names one). */
export async function createApiToken(ctx: WriteContext, owner: Principal, input: NewToken) {
  const where = input.communeCode ? await findCommuneLocation(ctx.db, input.communeCode) : undefined;
  if (input.communeCode && !where) throw notFound('xã/phường', 'commune', input.communeCode);
  // With a commune: held there. Without: held somewhere (the token then reaches where its owner does).
  const holds = (p: Permission) => {
    if (where) return can(owner.grants, p, where);
    const scope = scopeOf(owner.grants, p);
    return scope.all || scope.communeCodes.length > 0 || scope.provinceCodes.length > 0;
  };
  const missing = input.permissions.filter((p) => !holds(p));
  if (missing.length) {
    throw new AppError(
      'forbidden',
      text('Bạn không có các quyền: {p}.', 'You do not hold: {p}.', { p: missing.join(', ') }),
    );
  }
  const token = `xaso_${newSecret()}`;
  const id = uuidv7();
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  await inTransaction(ctx, async (tx, audit) => {
    await tx.insert(apiTokens).values({
      id,
      accountId: owner.accountId,
      name: input.name,
      tokenHash: sha256(token),
      permissions: input.permissions,
      communeCode: input.communeCode,
      expiresAt,
    });
    await audit({
      action: 'api_token.create',
      entityType: 'api_token',
      entityId: id,
      communeCode: input.communeCode,
      after: { ...input, expiresAt },
    });
  });
  return {
    id,
    token,
    name: input.name,
    permissions: input.permissions,
    communeCode: input.communeCode,
    expiresAt: expiresAt?.toISOString() ?? null,
  };
}

export async function listApiTokens(db: Db, accountId: string) {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.accountId, accountId))
    .orderBy(desc(apiTokens.createdAt))
    .limit(200);
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    permissions: t.permissions,
    communeCode: t.communeCode,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  }));
}

export async function revokeApiToken(ctx: WriteContext, accountId: string, id: string) {
  await inTransaction(ctx, async (tx, audit) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.accountId, accountId), isNull(apiTokens.revokedAt)))
      .returning();
    if (!row) throw notFound('mã truy cập', 'API token', id);
    await audit({
      action: 'api_token.revoke',
      entityType: 'api_token',
      entityId: id,
      communeCode: row.communeCode,
    });
  });
}
