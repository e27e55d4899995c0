/** The audit log through the API: newest first, filtered, within what the viewer may see. */
import { useInfiniteQuery } from '@tanstack/react-query';
import type { AuditEntry } from '../../../common/api/auth';
import { api } from '../../api/client';

export interface AuditFilter {
  communeCode?: string;
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  /** 'YYYY-MM-DD', Vietnam days. */
  from?: string;
  to?: string;
}

export function useAuditEntries(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: ['audit', filter],
    queryFn: ({ signal, pageParam }) =>
      api<{ items: AuditEntry[]; nextCursor: number | null }>('/api/v1/audit', {
        query: { ...filter, cursor: pageParam, limit: 50 },
        signal,
      }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
}

/** Actions XãSố records, grouped as the filter offers them (the filter matches a code or its beginning). */
export const AUDIT_ACTIONS = [
  'org.announcement',
  'org.announcement.create',
  'org.announcement.update',
  'org.announcement.issue',
  'org.announcement.supersede',
  'org.official',
  'org.official.create',
  'org.official.update',
  'org.official.leave',
  'org.position.create',
  'org.position.end',
  'org.officials.import',
  'org.body',
  'org.commune.activate',
  'account',
  'account.create',
  'account.enable',
  'account.disable',
  'account.grant',
  'account.revoke',
  'account.reset_password',
  'auth',
  'auth.login',
  'auth.login_failed',
  'auth.locked',
  'auth.logout',
  'auth.logout_all',
  'auth.password_change',
  'api_token',
  'calendar',
  'former_unit',
  'units.import',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

type Underscored<T extends string> = T extends `${infer A}.${infer B}` ? `${A}_${Underscored<B>}` : T;
export type AuditActionKey = Underscored<AuditAction>;

export const actionKey = (action: AuditAction) => action.replaceAll('.', '_') as AuditActionKey;

export const isKnownAction = (action: string): action is AuditAction =>
  (AUDIT_ACTIONS as readonly string[]).includes(action);

export const ENTITY_TYPES = [
  'org_announcement',
  'org_official',
  'org_position',
  'org_body',
  'org_commune',
  'org_import',
  'account',
  'api_token',
  'holiday_range',
  'make_up_day',
  'former_unit',
  'administrative_map',
] as const;

export type EntityType = (typeof ENTITY_TYPES)[number];

export const isKnownEntityType = (type: string): type is EntityType =>
  (ENTITY_TYPES as readonly string[]).includes(type);
