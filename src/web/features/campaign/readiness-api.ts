/**
 * Readiness, templates, settings and go-live through the API (src/common/api/campaign-readiness.ts,
 * campaign-golive.ts). Every path is named here once.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GoLiveResult, GoLiveView } from '../../../common/api/campaign-golive';
import type {
  AnswerRequest,
  CampaignSettingsInput,
  CampaignSettingsView,
  CommuneReadiness,
  Evidence,
  ReadinessTemplate,
  ReadinessTemplateList,
  SaveTemplateRequest,
} from '../../../common/api/campaign-readiness';
import { api } from '../../api/client';

const enc = encodeURIComponent;

export const readinessPaths = {
  settings: (p: string) => `/api/v1/provinces/${enc(p)}/campaign/settings`,
  templates: (p: string) => `/api/v1/provinces/${enc(p)}/campaign/readiness-templates`,
  template: (id: string) => `/api/v1/campaign/readiness-templates/${enc(id)}`,
  readiness: (c: string) => `/api/v1/communes/${enc(c)}/campaign/readiness`,
  item: (c: string, key: string) => `/api/v1/communes/${enc(c)}/campaign/readiness/items/${enc(key)}`,
  evidence: (c: string, key: string, fileId?: string) =>
    `/api/v1/communes/${enc(c)}/campaign/readiness/items/${enc(key)}/evidence${fileId ? `/${enc(fileId)}` : ''}`,
  goLive: (c: string) => `/api/v1/communes/${enc(c)}/campaign/go-live`,
};

/** Everything that shows readiness or the go-live state (the board included) is read again after a change. */
function useInvalidateCampaign() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['campaign'] });
}

export function useSettings(provinceCode: string) {
  return useQuery({
    queryKey: ['campaign', 'settings', provinceCode],
    queryFn: ({ signal }) => api<CampaignSettingsView>(readinessPaths.settings(provinceCode), { signal }),
    enabled: /^\d{2}$/.test(provinceCode),
  });
}

export function useSaveSettings(provinceCode: string) {
  const invalidate = useInvalidateCampaign();
  return useMutation({
    mutationFn: (body: CampaignSettingsInput) =>
      api<CampaignSettingsView>(readinessPaths.settings(provinceCode), { method: 'PUT', body }),
    onSuccess: invalidate,
  });
}

export function useTemplates(provinceCode: string) {
  return useQuery({
    queryKey: ['campaign', 'templates', provinceCode],
    queryFn: ({ signal }) => api<ReadinessTemplateList>(readinessPaths.templates(provinceCode), { signal }),
    enabled: /^\d{2}$/.test(provinceCode),
  });
}

export function useTemplateActions(provinceCode: string) {
  const invalidate = useInvalidateCampaign();
  const create = useMutation({
    mutationFn: (from: 'published' | 'starter' | 'empty') =>
      api<ReadinessTemplate>(readinessPaths.templates(provinceCode), { method: 'POST', body: { from } }),
    onSuccess: invalidate,
  });
  const save = useMutation({
    mutationFn: ({ id, body }: { id: string; body: SaveTemplateRequest }) =>
      api<ReadinessTemplate>(readinessPaths.template(id), { method: 'PUT', body }),
    onSuccess: invalidate,
  });
  const publish = useMutation({
    mutationFn: (id: string) =>
      api<ReadinessTemplate>(`${readinessPaths.template(id)}/publish`, { method: 'POST' }),
    onSuccess: invalidate,
  });
  const discard = useMutation({
    mutationFn: (id: string) => api<void>(readinessPaths.template(id), { method: 'DELETE' }),
    onSuccess: invalidate,
  });
  return { create, save, publish, discard };
}

export function useReadiness(communeCode: string) {
  return useQuery({
    queryKey: ['campaign', 'readiness', communeCode],
    queryFn: ({ signal }) => api<CommuneReadiness>(readinessPaths.readiness(communeCode), { signal }),
    enabled: /^\d{5}$/.test(communeCode),
  });
}

export function useAnswerActions(communeCode: string) {
  const invalidate = useInvalidateCampaign();
  const answer = useMutation({
    mutationFn: ({ itemKey, body }: { itemKey: string; body: AnswerRequest }) =>
      api<CommuneReadiness>(readinessPaths.item(communeCode, itemKey), { method: 'PUT', body }),
    onSuccess: invalidate,
  });
  const upload = useMutation({
    mutationFn: ({ itemKey, file }: { itemKey: string; file: File }) => {
      const form = new FormData();
      form.append('file', file);
      return api<Evidence>(readinessPaths.evidence(communeCode, itemKey), { method: 'POST', body: form });
    },
    onSuccess: invalidate,
  });
  const remove = useMutation({
    mutationFn: ({ itemKey, fileId }: { itemKey: string; fileId: string }) =>
      api<void>(readinessPaths.evidence(communeCode, itemKey, fileId), { method: 'DELETE' }),
    onSuccess: invalidate,
  });
  return { answer, upload, remove };
}

export function useGoLive(communeCode: string) {
  return useQuery({
    queryKey: ['campaign', 'go-live', communeCode],
    queryFn: ({ signal }) => api<GoLiveView>(readinessPaths.goLive(communeCode), { signal }),
    enabled: /^\d{5}$/.test(communeCode),
  });
}

export function useGoLiveActions(communeCode: string) {
  const invalidate = useInvalidateCampaign();
  const qc = useQueryClient();
  const goLive = useMutation({
    mutationFn: (liveFrom: string) =>
      api<GoLiveResult>(readinessPaths.goLive(communeCode), { method: 'POST', body: { liveFrom } }),
    onSuccess: (result) => {
      // The answer is the new state: shown at once; everything else (board, rehearsal mode, meetings) read again.
      qc.setQueryData(['campaign', 'go-live', communeCode], result);
      void qc.invalidateQueries({
        predicate: (q) => !(q.queryKey[0] === 'campaign' && q.queryKey[1] === 'go-live'),
      });
    },
  });
  const override = useMutation({
    mutationFn: (reason: string) =>
      api<GoLiveView>(`${readinessPaths.goLive(communeCode)}/override`, { method: 'PUT', body: { reason } }),
    onSuccess: invalidate,
  });
  const withdraw = useMutation({
    mutationFn: () => api<GoLiveView>(`${readinessPaths.goLive(communeCode)}/override`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
  return { goLive, override, withdraw };
}
