/**
 * In-flight dossiers taken over from the abolished districts and former communes (hồ sơ đang giải quyết dở,
 * issue 12 §4): the rules one row of the import file must meet. Pure: the cells, today, the calendar and what the
 * commune has (its former units on the administrative map, the procedure catalogue, its specialists, the codes
 * already used) come in; the parsed row and its problems (field + Vietnamese and English reason) go out.
 *
 * Dates: received after today is an error; due before received is an error; a due date already past is allowed
 * (the citizen is still waiting) but flagged overdue in the report. The remaining time is counted in working days
 * on the calendar (holidays and make-up days included), from today to the due date.
 */
import { normalizePhone, VIETNAMESE_PHONE } from '../../../../common/phone';
import { foldVietnamese } from '../../../../common/text';
import type { IsoDate } from '../../calendar/holidays';
import type { WorkingCalendar } from '../../calendar/working-days';
import { type Cell, cellText, matchByName, parseVietnameseDate } from '../../org/staff-import';
import { IMPORTED_STATUSES, type ImportedStatus, isIsoDate, type TimeLimit } from '../domain';

export type Message = { vi: string; en: string };

export const INFLIGHT_FIELDS = [
  'originalCode',
  'formerUnit',
  'procedure',
  'applicantName',
  'idNumber',
  'phone',
  'address',
  'receivedOn',
  'dueDate',
  'status',
  'assignee',
  'historyNote',
] as const;
export type InflightField = (typeof INFLIGHT_FIELDS)[number];

/** The template's heading of each column first, then other headings people use (matched without diacritics). */
export const INFLIGHT_HEADINGS: Record<InflightField, [string, ...string[]]> = {
  originalCode: ['Mã hồ sơ cũ', 'ma ho so', 'so ho so', 'original code'],
  formerUnit: ['Đơn vị cũ', 'don vi tiep nhan', 'don vi tiep nhan cu', 'former unit'],
  procedure: ['Mã thủ tục', 'thu tuc', 'ma thu tuc hanh chinh', 'procedure', 'procedure code'],
  applicantName: ['Họ tên người nộp', 'nguoi nop', 'ho va ten', 'ho ten', 'applicant name', 'applicant'],
  idNumber: ['Số giấy tờ', 'so cccd', 'cccd', 'so dinh danh', 'so giay to tuy than', 'id number'],
  phone: ['Điện thoại', 'so dien thoai', 'sdt', 'phone'],
  address: ['Địa chỉ', 'dia chi thuong tru', 'address'],
  receivedOn: ['Ngày tiếp nhận', 'ngay nhan', 'ngay nop', 'date received', 'received'],
  dueDate: ['Ngày hẹn trả', 'han giai quyet', 'ngay hen tra ket qua', 'due date', 'due'],
  status: ['Tình trạng', 'trang thai', 'state', 'status'],
  assignee: ['Người xử lý', 'can bo xu ly', 'chuyen vien xu ly', 'assignee'],
  historyNote: ['Ghi chú quá trình', 'ghi chu', 'qua trinh xu ly', 'history note', 'note'],
};

export const REQUIRED_FIELDS: readonly InflightField[] = INFLIGHT_FIELDS.filter(
  (f) => f !== 'assignee' && f !== 'historyNote',
);

/** The English heading of each column (the report names the column in the file's language and in English). */
export const FIELD_LABELS: Record<InflightField, Message> = {
  originalCode: { vi: 'Mã hồ sơ cũ', en: 'Original code' },
  formerUnit: { vi: 'Đơn vị cũ', en: 'Former unit' },
  procedure: { vi: 'Mã thủ tục', en: 'Procedure' },
  applicantName: { vi: 'Họ tên người nộp', en: 'Applicant name' },
  idNumber: { vi: 'Số giấy tờ', en: 'ID number' },
  phone: { vi: 'Điện thoại', en: 'Phone' },
  address: { vi: 'Địa chỉ', en: 'Address' },
  receivedOn: { vi: 'Ngày tiếp nhận', en: 'Date received' },
  dueDate: { vi: 'Ngày hẹn trả', en: 'Due date' },
  status: { vi: 'Tình trạng', en: 'State' },
  assignee: { vi: 'Người xử lý', en: 'Assignee' },
  historyNote: { vi: 'Ghi chú quá trình', en: 'History note' },
};

/** How a state may be written in the file (folded), for each state a dossier can be taken over in. */
const STATUS_WORDS: Record<ImportedStatus, string[]> = {
  received: ['da tiep nhan', 'cho phan cong', 'moi tiep nhan', 'received'],
  in_processing: ['dang xu ly', 'dang giai quyet', 'in processing', 'in_processing', 'being processed'],
  supplement_requested: [
    'cho bo sung',
    'cho bo sung hoan thien',
    'yeu cau bo sung',
    'waiting for supplement',
    'supplement requested',
    'supplement_requested',
  ],
  result_ready: ['co ket qua', 'da co ket qua', 'cho tra ket qua', 'result ready', 'result_ready'],
};

export const STATUS_NAMES: Record<ImportedStatus, Message> = {
  received: { vi: 'Đã tiếp nhận, chờ phân công', en: 'Received, to be assigned' },
  in_processing: { vi: 'Đang xử lý', en: 'Being processed' },
  supplement_requested: { vi: 'Chờ bổ sung', en: 'Waiting for a supplement' },
  result_ready: { vi: 'Có kết quả, chờ trả', en: 'Result ready' },
};

export const MAX_INFLIGHT_ROWS = 2000;
/** Letters, digits, dots, dashes, slashes; 4–60 characters; no spaces (agency-id codes or a unit's own scheme). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
export const ORIGINAL_CODE = /^[A-Z0-9./-]{4,60}$/;

export interface RowProblem {
  row: number;
  field: InflightField | 'file';
  /** The column heading (Vietnamese, as in the template). */
  column: string;
  message: Message;
}

export interface FormerUnitRef {
  code: string;
  name: string;
  districtName: string | null;
}
export interface ProcedureRef {
  id: string;
  code: string;
  version: number;
  name: string;
  active: boolean;
  /** Received and decided outside the commune's one-stop workflow (the commune police…). */
  outside: boolean;
  limit: TimeLimit;
  /** How many documents the procedure requires (the former unit received them: all marked received). */
  documents: number;
}
export interface SpecialistRef {
  accountId: string;
  username: string;
  displayName: string;
  /** The official's name from the org chart, when the account is linked to one. */
  fullName: string | null;
}

export interface RowContext {
  today: IsoDate;
  calendar: WorkingCalendar;
  /** Former units the administrative map sends into this commune; empty when the map has none (not checked). */
  formerUnits: readonly FormerUnitRef[];
  procedures: ReadonlyMap<string, ProcedureRef>;
  specialists: readonly SpecialistRef[];
  /** Codes of dossiers that exist already (upper-case). */
  existingCodes: ReadonlySet<string>;
}

export interface InflightRow {
  row: number;
  originalCode: string;
  /** As the report and `dossiers.imported_from` show it: the unit's name on the map, with its district. */
  importedFrom: string;
  formerUnitCode: string | null;
  procedure: ProcedureRef;
  applicant: { fullName: string; idNumber: string; phone: string; address: string };
  receivedOn: IsoDate;
  dueDate: IsoDate;
  status: ImportedStatus;
  assignee: SpecialistRef | null;
  historyNote: string | null;
  overdue: boolean;
  /** Working days from today to the due date on the calendar: negative when overdue. */
  remainingWorkingDays: number;
}

/** What a row's cells gave, even when the row has problems (the report shows it beside them). */
export interface RowPreview {
  importedFrom: string | null;
  procedureName: string | null;
  status: ImportedStatus | null;
  receivedOn: IsoDate | null;
  dueDate: IsoDate | null;
  overdue: boolean;
  remainingWorkingDays: number | null;
  assignee: string | null;
}

/** Which column holds which field; missing required columns are problems of the heading row. */
export function mapHeadings(
  headings: Cell[],
  row = 1,
): { columns: Partial<Record<InflightField, number>>; problems: RowProblem[] } {
  const columns: Partial<Record<InflightField, number>> = {};
  headings.forEach((h, i) => {
    const folded = foldVietnamese(cellText(h))
      .replace(/\(.*?\)|[:*]/g, '')
      .trim();
    if (!folded) return;
    for (const field of INFLIGHT_FIELDS) {
      if (columns[field] !== undefined) continue;
      if (INFLIGHT_HEADINGS[field].some((name) => foldVietnamese(name) === folded)) {
        columns[field] = i;
        return;
      }
    }
  });
  const problems = REQUIRED_FIELDS.filter((f) => columns[f] === undefined).map((f) => ({
    row,
    field: 'file' as const,
    column: FIELD_LABELS[f].vi,
    message: {
      vi: `Thiếu cột "${FIELD_LABELS[f].vi}" (dùng tệp mẫu).`,
      en: `Missing the column "${FIELD_LABELS[f].en}" ("${FIELD_LABELS[f].vi}"; use the template).`,
    },
  }));
  return { columns, problems };
}

/** dd/mm/yyyy (as people write it), yyyy-mm-dd, an XLSX date or serial number. */
export function parseDate(cell: Cell): IsoDate | null {
  const t = cellText(cell);
  if (typeof cell === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(t)) return isIsoDate(t) ? t : null;
  return parseVietnameseDate(cell);
}

export function parseStatus(cell: Cell): ImportedStatus | null {
  const f = foldVietnamese(cellText(cell)).replace(/[.,;]+$/, '');
  if (!f) return null;
  return IMPORTED_STATUSES.find((s) => STATUS_WORDS[s].includes(f)) ?? null;
}

/** Normalised original code (trimmed, upper-case: the public look-up upper-cases what the citizen types). */
export function normalizeOriginalCode(cell: Cell): string {
  return cellText(cell).toUpperCase();
}

/** The shape of an original code: null when it is fine, else the reason. */
export function codeShapeProblem(code: string): Message | null {
  if (!code) return { vi: 'Thiếu mã hồ sơ cũ.', en: 'The original code is missing.' };
  if (/\s/.test(code))
    return { vi: 'Mã hồ sơ không được có khoảng trắng.', en: 'The code may not contain spaces.' };
  if (code.length < 4 || code.length > 60)
    return { vi: 'Mã hồ sơ phải dài 4–60 ký tự.', en: 'The code must be 4–60 characters long.' };
  if (!ORIGINAL_CODE.test(code))
    return {
      vi: 'Mã hồ sơ chỉ gồm chữ, số, dấu chấm, gạch ngang, gạch chéo.',
      en: 'The code may only hold letters, digits, dots, dashes and slashes.',
    };
  if (!/[0-9]/.test(code))
    return { vi: 'Mã hồ sơ phải có ít nhất một chữ số.', en: 'The code must contain at least one digit.' };
  return null;
}

/** The date rules: received not after today, due not before received; overdue and remaining working days. */
export function checkDates(
  receivedOn: IsoDate,
  dueDate: IsoDate,
  today: IsoDate,
  calendar: WorkingCalendar,
): {
  problems: { field: 'receivedOn' | 'dueDate'; message: Message }[];
  overdue: boolean;
  remaining: number;
} {
  const problems: { field: 'receivedOn' | 'dueDate'; message: Message }[] = [];
  if (receivedOn > today)
    problems.push({
      field: 'receivedOn',
      message: {
        vi: 'Ngày tiếp nhận sau ngày hôm nay.',
        en: 'The date received is after today.',
      },
    });
  if (dueDate < receivedOn)
    problems.push({
      field: 'dueDate',
      message: {
        vi: 'Ngày hẹn trả trước ngày tiếp nhận.',
        en: 'The due date is before the date received.',
      },
    });
  return { problems, overdue: dueDate < today, remaining: calendar.workingDaysBetween(today, dueDate) };
}

const districtWords = /^(huyen|thi xa|thanh pho|quan)\s+/;
const stripAuthority = (s: string) =>
  s.replace(/^(ubnd|uy ban nhan dan|bo phan mot cua|bo phan tiep nhan va tra ket qua)\s+/, '').trim();

/** The former unit the row names: a former commune (code or name) or an abolished district of this commune's map. */
export function matchFormerUnit(
  text: string,
  units: readonly FormerUnitRef[],
): { ok: true; importedFrom: string; code: string | null } | { ok: false; message: Message } {
  if (!text) return { ok: false, message: { vi: 'Thiếu đơn vị cũ.', en: 'The former unit is missing.' } };
  if (text.length > 200)
    return { ok: false, message: { vi: 'Tên đơn vị cũ quá dài.', en: 'The former unit is too long.' } };
  if (!units.length) return { ok: true, importedFrom: text, code: null };
  const folded = stripAuthority(foldVietnamese(text));
  const byCode = units.filter((u) => u.code === text.trim());
  const byName = byCode.length ? byCode : matchByName(folded, [...units]);
  const unitName = (u: FormerUnitRef) => (u.districtName ? `${u.name} (${u.districtName})` : u.name);
  if (byName.length === 1) return { ok: true, importedFrom: unitName(byName[0]!), code: byName[0]!.code };
  if (byName.length > 1)
    return {
      ok: false,
      message: {
        vi: `"${text}" trùng tên nhiều đơn vị cũ; ghi mã đơn vị hoặc "Xã"/"Phường".`,
        en: `"${text}" names several former units; give the unit's code or "Xã"/"Phường".`,
      },
    };
  const districts = [...new Set(units.flatMap((u) => (u.districtName ? [u.districtName] : [])))];
  const bare = (d: string) => foldVietnamese(d).replace(districtWords, '');
  const district = districts.find(
    (d) =>
      foldVietnamese(d) === folded ||
      (districtWords.test(folded) && bare(d) === folded.replace(districtWords, '')),
  );
  if (district) return { ok: true, importedFrom: district, code: null };
  return {
    ok: false,
    message: {
      vi: `"${text}" không phải xã cũ hay huyện cũ nhập vào xã này theo bản đồ hành chính.`,
      en: `"${text}" is not a former commune or district merged into this commune on the administrative map.`,
    },
  };
}

/** The specialist the row names: by username, or by name (diacritics optional) when only one has it. */
export function matchAssignee(
  text: string,
  specialists: readonly SpecialistRef[],
): { ok: true; assignee: SpecialistRef } | { ok: false; message: Message } {
  const lower = text.trim().toLowerCase();
  const byUser = specialists.filter((s) => s.username.toLowerCase() === lower);
  if (byUser.length === 1) return { ok: true, assignee: byUser[0]! };
  const f = foldVietnamese(text);
  const byName = specialists.filter(
    (s) => foldVietnamese(s.displayName) === f || (s.fullName !== null && foldVietnamese(s.fullName) === f),
  );
  if (byName.length === 1) return { ok: true, assignee: byName[0]! };
  if (byName.length > 1)
    return {
      ok: false,
      message: {
        vi: `Nhiều chuyên viên tên "${text}"; ghi tên đăng nhập.`,
        en: `Several specialists are named "${text}"; give the username.`,
      },
    };
  return {
    ok: false,
    message: {
      vi: `"${text}" không phải chuyên viên của xã (tên đăng nhập hoặc họ tên).`,
      en: `"${text}" is not a specialist of this commune (username or name).`,
    },
  };
}

/**
 * Checks one row. `seen` holds the codes of the rows before (duplicates within the file name the first row).
 * Returns the parsed row when it has no problem, and every problem of the row otherwise.
 */
export function checkRow(
  row: number,
  cells: Cell[],
  columns: Partial<Record<InflightField, number>>,
  ctx: RowContext,
  seen: Map<string, number>,
): { value: InflightRow | null; problems: RowProblem[]; preview: RowPreview } {
  const problems: RowProblem[] = [];
  const get = (f: InflightField) => (columns[f] === undefined ? null : cells[columns[f]!]);
  const txt = (f: InflightField) => cellText(get(f));
  const fail = (field: InflightField, message: Message) =>
    problems.push({ row, field, column: FIELD_LABELS[field].vi, message });

  // Control characters (a NUL byte above all) never reach the database: the cell is refused.
  for (const f of INFLIGHT_FIELDS)
    if (CONTROL.test(txt(f)))
      fail(f, {
        vi: 'Ô có ký tự điều khiển không hợp lệ.',
        en: 'The cell holds an invalid control character.',
      });
  const code = normalizeOriginalCode(get('originalCode'));
  const shape = codeShapeProblem(code);
  if (shape) fail('originalCode', shape);
  else if (seen.has(code))
    fail('originalCode', {
      vi: `Mã hồ sơ trùng với dòng ${seen.get(code)}.`,
      en: `The code repeats row ${seen.get(code)}.`,
    });
  else if (ctx.existingCodes.has(code))
    fail('originalCode', {
      vi: 'Đã có hồ sơ mang mã này trong hệ thống.',
      en: 'A dossier with this code exists already.',
    });
  if (!shape && !seen.has(code)) seen.set(code, row);

  const unit = matchFormerUnit(txt('formerUnit'), ctx.formerUnits);
  if (!unit.ok) fail('formerUnit', unit.message);

  const procedureCode = txt('procedure');
  const procedure = ctx.procedures.get(procedureCode) ?? ctx.procedures.get(procedureCode.toUpperCase());
  if (!procedureCode) fail('procedure', { vi: 'Thiếu mã thủ tục.', en: 'The procedure code is missing.' });
  else if (!procedure)
    fail('procedure', {
      vi: `Không có thủ tục mã "${procedureCode}" trong danh mục.`,
      en: `No procedure "${procedureCode}" in the catalogue.`,
    });
  else if (!procedure.active)
    fail('procedure', { vi: 'Thủ tục đã bãi bỏ.', en: 'The procedure was retired.' });
  else if (procedure.outside)
    fail('procedure', {
      vi: 'Thủ tục do cơ quan khác tiếp nhận, không thuộc một cửa của UBND xã.',
      en: "Another agency receives this procedure; it is not in the commune's one-stop workflow.",
    });

  const fullName = txt('applicantName');
  if (fullName.length < 2 || fullName.length > 100)
    fail('applicantName', {
      vi: 'Họ tên người nộp phải dài 2–100 ký tự.',
      en: "The applicant's name must be 2–100 characters long.",
    });
  const idNumber = txt('idNumber')
    .replace(/[\s.-]/g, '')
    .toUpperCase();
  if (!/^[0-9A-Z]{6,20}$/.test(idNumber))
    fail('idNumber', {
      vi: 'Số giấy tờ phải gồm 6–20 chữ hoặc số (CCCD 12 số).',
      en: 'The ID number must be 6–20 letters or digits (a citizen ID has 12).',
    });
  const phone = normalizePhone(txt('phone'));
  if (!VIETNAMESE_PHONE.test(phone))
    fail('phone', {
      vi: 'Số điện thoại không hợp lệ (di động 10 số, cố định 11 số).',
      en: 'Invalid phone number (10-digit mobile or 11-digit landline).',
    });
  const address = txt('address');
  if (address.length < 3 || address.length > 300)
    fail('address', {
      vi: 'Địa chỉ phải dài 3–300 ký tự.',
      en: 'The address must be 3–300 characters long.',
    });

  const receivedOn = parseDate(get('receivedOn'));
  const dueDate = parseDate(get('dueDate'));
  if (!receivedOn)
    fail('receivedOn', {
      vi: 'Ngày tiếp nhận không đúng (dd/mm/yyyy).',
      en: 'Invalid date received (dd/mm/yyyy).',
    });
  if (!dueDate)
    fail('dueDate', { vi: 'Ngày hẹn trả không đúng (dd/mm/yyyy).', en: 'Invalid due date (dd/mm/yyyy).' });
  let overdue = false;
  let remaining = 0;
  if (receivedOn && dueDate) {
    const dates = checkDates(receivedOn, dueDate, ctx.today, ctx.calendar);
    for (const p of dates.problems) fail(p.field, p.message);
    overdue = dates.overdue;
    remaining = dates.remaining;
  }

  const status = parseStatus(get('status'));
  if (!status)
    fail('status', {
      vi: 'Tình trạng phải là: Đã tiếp nhận, Đang xử lý, Chờ bổ sung hoặc Có kết quả.',
      en: 'The state must be one of: received, being processed, waiting for supplement, result ready.',
    });

  const assigneeText = txt('assignee');
  let assignee: SpecialistRef | null = null;
  if (assigneeText) {
    const found = matchAssignee(assigneeText, ctx.specialists);
    if (found.ok) assignee = found.assignee;
    else fail('assignee', found.message);
  } else if (status === 'in_processing' || status === 'supplement_requested')
    fail('assignee', {
      vi: 'Hồ sơ đang xử lý hoặc chờ bổ sung phải có chuyên viên của xã tiếp tục xử lý.',
      en: 'A dossier being processed or waiting for a supplement needs a specialist of this commune to carry on.',
    });

  const note = txt('historyNote');
  if (note.length > 2000)
    fail('historyNote', {
      vi: 'Ghi chú quá trình tối đa 2000 ký tự.',
      en: 'The history note may be at most 2000 characters.',
    });

  // What could be read, shown in the report beside the problems of the row.
  const preview: RowPreview = {
    importedFrom: unit.ok ? unit.importedFrom : null,
    procedureName: procedure?.name ?? null,
    status,
    receivedOn,
    dueDate,
    overdue: receivedOn !== null && dueDate !== null && overdue,
    remainingWorkingDays: receivedOn && dueDate ? remaining : null,
    assignee: assignee ? assignee.fullName || assignee.displayName : null,
  };
  if (problems.length || !unit.ok || !procedure || !receivedOn || !dueDate || !status)
    return { value: null, problems, preview };
  return {
    value: {
      row,
      originalCode: code,
      importedFrom: unit.importedFrom,
      formerUnitCode: unit.code,
      procedure,
      applicant: { fullName, idNumber, phone, address },
      receivedOn,
      dueDate,
      status,
      assignee,
      historyNote: note || null,
      overdue,
      remainingWorkingDays: remaining,
    },
    problems,
    preview,
  };
}

/** A row whose cells are all empty is skipped (spreadsheets end with some). */
export function isBlankRow(cells: Cell[]): boolean {
  return cells.every((c) => cellText(c) === '');
}
