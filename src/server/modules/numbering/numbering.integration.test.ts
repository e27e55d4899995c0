/**
 * The document number series on both engines: 01, 02 … per commune, issuer, type and year; concurrent takers
 * never share a number nor leave a gap; a rolled-back document gives its number back; typed numbers move the
 * series past them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../tests/support/database';
import { advanceSeries, peekNextNumber, type SeriesKey, takeNumber } from './service';

describe.each(ENGINES)('document numbering on %s', (engine) => {
  let database: TestDatabase;
  const key = (over: Partial<SeriesKey> = {}): SeriesKey => ({
    communeCode: '18100',
    issuer: 'HĐND',
    docType: 'NQ',
    year: 2025,
    ...over,
  });
  const take = (k: SeriesKey) => database.db.transaction((tx) => takeNumber(tx, k));

  beforeAll(async () => {
    database = await createTestDatabase(engine);
  }, 60_000);
  afterAll(() => database?.dispose());

  it('starts at 01 and counts up, two digits at least', async () => {
    expect(await peekNextNumber(database.db, key())).toEqual({ seq: 1, number: '01/NQ-HĐND' });
    expect(await take(key())).toEqual({ seq: 1, number: '01/NQ-HĐND' });
    expect(await take(key())).toEqual({ seq: 2, number: '02/NQ-HĐND' });
    expect(await peekNextNumber(database.db, key())).toEqual({ seq: 3, number: '03/NQ-HĐND' });
  });

  it('one series per commune, issuer, type and year; a new year starts again at 01', async () => {
    expect((await take(key({ docType: 'TB', issuer: 'UBND' }))).number).toBe('01/TB-UBND');
    expect((await take(key({ issuer: 'ĐU' }))).number).toBe('01/NQ-ĐU');
    expect((await take(key({ communeCode: '18754' }))).number).toBe('01/NQ-HĐND');
    expect((await take(key({ year: 2026 }))).number).toBe('01/NQ-HĐND');
    expect((await take(key())).number).toBe('03/NQ-HĐND');
  });

  it('a rolled-back transaction leaves no gap', async () => {
    const k = key({ docType: 'KL' });
    expect((await take(k)).seq).toBe(1);
    await expect(
      database.db.transaction(async (tx) => {
        const n = await takeNumber(tx, k);
        expect(n.seq).toBe(2);
        throw new Error('document rejected');
      }),
    ).rejects.toThrow('document rejected');
    expect((await take(k)).seq).toBe(2);
  });

  it('20 concurrent takers get 1..20: no duplicate, no gap', async () => {
    const k = key({ docType: 'QĐ' });
    const got = await Promise.all(Array.from({ length: 20 }, () => take(k)));
    expect(got.map((g) => g.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(got.map((g) => g.number)).size).toBe(20);
    expect(got.find((g) => g.seq === 7)!.number).toBe('07/QĐ-HĐND');
  });

  it('a number typed from paper moves the series past it, never back; 100 has three digits', async () => {
    const k = key({ docType: 'BB' });
    await database.db.transaction((tx) => advanceSeries(tx, k, 99));
    expect((await take(k)).number).toBe('100/BB-HĐND');
    await database.db.transaction((tx) => advanceSeries(tx, k, 5));
    expect((await take(k)).number).toBe('101/BB-HĐND');
    // a fresh series starts from the typed number
    const fresh = key({ docType: 'CV' });
    await database.db.transaction((tx) => advanceSeries(tx, fresh, 4));
    expect(await peekNextNumber(database.db, fresh)).toEqual({ seq: 5, number: '05/CV-HĐND' });
  });

  it('refuses a malformed series key (a programming error)', async () => {
    await expect(take(key({ docType: 'nq' }))).rejects.toThrow(/docType/);
    await expect(take(key({ year: 25 }))).rejects.toThrow(/year/);
    await expect(take(key({ communeCode: '' }))).rejects.toThrow(/communeCode/);
  });
});
