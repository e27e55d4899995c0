/** Roles of XãSố. A role is granted per commune, per province, or (system administrator) system-wide. */
export const ROLES = [
  'system_admin', // quản trị hệ thống
  'province_officer', // cán bộ tỉnh
  'province_department', // cán bộ sở, ngành của tỉnh xử lý kiến nghị của xã (cấp theo tỉnh)
  'commune_leader', // lãnh đạo xã
  'one_stop_officer', // cán bộ tiếp nhận (một cửa)
  'specialist', // chuyên viên xử lý
  'council_secretary', // thư ký HĐND
  'party_office', // văn phòng Đảng ủy
  'council_member', // thành viên của một cơ quan họp (đại biểu HĐND, ủy viên UBND, ủy viên BCH): đọc tài liệu, góp ý, xác nhận dự họp, biểu quyết của chính mình
  'observer', // chỉ xem
] as const;
export type Role = (typeof ROLES)[number];

export interface RoleGrant {
  role: Role;
  provinceCode: string | null;
  communeCode: string | null;
}
