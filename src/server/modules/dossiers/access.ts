import { eq } from 'drizzle-orm';
import type { Db } from '../../db/database';
import type { Access } from '../../http/auth';
import { isUuid } from '../../http/auth';
import type { Permission } from '../auth/permissions';
import { dossiers } from './schema';

/** The competent commune of a dossier (the one that processes it), or null. */
export async function communeOfDossier(db: Db, id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select({ c: dossiers.communeCode }).from(dossiers).where(eq(dossiers.id, id));
  return row?.c ?? null;
}

/** The commune whose centre received the dossier (it prints the receipt), or null. */
export async function receivingCommuneOfDossier(db: Db, id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ c: dossiers.receivingCommuneCode })
    .from(dossiers)
    .where(eq(dossiers.id, id));
  return row?.c ?? null;
}

/** A right over the competent commune of the dossier named by `:id` (404 when foreign or missing). */
export const dossierRecord = (permission: Permission) => ({
  access: { permission, recordParam: 'id', communeOf: communeOfDossier } satisfies Access,
});

/** Both communes of a dossier: the competent one, and the centre that received it when another (phi địa giới). */
export async function partiesOfDossier(db: Db, id: string): Promise<string[] | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ competent: dossiers.communeCode, receiving: dossiers.receivingCommuneCode })
    .from(dossiers)
    .where(eq(dossiers.id, id));
  return row ? [...new Set([row.competent, row.receiving])] : null;
}

/**
 * A right over either commune of the dossier named by `:id`: the receiving centre follows what it received for
 * another commune (to tell the applicant, to return the result); acting stays with the competent commune.
 */
export const dossierPartyRecord = (permission: Permission) => ({
  access: { permission, recordParam: 'id', communeOf: partiesOfDossier } satisfies Access,
});

/** A right over the receiving commune of the dossier named by `:id` (404 when foreign or missing). */
export const receivedDossierRecord = (permission: Permission) => ({
  access: { permission, recordParam: 'id', communeOf: receivingCommuneOfDossier } satisfies Access,
});
