/**
 * Use cases of the queue: configure groups and counters, issue a ticket at the kiosk, call / recall / finish at a
 * counter, and read what the kiosk, the hall display, the console and the dashboard show. Every change is one
 * transaction with its audit entry and, for what the hall display shows, a live event published in it.
 */
import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type {
  BoardCall,
  BoardView,
  Counter,
  IssuedTicket,
  KioskView,
  PriorityReason,
  QueueConsole,
  QueueStats,
  QueueTicket,
  ServiceGroup,
  TakeTicketRequest,
} from '../../../common/api/tickets';
import type { Db, DbOrTx, Tx } from '../../db/database';
import { type Audit, inTransaction, type WriteContext } from '../../db/transaction';
import { isUuid } from '../../http/auth';
import { AppError, fieldError, notFound, text } from '../../http/errors';
import { findDossierRow } from '../dossiers/service';
import { publishLive } from '../live/hub';
import { getCommune } from '../units/service';
import {
  DEFAULT_CALL_POLICY,
  DEFAULT_SERVICE_GROUPS,
  formatTicketNumber,
  nextStatus,
  type TicketAction,
  type TicketStatus,
  ticketDay,
  waitFigures,
} from './domain';
import {
  queueTickets,
  ticketCounters,
  ticketNumberCounters,
  ticketServiceGroups,
  ticketSettings,
} from './schema';

/** The live channel of a commune's hall display. */
export const queueChannel = (communeCode: string) => `queue:${communeCode}`;
/** Calls the hall display lists. */
const BOARD_CALLS = 8;

type GroupRow = typeof ticketServiceGroups.$inferSelect;
type CounterRow = typeof ticketCounters.$inferSelect;
type TicketRow = typeof queueTickets.$inferSelect;

const groupOut = (g: GroupRow): ServiceGroup => ({
  id: g.id,
  letter: g.letter,
  name: g.name,
  position: g.position,
  active: g.active,
});
const counterOut = (c: CounterRow): Counter => ({
  id: c.id,
  number: c.number,
  name: c.name,
  groupIds: c.groupIds,
  active: c.active,
});
const ticketOut = (t: TicketRow): QueueTicket => ({
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

async function callPolicy(db: DbOrTx, communeCode: string) {
  const [row] = await db.select().from(ticketSettings).where(eq(ticketSettings.communeCode, communeCode));
  return row ? { priorityFirst: row.priorityFirst } : DEFAULT_CALL_POLICY;
}

async function waitingCounts(db: DbOrTx, communeCode: string, day: string): Promise<Map<string, number>> {
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
export async function kioskView(db: Db, communeCode: string, now = new Date()): Promise<KioskView> {
  const commune = await getCommune(db, communeCode);
  const groups = (await listGroups(db, communeCode)).filter((g) => g.active);
  if (groups.length === 0) throw queueNotInUse(communeCode);
  const waiting = await waitingCounts(db, communeCode, ticketDay(now));
  return {
    communeCode,
    communeName: commune.name,
    groups: groups.map((g) => ({ ...groupOut(g), waiting: waiting.get(g.id) ?? 0 })),
  };
}

function queueNotInUse(communeCode: string) {
  return new AppError(
    'not_found',
    text('Xã {c} chưa dùng hệ thống xếp hàng.', 'Commune {c} does not use queue tickets.', {
      c: communeCode,
    }),
  );
}

/** The hall display: the latest calls of the day and how many wait per group. */
export async function boardView(db: DbOrTx, communeCode: string, now = new Date()): Promise<BoardView> {
  const commune = await getCommune(db, communeCode);
  const day = ticketDay(now);
  const groups = (await listGroups(db, communeCode)).filter((g) => g.active);
  const rows = await db
    .select({ ticket: queueTickets, counter: ticketCounters, group: ticketServiceGroups })
    .from(queueTickets)
    .innerJoin(ticketCounters, eq(ticketCounters.id, queueTickets.counterId))
    .innerJoin(ticketServiceGroups, eq(ticketServiceGroups.id, queueTickets.groupId))
    .where(
      and(
        eq(queueTickets.communeCode, communeCode),
        eq(queueTickets.day, day),
        isNotNull(queueTickets.calledAt),
      ),
    )
    .orderBy(desc(queueTickets.calledAt))
    .limit(BOARD_CALLS);
  const waiting = await waitingCounts(db, communeCode, day);
  return {
    communeCode,
    communeName: commune.name,
    calls: rows.map((r) => boardCall(r.ticket, r.counter, r.group)),
    waiting: groups.map((g) => ({
      groupId: g.id,
      letter: g.letter,
      name: g.name,
      waiting: waiting.get(g.id) ?? 0,
    })),
  };
}

function boardCall(t: TicketRow, c: CounterRow, g: GroupRow): BoardCall {
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

/** The counter console: groups, counters with the ticket each is serving, the tickets waiting (call order). */
export async function consoleView(db: Db, communeCode: string, now = new Date()): Promise<QueueConsole> {
  const day = ticketDay(now);
  const policy = await callPolicy(db, communeCode);
  const [groups, counters] = await Promise.all([listGroups(db, communeCode), listCounters(db, communeCode)]);
  const open = await db
    .select()
    .from(queueTickets)
    .where(
      and(
        eq(queueTickets.communeCode, communeCode),
        eq(queueTickets.day, day),
        inArray(queueTickets.status, ['waiting', 'called']),
      ),
    )
    .orderBy(...callOrder(policy.priorityFirst));
  return {
    communeCode,
    priorityFirst: policy.priorityFirst,
    groups: groups.map(groupOut),
    counters: counters.map((c) => {
      const current = open.find((t) => t.status === 'called' && t.counterId === c.id);
      return { ...counterOut(c), current: current ? ticketOut(current) : null };
    }),
    waiting: open.filter((t) => t.status === 'waiting').map(ticketOut),
  };
}

/** The call order of domain.compareForCall, as SQL. */
function callOrder(priorityFirst: boolean) {
  return [
    ...(priorityFirst ? [sql`(${queueTickets.priorityReason} is not null) desc`] : []),
    asc(queueTickets.issuedAt),
    asc(queueTickets.seq),
  ];
}

/** The day's waiting-time figures per group, from one query. */
export async function queueStats(
  db: Db,
  communeCode: string,
  day: string,
  now = new Date(),
): Promise<QueueStats> {
  const groups = await listGroups(db, communeCode);
  const tickets = await db
    .select({
      groupId: queueTickets.groupId,
      status: queueTickets.status,
      issuedAt: queueTickets.issuedAt,
      calledAt: queueTickets.calledAt,
    })
    .from(queueTickets)
    .where(and(eq(queueTickets.communeCode, communeCode), eq(queueTickets.day, day)));
  const withTickets = new Set(tickets.map((t) => t.groupId));
  const shown = groups.filter((g) => g.active || withTickets.has(g.id));
  const figures = waitFigures(
    shown.map((g) => g.id),
    tickets.map((t) => ({ ...t, status: t.status as TicketStatus })),
    now,
  );
  return {
    day,
    groups: figures.map((f, i) => ({ ...f, letter: shown[i]!.letter, name: shown[i]!.name })),
  };
}

// ——— the kiosk ———

/** Issues the next number of the group for today, in the transaction (anonymous actor: the kiosk). */
export async function issueTicket(
  ctx: WriteContext,
  communeCode: string,
  input: TakeTicketRequest,
  now = new Date(),
): Promise<IssuedTicket> {
  const commune = await getCommune(ctx.db, communeCode);
  const [group] = await ctx.db
    .select()
    .from(ticketServiceGroups)
    .where(and(eq(ticketServiceGroups.id, input.groupId), eq(ticketServiceGroups.communeCode, communeCode)));
  if (!group?.active)
    throw fieldError(
      'body.groupId',
      'Không có nhóm dịch vụ này ở xã.',
      'No such service group in this commune.',
    );
  const day = ticketDay(now);
  const priority = input.priority ?? null;
  return inTransaction(ctx, async (tx, audit) => {
    const [counter] = await tx
      .insert(ticketNumberCounters)
      .values({ groupId: group.id, day, priority: priority !== null, lastValue: 1 })
      .onConflictDoUpdate({
        target: [ticketNumberCounters.groupId, ticketNumberCounters.day, ticketNumberCounters.priority],
        set: { lastValue: sql`${ticketNumberCounters.lastValue} + 1` },
      })
      .returning({ value: ticketNumberCounters.lastValue });
    const seq = counter!.value;
    const row: TicketRow = {
      id: uuidv7(),
      communeCode,
      groupId: group.id,
      day,
      seq,
      number: formatTicketNumber(group.letter, seq, priority !== null),
      priorityReason: priority,
      status: 'waiting',
      issuedAt: now,
      calledAt: null,
      counterId: null,
      calledBy: null,
      recalls: 0,
      closedAt: null,
      dossierId: null,
    };
    await tx.insert(queueTickets).values(row);
    const ahead = await peopleAhead(tx, row);
    await audit({
      action: 'queue.ticket.issue',
      entityType: 'queue_ticket',
      entityId: row.id,
      communeCode,
      after: { number: row.number, group: group.letter, priority },
    });
    await publishLive(tx, {
      channel: queueChannel(communeCode),
      type: 'ticket.issued',
      data: { groupId: group.id },
    });
    return {
      id: row.id,
      number: row.number,
      groupLetter: group.letter,
      groupName: group.name,
      priorityReason: priority,
      issuedAt: now.toISOString(),
      day,
      peopleAhead: ahead,
      communeCode,
      communeName: commune.name,
    };
  });
}

/**
 * Tickets of the same group that will be called before this one: those waiting that were taken earlier —
 * with priority-first, only the earlier priority ones for a priority ticket, every waiting priority ticket too
 * for an ordinary one.
 */
async function peopleAhead(db: DbOrTx, t: TicketRow): Promise<number> {
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
export async function getPrintableTicket(db: Db, id: string): Promise<IssuedTicket> {
  const [r] = await db
    .select({ ticket: queueTickets, group: ticketServiceGroups })
    .from(queueTickets)
    .innerJoin(ticketServiceGroups, eq(ticketServiceGroups.id, queueTickets.groupId))
    .where(eq(queueTickets.id, id));
  if (!r) throw notFound('số thứ tự', 'ticket', id);
  const t = r.ticket;
  const commune = await getCommune(db, t.communeCode);
  return {
    id: t.id,
    number: t.number,
    groupLetter: r.group.letter,
    groupName: r.group.name,
    priorityReason: (t.priorityReason as PriorityReason | null) ?? null,
    issuedAt: t.issuedAt.toISOString(),
    day: t.day,
    peopleAhead: t.status === 'waiting' ? await peopleAhead(db, t) : 0,
    communeCode: t.communeCode,
    communeName: commune.name,
  };
}

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

async function getCounter(db: DbOrTx, id: string): Promise<CounterRow> {
  const [row] = await db.select().from(ticketCounters).where(eq(ticketCounters.id, id));
  if (!row) throw notFound('quầy', 'counter', id);
  return row;
}

async function publishCall(tx: Tx, t: TicketRow, counter: CounterRow) {
  const [group] = await tx.select().from(ticketServiceGroups).where(eq(ticketServiceGroups.id, t.groupId));
  await publishLive(tx, {
    channel: queueChannel(t.communeCode),
    type: 'ticket.called',
    data: boardCall(t, counter, group!),
  });
}

/**
 * Gọi số tiếp theo: closes the counter's current ticket as served, then takes the first waiting ticket of the
 * counter's groups in call order, locking it with FOR UPDATE SKIP LOCKED — two counters calling at the same
 * instant each get a different ticket. Null when nobody waits.
 */
export async function callNext(
  ctx: WriteContext,
  counterId: string,
  now = new Date(),
): Promise<QueueTicket | null> {
  const counter = await getCounter(ctx.db, counterId);
  if (!counter.active)
    throw new AppError(
      'conflict',
      text('Quầy {n} đang tạm ngừng.', 'Counter {n} is closed.', { n: counter.number }),
    );
  const policy = await callPolicy(ctx.db, counter.communeCode);
  const day = ticketDay(now);
  return inTransaction(ctx, async (tx, audit) => {
    // One call at a time per counter (a double click, two tabs): the counter's row lock orders them.
    await tx
      .select({ id: ticketCounters.id })
      .from(ticketCounters)
      .where(eq(ticketCounters.id, counter.id))
      .for('update');
    const current = await tx
      .update(queueTickets)
      .set({ status: 'served', closedAt: now })
      .where(and(eq(queueTickets.counterId, counter.id), eq(queueTickets.status, 'called')))
      .returning();
    for (const t of current) {
      await audit({
        action: 'queue.ticket.serve',
        entityType: 'queue_ticket',
        entityId: t.id,
        communeCode: t.communeCode,
        before: { status: 'called' },
        after: { status: 'served', counter: counter.number },
      });
    }
    if (counter.groupIds.length === 0) return noneWaiting(audit, counter, current.length);
    const [next] = await tx
      .select({ id: queueTickets.id })
      .from(queueTickets)
      .where(
        and(
          eq(queueTickets.communeCode, counter.communeCode),
          eq(queueTickets.day, day),
          eq(queueTickets.status, 'waiting'),
          inArray(queueTickets.groupId, counter.groupIds),
        ),
      )
      .orderBy(...callOrder(policy.priorityFirst))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!next) return noneWaiting(audit, counter, current.length);
    const [called] = await tx
      .update(queueTickets)
      .set({ status: 'called', calledAt: now, counterId: counter.id, calledBy: ctx.actor.accountId })
      .where(and(eq(queueTickets.id, next.id), eq(queueTickets.status, 'waiting')))
      .returning();
    await audit({
      action: 'queue.ticket.call',
      entityType: 'queue_ticket',
      entityId: called!.id,
      communeCode: counter.communeCode,
      before: { status: 'waiting' },
      after: { status: 'called', number: called!.number, counter: counter.number },
    });
    await publishCall(tx, called!, counter);
    return ticketOut(called!);
  });
}

async function noneWaiting(audit: Audit, counter: CounterRow, closed: number): Promise<null> {
  // Nothing to call: the transaction only needs an entry when it closed the counter's ticket.
  if (closed === 0)
    await audit({
      action: 'queue.call_next.empty',
      entityType: 'queue_counter',
      entityId: counter.id,
      communeCode: counter.communeCode,
    });
  return null;
}

/** Gọi lại, phục vụ xong, vắng mặt: one ticket at the counter that called it. */
export async function actOnTicket(
  ctx: WriteContext,
  ticketId: string,
  action: Exclude<TicketAction, 'call'>,
  options: { dossierId?: string } = {},
  now = new Date(),
): Promise<QueueTicket> {
  return inTransaction(ctx, async (tx, audit) => {
    const [t] = await tx.select().from(queueTickets).where(eq(queueTickets.id, ticketId)).for('update');
    if (!t) throw notFound('số thứ tự', 'ticket', ticketId);
    const next = nextStatus(t.status as TicketStatus, action);
    if (!next)
      throw new AppError(
        'conflict',
        text('Số {n} đang ở trạng thái "{s}": không thể thực hiện.', 'Ticket {n} is "{s}": not possible.', {
          n: t.number,
          s: t.status,
        }),
      );
    let dossierId: string | null = t.dossierId;
    if (options.dossierId) {
      const dossier = await findDossierRow(tx, options.dossierId);
      if (
        !dossier ||
        (dossier.communeCode !== t.communeCode && dossier.receivingCommuneCode !== t.communeCode)
      )
        throw fieldError('body.dossierId', 'Không có hồ sơ này ở xã.', 'No such dossier in this commune.');
      dossierId = dossier.id;
    }
    const [updated] = await tx
      .update(queueTickets)
      .set(action === 'recall' ? { recalls: t.recalls + 1 } : { status: next, closedAt: now, dossierId })
      .where(eq(queueTickets.id, t.id))
      .returning();
    await audit({
      action: `queue.ticket.${action}`,
      entityType: 'queue_ticket',
      entityId: t.id,
      communeCode: t.communeCode,
      before: { status: t.status },
      after: { status: next, ...(dossierId && dossierId !== t.dossierId ? { dossierId } : {}) },
    });
    if (action === 'recall' && t.counterId)
      await publishCall(tx, updated!, await getCounter(tx, t.counterId));
    else
      await publishLive(tx, {
        channel: queueChannel(t.communeCode),
        type: 'ticket.closed',
        data: { ticketId: t.id },
      });
    return ticketOut(updated!);
  });
}

// ——— configuration (leader, administrator) ———

export interface GroupInput {
  letter?: string;
  name?: string;
  position?: number;
  active?: boolean;
}

function duplicate(e: unknown, field: string, vi: string, en: string): never {
  const code =
    (e as { code?: string; cause?: { code?: string } })?.code ??
    (e as { cause?: { code?: string } })?.cause?.code;
  if (code === '23505') throw fieldError(field, vi, en);
  throw e;
}

export async function createGroup(
  ctx: WriteContext,
  communeCode: string,
  input: Required<Pick<GroupInput, 'letter' | 'name'>> & GroupInput,
) {
  await getCommune(ctx.db, communeCode);
  const row = {
    id: uuidv7(),
    communeCode,
    letter: input.letter,
    name: input.name,
    position: input.position ?? input.letter.charCodeAt(0) - 65,
    active: input.active ?? true,
  };
  await inTransaction(ctx, async (tx, audit) => {
    await tx.insert(ticketServiceGroups).values(row);
    await audit({
      action: 'queue.group.create',
      entityType: 'queue_group',
      entityId: row.id,
      communeCode,
      after: input,
    });
  }).catch((e) =>
    duplicate(e, 'body.letter', 'Chữ cái này đã dùng cho nhóm khác.', 'This letter is already used.'),
  );
  return groupOut({ ...row, createdAt: new Date(), updatedAt: new Date() });
}

export async function updateGroup(ctx: WriteContext, id: string, input: GroupInput) {
  return inTransaction(ctx, async (tx, audit) => {
    const [before] = await tx
      .select()
      .from(ticketServiceGroups)
      .where(eq(ticketServiceGroups.id, id))
      .for('update');
    if (!before) throw notFound('nhóm dịch vụ', 'service group', id);
    const [after] = await tx
      .update(ticketServiceGroups)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(ticketServiceGroups.id, id))
      .returning();
    await audit({
      action: 'queue.group.update',
      entityType: 'queue_group',
      entityId: id,
      communeCode: before.communeCode,
      before: groupOut(before),
      after: groupOut(after!),
    });
    return groupOut(after!);
  }).catch((e) =>
    duplicate(e, 'body.letter', 'Chữ cái này đã dùng cho nhóm khác.', 'This letter is already used.'),
  );
}

export interface CounterInput {
  number?: number;
  name?: string;
  groupIds?: string[];
  active?: boolean;
}

async function checkGroups(db: DbOrTx, communeCode: string, groupIds: readonly string[]) {
  const own = new Set((await listGroups(db, communeCode)).map((g) => g.id));
  const bad = groupIds.findIndex((id) => !own.has(id));
  if (bad >= 0)
    throw fieldError(
      `body.groupIds.${bad}`,
      'Không có nhóm dịch vụ này ở xã.',
      'No such service group in this commune.',
    );
}

export async function createCounter(
  ctx: WriteContext,
  communeCode: string,
  input: Required<Pick<CounterInput, 'number' | 'groupIds'>> & CounterInput,
) {
  await getCommune(ctx.db, communeCode);
  await checkGroups(ctx.db, communeCode, input.groupIds);
  const row = {
    id: uuidv7(),
    communeCode,
    number: input.number,
    name: input.name ?? `Quầy ${input.number}`,
    groupIds: [...new Set(input.groupIds)],
    active: input.active ?? true,
  };
  await inTransaction(ctx, async (tx, audit) => {
    await tx.insert(ticketCounters).values(row);
    await audit({
      action: 'queue.counter.create',
      entityType: 'queue_counter',
      entityId: row.id,
      communeCode,
      after: input,
    });
  }).catch((e) => duplicate(e, 'body.number', 'Số quầy này đã có.', 'This counter number exists already.'));
  return counterOut({ ...row, createdAt: new Date(), updatedAt: new Date() });
}

export async function updateCounter(ctx: WriteContext, id: string, input: CounterInput) {
  const existing = await getCounter(ctx.db, id);
  if (input.groupIds) await checkGroups(ctx.db, existing.communeCode, input.groupIds);
  return inTransaction(ctx, async (tx, audit) => {
    const [after] = await tx
      .update(ticketCounters)
      .set({
        ...input,
        ...(input.groupIds ? { groupIds: [...new Set(input.groupIds)] } : {}),
        updatedAt: new Date(),
      })
      .where(eq(ticketCounters.id, id))
      .returning();
    await audit({
      action: 'queue.counter.update',
      entityType: 'queue_counter',
      entityId: id,
      communeCode: existing.communeCode,
      before: counterOut(existing),
      after: counterOut(after!),
    });
    return counterOut(after!);
  }).catch((e) => duplicate(e, 'body.number', 'Số quầy này đã có.', 'This counter number exists already.'));
}

export async function setQueueSettings(ctx: WriteContext, communeCode: string, priorityFirst: boolean) {
  await inTransaction(ctx, async (tx, audit) => {
    await tx
      .insert(ticketSettings)
      .values({ communeCode, priorityFirst })
      .onConflictDoUpdate({
        target: ticketSettings.communeCode,
        set: { priorityFirst, updatedAt: new Date() },
      });
    await audit({
      action: 'queue.settings.set',
      entityType: 'queue_settings',
      entityId: communeCode,
      communeCode,
      after: { priorityFirst },
    });
  });
  return { priorityFirst };
}

/** The default groups and two counters (quầy 1: A; quầy 2: B, C) for a commune that has none (demo seed). */
export async function seedDefaultQueue(ctx: WriteContext, communeCode: string): Promise<number> {
  if ((await listGroups(ctx.db, communeCode)).length > 0) return 0;
  const groups = [];
  for (const [i, g] of DEFAULT_SERVICE_GROUPS.entries())
    groups.push(await createGroup(ctx, communeCode, { letter: g.letter, name: g.name, position: i }));
  await createCounter(ctx, communeCode, { number: 1, groupIds: [groups[0]!.id] });
  await createCounter(ctx, communeCode, { number: 2, groupIds: [groups[1]!.id, groups[2]!.id] });
  const counters = [await createCounter(ctx, communeCode, { number: 3, groupIds: groups.map((g) => g.id) })];
  // Yesterday's morning at the counter (today's numbers still start at 1): called, served, one no-show.
  const yesterday = new Date(Date.now() - 86_400_000);
  const at = (minutes: number) =>
    new Date(Date.parse(`${ticketDay(yesterday)}T08:00:00+07:00`) + minutes * 60_000);
  for (let i = 0; i < 4; i++)
    await issueTicket(
      ctx,
      communeCode,
      { groupId: groups[i % 2]!.id, priority: i === 3 ? 'elderly' : null },
      at(i * 3),
    );
  for (let i = 0; i < 3; i++) await callNext(ctx, counters[0]!.id, at(10 + i * 7));
  const [last] = await ctx.db
    .select({ id: queueTickets.id })
    .from(queueTickets)
    .where(and(eq(queueTickets.communeCode, communeCode), eq(queueTickets.status, 'called')));
  if (last) await actOnTicket(ctx, last.id, 'no_show', {}, at(35));
  return groups.length + 3;
}
