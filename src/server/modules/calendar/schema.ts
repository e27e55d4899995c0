import { date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A day-off range the Government announced for a year (e.g. Tết 2026: 14/2–22/2); replaces the computed default of its key. */
export const calendarHolidayRanges = pgTable(
  'calendar_holiday_ranges',
  {
    id: uuid('id').primaryKey(),
    year: integer('year').notNull(),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    toDate: date('to_date', { mode: 'string' }).notNull(),
    /** new_year | tet | hung_kings | reunification | labour | national_day | other */
    key: text('key').notNull(),
    name: text('name').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('calendar_holiday_ranges_year_idx').on(t.year)],
);

/** Ngày làm bù: a Saturday worked in exchange for a bridged day off. */
export const calendarMakeUpDays = pgTable('calendar_make_up_days', {
  date: date('date', { mode: 'string' }).primaryKey(),
  year: integer('year').notNull(),
  note: text('note'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
