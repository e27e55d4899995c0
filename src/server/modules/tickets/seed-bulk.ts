/**
 * The demo's queue (service.ts demoQueue) written in bulk for a fast first start (issue 14): every commune's groups,
 * counters, number series and tickets in one transaction of a few multi-row statements, instead of the 14 use cases
 * per commune of seedDefaultQueue (each its own transaction with its reads). The tickets are written as the use
 * cases leave them: issueTicket's rows with the same numbers, then callNext's calls (in the commune's call order,
 * each closing the counter's ticket before as served) and the no-show of the last one called, applied in memory
 * through the same changes and audit records, the entries appended in the same order. No live event: the seed runs
 * before any page follows (withoutLiveEvents).
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { insertRows } from '../../db/insert-rows';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { notFound } from '../../http/errors';
import { type AuditRecord, auditAll } from '../audit/service';
import { communes } from '../units/schema';
import { newCounter, newGroup } from './config';
import { compareForCall, DEFAULT_CALL_POLICY, nextStatus, type TicketStatus, ticketDay } from './domain';
import {
  queueTickets,
  ticketCounters,
  ticketNumberCounters,
  ticketServiceGroups,
  ticketSettings,
} from './schema';
import {
  actedOn,
  calledChange,
  calledRecord,
  demoQueue,
  newTicket,
  noneWaitingRecord,
  servedChange,
  servedRecord,
} from './service';
import type { TicketRow } from './store';

type NewGroupRow = ReturnType<typeof newGroup>['row'];
type NewCounterRow = ReturnType<typeof newCounter>['row'];

const callable = (t: TicketRow) => ({
  priority: t.priorityReason !== null,
  issuedAt: t.issuedAt,
  seq: t.seq,
});

/** seedDefaultQueue for each commune, in one transaction: the groups and counters created (0: all had groups). */
export async function seedDefaultQueues(ctx: WriteContext, communeCodes: readonly string[]): Promise<number> {
  const found = await ctx.db
    .select({
      code: communes.code,
      priorityFirst: ticketSettings.priorityFirst,
      seeded: sql<boolean>`exists (select 1 from ${ticketServiceGroups} where ${ticketServiceGroups.communeCode} = ${communes.code})`,
    })
    .from(communes)
    .leftJoin(ticketSettings, eq(ticketSettings.communeCode, communes.code))
    .where(inArray(communes.code, [...communeCodes]));
  const byCode = new Map(found.map((c) => [c.code, c]));
  const todo = communeCodes.filter((code) => {
    const commune = byCode.get(code);
    if (!commune) throw notFound('xã/phường', 'commune', code);
    return !commune.seeded;
  });
  if (!todo.length) return 0;
  const plan = demoQueue();
  const groups: NewGroupRow[] = [];
  const counters: NewCounterRow[] = [];
  const series = new Map<string, typeof ticketNumberCounters.$inferInsert>();
  const tickets: TicketRow[] = [];
  const records: AuditRecord[] = [];
  for (const communeCode of todo) {
    const commune = byCode.get(communeCode)!;
    const policy =
      commune.priorityFirst === null ? DEFAULT_CALL_POLICY : { priorityFirst: commune.priorityFirst };
    const own = plan.groups.map((input) => newGroup(communeCode, input));
    groups.push(...own.map((g) => g.row));
    const desks = plan.counters.map((c) =>
      newCounter(communeCode, { number: c.number, groupIds: c.groups.map((i) => own[i]!.row.id) }),
    );
    records.push(...own.map((g) => g.record), ...desks.map((c) => c.record));
    const rows = desks.map((c) => c.row);
    counters.push(...rows);
    // issueTicket: the next number of the group's series (ordinary or priority) that day.
    const issued = plan.tickets.map((t) => {
      const group = own[t.group]!.row;
      const day = ticketDay(t.at);
      const priority = t.priority !== null;
      const key = JSON.stringify([group.id, day, priority]);
      const last = series.get(key) ?? { groupId: group.id, day, priority, lastValue: 0 };
      last.lastValue += 1;
      series.set(key, last);
      const { row, record } = newTicket(communeCode, group, last.lastValue, t.priority, t.at);
      records.push(record);
      return row;
    });
    tickets.push(...issued);
    // callNext at the calling counter: the one it called closed as served, the first waiting in call order called.
    const counter = rows[plan.caller]!;
    for (const at of plan.calls) {
      const current = issued.filter((t) => t.counterId === counter.id && t.status === 'called');
      for (const t of current) {
        Object.assign(t, servedChange(at));
        records.push(servedRecord(t, counter));
      }
      const [next] = issued
        .filter(
          (t) => t.status === 'waiting' && t.day === ticketDay(at) && counter.groupIds.includes(t.groupId),
        )
        .sort((a, b) => compareForCall(callable(a), callable(b), policy));
      if (!next) {
        if (!current.length) records.push(noneWaitingRecord(counter));
        continue;
      }
      Object.assign(next, calledChange(counter, ctx.actor.accountId, at));
      records.push(calledRecord(next, counter));
    }
    // actOnTicket: the ticket still called, a no-show.
    const last = issued.find((t) => t.status === 'called');
    if (last) {
      const change = actedOn(
        last,
        'no_show',
        nextStatus(last.status as TicketStatus, 'no_show')!,
        plan.noShowAt,
        last,
      );
      records.push(change.record);
      Object.assign(last, change.set);
    }
  }
  await inTransaction(ctx, async (tx, audit) => {
    await insertRows(tx, ticketServiceGroups, groups);
    await insertRows(tx, ticketCounters, counters);
    await insertRows(tx, ticketNumberCounters, [...series.values()]);
    await insertRows(tx, queueTickets, tickets);
    await auditAll(tx, audit, records, ctx);
  });
  return todo.length * (plan.groups.length + plan.counters.length);
}
