/**
 * What an uploaded XLSX may cost before ExcelJS builds it in memory: an XLSX is a ZIP, and a 1.8 MB file can hold
 * gigabytes of sheet XML (a decompression bomb). Every entry is inflated here with a hard cap on its real output
 * (zlib's maxOutputLength, whatever sizes the file declares), the whole within a total budget; and one workbook is
 * parsed at a time per process, the others asked to retry. Pure byte work, no ExcelJS.
 */
import zlib from 'node:zlib';
import { AppError, text } from '../../http/errors';

export interface XlsxBudget {
  /** Sum of the entries' decompressed sizes (bytes). */
  maxUncompressedBytes: number;
  maxEntries: number;
}

/** 24 MB of XML is far more than the largest staff list or catalogue (≈ 1 MB), and parses in ≈ 300 MB of heap. */
export const DEFAULT_XLSX_BUDGET: XlsxBudget = { maxUncompressedBytes: 24 * 1024 * 1024, maxEntries: 400 };

const tooBig = () =>
  new AppError(
    'payload_too_large',
    text(
      'Tệp XLSX giải nén quá lớn (có thể là tệp "bom nén"); hãy gửi bảng tính nhỏ hơn.',
      'The XLSX file is too large once decompressed (possibly a decompression bomb); send a smaller workbook.',
    ),
  );

/**
 * Throws 413 past the budget. true: within it; false: not a ZIP the checker can walk (ExcelJS then says it cannot
 * read the file).
 */
export function checkXlsxBudget(content: Buffer, budget: XlsxBudget = DEFAULT_XLSX_BUDGET): boolean {
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
    if (method === 0) total += data.length;
    else if (method === 8) {
      try {
        total += zlib.inflateRawSync(data, { maxOutputLength: Math.max(left, 1) }).length;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError)
          throw tooBig();
        return false;
      }
    } else return false;
    if (total > budget.maxUncompressedBytes) throw tooBig();
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
