/**
 * Imports (a commune's staff list, the procedure catalogue; CSV, XLSX or JSON; dry runs too) run one at a time per
 * commune — the catalogue, which is system-wide, one at a time — across every instance on one database. A second
 * import of the same commune while one runs is refused at once with 409 and Retry-After; another commune's import
 * is not held up.
 *
 * PostgreSQL: a session advisory lock (two-int space: XãSố's import class, the commune) taken with
 * pg_try_advisory_lock on a connection of the import's own — not from the pool, so running imports never starve
 * the pool or wait on one another for a connection. It is released when the import ends, or by PostgreSQL when the
 * connection drops (an instance that dies leaves no stale lock). PGlite is one process per data directory (the
 * directory is locked), so the instance's own register below is the whole truth there. Every instance also keeps
 * the keys it is importing in memory, refusing its own second import without a database round trip.
 */
import pg from 'pg';
import { AppError, text } from '../http/errors';
import type { Db } from './database';

/** What one import holds: a commune (by code) or the whole catalogue. */
export type ImportScope = { commune: string } | 'catalogue';

/** Advisory-lock class of imports (two-int lock space; the migrator's lock lives in the one-bigint space). */
export const IMPORT_LOCK_CLASS = 7_341_003;
/** What a refused import is told to wait: a staff list or a catalogue is checked in a few seconds. */
export const IMPORT_RETRY_AFTER_SECONDS = 10;

/** Keys being imported through each database handle (one handle per instance). */
const running = new WeakMap<object, Set<string>>();

function keyOf(scope: ImportScope): string {
  return scope === 'catalogue' ? 'catalogue' : `commune:${scope.commune}`;
}

/** The lock's second number: 0 for the catalogue, the commune code itself (5 digits: no collisions), else a hash. */
export function importLockId(scope: ImportScope): number {
  if (scope === 'catalogue') return 0;
  if (/^\d{1,9}$/.test(scope.commune)) return Number(scope.commune);
  let h = 0x811c9dc5; // FNV-1a, as a negative int4 so it never meets a commune code
  for (const ch of Buffer.from(scope.commune, 'utf8')) h = Math.imul(h ^ ch, 0x01000193);
  return -((h >>> 1) + 1);
}

function busy(scope: ImportScope): AppError {
  return new AppError(
    'conflict',
    scope === 'catalogue'
      ? text(
          'Đang có một lần nhập danh mục thủ tục khác; mỗi lúc chỉ nhập một tệp. Thử lại sau ít giây.',
          'Another catalogue import is running; one import at a time. Retry in a few seconds.',
        )
      : text(
          'Đang có một lần nhập dữ liệu khác của xã {commune}; mỗi xã mỗi lúc chỉ nhập một tệp. Thử lại sau ít giây.',
          'Another import for commune {commune} is running; one import per commune at a time. Retry in a few seconds.',
          { commune: scope.commune },
        ),
    { headers: { 'retry-after': String(IMPORT_RETRY_AFTER_SECONDS) } },
  );
}

/** PostgreSQL: holds the advisory lock on a connection of its own; null when another instance holds it. */
async function lockOnServer(pool: pg.Pool, scope: ImportScope): Promise<(() => Promise<void>) | null> {
  const client = new pg.Client(pool.options);
  client.on('error', () => {}); // a dropped connection releases the lock; the import itself goes on
  try {
    await client.connect();
    const { rows } = await client.query<{ locked: boolean }>(
      'select pg_try_advisory_lock($1, $2) as locked',
      [IMPORT_LOCK_CLASS, importLockId(scope)],
    );
    if (rows[0]?.locked)
      return async () => {
        // Unlocked before the session ends, so the next import (on any instance) finds it free at once.
        await client
          .query('select pg_advisory_unlock($1, $2)', [IMPORT_LOCK_CLASS, importLockId(scope)])
          .catch(() => {});
        await client.end().catch(() => {});
      };
  } catch {
    await client.end().catch(() => {});
    throw new AppError(
      'unavailable',
      text('Không kết nối được cơ sở dữ liệu; thử lại sau.', 'Cannot reach the database; retry later.'),
      { headers: { 'retry-after': String(IMPORT_RETRY_AFTER_SECONDS) } },
    );
  }
  await client.end().catch(() => {});
  return null;
}

/** Runs `work` holding the import lock of `scope`; throws 409 (Retry-After) at once when it is taken. */
export async function withImportLock<T>(db: Db, scope: ImportScope, work: () => Promise<T>): Promise<T> {
  const key = keyOf(scope);
  const mine = running.get(db) ?? new Set<string>();
  running.set(db, mine);
  if (mine.has(key)) throw busy(scope);
  mine.add(key);
  try {
    const client = (db as unknown as { $client?: unknown }).$client;
    const release = client instanceof pg.Pool ? await lockOnServer(client, scope) : async () => {};
    if (!release) throw busy(scope);
    try {
      return await work();
    } finally {
      await release();
    }
  } finally {
    mine.delete(key);
  }
}
