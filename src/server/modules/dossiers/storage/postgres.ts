/**
 * Stored files in the database (XASO_STORAGE=postgres; the default with DATABASE_URL): one row of bytes per
 * content address. Every instance on the database reads what another stored, one pg_dump holds the dossiers and
 * their scans together, and an upload written in the transaction of its attachment row leaves nothing when that
 * transaction is refused or rolled back.
 */
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/database';
import { contentKey, digestOf, type FileStorage, matching, type StoredObject } from '../storage';
import { storedFiles } from './schema';

const BATCH = 500;

export class PostgresFileStorage implements FileStorage {
  readonly kind = 'postgres';
  readonly transactional = true;

  /** `legacy`: a read-only fallback for files an earlier version kept on disk (never written to). */
  constructor(
    private readonly db: Db,
    private readonly legacy?: Pick<FileStorage, 'get' | 'exists'>,
  ) {}

  async put(bytes: Uint8Array, tx?: DbOrTx): Promise<string> {
    const key = contentKey(bytes);
    const buffer = Buffer.isBuffer(bytes)
      ? bytes
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // Stored again: the bytes are rewritten (a damaged copy is repaired) and the grace period starts anew.
    await (tx ?? this.db)
      .insert(storedFiles)
      .values({ key, bytes: buffer, sizeBytes: buffer.length, storedAt: new Date() })
      .onConflictDoUpdate({
        target: storedFiles.key,
        set: {
          bytes: sql`excluded.bytes`,
          sizeBytes: sql`excluded.size_bytes`,
          storedAt: sql`excluded.stored_at`,
        },
      });
    return key;
  }

  async get(key: string): Promise<Buffer | null> {
    if (!digestOf(key)) return null;
    const [row] = await this.db
      .select({ bytes: storedFiles.bytes })
      .from(storedFiles)
      .where(eq(storedFiles.key, key));
    if (row) return matching(key, row.bytes);
    return this.legacy ? this.legacy.get(key) : null;
  }

  async exists(key: string): Promise<boolean> {
    if ((await this.storedAt(key)) !== null) return true;
    return this.legacy ? this.legacy.exists(key) : false;
  }

  async storedAt(key: string): Promise<Date | null> {
    if (!digestOf(key)) return null;
    const [row] = await this.db
      .select({ storedAt: storedFiles.storedAt })
      .from(storedFiles)
      .where(eq(storedFiles.key, key));
    return row?.storedAt ?? null;
  }

  async *listStoredBefore(before: Date): AsyncIterable<StoredObject[]> {
    let after = '';
    for (;;) {
      const rows = await this.db
        .select({ key: storedFiles.key, storedAt: storedFiles.storedAt })
        .from(storedFiles)
        .where(and(lt(storedFiles.storedAt, before), gt(storedFiles.key, after)))
        .orderBy(storedFiles.key)
        .limit(BATCH);
      if (rows.length) yield rows;
      if (rows.length < BATCH) return;
      after = rows[rows.length - 1]!.key;
    }
  }

  async delete(key: string, storedBefore?: Date): Promise<void> {
    // One statement: a concurrent upload that stores the same bytes again (its row locked or committed with a new
    // stored_at) makes the condition false, so the file it is about to refer to stays.
    await this.db
      .delete(storedFiles)
      .where(
        and(eq(storedFiles.key, key), storedBefore ? lt(storedFiles.storedAt, storedBefore) : undefined),
      );
  }
}
