/** The work queues' counts and the province officer's overview, through the API. */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ProvinceDossierOverview, QUEUE_TABS, QueueCounts } from '../../../common/api/dossiers';
import { api } from '../../api/client';
import type { QueueFilters } from './api';

export type QueueTab = (typeof QUEUE_TABS)[number];
export type Counts = z.infer<typeof QueueCounts>['counts'];
export type ProvinceOverview = z.infer<typeof ProvinceDossierOverview>;

/** How many dossiers each tab holds, with the search and filters on screen (one request for all tabs). */
export function useQueueCounts(communeCode: string, q: string, filters: QueueFilters = {}) {
  return useQuery({
    queryKey: ['dossiers', communeCode, 'counts', q, filters],
    queryFn: ({ signal }) =>
      api<z.infer<typeof QueueCounts>>('/api/v1/dossiers/queue-counts', {
        query: { communeCode, q: q || undefined, ...filters },
        signal,
      }),
    staleTime: 0, // others move dossiers between queues: asked again each time the page opens
    placeholderData: (prev) => (prev?.communeCode === communeCode ? prev : undefined),
  });
}

export function useProvinceOverview(provinceCode: string | null) {
  return useQuery({
    queryKey: ['province-overview', provinceCode],
    queryFn: ({ signal }) =>
      api<ProvinceOverview>(`/api/v1/provinces/${encodeURIComponent(provinceCode ?? '')}/dossier-overview`, {
        signal,
      }),
    enabled: !!provinceCode,
  });
}
