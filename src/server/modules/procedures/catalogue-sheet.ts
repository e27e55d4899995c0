/**
 * The procedure catalogue as a workbook an administrator edits in Excel (danh mục thủ tục hành chính): one row per
 * procedure in "Thủ tục", its required documents and its steps in their own sheets keyed by the procedure's code
 * ("Mã"), lists one item per line inside a cell, choices by their Vietnamese label. Pure: procedures → sheet
 * tables, and sheet rows → the raw procedures to validate, with the cell behind every field path.
 */
import {
  DOCUMENT_FORM_LABELS,
  HANDLER_ROLE_LABELS,
  PROCEDURE_DOMAIN_LABELS,
  type Procedure,
} from '../../../common/api/procedures';
import { foldVietnamese } from '../../../common/text';
import type { SheetRow } from '../org/staff-file';
import type { Cell } from '../org/staff-import';

type Text = { vi: string; en: string };

export const SHEET_NAMES = {
  procedures: 'Thủ tục',
  documents: 'Thành phần hồ sơ',
  steps: 'Các bước',
  guide: 'Hướng dẫn',
} as const;

type Choices = Readonly<Record<string, Text>>;

export const TIME_LIMIT_LABELS: Choices = {
  same_day: { vi: 'Trong ngày', en: 'Same day' },
  working_days: { vi: 'Ngày làm việc', en: 'Working days' },
  working_hours: { vi: 'Giờ làm việc', en: 'Working hours' },
};
export const FEE_KIND_LABELS: Choices = {
  free: { vi: 'Miễn phí', en: 'Free' },
  fixed: { vi: 'Mức cố định', en: 'Fixed' },
  per_page: { vi: 'Theo số trang', en: 'Per page' },
  per_copy: { vi: 'Theo số bản', en: 'Per copy' },
  provincial: { vi: 'Do HĐND tỉnh quy định', en: 'Set by the province' },
};
const LEVEL_LABELS: Choices = { commune: { vi: 'Cấp xã', en: 'Commune' } };
const CONFIRMATION_LABELS: Choices = {
  confirmed: { vi: 'Đã xác nhận', en: 'Confirmed' },
  unconfirmed: { vi: 'Chưa xác nhận', en: 'Unconfirmed' },
};
const YES_NO: Choices = { true: { vi: 'Có', en: 'Yes' }, false: { vi: 'Không', en: 'No' } };

/** A column: its heading, width, whether a file must have it, and the field paths its cells hold. */
interface Column {
  heading: string;
  width: number;
  required?: boolean;
  /** Field paths inside the procedure (or the document, the step) this column holds; errors there point here. */
  paths: string[];
  choices?: Choices;
}

const col = (heading: string, width: number, paths: string[], more: Partial<Column> = {}): Column => ({
  heading,
  width,
  paths,
  ...more,
});

const MAIN = {
  code: col('Mã', 14, [], { required: true }),
  nationalCode: col('Mã quốc gia', 12, ['nationalCode']),
  name: col('Tên thủ tục', 48, ['name'], { required: true }),
  domain: col('Lĩnh vực', 16, ['domain'], { required: true, choices: PROCEDURE_DOMAIN_LABELS }),
  level: col('Cấp thực hiện', 10, ['level'], { choices: LEVEL_LABELS }),
  timeLimit: col('Thời hạn', 14, ['timeLimit'], { required: true, choices: TIME_LIMIT_LABELS }),
  timeLimitValue: col('Số ngày/giờ', 10, ['timeLimit.days', 'timeLimit.hours']),
  timeLimitNote: col('Ghi chú thời hạn', 30, ['timeLimitNote']),
  feeKind: col('Loại phí', 16, ['fee', 'fee.kind'], { required: true, choices: FEE_KIND_LABELS }),
  feeAmount: col('Mức phí (đ)', 12, ['fee.amount', 'fee.first']),
  feeOnline: col('Mức nộp trực tuyến (đ)', 12, ['fee.onlineAmount']),
  feeFromPage: col('Từ trang', 8, ['fee.fromPage']),
  feeNext: col('Mức từ trang đó (đ)', 12, ['fee.next']),
  feeMax: col('Tối đa mỗi bản (đ)', 12, ['fee.max']),
  feeNote: col('Ghi chú phí', 30, ['fee.note']),
  exemptions: col('Đối tượng miễn phí, lệ phí', 30, ['exemptions']),
  resultDocument: col('Kết quả', 30, ['resultDocument'], { required: true }),
  fullyOnline: col('Toàn trình', 10, ['fullyOnline'], { required: true, choices: YES_NO }),
  legalBasis: col('Căn cứ pháp lý (mỗi dòng một văn bản)', 48, ['legalBasis'], { required: true }),
  confirmed: col('Xác nhận', 14, ['confirmed', 'confirmed.status'], {
    required: true,
    choices: CONFIRMATION_LABELS,
  }),
  sources: col('Nguồn xác nhận (mỗi dòng một nguồn)', 40, ['confirmed.sources'], { required: true }),
  confirmationNote: col('Ghi chú xác nhận', 30, ['confirmed.note']),
  outsideAgency: col('Cơ quan giải quyết ngoài UBND xã', 24, ['outsideWorkflow', 'outsideWorkflow.agency']),
  outsideNote: col('Hướng dẫn người dân (ngoài UBND xã)', 40, ['outsideWorkflow.note']),
} satisfies Record<string, Column>;

const KEY = col('Mã thủ tục', 14, [], { required: true });
const PROCEDURE_NAME = col('Tên thủ tục (chỉ để đọc)', 36, []);
const ORDER = col('STT', 6, []);

const DOCUMENTS = {
  key: KEY,
  procedureName: PROCEDURE_NAME,
  order: ORDER,
  name: col('Tên giấy tờ', 48, ['name'], { required: true }),
  form: col('Hình thức', 20, ['form'], { required: true, choices: DOCUMENT_FORM_LABELS }),
  count: col('Số lượng', 9, ['count'], { required: true }),
  note: col('Ghi chú', 40, ['note']),
} satisfies Record<string, Column>;

const STEPS = {
  key: KEY,
  procedureName: PROCEDURE_NAME,
  order: ORDER,
  name: col('Tên bước', 40, ['name'], { required: true }),
  handlerRole: col('Người thực hiện', 24, ['handlerRole'], { required: true, choices: HANDLER_ROLE_LABELS }),
  body: col('Cơ quan thực hiện', 24, ['body']),
  shareOfTime: col('Tỷ lệ thời gian (tổng = 1)', 12, ['shareOfTime'], { required: true }),
} satisfies Record<string, Column>;

/** One sheet to write: headings, column widths, rows of cells. */
export interface SheetTable {
  name: string;
  headings: string[];
  widths: number[];
  rows: Cell[][];
}

const lines = (items: readonly string[]) => items.join('\n');
const label = (choices: Choices, key: string) => choices[key]?.vi ?? key;

function table(name: string, columns: Record<string, Column>, rows: Record<string, Cell>[]): SheetTable {
  const keys = Object.keys(columns);
  return {
    name,
    headings: keys.map((k) => columns[k]!.heading),
    widths: keys.map((k) => columns[k]!.width),
    rows: rows.map((r) => keys.map((k) => r[k] ?? null)),
  };
}

function feeCells(fee: Procedure['fee']): Record<string, Cell> {
  const kind = label(FEE_KIND_LABELS, fee.kind);
  switch (fee.kind) {
    case 'free':
      return { feeKind: kind, feeNote: fee.note };
    case 'fixed':
      return { feeKind: kind, feeAmount: fee.amount, feeOnline: fee.onlineAmount };
    case 'per_page':
      return {
        feeKind: kind,
        feeAmount: fee.first,
        feeFromPage: fee.fromPage,
        feeNext: fee.next,
        feeMax: fee.max,
      };
    case 'per_copy':
      return { feeKind: kind, feeAmount: fee.amount };
    case 'provincial':
      return { feeKind: kind, feeNote: fee.note };
  }
}

/** The workbook of a catalogue: procedures, their documents, their steps, and a guide of the allowed values. */
export function catalogueToSheets(entries: readonly { code: string; data: Procedure }[]): SheetTable[] {
  const main = entries.map(({ code, data: p }) => ({
    code,
    nationalCode: p.nationalCode,
    name: p.name,
    domain: label(PROCEDURE_DOMAIN_LABELS, p.domain),
    level: label(LEVEL_LABELS, p.level),
    timeLimit: label(TIME_LIMIT_LABELS, p.timeLimit.kind),
    timeLimitValue:
      p.timeLimit.kind === 'working_days'
        ? p.timeLimit.days
        : p.timeLimit.kind === 'working_hours'
          ? p.timeLimit.hours
          : null,
    timeLimitNote: p.timeLimitNote,
    ...feeCells(p.fee),
    exemptions: p.exemptions,
    resultDocument: p.resultDocument,
    fullyOnline: label(YES_NO, String(p.fullyOnline)),
    legalBasis: lines(p.legalBasis),
    confirmed: label(CONFIRMATION_LABELS, p.confirmed.status),
    sources: lines(p.confirmed.sources),
    confirmationNote: p.confirmed.note,
    outsideAgency: p.outsideWorkflow?.agency,
    outsideNote: p.outsideWorkflow?.note,
  }));
  const documents = entries.flatMap(({ code, data: p }) =>
    p.requiredDocuments.map((d, i) => ({
      key: code,
      procedureName: p.name,
      order: i + 1,
      name: d.name,
      form: label(DOCUMENT_FORM_LABELS, d.form),
      count: d.count,
      note: d.note,
    })),
  );
  const steps = entries.flatMap(({ code, data: p }) =>
    p.steps.map((s, i) => ({
      key: code,
      procedureName: p.name,
      order: i + 1,
      name: s.name,
      handlerRole: label(HANDLER_ROLE_LABELS, s.handlerRole),
      body: s.body,
      shareOfTime: s.shareOfTime,
    })),
  );
  const guide = [MAIN, DOCUMENTS, STEPS].flatMap((columns) =>
    Object.values(columns as Record<string, Column>)
      .filter((c) => c.choices)
      .map((c) => ({ column: c.heading, values: lines(Object.values(c.choices!).map((t) => t.vi)) })),
  );
  return [
    table(SHEET_NAMES.procedures, MAIN, main),
    table(SHEET_NAMES.documents, DOCUMENTS, documents),
    table(SHEET_NAMES.steps, STEPS, steps),
    table(SHEET_NAMES.guide, { column: col('Cột', 30, []), values: col('Giá trị được nhận', 40, []) }, guide),
  ];
}

/** A problem with one cell (or, with row 0, with the file). */
export interface SheetProblem {
  sheet: string;
  row: number;
  column: string;
  message: Text;
}

/** Where each procedure read from the file came from: its row, and the rows of its documents and steps. */
export interface ProcedureSource {
  code: string;
  row: number;
  documentRows: number[];
  stepRows: number[];
}

export interface ReadCatalogue {
  /** Raw procedures in file order, still to be validated (versioning.ts validateImport). */
  procedures: Record<string, unknown>[];
  sources: ProcedureSource[];
  problems: SheetProblem[];
}

function cellString(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).normalize('NFC').trim();
}

type Parsed = { ok: true; value: unknown } | { ok: false; message: Text };
const bad = (vi: string, en: string): Parsed => ({ ok: false, message: { vi, en } });

function parseChoice(choices: Choices, s: string): Parsed {
  const folded = foldVietnamese(s);
  for (const [key, t] of Object.entries(choices)) {
    if ([key, t.vi, t.en].some((x) => foldVietnamese(x) === folded))
      return { ok: true, value: key === 'true' ? true : key === 'false' ? false : key };
  }
  const allowed = Object.values(choices)
    .map((t) => `"${t.vi}"`)
    .join(', ');
  return bad(
    `"${s}" không phải giá trị được nhận; chọn một trong: ${allowed}.`,
    `"${s}" is not one of ${allowed}.`,
  );
}

/** A whole number; "50.000", "50 000" and "50.000 đ" are read as 50000. */
function parseWhole(cell: Cell, s: string): Parsed {
  if (typeof cell === 'number') return { ok: true, value: cell };
  const digits = s.replace(/\s*(đ|đồng|vnd)$/i, '').replace(/[.\s]/g, '');
  if (/^-?\d+$/.test(digits)) return { ok: true, value: Number(digits) };
  return bad(`"${s}" không phải số nguyên.`, `"${s}" is not a whole number.`);
}

/** A fraction: 0.25, "0,25" or "25%". */
function parseShare(cell: Cell, s: string): Parsed {
  if (typeof cell === 'number') return { ok: true, value: cell };
  const percent = s.endsWith('%');
  const n = Number(s.replace('%', '').replace(',', '.').trim());
  if (s !== '' && Number.isFinite(n)) return { ok: true, value: percent ? n / 100 : n };
  return bad(`"${s}" không phải số (ví dụ 0,25).`, `"${s}" is not a number (e.g. 0.25).`);
}

const splitLines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

interface ReadSheet {
  name: string;
  rows: { row: number; get: (c: Column) => Cell }[];
}

/** The sheet's rows under its heading row (its first row), with cells looked up by column heading. */
function readSheet(
  sheets: readonly { name: string; rows: SheetRow[] }[],
  name: string,
  columns: Record<string, Column>,
  problems: SheetProblem[],
): ReadSheet | null {
  const sheet = sheets.find((s) => foldVietnamese(s.name) === foldVietnamese(name));
  if (!sheet) {
    problems.push({
      sheet: name,
      row: 0,
      column: '',
      message: { vi: `Thiếu trang tính "${name}".`, en: `The sheet "${name}" is missing.` },
    });
    return null;
  }
  const [head, ...body] = sheet.rows;
  const index = new Map<string, number>();
  (head?.cells ?? []).forEach((c, i) => {
    const folded = foldVietnamese(cellString(c));
    if (folded && !index.has(folded)) index.set(folded, i);
  });
  const at = (c: Column) => index.get(foldVietnamese(c.heading));
  const missing = Object.values(columns).filter((c) => c.required && at(c) === undefined);
  for (const c of missing)
    problems.push({
      sheet: name,
      row: head?.row ?? 1,
      column: c.heading,
      message: { vi: `Thiếu cột "${c.heading}".`, en: `The column "${c.heading}" is missing.` },
    });
  if (missing.length) return null;
  return {
    name,
    rows: body
      .filter((r) => r.cells.some((c) => cellString(c) !== ''))
      .map((r) => ({
        row: r.row,
        get: (c: Column) => {
          const i = at(c);
          return i === undefined ? null : r.cells[i];
        },
      })),
  };
}

type Kind = 'text' | 'choice' | 'whole' | 'share' | 'lines';

/** Reads the cells of one row into an object; a cell that cannot be read is a problem, its field left out. */
function readRow(
  sheet: ReadSheet,
  r: ReadSheet['rows'][number],
  fields: Record<string, [Column, Kind]>,
  problems: SheetProblem[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, [column, kind]] of Object.entries(fields)) {
    const cell = r.get(column);
    const s = cellString(cell);
    if (s === '') continue;
    const parsed: Parsed =
      kind === 'text'
        ? { ok: true, value: s }
        : kind === 'lines'
          ? { ok: true, value: splitLines(s) }
          : kind === 'choice'
            ? parseChoice(column.choices!, s)
            : kind === 'whole'
              ? parseWhole(cell, s)
              : parseShare(cell, s);
    if (parsed.ok) out[field] = parsed.value;
    else problems.push({ sheet: sheet.name, row: r.row, column: column.heading, message: parsed.message });
  }
  return out;
}

function feeOf(v: Record<string, unknown>): Record<string, unknown> | undefined {
  const defined = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined));
  switch (v.feeKind) {
    case 'free':
    case 'provincial':
      return defined({ kind: v.feeKind, note: v.feeNote });
    case 'fixed':
      return defined({ kind: 'fixed', amount: v.feeAmount, onlineAmount: v.feeOnline });
    case 'per_page':
      return defined({
        kind: 'per_page',
        first: v.feeAmount,
        next: v.feeNext,
        fromPage: v.feeFromPage,
        max: v.feeMax,
      });
    case 'per_copy':
      return defined({ kind: 'per_copy', amount: v.feeAmount });
    default:
      return undefined;
  }
}

/** The columns each kind of fee and time limit reads; a value in another one would be lost, so it is an error. */
const USED_BY: Record<string, (keyof typeof MAIN)[]> = {
  free: ['feeNote'],
  provincial: ['feeNote'],
  fixed: ['feeAmount', 'feeOnline'],
  per_page: ['feeAmount', 'feeFromPage', 'feeNext', 'feeMax'],
  per_copy: ['feeAmount'],
  same_day: [],
  working_days: ['timeLimitValue'],
  working_hours: ['timeLimitValue'],
};
const FEE_COLUMNS: (keyof typeof MAIN)[] = [
  'feeAmount',
  'feeOnline',
  'feeFromPage',
  'feeNext',
  'feeMax',
  'feeNote',
];

function unusedCells(v: Record<string, unknown>): { column: Column; kind: Column }[] {
  const out: { column: Column; kind: Column }[] = [];
  const check = (kind: unknown, kindColumn: Column, columns: (keyof typeof MAIN)[]) => {
    const used = typeof kind === 'string' ? USED_BY[kind] : undefined;
    if (!used) return;
    for (const c of columns)
      if (v[c] !== undefined && !used.includes(c)) out.push({ column: MAIN[c], kind: kindColumn });
  };
  check(v.feeKind, MAIN.feeKind, FEE_COLUMNS);
  check(v.timeLimit, MAIN.timeLimit, ['timeLimitValue']);
  return out;
}

function timeLimitOf(v: Record<string, unknown>): Record<string, unknown> | undefined {
  if (v.timeLimit === 'same_day') return { kind: 'same_day' };
  if (v.timeLimit === 'working_days') return { kind: 'working_days', days: v.timeLimitValue };
  if (v.timeLimit === 'working_hours') return { kind: 'working_hours', hours: v.timeLimitValue };
  return undefined;
}

/** Child rows (documents, steps) by procedure code, in the order of their "STT" (file order for ties). */
function childrenByCode<T>(
  sheet: ReadSheet | null,
  fields: Record<string, [Column, Kind]>,
  codes: ReadonlySet<string>,
  problems: SheetProblem[],
): Map<string, { row: number; value: T }[]> {
  const out = new Map<string, { row: number; order: number; value: T }[]>();
  for (const r of sheet?.rows ?? []) {
    const code = cellString(r.get(KEY));
    if (!codes.has(code)) {
      problems.push({
        sheet: sheet!.name,
        row: r.row,
        column: KEY.heading,
        message: {
          vi: `Không có thủ tục mã "${code}" trong trang "${SHEET_NAMES.procedures}".`,
          en: `No procedure "${code}" in the sheet "${SHEET_NAMES.procedures}".`,
        },
      });
      continue;
    }
    const order = Number(cellString(r.get(ORDER)));
    const list = out.get(code) ?? [];
    list.push({
      row: r.row,
      order: Number.isFinite(order) && order > 0 ? order : Number.POSITIVE_INFINITY,
      value: readRow(sheet!, r, fields, problems) as T,
    });
    out.set(code, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.order - b.order);
  return out;
}

const MAIN_FIELDS: Record<string, [Column, Kind]> = {
  nationalCode: [MAIN.nationalCode, 'text'],
  name: [MAIN.name, 'text'],
  domain: [MAIN.domain, 'choice'],
  level: [MAIN.level, 'choice'],
  timeLimit: [MAIN.timeLimit, 'choice'],
  timeLimitValue: [MAIN.timeLimitValue, 'whole'],
  timeLimitNote: [MAIN.timeLimitNote, 'text'],
  feeKind: [MAIN.feeKind, 'choice'],
  feeAmount: [MAIN.feeAmount, 'whole'],
  feeOnline: [MAIN.feeOnline, 'whole'],
  feeFromPage: [MAIN.feeFromPage, 'whole'],
  feeNext: [MAIN.feeNext, 'whole'],
  feeMax: [MAIN.feeMax, 'whole'],
  feeNote: [MAIN.feeNote, 'text'],
  exemptions: [MAIN.exemptions, 'text'],
  resultDocument: [MAIN.resultDocument, 'text'],
  fullyOnline: [MAIN.fullyOnline, 'choice'],
  legalBasis: [MAIN.legalBasis, 'lines'],
  confirmed: [MAIN.confirmed, 'choice'],
  sources: [MAIN.sources, 'lines'],
  confirmationNote: [MAIN.confirmationNote, 'text'],
  outsideAgency: [MAIN.outsideAgency, 'text'],
  outsideNote: [MAIN.outsideNote, 'text'],
};
const DOCUMENT_FIELDS: Record<string, [Column, Kind]> = {
  name: [DOCUMENTS.name, 'text'],
  form: [DOCUMENTS.form, 'choice'],
  count: [DOCUMENTS.count, 'whole'],
  note: [DOCUMENTS.note, 'text'],
};
const STEP_FIELDS: Record<string, [Column, Kind]> = {
  name: [STEPS.name, 'text'],
  handlerRole: [STEPS.handlerRole, 'choice'],
  body: [STEPS.body, 'text'],
  shareOfTime: [STEPS.shareOfTime, 'share'],
};

/** The procedures of a workbook (sheets by name, any order; other sheets ignored), not yet validated. */
export function sheetsToCatalogue(sheets: readonly { name: string; rows: SheetRow[] }[]): ReadCatalogue {
  const problems: SheetProblem[] = [];
  const main = readSheet(sheets, SHEET_NAMES.procedures, MAIN, problems);
  const documentsSheet = readSheet(sheets, SHEET_NAMES.documents, DOCUMENTS, problems);
  const stepsSheet = readSheet(sheets, SHEET_NAMES.steps, STEPS, problems);
  if (!main || !documentsSheet || !stepsSheet) return { procedures: [], sources: [], problems };

  const seen = new Map<string, number>();
  const rows: { code: string; row: number; v: Record<string, unknown> }[] = [];
  for (const r of main.rows) {
    const code = cellString(r.get(MAIN.code));
    const fail = (vi: string, en: string) =>
      problems.push({ sheet: main.name, row: r.row, column: MAIN.code.heading, message: { vi, en } });
    if (!code) fail('Thiếu mã thủ tục.', 'The code is missing.');
    else if (seen.has(code))
      fail(`Trùng mã với dòng ${seen.get(code)}.`, `Same code as row ${seen.get(code)}.`);
    else {
      seen.set(code, r.row);
      const v = readRow(main, r, MAIN_FIELDS, problems);
      for (const { column, kind } of unusedCells(v))
        problems.push({
          sheet: main.name,
          row: r.row,
          column: column.heading,
          message: {
            vi: `Cột "${kind.heading}" là "${cellString(r.get(kind))}" nên không dùng ô này; xóa giá trị hoặc đổi "${kind.heading}".`,
            en: `With "${cellString(r.get(kind))}" in "${kind.heading}" this cell is not used; clear it or change "${kind.heading}".`,
          },
        });
      rows.push({ code, row: r.row, v });
    }
  }
  const codes = new Set(seen.keys());
  const documents = childrenByCode(documentsSheet, DOCUMENT_FIELDS, codes, problems);
  const steps = childrenByCode(stepsSheet, STEP_FIELDS, codes, problems);

  const procedures: Record<string, unknown>[] = [];
  const sources: ProcedureSource[] = [];
  for (const { code, row, v } of rows) {
    const docs = documents.get(code) ?? [];
    const stepRows = steps.get(code) ?? [];
    const p: Record<string, unknown> = {
      nationalCode: v.nationalCode,
      name: v.name,
      domain: v.domain,
      level: v.level ?? 'commune',
      legalBasis: v.legalBasis,
      timeLimit: timeLimitOf(v),
      timeLimitNote: v.timeLimitNote,
      fee: feeOf(v),
      exemptions: v.exemptions,
      requiredDocuments: docs.map((d) => d.value),
      resultDocument: v.resultDocument,
      fullyOnline: v.fullyOnline,
      steps: stepRows.map((s) => s.value),
      confirmed: {
        status: v.confirmed,
        sources: v.sources,
        ...(v.confirmationNote === undefined ? {} : { note: v.confirmationNote }),
      },
      outsideWorkflow:
        v.outsideAgency === undefined && v.outsideNote === undefined
          ? undefined
          : { agency: v.outsideAgency, note: v.outsideNote },
    };
    procedures.push(Object.fromEntries(Object.entries(p).filter(([, x]) => x !== undefined)));
    sources.push({ code, row, documentRows: docs.map((d) => d.row), stepRows: stepRows.map((s) => s.row) });
  }
  return { procedures, sources, problems };
}

function columnFor(columns: Record<string, Column>, path: string): Column | undefined {
  let best: Column | undefined;
  let length = -1;
  for (const c of Object.values(columns))
    for (const p of c.paths)
      if ((path === p || path.startsWith(`${p}.`)) && p.length > length) {
        best = c;
        length = p.length;
      }
  return best;
}

/** The cell behind a field path of a procedure read from the workbook ("requiredDocuments.2.count" → its row). */
export function locate(source: ProcedureSource, path: string): Omit<SheetProblem, 'message'> {
  const child = path.match(/^(requiredDocuments|steps)(?:\.(\d+)(?:\.(.+))?)?$/);
  if (child) {
    const isDocs = child[1] === 'requiredDocuments';
    const rows = isDocs ? source.documentRows : source.stepRows;
    const sheet = isDocs ? SHEET_NAMES.documents : SHEET_NAMES.steps;
    const columns: Record<string, Column> = isDocs ? DOCUMENTS : STEPS;
    if (child[2] !== undefined) {
      const row = rows[Number(child[2])] ?? source.row;
      return { sheet, row, column: columnFor(columns, child[3] ?? '')?.heading ?? KEY.heading };
    }
    // The list as a whole: none given (→ the procedure's code), or step shares not summing to 1.
    if (!rows.length) return { sheet: SHEET_NAMES.procedures, row: source.row, column: MAIN.code.heading };
    return { sheet, row: rows[0]!, column: isDocs ? KEY.heading : STEPS.shareOfTime.heading };
  }
  return {
    sheet: SHEET_NAMES.procedures,
    row: source.row,
    column: columnFor(MAIN, path)?.heading ?? MAIN.code.heading,
  };
}
