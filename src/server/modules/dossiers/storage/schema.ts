/**
 * The PostgreSQL file storage (XASO_STORAGE=postgres, the default with DATABASE_URL): the bytes of each stored
 * file in a row keyed by its content address, so one pg_dump holds the dossiers and their scans together.
 */
import { customType, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  // node-postgres gives a Buffer, PGlite a Uint8Array: callers always get a Buffer (no copy).
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength)),
});

export const storedFiles = pgTable('stored_files', {
  /** The content address: sha256/ab/cd/<hex> (the same keys as the disk and S3 storages). */
  key: text('key').primaryKey(),
  bytes: bytea('bytes').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  /** When stored, refreshed when the same content is stored again (the collector's grace period counts from it). */
  storedAt: timestamp('stored_at', { withTimezone: true }).notNull().defaultNow(),
});
