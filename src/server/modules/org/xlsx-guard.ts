/**
 * What an uploaded XLSX may cost before ExcelJS builds it in memory: an XLSX is a ZIP, and a 1.8 MB file can hold
 * gigabytes of sheet XML (a decompression bomb). Every entry is inflated here with a hard cap on its real output
 * (zlib's maxOutputLength, whatever sizes the file declares), the whole within a total budget; the cells, rows and
 * shared strings the sheets hold are counted in the inflated bytes (ExcelJS spends ≈ 550 bytes of heap a cell, so a
 * cap on the XML's size alone would still let 24 MB of `<c/>` cost gigabytes); and one workbook is parsed at a time
 * per process, the others asked to retry. Pure byte work, no ExcelJS.
 *
 * What that guarantees (measured: tests/import-memory.integration.test.ts): one workbook within the budget costs
 * ExcelJS ≈ 60 MB of heap (≈ 550 bytes a cell), and only one is parsed at a time per process, so imports add about
 * that (plus the request bodies, ≤ 3 MB each) to a process; the test holds a server to 256 MB of growth.
 */
import zlib from 'node:zlib';
import { AppError, text } from '../../http/errors';

export interface XlsxBudget {
  /** Sum of the entries' decompressed sizes (bytes). */
  maxUncompressedBytes: number;
  maxEntries: number;
  /** Cells (`<c>` elements) of all worksheets together. */
  maxCells: number;
  /** Entries of the shared-string table. */
  maxSharedStrings: number;
  /**
   * Rows of data a worksheet may have (`<row>` elements; 20 more for titles and headings, as readXlsxSheets
   * allows): past it a 413 "at most N rows" before ExcelJS reads a byte. No limit when absent.
   */
  maxRowsPerSheet?: number;
}

/**
 * 24 MB of XML and 100,000 cells are far more than the largest staff list (2,000 rows × 9 columns = 18,000 cells)
 * or a catalogue (≈ 70 cells a procedure: the 23 built in ≈ 1,600 cells; 1,400 procedures would fit), and ExcelJS
 * builds that in ≈ 60 MB of heap.
 */
export const DEFAULT_XLSX_BUDGET: XlsxBudget = {
  maxUncompressedBytes: 24 * 1024 * 1024,
  maxEntries: 400,
  maxCells: 100_000,
  maxSharedStrings: 100_000,
};

const tooBig = () =>
  new AppError(
    'payload_too_large',
    text(
      'Tệp XLSX giải nén quá lớn (có thể là tệp "bom nén"); hãy gửi bảng tính nhỏ hơn.',
      'The XLSX file is too large once decompressed (possibly a decompression bomb); send a smaller workbook.',
    ),
  );

const tooManyRows = (max: number) =>
  new AppError('payload_too_large', text(`Tối đa ${max} dòng.`, `At most ${max} rows.`));

/** Start tags of cells, rows and shared strings in XML bytes, whatever their namespace prefix (one pass). */
export function countXlsxElements(xml: Uint8Array): { cells: number; rows: number; strings: number } {
  let cells = 0;
  let rows = 0;
  let strings = 0;
  const n = xml.length;
  for (let i = 0; i < n; i++) {
    if (xml[i] !== 0x3c) continue; // <
    let end = i + 1;
    let local = end; // the name after any "prefix:"
    while (end < n) {
      const b = xml[end]!;
      if (b === 0x3a) local = end + 1;
      else if (
        !(
          (b >= 0x61 && b <= 0x7a) ||
          (b >= 0x41 && b <= 0x5a) ||
          (b >= 0x30 && b <= 0x39) ||
          b === 0x5f ||
          b === 0x2d ||
          b === 0x2e
        )
      )
        break;
      end += 1;
    }
    const length = end - local;
    if (length === 1 && xml[local] === 0x63)
      cells += 1; // c
    else if (length === 3 && xml[local] === 0x72 && xml[local + 1] === 0x6f && xml[local + 2] === 0x77)
      rows += 1; // row
    else if (length === 2 && xml[local] === 0x73 && xml[local + 1] === 0x69) strings += 1; // si
    i = end - 1;
  }
  return { cells, rows, strings };
}

/** Buffers already found within a budget (the service checks with its row limit, then readXlsxSheets again). */
const passed = new WeakMap<Buffer, XlsxBudget>();
const atLeastAsStrict = (a: XlsxBudget, b: XlsxBudget) =>
  a.maxUncompressedBytes <= b.maxUncompressedBytes &&
  a.maxEntries <= b.maxEntries &&
  a.maxCells <= b.maxCells &&
  a.maxSharedStrings <= b.maxSharedStrings &&
  (b.maxRowsPerSheet === undefined || (a.maxRowsPerSheet ?? Number.POSITIVE_INFINITY) <= b.maxRowsPerSheet);

/**
 * Throws 413 past the budget. true: within it; false: not a ZIP the checker can walk (ExcelJS then says it cannot
 * read the file).
 */
export function checkXlsxBudget(content: Buffer, budget: XlsxBudget = DEFAULT_XLSX_BUDGET): boolean {
  const earlier = passed.get(content);
  if (earlier && atLeastAsStrict(earlier, budget)) return true;
  const within = walkXlsx(content, budget);
  if (within) passed.set(content, budget);
  return within;
}

function walkXlsx(content: Buffer, budget: XlsxBudget): boolean {
  // End of central directory: signature 0x06054b50 within the last 64 KB + 22 bytes.
  const from = Math.max(0, content.length - 65_557);
  let eocd = -1;
  for (let i = content.length - 22; i >= from; i--) {
    if (content.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return false;
  const entries = content.readUInt16LE(eocd + 10);
  let offset = content.readUInt32LE(eocd + 16);
  if (entries === 0xffff || offset === 0xffffffff) throw tooBig(); // ZIP64: no spreadsheet of ours needs it
  if (entries > budget.maxEntries) throw tooBig();
  let total = 0;
  let cells = 0;
  let strings = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > content.length || content.readUInt32LE(offset) !== 0x02014b50) return false;
    const method = content.readUInt16LE(offset + 10);
    const compressedSize = content.readUInt32LE(offset + 20);
    const nameLength = content.readUInt16LE(offset + 28);
    const extraLength = content.readUInt16LE(offset + 30);
    const commentLength = content.readUInt16LE(offset + 32);
    const localHeader = content.readUInt32LE(offset + 42);
    offset += 46 + nameLength + extraLength + commentLength;
    if (localHeader + 30 > content.length || content.readUInt32LE(localHeader) !== 0x04034b50) return false;
    const dataStart =
      localHeader + 30 + content.readUInt16LE(localHeader + 26) + content.readUInt16LE(localHeader + 28);
    const data = content.subarray(dataStart, dataStart + compressedSize);
    const left = budget.maxUncompressedBytes - total;
    let inflated: Buffer;
    if (method === 0) inflated = data;
    else if (method === 8) {
      try {
        inflated = zlib.inflateRawSync(data, { maxOutputLength: Math.max(left, 1) });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError)
          throw tooBig();
        return false;
      }
    } else return false;
    total += inflated.length;
    if (total > budget.maxUncompressedBytes) throw tooBig();
    // Counted in every entry, not only the sheets' usual names (ExcelJS takes any entry whose name contains them).
    const counted = countXlsxElements(inflated);
    // Too many rows is the clearer thing to tell a person, so it is said first.
    if (budget.maxRowsPerSheet !== undefined && counted.rows > budget.maxRowsPerSheet + 20)
      throw tooManyRows(budget.maxRowsPerSheet);
    cells += counted.cells;
    strings += counted.strings;
    if (cells > budget.maxCells || strings > budget.maxSharedStrings) throw tooBig();
  }
  return true;
}

let parsing = 0;
/** At most this many workbooks are parsed at once in a process; the next caller gets 429 with Retry-After. */
export const MAX_CONCURRENT_XLSX = 1;

export async function oneWorkbookAtATime<T>(work: () => Promise<T>): Promise<T> {
  if (parsing >= MAX_CONCURRENT_XLSX)
    throw new AppError(
      'rate_limited',
      text(
        'Máy chủ đang đọc một bảng tính khác; thử lại sau vài giây.',
        'The server is reading another workbook; retry in a few seconds.',
      ),
      { headers: { 'retry-after': '5' } },
    );
  parsing += 1;
  try {
    return await work();
  } finally {
    parsing -= 1;
  }
}
