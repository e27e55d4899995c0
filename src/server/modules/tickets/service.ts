/**
 * Use cases of the queue that change tickets: issue a number at the kiosk, call / recall / finish at a counter. Each
 * is one transaction with its audit entry and the live event the hall display follows, published in it.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type {
  IssuedTicket,
  PriorityReason,
  QueueTicket,
  TakeTicketRequest,
} from '../../../common/api/tickets';
import type { Tx } from '../../db/database';
import { type Audit, inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, fieldError, notFound, text } from '../../http/errors';
import type { AuditRecord } from '../audit/service';
import { findDossierRow } from '../dossiers/service';
import { publishLive } from '../live/hub';
import { getCommune } from '../units/service';
import { createCounter, createGroup } from './config';
import {
  DEFAULT_SERVICE_GROUPS,
  formatTicketNumber,
  nextStatus,
  type TicketAction,
  type TicketStatus,
  ticketDay,
} from './domain';
import { queueTickets, ticketCounters, ticketNumberCounters, ticketServiceGroups } from './schema';
import {
  boardCall,
  type CounterRow,
  callOrder,
  callPolicy,
  type GroupRow,
  getCounter,
  listGroups,
  peopleAhead,
  queueChannel,
  type TicketRow,
  ticketOut,
} from './store';

// ——— the kiosk ———

/** The ticket issueTicket writes (number `seq` of its group's series that day) and its audit entry. */
export function newTicket(
  communeCode: string,
  group: Pick<GroupRow, 'id' | 'letter'>,
  seq: number,
  priority: PriorityReason | null,
  now: Date,
) {
  const row: TicketRow = {
    id: uuidv7(),
    communeCode,
    groupId: group.id,
    day: ticketDay(now),
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
    rehearsal: false,
  };
  const record: AuditRecord = {
    action: 'queue.ticket.issue',
    entityType: 'queue_ticket',
    entityId: row.id,
    communeCode,
    after: { number: row.number, group: group.letter, priority },
  };
  return { row, record };
}

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
    const { row, record } = newTicket(communeCode, group, counter!.value, priority, now);
    await tx.insert(queueTickets).values(row);
    const ahead = await peopleAhead(tx, row);
    await audit(record);
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
async function publishCall(tx: Tx, t: TicketRow, counter: CounterRow) {
  const [group] = await tx.select().from(ticketServiceGroups).where(eq(ticketServiceGroups.id, t.groupId));
  await publishLive(tx, {
    channel: queueChannel(t.communeCode),
    type: 'ticket.called',
    data: boardCall(t, counter, group!),
  });
}

// What callNext changes in a ticket and the audit entries it writes (shared with the demo's bulk seed).

type CounterRef = Pick<CounterRow, 'id' | 'communeCode' | 'number'>;

/** The counter's current ticket, closed as served when the counter calls the next one. */
export const servedChange = (now: Date) => ({ status: 'served' as const, closedAt: now });
export const servedRecord = (t: TicketRow, counter: CounterRef): AuditRecord => ({
  action: 'queue.ticket.serve',
  entityType: 'queue_ticket',
  entityId: t.id,
  communeCode: t.communeCode,
  before: { status: 'called' },
  after: { status: 'served', counter: counter.number },
});

/** A waiting ticket called to the counter by `calledBy`. */
export const calledChange = (counter: CounterRef, calledBy: string | null, now: Date) => ({
  status: 'called' as const,
  calledAt: now,
  counterId: counter.id,
  calledBy,
});
export const calledRecord = (t: TicketRow, counter: CounterRef): AuditRecord => ({
  action: 'queue.ticket.call',
  entityType: 'queue_ticket',
  entityId: t.id,
  communeCode: counter.communeCode,
  before: { status: 'waiting' },
  after: { status: 'called', number: t.number, counter: counter.number },
});

/** The entry of a call that found nobody waiting and closed no ticket. */
export const noneWaitingRecord = (counter: CounterRef): AuditRecord => ({
  action: 'queue.call_next.empty',
  entityType: 'queue_counter',
  entityId: counter.id,
  communeCode: counter.communeCode,
});

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
      .set(servedChange(now))
      .where(and(eq(queueTickets.counterId, counter.id), eq(queueTickets.status, 'called')))
      .returning();
    for (const t of current) await audit(servedRecord(t, counter));
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
      .set(calledChange(counter, ctx.actor.accountId, now))
      .where(and(eq(queueTickets.id, next.id), eq(queueTickets.status, 'waiting')))
      .returning();
    await audit(calledRecord(called!, counter));
    await publishCall(tx, called!, counter);
    return ticketOut(called!);
  });
}

async function noneWaiting(audit: Audit, counter: CounterRow, closed: number): Promise<null> {
  // Nothing to call: the transaction only needs an entry when it closed the counter's ticket.
  if (closed === 0) await audit(noneWaitingRecord(counter));
  return null;
}

/**
 * What actOnTicket changes in a ticket and its audit entry: a recall counts one more call; serving or a no-show
 * closes it, with the dossier linked to it (and whether that dossier is a trial day's mock).
 */
export function actedOn(
  t: TicketRow,
  action: Exclude<TicketAction, 'call'>,
  next: TicketStatus,
  now: Date,
  link: Pick<TicketRow, 'dossierId' | 'rehearsal'>,
) {
  const { dossierId, rehearsal } = link;
  const set =
    action === 'recall' ? { recalls: t.recalls + 1 } : { status: next, closedAt: now, dossierId, rehearsal };
  const record: AuditRecord = {
    action: `queue.ticket.${action}`,
    entityType: 'queue_ticket',
    entityId: t.id,
    communeCode: t.communeCode,
    before: { status: t.status },
    after: {
      status: next,
      ...(dossierId && dossierId !== t.dossierId ? { dossierId } : {}),
      ...(rehearsal !== t.rehearsal ? { rehearsal } : {}),
    },
  };
  return { set, record };
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
    let rehearsal = t.rehearsal;
    if (options.dossierId) {
      const dossier = await findDossierRow(tx, options.dossierId);
      if (
        !dossier ||
        (dossier.communeCode !== t.communeCode && dossier.receivingCommuneCode !== t.communeCode)
      )
        throw fieldError('body.dossierId', 'Không có hồ sơ này ở xã.', 'No such dossier in this commune.');
      dossierId = dossier.id;
      // Served a mock dossier of a trial day: the ticket leaves the day's official wait figures with it.
      rehearsal = dossier.rehearsal;
    }
    const change = actedOn(t, action, next, now, { dossierId, rehearsal });
    const [updated] = await tx
      .update(queueTickets)
      .set(change.set)
      .where(eq(queueTickets.id, t.id))
      .returning();
    await audit(change.record);
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

/**
 * The demo's queue of a commune: groups A, B, C; counters 1 (A), 2 (B, C) and 3 (all); yesterday's morning at
 * counter 3 (today's numbers still start at 1): four tickets taken, three calls (each closing the one before as
 * served), the last one called a no-show. Times from `now`.
 */
export function demoQueue(now = Date.now()) {
  const yesterday = new Date(now - 86_400_000);
  const at = (minutes: number) =>
    new Date(Date.parse(`${ticketDay(yesterday)}T08:00:00+07:00`) + minutes * 60_000);
  return {
    groups: DEFAULT_SERVICE_GROUPS.map((g, i) => ({ letter: g.letter, name: g.name, position: i })),
    /** Each counter with the indexes of the groups it serves. */
    counters: [
      { number: 1, groups: [0] },
      { number: 2, groups: [1, 2] },
      { number: 3, groups: [0, 1, 2] },
    ],
    tickets: [0, 1, 2, 3].map((i) => ({
      group: i % 2,
      priority: i === 3 ? ('elderly' as const) : null,
      at: at(i * 3),
    })),
    /** The index of the counter that calls, and when. */
    caller: 2,
    calls: [0, 1, 2].map((i) => at(10 + i * 7)),
    noShowAt: at(35),
  };
}

/** Seeds demoQueue through the use cases, in a commune that has no groups yet: the groups and counters created. */
export async function seedDefaultQueue(ctx: WriteContext, communeCode: string): Promise<number> {
  if ((await listGroups(ctx.db, communeCode)).length > 0) return 0;
  const plan = demoQueue();
  const groups: Awaited<ReturnType<typeof createGroup>>[] = [];
  for (const g of plan.groups) groups.push(await createGroup(ctx, communeCode, g));
  const counters = [];
  for (const c of plan.counters)
    counters.push(
      await createCounter(ctx, communeCode, {
        number: c.number,
        groupIds: c.groups.map((i) => groups[i]!.id),
      }),
    );
  for (const t of plan.tickets)
    await issueTicket(ctx, communeCode, { groupId: groups[t.group]!.id, priority: t.priority }, t.at);
  for (const at of plan.calls) await callNext(ctx, counters[plan.caller]!.id, at);
  const [last] = await ctx.db
    .select({ id: queueTickets.id })
    .from(queueTickets)
    .where(and(eq(queueTickets.communeCode, communeCode), eq(queueTickets.status, 'called')));
  if (last) await actOnTicket(ctx, last.id, 'no_show', {}, plan.noShowAt);
  return groups.length + counters.length;
}
