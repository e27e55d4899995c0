import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CommuneDetail, CommuneSummary, FormerUnitDetail, Province } from '../../../common/api/units';
import { api } from '../../api/client';

export type ProvinceHeader = Omit<Province, 'communeCount'>;

export function useProvinces() {
  return useQuery({
    queryKey: ['provinces'],
    queryFn: ({ signal }) => api<{ items: Province[] }>('/api/v1/provinces', { signal }),
    staleTime: 60 * 60_000,
  });
}

export function useProvinceCommunes(provinceCode: string) {
  return useQuery({
    queryKey: ['province-communes', provinceCode],
    queryFn: ({ signal }) =>
      api<{ province: ProvinceHeader; items: CommuneSummary[] }>(
        `/api/v1/provinces/${encodeURIComponent(provinceCode)}/communes`,
        { signal },
      ),
    staleTime: 60 * 60_000,
  });
}

export function useCommune(code: string) {
  return useQuery({
    queryKey: ['commune', code],
    queryFn: ({ signal }) => api<CommuneDetail>(`/api/v1/communes/${encodeURIComponent(code)}`, { signal }),
  });
}

export function useFormerUnit(code: string) {
  return useQuery({
    queryKey: ['former-unit', code],
    queryFn: ({ signal }) =>
      api<FormerUnitDetail>(`/api/v1/former-units/${encodeURIComponent(code)}`, { signal }),
  });
}

export interface TargetInput {
  communeCode: string;
  partial: boolean;
}

/** Administrator correction of where a former unit went (PUT), or its removal (DELETE). */
export function useFormerUnitCorrection(code: string) {
  const client = useQueryClient();
  const onSuccess = (detail: FormerUnitDetail) => {
    client.setQueryData(['former-unit', code], detail);
    // Communes' former-unit lists and resolver answers may have changed.
    void client.invalidateQueries({ queryKey: ['commune'] });
    void client.invalidateQueries({ queryKey: ['resolve'] });
  };
  const path = `/api/v1/former-units/${encodeURIComponent(code)}/targets`;
  const save = useMutation({
    mutationFn: (body: { targets: TargetInput[]; note: string }) =>
      api<FormerUnitDetail>(path, { method: 'PUT', body }),
    onSuccess,
  });
  const clear = useMutation({
    mutationFn: () => api<FormerUnitDetail>(path, { method: 'DELETE' }),
    onSuccess,
  });
  return { save, clear };
}
