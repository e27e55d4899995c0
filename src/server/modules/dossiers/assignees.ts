/**
 * Who a dossier can be handed to (chuyển chuyên viên xử lý): the specialists of its competent commune with the
 * dossiers each has in "Của tôi" now, the figure the workload view shows too (so work is spread), and who the commune's task-assignment announcement puts in charge
 * of the procedure's domain. An account linked to an official of the org chart shows the person's name and
 * titles, and the account linked to the official in charge (else the deputy) is suggested: the picker preselects it.
 */
import { and, count, eq, inArray } from 'drizzle-orm';
import { DOMAIN_AREAS } from '../../../common/api/procedures';
import type { DbOrTx } from '../../db/database';
import { accountsWithRole } from '../auth/service';
import { findCurrentAnnouncement, officialProfiles, workTitlesOn } from '../org';
import { getProcedureVersion } from '../procedures/service';
import { officialOnly } from './backlog-sql';
import { dossiers } from './schema';
import type { DossierRow } from './service';
import { IN_HAND } from './workload-counter';

export async function assigneeOptions(db: DbOrTx, row: DossierRow) {
  const [specialists, procedure, announcement] = await Promise.all([
    accountsWithRole(db, row.communeCode, 'specialist'),
    getProcedureVersion(db, row.procedureId, row.procedureVersion),
    findCurrentAnnouncement(db, row.communeCode),
  ]);
  const ids = specialists.map((s) => s.id);
  const profiles = await officialProfiles(
    db,
    specialists.flatMap((s) => (s.officialId ? [s.officialId] : [])),
  );
  const held = ids.length
    ? await db
        .select({ id: dossiers.assigneeId, n: count() })
        .from(dossiers)
        .where(
          and(
            eq(dossiers.communeCode, row.communeCode),
            inArray(dossiers.assigneeId, ids),
            inArray(dossiers.status, IN_HAND),
            officialOnly,
          ),
        )
        .groupBy(dossiers.assigneeId)
    : [];
  const open = new Map(held.map((h) => [h.id, h.n]));
  const areas = DOMAIN_AREAS[procedure.data.domain];
  const item = areas
    .map((code) => announcement?.items.find((i) => i.areaCode === code))
    .find((i) => i !== undefined);
  const official = (id: string | null) => {
    const p = id ? profiles.get(id) : undefined;
    if (!id || !p) return null;
    const titles = workTitlesOn(p.positions);
    return { id, fullName: p.fullName, position: titles.length ? titles.join(', ') : null };
  };
  const accountOf = (officialId: string | undefined) =>
    specialists.find((s) => officialId && s.officialId === officialId)?.id ?? null;
  return {
    candidates: specialists
      .map((s) => ({
        accountId: s.id,
        displayName: s.displayName,
        official: official(s.officialId),
        openDossiers: open.get(s.id) ?? 0,
      }))
      .sort((a, b) => a.openDossiers - b.openDossiers || a.displayName.localeCompare(b.displayName, 'vi')),
    suggestedAccountId: accountOf(item?.inCharge?.id) ?? accountOf(item?.deputy?.id),
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
