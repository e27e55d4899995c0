/**
 * The one-stop centre's rehearsal mode (chế độ diễn tập): the leader switches it (another commune's leader and the
 * province officer cannot; never back on once the commune is live); a mock dossier is refused while it is off and,
 * while on, takes a DT- code from its own series — the official series goes on without a gap, and a real citizen's
 * dossier of the same day stays official. Mock dossiers are shown marked (list, dossier, public look-up, slip PDF)
 * and left out of the dashboard, the province overview and the queue tabs' official counts; archived at cutover,
 * they leave the lists unless asked for and stay readable by id.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { procedureByCode, type TestProcedure } from '../../../../tests/support/dossiers';
import { inTransaction, systemContext } from '../../db/transaction';
import { communeGoLive } from '../campaign/schema';
import { pdfText } from '../org/pdf-text';
import { queueTickets } from '../tickets/schema';
import { communeDashboard } from './dashboard';
import { provinceDossierOverview } from './province-overview';
import { archiveRehearsalDossiers } from './rehearsal';

type Intake = { id: string; code: string; rehearsal: boolean };
type Mode = {
  enabled: boolean;
  live: boolean;
  changedBy: string | null;
  dossiers: { id: string; code: string }[];
  activeTotal: number;
  archivedTotal: number;
};
type ListItem = { id: string; code: string; rehearsal: boolean; archivedAt: string | null };
type Tabs = { all: number; to_assign: number } & Record<string, number>;
type Counts = { counts: Tabs; rehearsal: Tabs };

const OFFICIAL = /^000\.00\.18100\.H42-(\d{6})-(\d{4,})$/;
const REHEARSAL = /^DT-000\.00\.18100\.H42-(\d{6})-(\d{4,})$/;

describe.each(ENGINES)('rehearsal mode of the one-stop centre on %s', (engine) => {
  let t: TestApp;
  let officer: Record<string, string>; // motcua.tranphu
  let leader: Record<string, string>; // lanhdao.tranphu
  let foreignLeader: Record<string, string>; // lanhdao.songtri
  let province: Record<string, string>; // tinh.hatinh
  let birth: TestProcedure;
  let n = 0;

  const applicant = () => {
    n += 1;
    return {
      fullName: 'Phan Thị Diễn Tập',
      idNumber: `04219977${String(n).padStart(4, '0')}`,
      phone: `09177${String(n).padStart(5, '0')}`,
      address: 'Phường Trần Phú, Hà Tĩnh',
    };
  };
  const intake = (extra: object = {}, headers = officer) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers,
      payload: {
        procedureId: birth.id,
        applicant: applicant(),
        receivingCommuneCode: '18100',
        competentCommuneCode: '18100',
        checklist: birth.requiredDocuments.map((_, index) => ({ index })),
        ...extra,
      },
    });
  const mode = (headers: Record<string, string>, code = '18100') =>
    t.app.inject({ method: 'GET', url: `/api/v1/communes/${code}/campaign/rehearsal-mode`, headers });
  const switchMode = (headers: Record<string, string>, enabled: unknown, code = '18100') =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/communes/${code}/campaign/rehearsal-mode`,
      headers,
      payload: { enabled },
    });
  const get = (url: string, headers = officer) => t.app.inject({ method: 'GET', url, headers });
  const list = async (query: string) =>
    json<{ items: ListItem[] }>(await get(`/api/v1/dossiers?${query}`)).items;
  const seq = (code: string) => Number((OFFICIAL.exec(code) ?? REHEARSAL.exec(code))![2]);

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    officer = await loginAs(t.app, 'motcua.tranphu');
    leader = await loginAs(t.app, 'lanhdao.tranphu');
    foreignLeader = await loginAs(t.app, 'lanhdao.songtri');
    province = await loginAs(t.app, 'tinh.hatinh');
    birth = await procedureByCode(t.database.db, '1.001193');
  });
  afterAll(() => t?.close());

  it('is off by default, and a mock dossier is refused while it is off (409 naming the field)', async () => {
    const res = json<Mode>(await mode(officer));
    expect(res.enabled).toBe(false);
    expect(res.live).toBe(false);
    const refused = await intake({ rehearsal: true });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('body.rehearsal');
  });

  it('only the commune leader switches it: another commune, the province, the officer get 403; bad input 400', async () => {
    expect((await switchMode(foreignLeader, true)).statusCode).toBe(403);
    expect((await switchMode(province, true)).statusCode).toBe(403);
    expect((await switchMode(officer, true)).statusCode).toBe(403);
    expect((await mode(foreignLeader)).statusCode).toBe(403);
    expect((await mode(province)).statusCode).toBe(200); // the province reads
    expect((await switchMode(leader, 'yes')).statusCode).toBe(400);
    expect((await switchMode(leader, true, '99999')).statusCode).toBeGreaterThanOrEqual(400);
    expect(json<Mode>(await mode(leader)).enabled).toBe(false);
  });

  it('switched on: a DT code from its own series, the official series without a gap, a real citizen stays official', async () => {
    const on = await switchMode(leader, true);
    expect(on.statusCode, on.body).toBe(200);
    expect(json<Mode>(on).enabled).toBe(true);
    expect(json<Mode>(on).changedBy).toBeTruthy();

    const first = await intake();
    expect(first.statusCode, first.body).toBe(201);
    const official1 = json<Intake>(first);
    expect(official1.code).toMatch(OFFICIAL);
    expect(official1.rehearsal).toBe(false);

    const mock1 = json<Intake>(await intake({ rehearsal: true }));
    const mock2 = json<Intake>(await intake({ rehearsal: true }));
    expect(mock1.code).toMatch(REHEARSAL);
    expect(mock1.rehearsal).toBe(true);
    expect(seq(mock2.code)).toBe(seq(mock1.code) + 1);

    // A real citizen the same day: official, the next number of the official series (no gap for the mocks).
    const official2 = json<Intake>(await intake({ rehearsal: false }));
    expect(official2.code).toMatch(OFFICIAL);
    expect(seq(official2.code)).toBe(seq(official1.code) + 1);

    // A mock dossier for another commune is refused (it would land in that commune's queues).
    const other = await intake({ rehearsal: true, competentCommuneCode: '18754' });
    expect(other.statusCode).toBe(400);
    expect(other.body).toContain('body.competentCommuneCode');

    const today = json<Mode>(await mode(leader));
    expect(today.dossiers.map((d) => d.code).sort()).toEqual([mock1.code, mock2.code].sort());
    expect(today.activeTotal).toBe(2);
  });

  it('online filings stay official whatever the mode', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/dossiers',
      payload: {
        procedureId: birth.id,
        applicant: applicant(),
        competentCommuneCode: '18100',
        checklist: birth.requiredDocuments.map((_, index) => ({ index })),
        rehearsal: true,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(json<{ code: string }>(res).code).toMatch(OFFICIAL);
  });

  it('is marked wherever it is shown, and left out of official counts and statistics', async () => {
    const db = t.database.db;
    const before = {
      dashboard: await communeDashboard(db, { communeCode: '18100' }),
      overview: (await provinceDossierOverview(db, '42')).communes.find((c) => c.code === '18100')!,
      counts: json<Counts>(await get('/api/v1/dossiers/queue-counts?communeCode=18100')),
    };
    const a = applicant();
    const mockRes = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: officer,
      payload: {
        procedureId: birth.id,
        applicant: a,
        receivingCommuneCode: '18100',
        competentCommuneCode: '18100',
        checklist: birth.requiredDocuments.map((_, index) => ({ index })),
        rehearsal: true,
      },
    });
    const mock = json<Intake>(mockRes);
    const after = {
      dashboard: await communeDashboard(db, { communeCode: '18100' }),
      overview: (await provinceDossierOverview(db, '42')).communes.find((c) => c.code === '18100')!,
      counts: json<Counts>(await get('/api/v1/dossiers/queue-counts?communeCode=18100')),
    };
    expect(after.dashboard.current.received).toBe(before.dashboard.current.received);
    expect(after.dashboard.current.inProgress).toBe(before.dashboard.current.inProgress);
    expect(after.dashboard.digitisation.counterReceived).toBe(before.dashboard.digitisation.counterReceived);
    expect(after.overview.open).toBe(before.overview.open);
    expect(after.counts.counts).toEqual(before.counts.counts);
    expect(after.counts.rehearsal.all).toBe(before.counts.rehearsal.all + 1);
    expect(after.counts.rehearsal.to_assign).toBe(before.counts.rehearsal.to_assign + 1);

    // The list shows it, marked; the filters leave it out or show it alone.
    const found = (await list(`q=${encodeURIComponent(mock.code)}`)).find((d) => d.id === mock.id);
    expect(found?.rehearsal).toBe(true);
    expect((await list('communeCode=18100&rehearsal=official&limit=200')).some((d) => d.rehearsal)).toBe(
      false,
    );
    const only = await list('communeCode=18100&rehearsal=rehearsal&limit=200');
    expect(only.length).toBeGreaterThanOrEqual(3);
    expect(only.every((d) => d.rehearsal)).toBe(true);

    // The dossier page, the public look-up and the receipt slip say DIỄN TẬP.
    expect(json<{ rehearsal: boolean }>(await get(`/api/v1/dossiers/${mock.id}`)).rehearsal).toBe(true);
    const pub = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/dossiers/${encodeURIComponent(mock.code.toLowerCase())}?verifier=${a.idNumber}`,
    });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(json<{ rehearsal: boolean }>(pub).rehearsal).toBe(true);
    const receipt = await get(`/api/v1/dossiers/${mock.id}/slips/receipt.pdf`);
    expect(receipt.statusCode).toBe(200);
    const text = pdfText(receipt.rawPayload).replace(/\s+/g, ' ');
    expect(text).toContain('DIỄN TẬP');
    expect(text).toContain(mock.code);
    // An official dossier's receipt has no such mark.
    const official = (await list('communeCode=18100&rehearsal=official&limit=1'))[0]!;
    const plain = await get(`/api/v1/dossiers/${official.id}/slips/receipt.pdf`);
    if (plain.statusCode === 200) expect(pdfText(plain.rawPayload)).not.toContain('DIỄN TẬP');
  });

  it('a transferred mock dossier is carried on as a mock one, in the rehearsal series; the counter’s guidance for one is marked', async () => {
    const mock = json<Intake>(await intake({ rehearsal: true }));
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${mock.id}/actions`,
      headers: officer,
      payload: { action: 'transfer', version: 1, toCommuneCode: '18754', reason: 'Diễn tập chuyển hồ sơ.' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const continued = json<{ continuedAs: { id: string; code: string } }>(res).continuedAs;
    expect(continued.code).toMatch(REHEARSAL);
    expect(seq(continued.code)).toBe(seq(mock.code) + 1);
    const carried = json<{ rehearsal: boolean }>(await get(`/api/v1/dossiers/${continued.id}`));
    expect(carried.rehearsal).toBe(true);

    const guidance = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers/guidance-slip.pdf',
      headers: officer,
      payload: {
        procedureId: birth.id,
        applicant: applicant(),
        receivingCommuneCode: '18100',
        competentCommuneCode: '18100',
        checklist: [],
        rehearsal: true,
      },
    });
    expect(guidance.statusCode, guidance.body).toBe(200);
    expect(pdfText(guidance.rawPayload)).toContain('DIỄN TẬP');
  });

  it('a queue ticket that served a mock dossier is marked and leaves the day’s wait figures', async () => {
    const db = t.database.db;
    const mock = json<Intake>(await intake({ rehearsal: true }));
    const stats = async () =>
      json<{ groups: { issued: number; served: number }[] }>(await get('/api/v1/communes/18100/queue/stats'))
        .groups;
    const issued = async () => (await stats()).reduce((n, g) => n + g.issued, 0);
    // Nobody else waits: the counter calls our ticket.
    await db.delete(queueTickets).where(eq(queueTickets.communeCode, '18100'));
    const queue = json<{ groups: { id: string }[]; counters: { id: string; groupIds: string[] }[] }>(
      await get('/api/v1/communes/18100/queue'),
    );
    const counter = queue.counters.find((c) => c.groupIds.length > 0)!;
    const taken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/queues/18100/tickets',
      headers: { 'x-forwarded-for': '203.0.113.77' },
      payload: { groupId: counter.groupIds[0] },
    });
    expect(taken.statusCode, taken.body).toBe(201);
    const before = await issued();
    expect(before).toBe(1);
    const called = json<{ ticket: { id: string } | null }>(
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/queue-counters/${counter.id}/call-next`,
        headers: officer,
      }),
    ).ticket!;
    const done = await t.app.inject({
      method: 'POST',
      url: `/api/v1/queue-tickets/${called.id}/finish`,
      headers: officer,
      payload: { outcome: 'served', dossierId: mock.id },
    });
    expect(done.statusCode, done.body).toBe(200);
    const [row] = await db.select().from(queueTickets).where(eq(queueTickets.id, called.id));
    expect(row).toMatchObject({ dossierId: mock.id, rehearsal: true });
    expect(await issued()).toBe(0);
  });

  it('archived at cutover: out of the lists unless asked for, still readable and marked; the mode cannot come back once live', async () => {
    const db = t.database.db;
    const active = json<Mode>(await mode(leader)).activeTotal;
    expect(active).toBeGreaterThanOrEqual(3);
    // As the cutover does, in its transaction with its audit entry.
    const { archived, ids } = await inTransaction(systemContext(db, 'test'), async (tx, audit) => {
      const result = await archiveRehearsalDossiers(tx, '18100', new Date());
      await audit({ action: 'test.cutover', entityType: 'commune', entityId: '18100', communeCode: '18100' });
      return result;
    });
    expect(archived).toBe(active);
    expect((await list('communeCode=18100&rehearsal=rehearsal&limit=200')).length).toBe(0);
    const withArchived = await list('communeCode=18100&rehearsal=rehearsal&archived=true&limit=200');
    expect(withArchived.map((d) => d.id).sort()).toEqual([...ids].sort());
    expect(withArchived.every((d) => d.archivedAt !== null)).toBe(true);
    const one = json<{ rehearsal: boolean; archivedAt: string | null }>(
      await get(`/api/v1/dossiers/${ids[0]}`),
    );
    expect(one.rehearsal).toBe(true);
    expect(one.archivedAt).not.toBeNull();
    const counts = json<Counts>(await get('/api/v1/dossiers/queue-counts?communeCode=18100'));
    expect(counts.rehearsal.all).toBe(0);
    expect(json<Mode>(await mode(leader)).archivedTotal).toBe(active);

    // Live: switching off is allowed, switching on again is refused with a clear 409.
    await db.insert(communeGoLive).values({
      communeCode: '18100',
      provinceCode: '42',
      status: 'live',
      liveFrom: '2025-07-01',
      wentLiveAt: new Date(),
      wentLiveBy: 'test',
    });
    expect((await switchMode(leader, false)).statusCode).toBe(200);
    const again = await switchMode(leader, true);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('vận hành chính thức');
    const state = json<Mode>(await mode(leader));
    expect(state).toMatchObject({ enabled: false, live: true });
    expect((await intake({ rehearsal: true })).statusCode).toBe(409);
  });
});
