/**
 * The outbox through the app, on both engines: the one-stop lifecycle queues the applicant's messages in its own
 * transaction (received at the counter and online, supplement requested, result ready, appointment moved by an
 * extension and by a recorded holiday) and none for a rehearsal dossier; the administrators' list is scoped by
 * rights (leader: own commune; province officer: own province; system administrator: all), masks recipients,
 * filters, counts per status and pages; a failed message is retried (audited), other states refused.
 */
import { and, eq, ne } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { procedureByCode, type TestProcedure } from '../../../../tests/support/dossiers';
import type { NotificationItem, NotificationList } from '../../../common/api/notifications';
import { systemContext } from '../../db/transaction';
import { auditEntries } from '../audit/schema';
import { listAccounts } from '../auth/accounts';
import { intakeDossier, submitOnline } from '../dossiers/intake';
import { dossiers } from '../dossiers/schema';
import { actOnDossier, type Caller } from '../dossiers/service';
import { listProcedures } from '../procedures/service';
import { communes } from '../units/schema';
import { notificationOutbox } from './schema';

type Headers = Record<string, string>;
type Problem = { status: number; errors?: { field: string }[] };
const vn = (local: string) => new Date(`${local}+07:00`);

describe.each(ENGINES)('the notification outbox in the app on %s', { timeout: 120_000 }, (engine) => {
  let t: TestApp;
  let admin: Headers;
  let leader: Headers;
  let foreignLeader: Headers;
  let province: Headers;
  let officer: Headers;
  let birth: TestProcedure;
  let inDays: TestProcedure;
  const callers: Record<string, Caller> = {};
  let foreignCommune: string;
  let n = 0;

  const applicant = () => {
    n += 1;
    return {
      fullName: 'Lê Thị Thông Báo',
      idNumber: `04219800${String(n).padStart(4, '0')}`,
      phone: `0915${String(n).padStart(6, '0')}`,
      address: 'Số 3, đường Phan Đình Phùng, phường Trần Phú, Hà Tĩnh',
    };
  };
  const intakeBody = (p: TestProcedure, extra: object = {}) => ({
    procedureId: p.id,
    applicant: applicant(),
    receivingCommuneCode: '18100',
    competentCommuneCode: '18100',
    channel: 'counter' as const,
    checklist: p.requiredDocuments.map((_, index) => ({ index, status: 'received' as const })),
    ...extra,
  });
  const rowsOf = (dossierId: string) =>
    t.database.db
      .select()
      .from(notificationOutbox)
      .where(eq(notificationOutbox.sourceId, dossierId))
      .orderBy(notificationOutbox.id);
  const templatesOf = async (dossierId: string) => (await rowsOf(dossierId)).map((r) => r.template);
  const ctx = () => systemContext(t.database.db, 'test');
  const act = (who: Caller, id: string, req: object, local: string) =>
    actOnDossier(ctx(), who, id, req as never, { now: vn(local) });
  const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers });
  const post = (url: string, headers: Headers, payload?: object) =>
    t.app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) });
  const list = async (query: string, headers: Headers) => {
    const res = await get(`/api/v1/notifications${query}`, headers);
    expect(res.statusCode, res.body).toBe(200);
    return json<NotificationList>(res);
  };
  /** Rows queued directly (as another module would), for the list's scoping, filters and paging. */
  const seedRows = async (rows: Partial<typeof notificationOutbox.$inferInsert>[]) => {
    const ids: string[] = [];
    for (const r of rows) {
      const id = uuidv7();
      ids.push(id);
      await t.database.db.insert(notificationOutbox).values({
        id,
        communeCode: '18100',
        channel: 'email',
        recipient: 'nguoi.nhan@example.vn',
        subject: 'Trả lời phản ánh PA-18100-251203-0001',
        body: 'Nội dung riêng tư',
        template: 'feedback.answered',
        sourceType: 'feedback_report',
        sourceId: uuidv7(),
        ...r,
      });
    }
    return ids;
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    admin = await loginAs(t.app, 'admin');
    leader = await loginAs(t.app, 'lanhdao.tranphu');
    foreignLeader = await loginAs(t.app, 'lanhdao.songtri');
    province = await loginAs(t.app, 'tinh.hatinh');
    officer = await loginAs(t.app, 'motcua.tranphu');
    birth = await procedureByCode(t.database.db, '1.001193');
    const all = (await listProcedures(t.database.db, {})) as unknown as (TestProcedure & {
      timeLimit: { kind: string; days: number };
      outsideWorkflow?: unknown;
    })[];
    inDays = all.find(
      (p) => p.timeLimit.kind === 'working_days' && p.timeLimit.days === 3 && !p.outsideWorkflow,
    )!;
    for (const u of ['motcua.tranphu', 'chuyenvien.tranphu', 'lanhdao.tranphu']) {
      const a = (await listAccounts(t.database.db, { q: u, limit: 5 })).items.find((x) => x.username === u)!;
      callers[u] = { accountId: a.id, grants: a.grants };
    }
    const [foreign] = await t.database.db
      .select({ code: communes.code })
      .from(communes)
      .where(ne(communes.provinceCode, '42'))
      .limit(1);
    foreignCommune = foreign!.code;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('tells the applicant of each step of the lifecycle, in the same transaction, by SMS', async () => {
    const officerC = callers['motcua.tranphu']!;
    const specialist = callers['chuyenvien.tranphu']!;
    const leaderC = callers['lanhdao.tranphu']!;
    const body = intakeBody(inDays);
    const d = await intakeDossier(ctx(), officerC, body as never, { now: vn('2031-03-03T09:00:00') });
    let rows = await rowsOf(d.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      template: 'dossier.received',
      channel: 'sms',
      recipient: body.applicant.phone,
      communeCode: '18100',
      sourceType: 'dossier',
      status: 'pending',
      locale: 'vi',
    });
    expect(rows[0]!.body).toContain(d.code);
    expect(rows[0]!.body).toContain('Phường Trần Phú');
    let v = await act(
      officerC,
      d.id,
      { action: 'assign', version: 1, assigneeId: specialist.accountId },
      '2031-03-03T09:30:00',
    );
    v = await act(
      specialist,
      d.id,
      { action: 'start_processing', version: v.version },
      '2031-03-03T10:00:00',
    );
    v = await act(
      specialist,
      d.id,
      {
        action: 'request_supplement',
        version: v.version,
        reason: 'Thiếu giấy tờ',
        items: ['Bản sao sổ hộ khẩu'],
      },
      '2031-03-03T11:00:00',
    );
    rows = await rowsOf(d.id);
    expect(rows.map((r) => r.template)).toEqual(['dossier.received', 'dossier.supplement_requested']);
    expect(rows[1]!.body).toContain('Bản sao sổ hộ khẩu');
    expect(rows[1]!.body).toContain('Thiếu giấy tờ');
    v = await act(
      specialist,
      d.id,
      { action: 'supplement_received', version: v.version },
      '2031-03-04T08:00:00',
    );
    const before = v.dueDate!;
    v = await act(
      leaderC,
      d.id,
      { action: 'extend', version: v.version, reason: 'Cần xác minh thêm', newDueDate: '2031-03-20' },
      '2031-03-04T09:00:00',
    );
    rows = await rowsOf(d.id);
    const moved = rows.find((r) => r.template === 'dossier.appointment_moved')!;
    expect(moved.body).toContain('20/03/2031');
    expect(moved.body).toContain(`${before.slice(8, 10)}/${before.slice(5, 7)}/${before.slice(0, 4)}`);
    v = await act(
      specialist,
      d.id,
      { action: 'submit_for_approval', version: v.version },
      '2031-03-05T09:00:00',
    );
    v = await act(leaderC, d.id, { action: 'approve', version: v.version }, '2031-03-05T10:00:00');
    v = await act(
      specialist,
      d.id,
      { action: 'mark_result_ready', version: v.version },
      '2031-03-05T11:00:00',
    );
    await act(officerC, d.id, { action: 'return_result', version: v.version }, '2031-03-06T09:00:00');
    expect(await templatesOf(d.id)).toEqual([
      'dossier.received',
      'dossier.supplement_requested',
      'dossier.appointment_moved',
      'dossier.result_ready',
    ]);
  });

  it('tells an online applicant when the centre receives the filing, not when it is filed', async () => {
    const filing = intakeBody(birth);
    const filed = await submitOnline(ctx(), { ...filing, competentCommuneCode: '18100' } as never, {
      now: vn('2031-03-02T09:00:00'),
    });
    const [d] = await t.database.db.select().from(dossiers).where(eq(dossiers.code, filed.code));
    // Filed, not received yet: nothing said.
    expect(await rowsOf(d!.id)).toEqual([]);
    await act(
      callers['motcua.tranphu']!,
      d!.id,
      { action: 'receive', version: d!.version },
      '2031-03-02T10:00:00',
    );
    expect(await templatesOf(d!.id)).toEqual(['dossier.received']);
  });

  it('moves the appointment when a holiday is recorded, and tells the applicant', async () => {
    const d = await intakeDossier(ctx(), callers['motcua.tranphu']!, intakeBody(inDays) as never, {
      now: vn('2031-10-07T09:00:00'),
    });
    const res = await post('/api/v1/calendar/holiday-ranges', admin, {
      from: '2031-10-08',
      to: '2031-10-08',
      key: 'other',
      name: 'Nghỉ bù thử nghiệm thông báo',
    });
    expect(res.statusCode, res.body).toBe(201);
    const [after] = await t.database.db.select().from(dossiers).where(eq(dossiers.id, d.id));
    expect(after!.dueDate).not.toBe(d.dueDate);
    const rows = await rowsOf(d.id);
    const moved = rows.filter((r) => r.template === 'dossier.appointment_moved');
    expect(moved).toHaveLength(1);
    const shown = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
    expect(moved[0]!.body).toContain(`đổi từ ${shown(d.dueDate!)} sang ${shown(after!.dueDate!)}`);
  });

  it('notifies nobody for a rehearsal (mock) dossier', async () => {
    const on = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/communes/18100/campaign/rehearsal-mode',
      headers: leader,
      payload: { enabled: true },
    });
    expect(on.statusCode, on.body).toBe(200);
    try {
      const res = await post('/api/v1/dossiers', officer, { ...intakeBody(inDays, { rehearsal: true }) });
      expect(res.statusCode, res.body).toBe(201);
      const mock = json<{ id: string; rehearsal: boolean }>(res);
      expect(mock.rehearsal).toBe(true);
      const specialist = callers['chuyenvien.tranphu']!;
      // Received now (through the API): the next steps now too.
      const actNow = (who: Caller, req: object) => actOnDossier(ctx(), who, mock.id, req as never);
      let v = await actNow(callers['motcua.tranphu']!, {
        action: 'assign',
        version: 1,
        assigneeId: specialist.accountId,
      });
      v = await actNow(specialist, { action: 'start_processing', version: v.version });
      v = await actNow(specialist, {
        action: 'request_supplement',
        version: v.version,
        reason: 'Diễn tập',
        items: ['Tờ khai'],
      });
      expect(v.status).toBe('supplement_requested');
      expect(await rowsOf(mock.id)).toEqual([]);
      // The same intake, official, is told.
      const real = json<{ id: string }>(await post('/api/v1/dossiers', officer, intakeBody(inDays)));
      expect(await templatesOf(real.id)).toEqual(['dossier.received']);
    } finally {
      await t.app.inject({
        method: 'PUT',
        url: '/api/v1/communes/18100/campaign/rehearsal-mode',
        headers: leader,
        payload: { enabled: false },
      });
    }
  });

  it("lists messages within the caller's rights, recipients masked, the text not listed", async () => {
    const [own] = await seedRows([{ communeCode: '18100', recipient: 'nguyen.van.an@example.vn' }]);
    const [neighbour] = await seedRows([{ communeCode: '18754' }]);
    const [foreign] = await seedRows([{ communeCode: foreignCommune }]);
    const [system] = await seedRows([{ communeCode: null }]);
    const ids = (l: NotificationList) => new Set(l.items.map((i) => i.id));
    const q = '?template=feedback.answered';

    const mine = await list(q, leader);
    expect(mine.items.every((i) => i.communeCode === '18100')).toBe(true);
    expect(ids(mine).has(own!)).toBe(true);
    const item = mine.items.find((i) => i.id === own)!;
    expect(item.recipient).toBe('ng***@example.vn');
    expect(item).not.toHaveProperty('body');
    expect(JSON.stringify(mine)).not.toContain('nguyen.van.an@example.vn');
    expect(JSON.stringify(mine)).not.toContain('Nội dung riêng tư');

    const prov = await list(q, province);
    expect(ids(prov).has(own!) && ids(prov).has(neighbour!)).toBe(true);
    expect(ids(prov).has(foreign!) || ids(prov).has(system!)).toBe(false);

    const all = await list(q, admin);
    for (const id of [own, neighbour, foreign, system]) expect(ids(all).has(id!)).toBe(true);

    // Another commune, another province: refused; no right at all: refused.
    expect((await get('/api/v1/notifications?communeCode=18754', leader)).statusCode).toBe(403);
    expect((await get(`/api/v1/notifications?communeCode=${foreignCommune}`, province)).statusCode).toBe(403);
    expect((await get('/api/v1/notifications', officer)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
    // The dossier messages' phones are masked too.
    const sms = await list('?communeCode=18100&template=dossier.received&channel=sms', leader);
    expect(sms.items.length).toBeGreaterThan(0);
    expect(sms.items.every((i) => /^\d{4}\*\*\*\d{3}$/.test(i.recipient))).toBe(true);
  });

  it('filters by status (retrying = pending after a failed attempt), counts per status, pages', async () => {
    const template = 'feedback.escalated_province';
    await seedRows([
      { communeCode: '18754', template, status: 'sent', attempts: 1, sentAt: new Date() },
      {
        communeCode: '18754',
        template,
        status: 'failed',
        attempts: 6,
        lastError: 'HTTP 400: số không hợp lệ',
      },
      { communeCode: '18754', template, status: 'pending', attempts: 2, lastError: 'HTTP 500' },
      { communeCode: '18754', template, status: 'recorded' },
      ...Array.from({ length: 56 }, () => ({ communeCode: '18754', template })),
    ]);
    const base = `?communeCode=18754&template=${template}`;
    const first = await list(base, foreignLeader);
    expect(first.counts).toEqual({ pending: 56, retrying: 1, sent: 1, failed: 1, recorded: 1 });
    expect(first.items).toHaveLength(50);
    expect(first.nextCursor).toBeTruthy();
    const second = await list(`${base}&cursor=${first.nextCursor}`, foreignLeader);
    expect(second.items).toHaveLength(10);
    expect(second.nextCursor).toBeNull();
    const seen = new Set([...first.items, ...second.items].map((i) => i.id));
    expect(seen.size).toBe(60);
    const retrying = await list(`${base}&status=retrying`, foreignLeader);
    expect(retrying.items.map((i) => [i.status, i.attempts, i.lastError])).toEqual([
      ['retrying', 2, 'HTTP 500'],
    ]);
    // Counts do not depend on the status filter.
    expect(retrying.counts).toEqual(first.counts);
    const failed = await list(`${base}&status=failed`, foreignLeader);
    expect(failed.items.map((i) => i.lastError)).toEqual(['HTTP 400: số không hợp lệ']);
    expect((await list(`${base}&status=pending&channel=sms`, foreignLeader)).items).toEqual([]);
  });

  it('refuses bad filters with a 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['?status=lost', 'query.status'],
      ['?channel=fax', 'query.channel'],
      ['?template=%3Cscript%3E', 'query.template'],
      ['?communeCode=18100%00', 'query.communeCode'],
      ['?communeCode=abc', 'query.communeCode'],
      ['?cursor=not-an-id', 'query.cursor'],
      [`?cursor=${'x'.repeat(20_000)}`, 'query.cursor'],
    ];
    for (const [query, field] of cases) {
      const res = await get(`/api/v1/notifications${query}`, admin);
      expect(res.statusCode, query).toBe(400);
      expect(
        json<Problem>(res).errors?.map((e) => e.field),
        query,
      ).toContain(field);
    }
  });

  it("retries a failed message (audited); refuses one not failed; another commune's reads as missing", async () => {
    const [failedId, sentId] = await seedRows([
      {
        communeCode: '18100',
        status: 'failed',
        attempts: 6,
        recipient: 'sai.dia.chi@example.vn',
        lastError: '550 5.1.1 <sai.dia.chi@example.vn>: không có hộp thư',
      },
      { communeCode: '18100', status: 'sent', attempts: 1 },
    ]);
    const failedView = (
      await list('?communeCode=18100&status=failed&template=feedback.answered', leader)
    ).items.find((i) => i.id === failedId)!;
    // The error quoting the address is masked like the recipient.
    expect(failedView.lastError).toBe('550 5.1.1 <sa***@example.vn>: không có hộp thư');

    expect((await post(`/api/v1/notifications/${failedId}/retry`, foreignLeader)).statusCode).toBe(404);
    expect((await post(`/api/v1/notifications/${failedId}/retry`, officer)).statusCode).toBe(404);
    expect((await post(`/api/v1/notifications/${uuidv7()}/retry`, leader)).statusCode).toBe(404);
    expect((await post('/api/v1/notifications/khong-phai-id/retry', leader)).statusCode).toBe(404);
    const res = await post(`/api/v1/notifications/${failedId}/retry`, leader);
    expect(res.statusCode, res.body).toBe(200);
    expect(json<NotificationItem>(res)).toMatchObject({ id: failedId, status: 'pending', attempts: 0 });
    const [row] = await t.database.db
      .select()
      .from(notificationOutbox)
      .where(eq(notificationOutbox.id, failedId!));
    expect(row).toMatchObject({ status: 'pending', attempts: 0 });
    expect(row!.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
    const audit = await t.database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.action, 'notification.retry'), eq(auditEntries.entityId, failedId!)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ communeCode: '18100', entityType: 'notification' });
    // Pending now, and a sent one: nothing to retry.
    expect((await post(`/api/v1/notifications/${failedId}/retry`, leader)).statusCode).toBe(409);
    expect((await post(`/api/v1/notifications/${sentId}/retry`, leader)).statusCode).toBe(409);
    // A message of no commune: the system administrator's.
    const [systemId] = await seedRows([{ communeCode: null, status: 'failed', attempts: 6 }]);
    expect((await post(`/api/v1/notifications/${systemId}/retry`, province)).statusCode).toBe(404);
    expect((await post(`/api/v1/notifications/${systemId}/retry`, admin)).statusCode).toBe(200);
  });
});
