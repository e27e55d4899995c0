/**
 * The demo's dossiers are written in bulk (modules/dossiers/seed-bulk.ts) for a fast first start; what users see
 * must be what the use cases would have made of the same demo: the same codes, states, due dates, histories,
 * ratings, messages to the applicants and audit entries, with a chain that verifies.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../tests/support/database';
import type { Db } from '../db/database';
import { systemContext } from '../db/transaction';
import { verifyAuditLog } from '../modules/audit/service';
import { intakeDossier, submitOnline } from '../modules/dossiers/intake';
import { rateDossier } from '../modules/dossiers/ratings';
import { actOnDossier } from '../modules/dossiers/service';
import { expectSameTables } from './compare.test-support';
import { seedDemoPeople } from './demo';
import { type DemoDossierWriter, type DemoDossierWriters, seedDemoDossiers } from './demo-dossiers';

/** The demo written the old way: one use case call per intake, action and rating. */
interface Made {
  id: string;
  code: string;
  phone: string;
  version: number;
  due: string;
}
const throughUseCases: DemoDossierWriters = (ctx) => {
  const writer: DemoDossierWriter<Made> = {
    async intake(caller, input, at) {
      if (!caller) {
        const { procedureId, applicant, competentCommuneCode, checklist } = input;
        const r = await submitOnline(
          ctx,
          { procedureId, applicant, competentCommuneCode, checklist },
          { now: at },
        );
        return { id: '', code: r.code, phone: applicant.phone, version: 1, due: '' };
      }
      const r = await intakeDossier(ctx, caller, input, { now: at });
      return { id: r.id, code: r.code, phone: input.applicant.phone, version: 1, due: r.dueDate! };
    },
    async act(d, caller, action, at) {
      const r = await actOnDossier(ctx, caller, d.id, { ...action, version: d.version }, { now: at });
      d.version = r.version;
      d.due = r.dueDate ?? d.due;
    },
    dueDate: (d) => d.due,
    async rate(d, input, at) {
      await rateDossier(ctx, d.code, d.phone, input, at);
    },
    async commit() {},
  };
  return writer as DemoDossierWriter<unknown>;
};

/** Everything the demo's dossiers wrote, with the ids each database drew (dossiers, accounts) named by code. */
async function written(db: Db) {
  const rows = async (query: ReturnType<typeof sql>) =>
    ((await db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
  const accounts = new Map(
    (await rows(sql`select id::text as id, username from accounts`)).map((r) => [r.id, `@${r.username}`]),
  );
  const named = (value: unknown) =>
    JSON.parse(JSON.stringify(value), (_k, v) =>
      typeof v === 'string' && accounts.has(v) ? accounts.get(v) : v,
    );
  return named({
    dossiers:
      await rows(sql`select code, commune_code, receiving_commune_code, procedure_id, procedure_version,
        procedure_name, channel, applicant_full_name, applicant_name_folded, applicant_id_number, applicant_phone,
        applicant_address, checklist, status, version, due_date::text as due_date, assignee_id::text as assignee_id,
        received_at, submitted_at, closed_at, resolved_at, late_acknowledged, rehearsal,
        case when version > 1 then updated_at end as updated_at
      from dossiers order by code`),
    actions:
      await rows(sql`select d.code, a.seq, a.commune_code, a.action, a.payload, a.actor, a.at, a.from_status,
        a.to_status
      from dossier_actions a join dossiers d on d.id = a.dossier_id order by d.code, a.seq`),
    ratings:
      await rows(sql`select d.code, r.commune_code, r.rating, r.comment, r.returned_by::text as returned_by,
        r.created_at
      from dossier_ratings r join dossiers d on d.id = r.dossier_id order by d.code`),
    messages:
      await rows(sql`select d.code, o.commune_code, o.channel, o.template, o.locale, o.recipient, o.subject,
        o.body, o.source_type, o.status, replace(o.idempotency_key, o.source_id::text, '<id>') as key
      from notification_outbox o join dossiers d on d.id = o.source_id order by d.code, key`),
    audit: await rows(sql`select a.chain, a.seq, a.actor_id::text as actor_id, a.actor_name, a.actor_role,
        a.commune_code, a.action, a.entity_type, d.code, a.before, a.after, a.request_id, a.client_address
      from audit_entries a join dossiers d on d.id::text = a.entity_id order by a.chain, a.seq`),
    counters: await rows(sql`select commune_code, day::text as day, last_value from dossier_code_counters
      order by commune_code, day`),
    heads: await rows(sql`select chain, seq from audit_chain_heads order by chain`),
  });
}

describe.each(ENGINES)('the demo dossiers written in bulk on %s', (engine) => {
  let bulk: TestDatabase;
  let useCases: TestDatabase;
  const now = new Date('2025-12-03T10:30:00+07:00');

  beforeAll(async () => {
    [bulk, useCases] = await Promise.all([
      createTestDatabase(engine, { map: true }),
      createTestDatabase(engine, { map: true }),
    ]);
    for (const [database, writer] of [
      [bulk, undefined],
      [useCases, throughUseCases],
    ] as const) {
      const ctx = systemContext(database.db, 'test seed');
      await seedDemoPeople(ctx, () => {}, 'small');
      await seedDemoDossiers(ctx, () => {}, { now, scale: 'small', ...(writer ? { writer } : {}) });
    }
  }, 240_000);
  afterAll(async () => {
    await bulk?.dispose();
    await useCases?.dispose();
  });

  it('are what the use cases make of the same demo, row for row and entry for entry', async () => {
    const expected = await written(useCases.db);
    const actual = await written(bulk.db);
    expect(expected.dossiers.length).toBeGreaterThanOrEqual(40);
    expectSameTables(actual, expected);
  });

  it('leave an audit chain that verifies', async () => {
    const report = await verifyAuditLog(bulk.db);
    expect(report.breaks).toEqual([]);
    expect(report.entries).toBeGreaterThan(200);
  });
});
