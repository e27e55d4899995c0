/** The commune's dossier dashboard through the API. */
import { useQuery } from '@tanstack/react-query';
import type { CommuneDashboard } from '../../../common/api/dossiers-dashboard';
import { api } from '../../api/client';

export type { CommuneDashboard };

/** `month` 'YYYY-MM', or undefined for the current month. */
export function useDossierDashboard(communeCode: string, month?: string) {
  return useQuery({
    queryKey: ['dossiers', 'dashboard', communeCode, month ?? 'current'],
    queryFn: ({ signal }) =>
      api<CommuneDashboard>(`/api/v1/communes/${encodeURIComponent(communeCode)}/dossier-dashboard`, {
        query: { month },
        signal,
      }),
    enabled: /^\d{5}$/.test(communeCode),
    staleTime: 60_000,
  });
}
