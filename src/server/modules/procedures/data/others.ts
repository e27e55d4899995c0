/**
 * Procedures beyond domain-vn.md §7, each unconfirmed with what is unknown. Land and construction procedures are
 * not shipped: no time limit for them could be sourced with confidence.
 */
import type { Procedure } from '../../../../common/api/procedures';
import {
  CIVIL_STATUS_EXEMPTIONS,
  civilStatusSteps,
  LAW,
  PROVINCIAL_CIVIL_STATUS_FEE,
  requesterId,
  socialAssistanceSteps,
} from './common';

export const OTHER_PROCEDURES: Procedure[] = [
  {
    nationalCode: '1.001776',
    name: 'Thực hiện trợ cấp xã hội hằng tháng',
    domain: 'bao_tro_xa_hoi',
    level: 'commune',
    legalBasis: [LAW.socialAssistance],
    timeLimit: { kind: 'working_days', days: 10 },
    fee: { kind: 'free' },
    requiredDocuments: [
      {
        name: 'Tờ khai đề nghị trợ giúp xã hội (theo mẫu của Nghị định 20/2021/NĐ-CP)',
        form: 'original',
        count: 1,
      },
      {
        name: 'Giấy tờ chứng minh thuộc đối tượng hưởng (tùy trường hợp)',
        form: 'original_or_copy',
        count: 1,
        note: 'Ví dụ: giấy xác nhận khuyết tật; giấy chứng tử của cha, mẹ (trẻ mồ côi); giấy tờ về hộ nghèo.',
      },
      requesterId(),
    ],
    resultDocument:
      'Quyết định hưởng trợ cấp xã hội hằng tháng của Chủ tịch UBND xã (không đủ điều kiện: văn bản trả lời nêu rõ lý do)',
    fullyOnline: false,
    steps: socialAssistanceSteps(),
    confirmed: {
      status: 'unconfirmed',
      sources: [
        'Nghị định 20/2021/NĐ-CP (đối tượng, hồ sơ)',
        'Nghị định phân định thẩm quyền chính quyền địa phương 02 cấp lĩnh vực Bộ Y tế (2025), Điều 5 khoản 2 điểm b — chỉ thấy qua trích dẫn',
      ],
      note: '[U] Thời hạn 10 ngày làm việc, Chủ tịch UBND xã quyết định: thấy qua trích dẫn, chưa đối chiếu văn bản gốc. Không thu phí: chưa xác nhận.',
    },
  },
  {
    nationalCode: '1.004884',
    name: 'Đăng ký lại khai sinh',
    domain: 'ho_tich',
    level: 'commune',
    legalBasis: [LAW.civilStatus, LAW.civilStatusDecree, LAW.provincialFees],
    timeLimit: { kind: 'working_days', days: 5 },
    timeLimitNote: 'Cần xác minh tại nơi đăng ký khai sinh trước đây: kéo dài theo thời gian xác minh.',
    fee: { kind: 'provincial', note: PROVINCIAL_CIVIL_STATUS_FEE },
    exemptions: CIVIL_STATUS_EXEMPTIONS,
    requiredDocuments: [
      { name: 'Tờ khai đăng ký lại khai sinh (theo mẫu)', form: 'original', count: 1 },
      {
        name: 'Bản sao giấy tờ có thông tin khai sinh của người cần đăng ký lại',
        form: 'copy',
        count: 1,
        note: 'Ví dụ: bản sao Giấy khai sinh, hồ sơ học tập, hồ sơ cán bộ, giấy tờ tùy thân.',
      },
      {
        name: 'Văn bản cam đoan đã đăng ký khai sinh nhưng không lưu giữ được bản chính Giấy khai sinh',
        form: 'original',
        count: 1,
      },
      requesterId(),
    ],
    resultDocument: 'Giấy khai sinh (đăng ký lại)',
    fullyOnline: false,
    steps: civilStatusSteps(),
    confirmed: {
      status: 'unconfirmed',
      sources: ['Nghị định 123/2015/NĐ-CP'],
      note: '[U] Ngoài danh mục domain-vn §7. Thời hạn 05 ngày làm việc nhớ theo Nghị định 123/2015, chưa đối chiếu văn bản hiện hành; lệ phí do HĐND tỉnh quy định.',
    },
  },
];
