/**
 * insertRows writes what Drizzle's own multi-row insert writes, value for value, on both engines: the bulk writers
 * (the demo's seed, audit entries) switched to it must leave the same rows, down to the bytes an audit hash covers.
 */

import { asc, sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  integer,
  jsonb,
  numeric,
  pgTable,
  serial,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../tests/support/database';
import { insertRows } from './insert-rows';

const probe = pgTable('insert_rows_probe', {
  n: serial('n').primaryKey(),
  batch: text('batch').notNull(),
  id: uuid('id').notNull().defaultRandom(),
  label: text('label'),
  count: integer('count').notNull().default(7),
  seq: bigint('seq', { mode: 'number' }),
  flag: boolean('flag'),
  amount: numeric('amount'),
  at: timestamp('at', { withTimezone: true }),
  on: date('on'),
  data: jsonb('data'),
  tags: text('tags').array(),
  refs: uuid('refs').array(),
});

type Row = typeof probe.$inferInsert;

const SAMPLE: Omit<Row, 'batch'>[] = [
  {
    id: '2f1c5b1e-8d4a-4c55-9d0e-1a2b3c4d5e6f',
    label: 'Nguyễn Thị Ánh — "hồ sơ", {ngoặc}, dấu\\gạch',
    count: 0,
    seq: 9_007_199_254_740_991,
    flag: true,
    amount: '12345.678',
    at: new Date('2025-06-20T01:02:03.456Z'),
    on: '2025-07-01',
    data: { a: [1, 'hai', null, { b: true }], 'khóa có dấu': 'giá trị', n: 1.5, e: '' },
    tags: ['a,b', 'c"d', '{e}', 'NULL', '', 'ư ơ'],
    refs: ['2f1c5b1e-8d4a-4c55-9d0e-1a2b3c4d5e6f'],
  },
  {
    id: '00000000-0000-4000-8000-000000000000',
    label: null,
    count: -2_147_483_648,
    seq: null,
    flag: false,
    amount: null,
    at: null,
    on: null,
    data: null,
    tags: [],
    refs: null,
  },
  {
    id: 'ffffffff-ffff-4fff-bfff-ffffffffffff',
    label: '',
    count: 2_147_483_647,
    seq: 0,
    flag: null,
    amount: '-0.5',
    at: new Date('1970-01-01T00:00:00.000Z'),
    on: '2099-12-31',
    data: [],
    tags: null,
    refs: [],
  },
];

describe.each(ENGINES)('insertRows on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    await t.db.execute(sql`create table insert_rows_probe (
      n serial primary key, batch text not null, id uuid not null default gen_random_uuid(), label text,
      count integer not null default 7, seq bigint, flag boolean, amount numeric, at timestamptz, "on" date,
      data jsonb, tags text[], refs uuid[])`);
  });
  afterAll(() => t?.dispose());

  const read = async (batch: string) =>
    (await t.db.select().from(probe).where(sql`${probe.batch} = ${batch}`).orderBy(asc(probe.n))).map(
      ({ n: _n, batch: _b, ...rest }) => rest,
    );
  /** The rows as PostgreSQL stores them (each as JSON text), without the columns that differ by design. */
  const stored = async (batch: string, without = ['n', 'batch', 'id']) =>
    (
      (await t.db.execute(
        sql`select (to_jsonb(p) - ${sql.raw(without.map((c) => `'${c}'`).join(' - '))})::text as "row"
            from insert_rows_probe p where batch = ${batch} order by n`,
      )) as unknown as { rows: { row: string }[] }
    ).rows.map((r) => r.row);
  /** The same rows through Drizzle's insert and through insertRows, as stored. */
  const both = async (rows: Omit<Row, 'batch'>[], tag: string, without?: string[]) => {
    await t.db.insert(probe).values(rows.map((r) => ({ ...r, batch: `${tag}-drizzle` })));
    await insertRows(
      t.db,
      probe,
      rows.map((r) => ({ ...r, batch: `${tag}-bulk` })),
    );
    return { drizzle: await stored(`${tag}-drizzle`, without), bulk: await stored(`${tag}-bulk`, without) };
  };

  it('writes every kind of value the schema uses as Drizzle writes it, in the order given', async () => {
    const { drizzle, bulk } = await both(SAMPLE, 'sample', ['n', 'batch']);
    expect(bulk).toEqual(drizzle);
    const back = await read('sample-bulk');
    expect(back.map((r) => r.id)).toEqual(SAMPLE.map((r) => r.id));
    expect(back[0]).toEqual({ ...SAMPLE[0], amount: '12345.678' });
    expect(back[2]!.data).toEqual([]);
  });

  it('gives the database default to a column a row leaves out, also when other rows give it', async () => {
    await insertRows(t.db, probe, [{ batch: 'defaults' }, { batch: 'defaults' }]);
    const rows = await read('defaults');
    expect(rows.map((r) => r.count)).toEqual([7, 7]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2);
    const mixed = [
      { label: 'a', count: 1 },
      { label: 'b' },
      { label: 'c', count: 3, id: '2f1c5b1e-8d4a-4c55-9d0e-1a2b3c4d5e6f' },
      { label: 'd', count: undefined },
    ];
    const { drizzle, bulk } = await both(mixed, 'mixed', ['n', 'batch', 'id']);
    expect(bulk.sort()).toEqual(drizzle.sort());
    expect((await read('mixed-bulk')).map((r) => [r.label, r.count]).sort()).toEqual([
      ['a', 1],
      ['b', 7],
      ['c', 3],
      ['d', 7],
    ]);
  });

  it('writes more values than a statement may bind (65,535) in one call', async () => {
    const rows = Array.from({ length: 7000 }, (_, i) => ({
      batch: 'many',
      label: `hồ sơ ${i}`,
      count: i,
      seq: i * 3,
      flag: i % 2 === 0,
      amount: String(i),
      at: new Date(Date.UTC(2025, 6, 1, 0, 0, i)),
      on: '2025-07-01',
      data: { i },
      tags: [String(i)],
    }));
    await insertRows(t.db, probe, rows);
    const back = await read('many');
    expect(back).toHaveLength(7000);
    expect(back[6999]).toMatchObject({ label: 'hồ sơ 6999', count: 6999, seq: 20997, data: { i: 6999 } });
  });

  it('writes a row that gives nothing with every default', async () => {
    const bare = pgTable('insert_rows_bare', {
      n: serial('n').primaryKey(),
      count: integer('count').default(7),
    });
    await t.db.execute(sql`create table insert_rows_bare (n serial primary key, count integer default 7)`);
    await insertRows(t.db, bare, [{}, {}, { count: 1 }]);
    expect(await t.db.select().from(bare).orderBy(asc(bare.n))).toEqual([
      { n: 1, count: 7 },
      { n: 2, count: 7 },
      { n: 3, count: 1 },
    ]);
  });

  it('writes nothing for no rows', async () => {
    await insertRows(t.db, probe, []);
    expect(await read('')).toEqual([]);
  });

  it('agrees with Drizzle on arbitrary text, JSON and arrays', async () => {
    // PostgreSQL text cannot hold NUL (both paths refuse it); everything else is fair game
    const str = fc.string({ unit: 'grapheme', maxLength: 30 }).filter((s) => !s.includes('\u0000'));
    const json = fc
      .jsonValue({ maxDepth: 3 })
      .map((v) => JSON.parse(JSON.stringify(v).replaceAll('\\u0000', '')));
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            label: fc.option(str),
            data: fc.option(json),
            tags: fc.option(
              fc.array(fc.option(str, { nil: null }) as fc.Arbitrary<string>, { maxLength: 4 }),
            ),
            at: fc.option(
              fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }),
            ),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        async (rows) => {
          const { drizzle, bulk } = await both(rows, `prop${++round}`);
          expect(bulk).toEqual(drizzle);
        },
      ),
      { numRuns: 40 },
    );
  });
});
