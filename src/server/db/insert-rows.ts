/**
 * Many rows into one table in one statement with one parameter: the rows as a JSON array, turned into the table's
 * row type by PostgreSQL (jsonb_populate_recordset). For the bulk writers (the demo's seed, audit entries by the
 * hundred): Drizzle's multi-row insert builds one bound parameter per value and walks every one of them (~0.5 s of a
 * first start's CPU for the demo's ~20,000 values), and PostgreSQL caps a statement at 65,535 parameters.
 *
 * Values go through each column's own driver mapping (timestamps as ISO text, arrays as array literals), except
 * JSON columns, whose values are embedded as JSON. A column a row leaves out gets its database default, as with
 * Drizzle: rows are written in groups of the same columns given (one statement each, in the order of their first
 * row). Tables with $defaultFn/$onUpdate columns are refused (none today: write them through Drizzle).
 */
import { type Column, getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db, Tx } from './database';

const JSON_COLUMNS = new Set(['PgJson', 'PgJsonb']);

function jsonValue(column: Column, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (JSON_COLUMNS.has(column.columnType)) return value;
  const mapped = column.mapToDriverValue(value);
  if (typeof mapped === 'bigint') return mapped.toString();
  if (mapped instanceof Uint8Array) throw new TypeError(`insertRows: binary column ${column.name}`);
  return mapped;
}

export async function insertRows<T extends PgTable>(
  db: Db | Tx,
  table: T,
  rows: readonly T['$inferInsert'][],
): Promise<void> {
  if (!rows.length) return;
  const columns = Object.entries(getTableColumns(table));
  for (const [, column] of columns)
    if (column.defaultFn || column.onUpdateFn)
      throw new TypeError(`insertRows: ${column.name} has a $defaultFn`);
  const groups = new Map<string, { given: typeof columns; rows: Record<string, unknown>[] }>();
  for (const row of rows as readonly Record<string, unknown>[]) {
    const given = columns.filter(([key, column]) => row[key] !== undefined || !column.hasDefault);
    const shape = given.map(([key]) => key).join(',');
    const group = groups.get(shape) ?? { given, rows: [] };
    groups.set(shape, group);
    const record: Record<string, unknown> = {};
    for (const [key, column] of given) record[column.name] = jsonValue(column, row[key]);
    group.rows.push(record);
  }
  for (const { given, rows: records } of groups.values()) {
    if (!given.length) {
      for (const _ of records) await db.execute(sql`insert into ${table} default values`);
      continue;
    }
    const names = sql.raw(given.map(([, column]) => `"${column.name}"`).join(', '));
    await db.execute(
      sql`insert into ${table} (${names}) select ${names} from jsonb_populate_recordset(null::${table}, ${JSON.stringify(records)}::jsonb)`,
    );
  }
}
