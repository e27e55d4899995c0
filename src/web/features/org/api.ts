/** The commune's organisation through the API: bodies, org chart, officials, positions, staff import. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Body,
  ImportReport,
  Official,
  OfficialInput,
  OrgChartNode,
  PositionInput,
} from '../../../common/api/org';
import { api } from '../../api/client';

export type OrgNode = z.infer<typeof OrgChartNode>;
export type OfficialStatus = Official['status'];
export type NewOfficial = z.input<typeof OfficialInput>;
export type NewPosition = z.input<typeof PositionInput>;

const communePath = (code: string) => `/api/v1/communes/${encodeURIComponent(code)}`;

export function useOrgChart(code: string) {
  return useQuery({
    queryKey: ['org', code, 'chart'],
    queryFn: ({ signal }) => api<{ items: OrgNode[] }>(`${communePath(code)}/org-chart`, { signal }),
  });
}

export function useBodies(code: string | undefined) {
  return useQuery({
    queryKey: ['org', code, 'bodies'],
    queryFn: ({ signal }) => api<{ items: Body[] }>(`${communePath(code ?? '')}/bodies`, { signal }),
    enabled: !!code,
  });
}

export interface OfficialsFilter {
  q?: string;
  status?: OfficialStatus;
}

/** The officials list, a page of 50 at a time ("Xem thêm" asks for the next). */
export function useOfficials(code: string, filter: OfficialsFilter) {
  return useInfiniteQuery({
    queryKey: ['org', code, 'officials', filter.q ?? '', filter.status ?? ''],
    queryFn: ({ signal, pageParam }) =>
      api<{ items: Official[]; nextCursor: string | null }>(`${communePath(code)}/officials`, {
        query: { q: filter.q, status: filter.status, cursor: pageParam, limit: 50 },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Every active official of the commune (for choosing people: up to 200, a commune has far fewer). */
export function useActiveOfficials(code: string | undefined) {
  return useQuery({
    queryKey: ['org', code, 'officials', 'all-active'],
    queryFn: ({ signal }) =>
      api<{ items: Official[]; nextCursor: string | null }>(`${communePath(code ?? '')}/officials`, {
        query: { status: 'active', limit: 200 },
        signal,
      }),
    enabled: !!code,
  });
}

export function useOfficial(id: string) {
  return useQuery({
    queryKey: ['official', id],
    queryFn: ({ signal }) => api<Official>(`/api/v1/officials/${encodeURIComponent(id)}`, { signal }),
  });
}

/** After a change to people or positions: the commune's lists and chart are read again. */
function useOrgChanged() {
  const client = useQueryClient();
  return (official: Official) => {
    client.setQueryData(['official', official.id], official);
    void client.invalidateQueries({ queryKey: ['org', official.communeCode] });
    void client.invalidateQueries({ queryKey: ['assignment', official.communeCode] });
  };
}

export function useCreateOfficial(code: string) {
  const changed = useOrgChanged();
  return useMutation({
    mutationFn: (body: NewOfficial) =>
      api<Official>(`${communePath(code)}/officials`, { method: 'POST', body }),
    onSuccess: changed,
  });
}

export function useAddPosition(officialId: string) {
  const changed = useOrgChanged();
  return useMutation({
    mutationFn: (body: NewPosition) =>
      api<Official>(`/api/v1/officials/${encodeURIComponent(officialId)}/positions`, {
        method: 'POST',
        body,
      }),
    onSuccess: changed,
  });
}

export function useEndPosition() {
  const changed = useOrgChanged();
  return useMutation({
    mutationFn: ({ positionId, endDate }: { positionId: string; endDate: string }) =>
      api<Official>(`/api/v1/positions/${encodeURIComponent(positionId)}`, {
        method: 'PATCH',
        body: { endDate },
      }),
    onSuccess: changed,
  });
}

export interface ImportInput {
  filename: string;
  contentBase64: string;
  dryRun: boolean;
}

export function useImportStaff(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ImportInput) =>
      api<ImportReport>(`${communePath(code)}/officials/import`, { method: 'POST', body }),
    onSuccess: (report) => {
      if (report.imported) void client.invalidateQueries({ queryKey: ['org', code] });
    },
  });
}

export function useActivateCommune(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<unknown>(`${communePath(code)}/activate`, { method: 'POST', body: {} }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['org', code] }),
  });
}
