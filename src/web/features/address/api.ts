import { useQuery } from '@tanstack/react-query';
import type { ResolveResponse } from '../../../common/api/units';
import { api } from '../../api/client';

export type ResolveCandidate = ResolveResponse['candidates'][number];

/** GET /api/v1/address/resolve — runs only for a non-empty query. */
export function useResolve(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: ['resolve', query],
    queryFn: ({ signal }) =>
      api<ResolveResponse>('/api/v1/address/resolve', { query: { q: query, limit: 10 }, signal }),
    enabled: query !== '',
    staleTime: 30 * 60_000,
  });
}
