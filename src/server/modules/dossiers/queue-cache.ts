/**
 * Recent queue pages of one commune, kept in memory and served again while the commune's list version has not moved
 * (issue 14: a page at 1M dossiers costs ~1 ms of the database and ~1 ms of the server; a commune's officers and
 * their live pages ask for the same few tabs again after every change).
 *
 * The version (migration 0021) moves when any writer commits a change to a dossier the commune acts on or received,
 * so each request still reads it — one primary-key read — and a page is served only if it was built at the version
 * read now. The version is read before the page's rows: a change committed in between leaves a page newer than its
 * label, which the next request rebuilds; a page is never served older than the last committed change, whichever
 * instance or command made it. The time a page's deadlines are judged at is part of its key, to the minute.
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { DbOrTx } from '../../db/database';
import { invalidationOf, KeyedCache } from '../../db/invalidation';

interface CachedPage<P> {
  version: string | null;
  page: P;
}

/** Pages of every commune and tab together; the oldest go first past the bound (a page of 50 rows is ~30 kB). */
const pages = new KeyedCache<CachedPage<unknown>>('dossier_lists', { max: 300 });

const VERSION_SQL = 'select version::text as version from dossier_list_versions where commune_code = $1';

/** The commune's list version now (null: none of its dossiers was ever written). */
export async function listVersion(db: DbOrTx, communeCode: string): Promise<string | null> {
  const client = (db as { $client?: unknown }).$client;
  if (client instanceof pg.Pool) {
    const r = await client.query<{ version: string }>({
      name: 'xaso_dossier_list_version',
      text: VERSION_SQL,
      values: [communeCode],
    });
    return r.rows[0]?.version ?? null;
  }
  const r = (await db.execute(
    sql`select version::text as version from dossier_list_versions where commune_code = ${communeCode}`,
  )) as unknown as { rows: { version: string }[] };
  return r.rows[0]?.version ?? null;
}

/**
 * The page `key` of `communeCode` judged at `now`: from memory if built at the commune's current list version in
 * the same minute, else `load()`. Inside a transaction (its own uncommitted writes do not move the version until it
 * commits) or while the database's invalidation is down, always `load()`.
 */
export async function cachedQueuePage<P>(
  db: DbOrTx,
  communeCode: string,
  key: readonly unknown[],
  now: Date,
  load: () => Promise<P>,
): Promise<P> {
  if (!invalidationOf(db)?.live()) return load();
  const version = await listVersion(db, communeCode);
  const cacheKey = JSON.stringify([communeCode, Math.floor(now.getTime() / 60_000), ...key]);
  const cached = await pages.get(db, cacheKey, async () => ({ version, page: await load() }), {
    fresh: (c) => c.version === version,
  });
  return cached.page as P;
}
