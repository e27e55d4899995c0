/**
 * Every tampering the audit chain must catch, one chain each, on both engines: an edited entry, a deleted middle
 * entry, the newest entry deleted, a whole commune's chain deleted, two entries' ids swapped, entries rewritten
 * with recomputed hashes (head too), and the chain truncated with its head rewritten to match — the last three
 * only through a checkpoint signed with a key outside the database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../tests/support/database';
import { inTransaction, systemContext } from '../../db/transaction';
import { appendCheckpoint } from './anchoring';
import { entryHash, GENESIS_HASH } from './chain';
import { generateCheckpointKeys, parseCheckpointLines } from './checkpoints';
import { auditChainHeads, auditEntries } from './schema';
import { verifyAuditLog } from './service';

const CASES = {
  edited: '11001',
  newestDeleted: '11002',
  chainDeleted: '11003',
  idsSwapped: '11004',
  rewritten: '11005',
  middleDeleted: '11006',
  truncated: '11007',
  untouched: '11008',
} as const;
const chainOf = (commune: string) => `commune:${commune}`;

describe.each(ENGINES)('audit chain anchoring on %s', (engine) => {
  let database: TestDatabase;
  const keys = generateCheckpointKeys();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-anchor-'));
  const file = path.join(dir, 'checkpoints.jsonl');

  const write = (communeCode: string, n: number) =>
    inTransaction(systemContext(database.db, 'test'), (_tx, audit) =>
      audit({
        action: 'test.write',
        entityType: 'thing',
        entityId: `${communeCode}-${n}`,
        communeCode,
        after: { n },
      }),
    );
  const rowsOf = (commune: string) =>
    database.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.chain, chainOf(commune)))
      .orderBy(asc(auditEntries.seq));

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    for (const commune of Object.values(CASES)) for (let n = 1; n <= 3; n++) await write(commune, n);
    await appendCheckpoint(database.db, keys.privateKeyPem, file); // every chain anchored at seq 3
    for (const commune of Object.values(CASES)) await write(commune, 4);
  });
  afterAll(async () => {
    await database?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const anchors = () => ({
    checkpoints: parseCheckpointLines(fs.readFileSync(file, 'utf8')).checkpoints,
    publicKeyPem: keys.publicKeyPem,
  });

  it('finds nothing wrong in untouched chains, with the checkpoint', async () => {
    const report = await verifyAuditLog(database.db, anchors());
    expect(report).toMatchObject({ chains: 8, entries: 32, checkpoints: 1, breaks: [] });
  });

  it('catches each of the seven tamperings, naming the chain and the reason', async () => {
    const db = database.db;
    // 1. An entry edited in place.
    await db.execute(
      sql`update audit_entries set after = '{"n": 99}'::jsonb where entity_id = ${`${CASES.edited}-2`}`,
    );
    // 2. The newest entry deleted (the head still names it).
    await db.delete(auditEntries).where(eq(auditEntries.entityId, `${CASES.newestDeleted}-4`));
    // 3. A whole commune's chain deleted, head included.
    await db.delete(auditEntries).where(eq(auditEntries.chain, chainOf(CASES.chainDeleted)));
    await db.delete(auditChainHeads).where(eq(auditChainHeads.chain, chainOf(CASES.chainDeleted)));
    // 4. Two entries' ids swapped (the log would list them in the wrong order).
    const [a, b] = await rowsOf(CASES.idsSwapped);
    await db.execute(sql`update audit_entries set id = -1 where id = ${a!.id}`);
    await db.execute(sql`update audit_entries set id = ${a!.id} where id = ${b!.id}`);
    await db.execute(sql`update audit_entries set id = ${b!.id} where id = -1`);
    // 5. Every entry rewritten with recomputed hashes, and the head updated to match.
    let prev = GENESIS_HASH;
    for (const row of await rowsOf(CASES.rewritten)) {
      const after = { n: row.seq * 1000 };
      const hash = entryHash(prev, { ...row, after });
      await db.update(auditEntries).set({ after, prevHash: prev, hash }).where(eq(auditEntries.id, row.id));
      prev = hash;
    }
    await db
      .update(auditChainHeads)
      .set({ hash: prev })
      .where(eq(auditChainHeads.chain, chainOf(CASES.rewritten)));
    // 6. An entry in the middle deleted.
    await db.delete(auditEntries).where(eq(auditEntries.entityId, `${CASES.middleDeleted}-2`));
    // 7. Truncated to two entries, the head rewritten to the new newest.
    const kept = (await rowsOf(CASES.truncated))[1]!;
    await db.execute(sql`delete from audit_entries where chain = ${chainOf(CASES.truncated)} and seq > 2`);
    await db
      .update(auditChainHeads)
      .set({ seq: 2, hash: kept.hash })
      .where(eq(auditChainHeads.chain, chainOf(CASES.truncated)));

    const withoutAnchor = await verifyAuditLog(db);
    const report = await verifyAuditLog(db, anchors());
    const reasons = (commune: string, r = report) =>
      r.breaks.filter((x) => 'chain' in x && x.chain === chainOf(commune)).map((x) => x.reason);
    expect(reasons(CASES.edited)).toContain('hash_mismatch');
    expect(reasons(CASES.newestDeleted)).toEqual(['head_mismatch']);
    expect(reasons(CASES.chainDeleted)).toEqual(['chain_missing']);
    expect(reasons(CASES.idsSwapped)).toContain('id_order');
    expect(reasons(CASES.rewritten)).toEqual(['entry_rewritten']);
    expect(reasons(CASES.middleDeleted)).toContain('seq_gap');
    expect(reasons(CASES.truncated)).toEqual(['entry_missing']);
    expect(reasons(CASES.untouched)).toEqual([]);
    // Without the checkpoint, the wholesale rewrite, the truncation and the deleted chain go unseen.
    expect(reasons(CASES.rewritten, withoutAnchor)).toEqual([]);
    expect(reasons(CASES.truncated, withoutAnchor)).toEqual([]);
    expect(reasons(CASES.chainDeleted, withoutAnchor)).toEqual([]);
  });

  it('refuses a checkpoint whose signature does not match (forged or edited)', async () => {
    const { checkpoints, publicKeyPem } = anchors();
    const forged = {
      ...checkpoints[0]!,
      chains: checkpoints[0]!.chains.map((c) => ({ ...c, seq: c.seq + 1 })),
    };
    const report = await verifyAuditLog(database.db, { checkpoints: [forged], publicKeyPem });
    expect(report.breaks).toContainEqual(expect.objectContaining({ reason: 'checkpoint_signature' }));
    const otherKey = generateCheckpointKeys().publicKeyPem;
    const wrongKey = await verifyAuditLog(database.db, { checkpoints, publicKeyPem: otherKey });
    expect(wrongKey.breaks).toContainEqual(expect.objectContaining({ reason: 'checkpoint_signature' }));
  });
});
