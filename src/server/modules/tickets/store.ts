/** The queue's rows and the small reads every use case shares (kept apart so views, use cases and configuration import one way). */
import { and, asc, eq, sql } from 'drizzle-orm';
import type {
  BoardCall,
  Counter,
  PriorityReason,
  QueueTicket,
  ServiceGroup,
} from '../../../common/api/tickets';
import type { Db, DbOrTx } from '../../db/database';
import { isUuid } from '../../http/auth';
import { notFound } from '../../http/errors';
import { DEFAULT_CALL_POLICY, type TicketStatus } from './domain';
import { queueTickets, ticketCounters, ticketServiceGroups, ticketSettings } from './schema';

export const queueChannel = (communeCode: string) => `queue:${communeCode}`;
/** Calls the hall display lists. */
export const BOARD_CALLS = 8;

export type GroupRow = typeof ticketServiceGroups.$inferSelect;
export type CounterRow = typeof ticketCounters.$inferSelect;
export type TicketRow = typeof queueTickets.$inferSelect;

export const groupOut = (g: GroupRow): ServiceGroup => ({
  id: g.id,
  letter: g.letter,
  name: g.name,
  position: g.position,
  active: g.active,
});
export const counterOut = (c: CounterRow): Counter => ({
  id: c.id,
  number: c.number,
  name: c.name,
  groupIds: c.groupIds,
  active: c.active,
});
export const ticketOut = (t: TicketRow): QueueTicket => ({
  id: t.id,
  number: t.number,
  groupId: t.groupId,
  priorityReason: (t.priorityReason as PriorityReason | null) ?? null,
  status: t.status as TicketStatus,
  issuedAt: t.issuedAt.toISOString(),
  calledAt: t.calledAt?.toISOString() ?? null,
  counterId: t.counterId,
  recalls: t.recalls,
  dossierId: t.dossierId,
});

// ——— reading ———

export async function listGroups(db: DbOrTx, communeCode: string): Promise<GroupRow[]> {
  return db
    .select()
    .from(ticketServiceGroups)
    .where(eq(ticketServiceGroups.communeCode, communeCode))
    .orderBy(asc(ticketServiceGroups.position), asc(ticketServiceGroups.letter));
}

export async function listCounters(db: DbOrTx, communeCode: string): Promise<CounterRow[]> {
  return db
    .select()
    .from(ticketCounters)
    .where(eq(ticketCounters.communeCode, communeCode))
    .orderBy(asc(ticketCounters.number));
}

export async function callPolicy(db: DbOrTx, communeCode: string) {
  const [row] = await db.select().from(ticketSettings).where(eq(ticketSettings.communeCode, communeCode));
  return row ? { priorityFirst: row.priorityFirst } : DEFAULT_CALL_POLICY;
}

export async function waitingCounts(
  db: DbOrTx,
  communeCode: string,
  day: string,
): Promise<Map<string, number>> {
  const rows = await db
    .select({ groupId: queueTickets.groupId, n: sql<number>`count(*)::int` })
    .from(queueTickets)
    .where(
      and(
        eq(queueTickets.communeCode, communeCode),
        eq(queueTickets.day, day),
        eq(queueTickets.status, 'waiting'),
      ),
    )
    .groupBy(queueTickets.groupId);
  return new Map(rows.map((r) => [r.groupId, Number(r.n)]));
}

/** The kiosk: the commune's active groups (none: the commune does not use queue tickets → 404). */
// ——— the counter ———

export async function communeOfCounter(db: Db, id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ communeCode: ticketCounters.communeCode })
    .from(ticketCounters)
    .where(eq(ticketCounters.id, id));
  return row?.communeCode ?? null;
}
export async function communeOfTicket(db: Db, id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ communeCode: queueTickets.communeCode })
    .from(queueTickets)
    .where(eq(queueTickets.id, id));
  return row?.communeCode ?? null;
}
export async function communeOfGroup(db: Db, id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ communeCode: ticketServiceGroups.communeCode })
    .from(ticketServiceGroups)
    .where(eq(ticketServiceGroups.id, id));
  return row?.communeCode ?? null;
}

export async function getCounter(db: DbOrTx, id: string): Promise<CounterRow> {
  const [row] = await db.select().from(ticketCounters).where(eq(ticketCounters.id, id));
  if (!row) throw notFound('quầy', 'counter', id);
  return row;
}

export async function peopleAhead(db: DbOrTx, t: TicketRow): Promise<number> {
  const policy = await callPolicy(db, t.communeCode);
  const priority = t.priorityReason !== null;
  const earlier = sql`(${queueTickets.issuedAt} < ${t.issuedAt} or (${queueTickets.issuedAt} = ${t.issuedAt} and ${queueTickets.id} < ${t.id}))`;
  const order = !policy.priorityFirst
    ? earlier
    : priority
      ? sql`${queueTickets.priorityReason} is not null and ${earlier}`
      : sql`(${queueTickets.priorityReason} is not null or ${earlier})`;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(queueTickets)
    .where(
      and(
        eq(queueTickets.communeCode, t.communeCode),
        eq(queueTickets.day, t.day),
        eq(queueTickets.groupId, t.groupId),
        eq(queueTickets.status, 'waiting'),
        sql`${queueTickets.id} <> ${t.id}`,
        order,
      ),
    );
  return Number(row?.n ?? 0);
}

/** A ticket for printing (public: its id is the secret). */

/** The call order of domain.compareForCall, as SQL. */
export function callOrder(priorityFirst: boolean) {
  return [
    ...(priorityFirst ? [sql`(${queueTickets.priorityReason} is not null) desc`] : []),
    asc(queueTickets.issuedAt),
    asc(queueTickets.seq),
  ];
}

/** The day's waiting-time figures per group, from one query. */
export function boardCall(t: TicketRow, c: CounterRow, g: GroupRow): BoardCall {
  return {
    ticketId: t.id,
    number: t.number,
    counterNumber: c.number,
    counterName: c.name,
    groupName: g.name,
    priority: t.priorityReason !== null,
    calledAt: (t.calledAt ?? new Date()).toISOString(),
    recalls: t.recalls,
  };
}
