/** Changing one's password, and ending every session of the account ("đăng xuất khỏi mọi thiết bị"). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../api/client';
import { SESSION_KEY, type SessionUser } from './session';

export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api<void>('/api/v1/auth/change-password', { method: 'POST', body }),
    onSuccess: () => {
      // This session stays; the forced change is over.
      client.setQueryData<SessionUser | null>(SESSION_KEY, (user) =>
        user ? { ...user, mustChangePassword: false } : user,
      );
      void client.invalidateQueries({ queryKey: SESSION_KEY });
    },
  });
}

export function useLogoutEverywhere() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ sessionsEnded: number }>('/api/v1/auth/logout-all', { method: 'POST' }),
    onSuccess: () => {
      setCsrfToken(null);
      client.removeQueries();
      client.setQueryData(SESSION_KEY, null);
    },
  });
}
