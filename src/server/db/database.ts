/**
 * The database: embedded PGlite (default, persisted under the data directory) or a PostgreSQL server
 * (DATABASE_URL). Both speak the same SQL; the rest of the server sees one Drizzle client type.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { SERVER_DIR } from '../paths';
import { holderOf, isDirectoryLocked, lockDataDirectory } from './directory-lock';
import { attachPgliteInvalidation, attachPostgresInvalidation, watchCacheNotices } from './invalidation';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle: the same query API as Db. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
export type EngineKind = 'pglite' | 'postgres';

export interface Database {
  kind: EngineKind;
  db: Db;
  /** Runs the versioned migrations (serialised across instances by an advisory lock on PostgreSQL). */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Something the opener should tell the user (e.g. a read-only command reading a snapshot of a live directory). */
  notice?: string;
  /** PGlite only: a consistent tarball of the data directory (gzipped unless 'none'), taken by this (owning) process. */
  dumpDataDir?: (compression?: 'gzip' | 'none') => Promise<Buffer>;
}

const migrationsFolder = path.join(SERVER_DIR, 'db', 'migrations');
const MIGRATION_LOCK = 7_341_002; // arbitrary advisory-lock key owned by XãSố's migrator

export interface OpenOptions {
  /** PostgreSQL connection string; absent → PGlite. */
  databaseUrl?: string;
  /** PGlite data directory; absent → in memory. */
  pgliteDir?: string;
  /** PGlite only: start from this data-directory tarball (a backup's database.tar.gz) instead of an empty one. */
  loadDataDir?: Buffer;
  poolSize?: number;
  /**
   * PGlite only: what to do when another live process holds the directory. `refuse` (servers and writing
   * commands) throws DataDirectoryInUseError naming its pid; `snapshot` (read-only commands) opens a copy taken
   * now and says so through `notice`.
   */
  whenLocked?: 'refuse' | 'snapshot';
  /**
   * PostgreSQL only: how long after its listening connection dropped the cache invalidation tries again (default 1 s;
   * caches are bypassed meanwhile, see db/invalidation.ts).
   */
  invalidationRetryMs?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    pool.on('error', () => {}); // idle-client errors surface on the next query instead of crashing the process
    pool.on('connect', watchCacheNotices); // a write that changed cached data waits until it is heard (inTransaction)
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    // The in-memory caches' invalidation: a LISTEN session of its own, opened on the first cache use.
    const invalidation = attachPostgresInvalidation(
      db,
      { connectionString: options.databaseUrl },
      options.invalidationRetryMs ?? 1_000,
    );
    return {
      kind: 'postgres',
      db,
      async migrate() {
        const client = await pool.connect();
        try {
          await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
          await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
          client.release();
        }
      },
      async close() {
        await invalidation.close();
        await pool.end();
      },
    };
  }
  let dir = options.pgliteDir;
  let unlock: () => Promise<void> = async () => {};
  let notice: string | undefined;
  if (dir) {
    if (options.whenLocked === 'snapshot' && isDirectoryLocked(dir)) {
      const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-snapshot-'));
      fs.cpSync(dir, copy, { recursive: true, filter: (src) => !/xaso\.(lock|pid)$/.test(src) });
      notice =
        `Thư mục dữ liệu đang được máy chủ (pid ${holderOf(dir) ?? '?'}) dùng: đọc bản chụp lúc này. ` +
        `The data directory is live (server pid ${holderOf(dir) ?? '?'}): reading a snapshot taken now.`;
      dir = copy;
      unlock = async () => fs.rmSync(copy, { recursive: true, force: true });
    } else {
      unlock = await lockDataDirectory(dir);
    }
  }
  // Durability (tests/crash.integration.test.ts kills the server mid-burst): the data directory is the real file
  // system (NODEFS, plain write(2)), and with synchronous_commit on (the default; off loses acknowledged commits in
  // that test) a commit's WAL is in the OS before COMMIT returns, so it survives the process dying. relaxedDurability
  // stays off: it would answer before the file-system sync (a no-op on NODEFS, not on other file systems). PGlite runs
  // with fsync off (-F; NODEFS has no fsync): an OS crash or power cut can lose the last commits — there, PostgreSQL.
  // pg_trgm: the trigram indexes of the dossier search (migration 0006); btree_gist: the feedback duplicates' index
  // (commune + trigrams, migration 0015).
  let client: PGlite;
  try {
    client = await PGlite.create(dir ?? 'memory://', {
      relaxedDurability: false,
      extensions: { pg_trgm, btree_gist },
      // Memory (issue 14: npm start under 400 MB): PGlite's default 128 MB page buffer is filled at start-up and
      // stays resident; 32 MB keeps the hot pages of a province (reads beyond it come from the OS file cache).
      // Measured with the full demo after a minute of load: 458 MB resident with the default, 355 MB with 32 MB.
      startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'],
      ...(options.loadDataDir ? { loadDataDir: new Blob([new Uint8Array(options.loadDataDir)]) } : {}),
    });
  } catch (err) {
    await unlock();
    throw err;
  }
  const pgliteDb = drizzlePglite(client, { schema });
  const invalidation = attachPgliteInvalidation(pgliteDb as unknown as Db, client);
  return {
    kind: 'pglite',
    db: pgliteDb as unknown as Db,
    migrate: () => migratePglite(pgliteDb, { migrationsFolder }),
    ...(notice ? { notice } : {}),
    // After a checkpoint: a directory made from the dump opens without replaying the WAL written since the last
    // one (a first start from the map's template: ~1.5 s of crash recovery replaying the map import otherwise).
    dumpDataDir: async (compression = 'gzip') => {
      await client.exec('CHECKPOINT');
      return Buffer.from(await (await client.dumpDataDir(compression)).arrayBuffer());
    },
    async close() {
      await invalidation.close();
      await client.close();
      await unlock();
    },
  };
}

/** Cheap liveness probe used by /health. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
