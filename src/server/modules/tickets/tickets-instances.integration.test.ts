/**
 * What a restart and a second instance must not break: numbers continue after a restart on the same data (never
 * issued twice), and the hall display connected to one instance sees, within a second, a call made on another
 * instance sharing the PostgreSQL database (LISTEN/NOTIFY, nothing in one process's memory).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/support/database';
import type { BoardCall } from '../../../common/api/tickets';
import { buildApp } from '../../app';
import { loadConfig } from '../../config';
import { type Database, type EngineKind, openDatabase } from '../../db/database';
import { systemContext } from '../../db/transaction';
import { communes, provinces } from '../units/schema';
import { callNext, issueTicket, seedDefaultQueue } from './service';
import { openStream } from './sse-client.test-support';

/** Just the commune the queue needs (the whole administrative map is not). */
async function prepare(database: Database) {
  await database.db
    .insert(provinces)
    .values({
      code: '42',
      name: 'Tỉnh Hà Tĩnh',
      shortName: 'Hà Tĩnh',
      placeType: 'Tỉnh',
      nameFolded: 'tinh ha tinh',
    })
    .onConflictDoNothing();
  await database.db
    .insert(communes)
    .values({
      code: '18100',
      name: 'Phường Trần Phú',
      provinceCode: '42',
      kind: 'phuong',
      nameFolded: 'phuong tran phu',
    })
    .onConflictDoNothing();
  await seedDefaultQueue(systemContext(database.db, 'test'), '18100');
}

const groupA = async (database: Database) => {
  const { listGroups } = await import('./store');
  return (await listGroups(database.db, '18100')).find((g) => g.letter === 'A')!.id;
};

describe.each<EngineKind>(['pglite', 'postgres'])('queue numbers across a restart on %s', (engine) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('continues the day’s numbers after a restart on the same data, never issuing one twice', async () => {
    let open: () => Promise<Database>;
    if (engine === 'pglite') {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-tickets-'));
      cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
      open = () => openDatabase({ pgliteDir: dir });
    } else {
      const first = await createTestDatabase('postgres');
      const url = (first.db as unknown as { $client: { options: { connectionString: string } } }).$client
        .options.connectionString;
      cleanups.push(() => first.dispose());
      open = async () => openDatabase({ databaseUrl: url, poolSize: 2 });
    }
    const now = new Date();
    const before = await open();
    await before.migrate();
    await prepare(before);
    const g = await groupA(before);
    const ctx = systemContext(before.db, 'kiosk');
    const issued = [
      await issueTicket(ctx, '18100', { groupId: g }, now),
      await issueTicket(ctx, '18100', { groupId: g }, now),
    ];
    await before.close();

    const after = await open();
    await after.migrate();
    const again = await issueTicket(systemContext(after.db, 'kiosk'), '18100', { groupId: g }, now);
    await after.close();
    expect([...issued.map((i) => i.number), again.number]).toEqual(['A001', 'A002', 'A003']);
  });
});

describe('the hall display across two instances on one PostgreSQL', () => {
  const apps: FastifyInstance[] = [];
  const databases: Database[] = [];
  let disposeFirst: (() => Promise<void>) | null = null;
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const d of databases.slice(1)) await d.close();
    await disposeFirst?.();
  });

  it('delivers a call made on instance A to a display connected to instance B within a second', async () => {
    const first = await createTestDatabase('postgres');
    disposeFirst = first.dispose;
    const url = (first.db as unknown as { $client: { options: { connectionString: string } } }).$client
      .options.connectionString;
    const second = await openDatabase({ databaseUrl: url, poolSize: 2 });
    databases.push(first, second);
    await prepare(first);
    const config = loadConfig({ XASO_WEB_DIR: '/nonexistent', XASO_SECURE_COOKIES: 'false' });
    for (const database of [first, second]) {
      const app = await buildApp({ config, database, logger: false });
      await app.ready();
      apps.push(app);
    }
    const [a, b] = apps as [FastifyInstance, FastifyInstance];
    const baseB = await b.listen({ port: 0, host: '127.0.0.1' });
    const board = await openStream(`${baseB}/api/v1/public/queues/18100/events`);
    try {
      await board.next('snapshot');
      const g = await groupA(first);
      const issued = await a.inject({
        method: 'POST',
        url: '/api/v1/public/queues/18100/tickets',
        payload: { groupId: g },
      });
      expect(issued.statusCode).toBe(201);
      const { listCounters } = await import('./store');
      const counter = (await listCounters(first.db, '18100')).find((c) => c.number === 1)!;
      await callNext(systemContext(first.db, 'counter 1'), counter.id);
      const call = (await board.next('ticket.called', 2_000)) as BoardCall;
      expect(call).toMatchObject({ number: 'A001', counterNumber: 1 });
    } finally {
      board.close();
    }
  });
});
