/**
 * Chuyển hồ sơ đến xã có thẩm quyền. A dossier filed for a commune that is not competent is closed where it is
 * (transferred, national status 8) and carried on at the competent commune as a new dossier, in the same
 * transaction: same applicant, documents and scans, a code of its own from the centre that received it, and its
 * history starting with the hand-over. [U] The competent commune's time limit counts from the transfer (no text we
 * hold says otherwise); the old dossier's transfer action and the new one's receipt name each other.
 */
import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Tx } from '../../db/database';
import type { Audit } from '../../db/transaction';
import { fieldError } from '../../http/errors';
import type { WorkingCalendar } from '../calendar/working-days';
import { getProcedureVersion } from '../procedures/service';
import { actionRow } from './action-row';
import { agencyIdOf, issueDossierCode, issueRehearsalDossierCode } from './codes';
import { apply, NEW_DOSSIER } from './domain';
import { dossierActions, dossierAttachments, dossiers } from './schema';
import type { DossierRow } from './service';

export interface Continuation {
  id: string;
  code: string;
}

/** Writes the competent commune's dossier for `row`, transferred by `officialId` at `now`; audited. */
export async function continueAtCompetentCommune(
  tx: Tx,
  audit: Audit,
  row: DossierRow,
  target: { communeCode: string; provinceCode: string; originProvinceCode: string },
  officialId: string,
  now: Date,
  calendar: WorkingCalendar,
): Promise<Continuation> {
  if (target.communeCode === row.communeCode) {
    throw fieldError(
      'body.toCommuneCode',
      'Hồ sơ đã thuộc xã này; hãy chọn xã có thẩm quyền khác.',
      'The dossier already belongs to this commune; choose the competent one.',
    );
  }
  if (target.provinceCode !== target.originProvinceCode) {
    throw fieldError(
      'body.toCommuneCode',
      'Chỉ chuyển hồ sơ đến xã, phường trong cùng tỉnh.',
      'A dossier can be transferred only to a commune of the same province.',
    );
  }
  const procedure = await getProcedureVersion(tx, row.procedureId, row.procedureVersion);
  // The receiving centre hands the dossier over: its one-stop desk receives it for the competent commune.
  const { state } = apply(
    NEW_DOSSIER,
    {
      type: 'receive',
      limit: procedure.data.timeLimit,
      note: `Chuyển từ hồ sơ ${row.code} (xã/phường ${row.communeCode})`,
      transferredFrom: { id: row.id, code: row.code },
    },
    { kind: 'official', id: officialId, roles: ['one_stop_officer'] },
    now,
    calendar,
  );
  const agencyId = await agencyIdOf(tx, row.receivingCommuneCode, target.provinceCode);
  // A rehearsal dossier stays one (marked, carried over with the row) and keeps to the rehearsal series.
  const issue = row.rehearsal ? issueRehearsalDossierCode : issueDossierCode;
  const code = await issue(tx, row.receivingCommuneCode, agencyId, now);
  const id = uuidv7();
  const record = state.history[0]!;
  const { id: _id, code: _code, createdAt: _c, updatedAt: _u, ...carried } = row;
  await tx.insert(dossiers).values({
    ...carried,
    id,
    code,
    communeCode: target.communeCode,
    status: state.status!,
    version: state.version,
    dueDate: state.clock?.dueDate ?? null,
    assigneeId: null,
    receivedAt: now,
    closedAt: null,
    resolvedAt: null,
    lateAcknowledged: false,
  });
  await tx.insert(dossierActions).values(actionRow(id, target.communeCode, record));
  // The scans go with the dossier (the bytes are content-addressed: the same stored file serves both).
  const scans = await tx.select().from(dossierAttachments).where(eq(dossierAttachments.dossierId, row.id));
  if (scans.length) {
    await tx
      .insert(dossierAttachments)
      .values(scans.map((a) => ({ ...a, id: uuidv7(), dossierId: id, communeCode: target.communeCode })));
  }
  await audit({
    action: 'dossier.receive',
    entityType: 'dossier',
    entityId: id,
    communeCode: target.communeCode,
    after: { code, transferredFrom: row.code, status: state.status, dueDate: state.clock?.dueDate ?? null },
  });
  return { id, code };
}
