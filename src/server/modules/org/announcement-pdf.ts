/**
 * The printable assignment announcement in the state format (Decree 30/2020/NĐ-CP, domain-vn.md §6b): issuing
 * body and number top left, national title and place-date top right, title centred in bold, the table of areas,
 * signer bottom right, recipients bottom left. Drafts carry a "DỰ THẢO" watermark.
 */
import { STATE_MARGIN as MARGIN, newPdf } from '../../pdf-fonts';
import type { PresentedAnnouncement } from './assignments';
import { issuingBodyLines, placeDateLine } from './document-format';
import { splitCommuneName } from './template';

export async function renderAnnouncementPdf(
  a: PresentedAnnouncement,
  commune: { name: string },
): Promise<Buffer> {
  const { doc, done } = await newPdf({
    size: 'A4',
    margins: MARGIN,
    info: { Title: `Thông báo ${a.number ?? 'dự thảo'} — ${a.title}`, Author: 'XãSố' },
  });

  const watermark = a.status === 'draft' ? 'DỰ THẢO' : a.status === 'superseded' ? 'ĐÃ ĐƯỢC THAY THẾ' : null;
  const stamp = () => {
    if (!watermark) return;
    const { x, y } = doc; // the watermark must not move the text cursor
    doc.save();
    doc.rotate(-40, { origin: [doc.page.width / 2, doc.page.height / 2] });
    doc
      .font('bold')
      .fontSize(watermark.length > 8 ? 60 : 100)
      .fillColor('#c00000')
      .fillOpacity(0.12);
    doc.text(watermark, 0, doc.page.height / 2 - 50, {
      width: doc.page.width,
      align: 'center',
      lineBreak: false,
    });
    doc.restore();
    doc.fillColor('black').fillOpacity(1);
    doc.x = x;
    doc.y = y;
  };
  stamp();
  doc.on('pageAdded', stamp);

  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const top = MARGIN.top;
  const leftW = 190;
  const rightX = left + leftW + 10;
  const rightW = width - leftW - 10;
  const [body1, body2] = issuingBodyLines(commune.name);

  // Issuing body (left) and national title (right).
  doc.font('regular').fontSize(12.5).text(body1, left, top, { width: leftW, align: 'center' });
  doc.font('bold').fontSize(12.5).text(body2, left, doc.y, { width: leftW, align: 'center' });
  const underline = (x: number, w: number, y: number, len: number) =>
    doc
      .moveTo(x + (w - len) / 2, y)
      .lineTo(x + (w + len) / 2, y)
      .lineWidth(0.6)
      .stroke();
  underline(left, leftW, doc.y + 1, 60);
  doc
    .font('regular')
    .fontSize(13)
    .text(`Số: ${a.number ?? '      /TB-UBND'}`, left, doc.y + 8, { width: leftW, align: 'center' });
  const leftBottom = doc.y;

  doc
    .font('bold')
    .fontSize(12.5)
    .text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, top, { width: rightW, align: 'center' });
  doc
    .font('bold')
    .fontSize(13.5)
    .text('Độc lập - Tự do - Hạnh phúc', rightX, doc.y, { width: rightW, align: 'center' });
  underline(rightX, rightW, doc.y + 1, doc.widthOfString('Độc lập - Tự do - Hạnh phúc'));
  const dateLine = a.issuedOn
    ? placeDateLine(commune.name, a.issuedOn)
    : `${splitCommuneName(commune.name).place}, ngày      tháng      năm`;
  doc
    .font('italic')
    .fontSize(13.5)
    .text(dateLine, rightX, doc.y + 8, { width: rightW, align: 'center' });

  // Title.
  doc.y = Math.max(leftBottom, doc.y) + 24;
  doc.font('bold').fontSize(14).text('THÔNG BÁO', left, doc.y, { width, align: 'center' });
  doc.font('bold').fontSize(14).text(a.title, left, doc.y, { width, align: 'center' });
  underline(left, width, doc.y + 2, 120);
  doc.moveDown(1);
  if (a.preamble) {
    doc.font('regular').fontSize(13.5).text(a.preamble, left, doc.y, { width, align: 'justify', indent: 28 });
    doc.moveDown(0.6);
  }

  // Table of areas.
  const cols = [
    { title: 'TT', w: 28 },
    { title: 'Lĩnh vực, nhiệm vụ', w: width - 28 - 2 * 125 },
    { title: 'Người phụ trách', w: 125 },
    { title: 'Người phối hợp', w: 125 },
  ];
  const pad = 4;
  const drawRow = (cells: { text: string; font: string; sub?: string }[], header = false) => {
    const heights = cells.map((c, i) => {
      doc.font(c.font).fontSize(12);
      let h = doc.heightOfString(c.text, { width: cols[i]!.w - 2 * pad });
      if (c.sub)
        h += doc
          .font('italic')
          .fontSize(11)
          .heightOfString(c.sub, { width: cols[i]!.w - 2 * pad });
      return h;
    });
    const h = Math.max(...heights) + 2 * pad;
    if (doc.y + h > doc.page.height - MARGIN.bottom) doc.addPage();
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      const w = cols[i]!.w;
      doc.rect(x, y, w, h).lineWidth(0.5).stroke();
      doc
        .font(c.font)
        .fontSize(12)
        .text(c.text, x + pad, y + pad, { width: w - 2 * pad, align: header || i === 0 ? 'center' : 'left' });
      if (c.sub)
        doc
          .font('italic')
          .fontSize(11)
          .text(c.sub, x + pad, doc.y, { width: w - 2 * pad });
      x += w;
    });
    doc.x = left;
    doc.y = y + h;
  };
  drawRow(
    cols.map((c) => ({ text: c.title, font: 'bold' })),
    true,
  );
  for (const [i, item] of a.items.entries()) {
    drawRow([
      { text: String(i + 1), font: 'regular' },
      { text: item.label, font: 'bold', sub: item.duties || undefined },
      { text: item.inCharge?.fullName ?? '', font: 'regular' },
      { text: item.deputy?.fullName ?? '', font: 'regular' },
    ]);
  }

  // Recipients (left) and signer (right), kept together on one page.
  doc.y += 18;
  if (doc.y + 150 > doc.page.height - MARGIN.bottom) doc.addPage();
  const blockTop = doc.y;
  doc.font('boldItalic').fontSize(12).text('Nơi nhận:', left, blockTop, { width: leftW });
  a.recipients.forEach((r, i) => {
    const end = i === a.recipients.length - 1 ? '.' : ';';
    doc
      .font('regular')
      .fontSize(11)
      .text(`- ${r.replace(/[;.]\s*$/, '')}${end}`, left, doc.y, { width: leftW });
  });
  const signerTitle = a.signer?.title ?? 'CHỦ TỊCH';
  doc.y = blockTop;
  for (const line of signerTitle.toLocaleUpperCase('vi').split('\n')) {
    doc.font('bold').fontSize(13.5).text(line.trim(), rightX, doc.y, { width: rightW, align: 'center' });
  }
  doc
    .font('italic')
    .fontSize(12)
    .text(a.signer ? '(Đã ký)' : '', rightX, doc.y + 40, { width: rightW, align: 'center' });
  doc
    .font('bold')
    .fontSize(13.5)
    .text(a.signer?.fullName ?? '', rightX, doc.y + 30, { width: rightW, align: 'center' });
  doc.end();
  return done;
}
