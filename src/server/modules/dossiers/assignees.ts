/**
 * Who a dossier can be handed to (chuyển chuyên viên xử lý): the specialists of its competent commune with the
 * dossiers each holds now (so work is spread), and who the commune's task-assignment announcement puts in charge
 * of the procedure's domain. Accounts and officials are not linked yet, so the announcement is shown beside
 * the list, not matched to an account.
 */
import { and, count, eq, inArray } from 'drizzle-orm';
import { DOMAIN_AREAS } from '../../../common/api/procedures';
import type { DbOrTx } from '../../db/database';
import { accountsWithRole } from '../auth/service';
import { findCurrentAnnouncement } from '../org';
import { getProcedureVersion } from '../procedures/service';
import type { DossierStatus } from './domain';
import { dossiers } from './schema';
import type { DossierRow } from './service';

/** States in which the assignee still owes work on the dossier. */
const HELD: DossierStatus[] = [
  'assigned',
  'in_processing',
  'supplement_requested',
  'awaiting_payment',
  'submitted_for_approval',
];

export async function assigneeOptions(db: DbOrTx, row: DossierRow) {
  const [specialists, procedure, announcement] = await Promise.all([
    accountsWithRole(db, row.communeCode, 'specialist'),
    getProcedureVersion(db, row.procedureId, row.procedureVersion),
    findCurrentAnnouncement(db, row.communeCode),
  ]);
  const ids = specialists.map((s) => s.id);
  const held = ids.length
    ? await db
        .select({ id: dossiers.assigneeId, n: count() })
        .from(dossiers)
        .where(
          and(
            eq(dossiers.communeCode, row.communeCode),
            inArray(dossiers.assigneeId, ids),
            inArray(dossiers.status, HELD),
          ),
        )
        .groupBy(dossiers.assigneeId)
    : [];
  const open = new Map(held.map((h) => [h.id, h.n]));
  const areas = DOMAIN_AREAS[procedure.data.domain];
  const item = areas
    .map((code) => announcement?.items.find((i) => i.areaCode === code))
    .find((i) => i !== undefined);
  return {
    candidates: specialists
      .map((s) => ({ accountId: s.id, displayName: s.displayName, openDossiers: open.get(s.id) ?? 0 }))
      .sort((a, b) => a.openDossiers - b.openDossiers || a.displayName.localeCompare(b.displayName, 'vi')),
    assignment: item
      ? {
          areaCode: item.areaCode,
          areaLabel: item.label,
          inCharge: item.inCharge?.fullName ?? null,
          deputy: item.deputy?.fullName ?? null,
          announcementNumber: announcement?.number ?? null,
        }
      : null,
  };
}
