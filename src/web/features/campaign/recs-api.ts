/**
 * Recommendations to the province, inspections and directives through the API
 * (src/common/api/campaign-recommendations.ts). Every path is named here once.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Directive,
  Inspection,
  Recommendation,
  RecommendationCategory,
  RecommendationDetail,
  RecommendationOutcome,
  RecommendationStatus,
} from '../../../common/api/campaign-recommendations';
import { api } from '../../api/client';

export type {
  Directive,
  Inspection,
  Recommendation,
  RecommendationCategory,
  RecommendationDetail,
  RecommendationOutcome,
  RecommendationStatus,
};

export interface RecFilters {
  status?: string;
  category?: string;
  commune?: string;
  overdue?: string;
  mine?: string;
}

const KEY = ['campaign-recs'] as const;

export function useCommuneRecommendations(communeCode: string, filters: RecFilters) {
  return useQuery({
    queryKey: [...KEY, 'commune', communeCode, filters],
    queryFn: () =>
      api<{ items: Recommendation[] }>(`/api/v1/communes/${communeCode}/campaign/recommendations`, {
        query: { ...filters },
      }),
  });
}

export function useProvinceRecommendations(provinceCode: string, filters: RecFilters) {
  return useQuery({
    queryKey: [...KEY, 'province', provinceCode, filters],
    queryFn: () =>
      api<{ items: Recommendation[] }>(`/api/v1/provinces/${provinceCode}/campaign/recommendations`, {
        query: { ...filters },
      }),
  });
}

export function useRecommendation(id: string | null) {
  return useQuery({
    queryKey: [...KEY, 'one', id],
    queryFn: () => api<RecommendationDetail>(`/api/v1/campaign/recommendations/${id}`),
    enabled: !!id,
  });
}

export function useDepartmentHandlers(provinceCode: string, enabled: boolean) {
  return useQuery({
    queryKey: [...KEY, 'handlers', provinceCode],
    queryFn: () =>
      api<{ items: { accountId: string; username: string; displayName: string }[] }>(
        `/api/v1/provinces/${provinceCode}/campaign/department-handlers`,
      ),
    enabled,
  });
}

export function useSendRecommendation(communeCode: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: {
      category: RecommendationCategory;
      title: string;
      content: string;
      urgency: 'normal' | 'urgent';
      files: File[];
    }) => {
      const { files, ...body } = input;
      const rec = await api<RecommendationDetail>(
        `/api/v1/communes/${communeCode}/campaign/recommendations`,
        {
          method: 'POST',
          body,
        },
      );
      for (const file of files) {
        const form = new FormData();
        form.append('file', file, file.name);
        await api(`/api/v1/campaign/recommendations/${rec.id}/evidence`, { method: 'POST', body: form });
      }
      return rec;
    },
    onSettled: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useAddEvidence() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, file }: { id: string; file: File }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api(`/api/v1/campaign/recommendations/${id}/evidence`, { method: 'POST', body: form });
    },
    onSettled: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export type RecStep = 'receive' | 'assign' | 'answer' | 'close' | 'reopen';

export function useRecommendationStep() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, step, body }: { id: string; step: RecStep; body: Record<string, unknown> }) =>
      api<RecommendationDetail>(`/api/v1/campaign/recommendations/${id}/${step}`, { method: 'POST', body }),
    onSettled: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export const evidenceUrl = (id: string, fileId: string) =>
  `/api/v1/campaign/recommendations/${id}/evidence/${fileId}`;

// ——— directives and inspections ———

const DKEY = ['campaign-directives'] as const;
const IKEY = ['campaign-inspections'] as const;

export function useCommuneDirectives(communeCode: string, filters: { status?: string; overdue?: string }) {
  return useQuery({
    queryKey: [...DKEY, communeCode, filters],
    queryFn: () =>
      api<{ items: Directive[] }>(`/api/v1/communes/${communeCode}/campaign/directives`, { query: filters }),
  });
}

export function useDirectiveDone() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, note }: { id: string; version: number; note: string }) =>
      api<Directive>(`/api/v1/campaign/directives/${id}/done`, { method: 'POST', body: { version, note } }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: DKEY });
      void qc.invalidateQueries({ queryKey: IKEY });
    },
  });
}

export function useInspections(provinceCode: string) {
  return useQuery({
    queryKey: [...IKEY, provinceCode],
    queryFn: () => api<{ items: Inspection[] }>(`/api/v1/provinces/${provinceCode}/campaign/inspections`),
  });
}

export function useInspectionWrite(provinceCode: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (
      w:
        | {
            kind: 'create';
            body: {
              title: string;
              plannedDate: string;
              team: { lead: string; members: string[] };
              communeCodes: string[];
            };
          }
        | { kind: 'change'; id: string; body: Record<string, unknown> }
        | { kind: 'visit'; id: string; communeCode: string; body: Record<string, unknown> }
        | { kind: 'directive'; id: string; body: { communeCode: string; content: string; dueDate: string } },
    ): Promise<unknown> => {
      if (w.kind === 'create')
        return api(`/api/v1/provinces/${provinceCode}/campaign/inspections`, {
          method: 'POST',
          body: w.body,
        });
      if (w.kind === 'change')
        return api(`/api/v1/campaign/inspections/${w.id}`, { method: 'PATCH', body: w.body });
      if (w.kind === 'visit')
        return api(`/api/v1/campaign/inspections/${w.id}/visits/${w.communeCode}`, {
          method: 'PUT',
          body: w.body,
        });
      return api(`/api/v1/campaign/inspections/${w.id}/directives`, { method: 'POST', body: w.body });
    },
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: IKEY });
      void qc.invalidateQueries({ queryKey: DKEY });
    },
  });
}
