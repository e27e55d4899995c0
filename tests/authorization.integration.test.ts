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

type LookUp<T> = (db: TestApp['database']['db'], id: string) => Promise<T>;
/** A record route's rule: the commune(s) a record of the id in the URL belongs to. */
type ByCommune = {
  recordParam: string;
  communeOf: LookUp<string | readonly string[] | null>;
};
/** A province record route's rule: the province a record of the id in the URL belongs to. */
type ByProvince = {
  recordParam: string;
  provinceOf: LookUp<string | null>;
};
type Route = TestApp['app']['accessTable'][number];
/** A route to call and the URL to call it at. */
type Call = { route: Route; url: string };

/**
 * Runs `work` on `items`, `size` at a time: inject() is in-process, so PostgreSQL answers a batch's requests
 * concurrently (PGlite in turn) while the order of the results stays that of `items`.
 */
async function inBatches<T, R>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size)
    results.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return results;
}

describe.each(ENGINES)('no access across communes on %s', (engine) => {
  let t: TestApp;
  /** Every route with a record id in its URL, with the ids of the foreign commune's records it is tried with. */
  let byCommuneRecord: (Call & { ids: string[]; access: ByCommune })[];
  /** Every route with a province record id in its URL, with the ids of Hà Tĩnh's records it is tried with. */
  let byProvinceRecord: (Call & { ids: string[]; access: ByProvince })[];
  beforeAll(async () => {
    // With the demo meetings: every kind of meeting record (meeting, item, vote, paper, document, task) exists.
    t = await createTestApp(engine, { demo: true, demoMeetings: true });
    const db = t.database.db;
    /** Up to 3 ids of every table with an `id` and `column`, among its rows whose `column` is `code`: one query. */
    const idsWhere = async (column: 'commune_code' | 'province_code', code: string) => {
      // From pg_catalog: information_schema's views took seconds on PGlite (the same tables: the views' too).
      const tables = (await db.execute(sql`
        select c.relname as table_name from pg_class c
        where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p', 'v', 'm', 'f')
          and exists (select from pg_attribute a where a.attrelid = c.oid and a.attname = 'id' and not a.attisdropped)
          and exists (select from pg_attribute a where a.attrelid = c.oid and a.attname = ${column} and not a.attisdropped)
        order by c.relname`)) as unknown as { rows: { table_name: string }[] };
      expect(tables.rows.length).toBeGreaterThan(0);
      const ids = (await db.execute(
        sql.join(
          tables.rows.map(
            ({ table_name }) =>
              sql`(select id::text as id from ${sql.identifier(table_name)} where ${sql.identifier(column)} = ${code} limit 3)`,
          ),
          sql` union all `,
        ),
      )) as unknown as { rows: { id: string }[] };
      return ids.rows.map((r) => r.id);
    };
    // Every id of every record that belongs to the foreign commune, whatever its table, and of every province-wide
    // record of Hà Tĩnh (tables with a province but no commune).
    const foreignIds = await idsWhere('commune_code', FOREIGN);
    const provinceIds = await idsWhere('province_code', PROVINCE);
    // Which of those ids each record route resolves to the foreign commune only (a dossier it received for us is
    // ours to read too), or to Hà Tĩnh: the same for every role, so found once here, and once per look-up (routes
    // share theirs: every meeting route asks communeOfMeeting).
    const resolverOver = <T>(ids: string[], matches: (found: T) => boolean) => {
      const memo = new Map<LookUp<T>, Promise<string[]>>();
      return (lookUp: LookUp<T>) => {
        let found = memo.get(lookUp);
        if (!found) {
          found = inBatches(ids, 8, async (id) => (matches(await lookUp(db, id)) ? id : null)).then((all) =>
            all.filter((id) => id !== null),
          );
          memo.set(lookUp, found);
        }
        return found;
      };
    };
    const foreignRecords = resolverOver(foreignIds, (found: string | readonly string[] | null) => {
      const communes = found === null ? [] : typeof found === 'string' ? [found] : found;
      return communes.length > 0 && communes.every((c) => c === FOREIGN);
    });
    const provinceRecords = resolverOver(provinceIds, (found: string | null) => found === PROVINCE);
    byCommuneRecord = [];
    byProvinceRecord = [];
    for (const route of t.app.accessTable) {
      if (typeof route.access !== 'object') continue;
      if ('communeOf' in route.access) {
        const access = route.access as ByCommune;
        byCommuneRecord.push({ route, url: route.url, access, ids: await foreignRecords(access.communeOf) });
      } else if ('provinceOf' in route.access) {
        const access = route.access as ByProvince;
        byProvinceRecord.push({
          route,
          url: route.url,
          access,
          ids: await provinceRecords(access.provinceOf),
        });
      }
    }
    await inTransaction(systemContext(db, 'test'), async (tx, audit) => {
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

  /** One session per user and engine: the walks below ask what a signed-in user reaches, not how one signs in. */
  const sessions = new Map<string, Promise<Record<string, string>>>();
  const signIn = (username: string) => {
    let headers = sessions.get(username);
    if (!headers) {
      headers = loginAs(t.app, username);
      sessions.set(username, headers);
    }
    return headers;
  };

  /** Calls every route (an empty body on writes), a few at a time, and returns what each answered. */
  const answersTo = (calls: Call[], headers: Record<string, string>) =>
    inBatches(calls, 8, async ({ route, url }) => {
      const res = await t.app.inject({
        method: route.method as 'GET',
        url,
        headers,
        payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
      });
      return { call: `${route.method} ${url}`, status: res.statusCode };
    });
  /** The calls that did not answer `status`, with what they answered: the walks below expect none. */
  const otherThan = async (calls: Call[], headers: Record<string, string>, status: number) =>
    (await answersTo(calls, headers)).filter((a) => a.status !== status);

  const fill = (url: string, param: string, value: string) =>
    url.replace(`:${param}`, value).replace(/:(\w+)/g, '00000000-0000-7000-8000-000000000000');
  /** The routes whose `param` (communeParam or provinceParam) names a commune or province, called with `code`. */
  const callsNaming = (routes: Route[], param: 'communeParam' | 'provinceParam', code: string): Call[] =>
    routes.map((route) => ({
      route,
      url: fill(route.url, (route.access as Partial<Record<typeof param, string>>)[param]!, code),
    }));
  /** Each record route called with each of the records found for it. */
  const callsById = (records: (Call & { ids: string[]; access: { recordParam: string } })[]): Call[] =>
    records.flatMap(({ route, access, ids }) =>
      ids.map((id) => ({ route, url: fill(route.url, access.recordParam, id) })),
    );

  it('declares an access rule on every API route', () => {
    expect(t.app.accessTable.length).toBeGreaterThan(20);
  });

  it.each(OWN_USERS)(
    'refuses %s every route naming the other commune (403)',
    async (username) => {
      const headers = await signIn(username);
      const calls = callsNaming(
        t.app.accessTable.filter((r) => typeof r.access === 'object' && 'communeParam' in r.access),
        'communeParam',
        FOREIGN,
      );
      expect(calls.length).toBeGreaterThan(0);
      expect(await otherThan(calls, headers, 403)).toEqual([]);
    },
    180_000,
  ); // the walk tries every route (a few hundred requests): minutes on a busy PGlite

  it('finds records of the other commune for every record route to be tried with (else the walk proves nothing)', () => {
    expect(byCommuneRecord.length).toBeGreaterThan(20);
    expect(
      byCommuneRecord.filter((r) => r.ids.length === 0).map((r) => `${r.route.method} ${r.url}`),
    ).toEqual([]);
  });

  it.each(OWN_USERS)(
    "answers %s 404 for the other commune's records by id",
    async (username) => {
      const headers = await signIn(username);
      const calls = callsById(byCommuneRecord);
      // Every record route, with each of the other commune's records it finds.
      expect(new Set(calls.map((c) => c.route)).size).toBe(byCommuneRecord.length);
      expect(await otherThan(calls, headers, 404)).toEqual([]);
    },
    180_000,
  ); // the walk tries every route (a few hundred requests): minutes on a busy PGlite

  const provinceRoutes = () =>
    t.app.accessTable.filter((r) => typeof r.access === 'object' && 'provinceParam' in r.access);

  it('finds records of Hà Tĩnh for every province record route to be tried with (else the walk proves nothing)', () => {
    expect(byProvinceRecord.length).toBeGreaterThan(0);
    expect(
      byProvinceRecord.filter((r) => r.ids.length === 0).map((r) => `${r.route.method} ${r.url}`),
    ).toEqual([]);
  });

  it.each([...OWN_USERS, 'nghean.province_officer', 'nghean.province_department'])(
    "refuses %s every province-wide route of Hà Tĩnh (403) and Hà Tĩnh's province records by id (404)",
    async (username) => {
      const headers = await signIn(username);
      const provinceWide = callsNaming(provinceRoutes(), 'provinceParam', PROVINCE);
      expect(provinceWide.length).toBeGreaterThan(0);
      expect(await otherThan(provinceWide, headers, 403)).toEqual([]);
      const byId = callsById(byProvinceRecord);
      expect(new Set(byId.map((c) => c.route)).size).toBe(byProvinceRecord.length);
      expect(await otherThan(byId, headers, 404)).toEqual([]);
    },
    180_000,
  );

  it("lets Hà Tĩnh's province officer read its province-wide routes (the refusals above are not blanket)", async () => {
    const headers = await signIn('tinh.hatinh');
    const reads = callsNaming(
      provinceRoutes().filter((r) => r.method === 'GET'),
      'provinceParam',
      PROVINCE,
    );
    expect(reads.length).toBeGreaterThan(0);
    expect((await answersTo(reads, headers)).filter((a) => a.status === 403)).toEqual([]);
  });

  it.each(OWN_USERS.slice(0, 3))(
    'refuses %s the dossier lists, export and queue counts naming the other commune (403), not an empty list',
    async (username) => {
      const headers = await signIn(username);
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
    const headers = await signIn('lanhdao.tranphu');
    const reads = callsNaming(
      t.app.accessTable.filter(
        (r) => r.method === 'GET' && typeof r.access === 'object' && 'communeParam' in r.access,
      ),
      'communeParam',
      FOREIGN,
    );
    expect(reads.length).toBeGreaterThan(0);
    expect((await answersTo(reads, headers)).filter((a) => a.status === 403)).toEqual([]);
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
