/**
 * What the signed-in user may use, to show only the menus and buttons that will work. The server decides
 * (src/server/modules/auth/permissions.ts, the one rule table); this copy of the role table only hides what it
 * would refuse, so a change there must be mirrored here.
 */
import type { Role, RoleGrant } from '../../../common/roles';
import type { SessionUser } from '../auth/session';

export type Permission =
  | 'accounts.manage'
  | 'org.read'
  | 'org.manage'
  | 'assignment.read'
  | 'assignment.manage'
  | 'audit.read';

const READ_COMMUNE: Permission[] = ['org.read', 'assignment.read'];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  system_admin: [
    'accounts.manage',
    'org.read',
    'org.manage',
    'assignment.read',
    'assignment.manage',
    'audit.read',
  ],
  province_officer: [...READ_COMMUNE, 'audit.read'],
  commune_leader: [...READ_COMMUNE, 'org.manage', 'assignment.manage', 'audit.read'],
  one_stop_officer: READ_COMMUNE,
  specialist: READ_COMMUNE,
  council_secretary: READ_COMMUNE,
  party_office: READ_COMMUNE,
  observer: READ_COMMUNE,
};

function grants(user: SessionUser | null | undefined, permission: Permission): RoleGrant[] {
  return (user?.roles ?? []).filter((g) => ROLE_PERMISSIONS[g.role]?.includes(permission));
}

/** The user holds the permission somewhere (shows the menu item). */
export function holdsAnywhere(user: SessionUser | null | undefined, permission: Permission): boolean {
  return grants(user, permission).length > 0;
}

/**
 * The user holds the permission in this commune. `provinceCode` is needed for province officers; when it is
 * not known yet, a province grant counts (the server has the last word).
 */
export function holdsIn(
  user: SessionUser | null | undefined,
  permission: Permission,
  communeCode: string,
  provinceCode?: string,
): boolean {
  return grants(user, permission).some((g) => {
    if (g.role === 'system_admin') return true;
    if (g.communeCode) return g.communeCode === communeCode;
    if (g.provinceCode) return !provinceCode || g.provinceCode === provinceCode;
    return false;
  });
}

export const isAdmin = (user: SessionUser | null | undefined) =>
  !!user?.roles.some((g) => g.role === 'system_admin');

/** Communes named in the user's grants, in the order granted, without repeats. */
export const grantedCommunes = (user: SessionUser | null | undefined): string[] => [
  ...new Set((user?.roles ?? []).flatMap((g) => (g.communeCode ? [g.communeCode] : []))),
];

/** Provinces of the user's province-wide grants. */
export const grantedProvinces = (user: SessionUser | null | undefined): string[] => [
  ...new Set((user?.roles ?? []).flatMap((g) => (!g.communeCode && g.provinceCode ? [g.provinceCode] : []))),
];
