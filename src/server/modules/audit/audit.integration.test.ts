import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../tests/support/database';
import { inTransaction, systemContext } from '../../db/transaction';
import { listAuditEntries, verifyAuditLog } from './service';

describe.each(ENGINES)('tamper-evident audit log on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const ctx = systemContext(database.db, 'test');
    for (let i = 1; i <= 3; i++) {
      await inTransaction(ctx, (_tx, audit) =>
        audit({
          action: 'test.write',
          entityType: 'thing',
          entityId: String(i),
          communeCode: '18100',
          after: { n: i, phone: '0912345678' },
        }),
      );
    }
    await inTransaction(ctx, (_tx, audit) =>
      audit({ action: 'test.write', entityType: 'thing', entityId: 'sys' }),
    );
    await inTransaction(ctx, (_tx, audit) =>
      audit({ action: 'test.attachment_added', entityType: 'thing', entityId: 'att' }),
    );
  });
  afterAll(() => database?.dispose());

  it('keeps one chain per commune and verifies intact chains', async () => {
    const report = await verifyAuditLog(database.db);
    expect(report).toEqual({ chains: 2, entries: 5, checkpoints: 0, breaks: [] });
  });

  it('filters by an action with an underscore, and a % in the filter matches only itself', async () => {
    const found = await listAuditEntries(database.db, {
      communeCodes: null,
      action: 'test.attachment_added',
      limit: 10,
    });
    expect(found.items.map((e) => e.entityId)).toEqual(['att']);
    expect(
      (await listAuditEntries(database.db, { communeCodes: null, action: 'test.%', limit: 10 })).items,
    ).toEqual([]);
  });

  it('masks personal data in the snapshots', async () => {
    const rows = (await database.db.execute(
      sql`select after from audit_entries where entity_id = '1'`,
    )) as unknown as { rows: unknown[] };
    expect((rows.rows[0] as { after: { phone: string } }).after.phone).toBe('***');
  });

  it('rolls back a write that records no audit entry', async () => {
    await expect(
      inTransaction(systemContext(database.db, 'test'), async () => 'nothing audited'),
    ).rejects.toThrow();
  });

  it('detects a row edited directly in the database and names the first broken link', async () => {
    await database.db.execute(sql`update audit_entries set after = '{"n": 99}'::jsonb where entity_id = '2'`);
    const report = await verifyAuditLog(database.db);
    expect(report.breaks).toEqual([
      expect.objectContaining({ chain: 'commune:18100', seq: 2, reason: 'hash_mismatch' }),
    ]);
  });

  it('detects a deleted entry', async () => {
    await database.db.execute(
      sql`update audit_entries set after = '{"n": 2, "phone": "***"}'::jsonb where entity_id = '2'`,
    );
    expect((await verifyAuditLog(database.db)).breaks).toEqual([]);
    await database.db.execute(sql`delete from audit_entries where entity_id = '1'`);
    const report = await verifyAuditLog(database.db);
    expect(report.breaks[0]).toMatchObject({ chain: 'commune:18100', reason: 'seq_gap' });
  });
});
