/**
 * Reading what a seed wrote, for the tests that compare a bulk seed with the use cases row for row: each id a
 * database drew named by what it stands for (`name`), the times of the seeding itself as <now> (`normal`).
 */
import { type SQL, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from '../db/database';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}(?::?\d{2})?)$/;

/** The instant of a timestamp as either engine's driver or JSON writes it, or NaN. */
export function instant(v: string): number {
  const m = TIME.exec(v);
  if (!m) return Number.NaN;
  const zone =
    m[3] === 'Z' ? 'Z' : m[3]!.length === 3 ? `${m[3]}:00` : m[3]!.replace(/(\d{2})(\d{2})$/, '$1:$2');
  return Date.parse(`${m[1]}T${m[2]}${zone}`);
}

export function seedReader(db: Db) {
  const rows = async (query: SQL) =>
    ((await db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
  const names = new Map<string, string>();
  /** Names the ids of a query's rows (columns id, name). */
  const name = async (query: SQL) => {
    for (const r of await rows(query)) names.set(String(r.id), String(r.name));
  };
  const now = Date.now();
  /** The value with ids named and times within a day of now as <now>; `also` rewrites the other values. */
  const normal = (value: unknown, also: (key: string, v: unknown) => unknown = (_k, v) => v) =>
    JSON.parse(
      JSON.stringify(value).replace(UUID, (id) => names.get(id) ?? '<unnamed id>'),
      (k, v) => (typeof v === 'string' && Math.abs(instant(v) - now) < 86_400_000 ? '<now>' : also(k, v)),
    );
  /** The audit entries (those `only` selects; without hashes and times) in chain order, and the chain heads. */
  const auditTrail = async (only: SQL = sql`true`) => ({
    audit: normal(
      await rows(sql`select chain, seq, actor_id::text as actor_id, actor_name, actor_role, commune_code, action,
        entity_type, entity_id, before, after, request_id, client_address
      from audit_entries where ${only} order by chain, seq`),
    ),
    heads: await rows(sql`select chain, seq from audit_chain_heads order by chain`),
  });
  return { rows, name, normal, auditTrail };
}

/** Every id in what a seed wrote is named (an unnamed one would make two seeds' rows compare equal by accident). */
export function expectEveryIdNamed(written: Record<string, unknown>) {
  const unnamed = [...JSON.stringify(written).matchAll(/([^,{]{0,60})<unnamed id>/g)].map((m) => m[1]);
  expect([...new Set(unnamed)]).toEqual([]);
}

/** The bulk seed wrote what the use cases wrote, table by table (a difference names its table). */
export function expectSameTables(actual: Record<string, unknown>, expected: Record<string, unknown>) {
  for (const table of Object.keys(expected)) expect(actual[table], table).toEqual(expected[table]);
}
