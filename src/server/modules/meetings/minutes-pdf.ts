/**
 * PDF of a meeting's minutes or document in the state format (Decree 30/2020, domain-vn.md §6b), with the fonts,
 * margins and layout of the assignment announcement (org/announcement-pdf.ts): issuer and number top left,
 * national title and place-date top right, title centred in bold, body 13.5 pt, signatures at the bottom, page
 * numbers. The marks (DIỄN TẬP, DỰ THẢO) are printed on every page, at the top and as a watermark.
 */
import { STATE_MARGIN as MARGIN, newPdf } from '../../pdf-fonts';
import type { PrintedDoc } from './minutes-model';

export async function renderPrintedPdf(d: PrintedDoc, options: { createdAt?: Date } = {}): Promise<Buffer> {
  const { doc, done } = await newPdf({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    info: {
      Title: d.fileTitle,
      Author: 'XãSố',
      ...(options.createdAt ? { CreationDate: options.createdAt } : {}),
    },
  });

  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const top = MARGIN.top;
  const leftW = 190;
  const rightX = left + leftW + 10;
  const rightW = width - leftW - 10;
  const underline = (x: number, w: number, y: number, len: number) =>
    doc
      .moveTo(x + (w - len) / 2, y)
      .lineTo(x + (w + len) / 2, y)
      .lineWidth(0.6)
      .stroke();

  // Header: issuing body and number (left), national title and place-date (right).
  doc.font('regular').fontSize(12.5).text(d.issuerLines[0], left, top, { width: leftW, align: 'center' });
  doc.font('bold').fontSize(12.5).text(d.issuerLines[1], left, doc.y, { width: leftW, align: 'center' });
  underline(left, leftW, doc.y + 1, 60);
  doc
    .font('regular')
    .fontSize(13)
    .text(d.numberLine, left, doc.y + 8, { width: leftW, align: 'center' });
  const leftBottom = doc.y;
  doc.font('bold').fontSize(12.5).text(d.nationalLines[0], rightX, top, { width: rightW, align: 'center' });
  if (d.nationalLines[1]) {
    doc
      .font('bold')
      .fontSize(13.5)
      .text(d.nationalLines[1], rightX, doc.y, { width: rightW, align: 'center' });
    underline(rightX, rightW, doc.y + 1, doc.widthOfString(d.nationalLines[1]));
  } else underline(rightX, rightW, doc.y + 1, 80);
  doc
    .font('italic')
    .fontSize(13.5)
    .text(d.placeDate, rightX, doc.y + 8, { width: rightW, align: 'center' });

  // Title.
  doc.y = Math.max(leftBottom, doc.y) + 24;
  doc.font('bold').fontSize(14).text(d.title, left, doc.y, { width, align: 'center' });
  if (d.subtitle) doc.font('bold').fontSize(14).text(d.subtitle, left, doc.y, { width, align: 'center' });
  underline(left, width, doc.y + 2, 120);
  doc.moveDown(1);

  // Body.
  for (const b of d.blocks) {
    if (b.kind === 'heading') {
      doc.moveDown(0.3);
      doc.font('bold').fontSize(13.5).text(b.text, left, doc.y, { width, align: 'left' });
    } else if (b.kind === 'bullet') {
      doc
        .font('regular')
        .fontSize(13.5)
        .text(`- ${b.text}`, left + 28, doc.y, { width: width - 28, align: 'justify' });
    } else if (b.kind === 'note') {
      doc.font('italic').fontSize(13).text(b.text, left, doc.y, { width, align: 'justify', indent: 28 });
    } else {
      doc.font('regular').fontSize(13.5).text(b.text, left, doc.y, { width, align: 'justify', indent: 28 });
    }
    doc.moveDown(0.2);
  }

  // Signatures (and recipients), kept together on one page.
  doc.y += 18;
  if (doc.y + 150 > doc.page.height - MARGIN.bottom) doc.addPage();
  const blockTop = doc.y;
  const slots =
    d.signatures.length >= 2
      ? d.signatures
          .slice(0, 2)
          .map((s, i) => ({ s, x: i === 0 ? left : rightX, w: i === 0 ? leftW : rightW }))
      : d.signatures.map((s) => ({ s, x: rightX, w: rightW }));
  if (d.recipients && d.signatures.length < 2) {
    doc.font('boldItalic').fontSize(12).text('Nơi nhận:', left, blockTop, { width: leftW });
    d.recipients.forEach((r, i) => {
      const end = i === d.recipients!.length - 1 ? '.' : ';';
      doc.font('regular').fontSize(11).text(`- ${r}${end}`, left, doc.y, { width: leftW });
    });
  }
  for (const { s, x, w } of slots) {
    doc.y = blockTop;
    for (const line of s.heading.split('\n'))
      doc.font('bold').fontSize(13.5).text(line.trim(), x, doc.y, { width: w, align: 'center' });
    doc
      .font('bold')
      .fontSize(13.5)
      .text(s.name, x, doc.y + 70, { width: w, align: 'center' });
  }

  // Every page: the marks at the top and as a watermark, the page number at the bottom.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margins = doc.page.margins;
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    if (d.marks.length) {
      const banner = d.marks.join(' — ');
      doc.save();
      doc.font('bold').fontSize(12).fillColor('#c00000');
      doc.text(banner, 0, 22, { width: doc.page.width, align: 'center', lineBreak: false });
      doc.rotate(-40, { origin: [doc.page.width / 2, doc.page.height / 2] });
      doc.font('bold').fontSize(80).fillOpacity(0.12);
      doc.text(d.marks[0]!, 0, doc.page.height / 2 - 40, {
        width: doc.page.width,
        align: 'center',
        lineBreak: false,
      });
      doc.restore();
      doc.fillColor('black').fillOpacity(1);
    }
    doc
      .font('regular')
      .fontSize(11)
      .text(`Trang ${i - range.start + 1}/${range.count}`, 0, doc.page.height - 36, {
        width: doc.page.width,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins = margins;
  }
  doc.end();
  return done;
}
