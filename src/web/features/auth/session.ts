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

/**
 * The server accepted the password but the browser did not keep the session cookie (a Secure cookie on a page
 * opened over plain http, e.g. a proxy that says https while the LAN address is http): the login page says why.
 */
export class SessionNotKeptError extends Error {
  constructor() {
    super('session cookie not kept');
    this.name = 'SessionNotKeptError';
  }
}

/**
 * A note in this browser that someone signed in here (set at login and whenever /me answers with a user, removed at
 * logout and when /me answers 401). The session cookie itself is HttpOnly, so the page cannot see it; without the
 * note, the citizen's pages do not ask /me at all (a certain 401 on every visit, and a round trip on a slow phone).
 */
const SIGNED_IN_HINT = 'xaso.signedIn';

/** Pages anyone may open without an account: no /me unless the browser's note says someone signed in. */
const PUBLIC_PATHS = [
  '/',
  '/dia-chi',
  '/ban-do',
  '/xa',
  '/don-vi-cu',
  '/lich',
  '/tra-cuu-ho-so',
  '/nop-ho-so',
  '/dang-nhap',
];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.some((p) => pathname === p || (p !== '/' && pathname.startsWith(`${p}/`)));
}

function hasSignedInHint(): boolean {
  try {
    return window.localStorage.getItem(SIGNED_IN_HINT) === '1';
  } catch {
    return true; // storage blocked: ask the server, as before
  }
}

function setSignedInHint(signedIn: boolean) {
  try {
    if (signedIn) window.localStorage.setItem(SIGNED_IN_HINT, '1');
    else window.localStorage.removeItem(SIGNED_IN_HINT);
  } catch {
    // storage blocked: the hint only saves a request
  }
}

async function fetchSession(): Promise<SessionUser | null> {
  if (!hasSignedInHint() && isPublicPath(window.location.pathname)) {
    setCsrfToken(null);
    return null;
  }
  try {
    const { csrfToken, ...user } = await api<SessionUser & { csrfToken: string | null }>('/api/v1/me');
    setCsrfToken(csrfToken);
    setSignedInHint(true);
    return user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      setSignedInHint(false);
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
    mutationFn: async (credentials: { username: string; password: string }) => {
      const answer = await api<{ csrfToken: string; user: SessionUser }>('/api/v1/auth/login', {
        method: 'POST',
        body: credentials,
      });
      try {
        await api('/api/v1/me'); // did the browser keep the cookie?
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) throw new SessionNotKeptError();
        throw error;
      }
      return answer;
    },
    onSuccess: ({ csrfToken, user }) => {
      setCsrfToken(csrfToken);
      setSignedInHint(true);
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
    setSignedInHint(false);
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
