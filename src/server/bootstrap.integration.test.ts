import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES } from '../../tests/support/database';
import { extractTemplate, openConfiguredDatabase, prepareDatabase, writeTemplate } from './bootstrap';
import { loadConfig } from './config';
import { openDatabase } from './db/database';
import { loadCatalogue as shippedCatalogue } from './modules/procedures/data/catalogue';

describe.each(ENGINES)('start-up on %s', (engine) => {
  it('refuses a production start while demo accounts with the published password exist, and accepts it once they are gone', async () => {
    // A database the small demo was seeded into (the suite's demo template: the accounts seedDemo makes, as a demo
    // start leaves them), not seeded again here (the map import and the seeding were ~20 s of this test on PGlite).
    const database = await createTestDatabase(engine, { demo: true });
    try {
      const log = () => {};
      await expect(prepareDatabase(database, loadConfig({ XASO_MODE: 'production' }), log)).rejects.toThrow(
        /Demo@2025/,
      );
      await database.db.execute(sql`update accounts set status = 'disabled' where is_demo`);
      await expect(
        prepareDatabase(database, loadConfig({ XASO_MODE: 'production' }), log),
      ).resolves.toBeUndefined();
    } finally {
      await database.dispose();
    }
  }, 180_000);
});

/** Every file under a directory: its path from there and a hash of its bytes. */
function filesOf(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, full)] = createHash('sha256').update(fs.readFileSync(full)).digest('hex');
  }
  return files;
}

describe('the start template of a new embedded data directory', () => {
  it('is written as a plain tar (earlier sources’ templates removed) and gives a new directory the same database', async () => {
    const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-template-'));
    const source = await createTestDatabase('pglite', { map: true });
    try {
      const stale = path.join(cache, 'pglite-map-00000000000000aa.tar.gz');
      fs.writeFileSync(stale, 'the template of earlier sources');
      const file = path.join(cache, 'pglite-map-00000000000000bb.tar');
      // Megabytes of WAL since the last checkpoint, as the map import leaves.
      await source.db.execute(sql`create table wal_probe as select generate_series(1, 100000) as n`);
      await writeTemplate(source, file);
      // Written after a checkpoint: a directory made from it has nothing to replay when it opens.
      const { rows: wal } = (await source.db.execute(
        sql`select pg_wal_lsn_diff(pg_current_wal_insert_lsn(), redo_lsn)::int as bytes from pg_control_checkpoint()`,
      )) as unknown as { rows: { bytes: number }[] };
      expect(wal[0]!.bytes).toBeLessThan(256 * 1024); // without the checkpoint: ~7 MB
      expect(fs.existsSync(stale)).toBe(false);
      const tar = fs.readFileSync(file);
      expect(tar.subarray(257, 262).toString('latin1')).toBe('ustar');

      const provinces = async (pgliteDir: string) => {
        const copy = await openDatabase({ pgliteDir });
        try {
          const { rows } = (await copy.db.execute(
            sql`select count(*)::int as n from provinces`,
          )) as unknown as {
            rows: { n: number }[];
          };
          return rows[0]!.n;
        } finally {
          await copy.close();
        }
      };
      const fresh = path.join(cache, 'data', 'pglite');
      expect(extractTemplate(file, fresh)).toBe(true);
      const extracted = filesOf(fresh); // before opening it changes them
      expect(await provinces(fresh)).toBe(34);
      // A gzipped template (as earlier versions wrote) is read too: the very files of the plain one (which opened
      // above with its 34 provinces), byte for byte, rather than a third database opened.
      const gzipped = path.join(cache, 'pglite-map-00000000000000cc.tar.gz');
      fs.writeFileSync(gzipped, zlib.gzipSync(tar));
      const fromGzip = path.join(cache, 'data2', 'pglite');
      expect(extractTemplate(gzipped, fromGzip)).toBe(true);
      expect(filesOf(fromGzip)).toEqual(extracted);
      // A damaged one (cut off in its first entry, in the middle of one, or on a block boundary after PG_VERSION)
      // leaves nothing behind: the caller then builds the database itself.
      const damaged = path.join(cache, 'pglite-map-00000000000000dd.tar');
      const none = path.join(cache, 'data3', 'pglite');
      for (const cut of [700, Math.floor(tar.length / 2) + 100, Math.floor(tar.length / 2 / 512) * 512]) {
        fs.writeFileSync(damaged, tar.subarray(0, cut));
        expect(extractTemplate(damaged, none), `cut at ${cut}`).toBe(false);
        expect(fs.existsSync(none)).toBe(false);
      }
    } finally {
      await source.dispose();
      fs.rmSync(cache, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('a first start of the embedded engine', () => {
  it('gets the map and the procedure catalogue from the start template, loaded once', async () => {
    const dirs = [1, 2].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-first-start-')));
    try {
      const start = async (dataDir: string) => {
        const config = loadConfig({ XASO_MODE: 'production', XASO_DATA_DIR: dataDir });
        const database = await openConfiguredDatabase(config, 'refuse', { fromTemplate: true });
        const said: string[] = [];
        try {
          await prepareDatabase(database, config, (m) => said.push(m));
          const { rows } = (await database.db.execute(
            sql`select (select count(*)::int from provinces) as provinces,
                       (select count(*)::int from procedures) as procedures,
                       (select count(*)::int from audit_entries where action = 'procedure.catalogue.load') as loads`,
          )) as unknown as { rows: { provinces: number; procedures: number; loads: number }[] };
          return { ...rows[0]!, said };
        } finally {
          await database.close();
        }
      };
      // The first may build the template (the first start of these sources); the second surely starts from it.
      await start(dirs[0]!);
      const second = await start(dirs[1]!);
      expect(second.provinces).toBe(34);
      expect(second.procedures).toBe(shippedCatalogue().length);
      expect(second.loads).toBe(1); // loaded into the template, not again at the start
      expect(second.said.filter((m) => m.includes('thủ tục mới'))).toEqual([]);
    } finally {
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
