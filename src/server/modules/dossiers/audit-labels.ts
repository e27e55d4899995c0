/**
 * What the audit log shows for a dossier instead of its id: its code. Handed to the audit module by the composition
 * root (audit reads no other module's tables). Only the ids of the page being shown are looked up.
 */
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { isUuid } from '../../http/auth';
import { dossiers } from './schema';

export async function dossierCodesById(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const valid = [...new Set(ids.filter(isUuid))];
  if (!valid.length) return new Map();
  const rows = await db
    .select({ id: dossiers.id, code: dossiers.code })
    .from(dossiers)
    .where(inArray(dossiers.id, valid));
  return new Map(rows.map((r) => [r.id, r.code]));
}

/** The id of the dossier with this code, for the audit filter "entity: dossier, id or code". */
export async function dossierIdByCode(db: Db, code: string): Promise<string | null> {
  const [row] = await db
    .select({ id: dossiers.id })
    .from(dossiers)
    .where(inArray(dossiers.code, [code]));
  return row?.id ?? null;
}
