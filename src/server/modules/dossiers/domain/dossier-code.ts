/**
 * Dossier codes (mã hồ sơ) in the national portal's shape `<agency e-ID>-<yyMMdd>-<sequence>`, e.g.
 * `000.00.12.H42-250701-0001` (domain-vn.md §3 [U]; agency e-ID per Decision 20/2020/QĐ-TTg, configurable per
 * commune). The date is the local date of receipt (UTC+7); the sequence comes from a per-agency, per-day
 * counter the database increments inside the intake transaction — this module only formats and parses.
 *
 * Sequence width: 4 digits, zero-padded (0001–9999). Past 9999 the code grows to 5 (or more) digits
 * (…-250701-10000) rather than wrapping, so a code is never reused; parsing accepts exactly that canonical
 * form (4 digits, or more digits without a leading zero). The two-digit year covers 2000–2099.
 */
import { AppError, text } from '../../../http/errors';
import type { IsoDate } from '../../calendar/holidays';
import { isIsoDate, localDate } from './local-time';

export interface DossierCodeParts {
  agencyId: string;
  /** Local date of receipt. */
  date: IsoDate;
  sequence: number;
}

/** Dot-separated groups of upper-case letters and digits, no hyphen (it separates the parts of the code). */
const AGENCY_ID = /^[0-9A-Z]+(?:\.[0-9A-Z]+)*$/;
const CODE = /^(.+)-(\d{2})(\d{2})(\d{2})-(\d{4}|[1-9]\d{4,})$/;
const MAX_AGENCY_LENGTH = 40;

export function isValidAgencyId(agencyId: string): boolean {
  return agencyId.length <= MAX_AGENCY_LENGTH && AGENCY_ID.test(agencyId);
}

function assertAgencyId(agencyId: string): void {
  if (!isValidAgencyId(agencyId)) {
    throw new AppError(
      'validation_failed',
      text(
        'Mã định danh cơ quan "{id}" không hợp lệ (nhóm chữ in hoa và số, cách nhau bởi dấu chấm).',
        'Invalid agency e-ID "{id}" (groups of capitals and digits separated by dots).',
        { id: agencyId },
      ),
    );
  }
}

function assertSequence(sequence: number): void {
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw new AppError(
      'validation_failed',
      text('Số thứ tự hồ sơ phải là số nguyên ≥ 1.', 'The dossier sequence must be an integer ≥ 1.'),
    );
  }
}

/** yyMMdd of the local (UTC+7) date of an instant: 2025-06-30T23:30Z → '250701'. */
export function codeDate(receivedAt: Date): string {
  const d = localDate(receivedAt);
  if (d < '2000-01-01' || d > '2099-12-31') {
    throw new AppError(
      'validation_failed',
      text('Ngày tiếp nhận ngoài khoảng 2000–2099.', 'Date of receipt outside 2000–2099.'),
    );
  }
  return d.slice(2, 4) + d.slice(5, 7) + d.slice(8, 10);
}

/**
 * The counter key for a code: the database keeps one counter per key and supplies the next value
 * (`000.00.12.H42-250701`).
 */
export function dossierCodePrefix(agencyId: string, receivedAt: Date): string {
  assertAgencyId(agencyId);
  return `${agencyId}-${codeDate(receivedAt)}`;
}

/** Formats a code from the agency e-ID, the instant of receipt and the counter value (≥ 1). */
export function formatDossierCode(agencyId: string, receivedAt: Date, sequence: number): string {
  assertSequence(sequence);
  return `${dossierCodePrefix(agencyId, receivedAt)}-${String(sequence).padStart(4, '0')}`;
}

/** Trims and upper-cases what a person typed (the public look-up accepts "000.00.12.h42-250701-0001 "). */
export function normalizeDossierCode(input: string): string {
  return input.trim().toUpperCase();
}

/** The parts of a (normalised) code, or null when it is not a well-formed code. */
export function tryParseDossierCode(input: string): DossierCodeParts | null {
  const m = CODE.exec(normalizeDossierCode(input));
  if (!m) return null;
  const [, agencyId, yy, mm, dd, seq] = m as unknown as [string, string, string, string, string, string];
  if (!isValidAgencyId(agencyId)) return null;
  const date = `20${yy}-${mm}-${dd}`;
  if (!isIsoDate(date)) return null;
  const sequence = Number(seq);
  if (!Number.isSafeInteger(sequence) || sequence < 1) return null;
  return { agencyId, date, sequence };
}

/** The parts of a code; throws validation_failed when it is not a well-formed code. */
export function parseDossierCode(input: string): DossierCodeParts {
  const parts = tryParseDossierCode(input);
  if (!parts) {
    throw new AppError(
      'validation_failed',
      text('Mã hồ sơ "{code}" không đúng định dạng.', 'Malformed dossier code "{code}".', { code: input }),
      { errors: [{ field: 'code', message: 'Expected <agency e-ID>-<yyMMdd>-<sequence>' }] },
    );
  }
  return parts;
}
