/** Every module's tables, for Drizzle's typed client and drizzle-kit's migration generator. */
export * from '../modules/audit/schema';
export * from '../modules/auth/schema';
export * from '../modules/calendar/schema';
export * from '../modules/campaign/schema';
export * from '../modules/dossiers/schema';
export * from '../modules/dossiers/storage/schema';
export * from '../modules/feedback/schema';
export * from '../modules/meetings/schema';
export * from '../modules/notifications/schema';
export * from '../modules/numbering/schema';
export * from '../modules/org/schema';
export * from '../modules/procedures/schema';
export * from '../modules/tickets/schema';
export * from '../modules/units/schema';

import { bigint, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Revision counters for data that instances cache in memory (the administrative map for the resolver, the
 * holiday calendar): a write bumps the counter in its transaction; readers rebuild when it moved.
 */
export const dataRevisions = pgTable('data_revisions', {
  name: text('name').primaryKey(),
  revision: bigint('revision', { mode: 'number' }).notNull(),
});
