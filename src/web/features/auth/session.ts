/** The signed-in user (GET /api/v1/me), login and logout. The CSRF token is handed to the API client. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RoleGrant } from '../../../common/roles';
import { ApiError, api, setCsrfToken } from '../../api/client';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  /** Set for accounts an administrator created or reset: every page leads to the password change until done. */
  mustChangePassword: boolean;
  roles: RoleGrant[];
}

export const SESSION_KEY = ['session'] as const;

async function fetchSession(): Promise<SessionUser | null> {
  try {
    const { csrfToken, ...user } = await api<SessionUser & { csrfToken: string | null }>('/api/v1/me');
    setCsrfToken(csrfToken);
    return user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 60_000 });
}

export function isSystemAdmin(user: SessionUser | null | undefined): boolean {
  return !!user?.roles.some((r) => r.role === 'system_admin');
}

/** True when the signed-in user is a system administrator (the calendar and map corrections). */
export function useIsSystemAdmin(): boolean {
  return isSystemAdmin(useSession().data);
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (credentials: { username: string; password: string }) =>
      api<{ csrfToken: string; user: SessionUser }>('/api/v1/auth/login', {
        method: 'POST',
        body: credentials,
      }),
    onSuccess: ({ csrfToken, user }) => {
      setCsrfToken(csrfToken);
      // Nothing another account loaded in this tab stays in the cache.
      client.removeQueries();
      client.setQueryData(SESSION_KEY, user);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  const signedOut = () => {
    setCsrfToken(null);
    client.removeQueries();
    client.setQueryData(SESSION_KEY, null);
  };
  return useMutation({
    mutationFn: async () => {
      try {
        await api<void>('/api/v1/auth/logout', { method: 'POST' });
      } catch (error) {
        // Already signed out on the server: the outcome is the same.
        if (!(error instanceof ApiError && error.status === 401)) throw error;
      }
    },
    onSuccess: signedOut,
  });
}
