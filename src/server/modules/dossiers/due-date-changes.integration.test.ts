import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import type { DueDateChange } from '../../../common/api/due-date-changes';
import { systemContext } from '../../db/transaction';
import { auditEntries } from '../audit/schema';
import { listAccounts } from '../auth/accounts';
import { listProcedures } from '../procedures/service';
import { intakeDossier } from './intake';
import { dossierActions, dossiers } from './schema';
import { actOnDossier, type Caller } from './service';

type Proc = {
  id: string;
  code: string;
  timeLimit: { kind: string; days?: number };
  requiredDocuments: unknown[];
};
type Headers = Record<string, string>;

const vn = (local: string) => new Date(`${local}+07:00`);

describe.each(ENGINES)('due dates recomputed after a calendar change on %s', (engine) => {
  let t: TestApp;
  let admin: Headers;
  let officer: Headers; // motcua.tranphu
  let specialist: Headers; // chuyenvien.tranphu: no counter work
  let foreign: Headers; // motcua.songtri
  let inDays: Proc; // 3 working days
  let sameDay: Proc;
  const d: Record<string, string> = {}; // name → dossier id
  let holidayId = '';

  const caller = async (username: string): Promise<Caller> => {
    const a = (await listAccounts(t.database.db, { q: username, limit: 5 })).items.find(
      (x) => x.username === username,
    )!;
    return { accountId: a.id, grants: a.grants };
  };
  let n = 0;
  const receive = async (who: Caller, commune: string, p: Proc, local: string) => {
    n += 1;
    const r = await intakeDossier(
      systemContext(t.database.db, 'test'),
      who,
      {
        procedureId: p.id,
        applicant: {
          fullName: 'Trần Văn Hẹn',
          idNumber: `04209900${String(n).padStart(4, '0')}`,
          phone: `0913${String(n).padStart(6, '0')}`,
          address: 'Số 1, đường Hà Huy Tập, Hà Tĩnh',
        },
        receivingCommuneCode: commune,
        competentCommuneCode: commune,
        channel: 'counter',
        checklist: p.requiredDocuments.map((_, index) => ({ index, status: 'received' as const })),
      },
      { now: vn(local) },
    );
    return r as { id: string; dueDate: string };
  };
  const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers });
  const post = (url: string, headers: Headers, payload?: object) =>
    t.app.inject({ method: 'POST', url, headers, payload });
  /** As the administrator: a one-day holiday range. */
  const recordHoliday = (date: string, name: string) =>
    post('/api/v1/calendar/holiday-ranges', admin, { from: date, to: date, key: 'other', name });
  const dueOf = async (id: string) =>
    json<{ dueDate: string }>(await get(`/api/v1/dossiers/${id}`, officer)).dueDate;
  const projectedDueOf = async (id: string) =>
    (await t.database.db.select({ due: dossiers.dueDate }).from(dossiers).where(eq(dossiers.id, id)))[0]!.due;
  const listed = async (commune: string, headers: Headers, acknowledged = false) => {
    const res = await get(
      `/api/v1/communes/${commune}/due-date-changes?acknowledged=${acknowledged}`,
      headers,
    );
    expect(res.statusCode).toBe(200);
    const ours = new Set(Object.values(d));
    return json<{ items: DueDateChange[] }>(res).items.filter((i) => ours.has(i.dossierId));
  };
  const moves = (items: DueDateChange[]) =>
    items
      .map((i) => [i.dossierId, i.previousDueDate, i.newDueDate])
      .sort((a, b) => a[0]!.localeCompare(b[0]!));
  const expected = (names: string[], from: string, to: string) =>
    names.map((x) => [d[x]!, from, to]).sort((a, b) => a[0]!.localeCompare(b[0]!));

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    admin = await loginAs(t.app, 'admin');
    officer = await loginAs(t.app, 'motcua.tranphu');
    specialist = await loginAs(t.app, 'chuyenvien.tranphu');
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
    const tranPhu = await caller('motcua.tranphu');
    const songTri = await caller('motcua.songtri');
    // Thursday 10/10/2030 is the appointment of A, B and S; E is due before it; C is closed; L and M came later.
    const cases: [string, Caller, string, Proc, string, string][] = [
      ['A', tranPhu, '18100', inDays, '2030-10-07T09:00:00', '2030-10-10'],
      ['B', tranPhu, '18100', inDays, '2030-10-07T10:00:00', '2030-10-10'],
      ['S', tranPhu, '18100', sameDay, '2030-10-09T16:00:00', '2030-10-10'], // after 15:00 → next working day
      ['E', tranPhu, '18100', inDays, '2030-10-03T09:00:00', '2030-10-08'],
      ['C', tranPhu, '18100', inDays, '2030-10-07T11:00:00', '2030-10-10'],
      ['L', tranPhu, '18100', inDays, '2030-10-14T09:00:00', '2030-10-17'],
      ['M', tranPhu, '18100', inDays, '2030-10-16T09:00:00', '2030-10-21'],
      ['F', songTri, '18754', inDays, '2030-10-07T09:00:00', '2030-10-10'],
    ];
    for (const [name, who, commune, p, local, due] of cases) {
      const r = await receive(who, commune, p, local);
      expect({ name, due: r.dueDate }).toEqual({ name, due });
      d[name] = r.id;
    }
    await actOnDossier(
      systemContext(t.database.db, 'test'),
      tranPhu,
      d.C!,
      { action: 'withdraw', version: 1, reason: 'Công dân rút hồ sơ' },
      { now: vn('2030-10-08T09:00:00') },
    );
  });
  afterAll(() => t?.close());

  it('starts from the demo example only, which an officer can acknowledge once (then 409)', async () => {
    const res = await get('/api/v1/communes/18100/due-date-changes', officer);
    const demo = json<{ items: DueDateChange[] }>(res).items;
    expect(demo.map((i) => i.cause)).toEqual([expect.stringContaining('Dữ liệu mẫu')]);
    expect((await post(`/api/v1/due-date-changes/${demo[0]!.id}/acknowledge`, officer)).statusCode).toBe(200);
    const again = await post(`/api/v1/due-date-changes/${demo[0]!.id}/acknowledge`, officer);
    expect(again.statusCode).toBe(409);
    expect(json(again).code).toBe('conflict');
    expect(
      json<{ items: unknown[] }>(await get('/api/v1/communes/18100/due-date-changes', officer)).items,
    ).toEqual([]);
  });

  it('a holiday recorded on the appointment day moves open dossiers to the next working day, in view and queue', async () => {
    const res = await recordHoliday('2030-10-10', 'Ngày thử nghiệm');
    expect(res.statusCode).toBe(201);
    holidayId = json<{ id: string }>(res).id;
    for (const x of ['A', 'B', 'S']) expect({ x, due: await dueOf(d[x]!) }).toEqual({ x, due: '2030-10-11' });
    const queue = json<{ items: { id: string; dueDate: string }[] }>(
      await get('/api/v1/dossiers?communeCode=18100&limit=200', officer),
    ).items;
    expect(queue.find((i) => i.id === d.A)!.dueDate).toBe('2030-10-11');
    expect(queue.find((i) => i.id === d.S)!.dueDate).toBe('2030-10-11');
    // Untouched: due before the holiday, closed, received after it.
    expect(await dueOf(d.E!)).toBe('2030-10-08');
    expect(await projectedDueOf(d.C!)).toBe('2030-10-10');
    expect(await dueOf(d.L!)).toBe('2030-10-17');
    expect(await dueOf(d.M!)).toBe('2030-10-21');
  });

  it('lists exactly the moved appointments of the commune, with phone and cause, for its counter only', async () => {
    const items = await listed('18100', officer);
    expect(moves(items)).toEqual(expected(['A', 'B', 'S'], '2030-10-10', '2030-10-11'));
    expect(items[0]).toMatchObject({
      communeCode: '18100',
      applicantName: 'Trần Văn Hẹn',
      applicantPhone: expect.stringMatching(/^0913\d{6}$/),
      dossierCode: expect.stringContaining('18100'),
      cause: expect.stringMatching(/^Nghỉ Ngày thử nghiệm 10\/10\/2030 ghi nhận ngày \d{2}\/\d{2}\/\d{4}$/),
      acknowledgedAt: null,
    });
    expect(moves(await listed('18754', foreign))).toEqual(expected(['F'], '2030-10-10', '2030-10-11'));
    expect((await get('/api/v1/communes/18100/due-date-changes', foreign)).statusCode).toBe(403);
    expect((await post(`/api/v1/due-date-changes/${items[0]!.id}/acknowledge`, foreign)).statusCode).toBe(
      404,
    );
    expect((await get('/api/v1/communes/18100/due-date-changes', specialist)).statusCode).toBe(403);
    const audit = await t.database.db
      .select()
      .from(auditEntries)
      .where(
        and(eq(auditEntries.action, 'dossier.due_dates_recomputed'), eq(auditEntries.communeCode, '18100')),
      );
    expect(audit).toHaveLength(1);
    const logged = (audit[0]!.after as { dossiers: { dossierId: string }[] }).dossiers.map(
      (x) => x.dossierId,
    );
    expect(logged.sort()).toEqual([d.A, d.B, d.S].sort());
  });

  it('acknowledging takes a line off the list (audited), and twice is a clear 409', async () => {
    const items = await listed('18100', officer);
    for (const i of items) {
      const res = await post(`/api/v1/due-date-changes/${i.id}/acknowledge`, officer);
      expect(res.statusCode).toBe(200);
    }
    const twice = await post(`/api/v1/due-date-changes/${items[0]!.id}/acknowledge`, officer);
    expect(twice.statusCode).toBe(409);
    expect(json<{ detail: string }>(twice).detail).toMatch(
      /^Đã xác nhận báo cho công dân lúc \d{2}\/\d{2}\/\d{4} /,
    );
    expect(await listed('18100', officer)).toEqual([]);
    expect((await listed('18100', officer, true)).map((i) => i.acknowledgedAt)).toEqual([
      expect.any(String),
      expect.any(String),
      expect.any(String),
    ]);
    const acks = await t.database.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.action, 'dossier.due_date_change.acknowledge'));
    expect(acks.filter((a) => a.entityId === d.A)).toHaveLength(1);
  });

  it('deleting the holiday moves them back and lists them again', async () => {
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/calendar/holiday-ranges/${holidayId}`,
      headers: admin,
    });
    expect(del.statusCode).toBe(204);
    for (const x of ['A', 'B', 'S']) expect({ x, due: await dueOf(d[x]!) }).toEqual({ x, due: '2030-10-10' });
    const items = await listed('18100', officer);
    expect(moves(items)).toEqual(expected(['A', 'B', 'S'], '2030-10-11', '2030-10-10'));
    expect(items[0]!.cause).toMatch(/^Hủy đợt nghỉ Ngày thử nghiệm 10\/10\/2030 ngày /);
  });

  it('recording it again before anyone called leaves nothing to tell: they hold 11/10 again', async () => {
    const res = await recordHoliday('2030-10-10', 'Ngày thử nghiệm');
    expect(res.statusCode).toBe(201);
    expect(await dueOf(d.A!)).toBe('2030-10-11');
    expect(await listed('18100', officer)).toEqual([]);
  });

  it('a make-up Saturday pulls a due date earlier', async () => {
    const res = await post('/api/v1/calendar/make-up-days', admin, { date: '2030-10-19' });
    expect(res.statusCode).toBe(201);
    expect(await dueOf(d.M!)).toBe('2030-10-19');
    expect(await projectedDueOf(d.M!)).toBe('2030-10-19');
    const items = await listed('18100', officer);
    expect(moves(items)).toEqual(expected(['M'], '2030-10-21', '2030-10-19'));
    expect(items[0]!.cause).toMatch(/^Làm bù thứ Bảy 19\/10\/2030 ghi nhận ngày /);
  });

  it('is one transaction: when a dossier cannot be replayed, the calendar change is refused and nothing moves', async () => {
    const tranPhu = await caller('motcua.tranphu');
    const good = await receive(tranPhu, '18100', inDays, '2030-11-04T09:00:00'); // due Thu 7/11
    const bad = await receive(tranPhu, '18100', inDays, '2030-11-04T09:30:00');
    d.good = good.id;
    d.bad = bad.id;
    // A broken history (a step out of sequence), as a faulty import could leave it.
    await t.database.db.insert(dossierActions).values({
      dossierId: bad.id,
      seq: 9,
      communeCode: '18100',
      action: 'assign',
      payload: { type: 'assign', assigneeId: tranPhu.accountId },
      actor: { kind: 'official', id: tranPhu.accountId, roles: ['one_stop_officer'] },
      at: vn('2030-11-04T10:00:00'),
      fromStatus: 'received',
      toStatus: 'assigned',
    });
    const auditBefore = (await t.database.db.select().from(auditEntries)).length;
    const res = await recordHoliday('2030-11-06', 'Ngày lỗi');
    expect(res.statusCode).toBe(500);
    const holidays = json<{ daysOff: { date: string }[] }>(
      await get('/api/v1/calendar/holidays?year=2030', admin),
    );
    expect(holidays.daysOff.map((x) => x.date)).not.toContain('2030-11-06');
    expect(await projectedDueOf(good.id)).toBe('2030-11-07');
    expect(await dueOf(good.id)).toBe('2030-11-07');
    expect(await listed('18100', officer)).toHaveLength(1); // M's line only
    expect((await t.database.db.select().from(auditEntries)).length).toBe(auditBefore);
    await t.database.db
      .delete(dossierActions)
      .where(and(eq(dossierActions.dossierId, bad.id), eq(dossierActions.seq, 9)));
  });
});
