/**
 * The categories a province starts with (domain-vn.md §8, issue 13 §2); the province edits them afterwards.
 *
 * - Ordinary feedback and petitions (Decree 20/2008/NĐ-CP, amended 2013, 2017): transfer outside the commune's
 *   competence within 5 working days [C]; no general reply deadline in the decree, default 10 working days [U].
 * - Denunciation (tố cáo, Law on Denunciation 2018): initial handling within 7 working days, transfer within 5
 *   working days [C]; resolved within 30 days of acceptance, extendable [C] — here 5 and 30 working days, counted
 *   the same way as the rest [U: the province decides how its days count]. Approved by a leader.
 * - Complaint (khiếu nại, Law on Complaints 2011): accepted within 10 days, decided within 30 (45 if complex) [C];
 *   calendar days [U]. Approved by a leader.
 * Responsible bodies and assignment fields are sensible defaults for a new commune [U].
 */
import type { FeedbackKind } from '../../../../common/api/feedback';
import type { DaysKind } from './deadlines';

export interface StarterCategory {
  key: string;
  nameVi: string;
  nameEn: string;
  descriptionVi: string;
  descriptionEn: string;
  kind: FeedbackKind;
  daysKind: DaysKind;
  transferDays: number;
  answerDays: number;
  approvalRequired: boolean;
  /** The duty (lĩnh vực) of the commune's task assignment whose official handles it by default. */
  assignmentField: string | null;
  responsibleBody: string;
  sortOrder: number;
}

/** Decree 20/2008: transfer within 5 working days [C]. */
export const DEFAULT_TRANSFER_DAYS = 5;
/** No general reply deadline in law: 10 working days [U]. */
export const DEFAULT_ANSWER_DAYS = 10;

const feedback = (
  key: string,
  nameVi: string,
  nameEn: string,
  descriptionVi: string,
  descriptionEn: string,
  assignmentField: string | null,
  responsibleBody = 'UBND xã',
): Omit<StarterCategory, 'sortOrder'> => ({
  key,
  nameVi,
  nameEn,
  descriptionVi,
  descriptionEn,
  kind: 'feedback',
  daysKind: 'working',
  transferDays: DEFAULT_TRANSFER_DAYS,
  answerDays: DEFAULT_ANSWER_DAYS,
  approvalRequired: false,
  assignmentField,
  responsibleBody,
});

const LIST: Omit<StarterCategory, 'sortOrder'>[] = [
  feedback(
    'administrative_procedures',
    'Thủ tục hành chính',
    'Administrative procedures',
    'Phản ánh, kiến nghị về quy định hành chính, việc giải quyết thủ tục hành chính, thái độ phục vụ.',
    'Feedback on administrative rules, the handling of procedures and the service of officials.',
    'Văn phòng HĐND và UBND',
  ),
  feedback(
    'land',
    'Đất đai',
    'Land',
    'Lấn chiếm đất, cấp giấy chứng nhận, bồi thường, giải phóng mặt bằng.',
    'Encroachment, land-use certificates, compensation and clearance.',
    'Địa chính',
  ),
  feedback(
    'environment',
    'Môi trường',
    'Environment',
    'Rác thải, nước thải, ô nhiễm, tiếng ồn, vệ sinh nơi công cộng.',
    'Waste, wastewater, pollution, noise and public cleanliness.',
    'Môi trường',
  ),
  feedback(
    'infrastructure',
    'Hạ tầng, giao thông, đô thị',
    'Infrastructure, roads and public works',
    'Đường hỏng, đèn đường, cống rãnh, cây xanh, công trình xây dựng.',
    'Damaged roads, street lights, drains, trees and building works.',
    'Xây dựng',
  ),
  feedback(
    'security_order',
    'An ninh, trật tự',
    'Security and public order',
    'Trật tự công cộng, an toàn giao thông, tệ nạn xã hội.',
    'Public order, road safety and social evils.',
    'Công an',
    'Công an xã',
  ),
  feedback(
    'social_policy',
    'Chính sách xã hội',
    'Social policy',
    'Trợ cấp, bảo trợ xã hội, người có công, hộ nghèo, y tế, giáo dục.',
    'Allowances, social protection, people with merit, poor households, health and education.',
    'Lao động - Thương binh và Xã hội',
  ),
  feedback(
    'new_address',
    'Địa chỉ mới sau sắp xếp',
    'New addresses after the merger',
    'Địa chỉ, địa giới, giấy tờ cần cập nhật sau khi sắp xếp đơn vị hành chính.',
    'Addresses, boundaries and papers to update after the merger of administrative units.',
    'Tư pháp - hộ tịch',
  ),
  feedback(
    'other',
    'Lĩnh vực khác',
    'Other',
    'Các phản ánh, kiến nghị khác.',
    'Any other feedback or petition.',
    null,
  ),
  {
    key: 'denunciation',
    nameVi: 'Tố cáo',
    nameEn: 'Denunciation',
    descriptionVi:
      'Tố cáo hành vi vi phạm pháp luật (Luật Tố cáo 2018): xử lý ban đầu trong 7 ngày làm việc, chuyển đơn trong 5 ngày làm việc, giải quyết trong 30 ngày.',
    descriptionEn:
      'Denunciation of a breach of law (Law on Denunciation 2018): initial handling within 7 working days, transfer within 5, resolution within 30 days.',
    kind: 'denunciation',
    daysKind: 'working',
    transferDays: 5,
    answerDays: 30,
    approvalRequired: true,
    assignmentField: 'Thanh tra',
    responsibleBody: 'Chủ tịch UBND xã',
  },
  {
    key: 'complaint',
    nameVi: 'Khiếu nại',
    nameEn: 'Complaint',
    descriptionVi:
      'Khiếu nại quyết định, hành vi hành chính (Luật Khiếu nại 2011): thụ lý trong 10 ngày, giải quyết trong 30 ngày (45 ngày nếu phức tạp).',
    descriptionEn:
      'Complaint about an administrative decision or act (Law on Complaints 2011): accepted within 10 days, decided within 30 (45 if complex).',
    kind: 'complaint',
    daysKind: 'calendar',
    transferDays: 10,
    answerDays: 30,
    approvalRequired: true,
    assignmentField: 'Thanh tra',
    responsibleBody: 'Chủ tịch UBND xã',
  },
];

export const STARTER_CATEGORIES: readonly StarterCategory[] = LIST.map((c, i) => ({
  ...c,
  sortOrder: (i + 1) * 10,
}));

/** The starter categories (fresh copies, safe to change). */
export function starterCategories(): StarterCategory[] {
  return STARTER_CATEGORIES.map((c) => ({ ...c }));
}
