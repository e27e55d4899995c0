/**
 * Reads an in-flight import file (CSV in UTF-8 separated by "," ";" or tab, or XLSX: the first worksheet) into rows
 * of cells, from its heading row on; and writes the template (the same headings, one example row).
 */

import { foldVietnamese } from '../../../../common/text';
import { AppError, fieldError, text } from '../../../http/errors';
import { loadExcel } from '../../../lazy-libraries';
import { readCsvRows, readXlsxSheets, type SheetRow, type StaffFileFormat } from '../../org/staff-file';
import { cellText } from '../../org/staff-import';
import { checkXlsxBudget, DEFAULT_XLSX_BUDGET } from '../../org/xlsx-guard';
import { FIELD_LABELS, INFLIGHT_FIELDS, INFLIGHT_HEADINGS, MAX_INFLIGHT_ROWS } from './rules';

export type InflightFileFormat = StaffFileFormat;
export const MAX_INFLIGHT_FILE_BYTES = 2 * 1024 * 1024;
const FIELD = 'body.contentBase64';

const tooMany = () =>
  new AppError(
    'payload_too_large',
    text(`Tối đa ${MAX_INFLIGHT_ROWS} hồ sơ một lần.`, `At most ${MAX_INFLIGHT_ROWS} dossiers at a time.`),
  );

const CODE_HEADINGS = INFLIGHT_HEADINGS.originalCode.map((h) => foldVietnamese(h));

/** The file's heading row (the first, among the first ten, naming "Mã hồ sơ cũ") and the rows after it. */
export async function readInflightFile(
  format: InflightFileFormat,
  content: Buffer,
): Promise<{ headings: SheetRow; rows: SheetRow[] }> {
  if (content.length > MAX_INFLIGHT_FILE_BYTES)
    throw new AppError('payload_too_large', text('Tệp tối đa 2 MB.', 'The file may be at most 2 MB.'));
  let all: SheetRow[];
  if (format === 'csv') all = readCsvRows(content, { relaxQuotes: true });
  else {
    // Rows and cells are counted in the compressed XML before ExcelJS builds the workbook in memory.
    checkXlsxBudget(content, { ...DEFAULT_XLSX_BUDGET, maxRowsPerSheet: MAX_INFLIGHT_ROWS + 20 });
    const [sheet] = await readXlsxSheets(content, { field: FIELD, maxRows: MAX_INFLIGHT_ROWS });
    if (!sheet)
      throw fieldError(FIELD, 'Tệp XLSX không có trang tính nào.', 'The XLSX file has no worksheet.');
    all = sheet.rows;
  }
  const found = all.slice(0, 10).findIndex((r) =>
    r.cells.some((c) =>
      CODE_HEADINGS.includes(
        foldVietnamese(cellText(c))
          .replace(/\(.*?\)|[:*]/g, '')
          .trim(),
      ),
    ),
  );
  const start = Math.max(found, 0);
  const headings = all[start] ?? { row: 1, cells: [] };
  const rows = all.slice(start + 1);
  if (rows.length > MAX_INFLIGHT_ROWS + 20) throw tooMany();
  return { headings, rows };
}

const EXAMPLE: Record<(typeof INFLIGHT_FIELDS)[number], string> = {
  originalCode: '000.22.35.H42-250610-0003',
  formerUnit: 'Phường Bắc Hà',
  procedure: '1.001193',
  applicantName: 'Nguyễn Văn A',
  idNumber: '042190001234',
  phone: '0912345678',
  address: 'Tổ dân phố 3',
  receivedOn: '10/06/2025',
  dueDate: '13/06/2025',
  status: 'Đang xử lý',
  assignee: 'chuyenvien.tranphu',
  historyNote: 'Đã thẩm tra, chờ xác minh',
};

const HINT =
  'Tình trạng: Đã tiếp nhận | Đang xử lý | Chờ bổ sung | Có kết quả. Ngày: dd/mm/yyyy. ' +
  'Người xử lý: tên đăng nhập hoặc họ tên chuyên viên của xã (bắt buộc khi Đang xử lý / Chờ bổ sung).';

/** The template: the headings (required ones marked *), one example row to replace, a hint line in CSV. */
export async function inflightTemplate(format: InflightFileFormat): Promise<Buffer> {
  const headings = INFLIGHT_FIELDS.map((f) =>
    f === 'assignee' || f === 'historyNote' ? FIELD_LABELS[f].vi : `${FIELD_LABELS[f].vi} (*)`,
  );
  const example = INFLIGHT_FIELDS.map((f) => EXAMPLE[f]);
  if (format === 'csv') {
    const quote = (s: string) => (/[",;\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const lines = [headings, example].map((r) => r.map(quote).join(','));
    return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  }
  const { Workbook } = await loadExcel();
  const book = new Workbook();
  const sheet = book.addWorksheet('Hồ sơ đang giải quyết');
  sheet.addRow(headings).font = { bold: true };
  sheet.addRow(example);
  sheet.columns.forEach((c) => {
    c.width = 22;
    c.numFmt = '@'; // text: codes and dates stay as typed
  });
  const notes = book.addWorksheet('Hướng dẫn');
  notes.addRow([HINT]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
