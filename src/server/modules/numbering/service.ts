/**
 * One numbering service for every official document of a commune (meeting resolutions, conclusions, the People
 * module's assignment announcements …): a series per commune, issuer, document type and year (table
 * document_number_series), starting at 01 each year.
 *
 * takeNumber runs one INSERT … ON CONFLICT DO UPDATE SET last = last + 1 RETURNING in the CALLER's transaction:
 * the row lock serialises concurrent writers (no duplicate), and a transaction that rolls back takes its increment
 * with it (no gap). Rehearsal documents must not call it (they carry no official number).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/database';
import { formatDocumentNumber, type SeriesKey, seriesKeyProblem } from './format';
import { documentNumberSeries } from './schema';

export type { SeriesKey } from './format';
export { formatDocumentNumber, parseDocumentNumber } from './format';

function check(key: SeriesKey): void {
  const problem = seriesKeyProblem(key);
  if (problem) throw new Error(`document number series: ${problem}`);
}

const target = [
  documentNumberSeries.communeCode,
  documentNumberSeries.issuer,
  documentNumberSeries.docType,
  documentNumberSeries.year,
];

/** Takes the next number of the series, in the caller's transaction: { seq: 1, number: "01/NQ-HĐND" }. */
export async function takeNumber(tx: DbOrTx, key: SeriesKey): Promise<{ seq: number; number: string }> {
  check(key);
  const [row] = await tx
    .insert(documentNumberSeries)
    .values({ ...key, last: 1 })
    .onConflictDoUpdate({
      target,
      set: { last: sql`${documentNumberSeries.last} + 1`, updatedAt: sql`now()` },
    })
    .returning({ last: documentNumberSeries.last });
  const seq = row!.last;
  return { seq, number: formatDocumentNumber(seq, key.docType, key.issuer) };
}

/**
 * A number given outside the series (typed from paper): the series moves past it (last = max(last, seq)), so
 * the next number taken follows it. In the caller's transaction.
 */
export async function advanceSeries(tx: DbOrTx, key: SeriesKey, seq: number): Promise<void> {
  check(key);
  if (!Number.isSafeInteger(seq) || seq < 1)
    throw new Error(`document number series: seq ${seq} is not positive`);
  await tx
    .insert(documentNumberSeries)
    .values({ ...key, last: seq })
    .onConflictDoUpdate({
      target,
      set: {
        last: sql`greatest(${documentNumberSeries.last}, excluded.last)`,
        updatedAt: sql`now()`,
      },
    });
}

/** The number the next taker would get now (for a form's suggestion; not reserved, another writer may take it). */
export async function peekNextNumber(db: DbOrTx, key: SeriesKey): Promise<{ seq: number; number: string }> {
  check(key);
  const [row] = await db
    .select({ last: documentNumberSeries.last })
    .from(documentNumberSeries)
    .where(
      and(
        eq(documentNumberSeries.communeCode, key.communeCode),
        eq(documentNumberSeries.issuer, key.issuer),
        eq(documentNumberSeries.docType, key.docType),
        eq(documentNumberSeries.year, key.year),
      ),
    );
  const seq = (row?.last ?? 0) + 1;
  return { seq, number: formatDocumentNumber(seq, key.docType, key.issuer) };
}

/**
 * Go-live (vận hành chính thức): the commune's official numbering starts fresh for the year. Every series of the
 * commune for `year` is removed, in the caller's transaction, so the first official document after cutover takes
 * 01 in its series; documents numbered before keep their numbers (nothing is renumbered). Returns what the series
 * had reached, for the cutover's audit entry. Series of other years are left alone (each year starts at 01 anyway).
 */
export async function restartSeriesOfYear(
  tx: DbOrTx,
  communeCode: string,
  year: number,
): Promise<{ issuer: string; docType: string; last: number }[]> {
  return tx
    .delete(documentNumberSeries)
    .where(and(eq(documentNumberSeries.communeCode, communeCode), eq(documentNumberSeries.year, year)))
    .returning({
      issuer: documentNumberSeries.issuer,
      docType: documentNumberSeries.docType,
      last: documentNumberSeries.last,
    });
}
