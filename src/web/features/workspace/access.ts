/**
 * What the signed-in user may use, to show only the menus and buttons that will work. The rule table is the
 * server's own (src/common/permissions.ts); the server still decides every request.
 */
import { type Permission, ROLE_PERMISSIONS } from '../../../common/permissions';
import type { RoleGrant } from '../../../common/roles';
import type { SessionUser } from '../auth/session';

export type { Permission };

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
