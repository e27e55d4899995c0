/**
 * Where attachment bytes live, behind one small interface with three backends: a directory on disk (the embedded
 * default), a PostgreSQL table (the default with DATABASE_URL: one pg_dump holds everything, and every instance
 * reads what another stored) and S3-compatible object storage. Every backend is content-addressed: the key
 * `sha256/ab/cd/<hex>` names the SHA-256 of the bytes, so the same scan uploaded twice is kept once, a key never
 * points at different bytes, keys move unchanged between backends, and a read can always be checked (every
 * backend's get returns null for bytes that do not match their key; attachments.ts checks again against the row).
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AppConfig } from '../../config';
import type { Db, DbOrTx } from '../../db/database';

/** A stored object as the collector of unreferenced files sees it. */
export interface StoredObject {
  key: string;
  /** When it was stored, or stored again (put refreshes it). */
  storedAt: Date;
}

export interface FileStorage {
  readonly kind: 'disk' | 'postgres' | 's3';
  /**
   * True when put writes through the transaction it is given (PostgreSQL): a rolled-back upload then leaves
   * nothing. Other backends write at once; what a refused transaction leaves is collected later.
   */
  readonly transactional: boolean;
  /** Stores the bytes (durably, all or nothing), refreshes their stored time, and returns the key to read them. */
  put(bytes: Uint8Array, tx?: DbOrTx): Promise<string>;
  /** The bytes under the key, or null when nothing (or nothing matching the key's SHA-256) is stored there. */
  get(key: string): Promise<Buffer | null>;
  exists(key: string): Promise<boolean>;
  /** When the object under the key was stored (null: none), re-read by the collector just before deleting. */
  storedAt(key: string): Promise<Date | null>;
  /** Every object stored before `before`, in batches. */
  listStoredBefore(before: Date): AsyncIterable<StoredObject[]>;
  /**
   * Deletes the object; with `storedBefore`, only if it was not stored (again) since — atomically where the backend
   * can (PostgreSQL), else re-checked just before.
   */
  delete(key: string, storedBefore?: Date): Promise<void>;
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export const KEY = /^sha256\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

/** The content address of bytes whose SHA-256 is `hex`. */
export const keyOfDigest = (hex: string) => `sha256/${hex.slice(0, 2)}/${hex.slice(2, 4)}/${hex}`;

/** The content address of the bytes. */
export const contentKey = (bytes: Uint8Array): string => keyOfDigest(sha256Hex(bytes));

/** The hex digest a well-formed key names, or null. */
export function digestOf(key: string): string | null {
  const m = KEY.exec(key);
  if (!m || m[3]!.slice(0, 2) !== m[1] || m[3]!.slice(2, 4) !== m[2]) return null;
  return m[3]!;
}

/** The bytes when they are what the key names, else null (a tampered or damaged object is never returned). */
export function matching(key: string, bytes: Buffer | null): Buffer | null {
  return bytes !== null && sha256Hex(bytes) === digestOf(key) ? bytes : null;
}

/**
 * Files under `<dataDir>/files/sha256/ab/cd/<hex>`. A file is written to `files/tmp/`, flushed to disk, then
 * renamed into place (atomic on one file system) and the directory flushed, so a crash never leaves a half file
 * under a real key.
 */
export class DiskFileStorage implements FileStorage {
  readonly kind = 'disk';
  readonly transactional = false;
  private readonly root: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'files');
  }

  private pathOf(key: string): string | null {
    const hex = digestOf(key);
    if (hex) return path.join(this.root, 'sha256', hex.slice(0, 2), hex.slice(2, 4), hex);
    // Temporary files left by a crash mid-write are listed (and collected) under tmp/<name>.
    const tmp = /^tmp\/([0-9a-f]{64}\.[0-9a-f-]{36})$/.exec(key);
    return tmp ? path.join(this.root, 'tmp', tmp[1]!) : null;
  }

  async put(bytes: Uint8Array): Promise<string> {
    const key = contentKey(bytes);
    const hex = digestOf(key)!;
    const target = this.pathOf(key)!;
    if (await this.holds(target, hex)) {
      // Stored again: the collector's grace period starts anew.
      const now = new Date();
      await fs.utimes(target, now, now);
      return key;
    }
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
    const file = digestOf(key) && this.pathOf(key);
    if (!file) return null;
    const bytes = await fs.readFile(file).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    return matching(key, bytes);
  }

  async exists(key: string): Promise<boolean> {
    return (await this.storedAt(key)) !== null;
  }

  async storedAt(key: string): Promise<Date | null> {
    const file = this.pathOf(key);
    if (!file) return null;
    return fs.stat(file).then(
      (s) => (s.isFile() ? s.mtime : null),
      () => null,
    );
  }

  async *listStoredBefore(before: Date): AsyncIterable<StoredObject[]> {
    const walk = async function* (dir: string, prefix: string): AsyncIterable<StoredObject[]> {
      const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
      const batch: StoredObject[] = [];
      for (const e of entries) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) yield* walk(full, `${prefix}${e.name}/`);
        else {
          const stat = await fs.stat(full).catch(() => null);
          if (stat && stat.mtime < before) batch.push({ key: `${prefix}${e.name}`, storedAt: stat.mtime });
        }
      }
      if (batch.length) yield batch;
    };
    yield* walk(path.join(this.root, 'sha256'), 'sha256/');
    yield* walk(path.join(this.root, 'tmp'), 'tmp/');
  }

  async delete(key: string, storedBefore?: Date): Promise<void> {
    const file = this.pathOf(key);
    if (!file) return;
    if (storedBefore) {
      const at = await this.storedAt(key);
      if (!at || at >= storedBefore) return;
    }
    await fs.rm(file, { force: true });
  }
}

/**
 * The storage the configuration names (XASO_STORAGE; default postgres with DATABASE_URL, disk otherwise).
 * With PostgreSQL, files an earlier version kept on disk stay readable: reads fall back to the data directory.
 */
export async function createFileStorage(config: AppConfig, db: Db): Promise<FileStorage> {
  const s = config.storage;
  if (s.kind === 'disk') return new DiskFileStorage(config.dataDir);
  if (s.kind === 'postgres') {
    const { PostgresFileStorage } = await import('./storage/postgres');
    return new PostgresFileStorage(db, new DiskFileStorage(config.dataDir));
  }
  const { openS3Storage } = await import('./storage/s3');
  return openS3Storage(s);
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
