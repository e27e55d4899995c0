/**
 * Searching the work queues by procedure and by date of receipt, in local (UTC+7) dates: a dossier received at
 * 00:10 on 3/3 in Hà Tĩnh (17:10 UTC on 2/3) belongs to 3/3.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { systemContext } from '../../db/transaction';
import { listAccounts } from '../auth/accounts';
import { listProcedures } from '../procedures/service';
import { intakeDossier } from './intake';

const vn = (local: string) => new Date(`${local}+07:00`);

describe.each(ENGINES)('work queue filters on %s', (engine) => {
  let t: TestApp;
  let officer: Record<string, string>;
  let birth: { id: string; requiredDocuments: unknown[] };
  let other: { id: string; requiredDocuments: unknown[] };
  const codes: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    officer = await loginAs(t.app, 'motcua.tranphu');
    const procedures = (await listProcedures(t.database.db, {})) as unknown as {
      id: string;
      code: string;
      requiredDocuments: unknown[];
    }[];
    birth = procedures.find((p) => p.code === '1.001193')!;
    other = procedures.find((p) => p.code !== '1.001193')!;
    const account = (await listAccounts(t.database.db, { q: 'motcua.tranphu', limit: 5 })).items[0]!;
    const ctx = systemContext(t.database.db, 'test');
    const receive = async (key: string, procedure: typeof birth, at: string) => {
      const d = await intakeDossier(
        ctx,
        { accountId: account.id, grants: account.grants },
        {
          procedureId: procedure.id,
          applicant: {
            fullName: `Lưu Thị Mận ${key}`,
            idNumber: `04219900${String(Object.keys(codes).length + 1).padStart(4, '0')}`,
            phone: `091999${String(Object.keys(codes).length + 1).padStart(4, '0')}`,
            address: 'Phường Trần Phú, Hà Tĩnh',
          },
          receivingCommuneCode: '18100',
          competentCommuneCode: '18100',
          channel: 'counter',
          checklist: procedure.requiredDocuments.map((_, index) => ({ index, status: 'received' as const })),
        },
        { now: vn(at) },
      );
      codes[key] = d.code;
    };
    await receive('late-evening', birth, '2026-03-02T23:30:00');
    await receive('just-after-midnight', birth, '2026-03-03T00:10:00');
    await receive('other-procedure', other, '2026-03-03T09:00:00');
    await receive('two-days-later', birth, '2026-03-05T09:00:00');
  });
  afterAll(() => t?.close());

  const list = async (query: string) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers?q=luu thi man&${query}`,
      headers: officer,
    });
    return {
      status: res.statusCode,
      codes: (json<{ items: { code: string }[] }>(res).items ?? []).map((i) => i.code),
    };
  };

  it('finds the dossiers received on a local date, whatever the UTC date', async () => {
    const day = await list('receivedFrom=2026-03-03&receivedTo=2026-03-03');
    expect(day.codes.sort()).toEqual([codes['just-after-midnight'], codes['other-procedure']].sort());
  });

  it('narrows to one procedure', async () => {
    const r = await list(`procedureId=${birth.id}&receivedFrom=2026-03-02`);
    expect(r.codes.sort()).toEqual(
      [codes['late-evening'], codes['just-after-midnight'], codes['two-days-later']].sort(),
    );
  });

  it('takes an open-ended range', async () => {
    expect((await list('receivedFrom=2026-03-04')).codes).toEqual([codes['two-days-later']]);
    expect((await list('receivedTo=2026-03-02')).codes).toEqual([codes['late-evening']]);
  });

  it('refuses a range that ends before it starts, and an impossible date, naming the field', async () => {
    const reversed = await t.app.inject({
      method: 'GET',
      url: '/api/v1/dossiers?receivedFrom=2026-03-05&receivedTo=2026-03-01',
      headers: officer,
    });
    expect(reversed.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(reversed).errors[0]!.field).toBe('query.receivedTo');
    const impossible = await t.app.inject({
      method: 'GET',
      url: '/api/v1/dossiers?receivedFrom=2026-02-30',
      headers: officer,
    });
    expect(impossible.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(impossible).errors[0]!.field).toBe('query.receivedFrom');
  });
});
