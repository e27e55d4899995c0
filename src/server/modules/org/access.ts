import type { Db } from '../../db/database';
import type { Access } from '../../http/auth';
import type { Permission } from '../auth/permissions';

/** A right over the commune named by `:code` in the URL (403 when foreign). */
export const commune = (permission: Permission) => ({
  access: { permission, communeParam: 'code' } satisfies Access,
});

/** A right over the commune of the record named by `:id` (404 when foreign or missing). */
export const record = (
  permission: Permission,
  communeOf: (db: Db, id: string) => Promise<string | null>,
) => ({
  access: { permission, recordParam: 'id', communeOf } satisfies Access,
});
