/** The holiday calendar as stored: the Government's announcements recorded by an administrator, over the computed defaults. */
import { asc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { DbOrTx, Tx } from '../../db/database';
import { bumpRevision, type RevisionCache, revisionCache } from '../../db/revisions';
import { type Audit, inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, fieldError, notFound, text } from '../../http/errors';
import { type CalendarChange, type CalendarChangeHook, changedWorkingDays, yearsTouchedBy } from './changes';
import type { HolidayKey, YearAdjustments } from './holidays';
import { KNOWN_ANNOUNCEMENTS } from './known-announcements';
import { parseIsoDate, weekdayOf } from './lunar';
import { calendarHolidayRanges, calendarMakeUpDays } from './schema';
import { WorkingCalendar } from './working-days';

export async function loadAdjustments(db: DbOrTx): Promise<Record<number, YearAdjustments>> {
  const [ranges, makeUps] = await Promise.all([
    db.select().from(calendarHolidayRanges).orderBy(asc(calendarHolidayRanges.fromDate)),
    db.select().from(calendarMakeUpDays).orderBy(asc(calendarMakeUpDays.date)),
  ]);
  const byYear: Record<number, YearAdjustments> = {};
  const year = (y: number) => (byYear[y] ??= { holidayRanges: [], makeUpWorkingDays: [] });
  for (const r of ranges) {
    year(r.year).holidayRanges.push({
      from: r.fromDate,
      to: r.toDate,
      key: r.key as HolidayKey,
      name: r.name,
      note: r.note ?? undefined,
    });
  }
  for (const m of makeUps) year(m.year).makeUpWorkingDays.push(m.date);
  return byYear;
}

/**
 * This instance's working calendar, served from memory and rebuilt whenever an administrator changes an announcement
 * on any instance (db/revisions.ts: dropped by the `calendar` notification of migration 0018's triggers; inside a
 * transaction or while the notifications are not heard, the revision row is read on every call). Not for use inside
 * a transaction that changes the calendar: it would cache a calendar that may yet roll back — such code gets its
 * calendars from the change.
 */
export const getCalendar: RevisionCache<WorkingCalendar> = revisionCache(
  'calendar',
  async (db) => new WorkingCalendar(await loadAdjustments(db)),
);

export async function listAnnouncements(db: DbOrTx, year: number) {
  const [ranges, makeUps] = await Promise.all([
    db
      .select()
      .from(calendarHolidayRanges)
      .where(eq(calendarHolidayRanges.year, year))
      .orderBy(asc(calendarHolidayRanges.fromDate)),
    db
      .select()
      .from(calendarMakeUpDays)
      .where(eq(calendarMakeUpDays.year, year))
      .orderBy(asc(calendarMakeUpDays.date)),
  ]);
  return {
    holidayRanges: ranges.map((r) => ({
      id: r.id,
      from: r.fromDate,
      to: r.toDate,
      key: r.key as HolidayKey,
      name: r.name,
      note: r.note,
    })),
    makeUpDays: makeUps.map((m) => ({ date: m.date, note: m.note })),
  };
}

const MAX_RANGE_DAYS = 15;

export interface HolidayRangeInput {
  from: string;
  to: string;
  key: HolidayKey;
  name: string;
  note?: string;
}

/** Hooks of other modules run on every change (see changes.ts); none when omitted (seeding, imports). */
export type CalendarHooks = readonly CalendarChangeHook[];

/** The calendar as stored in `tx` now (never cached: inside a change it may yet roll back). */
async function calendarIn(tx: Tx): Promise<WorkingCalendar> {
  return new WorkingCalendar(await loadAdjustments(tx));
}

/** Runs the hooks after a change, inside its transaction, with the calendars before and after it. */
async function afterChange(
  tx: Tx,
  audit: Audit,
  hooks: CalendarHooks,
  change: CalendarChange,
  before: WorkingCalendar | null,
) {
  if (!before || !hooks.length) return;
  const after = await calendarIn(tx);
  const [fromYear, toYear] = yearsTouchedBy(change);
  const changedDays = changedWorkingDays(before, after, fromYear, toYear);
  for (const hook of hooks) await hook(tx, audit, { change, before, after, changedDays });
}

export async function addHolidayRange(
  ctx: WriteContext,
  input: HolidayRangeInput,
  hooks: CalendarHooks = [],
) {
  const from = parseIsoDate(input.from);
  const to = parseIsoDate(input.to);
  const year = Number(input.from.slice(0, 4));
  if (to < from)
    throw fieldError(
      'body.to',
      'Ngày kết thúc phải sau ngày bắt đầu.',
      'The end date must not precede the start date.',
    );
  if (Number(input.to.slice(0, 4)) !== year)
    throw fieldError('body.to', 'Khoảng nghỉ phải nằm trong một năm.', 'A range must lie within one year.');
  if (to - from + 1 > MAX_RANGE_DAYS) {
    throw fieldError(
      'body.to',
      `Một đợt nghỉ không quá ${MAX_RANGE_DAYS} ngày.`,
      `A range is at most ${MAX_RANGE_DAYS} days.`,
    );
  }
  const id = uuidv7();
  await inTransaction(ctx, async (tx, audit) => {
    const before = hooks.length ? await calendarIn(tx) : null;
    await tx.insert(calendarHolidayRanges).values({
      id,
      year,
      fromDate: input.from,
      toDate: input.to,
      key: input.key,
      name: input.name,
      note: input.note ?? null,
    });
    await bumpRevision(tx, 'calendar');
    await audit({
      action: 'calendar.holiday_range.add',
      entityType: 'holiday_range',
      entityId: id,
      after: input,
    });
    const change = { kind: 'holiday_range_added', from: input.from, to: input.to, name: input.name } as const;
    await afterChange(tx, audit, hooks, change, before);
  });
  return id;
}

export async function deleteHolidayRange(ctx: WriteContext, id: string, hooks: CalendarHooks = []) {
  await inTransaction(ctx, async (tx, audit) => {
    const before = hooks.length ? await calendarIn(tx) : null;
    const [deleted] = await tx
      .delete(calendarHolidayRanges)
      .where(eq(calendarHolidayRanges.id, id))
      .returning();
    if (!deleted) throw notFound('đợt nghỉ', 'holiday range', id);
    await bumpRevision(tx, 'calendar');
    await audit({
      action: 'calendar.holiday_range.delete',
      entityType: 'holiday_range',
      entityId: id,
      before: deleted,
    });
    const change = {
      kind: 'holiday_range_deleted',
      from: deleted.fromDate,
      to: deleted.toDate,
      name: deleted.name,
    } as const;
    await afterChange(tx, audit, hooks, change, before);
  });
}

export async function addMakeUpDay(
  ctx: WriteContext,
  date: string,
  note?: string,
  hooks: CalendarHooks = [],
) {
  const day = parseIsoDate(date);
  const weekday = weekdayOf(day);
  if (weekday !== 0 && weekday !== 6) {
    throw fieldError(
      'body.date',
      'Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.',
      'A make-up working day must be a Saturday or Sunday.',
    );
  }
  await inTransaction(ctx, async (tx, audit) => {
    const before = hooks.length ? await calendarIn(tx) : null;
    const inserted = await tx
      .insert(calendarMakeUpDays)
      .values({ date, year: Number(date.slice(0, 4)), note: note ?? null })
      .onConflictDoNothing()
      .returning();
    if (!inserted.length)
      throw new AppError(
        'conflict',
        text('Ngày {d} đã là ngày làm bù.', '{d} is already a make-up day.', { d: date }),
      );
    await bumpRevision(tx, 'calendar');
    await audit({
      action: 'calendar.make_up_day.add',
      entityType: 'make_up_day',
      entityId: date,
      after: { date, note },
    });
    await afterChange(tx, audit, hooks, { kind: 'make_up_day_added', date }, before);
  });
}

export async function deleteMakeUpDay(ctx: WriteContext, date: string, hooks: CalendarHooks = []) {
  await inTransaction(ctx, async (tx, audit) => {
    const before = hooks.length ? await calendarIn(tx) : null;
    const [deleted] = await tx
      .delete(calendarMakeUpDays)
      .where(eq(calendarMakeUpDays.date, date))
      .returning();
    if (!deleted) throw notFound('ngày làm bù', 'make-up day', date);
    await bumpRevision(tx, 'calendar');
    await audit({
      action: 'calendar.make_up_day.delete',
      entityType: 'make_up_day',
      entityId: date,
      before: deleted,
    });
    await afterChange(tx, audit, hooks, { kind: 'make_up_day_deleted', date }, before);
  });
}

/** Records the announcements the project knows (domain-vn.md §5) where none is stored yet for that year. */
export async function seedKnownAnnouncements(ctx: WriteContext): Promise<number> {
  const stored = await loadAdjustments(ctx.db);
  let added = 0;
  for (const [yearText, adj] of Object.entries(KNOWN_ANNOUNCEMENTS)) {
    if (stored[Number(yearText)]) continue;
    for (const r of adj.holidayRanges) {
      await addHolidayRange(ctx, { from: r.from, to: r.to, key: r.key, name: r.name, note: r.note });
      added += 1;
    }
    for (const d of adj.makeUpWorkingDays) {
      await addMakeUpDay(ctx, d, `Làm bù (${yearText})`);
      added += 1;
    }
  }
  return added;
}
