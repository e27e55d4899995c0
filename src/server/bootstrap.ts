/** Opening the database the configuration names, migrated, with the national map loaded and (in demo mode) the demo data. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { count } from 'drizzle-orm';
import type { AppConfig } from './config';
import { type Database, openDatabase } from './db/database';
import { systemContext } from './db/transaction';
import { demoAccountCount } from './modules/auth/accounts';
import { createFileStorage } from './modules/dossiers/storage';
import { loadCatalogue } from './modules/procedures/service';
import { importAdministrativeMap } from './modules/units/importer';
import { provinces } from './modules/units/schema';
import { ROOT } from './paths';
import { seedDemo } from './seed/demo';

const TEMPLATE_CACHE = path.join(ROOT, 'node_modules', '.cache', 'xaso-start');
/** What the template is built from (the engine, the migrations, the map importer and its data): a change builds a new one. */
const TEMPLATE_SOURCES = [
  'src/server/db',
  'src/server/modules/units',
  'src/server/modules/audit',
  'src/server/modules/procedures',
  'src/common/api/procedures.ts',
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

/**
 * The cached PGlite template of a first start: a data directory just created, migrated and with the national map
 * imported, the same for every new data directory of this version (creating the cluster, migrating and importing
 * the map cost 10–15 s of a first start on a 2-core machine; loading the template about 2 s). Named by a hash of
 * the files that build it; null when they cannot be read (then every first start builds its database itself).
 */
function templatePath(): string | null {
  try {
    const hash = createHash('sha256');
    for (const file of TEMPLATE_SOURCES.flatMap(filesUnder)) {
      if (/\.test\.ts$/.test(file)) continue;
      hash
        .update(file)
        .update('\0')
        .update(fs.readFileSync(path.join(ROOT, file)))
        .update('\0');
    }
    return path.join(TEMPLATE_CACHE, `pglite-map-${hash.digest('hex').slice(0, 16)}.tar`);
  } catch {
    return null;
  }
}

/**
 * The template's files written into the new data directory before PGlite opens it, as PGlite's own loading would
 * leave them (a tar of the data directory, paths from its root). PGlite's loading untars in memory: about 650 MB
 * at its peak for a 62 MB directory, which the process then keeps resident (RSS after start ~630 MB instead of
 * ~400). Here: the 62 MB tar, one file written at a time. Written to a sibling directory and renamed into place, so
 * a start killed half-way leaves no partial database; false (nothing changed) when the directory appeared
 * meanwhile or the tar is not what was expected: the caller falls back to PGlite's loading.
 */
export function extractTemplate(file: string, pgliteDir: string): boolean {
  const partial = `${pgliteDir}.template-${process.pid}`;
  try {
    const stored = fs.readFileSync(file);
    // Written uncompressed (gunzipping ~66 MB cost a few hundred ms of each first start); gzip still read.
    const tar = stored[0] === 0x1f && stored[1] === 0x8b ? zlib.gunzipSync(stored) : stored;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.mkdirSync(partial, { recursive: true });
    const field = (at: number, length: number) => {
      const raw = tar.subarray(at, at + length);
      const end = raw.indexOf(0);
      return raw.subarray(0, end < 0 ? length : end).toString('utf8');
    };
    let at = 0;
    let files = 0;
    let ended = false;
    while (at + 512 <= tar.length) {
      const name = field(at, 100);
      if (!name) {
        ended = true; // the zero blocks that end the archive
        break;
      }
      const size = Number.parseInt(field(at + 124, 12).trim() || '0', 8);
      const type = String.fromCharCode(tar[at + 156] ?? 0);
      const prefix =
        tar.subarray(at + 257, at + 262).toString('latin1') === 'ustar' ? field(at + 345, 155) : '';
      const relative = path.normalize(`${prefix ? `${prefix}/` : ''}${name}`).replace(/^[/\\]+/, '');
      const target = path.join(partial, relative);
      if (!Number.isFinite(size) || relative.startsWith('..') || !target.startsWith(partial)) {
        throw new Error(`unexpected entry ${name}`);
      }
      if (type !== '5' && type !== '0' && type !== '\0') throw new Error(`unexpected entry type ${type}`);
      if (at + 512 + size > tar.length) throw new Error(`${name} cut off`);
      // Not the lock of the process that wrote the template: whoever opens the directory takes its own.
      const writersLock = /^xaso\.(lock|pid)(\/|$)/.test(relative.replace(/\\/g, '/'));
      if (writersLock) {
      } else if (type === '5') fs.mkdirSync(target, { recursive: true });
      else {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, tar.subarray(at + 512, at + 512 + size));
        files += 1;
      }
      at += 512 + Math.ceil(size / 512) * 512;
    }
    // A template cut off anywhere (a full disk, a copy interrupted) is refused whole, not opened with files missing.
    if (!ended) throw new Error('no end of archive');
    if (!files || !fs.existsSync(path.join(partial, 'PG_VERSION'))) throw new Error('no PG_VERSION');
    fs.mkdirSync(path.dirname(pgliteDir), { recursive: true });
    fs.renameSync(partial, pgliteDir); // fails when a non-empty directory is there already
    return true;
  } catch {
    fs.rmSync(partial, { recursive: true, force: true });
    return false;
  }
}

/** Databases opened on a new PGlite directory without a template: the template to write once the map is in. */
const templateToWrite = new WeakMap<Database, string>();

/**
 * `fromTemplate` (the server, which prepares the database next): a new PGlite directory starts from the cached
 * template. The other commands always build it themselves (`xaso units import` on a new directory imports the map).
 */
export async function openConfiguredDatabase(
  config: AppConfig,
  whenLocked: 'refuse' | 'snapshot' = 'refuse',
  options: { fromTemplate?: boolean } = {},
): Promise<Database> {
  if (config.databaseUrl) return openDatabase({ databaseUrl: config.databaseUrl });
  const pgliteDir = path.join(config.dataDir, 'pglite');
  const fresh =
    options.fromTemplate === true &&
    whenLocked === 'refuse' &&
    !fs.existsSync(path.join(pgliteDir, 'PG_VERSION'));
  const template = fresh ? templatePath() : null;
  if (template && fs.existsSync(template)) {
    if (extractTemplate(template, pgliteDir)) return openDatabase({ pgliteDir, whenLocked });
    const loadDataDir = fs.readFileSync(template);
    return openDatabase({ pgliteDir, whenLocked, loadDataDir });
  }
  const database = await openDatabase({ pgliteDir, whenLocked });
  if (template) templateToWrite.set(database, template);
  return database;
}

/** Writes the template of a first start (best effort: a read-only cache only means the next first start is slower). */
export async function writeTemplate(database: Database, file: string): Promise<void> {
  if (!database.dumpDataDir) return;
  try {
    const dump = await database.dumpDataDir('none');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    fs.writeFileSync(partial, dump);
    fs.renameSync(partial, file);
    // The templates of earlier sources are never read again (~66 MB each).
    for (const name of fs.readdirSync(path.dirname(file))) {
      if (/^pglite-map-[0-9a-f]{16}\.tar(\.gz)?$/.test(name) && name !== path.basename(file))
        fs.rmSync(path.join(path.dirname(file), name), { force: true });
    }
  } catch {
    // not cached: the next new data directory is created from scratch again
  }
}

function logCatalogue(catalogue: { created: number; corrected: number }, log: (msg: string) => void) {
  if (catalogue.created > 0) log(`Danh mục thủ tục: ${catalogue.created} thủ tục mới.`);
  if (catalogue.corrected > 0)
    log(`Danh mục thủ tục: ${catalogue.corrected} thủ tục cập nhật theo quy định hiện hành (phiên bản mới).`);
}

export async function prepareDatabase(
  database: Database,
  config: AppConfig,
  log: (msg: string) => void,
): Promise<void> {
  await database.migrate();
  const [{ n } = { n: 0 }] = await database.db.select({ n: count() }).from(provinces);
  if (Number(n) === 0) {
    log('Nạp bản đồ hành chính (loading the administrative map)…');
    const report = await importAdministrativeMap(database.db, log);
    log(
      `Đã nạp: ${report.provinces.total} tỉnh, ${report.communes.total} xã, ${report.formerUnits.total} đơn vị cũ.`,
    );
    const template = templateToWrite.get(database);
    // The shipped procedure catalogue is national reference data too: in the template (0.2-0.4 s of a first start
    // on a 2-core machine). Loading it again below then finds nothing missing; a catalogue changed by a later
    // version is brought up to date there, as in any database made before it.
    if (template) {
      logCatalogue(await loadCatalogue(database.db), log);
      await writeTemplate(database, template);
    }
  }
  logCatalogue(await loadCatalogue(database.db), log);
  if (config.mode === 'demo') {
    const seeded = await seedDemo(systemContext(database.db, 'xaso seed --demo'), log, {
      scale: config.demoScale,
      meetings: { config, storage: await createFileStorage(config, database.db) },
    });
    if (seeded.created > 0) log(`Dữ liệu mẫu: ${seeded.created} bản ghi mới.`);
  } else if ((await demoAccountCount(database.db)) > 0) {
    throw new Error(
      'Chế độ production không chạy khi còn tài khoản mẫu dùng mật khẩu công khai (Demo@2025). ' +
        'Production refuses to start while demo accounts with the published password can log in: disable them first.',
    );
  }
}
