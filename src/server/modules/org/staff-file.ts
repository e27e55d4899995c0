/** Reads a staff list file (CSV in UTF-8, or XLSX: the first worksheet) into rows of cells, with row numbers. */
import { parse } from 'csv-parse/sync';
import type * as ExcelJS from 'exceljs';
import { foldVietnamese } from '../../../common/text';
import { AppError, fieldError, text } from '../../http/errors';
import { loadExcel } from '../../lazy-libraries';
import { type Cell, cellText, MAX_IMPORT_ROWS } from './staff-import';
import { checkXlsxBudget, oneWorkbookAtATime } from './xlsx-guard';

export type StaffFileFormat = 'csv' | 'xlsx';
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface SheetRow {
  row: number;
  cells: Cell[];
}

const unreadable = (vi: string, en: string) => fieldError('body.contentBase64', vi, en);

/**
 * A CSV file in UTF-8 (separated by "," ";" or tab: whichever splits the first line most) as rows of cells; a file
 * not in UTF-8 or not CSV is a 400 on the upload's field. `relaxQuotes` lets a quote inside an unquoted cell pass.
 */
export function readCsvRows(content: Buffer, options: { relaxQuotes?: boolean } = {}): SheetRow[] {
  const decoded = new TextDecoder('utf-8', { fatal: false }).decode(content);
  if (decoded.includes('\uFFFD'))
    throw unreadable('Tệp CSV phải lưu với mã UTF-8.', 'The CSV file must be saved as UTF-8.');
  const firstLine = decoded.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [';', '\t', ','].reduce(
    (best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best),
    ',',
  );
  try {
    const records = parse(decoded, {
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: options.relaxQuotes ?? false,
      skip_empty_lines: false,
    }) as string[][];
    return records.map((cells, i) => ({ row: i + 1, cells }));
  } catch (err) {
    throw unreadable(
      `Không đọc được tệp CSV: ${(err as Error).message}`,
      `Cannot read the CSV file: ${(err as Error).message}`,
    );
  }
}

/** An ExcelJS cell value as a plain cell (rich text joined, formulas by their result, errors empty). */
export function excelValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return excelValue(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return null;
  }
  return String(v);
}

/**
 * Every worksheet of an XLSX file, in order, with its non-empty rows; an unreadable file is a 400 on `field`,
 * a sheet of more than `maxRows` rows a 413.
 */
export async function readXlsxSheets(
  content: Buffer,
  options: { field: string; maxRows: number },
): Promise<{ name: string; rows: SheetRow[] }[]> {
  checkXlsxBudget(content);
  const workbook = await oneWorkbookAtATime(async () => {
    const { Workbook } = await loadExcel();
    const book = new Workbook();
    try {
      await book.xlsx.load(content as unknown as ArrayBuffer);
    } catch {
      throw fieldError(options.field, 'Không đọc được tệp XLSX.', 'Cannot read the XLSX file.');
    }
    return book;
  });
  return workbook.worksheets.map((sheet) => {
    if (sheet.rowCount > options.maxRows + 20)
      throw new AppError(
        'payload_too_large',
        text(`Tối đa ${options.maxRows} dòng.`, `At most ${options.maxRows} rows.`),
      );
    const rows: SheetRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      const values = row.values as ExcelJS.CellValue[]; // 1-based
      rows.push({ row: number, cells: values.slice(1).map(excelValue) });
    });
    return { name: sheet.name, rows };
  });
}

async function readXlsx(content: Buffer): Promise<SheetRow[]> {
  const [sheet] = await readXlsxSheets(content, { field: 'body.contentBase64', maxRows: MAX_IMPORT_ROWS });
  if (!sheet) throw unreadable('Tệp XLSX không có trang tính nào.', 'The XLSX file has no worksheet.');
  return sheet.rows;
}

/** The file's rows from its heading row on (the first row, among the first ten, that has "Họ và tên"). */
export async function readStaffFile(
  format: StaffFileFormat,
  content: Buffer,
): Promise<{ headings: SheetRow; rows: SheetRow[] }> {
  if (content.length > MAX_FILE_BYTES)
    throw new AppError('payload_too_large', text('Tệp tối đa 2 MB.', 'The file may be at most 2 MB.'));
  const all = format === 'csv' ? readCsvRows(content) : await readXlsx(content);
  const headingIndex = all
    .slice(0, 10)
    .findIndex((r) => r.cells.some((c) => ['ho va ten', 'ho ten'].includes(foldVietnamese(cellText(c)))));
  const headings = all[Math.max(headingIndex, 0)] ?? { row: 1, cells: [] };
  const rows = all.slice(Math.max(headingIndex, 0) + 1);
  if (rows.length > MAX_IMPORT_ROWS)
    throw new AppError(
      'payload_too_large',
      text(`Tối đa ${MAX_IMPORT_ROWS} dòng.`, `At most ${MAX_IMPORT_ROWS} rows.`),
    );
  return { headings, rows };
}

/** The format named by the request, else by the file name's extension. */
export function formatOf(filename: string, given?: StaffFileFormat): StaffFileFormat {
  if (given) return given;
  const ext = filename.toLowerCase().split('.').pop();
  if (ext === 'csv' || ext === 'xlsx') return ext;
  throw fieldError(
    'body.filename',
    'Chỉ nhận tệp .csv hoặc .xlsx.',
    'Only .csv and .xlsx files are accepted.',
  );
}
