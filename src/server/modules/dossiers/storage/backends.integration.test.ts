/**
 * The same behaviour from every file storage backend: disk, PostgreSQL (on both engines) and S3 (against s3rver,
 * an S3-protocol server started here on a loopback port with a temporary directory): content addressing, put /
 * get / exists, a tampered object never returned, the stored time refreshed by storing again, and the guarded
 * delete the collector relies on.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../../tests/support/database';
import { startS3Server } from '../../../../../tests/support/s3';
import { loadConfig } from '../../../config';
import { contentKey, DiskFileStorage, type FileStorage, sha256Hex } from '../storage';
import { PostgresFileStorage } from './postgres';
import { openS3Storage } from './s3';

interface Backend {
  storage: FileStorage;
  /** Replaces the stored bytes under the key behind the storage's back. */
  tamper(key: string, bytes: Buffer): Promise<void>;
  close(): Promise<void>;
}

const backends: [string, () => Promise<Backend>][] = [
  [
    'disk',
    async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'xaso-storage-'));
      return {
        storage: new DiskFileStorage(dir),
        tamper: (key, bytes) => fs.writeFile(path.join(dir, 'files', key), bytes),
        close: () => fs.rm(dir, { recursive: true, force: true }),
      };
    },
  ],
  ...(['pglite', 'postgres'] as const).map((engine): [string, () => Promise<Backend>] => [
    `postgres table on ${engine}`,
    async () => {
      const database: TestDatabase = await createTestDatabase(engine);
      return {
        storage: new PostgresFileStorage(database.db),
        tamper: async (key, bytes) => {
          await database.db.execute(sql`update stored_files set bytes = ${bytes} where key = ${key}`);
        },
        close: () => database.dispose(),
      };
    },
  ]),
  [
    's3 (s3rver)',
    async () => {
      const server = await startS3Server();
      const config = loadConfig(server.env);
      if (config.storage.kind !== 's3') throw new Error('not s3');
      const storage = await openS3Storage(config.storage);
      return {
        storage,
        tamper: async (key, bytes) => {
          await storage.client.send(new PutObjectCommand({ Bucket: 'xaso-test', Key: key, Body: bytes }));
        },
        close: async () => {
          storage.client.destroy();
          await server.close();
        },
      };
    },
  ],
];

describe.each(backends)('file storage: %s', (_name, open) => {
  let b: Backend;
  beforeAll(async () => {
    b = await open();
  });
  afterAll(() => b.close());

  it('keeps bytes under the key named by their SHA-256, once, and reads them back', async () => {
    const bytes = Buffer.from(`bản quét giấy khai sinh ${_name}`);
    const hex = sha256Hex(bytes);
    const key = await b.storage.put(bytes);
    expect(key).toBe(`sha256/${hex.slice(0, 2)}/${hex.slice(2, 4)}/${hex}`);
    expect(await b.storage.put(new Uint8Array(bytes))).toBe(key);
    expect(await b.storage.get(key)).toEqual(bytes);
    expect(await b.storage.exists(key)).toBe(true);
    const other = Buffer.from('một bản quét khác');
    expect(await b.storage.get(contentKey(other))).toBeNull();
    expect(await b.storage.exists(contentKey(other))).toBe(false);
  });

  it('never returns a tampered object (the SHA-256 of the bytes read must match the key), and storing again repairs it', async () => {
    const bytes = Buffer.from(`giấy chứng nhận ${_name}`);
    const key = await b.storage.put(bytes);
    await b.tamper(key, Buffer.from('bị sửa'));
    expect(await b.storage.get(key)).toBeNull();
    expect(await b.storage.put(bytes)).toBe(key);
    expect(await b.storage.get(key)).toEqual(bytes);
  });

  it.each(['../../etc/passwd', 'sha256/ab/cd/../../../../etc/passwd', `sha256/aa/bb/${'c'.repeat(64)}`, ''])(
    'finds nothing under the malformed key %j',
    async (key) => {
      expect(await b.storage.get(key)).toBeNull();
      expect(await b.storage.exists(key)).toBe(false);
    },
  );

  it('refreshes the stored time when the same bytes are stored again; a guarded delete spares what was stored since', async () => {
    const bytes = Buffer.from(`tờ khai ${_name}`);
    const key = await b.storage.put(bytes);
    const first = (await b.storage.storedAt(key))!;
    const listed = async (before: Date) => {
      const keys: string[] = [];
      for await (const batch of b.storage.listStoredBefore(before)) keys.push(...batch.map((o) => o.key));
      return keys;
    };
    expect(await listed(new Date(Date.now() + 60_000))).toContain(key);
    expect(await listed(new Date(first.getTime() - 60_000))).not.toContain(key);
    // S3 keeps LastModified to the second.
    await new Promise((r) => setTimeout(r, 1100));
    await b.storage.put(bytes);
    const second = (await b.storage.storedAt(key))!;
    expect(second.getTime()).toBeGreaterThan(first.getTime());
    await b.storage.delete(key, new Date(second.getTime() - 1));
    expect(await b.storage.get(key)).toEqual(bytes);
    await b.storage.delete(key, new Date(Date.now() + 60_000));
    expect(await b.storage.exists(key)).toBe(false);
    expect(await b.storage.get(key)).toBeNull();
  });
});
