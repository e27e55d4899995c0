/**
 * The demo's queue of Trần Phú and Sông Trí is written in bulk (modules/tickets/seed-bulk.ts) for a fast first start;
 * what the kiosk, the counters and the hall display see must be what the use cases (createGroup, createCounter,
 * issueTicket, callNext, actOnTicket: seedDefaultQueue, one call each) make of the same demo: the same groups,
 * counters, number series and tickets (numbers, times, counters, statuses, recalls), the same audit entries in the
 * same order, with a chain that verifies; a second seed creates nothing.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../tests/support/database';
import type { Db } from '../db/database';
import { systemContext } from '../db/transaction';
import { verifyAuditLog } from '../modules/audit/service';
import { withoutLiveEvents } from '../modules/live/hub';
import { seedDefaultQueues } from '../modules/tickets/seed-bulk';
import { seedDefaultQueue } from '../modules/tickets/service';
import { expectEveryIdNamed, expectSameTables, seedReader } from './compare.test-support';

const COMMUNES = ['18100', '18754'];
const TABLES = ['ticket_service_groups', 'ticket_counters', 'ticket_number_counters', 'queue_tickets'];

/** The queue's tables and audit entries, ids named by what they stand for, times of now as <now>. */
async function written(db: Db): Promise<Record<string, unknown[]>> {
  const { rows, name, normal, auditTrail } = seedReader(db);
  await name(
    sql`select id::text, 'group ' || commune_code || ' ' || letter as name from ticket_service_groups`,
  );
  await name(sql`select id::text, 'counter ' || commune_code || ' ' || number as name from ticket_counters`);
  await name(sql`select id::text, 'ticket ' || commune_code || ' ' || day || ' ' || number as name
    from queue_tickets`);
  const tables: Record<string, unknown[]> = {};
  for (const table of TABLES)
    tables[table] = (normal(await rows(sql`select * from ${sql.identifier(table)}`)) as unknown[])
      .map((r) => JSON.stringify(r))
      .sort();
  return {
    ...tables,
    ...(await auditTrail(sql`action like 'queue.%'`)),
  };
}

describe.each(ENGINES)('the demo queue written in bulk on %s', (engine) => {
  let bulk: TestDatabase;
  let useCases: TestDatabase;
  let created: number;

  beforeAll(async () => {
    [bulk, useCases] = await Promise.all([
      createTestDatabase(engine, { map: true }),
      createTestDatabase(engine, { map: true }),
    ]);
    // As the demo seeds it: no page follows, no live event.
    created = await withoutLiveEvents(() => seedDefaultQueues(systemContext(bulk.db, 'test seed'), COMMUNES));
    let expected = 0;
    await withoutLiveEvents(async () => {
      for (const code of COMMUNES)
        expected += await seedDefaultQueue(systemContext(useCases.db, 'test seed'), code);
    });
    expect(created).toBe(expected);
  }, 120_000);
  afterAll(async () => {
    await bulk?.dispose();
    await useCases?.dispose();
  });

  it('is what the use cases make of the same demo, row for row and entry for entry', async () => {
    const expected = await written(useCases.db);
    const actual = await written(bulk.db);
    expect(created).toBe(12);
    expect(expected.ticket_service_groups).toHaveLength(6);
    expect(expected.ticket_counters).toHaveLength(6);
    expect(expected.queue_tickets).toHaveLength(8);
    // Per commune: A001, B001, A002 and UB001 taken; UB001, A001 served at counter 3, B001 a no-show, A002 waits.
    const tickets = (expected.queue_tickets as string[]).map((t) => JSON.parse(t));
    const mine = tickets.filter((t) => t.commune_code === '18100');
    expect(
      mine.map((t) => [t.number, t.status, t.counter_id?.replace(/ .* /, ' ') ?? null, t.recalls]).sort(),
    ).toEqual([
      ['A001', 'served', 'counter 3', 0],
      ['A002', 'waiting', null, 0],
      ['B001', 'no_show', 'counter 3', 0],
      ['UB001', 'served', 'counter 3', 0],
    ]);
    const actions = (expected.audit as { action: string; commune_code: string }[])
      .filter((a) => a.commune_code === '18100')
      .map((a) => a.action);
    expect(actions).toEqual([
      ...Array(3).fill('queue.group.create'),
      ...Array(3).fill('queue.counter.create'),
      ...Array(4).fill('queue.ticket.issue'),
      'queue.ticket.call',
      'queue.ticket.serve',
      'queue.ticket.call',
      'queue.ticket.serve',
      'queue.ticket.call',
      'queue.ticket.no_show',
    ]);
    expectEveryIdNamed(expected);
    expectSameTables(actual, expected);
  });

  it('leaves an audit chain that verifies', async () => {
    const report = await verifyAuditLog(bulk.db);
    expect(report.breaks).toEqual([]);
  });

  it('is seeded once: a second seed creates nothing', async () => {
    const before = await written(bulk.db);
    expect(await seedDefaultQueues(systemContext(bulk.db, 'test seed'), COMMUNES)).toBe(0);
    expect(await written(bulk.db)).toEqual(before);
  });
});
