/**
 * A backup carries the stored files whatever the storage: with the S3 storage (s3rver on loopback) `xaso backup`
 * downloads the objects into files/, checked against their SHA-256, and `xaso restore` puts them into the target's
 * storage — another bucket, or the PostgreSQL table (moving a deployment from one storage to another).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backup, restore } from '../src/server/backup';
import { loadConfig } from '../src/server/config';
import { openDatabase } from '../src/server/db/database';
import { PostgresFileStorage } from '../src/server/modules/dossiers/storage/postgres';
import { openS3Storage } from '../src/server/modules/dossiers/storage/s3';
import { startS3Server } from './support/s3';

const SCANS = [Buffer.from('%PDF-1.4 giấy khai sinh'), Buffer.from('%PDF-1.4 tờ khai')];

describe('backup and restore of the S3 storage (embedded engine)', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c().catch(() => {});
  });
  const tempDir = (name: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), name));
    cleanup.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    return dir;
  };
  const s3 = async (bucket: string) => {
    const server = await startS3Server(bucket);
    cleanup.push(() => server.close());
    return server;
  };
  const s3Storage = async (config: ReturnType<typeof loadConfig>) => {
    if (config.storage.kind !== 's3') throw new Error('not s3');
    const storage = await openS3Storage(config.storage);
    cleanup.push(async () => storage.client.destroy());
    return storage;
  };

  it('copies the objects into the backup and puts them back into another bucket or the PostgreSQL table', async () => {
    const source = await s3('xaso-source');
    const dataDir = tempDir('xaso-bk-src-');
    const config = loadConfig({ XASO_DATA_DIR: dataDir, ...source.env });
    const database = await openDatabase({ pgliteDir: path.join(dataDir, 'pglite') });
    await database.migrate();
    await database.close();
    const keys = [];
    for (const scan of SCANS) keys.push(await (await s3Storage(config)).put(scan));

    const out = path.join(tempDir('xaso-bk-out-'), 'backup');
    const manifest = await backup(config, out, () => {});
    expect(manifest).toMatchObject({ engine: 'pglite', storage: 's3', files: 2 });
    for (const [i, key] of keys.entries())
      expect(fs.readFileSync(path.join(out, 'files', key))).toEqual(SCANS[i]);

    // Into another bucket: the objects are there, nothing on the new data directory's disk.
    const target = await s3('xaso-target');
    const dataDir2 = tempDir('xaso-bk-dst-');
    const config2 = loadConfig({ XASO_DATA_DIR: dataDir2, ...target.env });
    await restore(config2, out);
    for (const [i, key] of keys.entries())
      expect(await (await s3Storage(config2)).get(key)).toEqual(SCANS[i]);
    expect(fs.existsSync(path.join(dataDir2, 'files'))).toBe(false);

    // Into the PostgreSQL storage of a new embedded directory: the files land in the table.
    const dataDir3 = tempDir('xaso-bk-pg-');
    await restore(loadConfig({ XASO_DATA_DIR: dataDir3, XASO_STORAGE: 'postgres' }), out);
    const restored = await openDatabase({ pgliteDir: path.join(dataDir3, 'pglite') });
    try {
      const storage = new PostgresFileStorage(restored.db);
      for (const [i, key] of keys.entries()) expect(await storage.get(key)).toEqual(SCANS[i]);
    } finally {
      await restored.close();
    }
  });
});
