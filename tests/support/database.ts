/**
 * Integration tests run on both engines: an in-memory PGlite, and a fresh database on the PostgreSQL server
 * named by TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), created per test file and
 * dropped afterwards.
 *
 * Every test file starts from a template instead of migrating and loading the national map itself (that took
 * 10–15 s per file and engine): the first file to need one builds it — a PGlite data directory dumped under
 * node_modules/.cache, a PostgreSQL template database — and the others copy it (PGlite loads the dump, PostgreSQL
 * `CREATE DATABASE … TEMPLATE`). A template is named by a hash of what builds it (migrations, the map importer and
 * its data, the audit chain, the lock file), so a change to any of them builds a new one.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { type Database, type EngineKind, openDatabase } from '../../src/server/db/database';
import { importAdministrativeMap } from '../../src/server/modules/units/importer';

export const ENGINES: EngineKind[] = ['pglite', 'postgres'];
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase extends Database {
  /** Drops the per-file PostgreSQL database (PGlite: closes). */
  dispose(): Promise<void>;
}

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'xaso-test-db');

/** What a template is built from: any change to these files builds a new template. */
const TEMPLATE_SOURCES = [
  'src/server/db',
  'src/server/modules/units',
  'src/server/modules/audit',
  'src/common/text.ts',
  'package-lock.json',
];

function filesUnder(p: string): string[] {
  const full = path.join(ROOT, p);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [p];
  return fs
    .readdirSync(full)
    .sort()
    .flatMap((name) => filesUnder(path.join(p, name)));
}

let key: string | null = null;
function templateKey(): string {
  if (key) return key;
  const hash = createHash('sha256');
  for (const file of TEMPLATE_SOURCES.flatMap(filesUnder)) {
    if (file.endsWith('.test.ts')) continue;
    hash.update(file).update(fs.readFileSync(path.join(ROOT, file)));
  }
  key = hash.digest('hex').slice(0, 16);
  return key;
}

/** A migrated PGlite data directory (with the national map or without), dumped once, loaded by each file. */
async function pgliteTemplate(withMap: boolean): Promise<Buffer> {
  const file = path.join(CACHE, `pglite-${withMap ? 'map' : 'empty'}-${templateKey()}.tar.gz`);
  if (fs.existsSync(file)) return fs.readFileSync(file);
  const database = await openDatabase({});
  try {
    await database.migrate();
    if (withMap) await importAdministrativeMap(database.db);
    const dump = await database.dumpDataDir!();
    fs.mkdirSync(CACHE, { recursive: true });
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(tmp, dump);
    fs.renameSync(tmp, file); // atomic: a concurrent builder's copy is as good
    return dump;
  } finally {
    await database.close();
  }
}

const withAdmin = async <T>(work: (c: pg.Client) => Promise<T>): Promise<T> => {
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
};
const urlOf = (name: string) => {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
};

/** The PostgreSQL template database, built once under an advisory lock (other files wait for it). */
async function postgresTemplate(withMap: boolean): Promise<string> {
  const name = `xaso_tpl_${withMap ? 'map' : 'empty'}_${templateKey()}`;
  await withAdmin(async (admin) => {
    await admin.query('select pg_advisory_lock(7341017)');
    try {
      const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
      if (rowCount) return;
      const building = `${name}_b${randomBytes(3).toString('hex')}`;
      await admin.query(`CREATE DATABASE ${building}`);
      const database = await openDatabase({ databaseUrl: urlOf(building), poolSize: 2 });
      try {
        await database.migrate();
        if (withMap) await importAdministrativeMap(database.db);
      } finally {
        await database.close();
      }
      // The builder's sessions may take a moment to leave after the pool closed.
      for (let attempt = 1; ; attempt++) {
        try {
          await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
          break;
        } catch (e) {
          if (attempt >= 50) throw e;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    } finally {
      await admin.query('select pg_advisory_unlock(7341017)');
    }
  });
  return name;
}

/**
 * A fresh, migrated database for one test file; with `map: true` it already holds the national administrative map
 * (as `importAdministrativeMap` leaves it).
 */
export async function createTestDatabase(
  kind: EngineKind,
  options: { map?: boolean } = {},
): Promise<TestDatabase> {
  const withMap = options.map ?? false;
  if (kind === 'pglite') {
    const database = await openDatabase({ loadDataDir: await pgliteTemplate(withMap) });
    await database.migrate(); // nothing to do: keeps the template honest
    return { ...database, dispose: () => database.close() };
  }
  const template = await postgresTemplate(withMap);
  const name = `xaso_t_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const database = await openDatabase({ databaseUrl: urlOf(name), poolSize: 4 });
  await database.migrate();
  return {
    ...database,
    async dispose() {
      await database.close();
      await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
