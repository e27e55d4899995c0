import { z } from 'zod';
import { ROLES } from '../roles';

export const Grant = z.object({
  role: z.enum(ROLES),
  provinceCode: z.string().nullable(),
  communeCode: z.string().nullable(),
});
export const Me = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  mustChangePassword: z.boolean(),
  roles: z.array(Grant),
});
export type Me = z.infer<typeof Me>;

export const Account = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  status: z.enum(['active', 'disabled']),
  isDemo: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  /** The official of the org chart this account belongs to (name and current titles), when linked. */
  official: z
    .object({
      id: z.string().uuid(),
      fullName: z.string(),
      communeCode: z.string(),
      titles: z.array(z.string()),
    })
    .nullable(),
  grants: z.array(Grant.extend({ id: z.string() })),
});
export type Account = z.infer<typeof Account>;

export const AuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorName: z.string(),
  actorRole: z.string().nullable(),
  communeCode: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  clientAddress: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** A username and/or address that must wait after failed logins (auth/login-throttle.ts). */
export const LoginBlock = z.object({
  /** null: the address's own block (many usernames tried from it). */
  username: z.string().nullable(),
  clientAddress: z.string().nullable(),
  failures: z.number().int(),
  lastFailureAt: z.string(),
  blockedUntil: z.string(),
});
export type LoginBlock = z.infer<typeof LoginBlock>;
