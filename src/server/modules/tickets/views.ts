/** What the kiosk, the hall display, the counter console and the dashboard read (no writes). */
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type {
  BoardView,
  IssuedTicket,
  KioskView,
  PriorityReason,
  QueueConsole,
  QueueStats,
} from '../../../common/api/tickets';
import type { Db, DbOrTx } from '../../db/database';
import { AppError, notFound, text } from '../../http/errors';
import { getCommune } from '../units/service';
import { type TicketStatus, ticketDay, waitFigures } from './domain';
import { queueTickets, ticketCounters, ticketServiceGroups } from './schema';
import {
  BOARD_CALLS,
  boardCall,
  callOrder,
  callPolicy,
  counterOut,
  groupOut,
  listCounters,
  listGroups,
  peopleAhead,
  ticketOut,
  waitingCounts,
} from './store';

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
    .where(
      and(
        eq(queueTickets.communeCode, communeCode),
        eq(queueTickets.day, day),
        // A ticket that served a mock dossier of a trial day is not part of the official wait figures.
        eq(queueTickets.rehearsal, false),
      ),
    );
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
