import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors';
import { readXlsxSheets } from './staff-file';
import { checkXlsxBudget, countXlsxElements, DEFAULT_XLSX_BUDGET } from './xlsx-guard';

/** A one-entry ZIP (deflate) whose central directory may lie about the entry's size. */
function zipOf(name: string, content: Buffer, declaredSize = content.length): Buffer {
  const data = zlib.deflateRawSync(content, { level: 9 });
  const fileName = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declaredSize, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declaredSize, 24);
  central.writeUInt16LE(fileName.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + fileName.length + data.length;
  const cdSize = central.length + fileName.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}

async function workbook(rows: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Cán bộ');
  sheet.addRow(['Họ và tên', 'Chức vụ']);
  for (let i = 0; i < rows; i++) sheet.addRow([`Nguyễn Văn ${i}`, 'Chuyên viên']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const statusOf = (e: unknown) => (e instanceof AppError ? e.status : null);

describe('XLSX budget', () => {
  it('lets an ordinary workbook through', async () => {
    const file = await workbook(50);
    expect(checkXlsxBudget(file)).toBe(true);
  });

  it('refuses a decompression bomb with 413 before ExcelJS sees it, whatever size the file declares', () => {
    const bomb = Buffer.alloc(64 * 1024 * 1024, 'a');
    for (const declared of [bomb.length, 100]) {
      const file = zipOf('xl/worksheets/sheet1.xml', bomb, declared);
      expect(file.length).toBeLessThan(200 * 1024);
      let caught: unknown;
      try {
        checkXlsxBudget(file);
      } catch (e) {
        caught = e;
      }
      expect(statusOf(caught)).toBe(413);
    }
  });

  it('keeps the heap small while refusing it', () => {
    const file = zipOf('xl/worksheets/sheet1.xml', Buffer.alloc(256 * 1024 * 1024, '<c/>'));
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    expect(() => checkXlsxBudget(file)).toThrow();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('answers the import with the 413, and a second workbook while one is parsed with 429 and Retry-After', async () => {
    const bomb = zipOf('xl/worksheets/sheet1.xml', Buffer.alloc(64 * 1024 * 1024, 'a'));
    await expect(readXlsxSheets(bomb, { field: 'body.contentBase64', maxRows: 2000 })).rejects.toMatchObject({
      status: 413,
    });
    const big = await workbook(3000);
    const first = readXlsxSheets(big, { field: 'body.contentBase64', maxRows: 5000 });
    const second = readXlsxSheets(big, { field: 'body.contentBase64', maxRows: 5000 });
    await expect(second).rejects.toMatchObject({ status: 429, headers: { 'retry-after': '5' } });
    const sheets = await first;
    expect(sheets[0]!.rows.length).toBe(3001);
    // Once the first is done, the next one is read.
    expect((await readXlsxSheets(big, { field: 'body.contentBase64', maxRows: 5000 }))[0]!.rows.length).toBe(
      3001,
    );
  });

  it.each([
    ['<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"/></row>', { cells: 2, rows: 1, strings: 0 }],
    ['<x:row><x:c><x:v>1</x:v></x:c></x:row>', { cells: 1, rows: 1, strings: 0 }],
    ['<cols><col min="1"/></cols><cfRule/><c:chart/><rows/>', { cells: 0, rows: 0, strings: 0 }],
    ['<sst><si><t>a</t></si><si><r><t>b</t></r></si></sst>', { cells: 0, rows: 0, strings: 2 }],
    ['<!-- <c> --><?xml version="1.0"?></c></row>', { cells: 1, rows: 0, strings: 0 }],
  ])('counts the cells, rows and shared strings of %s', (xml, counts) => {
    expect(countXlsxElements(Buffer.from(xml))).toEqual(counts);
  });

  it('refuses a workbook of more cells than the budget, small as its XML is (ExcelJS spends ≈ 550 bytes a cell)', () => {
    const cells = DEFAULT_XLSX_BUDGET.maxCells + 1;
    // ≈ 0.7 MB of XML, far under the 24 MB cap; ≈ 55 MB of heap once ExcelJS has built it (and 24 MB of such cells, 2 GB).
    const sheet = Buffer.from(
      `<worksheet><sheetData><row>${'<x:c/>'.repeat(cells)}</row></sheetData></worksheet>`,
    );
    expect(sheet.length).toBeLessThan(2 * 1024 * 1024);
    for (const name of ['xl/worksheets/sheet1.xml', 'other/xl/worksheets/sheet1.xml']) {
      let caught: unknown;
      try {
        checkXlsxBudget(zipOf(name, sheet));
      } catch (e) {
        caught = e;
      }
      expect(statusOf(caught)).toBe(413);
    }
    const fewer = Buffer.from(
      `<worksheet><sheetData><row>${'<c/>'.repeat(cells - 2)}</row></sheetData></worksheet>`,
    );
    expect(checkXlsxBudget(zipOf('xl/worksheets/sheet1.xml', fewer))).toBe(true);
  });

  it('refuses a sheet of more rows than the caller allows before ExcelJS reads it (413 "at most N rows")', async () => {
    const budget = { ...DEFAULT_XLSX_BUDGET, maxRowsPerSheet: 100 };
    expect(checkXlsxBudget(await workbook(119), budget)).toBe(true); // + the heading row: 120 = 100 + 20
    let caught: unknown;
    try {
      checkXlsxBudget(await workbook(120), budget);
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ status: 413, detail: { en: 'At most 100 rows.' } });
    // Without a row limit (the default) the same workbook passes.
    expect(checkXlsxBudget(await workbook(120))).toBe(true);
  });

  it('leaves a file that is not a ZIP to ExcelJS, which says it cannot read it (400)', async () => {
    expect(checkXlsxBudget(Buffer.from('not a zip at all'))).toBe(false);
    await expect(
      readXlsxSheets(Buffer.from('not a zip at all'), { field: 'body.contentBase64', maxRows: 10 }),
    ).rejects.toMatchObject({ status: 400 });
  });
});
