/**
 * The public status page (tra cứu hồ sơ): code + the applicant's document number or phone given at intake.
 * A wrong pair answers exactly like an unknown code. Shows the timeline, the position holding the dossier
 * (never a person's name), the due date and what is missing when a supplement was requested.
 */

import { and, asc, eq, or, sql } from 'drizzle-orm';
import { HANDLER_ROLE_LABELS } from '../../../common/api/procedures';
import { normalizePhone } from '../../../common/phone';
import type { DbOrTx } from '../../db/database';
import { AppError, fieldError, text } from '../../http/errors';
import { getCalendar } from '../calendar/service';
import { orgCommunes } from '../org/schema';
import { getProcedureVersion } from '../procedures/service';
import { communes, provinces } from '../units/schema';
import { applicantMayUpload } from './attachments';
import {
  ACTION_SPECS,
  type Actor,
  type DossierAction,
  type DossierActionRecord,
  type DossierStatus,
  effectiveDueDate,
  nationalStatusOf,
  normalizeDossierCode,
  replay,
  STATUS_LABELS,
} from './domain';
import { type dossierRatings, dossiers } from './schema';

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

/**
 * What the applicant's scans can stand for, by checklist index: awaiting intake, the documents they said they
 * send; during a supplement, any document of the procedure (the officer's request names what is missing).
 */
function uploadableDocuments(
  row: { status: string; checklist: unknown },
  procedure: Awaited<ReturnType<typeof getProcedureVersion>>,
) {
  const all = procedure.data.requiredDocuments.map((d, index) => ({ index, name: d.name }));
  if (row.status !== 'submitted_online') return all;
  const checklist = row.checklist as { index: number; status: 'received' | 'not_applicable' }[];
  return checklist
    .filter((c) => c.status !== 'not_applicable')
    .map((c) => ({ index: c.index, name: procedure.data.requiredDocuments[c.index]?.name ?? '' }));
}

/** The last refusal at intake or rejection after processing, with the reason the officer gave. */
function decisionOf(history: DossierActionRecord[]) {
  const last = history.findLast((h) => h.action.type === 'refuse_intake' || h.action.type === 'reject');
  if (last?.action.type === 'refuse_intake')
    return { kind: 'refused' as const, reason: last.action.reason, at: last.at };
  if (last?.action.type === 'reject')
    return { kind: 'rejected' as const, reason: last.action.reason, at: last.at };
  return null;
}

/** The code a transferred dossier is carried on under at the competent commune (the same verifier finds it). */
function transferredTo(history: DossierActionRecord[]) {
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

/** A dossier's history as the look-up's query returns it (JSON: times as text). */
interface HistoryJson {
  seq: number;
  payload: DossierAction;
  actor: Actor;
  at: string;
  from: DossierStatus | null;
  to: DossierStatus;
}

const iso = (at: string | Date) => new Date(at).toISOString();

/**
 * Everything the status page shows, in one statement: the dossier of this code whose applicant gave this document
 * number or phone (none otherwise: a wrong pair costs what an unknown code costs), its history, its rating, the
 * applicant's scans and the latest electronic result. Prepared once per database client (a named statement on
 * PostgreSQL).
 */
function publicStatusQuery(db: DbOrTx) {
  return db
    .select({
      id: dossiers.id,
      code: dossiers.code,
      rehearsal: dossiers.rehearsal,
      procedureName: dossiers.procedureName,
      procedureId: dossiers.procedureId,
      procedureVersion: dossiers.procedureVersion,
      status: dossiers.status,
      checklist: dossiers.checklist,
      receivedAt: dossiers.receivedAt,
      submittedAt: dossiers.submittedAt,
      // Subqueries written with aliases: the outer select names its columns without their table.
      history: sql<
        HistoryJson[]
      >`(select coalesce(json_agg(json_build_object('seq', a.seq, 'payload', a.payload,
        'actor', a.actor, 'at', a.at, 'from', a.from_status, 'to', a.to_status) order by a.seq), '[]')
        from dossier_actions a where a.dossier_id = dossiers.id)`,
      rating: sql<
        (typeof dossierRatings.$inferSelect)['rating'] | null
      >`(select r.rating from dossier_ratings r
        where r.dossier_id = dossiers.id)`,
      scans: sql<
        {
          fileName: string;
          sizeBytes: number;
          documentIndex: number | null;
          uploadedAt: string;
          byApplicant: boolean;
        }[]
      >`(select coalesce(json_agg(json_build_object('fileName', f.file_name, 'sizeBytes', f.size_bytes,
        'documentIndex', f.document_index, 'uploadedAt', f.uploaded_at, 'byApplicant', f.uploaded_by is null)
        order by f.uploaded_at, f.id), '[]')
        from dossier_attachments f where f.dossier_id = dossiers.id and f.purpose = 'document')`,
      result: sql<{ fileName: string; sizeBytes: number; sha256: string; uploadedAt: string } | null>`(
        select json_build_object('fileName', f.file_name, 'sizeBytes', f.size_bytes, 'sha256', f.sha256,
          'uploadedAt', f.uploaded_at)
        from dossier_attachments f where f.dossier_id = dossiers.id and f.purpose = 'result'
        order by f.uploaded_at desc, f.id desc limit 1)`,
    })
    .from(dossiers)
    .where(
      and(
        eq(dossiers.code, sql.placeholder('code')),
        or(
          eq(sql`upper(${dossiers.applicantIdNumber})`, sql.placeholder('idNumber')),
          eq(dossiers.applicantPhone, sql.placeholder('phone')),
        ),
      ),
    )
    .prepare('xaso_public_status');
}

const preparedStatusQueries = new WeakMap<DbOrTx, ReturnType<typeof publicStatusQuery>>();

export async function getPublicStatus(
  db: DbOrTx,
  codeInput: string,
  verifier: string,
  now: Date = new Date(),
) {
  const code = normalizeDossierCode(codeInput);
  const v = normalizeVerifier(verifier);
  if (!v) throw unknown();
  let query = preparedStatusQueries.get(db);
  if (!query) {
    query = publicStatusQuery(db);
    preparedStatusQueries.set(db, query);
  }
  const [row] = await query.execute({ code, idNumber: v, phone: normalizePhone(verifier) });
  if (!row) throw unknown();
  const history: DossierActionRecord[] = row.history.map((h) => ({
    seq: h.seq,
    action: h.payload,
    actor: h.actor,
    at: iso(h.at),
    from: h.from,
    to: h.to,
  }));
  const [calendar, procedure] = await Promise.all([
    getCalendar(db),
    getProcedureVersion(db, row.procedureId, row.procedureVersion),
  ]);
  const state = replay(history, calendar);
  const status = state.status as DossierStatus;
  const rated = row.rating;
  const { fullyOnline } = procedure.data;
  const canUpload = applicantMayUpload(status, fullyOnline);
  const result = status === 'returned' ? row.result : null;
  const lastSupplement = [...history].reverse().find((h) => h.action.type === 'request_supplement');
  const missing =
    status === 'supplement_requested' && lastSupplement?.action.type === 'request_supplement'
      ? lastSupplement.action.items
      : [];
  return {
    code: row.code,
    rehearsal: row.rehearsal,
    procedureName: row.procedureName,
    status,
    statusLabel: STATUS_LABELS[status],
    nationalStatusCode: nationalStatusOf(status),
    // An online filing not received yet has no time of receipt (the row holds its submission time meanwhile).
    // Received at the counter, online then received, or taken over from a former unit with its own date of receipt.
    receivedAt: history.some((h) => h.action.type === 'receive' || h.action.type === 'import')
      ? row.receivedAt.toISOString()
      : null,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    dueDate: state.clock ? effectiveDueDate(state.clock, now, calendar) : null,
    holder: holderOf(status),
    missing,
    timeline: history.map((h) => ({ at: h.at, label: ACTION_SPECS[h.action.type].label, status: h.to })),
    rating: rated,
    documents: canUpload ? uploadableDocuments(row, procedure) : [],
    transferredTo: transferredTo(history),
    canRate: status === 'returned' && !rated,
    decision: decisionOf(history),
    fullyOnline,
    canUpload,
    scans: row.scans.map((s) => ({ ...s, uploadedAt: iso(s.uploadedAt) })),
    result: result
      ? {
          fileName: result.fileName,
          sizeBytes: result.sizeBytes,
          sha256: result.sha256,
          uploadedAt: iso(result.uploadedAt),
        }
      : null,
  };
}

/**
 * The communes that take online filings: those whose organisation is activated in XãSố (POST
 * /communes/{code}/activate: bodies, a one-stop centre, accounts). A commune that does not use XãSố would never
 * receive the dossier. Grouped by province, communes by name.
 */
export async function listOnlineCommunes(db: DbOrTx) {
  const rows = await db
    .select({
      code: communes.code,
      name: communes.name,
      provinceCode: provinces.code,
      provinceName: provinces.name,
    })
    .from(orgCommunes)
    .innerJoin(communes, eq(communes.code, orgCommunes.communeCode))
    .innerJoin(provinces, eq(provinces.code, communes.provinceCode))
    .orderBy(asc(provinces.code), asc(communes.nameFolded));
  const byProvince = new Map<
    string,
    { code: string; name: string; communes: { code: string; name: string }[] }
  >();
  for (const r of rows) {
    const p = byProvince.get(r.provinceCode) ?? { code: r.provinceCode, name: r.provinceName, communes: [] };
    p.communes.push({ code: r.code, name: r.name });
    byProvince.set(r.provinceCode, p);
  }
  return { provinces: [...byProvince.values()] };
}

/** Refuses an online filing to a commune that does not receive them (its organisation is not activated). */
export async function assertTakesOnlineFilings(db: DbOrTx, communeCode: string, field: string) {
  const [found] = await db
    .select({ code: communes.code, name: communes.name, provinceName: provinces.name })
    .from(orgCommunes)
    .innerJoin(communes, eq(communes.code, orgCommunes.communeCode))
    .innerJoin(provinces, eq(provinces.code, communes.provinceCode))
    .where(eq(orgCommunes.communeCode, communeCode));
  if (!found) {
    throw fieldError(
      field,
      'Xã/phường mã "{c}" chưa tiếp nhận hồ sơ trực tuyến trên XãSố; hãy chọn xã/phường khác trong danh sách hoặc nộp trực tiếp tại Trung tâm phục vụ hành chính công.',
      'Commune "{c}" does not take online filings in XãSố yet; choose another from the list or file in person at the public administrative service centre.',
      { c: communeCode },
    );
  }
  return found;
}
