/**
 * The in-memory caches (sessions and grants, the calendar, procedure versions, the map) never serve stale data:
 * two app instances on one database (PostgreSQL: two pools and two listening connections, as two servers would
 * have; PGlite: two apps on the one embedded database), a change made through A is what B serves once B heard of
 * it, a write on B re-checks its session inside its transaction even before, and a dropped listening connection
 * empties and bypasses the caches until it is back.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../tests/support/app';
import { ENGINES } from '../../../tests/support/database';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import { batcherFor } from '../modules/dossiers/intake-batch/batcher';
import { getProcedureVersion, listProcedures } from '../modules/procedures/service';
import { type Database, openDatabase } from './database';
import { invalidationOf, syncCaches } from './invalidation';

const sessionHash = (headers: Record<string, string>) =>
  createHash('sha256')
    .update(/xaso_session=([^;]+)/.exec(headers.cookie!)![1]!)
    .digest('hex');

describe.each(ENGINES)('caches of two instances on one %s database', (kind) => {
  let a: TestApp;
  let b: FastifyInstance;
  let databaseB: Database;

  beforeAll(async () => {
    a = await createTestApp(kind, { demo: true });
    if (kind === 'postgres') {
      const url = (a.database.db as unknown as { $client: pg.Pool }).$client.options.connectionString!;
      // B reconnects only when told to (the dropped-connection test looks at it while it is down).
      databaseB = await openDatabase({ databaseUrl: url, poolSize: 4, invalidationRetryMs: 3_600_000 });
    } else {
      databaseB = a.database; // one embedded database per process: B is a second app on it
    }
    const config = loadConfig({
      XASO_WEB_DIR: '/nonexistent',
      XASO_SECURE_COOKIES: 'false',
      XASO_TRUST_PROXY: '127.0.0.1',
      XASO_MAX_EVENT_LOOP_DELAY_MS: '60000',
      XASO_NOTIFY_INTERVAL_SECONDS: '3600',
    });
    b = await buildApp({ config, database: databaseB, logger: false });
    await b.ready();
    await syncCaches(databaseB.db); // listening from now on
  });
  afterAll(async () => {
    await b?.close();
    if (kind === 'postgres') await databaseB?.close();
    await a?.close();
  });

  const me = (app: FastifyInstance, headers: Record<string, string>) =>
    app.inject({ method: 'GET', url: '/api/v1/me', headers });
  /** Ends a session without any notification (triggers off), as a lost notification would leave it. */
  const deleteSilently = async (headers: Record<string, string>) => {
    await a.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`delete from sessions where token_hash = ${sessionHash(headers)}`);
    });
  };
  const holidayRange = (from: string, to: string) => ({
    from,
    to,
    key: 'other',
    name: `Nghỉ thử bộ nhớ đệm ${from}`,
  });

  it('logged out on A: a write on B is refused at once, and B treats the session as signed out once it heard', async () => {
    const officer = await loginAs(a.app, 'motcua.tranphu');
    expect((await me(b, officer)).statusCode).toBe(200); // B holds the session in memory now
    const out = await a.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: officer });
    expect(out.statusCode).toBe(204);
    const write = await b.inject({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      headers: officer,
      payload: { name: 'Sau khi đăng xuất', permissions: ['dossier.read'] },
    });
    expect(write.statusCode).toBe(401);
    expect(write.headers['content-type']).toContain('application/problem+json');
    await syncCaches(databaseB.db);
    expect((await me(b, officer)).statusCode).toBe(401);
  });

  it('re-checks the session inside a write on B even when no notification ever came', async () => {
    const admin = await loginAs(a.app, 'admin');
    expect((await me(b, admin)).statusCode).toBe(200);
    await deleteSilently(admin);
    await syncCaches(databaseB.db);
    // Reads are served from memory (nothing told B) …
    expect((await me(b, admin)).statusCode).toBe(200);
    // … but the write checks the session in its own transaction: refused, nothing stored.
    const range = holidayRange('2027-10-11', '2027-10-11');
    const write = await b.inject({
      method: 'POST',
      url: '/api/v1/calendar/holiday-ranges',
      headers: admin,
      payload: range,
    });
    expect(write.statusCode).toBe(401);
    expect(json<{ type: string }>(write).type).toMatch(/unauthenticated/);
    const stored = await a.database.db.execute(
      sql`select count(*)::int as n from calendar_holiday_ranges where name = ${range.name}`,
    );
    expect((stored as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
  });

  it('a grant revoked on A: B refuses what it allowed', async () => {
    const admin = await loginAs(a.app, 'admin');
    const leader = await loginAs(b, 'lanhdao.tranphu');
    const url = '/api/v1/communes/18100/campaign/rehearsal-mode';
    expect((await b.inject({ method: 'GET', url, headers: leader })).statusCode).toBe(200);
    const { rows } = (await a.database.db.execute(sql`
      select g.id as "grantId", a.id as "accountId" from role_grants g join accounts a on a.id = g.account_id
       where a.username = 'lanhdao.tranphu'`)) as unknown as {
      rows: { grantId: string; accountId: string }[];
    };
    for (const { grantId, accountId } of rows) {
      const revoked = await a.app.inject({
        method: 'DELETE',
        url: `/api/v1/accounts/${accountId}/grants/${grantId}`,
        headers: admin,
      });
      expect(revoked.statusCode).toBe(200);
    }
    await syncCaches(databaseB.db);
    expect((await b.inject({ method: 'GET', url, headers: leader })).statusCode).toBe(403);
  });

  it("a holiday added on A moves B's due dates", async () => {
    const admin = await loginAs(a.app, 'admin');
    // Monday 13 September 2027 + 5 working days: Monday 20th, with no holiday in between.
    const deadline = async () =>
      json<{ due: string }>(
        await b.inject({ method: 'GET', url: '/api/v1/calendar/deadline?from=2027-09-13&days=5' }),
      ).due;
    const before = await deadline();
    expect(await deadline()).toBe(before); // from B's memory
    const added = await a.app.inject({
      method: 'POST',
      url: '/api/v1/calendar/holiday-ranges',
      headers: admin,
      payload: holidayRange('2027-09-14', '2027-09-15'),
    });
    expect(added.statusCode).toBe(201);
    await syncCaches(databaseB.db);
    const after = await deadline();
    const days = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
    // Two working days more (the weekend in between, if crossed, adds its two days too).
    expect(days(after) - days(before)).toBeGreaterThanOrEqual(2);
  });

  it("an intake on B never uses a calendar older than the database's, even when no notification came", async () => {
    const officer = await loginAs(b, 'motcua.tranphu');
    const [procedure] = (await listProcedures(databaseB.db, {})).filter(
      (p) => !p.outsideWorkflow && p.timeLimit.kind === 'working_days',
    );
    let n = 0;
    const intake = () => {
      n += 1;
      return b.inject({
        method: 'POST',
        url: '/api/v1/dossiers',
        headers: officer,
        payload: {
          procedureId: procedure!.id,
          applicant: {
            fullName: 'Trần Thị Bộ Nhớ',
            idNumber: `04218${String(n).padStart(7, '0')}`,
            phone: `0936${String(n).padStart(6, '0')}`,
            address: 'Số 3, đường Trần Phú, Hà Tĩnh',
          },
          receivingCommuneCode: '18100',
          competentCommuneCode: '18100',
          channel: 'counter',
          checklist: procedure!.requiredDocuments.map((_, index) => ({ index, status: 'received' })),
        },
      });
    };
    const count = async () =>
      (
        (await databaseB.db.execute(
          sql`select count(*)::int as n from dossiers where applicant_full_name = 'Trần Thị Bộ Nhớ'`,
        )) as unknown as { rows: { n: number }[] }
      ).rows[0]!.n;
    expect((await intake()).statusCode).toBe(201); // B's calendar is in memory now
    // The calendar changes and B does not hear of it (a lost notification): B's calendar is older than the database's.
    await a.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update data_revisions set revision = revision + 1 where name = 'calendar'`);
    });
    // The write refuses B's calendar (its revision is older than the row's); the intake runs once more with the
    // calendar read against the revision row, not on the word of the invalidation that never came.
    const batcher = batcherFor(databaseB.db);
    const batches = batcher.stats.batches;
    expect((await intake()).statusCode).toBe(201);
    expect(batcher.stats.batches - batches).toBe(2);
    expect(await count()).toBe(2);
    // Heard (any change of the calendar notifies): B's next intake goes through at once.
    await a.database.db.execute(
      sql`update data_revisions set revision = revision + 1 where name = 'calendar'`,
    );
    await syncCaches(databaseB.db);
    const next = batcher.stats.batches;
    expect((await intake()).statusCode).toBe(201);
    expect(batcher.stats.batches - next).toBe(1);
    expect(await count()).toBe(3);
  });

  it('a procedure version published on A is the one B uses', async () => {
    const admin = await loginAs(a.app, 'admin');
    const list = json<{ items: { id: string; version: number }[] }>(
      await a.app.inject({ method: 'GET', url: '/api/v1/procedures' }),
    );
    const { id } = list.items[0]!;
    const current = await getProcedureVersion(databaseB.db, id);
    expect((await getProcedureVersion(databaseB.db, id)).version).toBe(current.version); // from memory
    const published = await a.app.inject({
      method: 'PUT',
      url: `/api/v1/procedures/${id}`,
      headers: admin,
      payload: {
        expectedVersion: current.version,
        reason: 'Thử bộ nhớ đệm',
        data: { ...current.data, name: `${current.data.name} (sửa đổi)` },
      },
    });
    expect(published.statusCode).toBe(200);
    await syncCaches(databaseB.db);
    const used = await getProcedureVersion(databaseB.db, id);
    expect(used.version).toBe(current.version + 1);
    expect(used.data.name).toBe(`${current.data.name} (sửa đổi)`);
  });

  if (kind === 'postgres') {
    it('a dropped listening connection empties the caches and bypasses them until it is back', async () => {
      const invalidation = invalidationOf(databaseB.db)!;
      const officer = await loginAs(a.app, 'chuyenvien.tranphu');
      expect((await me(b, officer)).statusCode).toBe(200); // cached on B
      const pid = invalidation.listenerPid;
      expect(pid).toBeGreaterThan(0);
      await a.database.db.execute(sql`select pg_terminate_backend(${pid}::int)`);
      for (let i = 0; invalidation.state !== 'down' && i < 100; i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(invalidation.state).toBe('down');
      // While down, every read goes to the database: a session ended without notification is seen at once.
      const other = await loginAs(a.app, 'thuky.tranphu');
      expect((await me(b, other)).statusCode).toBe(200);
      await deleteSilently(other);
      expect((await me(b, other)).statusCode).toBe(401);
      // The session cached before the drop is gone with the drop: ended silently, it is not served after reconnecting.
      await deleteSilently(officer);
      await invalidation.reconnect();
      expect(invalidation.state).toBe('live');
      expect((await me(b, officer)).statusCode).toBe(401);
      // And B caches again: a new session read once is served from memory.
      const again = await loginAs(a.app, 'chuyenvien.tranphu');
      expect((await me(b, again)).statusCode).toBe(200);
      await deleteSilently(again);
      expect((await me(b, again)).statusCode).toBe(200);
    });
  }
});
