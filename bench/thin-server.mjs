#!/usr/bin/env node
/**
 * The bench's thin endpoint (issue 14): the least a web server on the same stack can do for the same requests,
 * in a process of its own — Fastify (no logging, no plugins) and one pg pool of `connections`, plain JavaScript
 * (no TypeScript loader). Options as JSON in argv[2]: { databaseUrl, port, connections, procedure: { id, version,
 * name }, dueDate }. Prints "ready" when listening.
 *
 *  - POST /thin/dossiers takes the same JSON body as POST /api/v1/dossiers and writes, in one transaction, the
 *    three rows an intake writes: the dossier, its first action and an audit row (with a SHA-256 over the entry,
 *    as the real one has; in a chain of its own per process, no chain-head lock, no counter row). 201 + { id, code }.
 *  - GET /thin/public/:code?verifier= answers a select on the dossier's unique code (and the verifier), 200 or 404.
 */
import { createHash, randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';

const o = JSON.parse(process.argv[2]);
const pool = new pg.Pool({ connectionString: o.databaseUrl, max: o.connections ?? 20 });
pool.on('error', () => {});
const app = Fastify({ logger: false });
const chain = `bench-thin-${process.pid}-${Date.now()}`;
let seq = 0;
let prevHash = '0'.repeat(64);
let codes = 0;

app.post('/thin/dossiers', async (req, reply) => {
  const b = req.body;
  const id = randomUUID();
  const code = `THIN-${process.pid}-${++codes}`;
  const c = b.receivingCommuneCode;
  const checklist = JSON.stringify(b.checklist.map((x) => ({ index: x.index, status: 'received' })));
  const actor = { kind: 'official', id: randomUUID(), roles: ['one_stop_officer'] };
  const at = new Date().toISOString();
  const s = ++seq;
  const after = { id, code, status: 'received', procedureId: o.procedure.id };
  const entry = JSON.stringify({ chain, seq: s, at, action: 'dossier.receive', entityId: id, after, prevHash });
  const hash = createHash('sha256').update(entry).digest('hex');
  const prev = prevHash;
  prevHash = hash;
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(
      `insert into dossiers (id, code, commune_code, receiving_commune_code, procedure_id, procedure_version,
        procedure_name, channel, applicant_full_name, applicant_name_folded, applicant_id_number, applicant_phone,
        applicant_address, checklist, status, version, due_date, received_at)
       values ($1, $2, $3, $3, $4, $5, $6, 'counter', $7, $8, $9, $10, $11, $12::jsonb, 'received', 1, $13::date, now())`,
      [
        id,
        code,
        c,
        o.procedure.id,
        o.procedure.version,
        o.procedure.name,
        b.applicant.fullName,
        b.applicant.fullName.normalize('NFD').toLowerCase(),
        b.applicant.idNumber,
        b.applicant.phone,
        b.applicant.address,
        checklist,
        o.dueDate,
      ],
    );
    await client.query(
      `insert into dossier_actions (dossier_id, seq, commune_code, action, payload, actor, at, from_status, to_status)
       values ($1, 1, $2, 'receive', $3::jsonb, $4::jsonb, now(), null, 'received')`,
      [id, c, JSON.stringify({ type: 'receive' }), JSON.stringify(actor)],
    );
    await client.query(
      `insert into audit_entries (chain, seq, at, actor_id, actor_name, actor_role, commune_code, action,
        entity_type, entity_id, after, prev_hash, hash)
       values ($1, $2, $3, $4, 'bench', 'one_stop_officer', $5, 'dossier.receive', 'dossier', $6, $7::jsonb, $8, $9)`,
      [chain, s, at, actor.id, c, id, JSON.stringify(after), prev, hash],
    );
    await client.query('commit');
  } catch (e) {
    await client.query('rollback').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
  return reply.code(201).send({ id, code });
});

app.get('/thin/public/:code', async (req, reply) => {
  const { rows } = await pool.query(
    `select code, procedure_name, status, received_at, due_date from dossiers
     where code = $1 and (applicant_id_number = $2 or applicant_phone = $2)`,
    [req.params.code, req.query.verifier ?? ''],
  );
  if (!rows.length) return reply.code(404).send({ title: 'not found' });
  return rows[0];
});

await app.listen({ port: o.port, host: '127.0.0.1' });
process.stdout.write('ready\n');
const stop = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
