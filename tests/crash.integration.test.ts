/**
 * Crash test: the real server (a child process) is killed with SIGKILL in the middle of a burst of concurrent
 * counter intakes, then started again on the same data. What the server acknowledged must still be there, whole:
 * the dossier with its code, its history row, its audit entry; no code issued twice; the same Idempotency-Key
 * gives back the same dossier; the audit hash chains verify. On PGlite (data directory) and PostgreSQL.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/server/db/database';
import { verifyAuditLog } from '../src/server/modules/audit/service';
import { ENGINES } from './support/database';
import {
  createServerData,
  loginOver,
  type ServerData,
  type ServerProcess,
  startServer,
} from './support/server-process';

/** Intakes in the burst, sent CONCURRENCY at a time; the server is killed once KILL_AFTER were acknowledged. */
const BURST = 240;
const CONCURRENCY = 12;
const KILL_AFTER = 40;

type Intake = { id: string; code: string; dueDate: string; status: string };
type Outcome = { i: number; status: number; body: Intake } | { i: number; error: string };
type Proc = { id: string; timeLimit: { kind: string }; requiredDocuments: unknown[] };

describe.each(ENGINES)('a crash in the middle of a burst of intakes on %s', (engine) => {
  let data: ServerData;
  let server: ServerProcess | undefined;
  let officer: Record<string, string>;
  let procedure: Proc;

  const body = (i: number) => ({
    procedureId: procedure.id,
    applicant: {
      fullName: 'Trần Văn Bão',
      idNumber: `04209${String(i).padStart(7, '0')}`,
      phone: `0987${String(i).padStart(6, '0')}`,
      address: 'Số 1, đường Phan Đình Phùng, phường Trần Phú, Hà Tĩnh',
    },
    receivingCommuneCode: '18100',
    competentCommuneCode: '18100',
    channel: 'counter',
    checklist: procedure.requiredDocuments.map((_, index) => ({ index })),
  });
  const key = (i: number) => `crash-${engine}-${String(i).padStart(4, '0')}`;
  const intake = (baseUrl: string, i: number) =>
    fetch(`${baseUrl}/api/v1/dossiers`, {
      method: 'POST',
      headers: { ...officer, 'content-type': 'application/json', 'idempotency-key': key(i) },
      body: JSON.stringify(body(i)),
    });

  beforeAll(async () => {
    // Data a demo server already started on (map, catalogue, demo): the crash, not the first start, is tested here.
    data = await createServerData(engine, 'xaso-crash', { demo: true });
    server = await startServer(data);
    officer = await loginOver(server.baseUrl, 'motcua.tranphu');
    const list = (await (await fetch(`${server.baseUrl}/api/v1/procedures`)).json()) as { items: Proc[] };
    procedure = list.items.find((p) => p.timeLimit.kind === 'working_days' && p.requiredDocuments.length)!;
  });
  afterAll(async () => {
    await server?.kill9();
    await data?.dispose();
  });

  it('keeps every acknowledged intake whole after SIGKILL, issues no code twice, replays keys, chains intact', async () => {
    // The burst: CONCURRENCY workers; the first to see KILL_AFTER acknowledgements kills the server.
    const first = server!;
    const outcomes: Outcome[] = [];
    let next = 0;
    let acked = 0;
    let killing: Promise<void> | undefined;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (!killing && next < BURST) {
          const i = next++;
          try {
            const res = await intake(first.baseUrl, i);
            const text = await res.text();
            if (res.status === 201) {
              outcomes.push({ i, status: res.status, body: JSON.parse(text) as Intake });
              if (++acked === KILL_AFTER) killing = first.kill9();
            } else outcomes.push({ i, error: `${res.status} ${text}` });
          } catch (e) {
            outcomes.push({ i, error: String(e) });
          }
        }
      }),
    );
    await killing;
    expect(first.child.signalCode).toBe('SIGKILL');
    const ok = outcomes.flatMap((o) => ('status' in o ? [o] : []));
    const cut = outcomes.flatMap((o) => ('error' in o ? [o] : []));
    expect(ok.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(cut.length).toBeGreaterThan(0); // requests were in flight when the process died
    for (const o of cut) expect(o.error).toMatch(/fetch failed/); // cut off, not refused by the server
    expect(next).toBeLessThan(BURST); // killed in the middle, not after the burst

    // Restart on the same data; the session of the counter survives too (it is in the database).
    server = await startServer(data);
    const again = server;
    for (const o of ok) {
      const res = await intake(again.baseUrl, o.i);
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual(o.body);
    }
    // The counter resends what got no answer: one dossier per key, whether or not it was written before the crash
    // (a commit whose answer was lost is found by the applicant's ID number and given back, not received twice).
    const resent = new Map<number, Intake>();
    for (const o of cut) {
      const search = await fetch(`${again.baseUrl}/api/v1/dossiers?q=${body(o.i).applicant.idNumber}`, {
        headers: officer,
      });
      const before = ((await search.json()) as { items: { id: string }[] }).items;
      expect(before.length).toBeLessThanOrEqual(1);
      const res = await intake(again.baseUrl, o.i);
      expect(res.status).toBe(201);
      const d = (await res.json()) as Intake;
      if (before[0]) expect(d.id).toBe(before[0].id);
      resent.set(o.i, d);
    }
    expect(await again.stop()).toBe(0);

    const database = await openDatabase(data.open);
    try {
      // The audit hash chains verify (what `xaso audit verify` runs, here on the database opened anyway: the command
      // itself is the CLI test's).
      const report = await verifyAuditLog(database.db);
      expect(report.breaks).toEqual([]);
      expect(report.entries).toBeGreaterThan(ok.length);

      const rows = async <T>(q: ReturnType<typeof sql>) =>
        ((await database.db.execute(q)) as unknown as { rows: T[] }).rows;
      const ids = [...ok.map((o) => o.body.id), ...[...resent.values()].map((d) => d.id)];
      const stored = await rows<{ id: string; code: string; entries: number; actions: number }>(sql`
        select d.id, d.code,
          (select count(*)::int from audit_entries a
            where a.action = 'dossier.receive' and a.entity_type = 'dossier' and a.entity_id = d.id::text) as entries,
          (select count(*)::int from dossier_actions x where x.dossier_id = d.id) as actions
        from dossiers d where d.id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`);
      const byId = new Map(stored.map((r) => [r.id, r]));
      for (const o of ok) {
        expect(byId.get(o.body.id)).toEqual({ id: o.body.id, code: o.body.code, entries: 1, actions: 1 });
      }
      for (const d of resent.values()) expect(byId.get(d.id)).toMatchObject({ code: d.code, entries: 1 });

      // One dossier per key of the burst (the applicant's ID number tells them apart), each key once.
      const perApplicant = await rows<{ n: number; distinctIds: number }>(sql`
        select count(*)::int as n, count(distinct applicant_id_number)::int as "distinctIds"
        from dossiers where applicant_full_name = 'Trần Văn Bão'`);
      expect(perApplicant[0]).toEqual({ n: ok.length + cut.length, distinctIds: ok.length + cut.length });

      // No code twice, and the counters stand at or above every sequence issued (a later intake cannot reuse one).
      const codes = await rows<{ n: number; distinctCodes: number; behind: number }>(sql`
        select count(*)::int as n, count(distinct code)::int as "distinctCodes",
          (select count(*)::int from (
             select split_part(d.code, '-', 1) as agency, split_part(d.code, '-', 2) as day,
                    max(split_part(d.code, '-', 3)::int) as top
             from dossiers d where d.receiving_commune_code = '18100' group by 1, 2) s
           where s.top > coalesce((select c.last_value from dossier_code_counters c
             where c.commune_code = '18100' and to_char(c.day, 'YYMMDD') = s.day), 0)) as behind
        from dossiers`);
      expect(codes[0]!.distinctCodes).toBe(codes[0]!.n);
      expect(codes[0]!.behind).toBe(0);
    } finally {
      await database.close();
    }
  }, 180_000);
});
