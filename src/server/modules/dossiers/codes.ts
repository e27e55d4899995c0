/**
 * Dossier codes issued inside the intake transaction: the per-commune, per-day counter is incremented with
 * INSERT … ON CONFLICT DO UPDATE … RETURNING, so two counters receiving at the same instant never get the same
 * sequence (the row lock orders them), and a rolled-back intake leaves at most a gap, never a reuse.
 */
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { fieldError } from '../../http/errors';
import { formatDossierCode, formatRehearsalCode, isValidAgencyId, localDate } from './domain';
import { dossierAgencyIds, dossierCodeCounters, dossierRehearsalCodeCounters } from './schema';

/**
 * [U] Default agency e-ID (mã định danh, Decision 20/2020/QĐ-TTg) of a commune when none is configured:
 * `000.00.<commune code>.H<province code>` — e.g. `000.00.18100.H42`. The real e-ID is issued by the province;
 * set it per commune in dossier_agency_ids (setAgencyId).
 */
export function defaultAgencyId(communeCode: string, provinceCode: string): string {
  return `000.00.${communeCode}.H${provinceCode}`;
}

export async function agencyIdOf(db: DbOrTx, communeCode: string, provinceCode: string): Promise<string> {
  const [row] = await db
    .select({ agencyId: dossierAgencyIds.agencyId })
    .from(dossierAgencyIds)
    .where(eq(dossierAgencyIds.communeCode, communeCode));
  return row?.agencyId ?? defaultAgencyId(communeCode, provinceCode);
}

/** Configures a commune's agency e-ID (used by the codes issued from now on); audited. */
export async function configureAgencyId(
  ctx: WriteContext,
  communeCode: string,
  agencyId: string,
): Promise<void> {
  if (!isValidAgencyId(agencyId)) {
    throw fieldError('agencyId', 'Mã định danh cơ quan "{id}" không hợp lệ.', 'Invalid agency e-ID "{id}".', {
      id: agencyId,
    });
  }
  await inTransaction(ctx, async (tx, audit) => {
    await tx
      .insert(dossierAgencyIds)
      .values({ communeCode, agencyId })
      .onConflictDoUpdate({ target: dossierAgencyIds.communeCode, set: { agencyId, updatedAt: new Date() } });
    await audit({
      action: 'dossier.agency_id.set',
      entityType: 'dossier_agency_id',
      entityId: communeCode,
      communeCode,
      after: { agencyId },
    });
  });
}

/** The two counter tables (official and rehearsal series), the same columns each. */
type CodeCounters = typeof dossierCodeCounters | typeof dossierRehearsalCodeCounters;

/** The next value of a commune's counter for the local day of `receivedAt`, inside the transaction. */
async function nextCounterValue(tx: Tx, counters: CodeCounters, communeCode: string, receivedAt: Date) {
  const [row] = await tx
    .insert(counters)
    .values({ communeCode, day: localDate(receivedAt), lastValue: 1 })
    .onConflictDoUpdate({
      target: [counters.communeCode, counters.day],
      set: { lastValue: sql`${counters.lastValue} + 1` },
    })
    .returning({ value: counters.lastValue });
  return row!.value;
}

/** The next code of the receiving commune for the local day of `receivedAt`, inside the transaction. */
export async function issueDossierCode(
  tx: Tx,
  communeCode: string,
  agencyId: string,
  receivedAt: Date,
): Promise<string> {
  const value = await nextCounterValue(tx, dossierCodeCounters, communeCode, receivedAt);
  return formatDossierCode(agencyId, receivedAt, value);
}

/** The next rehearsal code (DT-…) of the commune for the local day, from the rehearsal series only. */
export async function issueRehearsalDossierCode(
  tx: Tx,
  communeCode: string,
  agencyId: string,
  receivedAt: Date,
): Promise<string> {
  const value = await nextCounterValue(tx, dossierRehearsalCodeCounters, communeCode, receivedAt);
  return formatRehearsalCode(agencyId, receivedAt, value);
}
