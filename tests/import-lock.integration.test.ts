/**
 * Imports run one at a time per commune (the catalogue: one at a time), across instances: a second import of the
 * same commune while one runs gets 409 with Retry-After and says why; another commune's import goes ahead. On both
 * engines, and with two app instances (each its own pool and its own in-memory register) on one PostgreSQL
 * database, where only the database can make them agree.
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { type Database, openDatabase } from '../src/server/db/database';
import { IMPORT_LOCK_CLASS, withImportLock } from '../src/server/db/import-lock';
import { inTransaction, systemContext } from '../src/server/db/transaction';
import { createAccount } from '../src/server/modules/auth/accounts';
import { createTestApp, json, loginAs, type TestApp } from './support/app';
import { ENGINES } from './support/database';

const TRAN_PHU = '18100';
const SONG_TRI = '18754';
const PASSWORD = 'Khoa@Nhap2025';
type Problem = { status: number; type: string; detail: string };

const DIGITS = ['Không', 'Một', 'Hai', 'Ba', 'Bốn', 'Năm', 'Sáu', 'Bảy', 'Tám', 'Chín'];
/** Person i of a made-up staff list (no positions, so any commune takes it): a name of letters, a date, a gender. */
const person = (i: number) => [
  `Khóa Nhập ${[...String(i)].map((d) => DIGITS[Number(d)]).join(' ')}`,
  `${(i % 28) + 1}/${(i % 12) + 1}/${1960 + (i % 40)}`,
  i % 2 ? 'Nam' : 'Nữ',
];
const HEADINGS = ['Họ và tên', 'Ngày sinh', 'Giới tính'];

/** A staff list of `rows` people as CSV, base64. */
function staffCsv(rows: number): string {
  const lines = [HEADINGS, ...Array.from({ length: rows }, (_, i) => person(i))].map((r) => r.join(','));
  return Buffer.from(lines.join('\r\n')).toString('base64');
}
const SMALL = staffCsv(3);
const LARGE = staffCsv(2000);

/** The same as XLSX: ExcelJS takes long enough over it that a second request surely comes while it runs. */
async function staffXlsx(rows: number): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Danh sách');
  sheet.addRow(HEADINGS);
  for (let i = 0; i < rows; i++) sheet.addRow(person(i));
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
}
let workbook: string;
beforeAll(async () => {
  workbook = await staffXlsx(2000);
});

/** Signs in a leader of each commune and an administrator, created here (no demo data needed). */
async function leaders(t: TestApp, communes: string[]): Promise<Record<string, string>[]> {
  const people = [
    ...communes.map((code) => ({
      username: `lanhdao.k${code}`,
      grants: [{ role: 'commune_leader' as const, provinceCode: null, communeCode: code }],
    })),
    {
      username: 'quantri.k',
      grants: [{ role: 'system_admin' as const, provinceCode: null, communeCode: null }],
    },
  ];
  await inTransaction(systemContext(t.database.db, 'test'), async (tx, audit) => {
    for (const p of people)
      await createAccount(tx, audit, { ...p, displayName: p.username, password: PASSWORD });
  });
  return Promise.all(people.map((p) => loginAs(t.app, p.username, PASSWORD)));
}

/** A gate an import in progress waits on: the test opens it when it has checked what it wanted meanwhile. */
function gate() {
  let open!: () => void;
  const closed = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { closed, open };
}

/**
 * Holds the import lock of `key` on `db` until `running` opens, and answers once the lock is taken (the lock is taken
 * on its own connection: a request sent before that would find the commune free).
 */
async function hold(
  db: Database['db'],
  key: Parameters<typeof withImportLock>[1],
  running: ReturnType<typeof gate>,
) {
  const taken = gate();
  const held = withImportLock(db, key, () => {
    taken.open();
    return running.closed;
  });
  await Promise.race([taken.closed, held]);
  return { held };
}

function expectBusy(res: LightMyRequestResponse, en: RegExp) {
  expect(res.statusCode).toBe(409);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(json<Problem>(res).detail).toMatch(en);
}

/**
 * Waits (bounded) until the server takes requests again: after a long synchronous stretch (ExcelJS building a
 * workbook, the test generating one) the load shedding may answer 503 until its next sample, ≤ 1 s later.
 */
async function untilServing(app: FastifyInstance) {
  for (let i = 0; i < 100; i++) {
    if ((await app.inject({ url: '/api/v1/health' })).statusCode !== 503) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * inject(), sent again when the load shedding turned it away (503 "overloaded"): on a busy machine it also sheds
 * when it could not sample the event loop at all, whatever the configured delay. Anything else is the answer.
 */
async function send(app: FastifyInstance, options: InjectOptions): Promise<LightMyRequestResponse> {
  for (let attempt = 1; ; attempt++) {
    const res = await app.inject(options);
    if (res.statusCode !== 503 || !/overloaded|quá tải/.test(res.body) || attempt === 5) return res;
    await untilServing(app);
  }
}

/** 200, or the answer's body to say why not. */
function expectOk(res: LightMyRequestResponse) {
  expect(res.statusCode, res.body).toBe(200);
}

async function secondInstance(first: TestApp): Promise<{ app: FastifyInstance; database: Database }> {
  const pool = (first.database.db as unknown as { $client: pg.Pool }).$client;
  const database = await openDatabase({ databaseUrl: pool.options.connectionString!, poolSize: 4 });
  const config = loadConfig({
    XASO_WEB_DIR: '/nonexistent',
    XASO_SECURE_COOKIES: 'false',
    XASO_TRUST_PROXY: '127.0.0.1',
    XASO_MAX_EVENT_LOOP_DELAY_MS: '60000',
  });
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  return { app, database };
}

describe.each(ENGINES)('one import at a time per commune on %s', (engine) => {
  let t: TestApp;
  let tranPhu: Record<string, string>;
  let songTri: Record<string, string>;
  let admin: Record<string, string>;
  let catalogue: unknown;

  const importStaff = (
    app: FastifyInstance,
    code: string,
    headers: Record<string, string>,
    contentBase64 = SMALL,
    extra: Record<string, string> = {},
    filename = 'danh-sach.csv',
  ) =>
    send(app, {
      method: 'POST',
      url: `/api/v1/communes/${code}/officials/import`,
      headers: { ...headers, ...extra },
      payload: { filename, contentBase64, dryRun: true },
    });
  const importCatalogue = (app: FastifyInstance, extra: Record<string, string> = {}) =>
    send(app, {
      method: 'POST',
      url: '/api/v1/procedures/import?dryRun=true',
      headers: { ...admin, ...extra },
      payload: catalogue as object,
    });

  beforeAll(async () => {
    t = await createTestApp(engine);
    [tranPhu, songTri, admin] = (await leaders(t, [TRAN_PHU, SONG_TRI])) as [
      Record<string, string>,
      Record<string, string>,
      Record<string, string>,
    ];
    catalogue = (await t.app.inject({ url: '/api/v1/procedures/export.json' })).json();
  });
  beforeEach(() => untilServing(t.app));
  afterAll(() => t?.close());

  it("refuses a commune's second import while one runs (409, Retry-After, why in both languages); another commune's goes ahead", async () => {
    const running = gate();
    const { held } = await hold(t.database.db, { commune: TRAN_PHU }, running);
    try {
      const vi = await importStaff(t.app, TRAN_PHU, tranPhu);
      expectBusy(vi, /./);
      expect(json<Problem>(vi).detail).toContain(`Đang có một lần nhập dữ liệu khác của xã ${TRAN_PHU}`);
      expectBusy(
        await importStaff(t.app, TRAN_PHU, tranPhu, SMALL, { 'accept-language': 'en' }),
        /Another import for commune 18100 is running/,
      );
      // Another commune, and the catalogue, are not held up by it.
      expectOk(await importStaff(t.app, SONG_TRI, songTri));
      expectOk(await importCatalogue(t.app));
    } finally {
      running.open();
      await held;
    }
    expectOk(await importStaff(t.app, TRAN_PHU, tranPhu));
  });

  it('lets one of two concurrent imports of one commune run and refuses the other; two communes run at once', async () => {
    const same = await Promise.all([
      importStaff(t.app, TRAN_PHU, tranPhu, workbook, {}, 'danh-sach.xlsx'),
      importStaff(t.app, TRAN_PHU, tranPhu, workbook, {}, 'danh-sach.xlsx'),
    ]);
    expect(same.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expectBusy(same.find((r) => r.statusCode === 409)!, /./);
    expect(json<{ rows: number; valid: boolean }>(same.find((r) => r.statusCode === 200)!)).toMatchObject({
      rows: 2000,
      valid: true,
    });

    await untilServing(t.app);
    const both = await Promise.all([
      importStaff(t.app, TRAN_PHU, tranPhu, LARGE),
      importStaff(t.app, SONG_TRI, songTri, LARGE),
    ]);
    expect(both.map((r) => r.statusCode)).toEqual([200, 200]);
  });

  it('holds the catalogue to one import at a time (it is system-wide)', async () => {
    const running = gate();
    const { held } = await hold(t.database.db, 'catalogue', running);
    try {
      expectBusy(await importCatalogue(t.app, { 'accept-language': 'en' }), /Another catalogue import/);
      expectOk(await importStaff(t.app, TRAN_PHU, tranPhu));
    } finally {
      running.open();
      await held;
    }
    expectOk(await importCatalogue(t.app));
  });

  it('frees the commune when an import fails', async () => {
    const bad = await send(t.app, {
      method: 'POST',
      url: `/api/v1/communes/${TRAN_PHU}/officials/import`,
      headers: tranPhu,
      payload: {
        filename: 'x.xlsx',
        contentBase64: Buffer.from('not a workbook').toString('base64'),
        dryRun: true,
      },
    });
    expect(bad.statusCode).toBe(400);
    await expect(
      withImportLock(t.database.db, { commune: TRAN_PHU }, () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    expectOk(await importStaff(t.app, TRAN_PHU, tranPhu));
  });

  // Registered on PostgreSQL only (PGlite is one process per data directory): a second instance on the same database.
  if (engine === 'postgres')
    describe('across two instances on one PostgreSQL database', () => {
      let b: { app: FastifyInstance; database: Database };
      let leaderA: Record<string, string>;
      let leaderB: Record<string, string>;
      let songTriB: Record<string, string>;
      let url: string;

      const importOn = (
        app: FastifyInstance,
        code: string,
        headers: Record<string, string>,
        content = SMALL,
        filename = 'danh-sach.csv',
      ) =>
        send(app, {
          method: 'POST',
          url: `/api/v1/communes/${code}/officials/import`,
          headers,
          payload: { filename, contentBase64: content, dryRun: true },
        });

      beforeAll(async () => {
        b = await secondInstance(t);
        url = (t.database.db as unknown as { $client: pg.Pool }).$client.options.connectionString!;
        leaderA = tranPhu;
        leaderB = await loginAs(b.app, `lanhdao.k${TRAN_PHU}`, PASSWORD);
        songTriB = await loginAs(b.app, `lanhdao.k${SONG_TRI}`, PASSWORD);
      });
      afterAll(async () => {
        await b?.app.close();
        await b?.database.close();
      });

      it('refuses on one instance the import of a commune the other is importing; other communes go ahead', async () => {
        const running = gate();
        const { held } = await hold(t.database.db, { commune: TRAN_PHU }, running); // on instance A
        try {
          expectBusy(await importOn(b.app, TRAN_PHU, leaderB), /./);
          expectOk(await importOn(b.app, SONG_TRI, songTriB));
        } finally {
          running.open();
          await held;
        }
        expectOk(await importOn(b.app, TRAN_PHU, leaderB));
      });

      it('lets one of two concurrent imports of one commune on the two instances run, and refuses the other', async () => {
        const results = await Promise.all([
          importOn(t.app, TRAN_PHU, leaderA, workbook, 'danh-sach.xlsx'),
          importOn(b.app, TRAN_PHU, leaderB, workbook, 'danh-sach.xlsx'),
        ]);
        expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
        await Promise.all([untilServing(t.app), untilServing(b.app)]);
        const both = await Promise.all([
          importOn(t.app, TRAN_PHU, leaderA, LARGE),
          importOn(b.app, SONG_TRI, songTriB, LARGE),
        ]);
        expect(both.map((r) => r.statusCode)).toEqual([200, 200]);
      });

      it('frees the commune when the instance holding it dies (its connection drops)', async () => {
        const other = new pg.Client({ connectionString: url });
        await other.connect();
        await other.query('select pg_advisory_lock($1, $2)', [IMPORT_LOCK_CLASS, Number(TRAN_PHU)]);
        expectBusy(await importOn(t.app, TRAN_PHU, leaderA), /./);
        const { rows } = await other.query<{ pid: number }>('select pg_backend_pid() as pid');
        const killer = new pg.Client({ connectionString: url });
        await killer.connect();
        other.on('error', () => {});
        await killer.query('select pg_terminate_backend($1, 5000)', [rows[0]!.pid]);
        await killer.end();
        await other.end().catch(() => {});
        expectOk(await importOn(t.app, TRAN_PHU, leaderA));
      });
    });
});
