import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Thủ tục hành chính: the stable identity of a procedure. Its content lives in immutable versions; this row
 * points at the version in force and carries the search columns of that version.
 */
export const procedures = pgTable(
  'procedures',
  {
    id: uuid('id').primaryKey(),
    /** The national code ("1.001193") or, without one, a stable slug of the first name ("xac-nhan-…"). */
    code: text('code').notNull().unique(),
    currentVersion: integer('current_version').notNull(),
    status: text('status', { enum: ['active', 'retired'] })
      .notNull()
      .default('active'),
    /** Of the current version: folded name (no diacritics) and domain, for search. */
    name: text('name').notNull(),
    nameFolded: text('name_folded').notNull(),
    domain: text('domain').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('procedures_domain_idx').on(t.domain, t.nameFolded),
    check('procedures_status_check', sql`${t.status} in ('active', 'retired')`),
    check('procedures_version_check', sql`${t.currentVersion} >= 1`),
  ],
);

/** One version of a procedure: never updated; a dossier keeps (procedure_id, version). */
export const procedureVersions = pgTable(
  'procedure_versions',
  {
    procedureId: uuid('procedure_id')
      .notNull()
      .references(() => procedures.id),
    version: integer('version').notNull(),
    /** The shared Zod `Procedure` (common/api/procedures.ts), validated before it is written. */
    data: jsonb('data').notNull(),
    reason: text('reason'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.procedureId, t.version] }),
    check('procedure_versions_version_check', sql`${t.version} >= 1`),
  ],
);
