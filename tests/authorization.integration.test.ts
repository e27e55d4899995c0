/**
 * Walks every API route with another commune's ids: an official of Phường Sông Trí (18754), in each commune
 * role, must never read or change Phường Trần Phú's (18100) records, whatever id is put in the URL. Province-wide
 * routes (the campaign's templates, inspections, board…) refuse every commune official, and an officer of another
 * province (Nghệ An, 40) never reaches Hà Tĩnh's (42). Routes are taken from the server's own access table, so a
 * new route is covered the day it is added.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, systemContext } from '../src/server/db/transaction';
import { createAccount } from '../src/server/modules/auth/accounts';
import { createTestApp, loginAs, type TestApp } from './support/app';
import { ENGINES } from './support/database';

const FOREIGN = '18100';
const PROVINCE = '42';

const OWN_USERS = [
  'lanhdao.songtri',
  'motcua.songtri',
  'chuyenvien.songtri',
  'thuky.songtri',
  'daibieu.songtri',
];

describe.each(ENGINES)('no access across communes on %s', (engine) => {
  let t: TestApp;
  let foreignIds: string[];
  let provinceIds: string[];
  beforeAll(async () => {
    // With the demo meetings: every kind of meeting record (meeting, item, vote, paper, document, task) exists.
    t = await createTestApp(engine, { demo: true, demoMeetings: true });
    // Every id of every record that belongs to the foreign commune, whatever its table.
    const tables = (await t.database.db.execute(sql`
      select c.table_name from information_schema.columns c
      join information_schema.columns i on i.table_name = c.table_name and i.table_schema = c.table_schema and i.column_name = 'id'
      where c.column_name = 'commune_code' and c.table_schema = current_schema()`)) as unknown as {
      rows: { table_name: string }[];
    };
    foreignIds = [];
    for (const { table_name } of tables.rows) {
      const rows = (await t.database.db.execute(
        sql`select id::text as id from ${sql.identifier(table_name)} where commune_code = ${FOREIGN} limit 3`,
      )) as unknown as { rows: { id: string }[] };
      foreignIds.push(...rows.rows.map((r) => r.id));
    }
    // Every id of every province-wide record of Hà Tĩnh (tables with a province but no commune).
    const provinceTables = (await t.database.db.execute(sql`
      select c.table_name from information_schema.columns c
      join information_schema.columns i on i.table_name = c.table_name and i.table_schema = c.table_schema and i.column_name = 'id'
      where c.column_name = 'province_code' and c.table_schema = current_schema()`)) as unknown as {
      rows: { table_name: string }[];
    };
    provinceIds = [];
    for (const { table_name } of provinceTables.rows) {
      const rows = (await t.database.db.execute(
        sql`select id::text as id from ${sql.identifier(table_name)} where province_code = ${PROVINCE} limit 3`,
      )) as unknown as { rows: { id: string }[] };
      provinceIds.push(...rows.rows.map((r) => r.id));
    }
    await inTransaction(systemContext(t.database.db, 'test'), async (tx, audit) => {
      for (const role of ['province_officer', 'province_department'] as const)
        await createAccount(tx, audit, {
          username: `nghean.${role}`,
          displayName: `Nghệ An ${role}`,
          password: 'Demo@2025',
          isDemo: true,
          grants: [{ role, provinceCode: '40', communeCode: null }],
        });
    });
  });
  afterAll(() => t?.close());

  /** Calls the route (an empty body on writes) and expects its status, naming the route when it differs. */
  const expectAnswer = async (
    route: { method: string; url: string },
    url: string,
    headers: Record<string, string>,
    status: number,
  ) => {
    const res = await t.app.inject({
      method: route.method as 'GET',
      url,
      headers,
      payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
    });
    expect({ route: `${route.method} ${route.url}`, status: res.statusCode }).toEqual({
      route: `${route.method} ${route.url}`,
      status,
    });
  };

  const fill = (url: string, param: string, value: string) =>
    url.replace(`:${param}`, value).replace(/:(\w+)/g, '00000000-0000-7000-8000-000000000000');

  it('declares an access rule on every API route', () => {
    expect(t.app.accessTable.length).toBeGreaterThan(20);
  });

  it.each(OWN_USERS)(
    'refuses %s every route naming the other commune (403)',
    async (username) => {
      const headers = await loginAs(t.app, username);
      const routes = t.app.accessTable.filter(
        (r) => typeof r.access === 'object' && 'communeParam' in r.access,
      );
      for (const route of routes) {
        const access = route.access as { communeParam: string };
        await expectAnswer(route, fill(route.url, access.communeParam, FOREIGN), headers, 403);
      }
    },
    180_000,
  ); // the walk tries every route (a few hundred requests): minutes on a busy PGlite

  it.each(OWN_USERS)(
    "answers %s 404 for the other commune's records by id",
    async (username) => {
      const headers = await loginAs(t.app, username);
      const routes = t.app.accessTable.filter((r) => typeof r.access === 'object' && 'communeOf' in r.access);
      for (const route of routes) {
        const access = route.access as {
          recordParam: string;
          communeOf: (db: typeof t.database.db, id: string) => Promise<string | readonly string[] | null>;
        };
        const ids: string[] = [];
        for (const id of foreignIds) {
          const found = await access.communeOf(t.database.db, id);
          const communes = found === null ? [] : typeof found === 'string' ? [found] : found;
          // Records of the other commune only (a dossier it received for us is ours to read too).
          if (communes.length && communes.every((c) => c === FOREIGN)) ids.push(id);
        }
        // The demo data must give every record route something to try; otherwise this test proves nothing.
        expect({ route: route.url, foreignRecords: ids.length > 0 }).toEqual({
          route: route.url,
          foreignRecords: true,
        });
        for (const id of ids) {
          await expectAnswer(route, fill(route.url, access.recordParam, id), headers, 404);
        }
      }
    },
    180_000,
  ); // the walk tries every route (a few hundred requests): minutes on a busy PGlite

  const provinceRoutes = () =>
    t.app.accessTable.filter((r) => typeof r.access === 'object' && 'provinceParam' in r.access);
  const provinceRecordRoutes = () =>
    t.app.accessTable.filter((r) => typeof r.access === 'object' && 'provinceOf' in r.access);

  it.each([...OWN_USERS, 'nghean.province_officer', 'nghean.province_department'])(
    "refuses %s every province-wide route of Hà Tĩnh (403) and Hà Tĩnh's province records by id (404)",
    async (username) => {
      const headers = await loginAs(t.app, username);
      for (const route of provinceRoutes()) {
        const access = route.access as { provinceParam: string };
        await expectAnswer(route, fill(route.url, access.provinceParam, PROVINCE), headers, 403);
      }
      for (const route of provinceRecordRoutes()) {
        const access = route.access as {
          recordParam: string;
          provinceOf: (db: typeof t.database.db, id: string) => Promise<string | null>;
        };
        const ids: string[] = [];
        for (const id of provinceIds)
          if ((await access.provinceOf(t.database.db, id)) === PROVINCE) ids.push(id);
        expect({ route: route.url, provinceRecords: ids.length > 0 }).toEqual({
          route: route.url,
          provinceRecords: true,
        });
        for (const id of ids) {
          await expectAnswer(route, fill(route.url, access.recordParam, id), headers, 404);
        }
      }
    },
    180_000,
  );

  it("lets Hà Tĩnh's province officer read its province-wide routes (the refusals above are not blanket)", async () => {
    const headers = await loginAs(t.app, 'tinh.hatinh');
    const reads = provinceRoutes().filter((r) => r.method === 'GET');
    expect(reads.length).toBeGreaterThan(0);
    for (const route of reads) {
      const access = route.access as { provinceParam: string };
      const res = await t.app.inject({
        method: 'GET',
        url: fill(route.url, access.provinceParam, PROVINCE),
        headers,
      });
      expect({ route: route.url, forbidden: res.statusCode === 403 }).toEqual({
        route: route.url,
        forbidden: false,
      });
    }
  });

  it.each(OWN_USERS.slice(0, 3))(
    'refuses %s the dossier lists, export and queue counts naming the other commune (403), not an empty list',
    async (username) => {
      const headers = await loginAs(t.app, username);
      for (const url of [
        `/api/v1/dossiers?communeCode=${FOREIGN}`,
        `/api/v1/dossiers/export.xlsx?communeCode=${FOREIGN}`,
        `/api/v1/dossiers/queue-counts?communeCode=${FOREIGN}`,
        '/api/v1/provinces/42/dossier-overview',
      ]) {
        const res = await t.app.inject({ method: 'GET', url, headers });
        expect({ url, status: res.statusCode }).toEqual({ url, status: 403 });
      }
    },
  );

  it('lets the foreign commune its own records through the same routes (the refusals above are not blanket)', async () => {
    const headers = await loginAs(t.app, 'lanhdao.tranphu');
    const reads = t.app.accessTable.filter(
      (r) => r.method === 'GET' && typeof r.access === 'object' && 'communeParam' in r.access,
    );
    for (const route of reads) {
      const access = route.access as { communeParam: string };
      const res = await t.app.inject({
        method: 'GET',
        url: fill(route.url, access.communeParam, FOREIGN),
        headers,
      });
      expect({ route: route.url, forbidden: res.statusCode === 403 }).toEqual({
        route: route.url,
        forbidden: false,
      });
    }
  });

  it("answers signed-out callers of the public dossier reads with another commune's code and a wrong verifier as an unknown code", async () => {
    const [row] = (
      (await t.database.db.execute(
        sql`select code from dossiers where commune_code = ${FOREIGN} and status = 'returned' limit 1`,
      )) as unknown as { rows: { code: string }[] }
    ).rows;
    expect(row).toBeDefined();
    for (const route of t.app.accessTable.filter((r) => r.access === 'public' && r.method === 'GET')) {
      const url = route.url.replace(':code', encodeURIComponent(row!.code));
      // The dossier look-ups (other public routes, e.g. the queue board's event stream, have their own tests).
      if (!route.url.startsWith('/api/v1/public/dossiers/') && route.url !== '/api/v1/public/online-communes')
        continue;
      const res = await t.app.inject({ method: 'GET', url: `${url}?verifier=0999999999` });
      const expected = url.includes(row!.code) ? 404 : 200;
      expect({ route: route.url, status: res.statusCode }).toEqual({ route: route.url, status: expected });
    }
  });

  it('refuses signed-out callers everywhere but public routes (401)', async () => {
    for (const route of t.app.accessTable.filter((r) => r.access !== 'public')) {
      const url = route.url.replace(/:(\w+)/g, (_, p: string) =>
        p === 'code' ? FOREIGN : p === 'provinceCode' ? PROVINCE : '00000000-0000-7000-8000-000000000000',
      );
      const res = await t.app.inject({ method: route.method as 'GET', url });
      expect({ route: `${route.method} ${route.url}`, status: res.statusCode }).toEqual({
        route: `${route.method} ${route.url}`,
        status: 401,
      });
    }
  });
});
