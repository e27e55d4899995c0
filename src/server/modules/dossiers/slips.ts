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

/** A new A4 slip in the state format with Tinos registered; `done` resolves with the bytes after `doc.end()`. */
function newSlip(title: string) {
  const doc = new PDFDocument({ size: 'A4', margins: MARGIN, info: { Title: title, Author: 'XãSố' } });
  for (const [name, file] of Object.entries(FONTS)) doc.registerFont(name, file);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const leftW = 200;
  return { doc, done, left, width, leftW, rightX: left + leftW + 10, rightW: width - leftW - 10 };
}
type Slip = ReturnType<typeof newSlip>;

/** The heading block: issuing body and centre on the left, the national motto and place-date on the right. */
function slipHeading(s: Slip, communeName: string, isoDate: string) {
  const { doc, left, leftW, rightX, rightW } = s;
  const top = MARGIN.top;
  const [body1, body2] = issuingBodyLines(communeName);
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
    .text(placeDateLine(communeName, isoDate), rightX, doc.y + 8, { width: rightW, align: 'center' });
  doc.y = Math.max(leftBottom, doc.y) + 20;
}

/** The slip's title and the dossier code under it. */
function slipTitle(s: Slip, title: string, code: string | null) {
  const { doc, left, width } = s;
  doc.font('bold').fontSize(14).text(title, left, doc.y, { width, align: 'center' });
  if (code)
    doc
      .font('bold')
      .fontSize(13)
      .text(`Mã hồ sơ: ${code}`, left, doc.y + 4, { width, align: 'center' });
  doc.moveDown(1);
}

/** "Label: value", the label in bold. */
function slipLine(s: Slip, label: string, value: string) {
  s.doc.font('bold').fontSize(13).text(label, s.left, s.doc.y, { width: s.width, continued: true });
  s.doc.font('regular').text(` ${value}`);
}

function slipParagraph(s: Slip, value: string, font: 'regular' | 'bold' | 'italic' = 'regular') {
  s.doc.font(font).fontSize(13).text(value, s.left, s.doc.y, { width: s.width });
}

/** Signature blocks: two (left, right) or only the right one. */
function slipSignatures(s: Slip, leftTitle: string | null, rightTitle: string) {
  const { doc, left, leftW, rightX, rightW } = s;
  doc.moveDown(1);
  const signTop = doc.y;
  if (leftTitle) {
    doc.font('bold').fontSize(13).text(leftTitle, left, signTop, { width: leftW, align: 'center' });
    doc
      .font('italic')
      .fontSize(12)
      .text('(Ký và ghi rõ họ tên)', left, doc.y, { width: leftW, align: 'center' });
  }
  doc.font('bold').fontSize(13).text(rightTitle, rightX, signTop, { width: rightW, align: 'center' });
  doc
    .font('italic')
    .fontSize(12)
    .text('(Ký và ghi rõ họ tên)', rightX, doc.y, { width: rightW, align: 'center' });
}

function applicantLines(s: Slip, applicant: PresentedDossier['applicant'], procedureName: string) {
  slipLine(s, 'Ông/Bà:', applicant.fullName);
  slipLine(s, 'Số giấy tờ tùy thân:', applicant.idNumber);
  slipLine(s, 'Địa chỉ:', applicant.address);
  slipLine(s, 'Số điện thoại:', applicant.phone);
  slipLine(s, 'Nội dung yêu cầu giải quyết:', procedureName);
}

const docLine = (d: Procedure['requiredDocuments'][number]) =>
  `${d.name} (${DOCUMENT_FORM_LABELS[d.form].vi}: ${String(d.count).padStart(2, '0')})`;

export async function renderReceiptPdf(input: ReceiptInput): Promise<Buffer> {
  const { dossier, procedure, receivingCommune, statusUrl } = input;
  const qr = await qrPng(statusUrl, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
  const slip = newSlip(`Giấy tiếp nhận hồ sơ và hẹn trả kết quả ${dossier.code}`);
  const { doc, done, left, width } = slip;
  const receivedAt = new Date(dossier.receivedAt);
  slipHeading(slip, receivingCommune.name, localDate(receivedAt));
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

  doc.y = Math.max(doc.y, qrTop + qrSize);
  slipSignatures(slip, 'NGƯỜI NỘP HỒ SƠ', 'NGƯỜI TIẾP NHẬN HỒ SƠ');
  doc.end();
  return done;
}
/** One step of the processing-control slip, from one action of the history. */
export interface ControlStep {
  label: string;
  /** Position and name of who acted ("Công chức Bộ phận một cửa — Lê Thị Thu"). */
  who: string;
  /** When the dossier reached them (the previous action). */
  receivedAt: string;
  /** When they acted and passed it on. */
  passedAt: string;
  /** Against the due date in force then; null before the clock runs. */
  onTime: boolean | null;
}

export interface ControlInput {
  dossier: PresentedDossier;
  receivingCommune: { name: string };
  steps: ControlStep[];
  now: Date;
}

/** Phiếu kiểm soát quá trình giải quyết hồ sơ: each step, who, when received and passed on, on time or late. */
export async function renderControlPdf(input: ControlInput): Promise<Buffer> {
  const { dossier, receivingCommune, steps } = input;
  const s = newSlip(`Phiếu kiểm soát quá trình giải quyết hồ sơ ${dossier.code}`);
  slipHeading(s, receivingCommune.name, localDate(input.now));
  slipTitle(s, 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', dossier.code);
  slipLine(s, 'Người nộp hồ sơ:', dossier.applicant.fullName);
  slipLine(s, 'Thủ tục:', dossier.procedure.name);
  slipLine(s, 'Thời gian nhận hồ sơ:', timeOfReceipt(new Date(dossier.receivedAt)));
  slipLine(s, 'Thời gian hẹn trả kết quả:', dossier.initialDueDate ? longDate(dossier.initialDueDate) : '—');
  if (dossier.dueDate && dossier.dueDate !== dossier.initialDueDate)
    slipLine(s, 'Hạn giải quyết hiện tại:', longDate(dossier.dueDate));
  s.doc.moveDown(0.6);
  slipParagraph(s, 'Quá trình giải quyết hồ sơ:', 'bold');
  steps.forEach((step, i) => {
    const result = step.onTime === null ? '—' : step.onTime ? 'Đúng hạn' : 'Quá hạn';
    s.doc.moveDown(0.3);
    s.doc
      .font('bold')
      .fontSize(12.5)
      .text(`${i + 1}. ${step.label}`, s.left, s.doc.y, { width: s.width });
    s.doc
      .font('regular')
      .fontSize(12.5)
      .text(`Người thực hiện: ${step.who}`, s.left + 14, s.doc.y, { width: s.width - 14 })
      .text(`Nhận hồ sơ: ${timeOfReceipt(new Date(step.receivedAt))}`, { width: s.width - 14 })
      .text(`Chuyển tiếp: ${timeOfReceipt(new Date(step.passedAt))}`, { width: s.width - 14 })
      .text(`Kết quả: ${result}`, { width: s.width - 14 });
  });
  slipSignatures(s, null, 'NGƯỜI LẬP PHIẾU');
  s.doc.end();
  return s.done;
}

export interface ApologyInput {
  dossier: PresentedDossier;
  receivingCommune: { name: string };
  /** The appointment the apology replaces. */
  previousDueDate: string | null;
  reason: string;
  newDueDate: string;
  at: Date;
}

/** Phiếu xin lỗi và hẹn lại ngày trả kết quả. */
export async function renderApologyPdf(input: ApologyInput): Promise<Buffer> {
  const { dossier, receivingCommune } = input;
  const s = newSlip(`Phiếu xin lỗi và hẹn lại ngày trả kết quả ${dossier.code}`);
  slipHeading(s, receivingCommune.name, localDate(input.at));
  slipTitle(s, 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ', dossier.code);
  slipParagraph(s, `Trung tâm Phục vụ hành chính công ${receivingCommune.name} đã tiếp nhận hồ sơ của:`);
  applicantLines(s, dossier.applicant, dossier.procedure.name);
  slipLine(s, 'Thời gian nhận hồ sơ:', timeOfReceipt(new Date(dossier.receivedAt)));
  slipLine(s, 'Thời gian hẹn trả kết quả:', input.previousDueDate ? longDate(input.previousDueDate) : '—');
  s.doc.moveDown(0.4);
  slipParagraph(s, 'Tuy nhiên đến nay, hồ sơ chưa được giải quyết và trả kết quả đúng hạn.');
  slipLine(s, 'Lý do:', input.reason);
  slipParagraph(
    s,
    `Sự chậm trễ này đã gây phiền hà cho Ông/Bà. Chúng tôi trân trọng xin lỗi Ông/Bà và hẹn lại thời gian trả kết quả vào ${longDate(input.newDueDate)}.`,
  );
  slipParagraph(s, 'Mong nhận được sự thông cảm của Ông/Bà.', 'italic');
  slipSignatures(s, null, 'THỦ TRƯỞNG CƠ QUAN');
  s.doc.end();
  return s.done;
}

export interface RefusalInput {
  dossier: PresentedDossier;
  receivingCommune: { name: string };
  reason: string;
  at: Date;
}

/** Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
export async function renderRefusalPdf(input: RefusalInput): Promise<Buffer> {
  const { dossier, receivingCommune } = input;
  const s = newSlip(`Phiếu từ chối tiếp nhận giải quyết hồ sơ ${dossier.code}`);
  slipHeading(s, receivingCommune.name, localDate(input.at));
  slipTitle(s, 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', dossier.code);
  slipParagraph(s, `Trung tâm Phục vụ hành chính công ${receivingCommune.name} đã nhận hồ sơ của:`);
  applicantLines(s, dossier.applicant, dossier.procedure.name);
  s.doc.moveDown(0.4);
  slipParagraph(
    s,
    'Căn cứ quy định tại các văn bản quy phạm pháp luật, hồ sơ của Ông/Bà không đủ điều kiện để tiếp nhận, giải quyết.',
  );
  slipLine(s, 'Lý do:', input.reason);
  slipParagraph(s, 'Xin thông báo để Ông/Bà được biết và thực hiện.', 'italic');
  slipSignatures(s, null, 'NGƯỜI TIẾP NHẬN HỒ SƠ');
  s.doc.end();
  return s.done;
}

export interface GuidanceInput {
  receivingCommune: { name: string };
  applicant: PresentedDossier['applicant'];
  procedure: Procedure;
  missing: { index: number }[];
  at: Date;
}

/** Phiếu hướng dẫn bổ sung, hoàn thiện hồ sơ: exactly the documents the checklist left out (no dossier). */
export async function renderGuidancePdf(input: GuidanceInput): Promise<Buffer> {
  const { receivingCommune, procedure } = input;
  const s = newSlip(`Phiếu hướng dẫn bổ sung, hoàn thiện hồ sơ — ${procedure.name}`);
  slipHeading(s, receivingCommune.name, localDate(input.at));
  slipTitle(s, 'PHIẾU HƯỚNG DẪN BỔ SUNG, HOÀN THIỆN HỒ SƠ', null);
  applicantLines(s, input.applicant, procedure.name);
  s.doc.moveDown(0.4);
  slipParagraph(s, 'Hồ sơ chưa đầy đủ. Đề nghị Ông/Bà bổ sung, hoàn thiện các giấy tờ sau:');
  input.missing.forEach((m, i) => {
    const d = procedure.requiredDocuments[m.index]!;
    s.doc
      .font('regular')
      .fontSize(12.5)
      .text(`${i + 1}. ${docLine(d)}`, s.left + 14, s.doc.y, { width: s.width - 14 });
  });
  s.doc.moveDown(0.4);
  slipParagraph(
    s,
    `Thời gian giải quyết theo quy định: ${timeLimitText(procedure.timeLimit)}, tính từ khi nhận đủ hồ sơ hợp lệ.`,
  );
  slipParagraph(
    s,
    'Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ Trung tâm Phục vụ hành chính công để được hướng dẫn.',
    'italic',
  );
  slipSignatures(s, 'NGƯỜI NỘP HỒ SƠ', 'NGƯỜI HƯỚNG DẪN');
  s.doc.end();
  return s.done;
}
