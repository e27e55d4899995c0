/**
 * The province officer's landing: the activated communes of their province with the overdue and due-soon counts
 * of each — the same figures as each commune's queues and dashboard; another province's officer and commune
 * officials are refused (403).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { inTransaction, systemContext } from '../../db/transaction';
import { createAccount } from '../auth/accounts';
import { communeDashboard } from './dashboard';

type Overview = {
  province: { code: string; name: string };
  communes: {
    code: string;
    name: string;
    open: number;
    overdue: number;
    dueSoon: number;
    toIntake: number;
  }[];
};

describe.each(ENGINES)('province dossier overview on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    // An officer of another province (Nghệ An, 40).
    await inTransaction(systemContext(t.database.db, 'test'), (tx, audit) =>
      createAccount(tx, audit, {
        username: 'tinh.nghean',
        displayName: 'Cán bộ tỉnh Nghệ An',
        password: 'Demo@2025',
        isDemo: true,
        grants: [{ role: 'province_officer', provinceCode: '40', communeCode: null }],
      }),
    );
  });
  afterAll(() => t?.close());

  const get = async (username: string, code = '42') =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/provinces/${code}/dossier-overview`,
      headers: await loginAs(t.app, username),
    });

  it("lists the activated communes of the province only, with the queues' and dashboard's figures", async () => {
    const res = await get('tinh.hatinh');
    expect(res.statusCode).toBe(200);
    const overview = json<Overview>(res);
    expect(overview.province).toEqual({ code: '42', name: expect.stringContaining('Hà Tĩnh') });
    // The ten trial communes are activated in the demo; Hà Tĩnh's 59 others do not use XãSố.
    expect(overview.communes).toHaveLength(10);
    expect(overview.communes.map((c) => c.code)).toEqual(expect.arrayContaining(['18100', '18754']));
    const tranPhu = overview.communes.find((c) => c.code === '18100')!;
    expect(tranPhu.name).toBe('Phường Trần Phú');
    const dashboard = await communeDashboard(t.database.db, { communeCode: '18100' });
    expect({ overdue: tranPhu.overdue, dueSoon: tranPhu.dueSoon }).toEqual({
      overdue: dashboard.backlog.overdue,
      dueSoon: dashboard.backlog.dueSoon,
    });
    expect(tranPhu.open).toBe(dashboard.current.inProgress);
    expect(tranPhu.overdue).toBeGreaterThan(0); // the demo has late dossiers
    const counts = json<{ counts: Record<string, number> }>(
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/dossiers/queue-counts?communeCode=18100',
        headers: await loginAs(t.app, 'tinh.hatinh'),
      }),
    ).counts;
    expect({ overdue: counts.overdue, dueSoon: counts.due_soon, toIntake: counts.to_intake }).toEqual({
      overdue: tranPhu.overdue,
      dueSoon: tranPhu.dueSoon,
      toIntake: tranPhu.toIntake,
    });
    // What needs help first.
    const overdue = overview.communes.map((c) => c.overdue);
    expect(overdue).toEqual([...overdue].sort((a, b) => b - a));
  });

  it('answers an administrator too', async () => {
    expect((await get('admin')).statusCode).toBe(200);
  });

  it.each([
    ["another province's officer", 'tinh.nghean'],
    ['a commune leader of the province', 'lanhdao.tranphu'],
    ['a counter officer', 'motcua.songtri'],
  ])('refuses %s (403)', async (_, username) => {
    const res = await get(username);
    expect(res.statusCode).toBe(403);
    expect(json<{ code: string }>(res).code).toBe('forbidden');
  });

  it("answers the other province's officer for their own province, and 404 / 400 for bad codes", async () => {
    expect(json<Overview>(await get('tinh.nghean', '40')).communes).toEqual([]);
    expect((await get('tinh.hatinh', '99')).statusCode).toBe(404);
    const bad = await get('tinh.hatinh', '4');
    expect(bad.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(bad).errors[0]!.field).toBe('path.code');
  });

  it('asks for a sign-in first (401)', async () => {
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/provinces/42/dossier-overview' })).statusCode,
    ).toBe(401);
  });
});
