import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

/** Nhóm dịch vụ của hàng chờ (A: Hộ tịch, B: Chứng thực …): a letter that prefixes its ticket numbers. */
export const ticketServiceGroups = pgTable(
  'ticket_service_groups',
  {
    id: uuid('id').primaryKey(),
    communeCode: text('commune_code').notNull(),
    letter: text('letter').notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('ticket_service_groups_letter_uq').on(t.communeCode, t.letter),
    check('ticket_service_groups_letter_ck', sql`${t.letter} ~ '^[A-Z]$'`),
  ],
);

/** Quầy: a numbered counter of the one-stop centre, serving some service groups. */
export const ticketCounters = pgTable(
  'ticket_counters',
  {
    id: uuid('id').primaryKey(),
    communeCode: text('commune_code').notNull(),
    number: integer('number').notNull(),
    name: text('name').notNull(),
    groupIds: uuid('group_ids').array().notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('ticket_counters_number_uq').on(t.communeCode, t.number)],
);

/** The queue settings of a commune (absent: the defaults of tickets/domain.ts). */
export const ticketSettings = pgTable('ticket_settings', {
  communeCode: text('commune_code').primaryKey(),
  /** true: priority tickets are called before every ordinary one; false: in order of issue. */
  priorityFirst: boolean('priority_first').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The last number issued per group, local day and series (ordinary / priority), incremented with
 * INSERT … ON CONFLICT DO UPDATE … RETURNING in the issuing transaction: two kiosks or two instances never get
 * the same number, a new day starts again at 1, and a restart continues from what was committed.
 */
export const ticketNumberCounters = pgTable(
  'ticket_number_counters',
  {
    groupId: uuid('group_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    priority: boolean('priority').notNull(),
    lastValue: integer('last_value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.day, t.priority] })],
);

/** Số thứ tự: one ticket taken at the kiosk, and what became of it. */
export const queueTickets = pgTable(
  'queue_tickets',
  {
    id: uuid('id').primaryKey(),
    communeCode: text('commune_code').notNull(),
    groupId: uuid('group_id').notNull(),
    /** Local (UTC+7) day of issue: numbers restart each day. */
    day: date('day', { mode: 'string' }).notNull(),
    seq: integer('seq').notNull(),
    /** 'A005', priority 'UA002' */
    number: text('number').notNull(),
    /** elderly | disabled | pregnant | null (ordinary) */
    priorityReason: text('priority_reason'),
    status: text('status').notNull().default('waiting'),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    calledAt: timestamp('called_at', { withTimezone: true }),
    counterId: uuid('counter_id'),
    calledBy: uuid('called_by'),
    recalls: integer('recalls').notNull().default(0),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** The dossier received from this citizen, when the officer links it. */
    dossierId: uuid('dossier_id'),
    /** Served a mock dossier of a trial day (linked to a rehearsal dossier): left out of the official counts. */
    rehearsal: boolean('rehearsal').notNull().default(false),
  },
  (t) => [
    unique('queue_tickets_number_uq').on(t.communeCode, t.day, t.number),
    index('queue_tickets_waiting_idx').on(t.communeCode, t.day, t.status, t.issuedAt),
    index('queue_tickets_called_idx').on(t.communeCode, t.calledAt),
    check('queue_tickets_status_ck', sql`${t.status} in ('waiting', 'called', 'served', 'no_show')`),
  ],
);
