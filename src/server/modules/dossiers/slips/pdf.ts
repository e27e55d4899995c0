/**
 * The state format for the slips (Decree 30/2020/NĐ-CP, appendix I; domain-vn.md §6b) on A4 with pdfkit and
 * Tinos (metric-compatible with Times New Roman): margins 20/20/30/15 mm; top left the issuing body with the
 * number below, top right the national title and the place-and-date line; body text 13 pt; signature blocks
 * with the signer's real title; a hand-over table; page numbers centred in the top margin from page 2.
 */
import { MM, newPdf, STATE_MARGIN } from '../../../pdf-fonts';

export const MARGIN = STATE_MARGIN;
/** Body text (Decree 30/2020: 13–14 pt). */
export const BODY = 13;
/** Header lines: issuing body and national title (12–13 pt). */
const HEADER = 12.5;

type Font = 'regular' | 'bold' | 'italic' | 'boldItalic';

/** The mark of every page of a mock dossier's slip (hồ sơ diễn tập): a band and a watermark. */
export const REHEARSAL_BAND = 'DIỄN TẬP — HỒ SƠ GIẢ ĐỊNH, KHÔNG CÓ GIÁ TRỊ PHÁP LÝ';

/**
 * A new A4 slip; `finish()` numbers the pages and resolves with the bytes. A rehearsal slip (a trial day's mock
 * dossier) gets the DIỄN TẬP band and watermark on every page and in its title.
 */
export async function newSlip(title: string, options: { rehearsal?: boolean } = {}) {
  const rehearsal = options.rehearsal === true;
  const { doc, done } = await newPdf({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    info: { Title: rehearsal ? `[DIỄN TẬP] ${title}` : title, Author: 'XãSố' },
  });
  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const leftW = 190;
  return { doc, done, left, width, leftW, rightX: left + leftW + 5, rightW: width - leftW - 5, rehearsal };
}
export type Slip = Awaited<ReturnType<typeof newSlip>>;

/** Bottom of the writable area of a page. */
const bottomOf = (s: Slip) => s.doc.page.height - MARGIN.bottom;

/** A new page when fewer than `needed` points remain. */
export function ensureSpace(s: Slip, needed: number) {
  if (s.doc.y + needed > bottomOf(s)) {
    s.doc.addPage();
    s.doc.y = MARGIN.top;
  }
}

/** Centred text with a short rule under it (the issuing body's and the motto's underline). */
function underline(s: Slip, x: number, w: number, length: number) {
  const y = s.doc.y + 1;
  s.doc
    .moveTo(x + (w - length) / 2, y)
    .lineTo(x + (w + length) / 2, y)
    .lineWidth(0.6)
    .stroke();
}

export interface Heading {
  /** Upper-case lines of the issuing body: the governing body (regular) then the issuer itself (bold). */
  governing: string[];
  issuer: string[];
  /** "Số: …" under the issuing body; null when the form has none. */
  number: string | null;
  placeDate: string;
}

/** The heading block: issuing body and number on the left; national title and place-date on the right. */
export function slipHeading(s: Slip, h: Heading) {
  const { doc, left, leftW, rightX, rightW } = s;
  const top = MARGIN.top;
  doc.y = top;
  doc.font('regular').fontSize(HEADER);
  for (const line of h.governing) doc.text(line, left, doc.y, { width: leftW, align: 'center' });
  doc.font('bold').fontSize(HEADER);
  for (const line of h.issuer) doc.text(line, left, doc.y, { width: leftW, align: 'center' });
  underline(s, left, leftW, 60);
  doc.y += 6;
  if (h.number)
    doc.font('regular').fontSize(BODY).text(h.number, left, doc.y, { width: leftW, align: 'center' });
  const leftBottom = doc.y;
  doc
    .font('bold')
    .fontSize(12)
    .text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, top, { width: rightW, align: 'center' });
  doc
    .font('bold')
    .fontSize(BODY)
    .text('Độc lập - Tự do - Hạnh phúc', rightX, doc.y, { width: rightW, align: 'center' });
  underline(s, rightX, rightW, doc.widthOfString('Độc lập - Tự do - Hạnh phúc'));
  doc
    .font('italic')
    .fontSize(BODY)
    .text(h.placeDate, rightX, doc.y + 8, { width: rightW, align: 'center' });
  doc.y = Math.max(leftBottom, doc.y) + 22;
}

/** The slip's title (bold, centred) and the lines under it. */
export function slipTitle(s: Slip, title: string, below: string[] = []) {
  const { doc, left, width } = s;
  doc.font('bold').fontSize(14).text(title, left, doc.y, { width, align: 'center' });
  for (const line of below)
    doc
      .font('bold')
      .fontSize(BODY)
      .text(line, left, doc.y + 2, { width, align: 'center' });
  doc.moveDown(0.8);
}

/** "Label value", the label in bold. */
export function slipLine(s: Slip, label: string, value: string) {
  s.doc.font('bold').fontSize(BODY).text(label, s.left, s.doc.y, { width: s.width, continued: true });
  s.doc.font('regular').text(` ${value}`);
}

export function slipParagraph(s: Slip, value: string, font: Font = 'regular', indent = 0) {
  s.doc
    .font(font)
    .fontSize(BODY)
    .text(value, s.left + indent, s.doc.y, { width: s.width - indent, align: 'justify' });
}

export interface Signature {
  /** Upper-case title lines in bold: "NGƯỜI TIẾP NHẬN HỒ SƠ"; "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH". */
  title: string[];
  /** The instruction under the title. */
  note: string;
  /** The signer's name, printed under the space for the signature; null leaves the line to be written. */
  name: string | null;
}

/**
 * Signature blocks: the left one (may be null) and the right one, side by side, kept on one page; returns the top
 * of the blocks (where "Nơi nhận" starts on the left).
 */
export function slipSignatures(s: Slip, leftBlock: Signature | null, rightBlock: Signature): number {
  const { doc, left, leftW, rightX, rightW } = s;
  doc.moveDown(1);
  ensureSpace(s, 150);
  const top = doc.y;
  let bottom = top;
  const block = (b: Signature, x: number, w: number) => {
    doc.y = top;
    doc.font('bold').fontSize(BODY);
    for (const line of b.title) doc.text(line, x, doc.y, { width: w, align: 'center' });
    doc.font('italic').fontSize(BODY).text(b.note, x, doc.y, { width: w, align: 'center' });
    if (b.name)
      doc
        .font('bold')
        .fontSize(BODY)
        .text(b.name, x, doc.y + 60, { width: w, align: 'center' });
    else doc.y += 60;
    bottom = Math.max(bottom, doc.y);
  };
  if (leftBlock) block(leftBlock, left, leftW);
  block(rightBlock, rightX, rightW);
  doc.y = bottom;
  return top;
}

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'center';
}

/** A ruled table; the header row is repeated on every page the table runs onto. */
export function slipTable(s: Slip, columns: Column[], rows: string[][]) {
  const { doc, left } = s;
  const pad = 4;
  const heightOf = (cells: string[], font: Font) =>
    Math.max(
      ...cells.map((c, i) =>
        doc
          .font(font)
          .fontSize(BODY)
          .heightOfString(c, { width: columns[i]!.width - 2 * pad }),
      ),
    ) +
    2 * pad;
  const drawRow = (cells: string[], font: Font) => {
    const h = heightOf(cells, font);
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      const col = columns[i]!;
      doc.rect(x, y, col.width, h).lineWidth(0.6).stroke();
      doc
        .font(font)
        .fontSize(BODY)
        .text(c, x + pad, y + pad, {
          width: col.width - 2 * pad,
          align: font === 'bold' ? 'center' : (col.align ?? 'left'),
        });
      x += col.width;
    });
    doc.y = y + h;
  };
  const header = columns.map((c) => c.header);
  ensureSpace(s, heightOf(header, 'bold') + 40);
  drawRow(header, 'bold');
  for (const row of rows) {
    if (doc.y + heightOf(row, 'regular') > bottomOf(s)) {
      doc.addPage();
      doc.y = MARGIN.top;
      drawRow(header, 'bold');
    }
    drawRow(row, 'regular');
  }
  doc.x = left;
}

/**
 * DIỄN TẬP on the current page: a red band across the bottom margin (where nothing else is printed) and a large
 * light diagonal watermark over the page, so no copy of a mock dossier's slip passes for an official one.
 */
function markRehearsal(s: Slip) {
  const { doc } = s;
  const { width: pageW, height: pageH } = doc.page;
  // Drawing in the margin must not start a new page: the bottom margin is lifted while marking.
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  const bandH = 9 * MM;
  const bandY = pageH - MARGIN.bottom + 4 * MM;
  doc.save();
  doc.rect(MARGIN.left, bandY, s.width, bandH).fill('#c92a2a');
  doc
    .fillColor('#ffffff')
    .font('bold')
    .fontSize(11)
    .text(REHEARSAL_BAND, MARGIN.left, bandY + (bandH - 11) / 2, {
      width: s.width,
      align: 'center',
      lineBreak: false,
    });
  doc.restore();
  doc.save();
  doc.rotate(-35, { origin: [pageW / 2, pageH / 2] });
  doc
    .fillOpacity(0.1)
    .fillColor('#c92a2a')
    .font('bold')
    .fontSize(96)
    .text('DIỄN TẬP', 0, pageH / 2 - 48, { width: pageW, align: 'center', lineBreak: false });
  doc.restore();
  doc.fillColor('#000000').fillOpacity(1);
  doc.page.margins.bottom = bottom;
}

/** Numbers the pages from the second one, centred in the top margin (Decree 30/2020), and ends the document. */
export function finishSlip(s: Slip): Promise<Buffer> {
  const { doc } = s;
  const range = doc.bufferedPageRange();
  if (s.rehearsal) {
    for (let i = range.start; i < range.start + range.count; i += 1) {
      doc.switchToPage(i);
      markRehearsal(s);
    }
  }
  for (let i = range.start + 1; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    doc
      .font('regular')
      .fontSize(BODY)
      .text(String(i - range.start + 1), MARGIN.left, 10 * MM, {
        width: s.width,
        align: 'center',
        lineBreak: false,
      });
  }
  doc.end();
  return s.done;
}
