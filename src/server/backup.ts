/**
 * `xaso backup` and `xaso restore`: the database and the stored files, for either engine.
 *
 * A backup is a directory: `manifest.json` (engine, version, when), the database — `database.dump` (pg_dump's
 * custom format) for PostgreSQL, `database.tar.gz` (PGlite's own consistent dump of its data directory) for the
 * embedded engine — and `files/` (the stored scans and results, content-addressed, copied after the database so
 * that every file the dump refers to is there). Where the files come from depends on the storage
 * (XASO_STORAGE): the disk storage's directory; nothing more for the PostgreSQL storage, whose table is in the
 * dump (files an earlier version left on disk are copied too); the S3 storage's objects, downloaded and checked
 * against their SHA-256. A restore puts files/ back into the target's storage, whatever it is (so a backup also
 * moves a deployment from one storage to another).
 *
 * The embedded directory belongs to one process (db/directory-lock.ts). While a server runs on it, `xaso backup`
 * leaves a request in `<data dir>/backup-requests/`; the server (watchBackupRequests) takes the dump itself —
 * consistent, between two queries — and answers beside the request. Without a server, the command opens the
 * directory and dumps it. A restore goes into an empty place only: an empty data directory, or an empty database.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { AppConfig } from './config';
import { type Database, openDatabase } from './db/database';
import { isDirectoryLocked } from './db/directory-lock';
import { digestOf, type FileStorage, matching } from './modules/dossiers/storage';
import type { S3FileStorage } from './modules/dossiers/storage/s3';
import { APP_VERSION } from './version';

export interface BackupManifest {
  format: 'xaso-backup/1';
  engine: 'pglite' | 'postgres';
  appVersion: string;
  createdAt: string;
  files: number;
  /** The storage backed up (absent in backups made before storages other than disk existed: disk). */
  storage?: AppConfig['storage']['kind'];
}

const pgliteDirOf = (config: AppConfig) => path.join(config.dataDir, 'pglite');
const filesDirOf = (dataDir: string) => path.join(dataDir, 'files');
const requestsDirOf = (config: AppConfig) => path.join(config.dataDir, 'backup-requests');

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', (err) => reject(new Error(`${command}: ${err.message}`)));
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${code}: ${stderr.trim().slice(0, 2000)}`)),
    );
  });
}

/** Downloads every object of the S3 storage into `<to>/sha256/…`, each checked against its key; returns the count. */
async function downloadObjects(storage: S3FileStorage, to: string): Promise<number> {
  let n = 0;
  for await (const keys of storage.keys()) {
    for (const key of keys) {
      const bytes = await storage.get(key);
      if (!bytes) throw new Error(`${key}: đối tượng hỏng hoặc mất (damaged or missing object)`);
      const file = path.join(to, key);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, bytes);
      n += 1;
    }
  }
  return n;
}

/** Stores every file of a backup's files/ into a storage (content-addressed: the keys are the file names). */
async function uploadFiles(from: string, storage: FileStorage): Promise<number> {
  const root = path.join(from, 'sha256');
  if (!fs.existsSync(root)) return 0;
  let n = 0;
  for (const rel of fs.readdirSync(root, { recursive: true }) as string[]) {
    const key = `sha256/${rel.split(path.sep).join('/')}`;
    if (!digestOf(key)) continue;
    const bytes = matching(key, fs.readFileSync(path.join(root, rel)));
    if (!bytes) throw new Error(`${key}: tệp trong bản sao lưu bị hỏng (damaged file in the backup)`);
    await storage.put(bytes);
    n += 1;
  }
  return n;
}

/** Copies the content-addressed files (never changed once written, so a live copy is safe); returns the count. */
function copyFiles(from: string, to: string): number {
  const source = path.join(from, 'sha256');
  if (!fs.existsSync(source)) return 0;
  fs.cpSync(source, path.join(to, 'sha256'), { recursive: true, force: false, errorOnExist: false });
  let n = 0;
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }))
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else n += 1;
  };
  walk(path.join(to, 'sha256'));
  return n;
}

function assertEmptyOutput(out: string) {
  if (fs.existsSync(out) && fs.readdirSync(out).length)
    throw new Error(
      `${out} không trống (is not empty): chọn một thư mục mới cho bản sao lưu (choose a new directory).`,
    );
  fs.mkdirSync(out, { recursive: true });
}

/** Asks the server holding the embedded directory for a dump; resolves when it is written. */
async function dumpThroughServer(config: AppConfig, target: string, timeoutMs = 120_000): Promise<void> {
  const dir = requestsDirOf(config);
  fs.mkdirSync(dir, { recursive: true });
  const id = randomUUID();
  fs.writeFileSync(path.join(dir, `${id}.request.tmp`), JSON.stringify({ target }));
  fs.renameSync(path.join(dir, `${id}.request.tmp`), path.join(dir, `${id}.request`));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (fs.existsSync(path.join(dir, `${id}.done`))) {
      fs.rmSync(path.join(dir, `${id}.done`), { force: true });
      return;
    }
    const failed = path.join(dir, `${id}.error`);
    if (fs.existsSync(failed)) {
      const message = fs.readFileSync(failed, 'utf8');
      fs.rmSync(failed, { force: true });
      throw new Error(`Máy chủ không sao lưu được (the server could not back up): ${message}`);
    }
    if (Date.now() > deadline) {
      fs.rmSync(path.join(dir, `${id}.request`), { force: true });
      throw new Error(
        'Máy chủ không trả lời yêu cầu sao lưu (the running server did not answer the backup request).',
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The running server's side: answers backup requests left in the data directory (PGlite only). */
export function watchBackupRequests(
  config: AppConfig,
  database: Database,
  log: (err: unknown) => void,
): () => void {
  const dump = database.dumpDataDir;
  if (!dump) return () => {};
  const dir = requestsDirOf(config);
  let busy = false;
  const timer = setInterval(() => {
    if (busy || !fs.existsSync(dir)) return;
    const requests = fs.readdirSync(dir).filter((f) => f.endsWith('.request'));
    if (!requests.length) return;
    busy = true;
    void (async () => {
      for (const file of requests) {
        const id = file.slice(0, -'.request'.length);
        try {
          const { target } = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { target: string };
          const bytes = await dump();
          fs.writeFileSync(`${target}.tmp`, bytes);
          fs.renameSync(`${target}.tmp`, target);
          fs.writeFileSync(path.join(dir, `${id}.done`), '');
        } catch (err) {
          log(err);
          fs.writeFileSync(path.join(dir, `${id}.error`), err instanceof Error ? err.message : String(err));
        } finally {
          fs.rmSync(path.join(dir, file), { force: true });
        }
      }
    })().finally(() => {
      busy = false;
    });
  }, 500);
  timer.unref();
  return () => clearInterval(timer);
}

export async function backup(
  config: AppConfig,
  out: string,
  say: (msg: string) => void,
): Promise<BackupManifest> {
  const target = path.resolve(out);
  assertEmptyOutput(target);
  let engine: BackupManifest['engine'];
  if (config.databaseUrl) {
    engine = 'postgres';
    await run('pg_dump', [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      `--file=${path.join(target, 'database.dump')}`,
      config.databaseUrl,
    ]);
  } else {
    engine = 'pglite';
    const file = path.join(target, 'database.tar.gz');
    if (isDirectoryLocked(pgliteDirOf(config))) {
      say('Máy chủ đang chạy: nhờ máy chủ tự sao (a server holds the directory: it takes the dump).');
      await dumpThroughServer(config, file);
    } else {
      const database = await openDatabase({ pgliteDir: pgliteDirOf(config) });
      try {
        fs.writeFileSync(file, await database.dumpDataDir!());
      } finally {
        await database.close();
      }
    }
  }
  let files = copyFiles(filesDirOf(config.dataDir), path.join(target, 'files'));
  if (config.storage.kind === 's3') {
    const { openS3Storage } = await import('./modules/dossiers/storage/s3');
    const storage = await openS3Storage(config.storage);
    try {
      files += await downloadObjects(storage, path.join(target, 'files'));
    } finally {
      storage.client.destroy();
    }
  }
  const manifest: BackupManifest = {
    format: 'xaso-backup/1',
    engine,
    appVersion: APP_VERSION,
    createdAt: new Date().toISOString(),
    files,
    storage: config.storage.kind,
  };
  fs.writeFileSync(path.join(target, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

async function assertEmptyDatabase(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      "select count(*)::int as n from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')",
    );
    if (rows[0].n > 0)
      throw new Error(
        'Cơ sở dữ liệu đích không trống (the target database is not empty): khôi phục vào một cơ sở dữ liệu mới.',
      );
  } finally {
    await client.end();
  }
}

export async function restore(config: AppConfig, from: string): Promise<BackupManifest> {
  const source = path.resolve(from);
  const manifestPath = path.join(source, 'manifest.json');
  if (!fs.existsSync(manifestPath))
    throw new Error(`${source} không phải bản sao lưu XãSố (no manifest.json).`);
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as BackupManifest;
  if (manifest.format !== 'xaso-backup/1')
    throw new Error(`Định dạng sao lưu lạ (unknown backup format): ${manifest.format}`);
  const wanted = config.databaseUrl ? 'postgres' : 'pglite';
  if (manifest.engine !== wanted)
    throw new Error(
      `Bản sao lưu của ${manifest.engine}, đích là ${wanted} (the backup is of ${manifest.engine}, the target ${wanted}).`,
    );
  const filesTarget = filesDirOf(config.dataDir);
  if (
    fs.existsSync(path.join(filesTarget, 'sha256')) &&
    fs.readdirSync(path.join(filesTarget, 'sha256')).length
  )
    throw new Error(`${filesTarget} đã có tệp (already holds files): khôi phục vào một thư mục dữ liệu mới.`);
  if (config.databaseUrl) {
    await assertEmptyDatabase(config.databaseUrl);
    await run('pg_restore', [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      `--dbname=${config.databaseUrl}`,
      path.join(source, 'database.dump'),
    ]);
  } else {
    const dir = pgliteDirOf(config);
    if (fs.existsSync(dir) && fs.readdirSync(dir).length)
      throw new Error(`${dir} không trống (is not empty): khôi phục vào một thư mục dữ liệu mới.`);
    const database = await openDatabase({
      pgliteDir: dir,
      loadDataDir: fs.readFileSync(path.join(source, 'database.tar.gz')),
    });
    await database.close();
  }
  await restoreFiles(config, path.join(source, 'files'));
  return manifest;
}

/** Puts the backup's files into the target's storage (the disk storage: a plain copy). */
async function restoreFiles(config: AppConfig, from: string) {
  const kind = config.storage.kind;
  if (kind === 'disk') {
    copyFiles(from, filesDirOf(config.dataDir));
  } else if (kind === 's3') {
    const { openS3Storage } = await import('./modules/dossiers/storage/s3');
    const storage = await openS3Storage(config.storage);
    try {
      await uploadFiles(from, storage);
    } finally {
      storage.client.destroy();
    }
  } else {
    // The PostgreSQL storage: files of a disk or S3 backup go into the table (a PostgreSQL backup's are in the dump).
    if (!fs.existsSync(path.join(from, 'sha256'))) return;
    const database = await openDatabase(
      config.databaseUrl ? { databaseUrl: config.databaseUrl } : { pgliteDir: pgliteDirOf(config) },
    );
    const { PostgresFileStorage } = await import('./modules/dossiers/storage/postgres');
    try {
      await uploadFiles(from, new PostgresFileStorage(database.db));
    } finally {
      await database.close();
    }
  }
}
