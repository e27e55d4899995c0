import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { systemContext } from '../../db/transaction';
import { seedDemoDossiers } from '../../seed/demo-dossiers';
import { countAuditEntries } from '../audit/service';
import { listAccounts } from '../auth/accounts';
import { listProcedures } from '../procedures/service';
import { configureAgencyId } from './codes';
import { intakeDossier } from './intake';
import { dossierRatings } from './schema';
import { actOnDossier, type Caller } from './service';

type Intake = { id: string; code: string; dueDate: string; status: string; nationalStatusCode: number };
type View = {
  id: string;
  version: number;
  status: string;
  dueDate: string;
  initialDueDate: string;
  assigneeId: string | null;
  lateness: { remainingWorkingDays: number } | null;
  history: { action: string }[];
};
type Proc = {
  id: string;
  code: string;
  timeLimit: { kind: string; days?: number };
  requiredDocuments: unknown[];
};

const vn = (local: string) => new Date(`${local}+07:00`);
const CODE = /^000\.00\.18100\.H42-(\d{6})-(\d{4})$/;

describe.each(ENGINES)('one-stop dossiers on %s', (engine) => {
  let t: TestApp;
  let officer: Record<string, string>; // motcua.tranphu
  let specialist: Record<string, string>; // chuyenvien.tranphu
  let leader: Record<string, string>; // lanhdao.tranphu
  let foreign: Record<string, string>; // motcua.songtri
  let sameDay: Proc; // Đăng ký khai sinh
  let inDays: Proc; // a procedure with a limit in working days
  let callers: Record<'officer' | 'specialist' | 'leader', Caller>;

  const applicant = (n: number) => ({
    fullName: 'Nguyễn Thị Hoà Bình',
    idNumber: `0420980${String(n).padStart(5, '0')}`,
    phone: `0912${String(n).padStart(6, '0')}`,
    address: 'Số 5, đường Trần Phú, phường Trần Phú, Hà Tĩnh',
  });
  const body = (p: Proc, n: number, extra: object = {}) => ({
    procedureId: p.id,
    applicant: applicant(n),
    receivingCommuneCode: '18100',
    competentCommuneCode: '18100',
    channel: 'counter',
    checklist: p.requiredDocuments.map((_, index) => ({ index })),
    ...extra,
  });
  const intake = (payload: object, headers = officer) =>
    t.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers, payload });
  const act = (id: string, headers: Record<string, string>, payload: object) =>
    t.app.inject({ method: 'POST', url: `/api/v1/dossiers/${id}/actions`, headers, payload });
  const caller = async (username: string): Promise<Caller> => {
    const a = (await listAccounts(t.database.db, { q: username, limit: 5 })).items.find(
      (x) => x.username === username,
    )!;
    return { accountId: a.id, grants: a.grants };
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    officer = await loginAs(t.app, 'motcua.tranphu');
    specialist = await loginAs(t.app, 'chuyenvien.tranphu');
    leader = await loginAs(t.app, 'lanhdao.tranphu');
    foreign = await loginAs(t.app, 'motcua.songtri');
    const all = (await listProcedures(t.database.db, {})) as unknown as Proc[];
    sameDay = all.find((p) => p.code === '1.001193')!;
    // Not one another agency receives (residence: the commune police; intake refuses those).
    inDays = all.find(
      (p) =>
        p.timeLimit.kind === 'working_days' &&
        p.timeLimit.days === 3 &&
        !(p as { outsideWorkflow?: unknown }).outsideWorkflow,
    )!;
    callers = {
      officer: await caller('motcua.tranphu'),
      specialist: await caller('chuyenvien.tranphu'),
      leader: await caller('lanhdao.tranphu'),
    };
  });
  afterAll(() => t?.close());

  it('seeds demo dossiers in both demo communes across states, once', async () => {
    const all = async (headers: Record<string, string>) =>
      json<{ items: { status: string; communeCode: string }[] }>(
        await t.app.inject({ method: 'GET', url: '/api/v1/dossiers?limit=200', headers }),
      ).items;
    const tranPhu = await all(leader);
    expect(new Set(tranPhu.map((d) => d.status))).toEqual(
      new Set([
        'submitted_online',
        'received',
        'assigned',
        'in_processing',
        'supplement_requested',
        'submitted_for_approval',
        'approved',
        'rejected',
        'result_ready',
        'returned',
        'withdrawn',
      ]),
    );
    expect((await all(foreign)).length).toBeGreaterThanOrEqual(15);
    expect(
      await seedDemoDossiers(systemContext(t.database.db, 'again'), () => {}, { scale: 'small' }),
    ).toEqual({ created: 0 });
  });

  it('receives a complete dossier: code in the national shape, status 2, audited', async () => {
    const before = await countAuditEntries(t.database.db, 'dossier');
    const res = await intake(body(inDays, 1));
    expect(res.statusCode).toBe(201);
    const d = json<Intake>(res);
    expect(d.code).toMatch(CODE);
    expect(d).toMatchObject({ status: 'received', nationalStatusCode: 2 });
    expect(d.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await countAuditEntries(t.database.db, 'dossier')).toBe(before + 1);
  });

  it('refuses an incomplete dossier, naming exactly the missing documents', async () => {
    const res = await intake(
      body(sameDay, 2, { checklist: [{ index: 0 }, { index: 2, status: 'not_applicable' }] }),
    );
    expect(res.statusCode).toBe(400);
    const p = json<{ detail: string; errors: { field: string; message: string }[] }>(res);
    expect(p.errors.map((e) => e.field)).toEqual(['body.checklist.1']);
    expect(p.detail).toContain('Giấy chứng sinh');
  });

  it('never gives two counters the same code (10 intakes at once), sequences without gaps', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => intake(body(inDays, 100 + i))));
    expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    const codes = results.map((r) => json<Intake>(r).code);
    expect(new Set(codes).size).toBe(10);
    const seqs = codes.map((c) => Number(CODE.exec(c)![2])).sort((a, b) => a - b);
    expect(seqs[9]! - seqs[0]!).toBe(9);
  });

  it('honours Idempotency-Key: the same request gives the same dossier; another request with it is a conflict', async () => {
    const headers = { ...officer, 'idempotency-key': 'counter-1-request-0001' };
    const first = await intake(body(inDays, 200), headers);
    const again = await intake(body(inDays, 200), headers);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(json<Intake>(again)).toEqual(json<Intake>(first));
    const other = await intake(body(inDays, 201), headers);
    expect(other.statusCode).toBe(409);
  });

  it('computes the due date from the calendar: same day, after 15:00 the next working day', async () => {
    const ctx = systemContext(t.database.db, 'test');
    const at = (now: Date, n: number) =>
      intakeDossier(ctx, callers.officer, body(sameDay, n) as never, { now });
    expect((await at(vn('2026-03-02T14:59:00'), 300)).dueDate).toBe('2026-03-02');
    expect((await at(vn('2026-03-02T15:01:00'), 301)).dueDate).toBe('2026-03-03');
    expect((await at(vn('2026-03-06T15:30:00'), 302)).dueDate).toBe('2026-03-09'); // Friday → Monday
    const days = await intakeDossier(ctx, callers.officer, body(inDays, 303) as never, {
      now: vn('2026-03-06T09:00:00'),
    });
    expect(days.dueDate).toBe('2026-03-11'); // Fri + 3 working days
    expect(days.code).toMatch(/-260306-\d{4}$/);
  });

  it('uses the agency e-ID configured for the commune in new codes', async () => {
    const ctx = systemContext(t.database.db, 'test');
    await configureAgencyId(ctx, '18100', 'H42.10.99');
    const d = await intakeDossier(ctx, callers.officer, body(inDays, 350) as never, {
      now: vn('2026-03-09T09:00:00'),
    });
    expect(d.code).toMatch(/^H42\.10\.99-260309-\d{4}$/);
    await expect(configureAgencyId(ctx, '18100', 'bad id')).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await configureAgencyId(ctx, '18100', '000.00.18100.H42');
  });

  it('stops the clock while waiting for a supplement and shifts the due date by the days waited', async () => {
    const ctx = systemContext(t.database.db, 'test');
    const d = await intakeDossier(ctx, callers.officer, body(inDays, 400) as never, {
      now: vn('2026-03-02T09:00:00'),
    });
    expect(d.dueDate).toBe('2026-03-05');
    let v = await actOnDossier(
      ctx,
      callers.officer,
      d.id,
      { action: 'assign', version: 1, assigneeId: callers.specialist.accountId },
      { now: vn('2026-03-02T09:30:00') },
    );
    v = await actOnDossier(
      ctx,
      callers.specialist,
      d.id,
      { action: 'start_processing', version: v.version },
      {
        now: vn('2026-03-02T10:00:00'),
      },
    );
    v = await actOnDossier(
      ctx,
      callers.specialist,
      d.id,
      {
        action: 'request_supplement',
        version: v.version,
        reason: 'Thiếu giấy tờ',
        items: ['Bản sao sổ hộ khẩu'],
      },
      { now: vn('2026-03-02T11:00:00') },
    );
    expect(v.status).toBe('supplement_requested');
    v = await actOnDossier(
      ctx,
      callers.specialist,
      d.id,
      { action: 'supplement_received', version: v.version },
      {
        now: vn('2026-03-05T08:00:00'),
      },
    );
    expect(v.status).toBe('in_processing');
    expect(v.initialDueDate).toBe('2026-03-05');
    expect(v.dueDate).toBe('2026-03-10'); // waited Tue, Wed, Thu: 3 working days later
  });

  it('walks the lifecycle through three users and refuses a stale version with the fresh state (409)', async () => {
    const { id } = json<Intake>(await intake(body(inDays, 500)));
    const get = async () =>
      json<View>(await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: officer }));
    const specialistId = callers.specialist.accountId;
    let res = await act(id, officer, { action: 'assign', version: 1, assigneeId: specialistId });
    expect(res.statusCode).toBe(200);
    res = await act(id, specialist, { action: 'start_processing', version: 2 });
    expect(json<View>(res).status).toBe('in_processing');

    const [a, b] = await Promise.all([
      act(id, specialist, { action: 'submit_for_approval', version: 3 }),
      act(id, specialist, { action: 'submit_for_approval', version: 3 }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const conflict = json<{ code: string; current: View }>(a.statusCode === 409 ? a : b);
    expect(conflict.code).toBe('conflict');
    expect(conflict.current).toMatchObject({ version: 4, status: 'submitted_for_approval' });

    expect((await act(id, officer, { action: 'approve', version: 4 })).statusCode).toBe(403);
    expect((await act(id, leader, { action: 'approve', version: 4 })).statusCode).toBe(200);
    expect((await act(id, specialist, { action: 'mark_result_ready', version: 5 })).statusCode).toBe(200);
    expect((await act(id, officer, { action: 'return_result', version: 6 })).statusCode).toBe(200);
    const done = await get();
    expect(done).toMatchObject({ status: 'returned', version: 7 });
    expect(done.history.map((h) => h.action)).toEqual([
      'receive',
      'assign',
      'start_processing',
      'submit_for_approval',
      'approve',
      'mark_result_ready',
      'return_result',
    ]);
  });

  it('lists the work queues of the caller, searchable without diacritics', async () => {
    const { id } = json<Intake>(await intake(body(inDays, 600)));
    await act(id, officer, { action: 'assign', version: 1, assigneeId: callers.specialist.accountId });
    const mine = json<{ items: { id: string }[] }>(
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/dossiers?queue=mine&limit=200',
        headers: specialist,
      }),
    );
    expect(mine.items.map((d) => d.id)).toContain(id);
    const search = json<{ items: { id: string; communeCode: string }[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/dossiers?q=hoa%20binh&limit=200', headers: officer }),
    );
    expect(search.items.map((d) => d.id)).toContain(id);
    const other = json<{ items: { communeCode: string; receivingCommuneCode: string }[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/dossiers?limit=200', headers: foreign }),
    );
    // Its own dossiers, and those its centre received for another commune (phi địa giới).
    expect(other.items.every((d) => d.communeCode === '18754' || d.receivingCommuneCode === '18754')).toBe(
      true,
    );
    expect(other.items.some((d) => d.communeCode === '18100')).toBe(true);
    const page = json<{ items: unknown[]; nextCursor: string }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/dossiers?limit=2', headers: officer }),
    );
    expect(page.items).toHaveLength(2);
    const next = await t.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers?limit=2&cursor=${page.nextCursor}`,
      headers: officer,
    });
    expect(json<{ items: unknown[] }>(next).items).toHaveLength(2);
  });

  it("keeps another commune's officials out: 404 on its dossiers, 403 on receiving for it", async () => {
    const { id } = json<Intake>(await intake(body(inDays, 700)));
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: foreign })).statusCode,
    ).toBe(404);
    expect(
      (await act(id, foreign, { action: 'assign', version: 1, assigneeId: callers.specialist.accountId }))
        .statusCode,
    ).toBe(404);
    expect((await intake(body(inDays, 701), foreign)).statusCode).toBe(403);
  });

  it('shows the public status for the right pair only; a wrong verifier answers like an unknown code', async () => {
    const d = json<Intake>(await intake(body(inDays, 800)));
    const look = (code: string, verifier: string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/public/dossiers/${encodeURIComponent(code)}?verifier=${verifier}`,
      });
    const ok = await look(d.code.toLowerCase(), applicant(800).idNumber);
    expect(ok.statusCode).toBe(200);
    const status = json<Record<string, unknown>>(ok);
    expect(status).toMatchObject({ code: d.code, status: 'received', nationalStatusCode: 2, missing: [] });
    expect(JSON.stringify(status)).not.toContain('Nguyễn Thị Hoà Bình');
    expect((await look(d.code, applicant(800).phone)).statusCode).toBe(200);

    const wrong = await look(d.code, '000000000000');
    const unknownCode = await look('000.00.18100.H42-990101-0001', applicant(800).idNumber);
    expect(wrong.statusCode).toBe(404);
    const strip = (r: typeof wrong) => {
      const { instance: _i, ...rest } = json<Record<string, unknown>>(r);
      return rest;
    };
    expect(strip(wrong)).toEqual(strip(unknownCode));
  });

  const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });
  const online = (n: number, extra: object = {}) => ({
    procedureId: inDays.id,
    applicant: applicant(n),
    competentCommuneCode: '18100',
    checklist: inDays.requiredDocuments.map((_, index) => ({ index })),
    ...extra,
  });
  const submit = (payload: object) =>
    t.app.inject({ method: 'POST', url: '/api/v1/public/dossiers', payload });
  const idOf = async (code: string) =>
    json<{ items: { id: string; code: string }[] }>(
      await get(`/api/v1/dossiers?q=${encodeURIComponent(code)}&limit=5`, officer),
    ).items.find((d) => d.code === code)!.id;

  it('takes an online submission without an account (status 1), then the counter receives it and the public page finds it', async () => {
    const res = await submit(online(1000));
    expect(res.statusCode).toBe(201);
    const s = json<{
      code: string;
      status: string;
      nationalStatusCode: number;
      verifierHint: { vi: string };
    }>(res);
    expect(s).toMatchObject({ status: 'submitted_online', nationalStatusCode: 1 });
    expect(s.code).toMatch(CODE);
    expect(s.verifierHint.vi).toContain('số điện thoại');
    const keyed = (n: number) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/public/dossiers',
        headers: { 'idempotency-key': 'online-form-0001' },
        payload: online(n),
      });
    const [k1, k2] = [await keyed(1003), await keyed(1003)];
    expect(k1.statusCode).toBe(201);
    expect(json<{ code: string }>(k2).code).toBe(json<{ code: string }>(k1).code);
    expect((await submit(online(1001, { checklist: [] }))).statusCode).toBe(400);
    const { phone, ...noPhone } = applicant(1002);
    expect((await submit(online(1002, { applicant: noPhone }))).statusCode).toBe(400);

    const id = await idOf(s.code);
    const queue = json<{ items: { id: string }[] }>(
      await get('/api/v1/dossiers?queue=to_receive&limit=200', officer),
    );
    expect(queue.items.map((d) => d.id)).toContain(id);
    const received = await act(id, officer, { action: 'receive', version: 1 });
    expect(received.statusCode).toBe(200);
    const v = json<View & { nationalStatusCode: number; channel: string }>(received);
    expect(v).toMatchObject({ status: 'received', nationalStatusCode: 2, channel: 'online', version: 2 });
    expect(v.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(v.history.map((h) => h.action)).toEqual(['submit_online', 'receive']);

    const look = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/dossiers/${encodeURIComponent(s.code)}?verifier=${applicant(1000).phone}`,
    });
    expect(look.statusCode).toBe(200);
    expect(json<{ status: string; timeline: unknown[] }>(look)).toMatchObject({ status: 'received' });
    expect(json<{ timeline: unknown[] }>(look).timeline).toHaveLength(2);
  });

  it('takes one satisfaction rating per dossier, only after return; a wrong verifier answers like an unknown code', async () => {
    const d = json<Intake>(await intake(body(inDays, 1500)));
    const rate = (code: string, verifier: string, payload: object) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/public/dossiers/${encodeURIComponent(code)}/rating?verifier=${verifier}`,
        payload,
      });
    const phone = applicant(1500).phone;
    expect((await rate(d.code, phone, { rating: 'satisfied' })).statusCode).toBe(409);
    let v = 1;
    for (const [who, action, extra] of [
      [officer, 'assign', { assigneeId: callers.specialist.accountId }],
      [specialist, 'start_processing', {}],
      [specialist, 'submit_for_approval', {}],
      [leader, 'approve', {}],
      [specialist, 'mark_result_ready', {}],
      [officer, 'return_result', {}],
    ] as const) {
      expect((await act(d.id, who, { action, version: v, ...extra })).statusCode).toBe(200);
      v += 1;
    }
    const status = async () =>
      json<{ canRate: boolean; rating: string | null }>(
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/public/dossiers/${encodeURIComponent(d.code)}?verifier=${phone}`,
        }),
      );
    expect(await status()).toMatchObject({ canRate: true, rating: null });
    const strip = (r: { json: () => unknown }) => {
      const { instance: _i, ...rest } = r.json() as Record<string, unknown>;
      return rest;
    };
    const wrong = await rate(d.code, '0999999999', { rating: 'unsatisfied' });
    const unknownCode = await rate('000.00.18100.H42-990101-0001', phone, { rating: 'unsatisfied' });
    expect(wrong.statusCode).toBe(404);
    expect(strip(wrong)).toEqual(strip(unknownCode));

    const ok = await rate(d.code, applicant(1500).idNumber, {
      rating: 'satisfied',
      comment: 'Cán bộ tận tình',
    });
    expect(ok.statusCode).toBe(201);
    expect(json<{ rating: string; comment: string }>(ok)).toMatchObject({
      rating: 'satisfied',
      comment: 'Cán bộ tận tình',
    });
    expect(await status()).toMatchObject({ canRate: false, rating: 'satisfied' });
    expect((await rate(d.code, phone, { rating: 'neutral' })).statusCode).toBe(409);
    expect((await rate(d.code, phone, { rating: 'great' })).statusCode).toBe(400);
    const [stored] = await t.database.db
      .select()
      .from(dossierRatings)
      .where(eq(dossierRatings.dossierId, d.id));
    expect(stored).toMatchObject({
      rating: 'satisfied',
      comment: 'Cán bộ tận tình',
      communeCode: '18100',
      returnedBy: callers.officer.accountId,
    });
  });
});
