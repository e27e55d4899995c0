/**
 * Group commit of intakes (issue 14): concurrent intakes are written in batches by one SQL call, and still get
 * unique, gap-free codes, chains that verify, one dossier per Idempotency-Key; an intake that fails a check inside
 * the batch gets its own refusal while the others of the batch are written; a logout just before the write refuses
 * the intake. On both engines.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../../tests/support/app';
import { ENGINES } from '../../../../../tests/support/database';
import type { IntakeRequest } from '../../../../common/api/dossiers';
import { systemContext, type WriteContext } from '../../../db/transaction';
import { AppError } from '../../../http/errors';
import { verifyAuditLog } from '../../audit/service';
import { publicLink, setNotifyChannels } from '../../notifications/notify';
import { listProcedures } from '../../procedures/service';
import { intakeDossier } from '../intake';
import type { Caller } from '../service';
import { batcherFor } from './batcher';

type Proc = { id: string; code: string; requiredDocuments: unknown[] };

describe.each(ENGINES)('intakes written in batches on %s', (engine) => {
  let t: TestApp;
  let procedure: Proc;
  let communes: string[];
  let n = 0;
  let caller: Caller;

  const input = (commune: string): IntakeRequest => {
    n += 1;
    return {
      procedureId: procedure.id,
      applicant: {
        fullName: 'Lê Thị Lô Hàng',
        idNumber: `04219${String(n).padStart(7, '0')}`,
        phone: `0935${String(n).padStart(6, '0')}`,
        address: 'Số 9, đường Hà Huy Tập, Hà Tĩnh',
      },
      receivingCommuneCode: commune,
      competentCommuneCode: commune,
      channel: 'counter',
      checklist: procedure.requiredDocuments.map((_, index) => ({ index, status: 'received' as const })),
    };
  };
  const ctx = (): WriteContext => systemContext(t.database.db, 'batch test');
  const rows = async <T>(q: ReturnType<typeof sql>) =>
    ((await t.database.db.execute(q)) as unknown as { rows: T[] }).rows;
  const sequenceOf = (code: string) => Number(code.split('-').pop());
  const counterOf = async (commune: string, code: string) => {
    const [row] = await rows<{ v: number }>(
      sql`select last_value as v from dossier_code_counters where commune_code = ${commune}
        and day = to_date(${code.split('-').at(-2)!}, 'YYMMDD')`,
    );
    return Number(row!.v);
  };
  /** Resolves once `count` intakes wait in the (held) batcher. */
  const queued = async (count: number) => {
    const b = batcherFor(t.database.db);
    for (let i = 0; i < 2000 && b.pending < count; i++) await new Promise((r) => setTimeout(r, 5));
    expect(b.pending).toBe(count);
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    const all = (await listProcedures(t.database.db, {})) as unknown as Proc[];
    procedure = all.find((p) => p.code === '1.001193')!;
    communes = (
      await rows<{ code: string }>(
        sql`select code from communes where province_code = (select province_code from communes where code = '18100')
          and code <> '18100' order by code limit 3`,
      )
    ).map((r) => r.code);
    expect(communes).toHaveLength(3);
    caller = {
      accountId: '00000000-0000-7000-8000-000000000001',
      grants: ['18100', ...communes].map((c) => ({
        role: 'one_stop_officer' as const,
        provinceCode: null,
        communeCode: c,
      })),
    };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives 20 concurrent intakes on one commune, and 20 across communes, unique gap-free codes; chains verify', async () => {
    const before = { ...batcherFor(t.database.db).stats };
    const one = await Promise.all(
      Array.from({ length: 20 }, () => intakeDossier(ctx(), caller, input('18100'))),
    );
    const spread = await Promise.all(
      Array.from({ length: 20 }, (_, i) => intakeDossier(ctx(), caller, input(communes[i % 3]!))),
    );
    const stats = batcherFor(t.database.db).stats;
    expect(stats.intakes - before.intakes).toBe(40);
    expect(stats.batches - before.batches).toBeLessThan(40); // grouped, not one call per intake
    for (const [commune, group] of [
      ['18100', one],
      ...communes.map((c, k) => [c, spread.filter((_, i) => i % 3 === k)] as const),
    ] as const) {
      const seqs = group.map((d) => sequenceOf(d.code)).sort((a, b) => a - b);
      const top = await counterOf(commune, group[0]!.code);
      // The newest values of the counter, each once: no code twice, no gap.
      expect(seqs).toEqual(Array.from({ length: group.length }, (_, i) => top - group.length + 1 + i));
    }
    const stored = await rows<{ n: number; entries: number; actions: number }>(sql`
      select count(*)::int as n,
        sum((select count(*) from audit_entries a where a.entity_id = d.id::text and a.action = 'dossier.receive'))::int as entries,
        sum((select count(*) from dossier_actions x where x.dossier_id = d.id))::int as actions
      from dossiers d where d.id in (${sql.join(
        [...one, ...spread].map((d) => sql`${d.id}::uuid`),
        sql`, `,
      )})`);
    expect(stored[0]).toEqual({ n: 40, entries: 40, actions: 40 });
    // The applicant's SMS is queued with the dossier, its code in place.
    const [sms] = await rows<{ body: string }>(
      sql`select body from notification_outbox where source_id = ${one[0]!.id}::uuid and channel = 'sms'`,
    );
    expect(sms?.body).toContain(one[0]!.code);
    expect((await verifyAuditLog(t.database.db)).breaks).toEqual([]);
  });

  it('answers 20 concurrent requests with one Idempotency-Key with one dossier; another request on it is a 409', async () => {
    const body = input(communes[0]!);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        intakeDossier(ctx(), caller, body, { idempotencyKey: `once-${engine}` }),
      ),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(new Set(results.map((r) => r.code)).size).toBe(1);
    const [count] = await rows<{ n: number }>(
      sql`select count(*)::int as n from dossiers where applicant_id_number = ${body.applicant.idNumber}`,
    );
    expect(count!.n).toBe(1);
    const other = intakeDossier(ctx(), caller, input(communes[0]!), { idempotencyKey: `once-${engine}` });
    await expect(other).rejects.toMatchObject({ code: 'conflict' });
    expect((await verifyAuditLog(t.database.db)).breaks).toEqual([]);
  });

  it('refuses the one intake of a batch that fails a check and writes the others, without a gap', async () => {
    const b = batcherFor(t.database.db);
    const batches = b.stats.batches;
    const release = b.hold();
    const signedOut: WriteContext = {
      ...ctx(),
      credential: { kind: 'session', tokenHash: 'f'.repeat(64) }, // no such session
    };
    const first = intakeDossier(ctx(), caller, input('18100'));
    const refused = intakeDossier(signedOut, caller, input('18100')).catch((e: unknown) => e);
    const third = intakeDossier(ctx(), caller, input('18100'));
    await queued(3);
    release();
    const [a, c] = await Promise.all([first, third]);
    const e = await refused;
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('unauthenticated');
    expect(b.stats.batches - batches).toBe(1);
    // The two written take consecutive values (in the order they reached the batch), the counter the higher one.
    const [low, high] = [sequenceOf(a.code), sequenceOf(c.code)].sort((x, y) => x - y);
    expect(high).toBe(low! + 1);
    expect(await counterOf('18100', c.code)).toBe(high);
    expect((await verifyAuditLog(t.database.db)).breaks).toEqual([]);
  });

  it('checks the calendar again inside the write: a change after the checks makes the intake run once more', async () => {
    const b = batcherFor(t.database.db);
    const release = b.hold();
    const pending = intakeDossier(ctx(), caller, input('18100'));
    await queued(1);
    await t.database.db.execute(
      sql`update data_revisions set revision = revision + 1 where name = 'calendar'`,
    );
    const batches = b.stats.batches;
    release();
    const d = await pending;
    expect(b.stats.batches - batches).toBe(2); // refused as stale, then written with the calendar re-read
    const [row] = await rows<{ code: string }>(sql`select code from dossiers where id = ${d.id}::uuid`);
    expect(row!.code).toBe(d.code);
  });

  it('refuses an intake whose session was signed out just before its write', async () => {
    const officer = await loginAs(t.app, 'motcua.tranphu');
    const b = batcherFor(t.database.db);
    const release = b.hold();
    const body = { ...input('18100'), competentCommuneCode: '18100' };
    const response = t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: officer,
      payload: body,
    });
    await queued(1);
    // Signed out (the session row deleted) while the intake waits for its batch.
    const logout = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: officer });
    expect(logout.statusCode).toBeLessThan(300);
    release();
    const res = await response;
    expect(res.statusCode).toBe(401);
    expect(json<{ code: string }>(res).code).toBe('unauthenticated');
    const [count] = await rows<{ n: number }>(
      sql`select count(*)::int as n from dossiers where applicant_id_number = ${body.applicant.idNumber}`,
    );
    expect(count!.n).toBe(0);
  });

  it('writes an intake whose message a longer code would cut differently in one transaction of its own', async () => {
    const publicUrl = publicLink('');
    // A link so long that the SMS is cut to its 300 characters: where it is cut depends on the code's length.
    setNotifyChannels({ zalo: false, publicUrl: `https://xaso.example/${'a'.repeat(260)}` });
    try {
      const b = batcherFor(t.database.db);
      const batched = b.stats.intakes;
      const d = await intakeDossier(ctx(), caller, input('18100'));
      expect(b.stats.intakes).toBe(batched);
      const [sms] = await rows<{ subject: string; body: string }>(
        sql`select subject, body from notification_outbox where source_id = ${d.id}::uuid and channel = 'sms'`,
      );
      expect(sms!.subject).toContain(d.code);
      expect(sms!.body.length).toBeLessThanOrEqual(300);
      expect(await counterOf('18100', d.code)).toBe(sequenceOf(d.code));
      expect((await verifyAuditLog(t.database.db)).breaks).toEqual([]);
    } finally {
      setNotifyChannels({ zalo: false, publicUrl });
    }
  });
});
