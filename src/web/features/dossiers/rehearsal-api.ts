/** The one-stop centre's rehearsal mode through the API: read by the counter and the campaign tab, switched by the leader. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RehearsalModeView } from '../../../common/api/dossiers-rehearsal';
import { api } from '../../api/client';

export type { RehearsalModeView };

const modeKey = (communeCode: string) => ['rehearsal-mode', communeCode] as const;

export function useRehearsalMode(communeCode: string, options: { day?: string; enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...modeKey(communeCode), options.day ?? null],
    queryFn: ({ signal }) =>
      api<RehearsalModeView>(`/api/v1/communes/${encodeURIComponent(communeCode)}/campaign/rehearsal-mode`, {
        query: { day: options.day },
        signal,
      }),
    enabled: (options.enabled ?? true) && !!communeCode,
    staleTime: 0,
  });
}

export function useSetRehearsalMode(communeCode: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (enabled: boolean) =>
      api<RehearsalModeView>(`/api/v1/communes/${encodeURIComponent(communeCode)}/campaign/rehearsal-mode`, {
        method: 'PUT',
        body: { enabled },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: modeKey(communeCode) }),
  });
}
