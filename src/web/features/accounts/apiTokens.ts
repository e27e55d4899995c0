/** The signed-in user's API tokens (GET/POST /api/v1/auth/tokens, DELETE /api/v1/auth/tokens/:id). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Permission } from '../../../common/permissions';
import { api } from '../../api/client';

export interface ApiToken {
  id: string;
  name: string;
  permissions: Permission[];
  communeCode: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface NewApiToken {
  name: string;
  permissions: Permission[];
  communeCode: string | null;
  /** null: never expires. */
  expiresInDays: number | null;
}

/** The answer to a creation: the secret `token` is in it this once, never again. */
export interface CreatedApiToken {
  id: string;
  token: string;
  name: string;
  permissions: Permission[];
  communeCode: string | null;
  expiresAt: string | null;
}

const KEY = ['api-tokens'] as const;

export function useApiTokens() {
  return useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api<{ items: ApiToken[] }>('/api/v1/auth/tokens', { signal }),
  });
}

export function useCreateApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewApiToken) => api<CreatedApiToken>('/api/v1/auth/tokens', { method: 'POST', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: KEY }),
  });
}

export function useRevokeApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<void>(`/api/v1/auth/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => void client.invalidateQueries({ queryKey: KEY }),
  });
}

/** Active, expired or revoked, at this instant. */
export function tokenState(t: ApiToken, now = Date.now()): 'active' | 'expired' | 'revoked' {
  if (t.revokedAt) return 'revoked';
  if (t.expiresAt && Date.parse(t.expiresAt) <= now) return 'expired';
  return 'active';
}
