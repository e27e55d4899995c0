/**
 * The suggested checklist ("Tạo từ mẫu gợi ý"): the groups of the issue, as the Hà Tĩnh trial of 20 June 2025
 * checked them. Weights, owners and blockers are suggestions [U]; the province edits them before publishing.
 */
import type { TemplateItemInput } from '../../../common/api/campaign-readiness';

export const STARTER_TEMPLATE: TemplateItemInput[] = [
  {
    itemKey: 'premises_office',
    groupKey: 'premises',
    title: 'Trụ sở làm việc của Đảng ủy, HĐND, UBND, MTTQ được bố trí',
    weight: 10,
    owner: 'Văn phòng HĐND và UBND',
    blocker: true,
  },
  {
    itemKey: 'premises_service_center',
    groupKey: 'premises',
    title: 'Trung tâm Phục vụ hành chính công có phòng, quầy tiếp nhận, biển hiệu',
    weight: 10,
    owner: 'Trung tâm Phục vụ hành chính công',
    blocker: true,
  },
  {
    itemKey: 'equipment_computers',
    groupKey: 'equipment',
    title: 'Máy tính, máy quét, máy in cho cán bộ và quầy một cửa',
    weight: 8,
    owner: 'Văn phòng HĐND và UBND',
  },
  {
    itemKey: 'equipment_kiosk',
    groupKey: 'equipment',
    title: 'Ki-ốt lấy số thứ tự và màn hình gọi số',
    weight: 4,
    owner: 'Trung tâm Phục vụ hành chính công',
  },
  {
    itemKey: 'network_internal',
    groupKey: 'network',
    title: 'Mạng nội bộ (LAN) và đường truyền Internet hoạt động ổn định',
    weight: 10,
    owner: 'Công chức phụ trách công nghệ thông tin',
    blocker: true,
  },
  {
    itemKey: 'network_dedicated',
    groupKey: 'network',
    title: 'Kết nối mạng truyền số liệu chuyên dùng',
    weight: 4,
    owner: 'Công chức phụ trách công nghệ thông tin',
  },
  {
    itemKey: 'seals_official',
    groupKey: 'seals',
    title: 'Con dấu của Đảng ủy, HĐND, UBND được khắc và giao nhận',
    weight: 8,
    owner: 'Văn phòng HĐND và UBND',
    blocker: true,
  },
  {
    itemKey: 'seals_digital',
    groupKey: 'seals',
    title: 'Chứng thư số, chữ ký số của cơ quan và lãnh đạo',
    weight: 6,
    owner: 'Văn phòng HĐND và UBND',
  },
  {
    itemKey: 'staff_positions',
    groupKey: 'staff',
    title: 'Bố trí cán bộ, công chức ở mọi vị trí (kiểm tra từ dữ liệu nhân sự)',
    weight: 12,
    owner: 'Phòng Nội vụ',
    blocker: true,
    autoCheck: 'positions_filled',
  },
  {
    itemKey: 'staff_assignment',
    groupKey: 'staff',
    title: 'Thông báo phân công nhiệm vụ cán bộ đến từ các đơn vị cũ',
    weight: 4,
    owner: 'Chủ tịch UBND',
  },
  {
    itemKey: 'catalogue_published',
    groupKey: 'catalogue',
    title: 'Danh mục thủ tục hành chính cấp xã được công bố (kiểm tra từ hệ thống)',
    weight: 8,
    owner: 'Trung tâm Phục vụ hành chính công',
    autoCheck: 'catalogue_published',
  },
  {
    itemKey: 'public_notice_address',
    groupKey: 'public_notice',
    title: 'Thông báo địa chỉ trụ sở mới, đường dây nóng cho người dân',
    weight: 6,
    owner: 'Văn phòng HĐND và UBND',
  },
  {
    itemKey: 'rehearsals_held',
    groupKey: 'rehearsals',
    title: 'Đã diễn tập kỳ họp HĐND, phiên họp UBND, hội nghị Đảng ủy (kiểm tra từ dữ liệu kỳ họp)',
    weight: 10,
    owner: 'Văn phòng HĐND và UBND',
    autoCheck: 'rehearsal_held',
  },
];
