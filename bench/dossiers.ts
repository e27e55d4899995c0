/**
 * Dossier figures of `npm run bench`, each beside the raw database doing the same work at the same concurrency:
 *  - intake: POST /api/v1/dossiers from a second process (checks, code from the daily counter, first history row,
 *    audit entry, Idempotency-Key, all in one transaction) vs plain INSERTs of the same dossiers + dossier_actions
 *    rows, one transaction per dossier;
 *  - public status look-up GET /api/v1/public/dossiers/{code}?verifier= from a second process vs the same look-up
 *    (the dossier and its timeline) as one SQL query.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../src/server/db/database';
import { localDate } from '../src/server/modules/dossiers/domain';
import { loginOver } from '../tests/support/server-process';
import { loadFromSecondProcess, rawLoops, round } from './load';

export interface BenchProcedure {
  id: string;
  version: number;
  name: string;
  timeLimit: { kind: string; days?: number };
  requiredDocuments: unknown[];
}

/** A procedure with a limit in working days and required documents, from the public catalogue. */
export async function benchProcedure(baseUrl: string): Promise<BenchProcedure> {
  const res = await fetch(`${baseUrl}/api/v1/procedures`);
  const { items } = (await res.json()) as { items: BenchProcedure[] };
  const p = items.find((x) => x.timeLimit.kind === 'working_days' && x.requiredDocuments.length);
  if (!p) throw new Error('no procedure with a limit in working days in the catalogue');
  return p;
}

/** The intake request of applicant number `n` (a string: the load worker puts the number in for "{n}"). */
export function intakeBody(p: BenchProcedure, commune: string, n: string) {
  return {
    procedureId: p.id,
    applicant: {
      fullName: 'Lê Thị Bích Ngọc',
      idNumber: `0421${n}`,
      phone: '0912345678',
      address: 'Số 12, đường Hà Huy Tập, phường Trần Phú, Hà Tĩnh',
    },
    receivingCommuneCode: commune,
    competentCommuneCode: commune,
    channel: 'counter',
    checklist: p.requiredDocuments.map((_, index) => ({ index })),
  };
}

/**
 * One-stop officer at the ten trial communes (the demo has officers at two): an account the administrator creates
 * with the ten grants, its first password changed as required. Requests rotating over the ten communes stand for
 * ten counters receiving at once (each commune has its own code counter and audit chain).
 */
export async function officerOfCommunes(baseUrl: string, admin: Record<string, string>, communes: string[]) {
  const first = 'Bench-first-2025!';
  const password = 'Bench-officer-2025!';
  const res = await fetch(`${baseUrl}/api/v1/accounts`, {
    method: 'POST',
    headers: { ...admin, 'content-type': 'application/json' },
    body: JSON.stringify({
      username: 'bench.motcua',
      displayName: 'Cán bộ một cửa (benchmark)',
      password: first,
      grants: communes.map((communeCode) => ({ role: 'one_stop_officer', communeCode })),
    }),
  });
  if (res.status !== 201) throw new Error(`create account: ${res.status} ${await res.text()}`);
  const once = await loginOver(baseUrl, 'bench.motcua', first);
  const changed = await fetch(`${baseUrl}/api/v1/auth/change-password`, {
    method: 'POST',
    headers: { ...once, 'content-type': 'application/json' },
    body: JSON.stringify({ currentPassword: first, newPassword: password }),
  });
  if (changed.status !== 204) throw new Error(`change password: ${changed.status} ${await changed.text()}`);
  return loginOver(baseUrl, 'bench.motcua', password);
}

export interface IntakeLoad {
  baseUrl: string;
  /** Session cookie and CSRF token of an official who may receive at these communes. */
  headers: Record<string, string>;
  procedure: BenchProcedure;
  /** Receiving (and competent) communes, cycled request by request. */
  communes: string[];
  connections: number;
  seconds: number;
  /** Distinguishes the Idempotency-Keys of one run from another's. */
  tag: string;
}

export async function apiIntakeThroughput(o: IntakeLoad) {
  const r = await loadFromSecondProcess({
    url: o.baseUrl,
    connections: o.connections,
    seconds: o.seconds,
    method: 'POST',
    paths: ['/api/v1/dossiers'],
    headers: { ...o.headers, 'content-type': 'application/json', 'idempotency-key': `bench-${o.tag}-{n}` },
    bodies: o.communes.map((c) => JSON.stringify(intakeBody(o.procedure, c, '{n}'))),
    start: 100_000,
  });
  return {
    dossiersPerSecond: Math.round(r.ok / r.seconds),
    p50: r.p50,
    p99: r.p99,
    failed: r.non2xx + r.errors,
    statusCodes: r.statusCodes,
  };
}

/**
 * The same rows as an intake writes, as plain INSERTs in one transaction per dossier: the dossier and its first
 * action, and with `audit` an audit row too (its SHA-256 computed here, in a chain of its own, without the chain
 * head's lock: the three rows of the issue-14 thin endpoint).
 */
export async function rawIntakeThroughput(
  database: Database,
  o: Pick<IntakeLoad, 'procedure' | 'communes' | 'connections' | 'seconds' | 'tag'> & { audit?: boolean },
) {
  const chain = `bench-raw-${o.tag}-${Date.now()}`;
  let seq = 0;
  let prevHash = '0'.repeat(64);
  const { procedure: p } = o;
  const due = localDate(new Date(Date.now() + 5 * 86_400_000));
  const checklist = JSON.stringify(p.requiredDocuments.map((_, index) => ({ index, status: 'received' })));
  const payload = JSON.stringify({ type: 'receive', limit: p.timeLimit });
  const actor = JSON.stringify({ kind: 'official', id: uuidv7(), roles: ['one_stop_officer'] });
  const figures = await rawLoops(o.connections, o.seconds, (i) =>
    database.db.transaction(async (tx) => {
      const id = uuidv7();
      const c = o.communes[i % o.communes.length]!;
      await tx.execute(sql`
        insert into dossiers (id, code, commune_code, receiving_commune_code, procedure_id, procedure_version,
          procedure_name, channel, applicant_full_name, applicant_name_folded, applicant_id_number, applicant_phone,
          applicant_address, checklist, status, version, due_date, received_at)
        values (${id}, ${`RAW-${o.tag}-${i}`}, ${c}, ${c}, ${p.id}, ${p.version}, ${p.name}, 'counter',
          'Lê Thị Bích Ngọc', 'le thi bich ngoc', ${`0422${i}`}, '0912345678',
          'Số 12, đường Hà Huy Tập, phường Trần Phú, Hà Tĩnh', ${checklist}::jsonb, 'received', 1, ${due}::date,
          now())`);
      await tx.execute(sql`
        insert into dossier_actions (dossier_id, seq, commune_code, action, payload, actor, at, from_status, to_status)
        values (${id}, 1, ${c}, 'receive', ${payload}::jsonb, ${actor}::jsonb, now(), null, 'received')`);
      if (o.audit) {
        const s = ++seq;
        const at = new Date().toISOString();
        const after = JSON.stringify({ id, status: 'received', procedureId: p.id });
        const prev = prevHash;
        prevHash = createHash('sha256')
          .update(JSON.stringify({ chain, seq: s, at, action: 'dossier.receive', entityId: id, after, prev }))
          .digest('hex');
        await tx.execute(sql`
          insert into audit_entries (chain, seq, at, actor_name, actor_role, commune_code, action, entity_type,
            entity_id, after, prev_hash, hash)
          values (${chain}, ${s}, ${at}, 'bench', 'one_stop_officer', ${c}, 'dossier.receive', 'dossier', ${id},
            ${after}::jsonb, ${prev}, ${prevHash})`);
      }
    }),
  );
  return { dossiersPerSecond: figures.perSecond, p50: figures.p50, p99: figures.p99 };
}

export interface Lookup {
  code: string;
  verifier: string;
}

/** Receives `count` dossiers through the API and returns what their applicants would look them up with. */
export async function receiveForLookups(o: Omit<IntakeLoad, 'connections' | 'seconds'>, count: number) {
  const lookups: Lookup[] = [];
  for (let n = 0; n < count; n += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, count - n) }, async (_, k) => {
        const i = n + k;
        const body = intakeBody(o.procedure, o.communes[i % o.communes.length]!, String(900_000 + i));
        const res = await fetch(`${o.baseUrl}/api/v1/dossiers`, {
          method: 'POST',
          headers: { ...o.headers, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (res.status !== 201) throw new Error(`intake: ${res.status} ${await res.text()}`);
        const { code } = (await res.json()) as { code: string };
        return { code, verifier: body.applicant.idNumber };
      }),
    );
    lookups.push(...batch);
  }
  return lookups;
}

export async function apiPublicStatus(
  baseUrl: string,
  lookups: Lookup[],
  connections: number,
  seconds: number,
) {
  const r = await loadFromSecondProcess({
    url: baseUrl,
    connections,
    seconds,
    paths: lookups.map((l) => `/api/v1/public/dossiers/${encodeURIComponent(l.code)}?verifier=${l.verifier}`),
  });
  return { p50: r.p50, p99: r.p99, requestsPerSecond: r.requestsPerSecond, failed: r.non2xx + r.errors };
}

/** What the status page shows, from one query: the dossier of the code and verifier, and its timeline. */
export async function rawPublicStatus(
  database: Database,
  lookups: Lookup[],
  connections: number,
  seconds: number,
) {
  const figures = await rawLoops(connections, seconds, async (i) => {
    const l = lookups[i % lookups.length]!;
    const res = (await database.db.execute(sql`
      select d.code, d.procedure_name, d.status, d.received_at, d.due_date,
        (select coalesce(json_agg(json_build_object('at', a.at, 'action', a.action, 'status', a.to_status)
                 order by a.seq), '[]') from dossier_actions a where a.dossier_id = d.id) as timeline
      from dossiers d
      where d.code = ${l.code} and (d.applicant_id_number = ${l.verifier} or d.applicant_phone = ${l.verifier})`)) as unknown as {
      rows: unknown[];
    };
    if (res.rows.length !== 1) throw new Error(`raw look-up of ${l.code} found ${res.rows.length} rows`);
  });
  return { p50: figures.p50, p99: figures.p99, perSecond: figures.perSecond };
}

export const ratio = (a: number, b: number) => round(a / Math.max(b, 0.001), 2);
