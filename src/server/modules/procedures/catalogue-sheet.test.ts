import { describe, expect, it } from 'vitest';
import type { Procedure } from '../../../common/api/procedures';
import type { SheetRow } from '../org/staff-file';
import {
  catalogueToSheets,
  locate,
  SHEET_NAMES,
  type SheetTable,
  sheetsToCatalogue,
} from './catalogue-sheet';
import { CATALOGUE } from './data/catalogue';
import { diffProcedure, validateImport } from './domain';

const byName = (name: string): Procedure => structuredClone(CATALOGUE.find((p) => p.name === name)!);
const BIRTH = byName('Đăng ký khai sinh');
const SIGNATURE = byName('Chứng thực chữ ký');
const COPY = CATALOGUE.find((p) => p.fee.kind === 'per_page')!;

/** What ExcelJS gives back: a heading row 1, then the rows from 2 (as readXlsxSheets numbers them). */
const asRead = (tables: SheetTable[]) =>
  tables.map((t) => ({
    name: t.name,
    rows: [t.headings, ...t.rows].map((cells, i): SheetRow => ({ row: i + 1, cells })),
  }));

const entries = (list: readonly Procedure[]) =>
  list.map((data, i) => ({ code: data.nationalCode ?? `p${i}`, data }));

/** The workbook of these procedures with one cell changed: sheet, row (as numbered in the sheet), heading. */
function edited(list: readonly Procedure[], edits: [string, number, string, unknown][]) {
  const sheets = asRead(catalogueToSheets(entries(list)));
  for (const [sheet, row, heading, value] of edits) {
    const s = sheets.find((x) => x.name === sheet)!;
    const col = (s.rows[0]!.cells as string[]).indexOf(heading);
    if (col < 0) throw new Error(`no column ${heading}`);
    s.rows[row - 1]!.cells[col] = value as string;
  }
  return sheets;
}

describe('catalogue workbook', () => {
  it('writes one row per procedure, documents and steps keyed by code, readable labels', () => {
    const [main, documents, steps, guide] = catalogueToSheets(entries([BIRTH, SIGNATURE]));
    expect([main, documents, steps, guide].map((s) => s!.name)).toEqual([
      SHEET_NAMES.procedures,
      SHEET_NAMES.documents,
      SHEET_NAMES.steps,
      SHEET_NAMES.guide,
    ]);
    const row = Object.fromEntries(main!.headings.map((h, i) => [h, main!.rows[0]![i]]));
    expect(row).toMatchObject({
      Mã: '1.001193',
      'Tên thủ tục': 'Đăng ký khai sinh',
      'Lĩnh vực': 'Hộ tịch',
      'Thời hạn': 'Trong ngày',
      'Loại phí': 'Miễn phí',
      'Toàn trình': 'Có',
      'Xác nhận': 'Đã xác nhận',
    });
    expect(String(row['Căn cứ pháp lý (mỗi dòng một văn bản)']).split('\n')).toEqual(BIRTH.legalBasis);
    expect(documents!.rows).toHaveLength(BIRTH.requiredDocuments.length + SIGNATURE.requiredDocuments.length);
    expect(documents!.rows[0]!.slice(0, 4)).toEqual([
      '1.001193',
      'Đăng ký khai sinh',
      1,
      BIRTH.requiredDocuments[0]!.name,
    ]);
    expect(steps!.rows).toHaveLength(BIRTH.steps.length + SIGNATURE.steps.length);
  });

  it('reads back every shipped procedure unchanged (the export → import round trip)', () => {
    const read = sheetsToCatalogue(asRead(catalogueToSheets(entries(CATALOGUE))));
    expect(read.problems).toEqual([]);
    const valid = validateImport(read.procedures);
    if (!valid.ok) throw new Error(JSON.stringify(valid.errors.slice(0, 3)));
    expect(valid.procedures.map((p, i) => diffProcedure(CATALOGUE[i]!, p))).toEqual(CATALOGUE.map(() => []));
  });

  it.each<[string, [string, number, string, unknown][], (p: Procedure) => unknown, unknown]>([
    [
      'a time limit typed as text',
      [
        ['Thủ tục', 2, 'Thời hạn', 'ngay lam viec'],
        ['Thủ tục', 2, 'Số ngày/giờ', '5'],
      ],
      (p) => p.timeLimit,
      { kind: 'working_days', days: 5 },
    ],
    [
      'money with dots and the đồng sign',
      [['Thủ tục', 3, 'Mức phí (đ)', '12.000 đ']],
      (p) => p.fee,
      { kind: 'fixed', amount: 12_000 },
    ],
    ['yes/no without diacritics', [['Thủ tục', 2, 'Toàn trình', 'khong']], (p) => p.fullyOnline, false],
    [
      'a domain by its English name',
      [['Thủ tục', 2, 'Lĩnh vực', 'Civil status']],
      (p) => p.domain,
      'ho_tich',
    ],
    ['an empty level means the commune', [['Thủ tục', 2, 'Cấp thực hiện', null]], (p) => p.level, 'commune'],
    [
      'legal basis one per line, blank lines dropped',
      [['Thủ tục', 2, 'Căn cứ pháp lý (mỗi dòng một văn bản)', 'Luật A\n\n  Nghị định B  ']],
      (p) => p.legalBasis,
      ['Luật A', 'Nghị định B'],
    ],
  ])('reads %s', (_, edits, pick, expected) => {
    const read = sheetsToCatalogue(edited([BIRTH, SIGNATURE], edits));
    expect(read.problems).toEqual([]);
    const valid = validateImport(read.procedures);
    expect(valid.ok).toBe(true);
    if (valid.ok) expect(pick(valid.procedures[edits[0]![1] - 2]!)).toEqual(expected);
  });

  it('reads step shares with a decimal comma or as percentages, in the order of STT', () => {
    const shares = BIRTH.steps.map((s) => s.shareOfTime);
    const sheets = edited(
      [BIRTH],
      [
        ['Các bước', 2, 'Tỷ lệ thời gian (tổng = 1)', String(shares[0]).replace('.', ',')],
        ['Các bước', 3, 'Tỷ lệ thời gian (tổng = 1)', `${Math.round(shares[1]! * 10000) / 100}%`],
      ],
    );
    const steps = sheets.find((s) => s.name === 'Các bước')!;
    steps.rows.splice(1, 2, steps.rows[2]!, steps.rows[1]!); // the first two steps swapped in the sheet, STT kept
    const read = sheetsToCatalogue(sheets);
    expect(read.problems).toEqual([]);
    expect((read.procedures[0]!.steps as { name: string; shareOfTime: number }[]).map((s) => s.name)).toEqual(
      BIRTH.steps.map((s) => s.name),
    );
    expect((read.procedures[0]!.steps as { shareOfTime: number }[])[0]!.shareOfTime).toBe(shares[0]);
  });

  it('reads the per-page fee of certified copies from its columns', () => {
    const read = sheetsToCatalogue(asRead(catalogueToSheets(entries([COPY]))));
    expect(read.procedures[0]!.fee).toEqual(COPY.fee);
  });

  it.each<[string, [string, number, string, unknown][], { sheet: string; row: number; column: string }[]]>([
    [
      'an unknown domain',
      [['Thủ tục', 3, 'Lĩnh vực', 'Thuế']],
      [{ sheet: 'Thủ tục', row: 3, column: 'Lĩnh vực' }],
    ],
    [
      'a fee that is not a number',
      [['Thủ tục', 3, 'Mức phí (đ)', 'mười nghìn']],
      [{ sheet: 'Thủ tục', row: 3, column: 'Mức phí (đ)' }],
    ],
    ['a missing code', [['Thủ tục', 2, 'Mã', '']], [{ sheet: 'Thủ tục', row: 2, column: 'Mã' }]],
    ['the same code twice', [['Thủ tục', 3, 'Mã', '1.001193']], [{ sheet: 'Thủ tục', row: 3, column: 'Mã' }]],
    [
      'a document of an unknown procedure',
      [['Thành phần hồ sơ', 2, 'Mã thủ tục', '9.999999']],
      [{ sheet: 'Thành phần hồ sơ', row: 2, column: 'Mã thủ tục' }],
    ],
    [
      'days given for a same-day limit',
      [['Thủ tục', 2, 'Số ngày/giờ', 3]],
      [{ sheet: 'Thủ tục', row: 2, column: 'Số ngày/giờ' }],
    ],
    [
      'an amount given for a free procedure',
      [['Thủ tục', 2, 'Mức phí (đ)', 5000]],
      [{ sheet: 'Thủ tục', row: 2, column: 'Mức phí (đ)' }],
    ],
    [
      'an unknown document form',
      [['Thành phần hồ sơ', 2, 'Hình thức', 'Bản fax']],
      [{ sheet: 'Thành phần hồ sơ', row: 2, column: 'Hình thức' }],
    ],
  ])('names the cell of %s', (_, edits, expected) => {
    const read = sheetsToCatalogue(edited([BIRTH, SIGNATURE], edits));
    const [first, ...rest] = read.problems;
    expect([first].map((p) => ({ sheet: p!.sheet, row: p!.row, column: p!.column }))).toEqual(expected);
    // Without its code, a procedure's documents and steps belong to no procedure: each of them is named too.
    expect(rest.every((p) => p.column === 'Mã thủ tục' && p.sheet !== 'Thủ tục')).toBe(true);
    expect(read.problems.every((p) => p.message.vi && p.message.en)).toBe(true);
  });

  it('says which sheet or column is missing, once', () => {
    const sheets = asRead(catalogueToSheets(entries([BIRTH]))).filter((s) => s.name !== 'Các bước');
    sheets[0]!.rows[0]!.cells = sheets[0]!.rows[0]!.cells.map((c) => (c === 'Loại phí' ? 'Phí' : c));
    const read = sheetsToCatalogue(sheets);
    expect(read.procedures).toEqual([]);
    expect(read.problems.map(({ sheet, column }) => [sheet, column])).toEqual([
      ['Thủ tục', 'Loại phí'],
      ['Các bước', ''],
    ]);
  });

  const source = { code: 'x', row: 7, documentRows: [10, 11], stepRows: [20, 21, 22] };
  it.each<[string, { sheet: string; row: number; column: string }]>([
    ['timeLimit.days', { sheet: 'Thủ tục', row: 7, column: 'Số ngày/giờ' }],
    ['fee.amount', { sheet: 'Thủ tục', row: 7, column: 'Mức phí (đ)' }],
    ['fee', { sheet: 'Thủ tục', row: 7, column: 'Loại phí' }],
    ['confirmed.note', { sheet: 'Thủ tục', row: 7, column: 'Ghi chú xác nhận' }],
    ['legalBasis.1', { sheet: 'Thủ tục', row: 7, column: 'Căn cứ pháp lý (mỗi dòng một văn bản)' }],
    ['nationalCode', { sheet: 'Thủ tục', row: 7, column: 'Mã quốc gia' }],
    ['requiredDocuments.1.count', { sheet: 'Thành phần hồ sơ', row: 11, column: 'Số lượng' }],
    ['steps.2.handlerRole', { sheet: 'Các bước', row: 22, column: 'Người thực hiện' }],
    ['steps', { sheet: 'Các bước', row: 20, column: 'Tỷ lệ thời gian (tổng = 1)' }],
    ['', { sheet: 'Thủ tục', row: 7, column: 'Mã' }],
  ])('locates %s', (path, expected) => {
    expect(locate(source, path)).toEqual(expected);
  });

  it('locates a list left empty at the procedure', () => {
    expect(locate({ ...source, documentRows: [] }, 'requiredDocuments')).toEqual({
      sheet: 'Thủ tục',
      row: 7,
      column: 'Mã',
    });
  });
});
