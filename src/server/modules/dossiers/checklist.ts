/** The checklist answers of a dossier (received / not applicable / missing) against its procedure version. */
import type { ChecklistAnswer, DossierChecklist } from '../../../common/api/dossier-checklist';
import type { RequiredDocument } from '../../../common/api/procedures';
import type { DbOrTx } from '../../db/database';
import { getProcedureVersion } from '../procedures/service';
import { dossierNotFound, findDossierRow } from './service';

/** Each required document with the answer the checklist gives it; a document it does not list is missing. */
export function checklistAnswers(
  required: readonly RequiredDocument[],
  checklist: readonly { index: number; status?: 'received' | 'not_applicable' }[],
): DossierChecklist['items'] {
  const answers = new Map<number, ChecklistAnswer>(checklist.map((c) => [c.index, c.status ?? 'received']));
  return required.map((d, index) => ({
    index,
    name: d.name,
    form: d.form,
    count: d.count,
    note: d.note ?? null,
    answer: answers.get(index) ?? 'missing',
  }));
}

export async function getDossierChecklist(db: DbOrTx, id: string): Promise<DossierChecklist> {
  const row = await findDossierRow(db, id);
  if (!row) throw dossierNotFound(id);
  const procedure = await getProcedureVersion(db, row.procedureId, row.procedureVersion);
  return {
    procedure: { id: procedure.id, version: procedure.version, name: row.procedureName },
    items: checklistAnswers(
      procedure.data.requiredDocuments,
      row.checklist as { index: number; status?: 'received' | 'not_applicable' }[],
    ),
  };
}
