import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Số văn bản (Decree 30/2020 art. 15): one series per commune, issuing body, document type and year, starting at
 * 01 every 1 January. `last` is the last number given; the next is taken with an UPDATE … RETURNING in the
 * writer's transaction, so two writers never get the same number and a rolled-back document leaves no gap.
 */
export const documentNumberSeries = pgTable(
  'document_number_series',
  {
    communeCode: text('commune_code').notNull(),
    /** The issuer's abbreviation in the symbol: 'HĐND', 'UBND', 'ĐU' … */
    issuer: text('issuer').notNull(),
    /** The type's abbreviation: 'NQ', 'QĐ', 'TB', 'KL', 'BB' … */
    docType: text('doc_type').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.communeCode, t.issuer, t.docType, t.year] })],
);
