/**
 * Shared pieces of the shipped catalogue: legal texts, the usual processing steps and the requester's ID.
 *
 * The steps and their shares of time are XãSố defaults modelled on the one-stop flow of Decree 118/2025 (receive →
 * process → sign → return); each province publishes its own internal process (quy trình nội bộ), so the
 * administrator edits them. They are not legal facts and carry no confirmation of their own.
 * `fullyOnline` is likewise a default to be set from the province's list of online public services.
 */
import type { ProcedureStep, RequiredDocument } from '../../../../common/api/procedures';

/** The source of the 19 procedures of domain-vn.md §7 (limits and fees checked against legal texts there). */
export const DOMAIN_DOC = 'XãSố domain-vn.md §7';

export const LAW = {
  civilStatus: 'Luật Hộ tịch số 60/2014/QH13',
  civilStatusDecree:
    'Nghị định số 123/2015/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch',
  civilCode: 'Bộ luật Dân sự số 91/2015/QH13',
  provincialFees:
    'Thông tư số 85/2019/TT-BTC hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của HĐND tỉnh',
  civilStatusCopyFee:
    'Thông tư số 281/2016/TT-BTC (phí khai thác, sử dụng thông tin trong cơ sở dữ liệu hộ tịch)',
  certification:
    'Nghị định số 23/2015/NĐ-CP về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch',
  certificationFee: 'Thông tư số 226/2016/TT-BTC (mức thu phí chứng thực)',
  residence: 'Luật Cư trú số 68/2020/QH14',
  residenceFee: 'Thông tư số 75/2022/TT-BTC (lệ phí đăng ký cư trú)',
  /** In force from 1/7/2025, replacing Decree 01/2021/NĐ-CP (which the catalogue cited before: see corrections.ts). */
  business: 'Nghị định số 168/2025/NĐ-CP về đăng ký doanh nghiệp (gồm đăng ký hộ kinh doanh)',
  civilStatusAmendment:
    'Nghị định số 07/2025/NĐ-CP sửa đổi, bổ sung một số điều của các Nghị định trong lĩnh vực hộ tịch, quốc tịch, chứng thực',
  socialAssistance:
    'Nghị định số 20/2021/NĐ-CP quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội',
  oneStop:
    'Nghị định số 118/2025/NĐ-CP về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông',
} as const;

/**
 * Where the corrections of issue 9 come from (each procedure's `confirmed.sources` names the ones that apply to it).
 * Decree 07/2025 and the Ministry of Justice's dispatch 481 were read in secondary sources quoting them; Decree
 * 168/2025 replacing Decree 01/2021 from 1/7/2025 likewise (the decree's own text was not read).
 */
export const SOURCE = {
  decree07Birth:
    'Nghị định 07/2025/NĐ-CP (09/01/2025), Điều 2; Công văn 481/BTP-HTQTCT (04/02/2025) của Bộ Tư pháp: khi đăng ký khai sinh không yêu cầu xuất trình Giấy chứng nhận kết hôn của cha, mẹ (trừ cha, mẹ là người nước ngoài), cơ quan đăng ký hộ tịch tra cứu Cơ sở dữ liệu hộ tịch điện tử',
  decree07Marriage:
    'Nghị định 07/2025/NĐ-CP (09/01/2025), Điều 2 khoản 3 điểm c; Công văn 481/BTP-HTQTCT (04/02/2025) của Bộ Tư pháp: khi đăng ký kết hôn không yêu cầu nộp Giấy xác nhận tình trạng hôn nhân, Trích lục ghi chú ly hôn (công dân Việt Nam); cơ quan đăng ký hộ tịch tra cứu, không có dữ liệu thì xác minh',
  guardianshipEndFree:
    'domain-vn.md §7: chấm dứt giám hộ tại UBND cấp xã miễn lệ phí (Thông tư 250/2016/TT-BTC Điều 5 đã sửa đổi; [U] câu chữ của Thông tư 85/2019/TT-BTC thay thế chưa đối chiếu)',
  certificationSameDay:
    'Nghị định 23/2015/NĐ-CP, Điều 7: thời hạn chứng thực trong ngày cơ quan tiếp nhận yêu cầu (sau 15 giờ: ngày làm việc tiếp theo); ngoại lệ chỉ ở các Điều 21, 33, 37',
  decree168:
    'Nghị định 168/2025/NĐ-CP về đăng ký doanh nghiệp, ban hành 30/6/2025, hiệu lực 01/7/2025, thay thế Nghị định 01/2021/NĐ-CP (xác nhận qua nguồn thứ cấp; chưa đọc bản gốc)',
  residencePolice:
    'Luật Cư trú số 68/2020/QH14, Điều 2 khoản 4: cơ quan đăng ký cư trú là Công an cấp xã; từ 01/7/2025 đăng ký tại Công an xã, phường, đặc khu hoặc trực tuyến (Cổng Dịch vụ công quốc gia, VNeID)',
} as const;

/** Residence registration is the commune police's: listed for guidance, not received into the UBND's workflow. */
export const COMMUNE_POLICE = {
  agency: 'Công an xã, phường, đặc khu',
  note:
    'Đăng ký cư trú do Công an xã (cơ quan đăng ký cư trú) tiếp nhận và giải quyết: nộp tại trụ sở Công an xã hoặc ' +
    'trực tuyến trên Cổng Dịch vụ công quốc gia, ứng dụng VNeID. Bộ phận một cửa của UBND xã không tiếp nhận hồ sơ này; ' +
    'hướng dẫn người dân đến Công an xã.',
} as const;

/** [C] domain-vn.md §3: a same-day dossier received after 15:00 is due the next working day. */
export const AFTER_15H = 'Nhận hồ sơ sau 15 giờ: trả kết quả trong ngày làm việc tiếp theo.';

/** [C] Luật Hộ tịch 2014, Điều 11 (as summarised in domain-vn.md §7). */
export const CIVIL_STATUS_EXEMPTIONS =
  'Miễn lệ phí: người thuộc gia đình có công với cách mạng, người thuộc hộ nghèo, người khuyết tật; ' +
  'đăng ký khai sinh, khai tử đúng hạn, giám hộ, kết hôn của công dân Việt Nam cư trú trong nước (Luật Hộ tịch, Điều 11).';

export const PROVINCIAL_CIVIL_STATUS_FEE = 'Lệ phí hộ tịch do HĐND tỉnh quy định.';

const CENTER = 'Trung tâm Phục vụ hành chính công xã';
const JUSTICE = 'Văn phòng HĐND và UBND xã (công chức tư pháp - hộ tịch)';
const LEADER = 'Chủ tịch hoặc Phó Chủ tịch UBND xã';

export function requesterId(note = 'Xuất trình để đối chiếu.'): RequiredDocument {
  return {
    name: 'Giấy tờ tùy thân của người yêu cầu (thẻ Căn cước/CCCD hoặc hộ chiếu còn giá trị)',
    form: 'original',
    count: 1,
    note,
  };
}

export function authorisation(): RequiredDocument {
  return {
    name: 'Văn bản ủy quyền',
    form: 'original_or_copy',
    count: 1,
    note: 'Chỉ khi nộp thay theo ủy quyền.',
  };
}

function receive(share: number): ProcedureStep {
  return {
    name: 'Tiếp nhận, kiểm tra hồ sơ',
    handlerRole: 'one_stop_officer',
    body: CENTER,
    shareOfTime: share,
  };
}

function giveBack(share: number): ProcedureStep {
  return { name: 'Trả kết quả', handlerRole: 'one_stop_officer', body: CENTER, shareOfTime: share };
}

/** Civil status: the justice officer checks and records, the commune leader signs. */
export function civilStatusSteps(check = 'Kiểm tra, xác minh hồ sơ; ghi Sổ hộ tịch'): ProcedureStep[] {
  return [
    receive(0.1),
    { name: check, handlerRole: 'specialist', body: JUSTICE, shareOfTime: 0.6 },
    { name: 'Ký cấp giấy tờ hộ tịch', handlerRole: 'commune_leader', body: LEADER, shareOfTime: 0.2 },
    giveBack(0.1),
  ];
}

/** Certification (chứng thực): checked by the justice officer, signed by the chair or a vice-chair. */
export function certificationSteps(check = 'Kiểm tra, đối chiếu giấy tờ'): ProcedureStep[] {
  return [
    receive(0.1),
    { name: check, handlerRole: 'specialist', body: JUSTICE, shareOfTime: 0.5 },
    { name: 'Ký chứng thực, đóng dấu', handlerRole: 'commune_leader', body: LEADER, shareOfTime: 0.3 },
    giveBack(0.1),
  ];
}

/** Residence: decided by the commune police (Công an xã), an agency outside the commune People's Committee. */
export function residenceSteps(): ProcedureStep[] {
  return [
    receive(0.1),
    {
      name: 'Thẩm định, cập nhật Cơ sở dữ liệu về cư trú',
      handlerRole: 'other_agency',
      body: 'Công an xã',
      shareOfTime: 0.8,
    },
    giveBack(0.1),
  ];
}

export function businessSteps(): ProcedureStep[] {
  return [
    receive(0.1),
    {
      name: 'Thẩm định hồ sơ, cấp Giấy chứng nhận đăng ký hộ kinh doanh',
      handlerRole: 'specialist',
      body: 'Phòng Kinh tế (phường: Phòng Kinh tế, Hạ tầng và Đô thị)',
      shareOfTime: 0.8,
    },
    giveBack(0.1),
  ];
}

export function socialAssistanceSteps(): ProcedureStep[] {
  return [
    receive(0.1),
    {
      name: 'Xem xét, xác thực thông tin với Cơ sở dữ liệu quốc gia về dân cư',
      handlerRole: 'specialist',
      body: 'Phòng Văn hóa - Xã hội',
      shareOfTime: 0.6,
    },
    { name: 'Quyết định trợ cấp', handlerRole: 'commune_leader', body: 'Chủ tịch UBND xã', shareOfTime: 0.2 },
    giveBack(0.1),
  ];
}
