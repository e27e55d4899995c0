/**
 * Accounts written in bulk, for the demo seed only (issue 14: a fast first start); demo-people-bulk.integration.test.ts
 * compares each with the use cases it stands for:
 * - many accounts: what createAccount writes for each (newAccountRows: the account, its grants, its audit entry), in
 *   one transaction of a few statements instead of one transaction per account;
 * - many links of accounts to officials: what linkOfficial writes for each (the account's official, its audit entry
 *   linkRecord), after the same checks, in one transaction.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { insertRows } from '../../db/insert-rows';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { notFound } from '../../http/errors';
import { type AuditRecord, auditAll } from '../audit/service';
import { orgOfficials } from '../org/schema';
import {
  isUniqueViolation,
  linkRecord,
  type NewAccount,
  newAccountRows,
  officialNotLinkable,
  officialTaken,
} from './accounts';
import { accounts, roleGrants } from './schema';

/** createAccount for each account (its password already hashed), in order, in one transaction; their ids. */
export async function createAccounts(
  ctx: WriteContext,
  list: readonly (Omit<NewAccount, 'password' | 'passwordHash'> & { passwordHash: string })[],
): Promise<string[]> {
  if (!list.length) return [];
  const rows = list.map((input) => newAccountRows(input, input.passwordHash));
  return inTransaction(ctx, async (tx, audit) => {
    await insertRows(
      tx,
      accounts,
      rows.map((r) => r.account),
    );
    const grants = rows.flatMap((r) => r.grants);
    if (grants.length) await insertRows(tx, roleGrants, grants);
    await auditAll(
      tx,
      audit,
      rows.map((r) => r.record),
      ctx,
    );
    return rows.map((r) => r.account.id);
  });
}

/**
 * linkOfficial(account, official) for each link, in order, in one transaction: the same checks (the account exists;
 * the official is of a commune where it holds a role; no other account is linked to them), nothing written for an
 * account already linked to that official. How many accounts were linked.
 */
export async function linkOfficials(
  ctx: WriteContext,
  links: readonly { accountId: string; officialId: string }[],
): Promise<number> {
  if (!links.length) return 0;
  const accountIds = [...new Set(links.map((l) => l.accountId))];
  const officialIds = [...new Set(links.map((l) => l.officialId))];
  return inTransaction(ctx, async (tx, audit) => {
    // One after the other: a transaction's statements share its connection.
    const before = await tx
      .select({ id: accounts.id, officialId: accounts.officialId, fullName: orgOfficials.fullName })
      .from(accounts)
      .leftJoin(orgOfficials, eq(orgOfficials.id, accounts.officialId))
      .where(inArray(accounts.id, accountIds));
    const grants = await tx
      .select({ accountId: roleGrants.accountId, communeCode: roleGrants.communeCode })
      .from(roleGrants)
      .where(inArray(roleGrants.accountId, accountIds));
    const officials = await tx
      .select({ id: orgOfficials.id, communeCode: orgOfficials.communeCode })
      .from(orgOfficials)
      .where(inArray(orgOfficials.id, officialIds));
    const taken = await tx
      .select({ id: accounts.id, username: accounts.username, officialId: accounts.officialId })
      .from(accounts)
      .where(inArray(accounts.officialId, officialIds));
    const accountOf = new Map(before.map((a) => [a.id, a]));
    const communeOf = new Map(officials.map((o) => [o.id, o.communeCode]));
    const records: AuditRecord[] = [];
    const changes: { accountId: string; officialId: string }[] = [];
    for (const { accountId, officialId } of links) {
      const account = accountOf.get(accountId);
      if (!account) throw notFound('tài khoản', 'account', accountId);
      const communeCode = communeOf.get(officialId);
      const communes = grants.filter((g) => g.accountId === accountId).map((g) => g.communeCode);
      if (!communeCode || !communes.includes(communeCode)) throw officialNotLinkable(officialId);
      const other = taken.find((a) => a.officialId === officialId && a.id !== accountId);
      if (other) throw officialTaken(other.username);
      // getAccount shows the official linked before only when the org chart still has them.
      const shown = account.officialId && account.fullName !== null;
      if ((shown ? account.officialId : null) === officialId) continue;
      changes.push({ accountId, officialId });
      records.push(
        linkRecord(
          accountId,
          communeCode,
          shown ? { id: account.officialId!, fullName: account.fullName! } : null,
          officialId,
        ),
      );
    }
    if (!changes.length) return 0;
    const values = sql.join(
      changes.map((c) => sql`(${c.accountId}::uuid, ${c.officialId}::uuid)`),
      sql`, `,
    );
    try {
      await tx.execute(
        sql`update ${accounts} set official_id = v.official_id from (values ${values}) as v(id, official_id)
          where ${accounts.id} = v.id`,
      );
    } catch (e) {
      if (isUniqueViolation(e)) throw officialTaken(null); // two links to one official, or linked meanwhile
      throw e;
    }
    await auditAll(tx, audit, records, ctx);
    return changes.length;
  });
}
