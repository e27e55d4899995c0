import type { DossierActionRecord } from './domain';

/** The dossier_actions row of one history record (the append-only list every view and statistic derives from). */
export function actionRow(dossierId: string, communeCode: string, record: DossierActionRecord) {
  return {
    dossierId,
    seq: record.seq,
    communeCode,
    action: record.action.type,
    payload: record.action,
    actor: record.actor,
    at: new Date(record.at),
    fromStatus: record.from,
    toStatus: record.to,
  };
}
