/**
 * The public status page (tra cứu hồ sơ): code + the applicant's document number or phone given at intake.
 * A wrong pair answers exactly like an unknown code. Shows the timeline, the position holding the dossier
 * (never a person's name), the due date and what is missing when a supplement was requested.
 */

import { eq } from 'drizzle-orm';
import { HANDLER_ROLE_LABELS } from '../../../common/api/procedures';
import { normalizePhone } from '../../../common/phone';
import type { DbOrTx } from '../../db/database';
import { AppError, text } from '../../http/errors';
import { getCalendar } from '../calendar/service';
import { getProcedureVersion } from '../procedures/service';
import {
  ACTION_SPECS,
  type DossierStatus,
  effectiveDueDate,
  nationalStatusOf,
  normalizeDossierCode,
  replay,
  STATUS_LABELS,
} from './domain';
import { dossierRatings, dossiers } from './schema';
import { loadHistory } from './service';

/** The one answer for an unknown code and for a wrong document number or phone: it reveals nothing. */
const unknown = () =>
  new AppError(
    'not_found',
    text(
      'Không tìm thấy hồ sơ với mã hồ sơ và số giấy tờ (hoặc số điện thoại) đã nhập.',
      'No dossier with this code and document number (or phone).',
    ),
  );

type Label = { vi: string; en: string };

const APPLICANT: Label = {
  vi: 'Người nộp hồ sơ (chờ bổ sung, hoàn thiện)',
  en: 'The applicant (to complete the dossier)',
};

/** Who holds the dossier in each state, as a position. */
export function holderOf(status: DossierStatus): Label | null {
  switch (status) {
    case 'submitted_online':
    case 'received':
    case 'result_ready':
      return HANDLER_ROLE_LABELS.one_stop_officer;
    case 'assigned':
    case 'in_processing':
    case 'approved':
    case 'rejected':
      return HANDLER_ROLE_LABELS.specialist;
    case 'submitted_for_approval':
      return HANDLER_ROLE_LABELS.commune_leader;
    case 'supplement_requested':
    case 'awaiting_payment':
      return APPLICANT;
    default:
      return null;
  }
}

/** The documents an online applicant said they send, by checklist index: what their scans can stand for. */
async function declaredDocuments(db: DbOrTx, row: typeof dossiers.$inferSelect) {
  const procedure = await getProcedureVersion(db, row.procedureId, row.procedureVersion);
  const checklist = row.checklist as { index: number; status: 'received' | 'not_applicable' }[];
  return checklist
    .filter((c) => c.status !== 'not_applicable')
    .map((c) => ({ index: c.index, name: procedure.data.requiredDocuments[c.index]?.name ?? '' }));
}

/** The code a transferred dossier is carried on under at the competent commune (the same verifier finds it). */
function transferredTo(history: Awaited<ReturnType<typeof loadHistory>>) {
  const transfer = history.findLast((h) => h.action.type === 'transfer')?.action;
  return transfer?.type === 'transfer' && transfer.continuedAs ? { code: transfer.continuedAs.code } : null;
}

const normalizeVerifier = (v: string) => v.replace(/[\s.-]/g, '').toUpperCase();

/** The dossier of this code whose applicant gave this document number or phone; otherwise the one answer. */
export async function findByVerifier(db: DbOrTx, codeInput: string, verifier: string) {
  const code = normalizeDossierCode(codeInput);
  const [row] = await db.select().from(dossiers).where(eq(dossiers.code, code));
  const v = normalizeVerifier(verifier);
  const phone = normalizePhone(verifier);
  if (!row || !v || (v !== row.applicantIdNumber.toUpperCase() && phone !== row.applicantPhone))
    throw unknown();
  return row;
}

export async function getPublicStatus(
  db: DbOrTx,
  codeInput: string,
  verifier: string,
  now: Date = new Date(),
) {
  const row = await findByVerifier(db, codeInput, verifier);
  const calendar = await getCalendar(db);
  const history = await loadHistory(db, row.id);
  const state = replay(history, calendar);
  const status = state.status as DossierStatus;
  const [rated] = await db
    .select({ rating: dossierRatings.rating })
    .from(dossierRatings)
    .where(eq(dossierRatings.dossierId, row.id));
  const lastSupplement = [...history].reverse().find((h) => h.action.type === 'request_supplement');
  const missing =
    status === 'supplement_requested' && lastSupplement?.action.type === 'request_supplement'
      ? lastSupplement.action.items
      : [];
  return {
    code: row.code,
    procedureName: row.procedureName,
    status,
    statusLabel: STATUS_LABELS[status],
    nationalStatusCode: nationalStatusOf(status),
    receivedAt: row.receivedAt.toISOString(),
    dueDate: state.clock ? effectiveDueDate(state.clock, now, calendar) : null,
    holder: holderOf(status),
    missing,
    timeline: history.map((h) => ({ at: h.at, label: ACTION_SPECS[h.action.type].label, status: h.to })),
    rating: rated?.rating ?? null,
    documents: status === 'submitted_online' ? await declaredDocuments(db, row) : [],
    transferredTo: transferredTo(history),
    canRate: status === 'returned' && !rated,
  };
}
