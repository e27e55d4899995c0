import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiskFileStorage, sha256Hex } from './storage';

describe('DiskFileStorage', () => {
  let dir: string;
  let storage: DiskFileStorage;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'xaso-storage-'));
    storage = new DiskFileStorage(dir);
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('keeps bytes under a key named by their SHA-256, once, with no temporary file left', async () => {
    const bytes = Buffer.from('bản quét giấy khai sinh');
    const hex = sha256Hex(bytes);
    const key = await storage.put(bytes);
    expect(key).toBe(`sha256/${hex.slice(0, 2)}/${hex.slice(2, 4)}/${hex}`);
    expect(await storage.put(Buffer.from(bytes))).toBe(key);
    expect(await storage.get(key)).toEqual(bytes);
    expect(await storage.exists(key)).toBe(true);
    expect(await fs.readFile(path.join(dir, 'files', key))).toEqual(bytes);
    expect(await fs.readdir(path.join(dir, 'files', 'tmp'))).toEqual([]);
  });

  it('repairs a damaged copy when the same content is stored again', async () => {
    const bytes = Buffer.from('phiếu đề nghị');
    const key = await storage.put(bytes);
    await fs.writeFile(path.join(dir, 'files', key), 'hỏng');
    expect(await storage.put(bytes)).toBe(key);
    expect(await storage.get(key)).toEqual(bytes);
  });

  it.each([
    `sha256/00/00/${'0'.repeat(64)}`,
    '../../etc/passwd',
    'sha256/ab/cd/../../../../etc/passwd',
    `sha256/aa/bb/${'c'.repeat(64)}`,
    '',
  ])('finds nothing under %j (unknown or malformed keys never reach the file system)', async (key) => {
    expect(await storage.get(key)).toBeNull();
    expect(await storage.exists(key)).toBe(false);
  });
});
