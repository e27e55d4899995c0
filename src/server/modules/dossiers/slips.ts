/**
 * PDF slips of a dossier in the state format (Decree 30/2020/NĐ-CP; forms of Decree 61/2018 [U], expected
 * unchanged): the receipt and appointment slip (giấy tiếp nhận hồ sơ và hẹn trả kết quả), with the due date from
 * the calendar and a QR code of the public status page. Tinos (metric-compatible with Times New Roman).
 */
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { toBuffer as qrPng } from 'qrcode';
import { DOCUMENT_FORM_LABELS, type Procedure } from '../../../common/api/procedures';
import { issuingBodyLines, placeDateLine } from '../org/document-format';
import { localDate, localTimeOfDayMs } from './domain';
import type { PresentedDossier } from './service';

const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf'),
  italic: require.resolve('@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf'),
};
const MM = 72 / 25.4;
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };

/** "ngày 05 tháng 03 năm 2026" */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `ngày ${d} tháng ${m} năm ${y}`;
}

function timeOfReceipt(at: Date): string {
  const minutes = Math.floor(localTimeOfDayMs(at) / 60_000);
  const [y, m, d] = localDate(at).split('-');
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${hh} giờ ${mm} phút, ngày ${d}/${m}/${y}`;
}

function timeLimitText(limit: Procedure['timeLimit']): string {
  if (limit.kind === 'same_day')
    return 'trong ngày làm việc (nhận sau 15 giờ: trả trong ngày làm việc tiếp theo)';
  if (limit.kind === 'working_days') return `${limit.days} ngày làm việc`;
  return `${limit.hours} giờ làm việc`;
}

export interface ReceiptInput {
  dossier: PresentedDossier;
  procedure: Procedure;
  receivingCommune: { name: string };
  /** URL of the public status page for this dossier (encoded in the QR code). */
  statusUrl: string;
}

export async function renderReceiptPdf(input: ReceiptInput): Promise<Buffer> {
  const { dossier, procedure, receivingCommune, statusUrl } = input;
  const qr = await qrPng(statusUrl, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    info: { Title: `Giấy tiếp nhận hồ sơ và hẹn trả kết quả ${dossier.code}`, Author: 'XãSố' },
  });
  for (const [name, file] of Object.entries(FONTS)) doc.registerFont(name, file);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const top = MARGIN.top;
  const leftW = 200;
  const rightX = left + leftW + 10;
  const rightW = width - leftW - 10;
  const [body1, body2] = issuingBodyLines(receivingCommune.name);
  const receivedAt = new Date(dossier.receivedAt);

  doc.font('regular').fontSize(12).text(`${body1} ${body2}`, left, top, { width: leftW, align: 'center' });
  doc
    .font('bold')
    .fontSize(12)
    .text('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG', left, doc.y, { width: leftW, align: 'center' });
  doc
    .moveTo(left + leftW / 2 - 30, doc.y + 1)
    .lineTo(left + leftW / 2 + 30, doc.y + 1)
    .lineWidth(0.6)
    .stroke();
  const leftBottom = doc.y + 6;
  doc
    .font('bold')
    .fontSize(12)
    .text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', rightX, top, { width: rightW, align: 'center' });
  doc
    .font('bold')
    .fontSize(13)
    .text('Độc lập - Tự do - Hạnh phúc', rightX, doc.y, { width: rightW, align: 'center' });
  const len = doc.widthOfString('Độc lập - Tự do - Hạnh phúc');
  doc
    .moveTo(rightX + (rightW - len) / 2, doc.y + 1)
    .lineTo(rightX + (rightW + len) / 2, doc.y + 1)
    .lineWidth(0.6)
    .stroke();
  doc
    .font('italic')
    .fontSize(13)
    .text(placeDateLine(receivingCommune.name, localDate(receivedAt)), rightX, doc.y + 8, {
      width: rightW,
      align: 'center',
    });

  doc.y = Math.max(leftBottom, doc.y) + 20;
  doc
    .font('bold')
    .fontSize(14)
    .text('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', left, doc.y, { width, align: 'center' });
  doc
    .font('bold')
    .fontSize(13)
    .text(`Mã hồ sơ: ${dossier.code}`, left, doc.y + 4, { width, align: 'center' });
  doc.moveDown(1);

  const line = (label: string, value: string) => {
    doc.font('bold').fontSize(13).text(label, left, doc.y, { width, continued: true });
    doc.font('regular').text(` ${value}`);
  };
  doc
    .font('regular')
    .fontSize(13)
    .text(`Trung tâm Phục vụ hành chính công ${receivingCommune.name} đã tiếp nhận hồ sơ của:`, left, doc.y, {
      width,
    });
  line('Ông/Bà:', dossier.applicant.fullName);
  line('Số giấy tờ tùy thân:', dossier.applicant.idNumber);
  line('Địa chỉ:', dossier.applicant.address);
  line('Số điện thoại:', dossier.applicant.phone);
  line('Nội dung yêu cầu giải quyết:', procedure.name);
  doc.moveDown(0.4);
  doc
    .font('regular')
    .fontSize(13)
    .text('1. Thành phần hồ sơ và số lượng mỗi loại giấy tờ gồm:', left, doc.y, { width });
  const received = new Set(dossier.checklist.filter((c) => c.status === 'received').map((c) => c.index));
  procedure.requiredDocuments.forEach((d, i) => {
    if (!received.has(i)) return;
    doc
      .font('regular')
      .fontSize(12.5)
      .text(
        `- ${d.name} (${DOCUMENT_FORM_LABELS[d.form].vi}: ${String(d.count).padStart(2, '0')})`,
        left + 14,
        doc.y,
        {
          width: width - 14,
        },
      );
  });
  doc
    .font('regular')
    .fontSize(13)
    .text('2. Số lượng hồ sơ: 01 (bộ).', left, doc.y + 2, { width });
  doc.text(
    `3. Thời gian giải quyết hồ sơ theo quy định: ${timeLimitText(procedure.timeLimit)}.`,
    left,
    doc.y,
    { width },
  );
  doc.text(`4. Thời gian nhận hồ sơ: ${timeOfReceipt(receivedAt)}.`, left, doc.y, { width });
  doc
    .font('bold')
    .text(
      `5. Thời gian trả kết quả giải quyết hồ sơ: ${dossier.initialDueDate ? longDate(dossier.initialDueDate) : '—'}.`,
      left,
      doc.y,
      { width },
    );
  doc
    .font('regular')
    .text('6. Vào Sổ theo dõi hồ sơ; nhận kết quả tại Trung tâm Phục vụ hành chính công.', left, doc.y, {
      width,
    });

  doc.moveDown(0.6);
  const qrTop = doc.y;
  const qrSize = 90;
  doc.image(qr, left, qrTop, { width: qrSize, height: qrSize });
  doc
    .font('italic')
    .fontSize(12)
    .text(
      `Tra cứu tình trạng hồ sơ: quét mã QR hoặc truy cập ${statusUrl} và nhập mã hồ sơ cùng số giấy tờ tùy thân hoặc số điện thoại.`,
      left + qrSize + 10,
      qrTop + 10,
      { width: width - qrSize - 10 },
    );

  doc.y = Math.max(doc.y, qrTop + qrSize) + 16;
  const signTop = doc.y;
  doc.font('bold').fontSize(13).text('NGƯỜI NỘP HỒ SƠ', left, signTop, { width: leftW, align: 'center' });
  doc
    .font('italic')
    .fontSize(12)
    .text('(Ký và ghi rõ họ tên)', left, doc.y, { width: leftW, align: 'center' });
  doc
    .font('bold')
    .fontSize(13)
    .text('NGƯỜI TIẾP NHẬN HỒ SƠ', rightX, signTop, { width: rightW, align: 'center' });
  doc
    .font('italic')
    .fontSize(12)
    .text('(Ký và ghi rõ họ tên)', rightX, doc.y, { width: rightW, align: 'center' });
  doc.end();
  return done;
}
