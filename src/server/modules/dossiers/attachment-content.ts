/**
 * What an uploaded scan may not contain, read from its bytes before anything is stored (pure: no I/O).
 *
 * - PDF active content: the names /JavaScript, /JS (scripts, including those an /OpenAction or /AA runs) and
 *   /Launch (starts a program) anywhere in the file — also written with #xx escapes, and also inside compressed
 *   object streams (/Type /ObjStm, FlateDecode), which are inflated here with a bounded output. The file is refused
 *   (not flagged): a scan has no use for scripts, and a flag would still hand the script to every officer who opens
 *   it. Other streams (page content, images, fonts) are not decompressed: they cannot declare actions.
 * - Decompression bombs: a PNG or JPEG whose header declares more pixels than any scan needs (decoding it would
 *   take gigabytes), and a PDF object stream that inflates past the bound.
 */
import zlib from 'node:zlib';
import type { AttachmentType } from './attachment-names';

/** A4 at 600 dpi is 35 megapixels; 100 leaves room for A3 and large photos, far below a bomb's billions. */
export const MAX_IMAGE_PIXELS = 100_000_000;
export const MAX_IMAGE_SIDE = 30_000;
/** Total bytes the object streams of one PDF may inflate to. */
export const MAX_PDF_INFLATED_BYTES = 64 * 1024 * 1024;

export type ContentRefusal =
  | { kind: 'pdf_active_content'; name: string }
  | { kind: 'image_too_large'; width: number; height: number }
  | { kind: 'pdf_bomb' };

const ACTIVE_NAMES = new Set(['JavaScript', 'JS', 'Launch']);

/** PDF names (/Name, with #xx escapes decoded) in a latin1 text that are active content. */
function activeName(text: string): string | null {
  for (const m of text.matchAll(/\/([^\s/<>[\](){}%]+)/g)) {
    const raw = m[1]!;
    const name = raw.includes('#')
      ? raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
      : raw;
    if (ACTIVE_NAMES.has(name)) return name;
  }
  return null;
}

function inspectPdf(bytes: Buffer): ContentRefusal | null {
  const text = bytes.toString('latin1');
  const found = activeName(text);
  if (found) return { kind: 'pdf_active_content', name: found };
  let budget = MAX_PDF_INFLATED_BYTES;
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const dict = text.slice(Math.max(0, m.index! - 1024), m.index!);
    const open = dict.lastIndexOf('<<');
    const header = open >= 0 ? dict.slice(open) : dict;
    if (!/\/ObjStm\b/.test(header) || !/\/FlateDecode\b/.test(header)) continue;
    const end = text.indexOf('endstream', start);
    if (end < 0) continue;
    let inflated: Buffer;
    try {
      inflated = zlib.inflateSync(bytes.subarray(start, end), { maxOutputLength: Math.max(1, budget) });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError)
        return { kind: 'pdf_bomb' };
      continue; // a damaged stream: nothing a reader could run from it either
    }
    budget -= inflated.length;
    const inner = activeName(inflated.toString('latin1'));
    if (inner) return { kind: 'pdf_active_content', name: inner };
  }
  return null;
}

/** Width and height from a PNG's IHDR or a JPEG's start-of-frame marker; null when not found. */
export function imageDimensions(
  bytes: Buffer,
  type: AttachmentType,
): { width: number; height: number } | null {
  if (type === 'image/png') {
    if (bytes.length < 24 || bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (type === 'image/jpeg') {
    let i = 2;
    while (i + 4 <= bytes.length) {
      if (bytes[i] !== 0xff) return null;
      const marker = bytes[i + 1]!;
      if (marker === 0xff) {
        i += 1; // fill byte
        continue;
      }
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        i += 2;
        continue;
      }
      if (marker === 0xda) return null; // scan data before any frame header
      const length = bytes.readUInt16BE(i + 2);
      const isFrame =
        marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isFrame && i + 9 <= bytes.length)
        return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
      i += 2 + length;
    }
  }
  return null;
}

/** Why these bytes (already known to be of `type`) are refused, or null. */
export function inspectContent(bytes: Buffer, type: AttachmentType): ContentRefusal | null {
  if (type === 'application/pdf') return inspectPdf(bytes);
  const size = imageDimensions(bytes, type);
  if (
    size &&
    (size.width > MAX_IMAGE_SIDE ||
      size.height > MAX_IMAGE_SIDE ||
      size.width * size.height > MAX_IMAGE_PIXELS)
  )
    return { kind: 'image_too_large', ...size };
  return null;
}
