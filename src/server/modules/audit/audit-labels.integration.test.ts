/** The audit log names a dossier by its code (and finds it by its code), within the viewer's communes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { procedureByCode, receiveDossier } from '../../../../tests/support/dossiers';

type Row = {
  action: string;
  entityType: string;
  entityId: string;
  entityLabel: string | null;
  actorName: string;
};

describe.each(ENGINES)('audit entries name their dossier on %s', (engine) => {
  let t: TestApp;
  let leader: Record<string, string>;
  let otherLeader: Record<string, string>;
  let dossier: { id: string; code: string };
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    leader = await loginAs(t.app, 'lanhdao.tranphu');
    otherLeader = await loginAs(t.app, 'lanhdao.songtri');
    const officer = await loginAs(t.app, 'motcua.tranphu');
    const birth = await procedureByCode(t.database.db, '1.001193');
    dossier = await receiveDossier(t.app, officer, birth, {
      fullName: 'Nguyễn Văn Nhật Ký',
      idNumber: '042099001234',
      phone: '0912000111',
      address: 'Phường Trần Phú, Hà Tĩnh',
    });
  });
  afterAll(() => t?.close());

  const audit = async (headers: Record<string, string>, query: string) => {
    const res = await t.app.inject({ url: `/api/v1/audit?${query}`, headers });
    return { status: res.statusCode, items: res.statusCode === 200 ? json<{ items: Row[] }>(res).items : [] };
  };

  it('gives the dossier code as the entity label, by id or by code', async () => {
    for (const entityId of [dossier.id, dossier.code]) {
      const { status, items } = await audit(
        leader,
        `communeCode=18100&entityType=dossier&entityId=${encodeURIComponent(entityId)}`,
      );
      expect(status).toBe(200);
      expect(items.map((e) => [e.action, e.entityId, e.entityLabel])).toEqual([
        ['dossier.receive', dossier.id, dossier.code],
      ]);
    }
  });

  it('labels only dossiers; other entities keep a null label', async () => {
    const { items } = await audit(leader, 'communeCode=18100&limit=200');
    expect(items.length).toBeGreaterThan(1);
    for (const e of items) {
      if (e.entityType === 'dossier') expect(e.entityLabel, e.action).toMatch(/-\d{6}-\d{4}$/);
      else expect(e.entityLabel).toBeNull();
    }
  });

  it('another commune’s leader finds nothing by this code, and may not name this commune', async () => {
    const inOwn = await audit(otherLeader, `entityType=dossier&entityId=${encodeURIComponent(dossier.code)}`);
    expect(inOwn).toEqual({ status: 200, items: [] });
    expect((await audit(otherLeader, 'communeCode=18100&entityType=dossier')).status).toBe(403);
  });
});
