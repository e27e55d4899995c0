import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors';
import { readXlsxSheets } from './staff-file';
import { checkXlsxBudget } from './xlsx-guard';

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

  it('leaves a file that is not a ZIP to ExcelJS, which says it cannot read it (400)', async () => {
    expect(checkXlsxBudget(Buffer.from('not a zip at all'))).toBe(false);
    await expect(
      readXlsxSheets(Buffer.from('not a zip at all'), { field: 'body.contentBase64', maxRows: 10 }),
    ).rejects.toMatchObject({ status: 400 });
  });
});
