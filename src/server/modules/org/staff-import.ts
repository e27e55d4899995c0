/**
 * The staff list a province HR office sends (danh sách cán bộ, công chức): Vietnamese column headings, dates as
 * dd/mm/yyyy, Nam/Nữ, phone numbers as people write them. Pure: cells in, parsed rows and per-row problems out.
 */
import { foldVietnamese } from '../../../common/text';

export type Cell = string | number | boolean | Date | null | undefined;
export type Message = { vi: string; en: string };

export const IMPORT_FIELDS = [
  'fullName',
  'dateOfBirth',
  'gender',
  'phone',
  'email',
  'formerUnit',
  'title',
  'body',
  'startDate',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** The heading of each column as the template names it, then other headings people use (folded). */
export const COLUMN_HEADINGS: Record<ImportField, [string, ...string[]]> = {
  fullName: ['Họ và tên', 'ho ten', 'ho va ten khai sinh'],
  dateOfBirth: ['Ngày sinh', 'ngay thang nam sinh', 'ngay, thang, nam sinh'],
  gender: ['Giới tính'],
  phone: ['Điện thoại', 'so dien thoai', 'sdt', 'dien thoai di dong'],
  email: ['Email', 'e-mail', 'thu dien tu'],
  formerUnit: ['Đơn vị cũ', 'don vi truoc sap xep', 'noi cong tac truoc sap xep'],
  title: ['Chức vụ', 'chuc danh'],
  body: ['Cơ quan', 'co quan, don vi', 'don vi cong tac'],
  startDate: ['Ngày bắt đầu', 'tu ngay', 'ngay bo nhiem'],
};
const REQUIRED: ImportField[] = ['fullName', 'dateOfBirth', 'gender'];

export const MAX_IMPORT_ROWS = 2000;

export interface RowProblem {
  /** Row number in the file (the heading is row 1). */
  row: number;
  /** The column heading in the file's language. */
  column: string;
  field: ImportField | 'file';
  message: Message;
}

/** Which column holds which field; headings are matched without diacritics, case or extra spaces. */
export function mapHeadings(headings: Cell[]): {
  columns: Partial<Record<ImportField, number>>;
  problems: RowProblem[];
} {
  const columns: Partial<Record<ImportField, number>> = {};
  headings.forEach((h, i) => {
    const folded = foldVietnamese(cellText(h)).replace(/[:*]/g, '').trim();
    if (!folded) return;
    for (const field of IMPORT_FIELDS) {
      if (columns[field] !== undefined) continue;
      if (COLUMN_HEADINGS[field].some((name) => foldVietnamese(name) === folded)) columns[field] = i;
    }
  });
  const problems = REQUIRED.filter((f) => columns[f] === undefined).map((f) => ({
    row: 1,
    column: COLUMN_HEADINGS[f][0],
    field: 'file' as const,
    message: {
      vi: `Thiếu cột "${COLUMN_HEADINGS[f][0]}".`,
      en: `The column "${COLUMN_HEADINGS[f][0]}" is missing.`,
    },
  }));
  return { columns, problems };
}

export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).normalize('NFC').replace(/\s+/g, ' ').trim();
}

const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

function realDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return iso(y, m, d);
}

/** dd/mm/yyyy (also d/m/yyyy, with "." or "-"), a spreadsheet date, or an Excel serial day number → YYYY-MM-DD. */
export function parseVietnameseDate(cell: Cell): string | null {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null;
    return iso(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
  }
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell < 1 || cell > 80_000) return null;
    return new Date(Date.UTC(1899, 11, 30) + cell * 86_400_000).toISOString().slice(0, 10);
  }
  const m = cellText(cell).match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/);
  if (!m) return null;
  return realDate(Number(m[3]), Number(m[2]), Number(m[1]));
}

export function parseGender(cell: Cell): 'male' | 'female' | null {
  const f = foldVietnamese(cellText(cell));
  if (f === 'nam') return 'male';
  if (f === 'nu') return 'female';
  return null;
}

/**
 * A Vietnamese phone number as 10 (mobile) or 11 (landline, 02x) digits starting with 0: spaces, dots, dashes
 * and brackets dropped, +84/84 turned into 0, a leading zero that a spreadsheet ate put back.
 */
export function normalizePhone(cell: Cell): string | null {
  let s = typeof cell === 'number' ? String(cell) : cellText(cell).replace(/[\s.\-()]/g, '');
  if (s.startsWith('+84')) s = `0${s.slice(3)}`;
  else if (/^84\d{9,10}$/.test(s)) s = `0${s.slice(2)}`;
  else if (/^[1-9]\d{8,9}$/.test(s) && typeof cell === 'number') s = `0${s}`;
  if (/^0[35789]\d{8}$/.test(s) || /^02\d{9}$/.test(s)) return s;
  return null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type FormerUnitText =
  | { kind: 'none' }
  | { kind: 'district'; name: string }
  | { kind: 'commune'; name: string };

/** "Huyện Kỳ Anh" / "Thị xã …" / "Thành phố …" / "Quận …" name the abolished district; anything else a former commune. */
export function classifyFormerUnit(cell: Cell): FormerUnitText {
  const s = cellText(cell);
  if (!s) return { kind: 'none' };
  if (/^(huyện|thị xã|thành phố|quận)\s/iu.test(s)) return { kind: 'district', name: capitalise(s) };
  return { kind: 'commune', name: s };
}

function capitalise(s: string) {
  return s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
}

/** Matches a former commune's name ("Phường Đồng Môn" or just "Đồng Môn") against the commune's former units. */
export function matchByName<T extends { name: string }>(name: string, candidates: T[]): T[] {
  const f = foldVietnamese(name);
  const exact = candidates.filter((c) => foldVietnamese(c.name) === f);
  if (exact.length) return exact;
  const bare = (n: string) => foldVietnamese(n).replace(/^(xa|phuong|thi tran|dac khu)\s+/, '');
  return candidates.filter((c) => bare(c.name) === f);
}

/** Matches a body's name or short name ("UBND", "TTPVHCC", "Văn phòng HĐND và UBND"). */
export function matchBody<T extends { name: string; shortName: string | null }>(
  name: string,
  bodies: T[],
): T[] {
  const f = foldVietnamese(name);
  const exact = bodies.filter(
    (b) => foldVietnamese(b.name) === f || (b.shortName && foldVietnamese(b.shortName) === f),
  );
  if (exact.length) return exact;
  return bodies.filter((b) => foldVietnamese(b.name).startsWith(`${f} `));
}

export interface StaffRow {
  row: number;
  fullName: string;
  dateOfBirth: string;
  gender: 'male' | 'female';
  phone: string | null;
  email: string | null;
  formerUnit: FormerUnitText;
  position: { title: string; body: string; startDate: string } | null;
}

function addYears(isoDate: string, years: number): string {
  return `${String(Number(isoDate.slice(0, 4)) + years).padStart(4, '0')}${isoDate.slice(4)}`;
}

/** Parses one data row; `today` (YYYY-MM-DD) bounds the dates. */
export function parseRow(
  row: number,
  cells: Cell[],
  columns: Partial<Record<ImportField, number>>,
  today: string,
): { value: StaffRow | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const get = (f: ImportField) => (columns[f] === undefined ? undefined : cells[columns[f]!]);
  const fail = (field: ImportField, vi: string, en: string) =>
    problems.push({ row, column: COLUMN_HEADINGS[field][0], field, message: { vi, en } });

  const fullName = cellText(get('fullName'));
  if (!fullName) fail('fullName', 'Thiếu họ và tên.', 'The full name is missing.');
  else if (fullName.length > 100 || !/^[\p{L}][\p{L}\s'.-]*$/u.test(fullName))
    fail(
      'fullName',
      'Họ và tên chỉ gồm chữ cái, tối đa 100 ký tự.',
      'A full name has letters only, at most 100.',
    );

  const dobCell = get('dateOfBirth');
  const dateOfBirth = parseVietnameseDate(dobCell);
  if (!cellText(dobCell)) fail('dateOfBirth', 'Thiếu ngày sinh.', 'The date of birth is missing.');
  else if (!dateOfBirth)
    fail(
      'dateOfBirth',
      `Ngày sinh "${cellText(dobCell)}" không đúng dạng dd/mm/yyyy.`,
      `Date of birth "${cellText(dobCell)}" is not a real dd/mm/yyyy date.`,
    );
  else if (dateOfBirth > addYears(today, -18) || dateOfBirth < addYears(today, -80))
    fail('dateOfBirth', 'Tuổi phải từ 18 đến 80.', 'The age must be between 18 and 80.');

  const gender = parseGender(get('gender'));
  if (!gender) fail('gender', 'Giới tính ghi "Nam" hoặc "Nữ".', 'Gender is "Nam" or "Nữ".');

  const phoneText = cellText(get('phone'));
  const phone = phoneText ? normalizePhone(get('phone')) : null;
  if (phoneText && !phone)
    fail('phone', `Số điện thoại "${phoneText}" không hợp lệ.`, `Phone number "${phoneText}" is not valid.`);

  const email = cellText(get('email')).toLowerCase() || null;
  if (email && (!EMAIL.test(email) || email.length > 200))
    fail('email', `Email "${email}" không hợp lệ.`, `E-mail "${email}" is not valid.`);

  const title = cellText(get('title'));
  const body = cellText(get('body'));
  const startText = cellText(get('startDate'));
  const startDate = startText ? parseVietnameseDate(get('startDate')) : today;
  if ((title || body || startText) && !title)
    fail('title', 'Thiếu chức vụ.', 'The position title is missing.');
  if (title && !body) fail('body', 'Thiếu cơ quan của chức vụ.', 'The body of the position is missing.');
  if (title.length > 200) fail('title', 'Chức vụ tối đa 200 ký tự.', 'A title has at most 200 characters.');
  if (!startDate)
    fail(
      'startDate',
      `Ngày bắt đầu "${startText}" không đúng dạng dd/mm/yyyy.`,
      `Start date "${startText}" is not a real dd/mm/yyyy date.`,
    );
  else if (startDate > today)
    fail('startDate', 'Ngày bắt đầu không được sau hôm nay.', 'The start date cannot be in the future.');
  else if (dateOfBirth && startDate < addYears(dateOfBirth, 18))
    fail('startDate', 'Ngày bắt đầu trước khi đủ 18 tuổi.', 'The start date precedes the 18th birthday.');

  if (problems.length) return { value: null, problems };
  return {
    value: {
      row,
      fullName,
      dateOfBirth: dateOfBirth!,
      gender: gender!,
      phone,
      email,
      formerUnit: classifyFormerUnit(get('formerUnit')),
      position: title ? { title, body, startDate: startDate! } : null,
    },
    problems,
  };
}

/** A row whose cells are all empty is skipped (spreadsheets end with some). */
export function isBlankRow(cells: Cell[]): boolean {
  return cells.every((c) => cellText(c) === '');
}

/** The identity of a person in the file and in the commune: folded name and date of birth. */
export const personKey = (fullName: string, dateOfBirth: string) =>
  `${foldVietnamese(fullName)}|${dateOfBirth}`;
