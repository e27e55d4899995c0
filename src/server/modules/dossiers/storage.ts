/**
 * Where attachment bytes live, behind a small interface so object storage can replace the disk later. Keys are
 * opaque to callers; the default store is content-addressed (the key names the SHA-256 of the bytes), so the same
 * scan uploaded twice is kept once and a key never points at different bytes.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export interface FileStorage {
  /** Stores the bytes (durably, all or nothing) and returns the key to read them back. */
  put(bytes: Uint8Array): Promise<string>;
  /** The bytes under the key, or null when nothing is stored there. */
  get(key: string): Promise<Buffer | null>;
  exists(key: string): Promise<boolean>;
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const KEY = /^sha256\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

/**
 * Files under `<dataDir>/files/sha256/ab/cd/<hex>`. A file is written to `files/tmp/`, flushed to disk, then
 * renamed into place (atomic on one file system) and the directory flushed, so a crash never leaves a half file
 * under a real key.
 */
export class DiskFileStorage implements FileStorage {
  private readonly root: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'files');
  }

  private pathOf(key: string): string | null {
    const m = KEY.exec(key);
    if (!m || m[3]!.slice(0, 2) !== m[1] || m[3]!.slice(2, 4) !== m[2]) return null;
    return path.join(this.root, 'sha256', m[1]!, m[2]!, m[3]!);
  }

  async put(bytes: Uint8Array): Promise<string> {
    const hex = sha256Hex(bytes);
    const key = `sha256/${hex.slice(0, 2)}/${hex.slice(2, 4)}/${hex}`;
    const target = this.pathOf(key)!;
    if (await this.holds(target, hex)) return key;
    const tmpDir = path.join(this.root, 'tmp');
    await fs.mkdir(tmpDir, { recursive: true });
    await fs.mkdir(path.dirname(target), { recursive: true });
    const tmp = path.join(tmpDir, `${hex}.${randomUUID()}`);
    const handle = await fs.open(tmp, 'wx', 0o640);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.rename(tmp, target);
    } catch (e) {
      await fs.rm(tmp, { force: true });
      throw e;
    }
    await syncDirectory(path.dirname(target));
    return key;
  }

  /** True when the file at `target` is there with the right content (a damaged copy is replaced by put). */
  private async holds(target: string, hex: string): Promise<boolean> {
    const bytes = await fs.readFile(target).catch(() => null);
    return bytes !== null && sha256Hex(bytes) === hex;
  }

  async get(key: string): Promise<Buffer | null> {
    const file = this.pathOf(key);
    if (!file) return null;
    return fs.readFile(file).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
  }

  async exists(key: string): Promise<boolean> {
    const file = this.pathOf(key);
    if (!file) return false;
    return fs.stat(file).then(
      (s) => s.isFile(),
      () => false,
    );
  }
}

/** Flushes a directory entry (the rename) to disk; some platforms cannot open directories, which is fine. */
async function syncDirectory(dir: string) {
  const handle = await fs.open(dir, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}
