/**
 * The queue pages' cache (queue-cache.ts, migration 0021) never serves a page older than the last committed change:
 * two app instances on one database (PostgreSQL: two pools, as two servers; PGlite: two apps on the one embedded
 * database). A page B served from memory is served again only until a dossier of the commune changes — through A's
 * API, by a plain SQL statement no application saw, or on the receiving side of a dossier received for another
 * commune. One officer's "mine" is never another's; a commune the caller has no rights in is refused, cached page
 * or not; a transaction reads its own writes; deadlines are judged again at another time. On PostgreSQL, two
 * transactions writing two communes' dossiers in opposite orders both commit (the versions move at commit, sorted).
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { procedureByCode, receiveDossier } from '../../../../tests/support/dossiers';
import { buildApp } from '../../app';
import { loadConfig } from '../../config';
import { type Database, openDatabase } from '../../db/database';
import { syncCaches } from '../../db/invalidation';
import { inTransaction, systemContext } from '../../db/transaction';
import { findAccountByUsername } from '../auth/accounts';
import { listDossiers } from './queues';
import { dossiers } from './schema';

interface Item {
  id: string;
  code: string;
  applicantName: string;
  assigneeId: string | null;
  dueDate: string | null;
  deadline: string;
}

describe.each(ENGINES)('queue page cache on %s', (kind) => {
  let a: TestApp;
  let b: FastifyInstance;
  let databaseB: Database;
  let specialistB: Record<string, string>;
  let counterB: Record<string, string>;

  beforeAll(async () => {
    a = await createTestApp(kind, { demo: true });
    databaseB =
      kind === 'postgres'
        ? await openDatabase({
            databaseUrl: (a.database.db as unknown as { $client: pg.Pool }).$client.options.connectionString!,
            poolSize: 4,
          })
        : a.database;
    b = await buildApp({
      config: loadConfig({
        XASO_WEB_DIR: '/nonexistent',
        XASO_SECURE_COOKIES: 'false',
        XASO_TRUST_PROXY: '127.0.0.1',
        XASO_MAX_EVENT_LOOP_DELAY_MS: '60000',
        XASO_NOTIFY_INTERVAL_SECONDS: '3600',
      }),
      database: databaseB,
      logger: false,
    });
    await b.ready();
    await syncCaches(databaseB.db);
    specialistB = await loginAs(b, 'chuyenvien.tranphu');
    counterB = await loginAs(b, 'motcua.tranphu');
  });
  afterAll(async () => {
    await b?.close();
    if (kind === 'postgres') await databaseB?.close();
    await a?.close();
  });

  const page = async (app: FastifyInstance, headers: Record<string, string>, query: string) => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/dossiers?${query}`, headers });
    return { status: res.statusCode, items: json<{ items: Item[] }>(res).items ?? [] };
  };
  const all = (app: FastifyInstance, headers: Record<string, string>) =>
    page(app, headers, 'communeCode=18100&queue=all&limit=20');

  it('serves a page again until a dossier of the commune changes through the other instance', async () => {
    const first = await all(b, specialistB);
    expect(first.status).toBe(200);
    expect((await all(b, specialistB)).items).toEqual(first.items);
    const counterA = await loginAs(a.app, 'motcua.tranphu');
    const received = await receiveDossier(a.app, counterA, await procedureByCode(a.database.db, '1.001193'), {
      fullName: 'Hồ Thị Cache',
      idNumber: '042199009001',
      phone: '0919009001',
      address: 'Phường Trần Phú, Hà Tĩnh',
    });
    const after = await all(b, specialistB);
    expect(after.items[0]?.code).toBe(received.code);
    expect(after.items.slice(1)).toEqual(first.items.slice(0, after.items.length - 1));
  });

  it('sees a change made by a plain SQL statement that no application saw', async () => {
    const before = await all(b, specialistB);
    const target = before.items[1]!;
    await a.database.db
      .update(dossiers)
      .set({ applicantFullName: 'Đổi Tên Ngoài Ứng Dụng' })
      .where(sql`${dossiers.id} = ${target.id}`);
    const after = await all(b, specialistB);
    expect(after.items.find((i) => i.id === target.id)?.applicantName).toBe('Đổi Tên Ngoài Ứng Dụng');
  });

  it('sees a change to a dossier the commune received for another one (its "all" tab lists it)', async () => {
    const counterA = await loginAs(a.app, 'motcua.tranphu');
    const elsewhere = await receiveDossier(
      a.app,
      counterA,
      await procedureByCode(a.database.db, '1.001193'),
      { fullName: 'Lê Văn Phi Địa Giới', idNumber: '042199009002', phone: '0919009002', address: 'Sông Trí' },
      { receiving: '18100', competent: '18754' },
    );
    expect((await all(b, specialistB)).items.some((i) => i.code === elsewhere.code)).toBe(true);
    await a.database.db
      .update(dossiers)
      .set({ applicantFullName: 'Lê Văn Đã Sửa' })
      .where(sql`${dossiers.id} = ${elsewhere.id}`);
    const after = await all(b, specialistB);
    expect(after.items.find((i) => i.id === elsewhere.id)?.applicantName).toBe('Lê Văn Đã Sửa');
  });

  it("never serves one officer's 'mine' to another", async () => {
    const specialist = await findAccountByUsername(databaseB.db, 'chuyenvien.tranphu');
    const counter = await findAccountByUsername(databaseB.db, 'motcua.tranphu');
    const mineOfSpecialist = await page(b, specialistB, 'communeCode=18100&queue=mine&limit=50');
    expect(mineOfSpecialist.items.length).toBeGreaterThan(0);
    expect(mineOfSpecialist.items.every((i) => i.assigneeId === specialist!.id)).toBe(true);
    const mineOfCounter = await page(b, counterB, 'communeCode=18100&queue=mine&limit=50');
    expect(mineOfCounter.status).toBe(200);
    expect(mineOfCounter.items.every((i) => i.assigneeId === counter!.id)).toBe(true);
  });

  it("refuses another commune's officer the page another caller had cached", async () => {
    expect((await all(b, specialistB)).status).toBe(200);
    const songTri = await loginAs(b, 'motcua.songtri');
    const res = await b.inject({
      method: 'GET',
      url: '/api/v1/dossiers?communeCode=18100&queue=all&limit=20',
      headers: songTri,
    });
    expect(res.statusCode).toBe(403);
  });

  it('reads its own uncommitted writes inside a transaction', async () => {
    const specialist = await findAccountByUsername(databaseB.db, 'chuyenvien.tranphu');
    const scope = { all: false as const, communeCodes: ['18100'], provinceCodes: [] };
    const query = { communeCode: '18100', queue: 'all' as const, limit: 20 };
    const cached = await listDossiers(databaseB.db, scope, specialist!.id, query);
    const target = cached.items[0]!;
    const seen = await inTransaction(systemContext(databaseB.db, 'test'), async (tx) => {
      await tx
        .update(dossiers)
        .set({ applicantFullName: 'Trong Giao Dịch' })
        .where(sql`${dossiers.id} = ${target.id}`);
      const inside = await listDossiers(tx, scope, specialist!.id, query);
      throw Object.assign(new Error('roll back'), { inside });
    }).catch((e: { inside?: typeof cached }) => e.inside);
    expect(seen?.items.find((i) => i.id === target.id)?.applicantName).toBe('Trong Giao Dịch');
    // Rolled back: the page outside is still the committed one.
    expect((await listDossiers(databaseB.db, scope, specialist!.id, query)).items[0]?.applicantName).toBe(
      target.applicantName,
    );
  });

  it('judges the deadlines again at another time', async () => {
    const specialist = await findAccountByUsername(databaseB.db, 'chuyenvien.tranphu');
    const scope = { all: false as const, communeCodes: ['18100'], provinceCodes: [] };
    const query = { communeCode: '18100', queue: 'processing' as const, limit: 50 };
    const now = await listDossiers(databaseB.db, scope, specialist!.id, query);
    const due = now.items.find((i) => i.dueDate !== null)!;
    expect(due).toBeDefined();
    const later = new Date(`${due.dueDate}T10:00:00+07:00`);
    later.setUTCDate(later.getUTCDate() + 30);
    const judged = await listDossiers(databaseB.db, scope, specialist!.id, query, later);
    expect(judged.items.find((i) => i.id === due.id)?.deadline).toBe('overdue');
    const earlier = new Date(`${due.dueDate}T10:00:00+07:00`);
    earlier.setUTCDate(earlier.getUTCDate() - 30);
    const before = await listDossiers(databaseB.db, scope, specialist!.id, query, earlier);
    expect(before.items.find((i) => i.id === due.id)?.deadline).toBe('on_time');
  });
});

describe('list versions on PostgreSQL', () => {
  let a: TestApp;
  beforeAll(async () => {
    a = await createTestApp('postgres', { demo: true });
  });
  afterAll(() => a?.close());

  it('lets two transactions writing two communes in opposite orders both commit, and moves both versions', async () => {
    const url = (a.database.db as unknown as { $client: pg.Pool }).$client.options.connectionString!;
    const version = async (commune: string) =>
      (
        (await a.database.db.execute(
          sql`select version from dossier_list_versions where commune_code = ${commune}`,
        )) as unknown as { rows: { version: string }[] }
      ).rows[0]?.version;
    const ids = async (commune: string) =>
      (
        (await a.database.db.execute(
          sql`select id from dossiers where commune_code = ${commune} order by id limit 2`,
        )) as unknown as { rows: { id: string }[] }
      ).rows.map((r) => r.id);
    const [t1, t2] = await ids('18100');
    const [s1, s2] = await ids('18754');
    const before = [await version('18100'), await version('18754')];
    const one = new pg.Client({ connectionString: url });
    const two = new pg.Client({ connectionString: url });
    await one.connect();
    await two.connect();
    try {
      const touch = (c: pg.Client, id: string) =>
        c.query('update dossiers set applicant_address = applicant_address where id = $1', [id]);
      await one.query('begin');
      await two.query('begin');
      await touch(one, s1!);
      await touch(two, t1!);
      await touch(one, t2!);
      await touch(two, s2!);
      await Promise.all([one.query('commit'), two.query('commit')]);
    } finally {
      await one.end();
      await two.end();
    }
    const after = [await version('18100'), await version('18754')];
    expect(BigInt(after[0]!)).toBeGreaterThan(BigInt(before[0] ?? 0));
    expect(BigInt(after[1]!)).toBeGreaterThan(BigInt(before[1] ?? 0));
  });
});
