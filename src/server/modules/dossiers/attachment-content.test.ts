import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type ContentRefusal, imageDimensions, inspectContent } from './attachment-content';

const pdf = (body: string) => Buffer.from(`%PDF-1.7\n${body}\ntrailer <<>>\n%%EOF\n`, 'latin1');
/** A PDF whose objects sit in a compressed object stream. */
const objStm = (inner: Buffer) =>
  Buffer.concat([
    Buffer.from(
      `%PDF-1.7\n5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${inner.length} >>\nstream\n`,
    ),
    inner,
    Buffer.from('\nendstream\nendobj\ntrailer <<>>\n%%EOF\n'),
  ]);

/** A PNG signature and IHDR declaring width × height (the pixels never follow: the header is all we read). */
function png(width: number, height: number) {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b[24] = 8;
  b[25] = 2;
  return b;
}

/** SOI, an APP0 segment, then a start-of-frame marker (0xC0 baseline, 0xC2 progressive) with the dimensions. */
function jpeg(width: number, height: number, sof = 0xc0) {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const frame = Buffer.alloc(19);
  frame[0] = 0xff;
  frame[1] = sof;
  frame.writeUInt16BE(17, 2);
  frame[4] = 8;
  frame.writeUInt16BE(height, 5);
  frame.writeUInt16BE(width, 7);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, frame, Buffer.from([0xff, 0xd9])]);
}

describe('inspectContent', () => {
  it.each<[string, Buffer, 'application/pdf' | 'image/png' | 'image/jpeg', ContentRefusal | null]>([
    ['a plain PDF', pdf('1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj'), 'application/pdf', null],
    [
      'a PDF opening on a page view (a harmless /OpenAction)',
      pdf('1 0 obj << /Type /Catalog /OpenAction [3 0 R /FitH null] >> endobj'),
      'application/pdf',
      null,
    ],
    [
      'the word JavaScript in a text string',
      pdf('4 0 obj (JavaScript is not run here) endobj'),
      'application/pdf',
      null,
    ],
    [
      'an /OpenAction running JavaScript',
      pdf('1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj'),
      'application/pdf',
      { kind: 'pdf_active_content', name: 'JavaScript' },
    ],
    [
      'a /JS entry alone (e.g. in /AA)',
      pdf('1 0 obj << /AA << /O << /JS 9 0 R >> >> >> endobj'),
      'application/pdf',
      { kind: 'pdf_active_content', name: 'JS' },
    ],
    [
      'a name hidden with #xx escapes',
      pdf('1 0 obj << /S /J#61vaScript >> endobj'),
      'application/pdf',
      { kind: 'pdf_active_content', name: 'JavaScript' },
    ],
    [
      'a /Launch action',
      pdf('1 0 obj << /OpenAction << /S /Launch /F (cmd.exe) >> >> endobj'),
      'application/pdf',
      { kind: 'pdf_active_content', name: 'Launch' },
    ],
    [
      'JavaScript inside a compressed object stream',
      objStm(zlib.deflateSync(Buffer.from('6 0 << /S /JavaScript /JS (x) >>'))),
      'application/pdf',
      { kind: 'pdf_active_content', name: 'JavaScript' },
    ],
    [
      'a harmless compressed object stream',
      objStm(zlib.deflateSync(Buffer.from('6 0 << /Type /Page >>'))),
      'application/pdf',
      null,
    ],
    [
      'an object stream inflating past 64 MB (a bomb)',
      objStm(zlib.deflateSync(Buffer.alloc(65 * 1024 * 1024), { level: 9 })),
      'application/pdf',
      { kind: 'pdf_bomb' },
    ],
    ['an A4 scan at 300 dpi (PNG)', png(2480, 3508), 'image/png', null],
    [
      'a PNG declaring 100 000 × 100 000 pixels',
      png(100_000, 100_000),
      'image/png',
      { kind: 'image_too_large', width: 100_000, height: 100_000 },
    ],
    [
      'a PNG 40 000 pixels wide',
      png(40_000, 10),
      'image/png',
      { kind: 'image_too_large', width: 40_000, height: 10 },
    ],
    ['an A4 photo at 600 dpi (JPEG)', jpeg(4960, 7016), 'image/jpeg', null],
    [
      'a progressive JPEG declaring 65 000 × 65 000 pixels',
      jpeg(65_000, 65_000, 0xc2),
      'image/jpeg',
      { kind: 'image_too_large', width: 65_000, height: 65_000 },
    ],
  ])('%s', (_name, bytes, type, expected) => {
    expect(inspectContent(bytes, type)).toEqual(expected);
  });

  it('reads JPEG dimensions after other segments', () => {
    expect(imageDimensions(jpeg(1200, 1600), 'image/jpeg')).toEqual({ width: 1200, height: 1600 });
  });
});
