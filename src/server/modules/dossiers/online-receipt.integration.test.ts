/**
 * Online filings: "received at" means received (the centre's `receive`, the submission time kept apart, the due
 * date from receipt — after 15:00, at a weekend, on a holiday), the refusal or rejection reason on the look-up,
 * and only communes that use XãSố take online filings.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { procedureByCode, type TestProcedure } from '../../../../tests/support/dossiers';
import { systemContext } from '../../db/transaction';
import { listAccounts } from '../auth/accounts';
import { pdfText } from '../org/pdf-text';
import { submitOnline } from './intake';
import { dossiers } from './schema';
import { actOnDossier, type Caller } from './service';

const vn = (local: string) => new Date(`${local}+07:00`);
type Problem = { status: number; code: string; detail: string; errors?: { field: string }[] };
type Lookup = {
  status: string;
  receivedAt: string | null;
  submittedAt: string | null;
  dueDate: string | null;
  decision: { kind: string; reason: string; at: string } | null;
};

describe.each(ENGINES)('online filings on %s', (engine) => {
  let t: TestApp;
  let officer: Record<string, string>;
  let specialistHeaders: Record<string, string>;
  let leaderHeaders: Record<string, string>;
  let birth: TestProcedure; // Đăng ký khai sinh: due the same day, the next working day after 15:00
  let counter: Caller;
  let n = 0;

  const applicant = () => {
    n += 1;
    return {
      fullName: 'Phan Thị Nhận Đúng',
      idNumber: `04219700${String(n).padStart(4, '0')}`,
      phone: `0967${String(n).padStart(6, '0')}`,
      address: 'Số 9, đường Hà Huy Tập, phường Trần Phú, Hà Tĩnh',
    };
  };
  const filing = (who = applicant(), communeCode = '18100') => ({
    procedureId: birth.id,
    applicant: who,
    competentCommuneCode: communeCode,
    checklist: birth.requiredDocuments.map((_, index) => ({ index, status: 'received' as const })),
  });
  const lookup = async (code: string, verifier: string) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/dossiers/${encodeURIComponent(code)}?verifier=${encodeURIComponent(verifier)}`,
    });
    expect(res.statusCode).toBe(200);
    return json<Lookup>(res);
  };
  const rowOf = async (code: string) =>
    (await t.database.db.select().from(dossiers).where(eq(dossiers.code, code)))[0]!;

  /** Files online at `filedAt`, then the counter receives it at `receivedAt` (both pinned). */
  const fileAndReceive = async (filedAt: Date, receivedAt: Date) => {
    const ctx = systemContext(t.database.db, 'test');
    const who = applicant();
    const filed = await submitOnline(ctx, filing(who) as never, { now: filedAt });
    const row = await rowOf(filed.code);
    const view = await actOnDossier(
      ctx,
      counter,
      row.id,
      { action: 'receive', version: row.version },
      {
        now: receivedAt,
      },
    );
    return { filed, view, row: await rowOf(filed.code), who };
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    officer = await loginAs(t.app, 'motcua.tranphu');
    specialistHeaders = await loginAs(t.app, 'chuyenvien.tranphu');
    leaderHeaders = await loginAs(t.app, 'lanhdao.tranphu');
    birth = await procedureByCode(t.database.db, '1.001193');
    const a = (await listAccounts(t.database.db, { q: 'motcua.tranphu', limit: 5 })).items.find(
      (x) => x.username === 'motcua.tranphu',
    )!;
    counter = { accountId: a.id, grants: a.grants };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps the submission time apart; before receipt the look-up has no time of receipt and no due date', async () => {
    const ctx = systemContext(t.database.db, 'test');
    const who = applicant();
    const filed = await submitOnline(ctx, filing(who) as never, { now: vn('2026-03-02T09:00:00') });
    // The confirmation names the commune and the procedure, and the due date if received on the day of filing.
    expect(filed).toMatchObject({
      commune: { code: '18100', name: 'Phường Trần Phú', provinceName: 'Hà Tĩnh' },
      procedureName: 'Đăng ký khai sinh',
      submittedAt: vn('2026-03-02T09:00:00').toISOString(),
      expectedDueDate: '2026-03-02',
    });
    const row = await rowOf(filed.code);
    expect(row.submittedAt?.toISOString()).toBe(vn('2026-03-02T09:00:00').toISOString());
    const seen = await lookup(filed.code, who.phone);
    expect(seen).toMatchObject({
      status: 'submitted_online',
      receivedAt: null,
      dueDate: null,
      decision: null,
    });
    expect(seen.submittedAt).toBe(vn('2026-03-02T09:00:00').toISOString());
  });

  it('counts from receipt after 15:00: filed at 09:00, received at 15:30 → due the next working day', async () => {
    const { view, row, filed, who } = await fileAndReceive(
      vn('2026-03-02T09:00:00'),
      vn('2026-03-02T15:30:00'),
    );
    expect(row.receivedAt.toISOString()).toBe(vn('2026-03-02T15:30:00').toISOString());
    expect(row.submittedAt?.toISOString()).toBe(vn('2026-03-02T09:00:00').toISOString());
    expect(row.dueDate).toBe('2026-03-03');
    expect(view).toMatchObject({
      receivedAt: vn('2026-03-02T15:30:00').toISOString(),
      submittedAt: vn('2026-03-02T09:00:00').toISOString(),
      dueDate: '2026-03-03',
    });
    const seen = await lookup(filed.code, who.idNumber);
    expect(seen.receivedAt).toBe(vn('2026-03-02T15:30:00').toISOString());
    expect(seen.submittedAt).toBe(vn('2026-03-02T09:00:00').toISOString());
    // The officials' page and the receipt slip say the time of receipt.
    const page = await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${row.id}`, headers: officer });
    expect(json<{ receivedAt: string; submittedAt: string }>(page)).toMatchObject({
      receivedAt: vn('2026-03-02T15:30:00').toISOString(),
      submittedAt: vn('2026-03-02T09:00:00').toISOString(),
    });
    const slip = await t.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers/${row.id}/slips/receipt.pdf`,
      headers: officer,
    });
    expect(slip.statusCode).toBe(200);
    expect((await pdfText(slip.rawPayload)).replace(/\s+/g, ' ')).toContain('15 giờ 30');
    // The queue's date-of-receipt filter finds it on the day it was received.
    const queue = await t.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers?communeCode=18100&receivedFrom=2026-03-02&receivedTo=2026-03-02&q=${encodeURIComponent(filed.code)}`,
      headers: officer,
    });
    expect(json<{ items: { code: string }[] }>(queue).items.map((i) => i.code)).toEqual([filed.code]);
  });

  it('counts from receipt at a weekend: filed on Friday, received on Saturday → due on Monday', async () => {
    const { row } = await fileAndReceive(vn('2026-03-06T10:00:00'), vn('2026-03-07T09:00:00'));
    expect(row.receivedAt.toISOString()).toBe(vn('2026-03-07T09:00:00').toISOString());
    expect(row.dueDate).toBe('2026-03-09'); // filed Friday morning: it would have been due that Friday
  });

  it('counts from receipt on a holiday: received during Tết → due on the first working day after it', async () => {
    const { row } = await fileAndReceive(vn('2026-02-13T10:00:00'), vn('2026-02-16T09:00:00'));
    expect(row.receivedAt.toISOString()).toBe(vn('2026-02-16T09:00:00').toISOString());
    expect(row.dueDate).toBe('2026-02-23');
  });

  it('shows the citizen the reason of a refusal at intake', async () => {
    const who = applicant();
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/dossiers', payload: filing(who) });
    expect(res.statusCode).toBe(201);
    const { code } = json<{ code: string }>(res);
    const row = await rowOf(code);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${row.id}/actions`,
      headers: officer,
      payload: { action: 'refuse_intake', version: row.version, reason: 'Giấy chứng sinh không rõ chữ.' },
    });
    expect(refused.statusCode).toBe(200);
    const seen = await lookup(code, who.phone);
    expect(seen.status).toBe('refused');
    expect(seen.decision).toMatchObject({ kind: 'refused', reason: 'Giấy chứng sinh không rõ chữ.' });
  });

  it('shows the citizen the reason of a rejection after processing, also once the answer is returned', async () => {
    const who = applicant();
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/dossiers', payload: filing(who) });
    const { code } = json<{ code: string }>(res);
    const id = (await rowOf(code)).id;
    const specialistId = (
      await listAccounts(t.database.db, { q: 'chuyenvien.tranphu', limit: 5 })
    ).items.find((x) => x.username === 'chuyenvien.tranphu')!.id;
    const step = async (headers: Record<string, string>, payload: object) => {
      const version = (await rowOf(code)).version;
      const r = await t.app.inject({
        method: 'POST',
        url: `/api/v1/dossiers/${id}/actions`,
        headers,
        payload: { version, ...payload },
      });
      expect({ payload, status: r.statusCode }).toEqual({ payload, status: 200 });
    };
    await step(officer, { action: 'receive' });
    await step(officer, { action: 'assign', assigneeId: specialistId });
    await step(specialistHeaders, { action: 'start_processing' });
    await step(specialistHeaders, { action: 'submit_for_approval' });
    await step(leaderHeaders, { action: 'reject', reason: 'Người yêu cầu không có quyền đăng ký cho trẻ.' });
    const reason = { kind: 'rejected', reason: 'Người yêu cầu không có quyền đăng ký cho trẻ.' };
    expect((await lookup(code, who.phone)).decision).toMatchObject(reason);
    await step(officer, { action: 'mark_result_ready' });
    await step(officer, { action: 'return_result' });
    const seen = await lookup(code, who.phone);
    expect(seen.status).toBe('returned');
    expect(seen.decision).toMatchObject(reason);
  });

  it('lists the communes that take online filings by province, and refuses a commune that does not use XãSố', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/public/online-communes' });
    expect(res.statusCode).toBe(200);
    const { provinces } = json<{
      provinces: { code: string; name: string; communes: { code: string; name: string }[] }[];
    }>(res);
    const hatinh = provinces.find((p) => p.code === '42')!;
    expect(hatinh.name).toBe('Hà Tĩnh');
    expect(hatinh.communes.map((c) => c.code)).toEqual(expect.arrayContaining(['18100', '18754']));
    const offered = provinces.flatMap((p) => p.communes.map((c) => c.code));
    // A commune of the map that does not use XãSố (not activated in the demo).
    const map = await t.app.inject({ method: 'GET', url: '/api/v1/provinces/42/communes' });
    const all = json<{ items?: { code: string }[] } | { code: string }[]>(map);
    const codes = (Array.isArray(all) ? all : (all.items ?? [])).map((c) => c.code);
    const idle = codes.find((c) => !offered.includes(c))!;
    expect(codes.length).toBeGreaterThan(offered.length);

    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/dossiers',
      payload: filing(applicant(), idle),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const p = json<Problem>(refused);
    expect(p.errors?.map((e) => e.field)).toEqual(['body.competentCommuneCode']);
    expect(p.detail).toContain('chưa tiếp nhận hồ sơ trực tuyến');
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/dossiers',
      headers: { 'accept-language': 'en' },
      payload: filing(applicant(), idle),
    });
    expect(json<Problem>(en).detail).toContain('does not take online filings');
    const count = await t.database.db.select().from(dossiers).where(eq(dossiers.communeCode, idle));
    expect(count).toEqual([]);
  });

  it('takes the phone as people write it (+84 and spaces) and finds the dossier by it', async () => {
    const who = { ...applicant(), phone: '+84 912 345 678' };
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/dossiers', payload: filing(who) });
    expect(res.statusCode).toBe(201);
    const { code } = json<{ code: string }>(res);
    expect((await rowOf(code)).applicantPhone).toBe('0912345678');
    expect((await lookup(code, '0912.345.678')).status).toBe('submitted_online');
  });
});
