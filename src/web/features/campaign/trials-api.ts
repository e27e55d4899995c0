/**
 * Trials, incidents and lessons learned through the API (src/common/api/campaign-trials.ts). Every path is named
 * here once.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CancelTrialRequest,
  CreateIncidentRequest,
  CreateLessonRequest,
  CreateTrialRequest,
  HoldTrialRequest,
  IncidentDetail,
  IncidentKind,
  IncidentList,
  IncidentSeverity,
  IncidentStatus,
  Lesson,
  LessonList,
  MoveTrialRequest,
  ReopenIncidentRequest,
  ResolveIncidentRequest,
  TrialDetail,
  TrialList,
  TrialStatus,
  UpdateIncidentRequest,
  UpdateTrialRequest,
} from '../../../common/api/campaign-trials';
import type { CommuneSummary } from '../../../common/api/units';
import { api } from '../../api/client';

export type { IncidentDetail, Lesson, TrialDetail };

const enc = encodeURIComponent;
const validCommune = (code: string) => /^\d{5}$/.test(code);

export const trialPaths = {
  trials: (code: string) => `/api/v1/communes/${enc(code)}/campaign/trials`,
  trial: (id: string) => `/api/v1/campaign/trials/${enc(id)}`,
  incidents: (code: string) => `/api/v1/communes/${enc(code)}/campaign/incidents`,
  incident: (id: string) => `/api/v1/campaign/incidents/${enc(id)}`,
  lessons: (code: string) => `/api/v1/communes/${enc(code)}/campaign/lessons`,
  provinceLessons: (province: string) => `/api/v1/provinces/${enc(province)}/campaign/lessons`,
  lesson: (id: string) => `/api/v1/campaign/lessons/${enc(id)}`,
};

// ——— trials ———

export function useTrials(communeCode: string, status?: TrialStatus) {
  return useQuery({
    queryKey: ['campaign', 'trials', communeCode, status ?? null],
    queryFn: ({ signal }) => api<TrialList>(trialPaths.trials(communeCode), { signal, query: { status } }),
    enabled: validCommune(communeCode),
  });
}

export function useTrial(id: string | null) {
  return useQuery({
    queryKey: ['campaign', 'trial', id],
    queryFn: ({ signal }) => api<TrialDetail>(trialPaths.trial(id ?? ''), { signal }),
    enabled: !!id,
  });
}

function useTrialWrite<B>(communeCode: string, send: (body: B) => Promise<TrialDetail>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (t) => {
      client.setQueryData(['campaign', 'trial', t.id], t);
      void client.invalidateQueries({ queryKey: ['campaign', 'trials', communeCode] });
    },
  });
}

export const useCreateTrial = (communeCode: string) =>
  useTrialWrite(communeCode, (body: CreateTrialRequest) =>
    api<TrialDetail>(trialPaths.trials(communeCode), { method: 'POST', body }),
  );
export const useUpdateTrial = (communeCode: string, id: string) =>
  useTrialWrite(communeCode, (body: UpdateTrialRequest) =>
    api<TrialDetail>(trialPaths.trial(id), { method: 'PATCH', body }),
  );
export const useTrialAction = <B extends MoveTrialRequest | HoldTrialRequest | CancelTrialRequest>(
  communeCode: string,
  id: string,
  action: 'move' | 'hold' | 'cancel',
) =>
  useTrialWrite(communeCode, (body: B) =>
    api<TrialDetail>(`${trialPaths.trial(id)}/${action}`, { method: 'POST', body }),
  );

/** The communes of a province (observers, the lessons' commune filter). */
export function useProvinceCommunes(provinceCode: string) {
  return useQuery({
    queryKey: ['province-communes', provinceCode],
    queryFn: ({ signal }) =>
      api<{ items: CommuneSummary[] }>(`/api/v1/provinces/${enc(provinceCode)}/communes`, { signal }),
    enabled: /^\d{2}$/.test(provinceCode),
    staleTime: 60 * 60_000,
  });
}

// ——— incidents ———

export interface IncidentFilters {
  status?: IncidentStatus;
  severity?: IncidentSeverity;
  kind?: IncidentKind;
}

export function useIncidents(communeCode: string, filters: IncidentFilters) {
  return useInfiniteQuery({
    queryKey: ['campaign', 'incidents', communeCode, filters],
    queryFn: ({ signal, pageParam }) =>
      api<IncidentList>(trialPaths.incidents(communeCode), {
        signal,
        query: { ...filters, cursor: pageParam, limit: 30 },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: validCommune(communeCode),
  });
}

export function useIncident(id: string | null) {
  return useQuery({
    queryKey: ['campaign', 'incident', id],
    queryFn: ({ signal }) => api<IncidentDetail>(trialPaths.incident(id ?? ''), { signal }),
    enabled: !!id,
  });
}

function useIncidentWrite<B>(communeCode: string, send: (body: B) => Promise<IncidentDetail>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (i) => {
      client.setQueryData(['campaign', 'incident', i.id], i);
      void client.invalidateQueries({ queryKey: ['campaign', 'incidents', communeCode] });
    },
  });
}

export const useCreateIncident = (communeCode: string) =>
  useIncidentWrite(communeCode, (body: CreateIncidentRequest) =>
    api<IncidentDetail>(trialPaths.incidents(communeCode), { method: 'POST', body }),
  );
export const useUpdateIncident = (communeCode: string, id: string) =>
  useIncidentWrite(communeCode, (body: UpdateIncidentRequest) =>
    api<IncidentDetail>(trialPaths.incident(id), { method: 'PATCH', body }),
  );
export const useResolveIncident = (communeCode: string, id: string) =>
  useIncidentWrite(communeCode, (body: ResolveIncidentRequest) =>
    api<IncidentDetail>(`${trialPaths.incident(id)}/resolve`, { method: 'POST', body }),
  );
export const useReopenIncident = (communeCode: string, id: string) =>
  useIncidentWrite(communeCode, (body: ReopenIncidentRequest) =>
    api<IncidentDetail>(`${trialPaths.incident(id)}/reopen`, { method: 'POST', body }),
  );

// ——— lessons ———

export interface LessonFilters {
  q?: string;
  tag?: string;
  commune?: string;
}

/** A commune's lessons (scope commune or province), or the province's when `provinceCode` is given instead. */
export function useLessons(
  where: { communeCode: string; scope: 'commune' | 'province' } | { provinceCode: string },
  filters: LessonFilters,
) {
  const path =
    'provinceCode' in where
      ? trialPaths.provinceLessons(where.provinceCode)
      : trialPaths.lessons(where.communeCode);
  const scope = 'scope' in where ? where.scope : undefined;
  return useInfiniteQuery({
    queryKey: ['campaign', 'lessons', where, filters],
    queryFn: ({ signal, pageParam }) =>
      api<LessonList>(path, { signal, query: { scope, ...filters, cursor: pageParam, limit: 20 } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCreateLesson(communeCode: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateLessonRequest) =>
      api<Lesson>(trialPaths.lessons(communeCode), { method: 'POST', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['campaign', 'lessons'] }),
  });
}

export function useDeleteLesson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<{ id: string }>(trialPaths.lesson(id), { method: 'DELETE' }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['campaign', 'lessons'] }),
  });
}

/** "2025-06-20" + "08:30" → an instant in Vietnam time. */
export const instantOf = (date: string, time: string) => `${date}T${time}:00+07:00`;

/** The time (HH:mm, Vietnam) now. */
export const nowTimeInVietnam = (now = new Date()) =>
  new Date(now.getTime() + 7 * 3600_000).toISOString().slice(11, 16);
