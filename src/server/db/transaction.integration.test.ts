/**
 * Two writers taking the same rows in opposite orders deadlock; PostgreSQL aborts one of them, and inTransaction
 * runs it again, so both changes land, each with its audit entry. PostgreSQL only: PGlite runs one transaction at
 * a time on its single connection, so it cannot deadlock.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/database';
import { countAuditEntries } from '../modules/audit/service';
import { ATTEMPTS, inTransaction, systemContext } from './transaction';

describe('inTransaction on postgres', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    await database.db.execute(sql`create table lock_test (id int primary key, n int not null)`);
    await database.db.execute(sql`insert into lock_test values (1, 0), (2, 0)`);
  });
  afterAll(() => database?.dispose());

  it('runs again a transaction PostgreSQL aborted for a deadlock, so both writers succeed', async () => {
    const ctx = systemContext(database.db, 'test');
    let attempts = 0;
    const writer = (first: number, second: number) =>
      inTransaction(ctx, async (tx, audit) => {
        attempts += 1;
        await tx.execute(sql`update lock_test set n = n + 1 where id = ${first}`);
        await tx.execute(sql`select pg_sleep(0.3)`);
        await tx.execute(sql`update lock_test set n = n + 1 where id = ${second}`);
        await audit({ action: 'test.lock', entityType: 'lock_test', entityId: `${first}-${second}` });
      });
    await Promise.all([writer(1, 2), writer(2, 1)]);
    // At least one of the two was aborted and run again (on a slow machine the rerun can meet the other once more:
    // 4 attempts were seen in a full run), and never more than inTransaction's limit allows.
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(attempts).toBeLessThanOrEqual(2 * ATTEMPTS);
    const rows = (await database.db.execute(sql`select id, n from lock_test order by id`)) as unknown as {
      rows: { id: number; n: number }[];
    };
    expect(rows.rows).toEqual([
      { id: 1, n: 2 },
      { id: 2, n: 2 },
    ]);
    expect(await countAuditEntries(database.db, 'lock_test')).toBe(2);
  });

  it('does not run again a transaction that failed for any other reason', async () => {
    const ctx = systemContext(database.db, 'test');
    let attempts = 0;
    await expect(
      inTransaction(ctx, async (tx) => {
        attempts += 1;
        await tx.execute(sql`insert into lock_test values (1, 0)`); // duplicate key
      }),
    ).rejects.toThrow();
    expect(attempts).toBe(1);
  });
});
