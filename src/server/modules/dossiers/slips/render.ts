/**
 * The one-stop slips as PDF. Forms: Decree 118/2025/NĐ-CP and its guiding Circular 03/2025/TT-VPCP (15/9/2025),
 * Appendix I — 01 receipt and appointment, 02 supplement request, 03 refusal, 04 apology (re-titled there
 * "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"), 05 stop-processing notice, 06 control slip, 07 the
 * tracking book. The list of forms is confirmed from a secondary source; their 2025 text and layout could not be
 * read, so every slip keeps the layout and wording of the 2018 forms (Circular 01/2018/TT-VPCP, Decree 61/2018)
 * under the 2025 numbering, in the state format of Decree 30/2020 ([U], domain-vn.md §3).
 */

import type { Procedure } from '../../../../common/api/procedures';
import { DOCUMENT_FORM_LABELS } from '../../../../common/api/procedures';
import { loadQrCode } from '../../../lazy-libraries';
import { localDate } from '../domain';
import type { PresentedDossier } from '../service';
import type { HandOver } from './data';
import {
  BODY,
  type Column,
  ensureSpace,
  finishSlip,
  type Heading,
  newSlip,
  type Slip,
  slipHeading,
  slipLine,
  slipParagraph,
  slipSignatures,
  slipTable,
  slipTitle,
} from './pdf';
import { appointmentText, hourAndDate, longDate, placeDateLine } from './rules';

export interface Commune {
  name: string;
}

/** "phường Trần Phú" inside a sentence. */
const inSentence = (communeName: string) =>
  communeName.replace(/^(Xã|Phường|Đặc khu)\b/u, (w) => w.toLowerCase());

/** The centre of a commune as issuing body: under the commune UBND (Decree 30/2020: governing body, issuer). */
function centreHeading(commune: Commune, isoDate: string): Heading {
  return {
    governing: ['ỦY BAN NHÂN DÂN', commune.name.toLocaleUpperCase('vi')],
    issuer: ['TRUNG TÂM PHỤC VỤ', 'HÀNH CHÍNH CÔNG'],
    number: null,
    placeDate: placeDateLine(commune.name, isoDate),
  };
}
const centreName = (commune: Commune) => `Trung tâm Phục vụ hành chính công ${inSentence(commune.name)}`;

function timeLimitText(limit: Procedure['timeLimit']): string {
  if (limit.kind === 'same_day')
    return 'trong ngày làm việc (nhận sau 15 giờ: trả trong ngày làm việc tiếp theo)';
  if (limit.kind === 'working_days') return `${limit.days} ngày làm việc`;
  return `${limit.hours} giờ làm việc`;
}

const docLine = (d: Procedure['requiredDocuments'][number]) =>
  `${d.name} (${DOCUMENT_FORM_LABELS[d.form].vi}: ${String(d.count).padStart(2, '0')})`;

function applicantLines(s: Slip, applicant: PresentedDossier['applicant'], procedureName: string) {
  slipLine(s, 'Ông/Bà:', applicant.fullName);
  slipLine(s, 'Số định danh cá nhân/giấy tờ tùy thân:', applicant.idNumber);
  slipLine(s, 'Địa chỉ:', applicant.address);
  slipLine(s, 'Số điện thoại:', applicant.phone);
  slipLine(s, 'Nội dung yêu cầu giải quyết:', procedureName);
}

/** How the QR codes of the slips are drawn (PNG). */
export const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 1, width: 240 } as const;

/** The QR code of a link and the link written beside it. */
async function qrWithLink(s: Slip, url: string, sentence: string) {
  const qr = await (await loadQrCode()).toBuffer(url, QR_OPTIONS);
  const size = 85;
  ensureSpace(s, size + 10);
  const top = s.doc.y + 4;
  s.doc.image(qr, s.left, top, { width: size, height: size });
  s.doc
    .font('italic')
    .fontSize(BODY)
    .text(sentence, s.left + size + 10, top + 6, { width: s.width - size - 10 });
  s.doc.font('regular').text(url, { width: s.width - size - 10 });
  s.doc.y = Math.max(s.doc.y, top + size) + 4;
  s.doc.x = s.left;
}

export interface ReceiptInput {
  dossier: PresentedDossier;
  procedure: Procedure;
  receivingCommune: Commune;
  /** The officer who received the dossier (signs the receipt). */
  receivedBy: string | null;
  /** The public status page of this dossier (printed and encoded in the QR code). */
  statusUrl: string;
}

/** Mẫu số 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả. */
export async function renderReceiptPdf(input: ReceiptInput): Promise<Buffer> {
  const { dossier, procedure, receivingCommune } = input;
  const s = await newSlip(`Giấy tiếp nhận hồ sơ và hẹn trả kết quả ${dossier.code}`, {
    rehearsal: dossier.rehearsal,
  });
  const receivedAt = new Date(dossier.receivedAt);
  slipHeading(s, centreHeading(receivingCommune, localDate(receivedAt)));
  slipTitle(s, 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', [`Mã hồ sơ: ${dossier.code}`]);
  slipParagraph(s, `${centreName(receivingCommune)} tiếp nhận hồ sơ của:`);
  applicantLines(s, dossier.applicant, procedure.name);
  s.doc.moveDown(0.3);
  slipParagraph(s, '1. Thành phần hồ sơ nộp gồm:');
  const received = new Set(dossier.checklist.filter((c) => c.status === 'received').map((c) => c.index));
  procedure.requiredDocuments.forEach((d, i) => {
    if (received.has(i)) slipParagraph(s, `- ${docLine(d)}`, 'regular', 14);
  });
  slipParagraph(s, '2. Số lượng hồ sơ: 01 (bộ).');
  slipParagraph(s, `3. Thời gian giải quyết hồ sơ theo quy định: ${timeLimitText(procedure.timeLimit)}.`);
  slipParagraph(s, `4. Thời gian nhận hồ sơ: ${hourAndDate(receivedAt)}.`);
  slipParagraph(
    s,
    `5. Thời gian trả kết quả giải quyết hồ sơ: ${
      dossier.initialDueDate ? appointmentText(procedure.timeLimit, receivedAt, dossier.initialDueDate) : '—'
    }.`,
    'bold',
  );
  slipParagraph(s, `6. Đăng ký nhận kết quả tại: ${centreName(receivingCommune)}.`);
  await qrWithLink(
    s,
    input.statusUrl,
    'Tra cứu tình trạng hồ sơ (nhập mã hồ sơ cùng số giấy tờ tùy thân hoặc số điện thoại):',
  );
  slipSignatures(
    s,
    { title: ['NGƯỜI NỘP HỒ SƠ'], note: '(Ký và ghi rõ họ tên)', name: null },
    { title: ['NGƯỜI TIẾP NHẬN HỒ SƠ'], note: '(Ký và ghi rõ họ tên)', name: input.receivedBy },
  );
  return finishSlip(s);
}

export interface RefusalInput {
  dossier: PresentedDossier;
  receivingCommune: Commune;
  reason: string;
  at: Date;
  /** The centre's director (Giám đốc) in the organisation chart, when recorded. */
  director: string | null;
}

/** Mẫu số 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ, signed by the centre's director (Decree 118/2025). */
export async function renderRefusalPdf(input: RefusalInput): Promise<Buffer> {
  const { dossier, receivingCommune } = input;
  const s = await newSlip(`Phiếu từ chối tiếp nhận giải quyết hồ sơ ${dossier.code}`, {
    rehearsal: dossier.rehearsal,
  });
  slipHeading(s, centreHeading(receivingCommune, localDate(input.at)));
  slipTitle(s, 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', [`Mã hồ sơ: ${dossier.code}`]);
  slipParagraph(s, `${centreName(receivingCommune)} nhận được hồ sơ của:`);
  applicantLines(s, dossier.applicant, dossier.procedure.name);
  s.doc.moveDown(0.3);
  slipParagraph(
    s,
    `Căn cứ quy định về thủ tục hành chính, ${centreName(receivingCommune)} từ chối tiếp nhận, giải quyết hồ sơ này với lý do sau:`,
  );
  slipParagraph(s, input.reason, 'bold', 14);
  slipParagraph(s, 'Xin thông báo để Ông/Bà được biết và thực hiện./.', 'italic');
  slipSignatures(s, null, {
    title: ['GIÁM ĐỐC'],
    note: '(Ký, ghi rõ họ tên và đóng dấu)',
    name: input.director,
  });
  return finishSlip(s);
}

export interface SupplementInput {
  commune: Commune;
  applicant: PresentedDossier['applicant'];
  procedureName: string;
  /** null for a dossier not created (the counter's guidance before intake). */
  code: string | null;
  items: string[];
  reason: string | null;
  at: Date;
  /** Who asks (the officer at the counter, or the processor): signs as NGƯỜI HƯỚNG DẪN. */
  guide: string | null;
  /** Where the applicant can send the supplement online; null when only at the counter. */
  onlineUrl: string | null;
  /** The time limit reminder: counted from a complete, valid dossier. */
  timeLimit: Procedure['timeLimit'] | null;
  /** A mock dossier of a trial day (or the counter's guidance for one): marked DIỄN TẬP. */
  rehearsal?: boolean;
}

/**
 * Mẫu số 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ: at the counter (guidance: exactly the documents the
 * checklist lacks) and during processing (the processor's items).
 */
export async function renderSupplementPdf(input: SupplementInput): Promise<Buffer> {
  const s = await newSlip(`Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ${input.code ? ` ${input.code}` : ''}`, {
    rehearsal: input.rehearsal,
  });
  slipHeading(s, centreHeading(input.commune, localDate(input.at)));
  slipTitle(s, 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', input.code ? [`Mã hồ sơ: ${input.code}`] : []);
  slipLine(s, 'Hồ sơ của:', input.applicant.fullName);
  slipLine(s, 'Nội dung yêu cầu giải quyết:', input.procedureName);
  slipLine(s, 'Địa chỉ:', input.applicant.address);
  slipLine(s, 'Số điện thoại:', input.applicant.phone);
  s.doc.moveDown(0.3);
  slipParagraph(s, 'Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:');
  input.items.forEach((item, i) => {
    slipParagraph(s, `${i + 1}. ${item}`, 'regular', 14);
  });
  if (input.reason) slipLine(s, 'Lý do:', input.reason);
  if (input.timeLimit)
    slipParagraph(
      s,
      `Thời gian giải quyết theo quy định: ${timeLimitText(input.timeLimit)}, tính từ khi nhận đủ hồ sơ hợp lệ.`,
    );
  slipParagraph(
    s,
    `Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ ${centreName(input.commune)} để được hướng dẫn.`,
    'italic',
  );
  if (input.onlineUrl)
    await qrWithLink(s, input.onlineUrl, 'Ông/Bà có thể gửi giấy tờ bổ sung trực tuyến tại:');
  slipSignatures(s, null, { title: ['NGƯỜI HƯỚNG DẪN'], note: '(Ký và ghi rõ họ tên)', name: input.guide });
  return finishSlip(s);
}

/** The documents of a procedure a checklist lacks, as the lines of the guidance. */
export const missingDocumentLines = (procedure: Procedure, missing: readonly { index: number }[]) =>
  missing.map((m) => docLine(procedure.requiredDocuments[m.index]!));

export interface ControlInput {
  dossier: PresentedDossier;
  commune: Commune;
  handOvers: HandOver[];
  now: Date;
}

const RESULT_TEXT = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' } as const;

/** Mẫu số 06 — Phiếu kiểm soát quá trình giải quyết hồ sơ: the hand-over table, giver and receiver per step. */
export async function renderControlPdf(input: ControlInput): Promise<Buffer> {
  const { dossier, commune } = input;
  const s = await newSlip(`Phiếu kiểm soát quá trình giải quyết hồ sơ ${dossier.code}`, {
    rehearsal: dossier.rehearsal,
  });
  slipHeading(s, centreHeading(commune, localDate(input.now)));
  slipTitle(s, 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', [`Mã hồ sơ: ${dossier.code}`]);
  slipParagraph(s, `(Kèm theo hồ sơ của Ông/Bà: ${dossier.applicant.fullName})`, 'italic');
  slipLine(s, 'Thủ tục:', dossier.procedure.name);
  slipLine(s, 'Cơ quan giải quyết hồ sơ:', `Ủy ban nhân dân ${inSentence(commune.name)}`);
  slipLine(s, 'Thời gian nhận hồ sơ:', hourAndDate(new Date(dossier.receivedAt)));
  slipLine(s, 'Thời gian hẹn trả kết quả:', dossier.initialDueDate ? longDate(dossier.initialDueDate) : '—');
  if (dossier.dueDate && dossier.dueDate !== dossier.initialDueDate)
    slipLine(s, 'Hạn giải quyết hiện tại:', longDate(dossier.dueDate));
  s.doc.moveDown(0.5);
  // The 2018 table (Circular 01/2018, form 05): who gives and who receives, when, in time or not, notes.
  const columns: Column[] = [
    { header: 'BÊN GIAO - BÊN NHẬN', width: 196 },
    { header: 'THỜI GIAN GIAO, NHẬN HỒ SƠ', width: 92 },
    { header: 'KẾT QUẢ (Trước hạn/ Đúng hạn/ Quá hạn)', width: 82, align: 'center' },
    { header: 'GHI CHÚ', width: s.width - 370 },
  ];
  slipTable(
    s,
    columns,
    input.handOvers.map((h, i) => [
      `${i + 1}. Giao: ${h.giver}\n    Nhận: ${h.receiver}`,
      hourAndDate(new Date(h.at)),
      h.result ? RESULT_TEXT[h.result] : '—',
      [h.label, h.note].filter(Boolean).join(': '),
    ]),
  );
  return finishSlip(s);
}

export interface ApologyInput {
  dossier: PresentedDossier;
  /** The competent commune: its UBND apologises. */
  commune: Commune;
  receivingCommune: Commune;
  /** The appointment the apology replaces. */
  previousDueDate: string | null;
  reason: string;
  newDueDate: string;
  at: Date;
  /** The UBND chair in the organisation chart, when recorded. */
  chair: string | null;
}

/**
 * Mẫu số 04 — Phiếu xin lỗi và hẹn lại ngày trả kết quả (2018 title kept; 2025: "Văn bản xin lỗi và đề nghị
 * gia hạn thời gian giải quyết", text not read), issued by the commune UBND: TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH.
 */
export async function renderApologyPdf(input: ApologyInput): Promise<Buffer> {
  const { dossier, commune } = input;
  const ubnd = `Ủy ban nhân dân ${inSentence(commune.name)}`;
  const s = await newSlip(`Phiếu xin lỗi và hẹn lại ngày trả kết quả ${dossier.code}`, {
    rehearsal: dossier.rehearsal,
  });
  slipHeading(s, {
    governing: [],
    issuer: ['ỦY BAN NHÂN DÂN', commune.name.toLocaleUpperCase('vi')],
    number: 'Số:          /UBND',
    placeDate: placeDateLine(commune.name, localDate(input.at)),
  });
  slipTitle(s, 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ', [`Mã hồ sơ: ${dossier.code}`]);
  slipParagraph(
    s,
    `Ngày ${longDate(localDate(new Date(dossier.receivedAt))).slice(5)}, ${centreName(input.receivingCommune)} tiếp nhận hồ sơ của Ông/Bà ${dossier.applicant.fullName}.`,
  );
  slipLine(s, 'Nội dung yêu cầu giải quyết:', dossier.procedure.name);
  slipLine(
    s,
    'Thời gian hẹn trả kết quả giải quyết hồ sơ:',
    input.previousDueDate ? longDate(input.previousDueDate) : '—',
  );
  s.doc.moveDown(0.3);
  slipParagraph(s, `Tuy nhiên đến nay, ${ubnd} chưa trả kết quả giải quyết hồ sơ của Ông/Bà.`);
  slipLine(s, 'Lý do:', input.reason);
  slipParagraph(
    s,
    `Sự chậm trễ này đã gây phiền hà cho Ông/Bà. ${ubnd} trân trọng xin lỗi Ông/Bà và hẹn trả kết quả giải quyết hồ sơ vào ${longDate(input.newDueDate)}.`,
  );
  slipParagraph(s, 'Xin trân trọng cảm ơn!', 'italic');
  const signTop = slipSignatures(s, null, {
    title: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'],
    note: '(Ký, ghi rõ họ tên và đóng dấu)',
    name: input.chair,
  });
  const end = s.doc.y;
  // Nơi nhận (recipients): bottom left, level with the signer's title (Decree 30/2020).
  s.doc.font('boldItalic').fontSize(12).text('Nơi nhận:', s.left, signTop, { width: s.leftW });
  s.doc
    .font('regular')
    .fontSize(11)
    .text(`- Ông/Bà ${dossier.applicant.fullName};`, { width: s.leftW })
    .text('- Trung tâm Phục vụ hành chính công;', { width: s.leftW })
    .text('- Lưu: VT.', { width: s.leftW });
  s.doc.y = Math.max(end, s.doc.y);
  return finishSlip(s);
}
