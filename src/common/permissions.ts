/**
 * Who may do what, where: a pure rule table. A grant applies to its commune, to every commune of its province
 * (province officers), or everywhere (system administrator). Routes never decide this themselves; they ask
 * `can()` through the one check in src/server/http/auth.ts. The web app reads the same table to show only the
 * menus and buttons that will work (the server has the last word).
 */
import type { Role, RoleGrant } from './roles';

export const PERMISSIONS = [
  'map.manage', // hiệu chỉnh bản đồ hành chính, lịch nghỉ lễ (system-wide data)
  'accounts.manage', // tài khoản và phân quyền
  'org.read', // tổ chức bộ máy, cán bộ
  'org.manage', // thêm/sửa cơ quan, cán bộ, nhập danh sách
  'assignment.read', // phân công nhiệm vụ
  'assignment.manage', // soạn, ban hành thông báo phân công
  'audit.read', // xem nhật ký
  'catalogue.manage', // sửa, nhập, xuất danh mục thủ tục hành chính (system-wide data)
  'dossier.read', // xem hồ sơ thủ tục hành chính của xã
  'dossier.intake', // tiếp nhận hồ sơ (bộ phận một cửa)
  'dossier.process', // xử lý hồ sơ (chuyên viên)
  'dossier.approve', // phê duyệt hồ sơ (lãnh đạo)
  'queue.serve', // gọi số thứ tự tại quầy (bộ phận một cửa)
  'queue.manage', // cấu hình nhóm dịch vụ, quầy, thứ tự ưu tiên của hàng chờ
  'meeting.read', // xem kỳ họp, phiên họp, hội nghị của xã, tài liệu, kết quả, biên bản
  'meeting.participate', // thành viên: xác nhận dự họp, góp ý tài liệu, điểm danh, biểu quyết của chính mình
  'meeting.manage', // thư ký: chuẩn bị, điều hành kỳ họp, điểm danh và biểu quyết thay thành viên, biên bản, số văn bản
  'campaign.read', // xem vận hành thử nghiệm của xã: sẵn sàng, diễn tập, sự cố, kiến nghị, chỉ đạo; bài học của cả tỉnh
  'campaign.contribute', // ghi sự cố, bài học kinh nghiệm (cán bộ của xã)
  'campaign.manage', // lãnh đạo xã: trả lời danh mục sẵn sàng, kế hoạch diễn tập, chế độ diễn tập một cửa, gửi/đóng kiến nghị, báo cáo chỉ đạo, chuyển vận hành chính thức, nhập hồ sơ đang giải quyết dở
  'campaign.province', // cán bộ tỉnh: mẫu danh mục sẵn sàng, tiếp nhận và giao kiến nghị, đoàn kiểm tra, chỉ đạo, cho phép vận hành khi chưa đủ điều kiện
  'campaign.answer', // sở, ngành của tỉnh: trả lời kiến nghị được giao
  'feedback.read', // xem phản ánh, kiến nghị của người dân gửi xã, thống kê
  'feedback.receive', // tiếp nhận phản ánh tại quầy, qua điện thoại (và qua Open311 bằng khóa API)
  'feedback.handle', // xử lý phản ánh: thụ lý, giao, soạn trả lời, gộp, tách, chuyển xã khác, chuyển lên tỉnh
  'feedback.approve', // lãnh đạo xã: duyệt trả lời, công khai, kết thúc
  'feedback.province', // cán bộ tỉnh: danh mục lĩnh vực phản ánh, thời hạn; xử lý phản ánh chuyển lên tỉnh
  'notifications.read', // xem hộp thư đi (thông báo SMS, e-mail, Zalo): đã gửi, lỗi, đang thử lại
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_COMMUNE: Permission[] = ['org.read', 'assignment.read', 'meeting.read', 'campaign.read'];

/** Permissions each role carries within its scope. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  system_admin: PERMISSIONS,
  province_officer: [
    ...READ_COMMUNE,
    'audit.read',
    'dossier.read',
    'campaign.province',
    'campaign.answer',
    'feedback.read',
    'feedback.province',
    'notifications.read',
  ],
  province_department: ['campaign.read', 'campaign.answer'],
  commune_leader: [
    ...READ_COMMUNE,
    'org.manage',
    'assignment.manage',
    'audit.read',
    'dossier.read',
    'dossier.intake',
    'dossier.process',
    'dossier.approve',
    'queue.serve',
    'queue.manage',
    'meeting.manage',
    'campaign.contribute',
    'campaign.manage',
    'feedback.read',
    'feedback.receive',
    'feedback.handle',
    'feedback.approve',
    'notifications.read',
  ],
  one_stop_officer: [
    ...READ_COMMUNE,
    'dossier.read',
    'dossier.intake',
    'queue.serve',
    'campaign.contribute',
    'feedback.read',
    'feedback.receive',
  ],
  specialist: [
    ...READ_COMMUNE,
    'dossier.read',
    'dossier.process',
    'campaign.contribute',
    'feedback.read',
    'feedback.handle',
  ],
  council_secretary: [...READ_COMMUNE, 'meeting.manage', 'campaign.contribute'],
  party_office: [...READ_COMMUNE, 'meeting.manage', 'campaign.contribute'],
  council_member: [...READ_COMMUNE, 'meeting.participate'],
  observer: READ_COMMUNE,
};

/** Where a commune lies, for province-scoped grants. */
export interface CommuneLocation {
  communeCode: string;
  provinceCode: string;
}

/** True when some grant gives `permission` over the commune (or, with no commune, system-wide). */
export function can(grants: readonly RoleGrant[], permission: Permission, where?: CommuneLocation): boolean {
  return grants.some((g) => {
    if (!ROLE_PERMISSIONS[g.role]?.includes(permission)) return false;
    if (g.role === 'system_admin') return true;
    if (!where) return false;
    if (g.communeCode) return g.communeCode === where.communeCode;
    if (g.provinceCode) return g.provinceCode === where.provinceCode;
    return false;
  });
}

/** The communes a caller may see for a permission, as a filter for list queries. */
export type CommuneScope = { all: true } | { all: false; communeCodes: string[]; provinceCodes: string[] };

export function scopeOf(grants: readonly RoleGrant[], permission: Permission): CommuneScope {
  const relevant = grants.filter((g) => ROLE_PERMISSIONS[g.role]?.includes(permission));
  if (relevant.some((g) => g.role === 'system_admin')) return { all: true };
  return {
    all: false,
    communeCodes: [...new Set(relevant.flatMap((g) => (g.communeCode ? [g.communeCode] : [])))],
    provinceCodes: [
      ...new Set(relevant.flatMap((g) => (!g.communeCode && g.provinceCode ? [g.provinceCode] : []))),
    ],
  };
}

/** Restriction of an API token: only these permissions, only in this commune when set. */
export interface Restriction {
  permissions: readonly Permission[];
  communeCode: string | null;
}

/** `can` for a caller that may be an API token: its owner's rights, narrowed by the token's restriction. */
export function canWithRestriction(
  grants: readonly RoleGrant[],
  restriction: Restriction | null,
  permission: Permission,
  where?: CommuneLocation,
): boolean {
  if (!can(grants, permission, where)) return false;
  if (!restriction) return true;
  if (!restriction.permissions.includes(permission)) return false;
  return !restriction.communeCode || restriction.communeCode === where?.communeCode;
}
