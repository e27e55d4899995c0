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
 *
 * The small demo (`createTestApp(…, { demo: true })`, 25-80 s of seeding per file and engine on a busy machine) has
 * a template of its own, the map template seeded once with `seedDemo` exactly as a test file would: named by a
 * hash of every server and common source file (anything the seed runs) and by today's date in Việt Nam (the demo
 * is dated around "today"), so it is never older than the code or the day it stands for.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import { type Database, type EngineKind, openDatabase } from '../../src/server/db/database';
import { isRunning } from '../../src/server/db/directory-lock';
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

let sourceKey: string | null = null;
/**
 * What any seeding may run: every non-test source file of the server and the common code, the lock file, and the
 * day in Việt Nam (demo data is dated around today). For templates holding demo data.
 */
export function seededTemplateKey(): string {
  if (sourceKey) return sourceKey;
  const hash = createHash('sha256');
  for (const file of ['src/server', 'src/common', 'package-lock.json'].flatMap(filesUnder)) {
    if (/\.test\.ts$/.test(file)) continue;
    hash.update(file).update(fs.readFileSync(path.join(ROOT, file)));
  }
  hash.update(new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }));
  sourceKey = hash.digest('hex').slice(0, 16);
  return sourceKey;
}

/**
 * Runs `work` holding an exclusive lock on `name` in the template cache, across the suite's worker processes: one
 * builds a template, the others wait and then find it built. A holder that died leaves a stale lock (2 minutes).
 */
export async function withCacheLock<T>(name: string, work: () => Promise<T>): Promise<T> {
  fs.mkdirSync(CACHE, { recursive: true });
  const release = await lockfile.lock(CACHE, {
    lockfilePath: path.join(CACHE, `${name}.lock`),
    realpath: false,
    // PGlite's work blocks the holder's event loop for seconds at a time on a busy machine, so the lock's mtime
    // is refreshed late: a short stale time would let a waiter take a live lock, and the holder's library would
    // then throw "compromised" from a timer (an uncaught error failing the file). Two minutes covers a build's
    // longest pause; a holder that died costs a waiter those two minutes once.
    stale: 120_000,
    retries: { retries: 6_000, minTimeout: 100, maxTimeout: 200 },
    onCompromised: () => {},
  });
  try {
    return await work();
  } finally {
    await release().catch(() => {});
  }
}

export const TEMPLATE_CACHE = CACHE;

let instanceId: string | null = null;
/** A random id of this checkout's template cache, made once (atomically) and kept in the cache directory. */
function cacheInstanceId(): string {
  if (instanceId) return instanceId;
  const file = path.join(CACHE, 'instance-id');
  fs.mkdirSync(CACHE, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, randomBytes(4).toString('hex'));
  try {
    fs.linkSync(tmp, file); // atomic: the other worker reads either no file or the whole id
  } catch {
    // made already (by this run's other worker, or an earlier run)
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  instanceId = fs.readFileSync(file, 'utf8').trim();
  return instanceId;
}

/** Seeded templates are rebuilt on every change of the sources: those older than this are removed. */
const SEEDED_TEMPLATE_MAX_AGE_MS = 6 * 3600_000;

/**
 * Removes seeded templates (cache files and directories, PostgreSQL template databases) built more than
 * SEEDED_TEMPLATE_MAX_AGE_MS ago and not of the current key; called after a new one was built. A template in use
 * (a database being copied) is left for next time.
 */
export async function pruneSeededTemplates(): Promise<void> {
  const current = seededTemplateKey();
  const old = Date.now() - SEEDED_TEMPLATE_MAX_AGE_MS;
  for (const name of fs.existsSync(CACHE) ? fs.readdirSync(CACHE) : []) {
    if (!/^(pglite-(demo|meetings)|server-pglite-demo|meetings-files)-/.test(name) || name.includes(current))
      continue;
    const full = path.join(CACHE, name);
    try {
      if (fs.statSync(full).mtimeMs < old) fs.rmSync(full, { recursive: true, force: true });
    } catch {}
  }
  await withAdmin(async (admin) => {
    const { rows } = await admin.query<{ datname: string; built: string | null }>(
      `select datname, shobj_description(oid, 'pg_database') as built from pg_database
        where datname ~ '^xaso_tpl_(demo|meetings|server)_'`,
    );
    for (const { datname, built } of rows) {
      const at = Number(/^built (\d+)$/.exec(built ?? '')?.[1] ?? 0);
      if (datname.includes(current) || !at || at > old) continue; // no date: built before dates were kept
      await admin.query(`DROP DATABASE IF EXISTS ${datname}`).catch(() => {});
    }
  });
}

type TemplateLevel = 'empty' | 'map' | 'demo' | 'meetings';

/**
 * The environment createTestApp's servers are configured from (before a file's own additions). The meetings template
 * is seeded with this configuration, as createTestApp would seed it.
 */
export const TEST_APP_ENV: Record<string, string> = {
  XASO_WEB_DIR: '/nonexistent',
  XASO_SECURE_COOKIES: 'false',
  // inject() comes from 127.0.0.1: trusting it as a proxy lets tests speak for many clients with X-Forwarded-For.
  XASO_TRUST_PROXY: '127.0.0.1',
  // The suite shares two cores with PGlite's synchronous work: a slow test machine must not shed test requests
  // (load-shedding.integration.test.ts sets its own budget).
  XASO_MAX_EVENT_LOOP_DELAY_MS: '60000',
  // The outbox sender never races a test's reads (tests call sendPendingNotifications themselves).
  XASO_NOTIFY_INTERVAL_SECONDS: '3600',
};

/**
 * The files the meetings template's rows refer to (minutes PDF and DOCX, feedback photos) live in the file storage
 * of createTestApp's configuration, outside the database: they are kept beside the template, and put back into that
 * storage (content-addressed: the same bytes, the same key) by each file that loads the template.
 */
const meetingsFilesOf = (kind: EngineKind) =>
  path.join(CACHE, `meetings-files-${kind}-${seededTemplateKey()}.json`);

async function testStorage(database: Database) {
  const [{ loadConfig }, { createFileStorage }] = await Promise.all([
    import('../../src/server/config'),
    import('../../src/server/modules/dossiers/storage'),
  ]);
  const config = loadConfig(TEST_APP_ENV);
  return { config, storage: await createFileStorage(config, database.db) };
}

/**
 * Seeds the small demo as createTestApp does: without meetings, or (`meetings`) with the meetings, the campaign and
 * the feedback, whose stored files are then kept beside the template (meetingsFilesOf).
 */
async function seedSmallDemo(database: Database, meetings = false) {
  const [{ seedDemo }, { systemContext }] = await Promise.all([
    import('../../src/server/seed/demo'),
    import('../../src/server/db/transaction'),
  ]);
  const ctx = systemContext(database.db, 'test seed');
  if (!meetings) {
    await seedDemo(ctx, () => {}, { scale: 'small' });
    return;
  }
  const { config, storage } = await testStorage(database);
  const stored: { key: string; bytes: string }[] = [];
  const put: typeof storage.put = async (bytes, tx) => {
    const key = await storage.put(bytes, tx);
    stored.push({ key, bytes: Buffer.from(bytes).toString('base64') });
    return key;
  };
  const recording = new Proxy(storage, {
    get(target, name) {
      if (name === 'put') return put;
      const value = Reflect.get(target, name, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  await seedDemo(ctx, () => {}, { scale: 'small', meetings: { config, storage: recording } });
  const file = meetingsFilesOf(database.kind);
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(tmp, JSON.stringify(stored));
  fs.renameSync(tmp, file);
}

/** Puts the meetings template's files back into createTestApp's storage (those already there are left alone). */
async function restoreMeetingsFiles(database: Database) {
  const stored = JSON.parse(fs.readFileSync(meetingsFilesOf(database.kind), 'utf8')) as {
    key: string;
    bytes: string;
  }[];
  const { storage } = await testStorage(database);
  for (const { key, bytes } of stored) {
    if (await storage.exists(key)) continue;
    const again = await storage.put(Buffer.from(bytes, 'base64'));
    if (again !== key) throw new Error(`the meetings template's file ${key} was stored as ${again}`);
  }
}

/** A migrated PGlite data directory (empty, with the national map, or the map and the demo), dumped once, loaded by each file. */
async function pgliteTemplate(level: TemplateLevel): Promise<Buffer> {
  const seeded = level === 'demo' || level === 'meetings';
  const key = seeded ? seededTemplateKey() : templateKey();
  const file = path.join(CACHE, `pglite-${level}-${key}.tar.gz`);
  if (fs.existsSync(file)) return fs.readFileSync(file);
  if (seeded) {
    // Seeding takes long: one worker builds, the others wait for it.
    const map = await pgliteTemplate('map');
    return withCacheLock(`pglite-${level}-${key}`, async () => {
      if (fs.existsSync(file)) return fs.readFileSync(file);
      const database = await openDatabase({ loadDataDir: map });
      try {
        await database.migrate();
        await seedSmallDemo(database, level === 'meetings');
        const dump = await database.dumpDataDir!();
        const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
        fs.writeFileSync(tmp, dump);
        fs.renameSync(tmp, file);
        await pruneSeededTemplates();
        return dump;
      } finally {
        await database.close();
      }
    });
  }
  const database = await openDatabase({});
  try {
    await database.migrate();
    if (level === 'map') await importAdministrativeMap(database.db);
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

/**
 * A file's PGlite database is a copy of its template's data directory, opened from the file system (as `npm start`
 * opens its own): loading the template's tarball into memory instead untarred and wrote the whole 66 MB directory
 * into PGlite's in-memory file system for every file (~1.2 s of CPU), where a copy of the directory costs ~0.1 s and
 * PostgreSQL reads only the pages a test touches. The copies live in shared memory (/dev/shm) where there is one.
 */
const SCRATCH = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();

/** The template of a level as a data directory beside its tarball, made once (atomically) from the tarball. */
async function pgliteTemplateDir(level: TemplateLevel): Promise<string> {
  const seeded = level === 'demo' || level === 'meetings';
  const dir = path.join(CACHE, `pglite-${level}-${seeded ? seededTemplateKey() : templateKey()}.dir`);
  if (fs.existsSync(dir)) return dir;
  const dump = await pgliteTemplate(level);
  const building = `${dir}.${process.pid}.${randomBytes(4).toString('hex')}`;
  const database = await openDatabase({ pgliteDir: building, loadDataDir: dump });
  await database.close(); // a clean shutdown (and its lock given back): the copies open without recovery
  try {
    fs.renameSync(building, dir);
  } catch {
    fs.rmSync(building, { recursive: true, force: true }); // a concurrent builder's directory is as good
  }
  return dir;
}

/**
 * Whether `name` was made by a test process no longer running, its pid read by `pattern`'s first group (a name
 * without one, made before names carried it, counts as such when `legacy`).
 */
function ofDeadProcess(name: string, pattern: RegExp, legacy = false): boolean {
  const pid = Number(pattern.exec(name)?.[1]);
  return pid ? pid !== process.pid && !isRunning(pid) : legacy;
}

/** Removes scratch copies left by test processes that died before disposing of them. */
function pruneDeadCopies(): void {
  for (const name of fs.readdirSync(SCRATCH))
    if (ofDeadProcess(name, /^xaso-test-db-(\d+)-/))
      fs.rmSync(path.join(SCRATCH, name), { recursive: true, force: true });
}

let pruned = false;
async function copyOfPgliteTemplate(level: TemplateLevel): Promise<string> {
  const template = await pgliteTemplateDir(level);
  if (!pruned) {
    pruned = true;
    pruneDeadCopies();
  }
  const dir = path.join(SCRATCH, `xaso-test-db-${process.pid}-${randomBytes(6).toString('hex')}`);
  fs.cpSync(template, dir, { recursive: true });
  return dir;
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

/**
 * Builds a PostgreSQL template database once under an advisory lock (other builders of the same lock wait for it):
 * `build` fills a new database (created from `from`, or empty), which is then renamed to `name`.
 */
export async function buildPostgresTemplate(
  name: string,
  lock: number,
  build: (url: string) => Promise<void>,
  from?: string,
  afterBuild?: () => Promise<void>,
): Promise<string> {
  let built = false;
  await withAdmin(async (admin) => {
    await admin.query('select pg_advisory_lock($1)', [lock]);
    try {
      const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
      if (rowCount) return;
      const building = `${name}_b${randomBytes(3).toString('hex')}`;
      await admin.query(`CREATE DATABASE ${building}${from ? ` TEMPLATE ${from}` : ''}`);
      try {
        await build(urlOf(building));
      } catch (e) {
        await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`).catch(() => {});
        throw e;
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
      await admin.query(`COMMENT ON DATABASE ${name} IS 'built ${Date.now()}'`);
      built = true;
    } finally {
      await admin.query('select pg_advisory_unlock($1)', [lock]);
    }
  });
  if (built) await afterBuild?.();
  return name;
}

/** The PostgreSQL template database of a level, built once (other files wait for it). */
async function postgresTemplate(level: TemplateLevel): Promise<string> {
  if (level === 'demo' || level === 'meetings') {
    const map = await postgresTemplate('map');
    return buildPostgresTemplate(
      // The meetings template's stored files live in this checkout's cache (meetingsFilesOf), not in PostgreSQL: its
      // name also carries this cache's own id, so a fresh clone (CI) never loads a template built by another
      // checkout on the same server without the files beside it.
      level === 'meetings'
        ? `xaso_tpl_${level}_${seededTemplateKey()}_${cacheInstanceId()}`
        : `xaso_tpl_${level}_${seededTemplateKey()}`,
      level === 'demo' ? 7341018 : 7341020,
      async (url) => {
        const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
        try {
          await database.migrate();
          await seedSmallDemo(database, level === 'meetings');
        } finally {
          await database.close();
        }
      },
      map,
      pruneSeededTemplates,
    );
  }
  return buildPostgresTemplate(`xaso_tpl_${level}_${templateKey()}`, 7341017, async (url) => {
    const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
    try {
      await database.migrate();
      if (level === 'map') await importAdministrativeMap(database.db);
    } finally {
      await database.close();
    }
  });
}

/**
 * A fresh, migrated database for one test file; with `map: true` it already holds the national administrative map
 * (as `importAdministrativeMap` leaves it); with `demo: true` also the small demo (as `seedDemo` at scale small
 * leaves it, without meetings); with `meetings: true` the small demo with its meetings, campaign and feedback (as
 * createTestApp's `demoMeetings` seeds it, the files they store put into createTestApp's file storage).
 */
export async function createTestDatabase(
  kind: EngineKind,
  options: { map?: boolean; demo?: boolean; meetings?: boolean } = {},
): Promise<TestDatabase> {
  const level: TemplateLevel = options.meetings
    ? 'meetings'
    : options.demo
      ? 'demo'
      : options.map
        ? 'map'
        : 'empty';
  if (kind === 'pglite') {
    const dir = await copyOfPgliteTemplate(level);
    let database: Database;
    try {
      database = await openDatabase({ pgliteDir: dir });
    } catch (e) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw e;
    }
    const dispose = async () => {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    };
    try {
      await database.migrate(); // nothing to do: keeps the template honest
      if (level === 'meetings') await restoreMeetingsFiles(database);
    } catch (e) {
      await dispose();
      throw e;
    }
    return { ...database, dispose };
  }
  const template = await postgresTemplate(level);
  const name = `xaso_t_${process.pid}_${randomBytes(6).toString('hex')}`;
  await withAdmin(async (admin) => {
    if (!prunedDatabases) {
      prunedDatabases = true;
      await dropDatabases(await databasesOfDeadProcesses(admin));
    }
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    // A test database holds nothing worth a flush to disk at each commit (PostgreSQL's own crash is not what any
    // test is about: the crash tests kill the server process, whose acknowledged commits PostgreSQL keeps either way).
    await admin.query(`ALTER DATABASE ${name} SET synchronous_commit = off`);
  });
  const database = await openDatabase({ databaseUrl: urlOf(name), poolSize: 4 });
  await database.migrate();
  if (level === 'meetings') await restoreMeetingsFiles(database);
  return {
    ...database,
    async dispose() {
      await database.close();
      await dropLater(name);
    },
  };
}

/**
 * Test databases are dropped a few at a time: PostgreSQL (15) takes an immediate checkpoint for every DROP DATABASE,
 * writing out every dirty page of the server and syncing it (~190 checkpoints in one suite run, 3–4 s each on a busy
 * machine); dropped together, several share one. Those of a worker still waiting when it ends, or of a run that died,
 * are dropped by the next process that creates one (their names carry their process id).
 */
const DROP_BATCH = 8;
const toDrop: string[] = [];
let prunedDatabases = false;

async function dropLater(name: string): Promise<void> {
  toDrop.push(name);
  if (toDrop.length < DROP_BATCH) return;
  await dropDatabases(toDrop.splice(0));
}

/** Drops the databases side by side, each from its own session (their checkpoints are shared). */
async function dropDatabases(names: string[]): Promise<void> {
  await Promise.all(
    names.map((n) =>
      withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`)).catch(() => {}),
    ),
  );
}

async function databasesOfDeadProcesses(admin: pg.Client): Promise<string[]> {
  // Only this file's names: `xaso_t_<pid>_<12 hex>`, or `xaso_t_<12 hex>` (named before names carried a process id).
  const { rows } = await admin.query<{ datname: string }>(
    `select datname from pg_database where datname ~ '^xaso_t_([0-9]+_)?[0-9a-f]{12}$'`,
  );
  return rows.map((r) => r.datname).filter((n) => ofDeadProcess(n, /^xaso_t_([0-9]+)_/, true));
}
