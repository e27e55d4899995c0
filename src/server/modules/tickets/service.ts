/**
 * Use cases of the queue that change tickets: issue a number at the kiosk, call / recall / finish at a counter. Each
 * is one transaction with its audit entry and the live event the hall display follows, published in it.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { IssuedTicket, QueueTicket, TakeTicketRequest } from '../../../common/api/tickets';
import type { Tx } from '../../db/database';
import { type Audit, inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, fieldError, notFound, text } from '../../http/errors';
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
  getCounter,
  listGroups,
  peopleAhead,
  queueChannel,
  type TicketRow,
  ticketOut,
} from './store';

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
      rehearsal: false,
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
    const [updated] = await tx
      .update(queueTickets)
      .set(
        action === 'recall'
          ? { recalls: t.recalls + 1 }
          : { status: next, closedAt: now, dossierId, rehearsal },
      )
      .where(eq(queueTickets.id, t.id))
      .returning();
    await audit({
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
