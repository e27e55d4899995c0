/**
 * The one-stop lifecycle's messages to the applicant, queued in the transaction that applies the action: the
 * dossier received (at the counter, or an online filing received), a supplement requested, the result ready for
 * pickup, the appointment moved (an extension, an apology with a new date, a holiday recorded). To the applicant's
 * phone (SMS, and Zalo when configured); dossiers hold no e-mail address. A rehearsal (mock) dossier of a trial
 * day notifies nobody.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/database';
import { dossiers } from '../dossiers/schema';
import { communes } from '../units/schema';
import { notify, publicLink, type TemplateKey } from './notify';

type DossierFacts = Pick<
  typeof dossiers.$inferSelect,
  | 'id'
  | 'code'
  | 'communeCode'
  | 'receivingCommuneCode'
  | 'procedureName'
  | 'applicantFullName'
  | 'applicantPhone'
  | 'rehearsal'
>;

export type DossierEvent = 'received' | 'supplement_requested' | 'result_ready' | 'appointment_moved';

export interface DossierEventDetails {
  /** What makes this occurrence unique for the dossier (the version the action made, a date change). */
  key: string;
  dueDate?: string | null;
  previousDueDate?: string | null;
  reason?: string | null;
  items?: readonly string[] | null;
}

/** Queues the event's message for a dossier (its row, or its id); nothing for a rehearsal dossier. */
export async function notifyDossierEvent(
  tx: DbOrTx,
  dossier: DossierFacts | string,
  event: DossierEvent,
  details: DossierEventDetails,
): Promise<string[]> {
  const d =
    typeof dossier === 'string'
      ? (await tx.select().from(dossiers).where(eq(dossiers.id, dossier)))[0]
      : dossier;
  if (!d || d.rehearsal) return [];
  // The centre the applicant deals with (phi địa giới: the one that received the dossier).
  const [commune] = await tx
    .select({ name: communes.name })
    .from(communes)
    .where(eq(communes.code, d.receivingCommuneCode));
  const template = `dossier.${event}` as TemplateKey;
  return notify(tx, {
    template,
    params: {
      code: d.code,
      name: d.applicantFullName,
      communeName: commune?.name ?? null,
      procedureName: d.procedureName,
      dueDate: details.dueDate ?? null,
      previousDueDate: details.previousDueDate ?? null,
      reason: details.reason ?? null,
      items: details.items?.length ? details.items.join('; ') : null,
      url: publicLink(`/tra-cuu-ho-so?ma=${encodeURIComponent(d.code)}`),
    },
    to: { phone: d.applicantPhone },
    communeCode: d.communeCode,
    sourceType: 'dossier',
    sourceId: d.id,
    idempotencyKey: `${template}:${d.id}:${details.key}`,
  });
}

/** The event a lifecycle action is, if it is one the applicant is told of. */
export function dossierEventOf(action: {
  type: string;
  reason?: string;
  items?: string[];
  newDueDate?: string;
}): { event: DossierEvent; reason?: string; items?: string[]; dueDate?: string } | null {
  switch (action.type) {
    case 'receive':
      return { event: 'received' };
    case 'request_supplement':
      return { event: 'supplement_requested', reason: action.reason, items: action.items };
    case 'mark_result_ready':
      return { event: 'result_ready' };
    case 'extend':
    case 'record_apology':
      return { event: 'appointment_moved', reason: action.reason, dueDate: action.newDueDate };
    default:
      return null;
  }
}

/**
 * After a lifecycle action was written: the applicant's message for it, if any (`version` = the version the
 * action made; `before`/`after` = the due dates around it).
 */
export async function notifyDossierAction(
  tx: DbOrTx,
  dossier: DossierFacts,
  action: Parameters<typeof dossierEventOf>[0],
  version: number,
  dueDates: { before: string | null; after: string | null },
): Promise<string[]> {
  const e = dossierEventOf(action);
  if (!e) return [];
  return notifyDossierEvent(tx, dossier, e.event, {
    key: String(version),
    dueDate: e.dueDate ?? dueDates.after,
    previousDueDate: dueDates.before,
    reason: e.reason ?? null,
    items: e.items ?? null,
  });
}
