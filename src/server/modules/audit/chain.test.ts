import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  entryHash,
  findBreak,
  GENESIS_HASH,
  maskPersonalData,
  type StoredEntry,
} from './chain';

const content = (seq: number, after: unknown) => ({
  chain: 'commune:18100',
  seq,
  at: '2025-06-20T02:00:00.000Z',
  actorId: null,
  actorName: 'a',
  actorRole: null,
  communeCode: '18100',
  action: 'x',
  entityType: 't',
  entityId: String(seq),
  before: null,
  after,
  requestId: null,
  clientAddress: null,
});

function chain(n: number): StoredEntry[] {
  const out: StoredEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const c = content(i, { i });
    const hash = entryHash(prev, c);
    out.push({ ...c, id: i, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit chain', () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ a: [{ d: 1, c: null }] }, '{"a":[{"c":null,"d":1}]}'],
    [{ a: undefined, b: 'x' }, '{"b":"x"}'],
  ])('canonical JSON of %j is %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('hashes the same content the same way whatever the timestamp spelling', () => {
    const a = content(1, { k: 1 });
    expect(entryHash(GENESIS_HASH, a)).toBe(entryHash(GENESIS_HASH, { ...a, at: '2025-06-20 02:00:00+00' }));
    expect(entryHash(GENESIS_HASH, a)).not.toBe(entryHash(GENESIS_HASH, { ...a, actorName: 'b' }));
  });

  it.each([
    ['intact', (c: StoredEntry[]) => c, null],
    [
      'edited content',
      (c: StoredEntry[]) => c.map((e) => (e.seq === 2 ? { ...e, after: { i: 9 } } : e)),
      { seq: 2, reason: 'hash_mismatch' },
    ],
    ['removed entry', (c: StoredEntry[]) => c.filter((e) => e.seq !== 2), { seq: 3, reason: 'seq_gap' }],
    [
      're-hashed edit',
      (c: StoredEntry[]) =>
        c.map((e) =>
          e.seq === 2 ? { ...e, after: { i: 9 }, hash: entryHash(e.prevHash, { ...e, after: { i: 9 } }) } : e,
        ),
      { seq: 3, reason: 'prev_hash_mismatch' },
    ],
  ] as const)('finds the first break: %s', (_name, tamper, expected) => {
    const result = findBreak(tamper(chain(4)));
    if (expected === null) expect(result).toBeNull();
    else expect(result).toMatchObject(expected);
  });

  it('masks personal fields at any depth', () => {
    expect(
      maskPersonalData({ name: 'A', phone: '09', nested: [{ idNumber: '0123', x: 1 }], email: null }),
    ).toEqual({
      name: 'A',
      phone: '***',
      nested: [{ idNumber: '***', x: 1 }],
      email: null,
    });
  });
});
