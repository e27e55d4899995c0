/**
 * The one-stop centre's rehearsal mode (chế độ diễn tập) and the fate of its mock dossiers at cutover. The
 * campaign module decides when the mode may change (not after go-live) and calls these inside its transaction.
 */
import { and, asc, desc, eq, gte, isNotNull, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/database';
import { type DossierStatus, STATUS_LABELS, startOfLocalDay } from './domain';
import { dossierRehearsalModes, dossiers } from './schema';

export interface RehearsalMode {
  enabled: boolean;
  changedAt: string | null;
  changedBy: string | null;
}

export async function rehearsalModeOf(db: DbOrTx, communeCode: string): Promise<RehearsalMode> {
  const [row] = await db
    .select()
    .from(dossierRehearsalModes)
    .where(eq(dossierRehearsalModes.communeCode, communeCode));
  return row
    ? { enabled: row.enabled, changedAt: row.changedAt.toISOString(), changedBy: row.changedBy }
    : { enabled: false, changedAt: null, changedBy: null };
}

/** Switches the mode inside the caller's transaction (the caller audits it). */
export async function setRehearsalModeInTx(
  tx: Tx,
  communeCode: string,
  enabled: boolean,
  by: string,
): Promise<void> {
  const now = new Date();
  await tx
    .insert(dossierRehearsalModes)
    .values({ communeCode, enabled, changedAt: now, changedBy: by })
    .onConflictDoUpdate({
      target: dossierRehearsalModes.communeCode,
      set: { enabled, changedAt: now, changedBy: by },
    });
}

/**
 * Cutover: every rehearsal dossier of the commune (competent or receiving) is marked archived, inside the
 * caller's transaction; they stay readable, marked, and leave the lists and statistics.
 */
export async function archiveRehearsalDossiers(
  tx: Tx,
  communeCode: string,
  at: Date,
): Promise<{ archived: number; ids: string[] }> {
  const rows = await tx
    .update(dossiers)
    .set({ archivedAt: at, updatedAt: at })
    .where(
      and(
        eq(dossiers.rehearsal, true),
        isNull(dossiers.archivedAt),
        sql`(${dossiers.communeCode} = ${communeCode} or ${dossiers.receivingCommuneCode} = ${communeCode})`,
      ),
    )
    .returning({ id: dossiers.id });
  return { archived: rows.length, ids: rows.map((r) => r.id) };
}

/**
 * The mock dossiers a commune's centre received on a day (Vietnam time), archived ones included: what a trial
 * plan's page shows of the one-stop rehearsal of that day. Codes in order of receipt.
 */
export async function rehearsalDossiersOn(
  db: DbOrTx,
  communeCode: string,
  day: string,
): Promise<{ count: number; codes: string[] }> {
  const start = new Date(`${day}T00:00:00+07:00`);
  const end = new Date(start.getTime() + 24 * 3600_000);
  const rows = await db
    .select({ code: dossiers.code })
    .from(dossiers)
    .where(
      and(
        eq(dossiers.rehearsal, true),
        eq(dossiers.receivingCommuneCode, communeCode),
        gte(dossiers.receivedAt, start),
        lt(dossiers.receivedAt, end),
      ),
    )
    .orderBy(asc(dossiers.receivedAt), asc(dossiers.id));
  return { count: rows.length, codes: rows.map((r) => r.code) };
}

/** The commune's rehearsal dossiers: those its centre received, or carried on there (a transfer), as the archive. */
const ofCommune = (communeCode: string): SQL =>
  and(
    eq(dossiers.rehearsal, true),
    sql`(${dossiers.communeCode} = ${communeCode} or ${dossiers.receivingCommuneCode} = ${communeCode})`,
  )!;

/** Received on the local (UTC+7) day `day`. */
const receivedOn = (day: string): SQL =>
  and(gte(dossiers.receivedAt, startOfLocalDay(day)), lt(dossiers.receivedAt, startOfLocalDay(day, 1)))!;

/** The rehearsal dossiers of a local day, newest first (the campaign tab's list), with the commune's totals. */
export async function rehearsalDossierList(db: DbOrTx, communeCode: string, day: string) {
  const rows = await db
    .select()
    .from(dossiers)
    .where(and(ofCommune(communeCode), receivedOn(day)))
    .orderBy(desc(dossiers.receivedAt), desc(dossiers.id))
    .limit(500);
  const [totals] = await db
    .select({
      active: sql<number>`(count(*) filter (where ${isNull(dossiers.archivedAt)}))::int`,
      archived: sql<number>`(count(*) filter (where ${isNotNull(dossiers.archivedAt)}))::int`,
    })
    .from(dossiers)
    .where(ofCommune(communeCode));
  return {
    dossiers: rows.map((r) => ({
      id: r.id,
      code: r.code,
      procedureName: r.procedureName,
      applicantName: r.applicantFullName,
      status: r.status,
      statusLabel: STATUS_LABELS[r.status as DossierStatus],
      receivedAt: r.receivedAt.toISOString(),
      archivedAt: r.archivedAt?.toISOString() ?? null,
    })),
    activeTotal: Number(totals?.active ?? 0),
    archivedTotal: Number(totals?.archived ?? 0),
  };
}
