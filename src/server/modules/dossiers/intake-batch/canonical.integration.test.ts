/**
 * The intake batch hashes audit entries in SQL (migration 0017): its canonical JSON and SHA-256 must be the bytes
 * chain.ts hashes, for any content, or `audit verify` would find the chain broken. Property test on both engines.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../../tests/support/database';
import { type ChainedContent, canonicalJson, entryHash, GENESIS_HASH } from '../../audit/chain';

// Text as JSON can carry it into jsonb: any Unicode (astral characters, quotes, backslashes, control characters),
// but no NUL (PostgreSQL text cannot hold it; intake refuses it as input) and no lone surrogate.
const text = fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => s.replace(/\0/g, ''));
const tricky = fc.constantFrom(
  '',
  '"',
  '\\',
  '\n\r\t\b\f',
  '\u0001\u001f\u007f',
  '😀',
  '\uffff',
  'é',
  'a"b\\c',
  '\u2028',
);
const key = fc.oneof(text, tricky);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }),
    fc.maxSafeInteger(),
    text,
    tricky,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  ),
})).value;

async function one<T>(database: TestDatabase, q: ReturnType<typeof sql>): Promise<T> {
  const r = (await database.db.execute(q)) as unknown as { rows: { v: T }[] };
  return r.rows[0]!.v;
}

describe.each(ENGINES)('the audit hash computed in SQL on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('gives the canonical JSON of chain.ts, byte for byte, for any JSON value', async () => {
    await fc.assert(
      fc.asyncProperty(value, async (v) => {
        const got = await one<string>(
          database,
          sql`select xaso_canonical_json(${JSON.stringify(v)}::jsonb) as v`,
        );
        expect(got).toBe(canonicalJson(v));
      }),
      { numRuns: 150 },
    );
  });

  it('orders keys as JavaScript does (UTF-16 code units), astral characters before U+E000–U+FFFF', async () => {
    const v = { '\uffff': 1, '😀': 2, b: 3, B: 4, é: 5, '': 6, '\ue000': 7 };
    const got = await one<string>(
      database,
      sql`select xaso_canonical_json(${JSON.stringify(v)}::jsonb) as v`,
    );
    expect(got).toBe(canonicalJson(v));
    expect(got.indexOf('😀')).toBeLessThan(got.indexOf('\ue000'));
  });

  it('hashes an entry as entryHash does, for any before/after and any text fields', async () => {
    const content = fc.record({
      seq: fc.integer({ min: 1, max: 1_000_000 }),
      actorName: text,
      action: text,
      entityId: text,
      before: value,
      after: value,
      requestId: fc.option(text),
    });
    await fc.assert(
      fc.asyncProperty(content, fc.option(fc.stringMatching(/^[0-9a-f]{64}$/)), async (c, prev) => {
        const entry: ChainedContent = {
          chain: 'commune:18100',
          seq: c.seq,
          at: '2026-12-03T08:01:02.345Z',
          actorId: null,
          actorName: c.actorName,
          actorRole: 'one_stop_officer',
          communeCode: '18100',
          action: c.action,
          entityType: 'dossier',
          entityId: c.entityId,
          before: c.before ?? null,
          after: c.after ?? null,
          requestId: c.requestId,
          clientAddress: null,
        };
        const prevHash = prev ?? GENESIS_HASH;
        const got = await one<string>(
          database,
          sql`select xaso_audit_hash(${prevHash}, ${JSON.stringify(entry)}::jsonb) as v`,
        );
        expect(got).toBe(entryHash(prevHash, entry));
        expect(got).toBe(
          createHash('sha256')
            .update(`${prevHash}\n${canonicalJson(entry)}`)
            .digest('hex'),
        );
      }),
      { numRuns: 100 },
    );
  });
});
