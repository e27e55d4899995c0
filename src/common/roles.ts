/** Roles of XãSố. A role is granted per commune, per province, or (system administrator) system-wide. */
export const ROLES = [
  'system_admin', // quản trị hệ thống
  'province_officer', // cán bộ tỉnh
  'commune_leader', // lãnh đạo xã
  'one_stop_officer', // cán bộ tiếp nhận (một cửa)
  'specialist', // chuyên viên xử lý
  'council_secretary', // thư ký HĐND
  'party_office', // văn phòng Đảng ủy
  'observer', // chỉ xem
] as const;
export type Role = (typeof ROLES)[number];

export interface RoleGrant {
  role: Role;
  provinceCode: string | null;
  communeCode: string | null;
}
