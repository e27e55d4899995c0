/**
 * Handing a dossier to a specialist and following its steps: the assignee picker lists the commune's
 * specialists with what they hold and who the task assignment puts in charge; the dossier shows each step's own
 * due date with the current one marked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { procedureByCode, receiveDossier, type TestProcedure } from '../../../../tests/support/dossiers';

type Options = {
  candidates: { accountId: string; displayName: string; openDossiers: number }[];
  assignment: { areaCode: string; inCharge: string | null; announcementNumber: string | null } | null;
};
type View = {
  id: string;
  version: number;
  status: string;
  dueDate: string;
  assigneeId: string | null;
  nextActions: string[];
  steps: { name: string; handlerRole: string; dueDate: string; state: string; level: string | null }[];
  stepWarning: { handlerRole: string } | null;
};

describe.each(ENGINES)('assigning and following a dossier on %s', (engine) => {
  let t: TestApp;
  let officer: Record<string, string>;
  let specialist: Record<string, string>;
  let foreign: Record<string, string>;
  let procedure: TestProcedure;

  const get = <T>(url: string, headers: Record<string, string>) =>
    t.app.inject({ method: 'GET', url, headers }).then((r) => ({ status: r.statusCode, body: json<T>(r) }));

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    officer = await loginAs(t.app, 'motcua.tranphu');
    specialist = await loginAs(t.app, 'chuyenvien.tranphu');
    foreign = await loginAs(t.app, 'motcua.songtri');
    procedure = await procedureByCode(t.database.db, '1.001193'); // Đăng ký khai sinh: hộ tịch
  });
  afterAll(() => t?.close());

  const receive = async () =>
    (
      await receiveDossier(t.app, officer, procedure, {
        fullName: 'Phan Văn Tài',
        idNumber: '042099000777',
        phone: '0912000777',
        address: 'Số 1, đường Nguyễn Du, phường Trần Phú, Hà Tĩnh',
      })
    ).id;

  it("offers the commune's specialists with their open dossiers, and the official in charge of the domain", async () => {
    const id = await receive();
    const { status, body } = await get<Options>(`/api/v1/dossiers/${id}/assignees`, officer);
    expect(status).toBe(200);
    const me = json<{ id: string }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: specialist }),
    );
    const candidate = body.candidates.find((c) => c.accountId === me.id);
    expect(candidate).toBeDefined();
    // The demo data gives the specialist of Trần Phú dossiers in hand.
    expect(candidate!.openDossiers).toBeGreaterThan(0);
    // The demo announcement 05/TB-UBND puts an official in charge of "tư pháp - hộ tịch".
    expect(body.assignment).toMatchObject({
      areaCode: 'tu_phap_ho_tich',
      announcementNumber: expect.any(String),
    });
    expect(body.assignment!.inCharge).toBeTruthy();

    const before = candidate!.openDossiers;
    const assigned = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${id}/actions`,
      headers: officer,
      payload: { action: 'assign', version: 1, assigneeId: me.id },
    });
    expect(assigned.statusCode).toBe(200);
    const after = await get<Options>(`/api/v1/dossiers/${id}/assignees`, officer);
    expect(after.body.candidates.find((c) => c.accountId === me.id)!.openDossiers).toBe(before + 1);
  });

  it("hides another commune's dossier from its picker (404)", async () => {
    const id = await receive();
    expect((await get(`/api/v1/dossiers/${id}/assignees`, foreign)).status).toBe(404);
  });

  it('shows every step with its own due date, the current one marked', async () => {
    const id = await receive();
    const received = (await get<View>(`/api/v1/dossiers/${id}`, officer)).body;
    expect(received.steps.length).toBeGreaterThan(1);
    expect(received.steps[0]).toMatchObject({ handlerRole: 'one_stop_officer', state: 'current' });
    expect(received.steps.slice(1).every((s) => s.state === 'pending')).toBe(true);
    expect(received.steps.at(-1)!.dueDate).toBe(received.dueDate);
    const dues = received.steps.map((s) => s.dueDate);
    expect([...dues].sort()).toEqual(dues); // steps end in order

    const me = json<{ id: string }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: specialist }),
    );
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${id}/actions`,
      headers: officer,
      payload: { action: 'assign', version: received.version, assigneeId: me.id },
    });
    const assigned = json<View>(res);
    expect(assigned.steps[0]!.state).toBe('done');
    expect(assigned.steps.find((s) => s.state === 'current')!.handlerRole).toBe('specialist');
  });

  it('offers each official only the actions their role allows on the dossier now', async () => {
    const id = await receive();
    const leader = await loginAs(t.app, 'lanhdao.tranphu');
    const actions = async (headers: Record<string, string>) =>
      (await get<View>(`/api/v1/dossiers/${id}`, headers)).body.nextActions;
    const counter = await actions(officer);
    expect(counter).toEqual(expect.arrayContaining(['assign', 'withdraw', 'transfer']));
    expect(counter).not.toContain('extend'); // the leader extends
    expect(await actions(leader)).toEqual(expect.arrayContaining(['assign', 'extend', 'record_apology']));
    expect(await actions(specialist)).toEqual([]); // not yet assigned to them

    const me = json<{ id: string }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: specialist }),
    );
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${id}/actions`,
      headers: officer,
      payload: { action: 'assign', version: 1, assigneeId: me.id },
    });
    expect(await actions(specialist)).toEqual(expect.arrayContaining(['start_processing']));
    expect(await actions(officer)).toContain('reassign');
    expect(await actions(officer)).not.toContain('start_processing');
  });
});
