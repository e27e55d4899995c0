import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** A commune whose organisation has been set up (kích hoạt): bodies created from the template of its kind. */
export const orgCommunes = pgTable('org_communes', {
  communeCode: text('commune_code').primaryKey(),
  /** 'xa' | 'phuong' | 'dac_khu' at activation: which template was applied. */
  kind: text('kind').notNull(),
  activatedOn: date('activated_on', { mode: 'string' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Cơ quan, tổ chức of a commune (Đảng ủy, HĐND, UBND, phòng, trung tâm, MTTQ …), as a tree. Closed ones stay. */
export const orgBodies = pgTable(
  'org_bodies',
  {
    id: uuid('id').primaryKey(),
    communeCode: text('commune_code').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => orgBodies.id),
    /** The template node it came from (e.g. 'ubnd', 'phong_kinh_te'); null for bodies an administrator added. */
    templateKey: text('template_key'),
    /** party | council | government | specialised | service_center | front | mass_organisation | group */
    category: text('category').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    nameFolded: text('name_folded').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    openedOn: date('opened_on', { mode: 'string' }).notNull(),
    closedOn: date('closed_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('org_bodies_commune_idx').on(t.communeCode),
    uniqueIndex('org_bodies_template_idx').on(t.communeCode, t.templateKey),
    check('org_bodies_dates_check', sql`${t.closedOn} is null or ${t.closedOn} >= ${t.openedOn}`),
  ],
);

/** Cán bộ, công chức of a commune: only the personal data the work needs. */
export const orgOfficials = pgTable(
  'org_officials',
  {
    id: uuid('id').primaryKey(),
    communeCode: text('commune_code').notNull(),
    /** As on the citizen identity card (CCCD). */
    fullName: text('full_name').notNull(),
    nameFolded: text('name_folded').notNull(),
    dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
    gender: text('gender', { enum: ['male', 'female'] }).notNull(),
    phone: text('phone'),
    email: text('email'),
    /** Đơn vị cũ: a former commune (code + its name when recorded) … */
    formerUnitCode: text('former_unit_code'),
    formerUnitName: text('former_unit_name'),
    /** … or the abolished district ("Huyện Kỳ Anh"); never both. */
    formerDistrictName: text('former_district_name'),
    status: text('status', { enum: ['active', 'transferred', 'retired'] })
      .notNull()
      .default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('org_officials_commune_name_idx').on(t.communeCode, t.nameFolded, t.id),
    check('org_officials_status_check', sql`${t.status} in ('active', 'transferred', 'retired')`),
    check('org_officials_gender_check', sql`${t.gender} in ('male', 'female')`),
    check('org_officials_former_check', sql`${t.formerUnitCode} is null or ${t.formerDistrictName} is null`),
  ],
);

/** Chức vụ: a position an official holds in a body, from a date, until a date (several at once). */
export const orgPositions = pgTable(
  'org_positions',
  {
    id: uuid('id').primaryKey(),
    communeCode: text('commune_code').notNull(),
    officialId: uuid('official_id')
      .notNull()
      .references(() => orgOfficials.id),
    bodyId: uuid('body_id')
      .notNull()
      .references(() => orgBodies.id),
    title: text('title').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('org_positions_official_idx').on(t.officialId),
    index('org_positions_commune_body_idx').on(t.communeCode, t.bodyId),
    check('org_positions_dates_check', sql`${t.endDate} is null or ${t.endDate} >= ${t.startDate}`),
  ],
);

/**
 * Thông báo phân công nhiệm vụ: a versioned document. Draft (editable) → issued (number, date, signer; the items
 * are frozen with the names of the day) → superseded when a newer one is issued. At most one issued per commune.
 */
export const orgAnnouncements = pgTable(
  'org_announcements',
  {
    id: uuid('id').primaryKey(),
    communeCode: text('commune_code').notNull(),
    version: integer('version').notNull(),
    status: text('status', { enum: ['draft', 'issued', 'superseded'] }).notNull(),
    title: text('title').notNull(),
    preamble: text('preamble').notNull().default(''),
    /** [{ areaCode, label, inChargeId, deputyId, duties, inChargeName?, deputyName? }] */
    items: jsonb('items').notNull(),
    recipients: jsonb('recipients').notNull(),
    number: text('number'),
    issuedOn: date('issued_on', { mode: 'string' }),
    signerId: uuid('signer_id').references(() => orgOfficials.id),
    signerName: text('signer_name'),
    signerTitle: text('signer_title'),
    supersededById: uuid('superseded_by_id').references((): AnyPgColumn => orgAnnouncements.id),
    supersededOn: date('superseded_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('org_announcements_version_idx').on(t.communeCode, t.version),
    uniqueIndex('org_announcements_current_idx').on(t.communeCode).where(sql`${t.status} = 'issued'`),
    check('org_announcements_status_check', sql`${t.status} in ('draft', 'issued', 'superseded')`),
    check(
      'org_announcements_issued_check',
      sql`${t.status} = 'draft' or (${t.number} is not null and ${t.issuedOn} is not null and ${t.signerId} is not null)`,
    ),
  ],
);
