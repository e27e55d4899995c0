/**
 * Versioned procedure catalogue. Pure rules, no storage:
 * - an edit never changes a version; it appends version n+1, so a dossier keeps the version it was received under
 *   (it stores procedureId + version);
 * - diffProcedure() lists the changed fields, for the audit entry and the administrator's "what changed" view;
 * - validateImport() checks an import file (JSON, or rows built from XLSX) row by row with field paths, and
 *   planImport() matches it against the catalogue (by national code, else by name without diacritics).
 */
import { z } from 'zod';
import { PROCEDURE_FIELD_LABELS, Procedure } from '../../../../common/api/procedures';
import { foldVietnamese } from '../../../../common/text';
import { AppError, type FieldError, notFound, text } from '../../../http/errors';

type Text = { vi: string; en: string };

export interface ProcedureVersion {
  procedureId: string;
  /** 1, 2, 3 … without gaps. */
  version: number;
  data: Procedure;
  /** ISO instant. */
  createdAt: string;
  /** Account that made the version. */
  createdBy: string;
  /** Why the procedure changed (e.g. the decision that amended it). */
  reason?: string;
}

export interface VersionMeta {
  at: string;
  by: string;
  reason?: string;
}

export interface FieldChange {
  /** Dotted path, e.g. "fee.amount", "requiredDocuments.2.name", "steps.3" (added or removed entry). */
  path: string;
  /** Top-level field the path starts with. */
  field: keyof Procedure;
  label: Text;
  /** undefined when the value was added. */
  before: unknown;
  /** undefined when the value was removed. */
  after: unknown;
}

function issuesToFieldErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): FieldError[] {
  return issues.map((i) => ({ field: ['data', ...i.path.map(String)].join('.'), message: i.message }));
}

function parseProcedure(data: unknown): Procedure {
  const parsed = Procedure.safeParse(data);
  if (!parsed.success) {
    throw new AppError('validation_failed', text('Thủ tục không hợp lệ.', 'Invalid procedure.'), {
      errors: issuesToFieldErrors(parsed.error.issues),
    });
  }
  return parsed.data;
}

function freeze(v: ProcedureVersion): ProcedureVersion {
  return Object.freeze({ ...v, data: structuredClone(v.data) });
}

export function firstVersion(procedureId: string, data: unknown, meta: VersionMeta): ProcedureVersion {
  return freeze({
    procedureId,
    version: 1,
    data: parseProcedure(data),
    createdAt: meta.at,
    createdBy: meta.by,
    ...(meta.reason ? { reason: meta.reason } : {}),
  });
}

export function findLatest(history: readonly ProcedureVersion[]): ProcedureVersion | undefined {
  return history.reduce<ProcedureVersion | undefined>(
    (a, v) => (!a || v.version > a.version ? v : a),
    undefined,
  );
}

export function getLatest(history: readonly ProcedureVersion[]): ProcedureVersion {
  const latest = findLatest(history);
  if (!latest) throw notFound('thủ tục', 'procedure', '?');
  return latest;
}

export function findVersion(
  history: readonly ProcedureVersion[],
  version: number,
): ProcedureVersion | undefined {
  return history.find((v) => v.version === version);
}

/** The version a dossier was received under (it stores the number). */
export function getVersion(history: readonly ProcedureVersion[], version: number): ProcedureVersion {
  const found = findVersion(history, version);
  if (!found)
    throw notFound('phiên bản thủ tục', 'procedure version', `${history[0]?.procedureId ?? '?'}@${version}`);
  return found;
}

/** The version in force at an instant: the latest one created at or before it. */
export function findVersionAt(
  history: readonly ProcedureVersion[],
  at: string,
): ProcedureVersion | undefined {
  const t = Date.parse(at);
  return findLatest(history.filter((v) => Date.parse(v.createdAt) <= t));
}

/**
 * An edit of the procedure: appends version n+1 and returns the new history (the old versions are the same,
 * untouched objects). `expectedVersion` is the version the editor started from: another edit in between is a
 * conflict, never a silent overwrite. An edit that changes nothing is refused.
 */
export function reviseProcedure(
  history: readonly ProcedureVersion[],
  data: unknown,
  meta: VersionMeta & { expectedVersion: number },
): { history: readonly ProcedureVersion[]; version: ProcedureVersion; changes: FieldChange[] } {
  const latest = getLatest(history);
  if (latest.version !== meta.expectedVersion) {
    throw new AppError(
      'conflict',
      text(
        'Thủ tục đã được sửa thành phiên bản {v} trong lúc bạn chỉnh sửa phiên bản {e}.',
        'The procedure became version {v} while you were editing version {e}.',
        { v: latest.version, e: meta.expectedVersion },
      ),
    );
  }
  const next = parseProcedure(data);
  const changes = diffProcedure(latest.data, next);
  if (changes.length === 0) {
    throw new AppError('bad_request', text('Không có thay đổi nào để lưu.', 'Nothing changed.'));
  }
  const version = freeze({
    procedureId: latest.procedureId,
    version: latest.version + 1,
    data: next,
    createdAt: meta.at,
    createdBy: meta.by,
    ...(meta.reason ? { reason: meta.reason } : {}),
  });
  return { history: Object.freeze([...history, version]), version, changes };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

function diffValue(path: string[], a: unknown, b: unknown, out: Array<[string[], unknown, unknown]>): void {
  if (deepEqual(a, b)) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) diffValue([...path, String(i)], a[i], b[i], out);
    return;
  }
  // A variant that changed kind (fee: fixed → provincial) is reported whole, not field by field.
  if (isPlainObject(a) && isPlainObject(b) && a.kind === b.kind) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
    for (const k of keys) diffValue([...path, k], a[k], b[k], out);
    return;
  }
  out.push([path, a, b]);
}

/** The fields that differ from a to b, in the order of the procedure's fields. */
export function diffProcedure(a: Procedure, b: Procedure): FieldChange[] {
  const out: Array<[string[], unknown, unknown]> = [];
  for (const field of Object.keys(PROCEDURE_FIELD_LABELS) as (keyof Procedure)[]) {
    diffValue([field], a[field], b[field], out);
  }
  return out.map(([path, before, after]) => {
    const field = path[0] as keyof Procedure;
    return { path: path.join('.'), field, label: PROCEDURE_FIELD_LABELS[field], before, after };
  });
}

/** Identity of a procedure across versions and imports: the national code, else the folded name. */
export function procedureKeys(p: Pick<Procedure, 'nationalCode' | 'name'>): { code?: string; name: string } {
  return { ...(p.nationalCode ? { code: p.nationalCode } : {}), name: foldVietnamese(p.name) };
}

export interface ImportRowError {
  /** 1-based position in the imported array (the XLSX reader adds its header offset). 0: the file itself. */
  row: number;
  /** Dotted field path inside the row, e.g. "requiredDocuments.0.form"; "" for the whole row. */
  path: string;
  /** English, as `text.en`. */
  message: string;
  text: Text;
}

const LOCALE_ERRORS = { vi: z.locales.vi().localeError, en: z.locales.en().localeError };
/** The procedure schema's own messages (common/api/procedures.ts). */
const SCHEMA_MESSAGES: Record<string, Text> = {
  shares_must_sum_to_1: {
    vi: 'Tổng tỷ lệ thời gian của các bước phải bằng 1.',
    en: "The steps' shares of time must sum to 1.",
  },
  national_code: { vi: 'Mã thủ tục quốc gia có dạng 1.001193.', en: 'A national code looks like 1.001193.' },
  unconfirmed_needs_note: {
    vi: 'Thủ tục chưa xác nhận cần ghi chú điều chưa rõ.',
    en: 'An unconfirmed procedure needs a note saying what is unknown.',
  },
  max_below_first: {
    vi: 'Mức tối đa không được thấp hơn mức trang đầu.',
    en: 'The cap may not be below the first-page fee.',
  },
};

function issueText(issue: z.core.$ZodIssue): Text {
  const own = SCHEMA_MESSAGES[issue.message];
  if (own) return own;
  const say = (lang: 'vi' | 'en') => {
    const r = LOCALE_ERRORS[lang](issue as never);
    return (typeof r === 'string' ? r : r?.message) ?? issue.message;
  };
  return { vi: say('vi'), en: say('en') };
}

function rowError(row: number, path: string, t: Text): ImportRowError {
  return { row, path, message: t.en, text: t };
}

export type ImportValidation =
  | { ok: true; procedures: Procedure[] }
  | { ok: false; errors: ImportRowError[]; validRows: number };

export const MAX_IMPORT_ROWS = 5_000;

/** Checks every row (all errors, not the first only), and duplicates inside the file. */
export function validateImport(input: unknown): ImportValidation {
  if (!Array.isArray(input)) {
    return {
      ok: false,
      validRows: 0,
      errors: [
        rowError(0, '', {
          vi: 'Tệp phải chứa một danh sách thủ tục.',
          en: 'The file must hold an array of procedures.',
        }),
      ],
    };
  }
  if (input.length === 0 || input.length > MAX_IMPORT_ROWS) {
    return {
      ok: false,
      validRows: 0,
      errors: [
        rowError(0, '', {
          vi: `Tệp phải có từ 1 đến ${MAX_IMPORT_ROWS} thủ tục.`,
          en: `The file must hold 1 to ${MAX_IMPORT_ROWS} procedures.`,
        }),
      ],
    };
  }
  const errors: ImportRowError[] = [];
  const procedures: Procedure[] = [];
  const seenCode = new Map<string, number>();
  const seenName = new Map<string, number>();
  input.forEach((raw, i) => {
    const row = i + 1;
    const parsed = Procedure.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        errors.push(rowError(row, issue.path.map(String).join('.'), issueText(issue)));
      }
      return;
    }
    const keys = procedureKeys(parsed.data);
    const dupCode = keys.code ? seenCode.get(keys.code) : undefined;
    const dupName = seenName.get(keys.name);
    if (dupCode !== undefined) {
      errors.push(
        rowError(row, 'nationalCode', {
          vi: `Trùng mã thủ tục với dòng ${dupCode}.`,
          en: `Same national code as row ${dupCode}.`,
        }),
      );
    }
    if (dupName !== undefined)
      errors.push(
        rowError(row, 'name', { vi: `Trùng tên với dòng ${dupName}.`, en: `Same name as row ${dupName}.` }),
      );
    if (dupCode !== undefined || dupName !== undefined) return;
    if (keys.code) seenCode.set(keys.code, row);
    seenName.set(keys.name, row);
    procedures.push(parsed.data);
  });
  return errors.length === 0 ? { ok: true, procedures } : { ok: false, errors, validRows: procedures.length };
}

export interface ImportPlan {
  create: Procedure[];
  update: { procedureId: string; data: Procedure; changes: FieldChange[] }[];
  unchanged: string[];
}

/**
 * What a valid import would do to the catalogue (latest versions): new procedures, new versions of changed ones
 * (matched by national code, else by name without diacritics), and the ones left as they are.
 */
export function planImport(
  current: readonly { procedureId: string; data: Procedure }[],
  incoming: readonly Procedure[],
): ImportPlan {
  const byCode = new Map<string, (typeof current)[number]>();
  const byName = new Map<string, (typeof current)[number]>();
  for (const c of current) {
    const keys = procedureKeys(c.data);
    if (keys.code) byCode.set(keys.code, c);
    byName.set(keys.name, c);
  }
  const plan: ImportPlan = { create: [], update: [], unchanged: [] };
  for (const data of incoming) {
    const keys = procedureKeys(data);
    const match = (keys.code ? byCode.get(keys.code) : undefined) ?? byName.get(keys.name);
    if (!match) {
      plan.create.push(data);
      continue;
    }
    const changes = diffProcedure(match.data, data);
    if (changes.length === 0) plan.unchanged.push(match.procedureId);
    else plan.update.push({ procedureId: match.procedureId, data, changes });
  }
  return plan;
}
