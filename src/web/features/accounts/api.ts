/** Account administration through the API (system administrators only). */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Account } from '../../../common/api/auth';
import type { Role } from '../../../common/roles';
import { api } from '../../api/client';

export interface GrantInput {
  role: Role;
  provinceCode: string | null;
  communeCode: string | null;
}

export interface NewAccount {
  username: string;
  displayName: string;
  password: string;
  grants: GrantInput[];
}

export function useAccounts(q: string) {
  return useInfiniteQuery({
    queryKey: ['accounts', 'list', q],
    queryFn: ({ signal, pageParam }) =>
      api<{ items: Account[]; nextCursor: string | null }>('/api/v1/accounts', {
        query: { q: q || undefined, cursor: pageParam, limit: 50 },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useAccount(id: string) {
  return useQuery({
    queryKey: ['accounts', 'one', id],
    queryFn: ({ signal }) => api<Account>(`/api/v1/accounts/${encodeURIComponent(id)}`, { signal }),
  });
}

function useAccountChanged() {
  const client = useQueryClient();
  return (account: Account) => {
    client.setQueryData(['accounts', 'one', account.id], account);
    void client.invalidateQueries({ queryKey: ['accounts', 'list'] });
  };
}

export function useCreateAccount() {
  const changed = useAccountChanged();
  return useMutation({
    mutationFn: (body: NewAccount) => api<Account>('/api/v1/accounts', { method: 'POST', body }),
    onSuccess: changed,
  });
}

export function useAccountActions(id: string) {
  const changed = useAccountChanged();
  const path = `/api/v1/accounts/${encodeURIComponent(id)}`;
  return {
    setStatus: useMutation({
      mutationFn: (status: Account['status']) => api<Account>(path, { method: 'PATCH', body: { status } }),
      onSuccess: changed,
    }),
    addGrant: useMutation({
      mutationFn: (grant: GrantInput) => api<Account>(`${path}/grants`, { method: 'POST', body: grant }),
      onSuccess: changed,
    }),
    removeGrant: useMutation({
      mutationFn: (grantId: string) =>
        api<Account>(`${path}/grants/${encodeURIComponent(grantId)}`, { method: 'DELETE' }),
      onSuccess: changed,
    }),
    resetPassword: useMutation({
      mutationFn: (password: string) =>
        api<Account>(`${path}/reset-password`, { method: 'POST', body: { password } }),
      onSuccess: changed,
    }),
    /** Links the account to an official of the org chart (null unlinks). */
    linkOfficial: useMutation({
      mutationFn: (officialId: string | null) =>
        api<Account>(`${path}/official`, { method: 'PUT', body: { officialId } }),
      onSuccess: changed,
    }),
  };
}
