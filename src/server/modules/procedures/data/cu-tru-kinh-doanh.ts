/**
 * Residence (cư trú) and household business procedures of domain-vn.md §7. Residence registration is decided and
 * received by the commune police (`outsideWorkflow`): listed so the counter can direct the citizen, never received
 * into the UBND's one-stop workflow.
 */
import type { Procedure } from '../../../../common/api/procedures';
import { businessSteps, COMMUNE_POLICE, DOMAIN_DOC, LAW, residenceSteps, SOURCE } from './common';

const RESIDENCE_FORM = {
  name: 'Tờ khai thay đổi thông tin cư trú (mẫu CT01)',
  form: 'original',
  count: 1,
  note: 'Có ý kiến đồng ý của chủ hộ, chủ sở hữu chỗ ở hợp pháp khi đăng ký vào chỗ ở không thuộc sở hữu của mình.',
} as const;
const LAWFUL_HOME = {
  name: 'Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp',
  form: 'original_or_copy',
  count: 1,
  note: 'Không cần nếu thông tin đã có trong cơ sở dữ liệu chuyên ngành.',
} as const;

export const RESIDENCE_AND_BUSINESS_PROCEDURES: Procedure[] = [
  {
    nationalCode: '1.004222',
    name: 'Đăng ký thường trú',
    domain: 'cu_tru',
    level: 'commune',
    legalBasis: [LAW.residence, LAW.residenceFee],
    timeLimit: { kind: 'working_days', days: 7 },
    fee: { kind: 'fixed', amount: 20_000, onlineAmount: 10_000 },
    requiredDocuments: [{ ...RESIDENCE_FORM }, { ...LAWFUL_HOME }],
    resultDocument: 'Thông tin thường trú được cập nhật vào Cơ sở dữ liệu về cư trú; thông báo kết quả',
    fullyOnline: true,
    steps: residenceSteps(),
    confirmed: {
      status: 'unconfirmed',
      sources: [DOMAIN_DOC, 'Luật Cư trú 2020', 'Thông tư 75/2022/TT-BTC', SOURCE.residencePolice],
      note: '[U] Thời hạn 07 ngày làm việc và lệ phí 20.000 đ (trực tuyến 10.000 đ) chưa đối chiếu văn bản hiện hành.',
    },
    outsideWorkflow: { ...COMMUNE_POLICE },
  },
  {
    nationalCode: '1.004194',
    name: 'Đăng ký tạm trú',
    domain: 'cu_tru',
    level: 'commune',
    legalBasis: [LAW.residence, LAW.residenceFee],
    timeLimit: { kind: 'working_days', days: 3 },
    fee: { kind: 'fixed', amount: 15_000, onlineAmount: 7_000 },
    requiredDocuments: [{ ...RESIDENCE_FORM }, { ...LAWFUL_HOME }],
    resultDocument: 'Thông tin tạm trú được cập nhật vào Cơ sở dữ liệu về cư trú; thông báo kết quả',
    fullyOnline: true,
    steps: residenceSteps(),
    confirmed: {
      status: 'unconfirmed',
      sources: [DOMAIN_DOC, 'Luật Cư trú 2020', 'Thông tư 75/2022/TT-BTC', SOURCE.residencePolice],
      note: '[U] Thời hạn 03 ngày làm việc và lệ phí 15.000 đ (trực tuyến 7.000 đ) chưa đối chiếu văn bản hiện hành.',
    },
    outsideWorkflow: { ...COMMUNE_POLICE },
  },
  {
    nationalCode: '1.001612',
    name: 'Đăng ký hộ kinh doanh',
    domain: 'ho_kinh_doanh',
    level: 'commune',
    legalBasis: [LAW.business, LAW.provincialFees],
    timeLimit: { kind: 'working_days', days: 3 },
    fee: { kind: 'provincial', note: 'Lệ phí đăng ký hộ kinh doanh do HĐND tỉnh quy định.' },
    requiredDocuments: [
      { name: 'Giấy đề nghị đăng ký hộ kinh doanh (theo mẫu)', form: 'original', count: 1 },
      {
        name: 'Bản sao giấy tờ pháp lý của cá nhân (chủ hộ, thành viên hộ gia đình đăng ký hộ kinh doanh)',
        form: 'copy',
        count: 1,
      },
      {
        name: 'Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh',
        form: 'copy',
        count: 1,
        note: 'Khi các thành viên hộ gia đình cùng đăng ký hộ kinh doanh.',
      },
      {
        name: 'Văn bản ủy quyền của thành viên hộ gia đình cho một thành viên làm chủ hộ kinh doanh',
        form: 'copy',
        count: 1,
        note: 'Khi các thành viên hộ gia đình cùng đăng ký hộ kinh doanh.',
      },
    ],
    resultDocument: 'Giấy chứng nhận đăng ký hộ kinh doanh',
    fullyOnline: false,
    steps: businessSteps(),
    confirmed: {
      status: 'unconfirmed',
      sources: [DOMAIN_DOC, SOURCE.decree168],
      note: '[U] Căn cứ: Nghị định 168/2025/NĐ-CP (thay Nghị định 01/2021/NĐ-CP từ 01/7/2025; bản gốc chưa đọc). Thời hạn 03 ngày làm việc, thành phần hồ sơ và lệ phí do HĐND tỉnh quy định chưa đối chiếu với Nghị định 168/2025.',
    },
  },
];
