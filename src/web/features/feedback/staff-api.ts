/**
 * The staff's feedback pages through the API: the commune's queue (filters, counts, export), statistics, the
 * counter/phone intake, one report and its actions, the province's overview, categories and settings.
 */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  DuplicateSuggestion,
  FeedbackCategory,
  FeedbackChannel,
  FeedbackDetail,
  FeedbackState,
  FeedbackSummary,
} from '../../../common/api/feedback';
import type { FeedbackAssignees } from '../../../common/api/feedback-handling';
import type { StaffReportRequest, StaffSubmittedReport } from '../../../common/api/feedback-intake';
import type {
  CreateFeedbackCategoryRequest,
  FeedbackCategoryList,
  FeedbackQueueCounts,
  FeedbackQueuePage,
  FeedbackSettings,
  FeedbackSettingsInput,
  FeedbackStatistics,
  ProvinceFeedbackOverview,
  UpdateFeedbackCategoryRequest,
} from '../../../common/api/feedback-queue';
import { api } from '../../api/client';

export type {
  DuplicateSuggestion,
  FeedbackAssignees,
  FeedbackCategory,
  FeedbackDetail,
  FeedbackQueueCounts,
  FeedbackSettings,
  FeedbackStatistics,
  FeedbackSummary,
  ProvinceFeedbackOverview,
};
export type StaffSubmitted = z.infer<typeof StaffSubmittedReport>;

// ---------------------------------------------------------------------------------------------------------------
// Queue

/** The queue's filters, as the API names them (the page keeps them in the address under Vietnamese names). */
export interface FeedbackFilters {
  state?: FeedbackState;
  categoryId?: string;
  channel?: FeedbackChannel;
  due?: 'soon' | 'overdue';
  assignee?: 'me';
  q?: string;
}

const clean = (filters: FeedbackFilters) =>
  Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== '')) as Record<
    string,
    string
  >;

export const feedbackListKey = (communeCode: string) => ['feedback-queue', communeCode] as const;

export function useFeedbackQueue(communeCode: string, filters: FeedbackFilters) {
  return useInfiniteQuery({
    queryKey: [...feedbackListKey(communeCode), filters],
    queryFn: ({ signal, pageParam }) =>
      api<FeedbackQueuePage>(`/api/v1/communes/${encodeURIComponent(communeCode)}/feedback`, {
        query: { ...clean(filters), cursor: pageParam, limit: 50 },
        signal,
      }),
    staleTime: 0, // others move reports between states: asked again each time the page opens
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (prev) => prev,
  });
}

/** The XLSX of the list as filtered on screen. */
export function feedbackExportUrl(communeCode: string, filters: FeedbackFilters): string {
  const params = new URLSearchParams(clean(filters));
  const qs = params.toString();
  return `/api/v1/communes/${encodeURIComponent(communeCode)}/feedback/export.xlsx${qs ? `?${qs}` : ''}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Statistics

export function useFeedbackStatistics(communeCode: string, range: { from?: string; to?: string }) {
  return useQuery({
    queryKey: ['feedback-statistics', communeCode, range],
    queryFn: ({ signal }) =>
      api<FeedbackStatistics>(`/api/v1/communes/${encodeURIComponent(communeCode)}/feedback/statistics`, {
        query: range,
        signal,
      }),
    placeholderData: (prev) => prev,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Categories and settings of a province

export const categoriesKey = (provinceCode: string) => ['feedback-categories', provinceCode] as const;

export function useFeedbackCategories(provinceCode: string) {
  return useQuery({
    queryKey: categoriesKey(provinceCode),
    queryFn: ({ signal }) =>
      api<z.infer<typeof FeedbackCategoryList>>(
        `/api/v1/provinces/${encodeURIComponent(provinceCode)}/feedback/categories`,
        { signal },
      ).then((r) => r.items),
    enabled: !!provinceCode,
    staleTime: 60_000,
  });
}

export type CategoryInput = CreateFeedbackCategoryRequest;

export function useCreateCategory(provinceCode: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CategoryInput) =>
      api<FeedbackCategory>(`/api/v1/provinces/${encodeURIComponent(provinceCode)}/feedback/categories`, {
        method: 'POST',
        body,
      }),
    onSettled: () => void client.invalidateQueries({ queryKey: categoriesKey(provinceCode) }),
  });
}

export function useUpdateCategory(provinceCode: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateFeedbackCategoryRequest & { id: string }) =>
      api<FeedbackCategory>(`/api/v1/feedback-categories/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        body,
      }),
    onSettled: () => void client.invalidateQueries({ queryKey: categoriesKey(provinceCode) }),
  });
}

export function useFeedbackSettings(provinceCode: string) {
  return useQuery({
    queryKey: ['feedback-settings', provinceCode],
    queryFn: ({ signal }) =>
      api<FeedbackSettings>(`/api/v1/provinces/${encodeURIComponent(provinceCode)}/feedback/settings`, {
        signal,
      }),
    enabled: !!provinceCode,
  });
}

export function useSaveSettings(provinceCode: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: FeedbackSettingsInput) =>
      api<FeedbackSettings>(`/api/v1/provinces/${encodeURIComponent(provinceCode)}/feedback/settings`, {
        method: 'PUT',
        body,
      }),
    onSuccess: (saved) => client.setQueryData(['feedback-settings', provinceCode], saved),
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Province overview and queue

export function useProvinceFeedbackOverview(provinceCode: string) {
  return useQuery({
    queryKey: ['feedback-province-overview', provinceCode],
    queryFn: ({ signal }) =>
      api<ProvinceFeedbackOverview>(
        `/api/v1/provinces/${encodeURIComponent(provinceCode)}/feedback/overview`,
        {
          signal,
        },
      ),
    staleTime: 0,
  });
}

export function useProvinceFeedbackQueue(provinceCode: string, state: 'escalated' | 'overdue') {
  return useInfiniteQuery({
    queryKey: ['feedback-province-queue', provinceCode, state],
    queryFn: ({ signal, pageParam }) =>
      api<{ items: FeedbackSummary[]; nextCursor: string | null }>(
        `/api/v1/provinces/${encodeURIComponent(provinceCode)}/feedback`,
        {
          query: { state, cursor: pageParam },
          signal,
        },
      ),
    staleTime: 0,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Intake at the counter or from a phone call

export type StaffIntakeInput = z.input<typeof StaffReportRequest>;

export function useReceiveFeedback(communeCode: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ data, files }: { data: StaffIntakeInput; files: File[] }) => {
      const form = new FormData();
      form.set('data', JSON.stringify(data));
      for (const f of files) form.append('files', f, f.name);
      return api<StaffSubmitted>(`/api/v1/communes/${encodeURIComponent(communeCode)}/feedback`, {
        method: 'POST',
        body: form,
      });
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: feedbackListKey(communeCode) }),
  });
}

// ---------------------------------------------------------------------------------------------------------------
// One report

export const reportKey = (id: string) => ['feedback-report', id] as const;

export function useFeedbackReport(id: string) {
  return useQuery({
    queryKey: reportKey(id),
    queryFn: ({ signal }) => api<FeedbackDetail>(`/api/v1/feedback/${encodeURIComponent(id)}`, { signal }),
    staleTime: 0, // others act on the report meanwhile
  });
}

export function useDuplicates(id: string, enabled = true) {
  return useQuery({
    queryKey: ['feedback-duplicates', id],
    queryFn: ({ signal }) =>
      api<DuplicateSuggestion[] | { items: DuplicateSuggestion[] }>(
        `/api/v1/feedback/${encodeURIComponent(id)}/duplicates`,
        { signal },
      ).then((r) => (Array.isArray(r) ? r : r.items)),
    enabled: !!id && enabled,
  });
}

export function useFeedbackAssignees(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['feedback-assignees', id],
    queryFn: ({ signal }) =>
      api<FeedbackAssignees>(`/api/v1/feedback/${encodeURIComponent(id)}/assignees`, { signal }),
    enabled,
  });
}

/** The actions officials take through POST /feedback/:id/actions/:action ('approve': a leader approves a draft). */
export const STAFF_ACTIONS = [
  'accept',
  'reject',
  'assign',
  'answer',
  'approve',
  'return_answer',
  'edit_public',
  'close',
  'split',
  'merge',
  'forward',
  'escalate',
  'return_from_province',
] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

export function useFeedbackAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      action,
      body,
    }: {
      action: StaffAction;
      body: Record<string, unknown> & { version: number };
    }) =>
      api<FeedbackDetail>(`/api/v1/feedback/${encodeURIComponent(id)}/actions/${action}`, {
        method: 'POST',
        body,
      }),
    onSuccess: (view) => {
      client.setQueryData(reportKey(id), view);
      void client.invalidateQueries({ queryKey: ['feedback-queue'] });
      void client.invalidateQueries({ queryKey: ['feedback-duplicates'] });
      void client.invalidateQueries({ queryKey: ['feedback-province-queue'] });
    },
  });
}

export const feedbackFileUrl = (id: string, fileId: string) =>
  `/api/v1/feedback/${encodeURIComponent(id)}/files/${encodeURIComponent(fileId)}`;
