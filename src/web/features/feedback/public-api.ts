/**
 * The citizen's feedback pages through the public API (no account): categories of a commune, duplicate
 * suggestions while writing, the submission (multipart, without the session cookie), tracking and rating with the
 * code + phone, e-mail or PIN, the published answers and the map of located reports.
 */

import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { DuplicateSuggestion, TrackedFeedback } from '../../../common/api/feedback';
import type {
  FeedbackMap,
  MapTiles,
  NewReportRequest,
  PublicFeedbackItem,
  PublicFeedbackPage,
  SubmittedReport,
} from '../../../common/api/feedback-intake';
import type { PublicFeedbackCategoryList as CategoryListSchema } from '../../../common/api/feedback-queue';

type PublicFeedbackCategoryList = z.infer<typeof CategoryListSchema>;

import { ApiError, api, type ProblemFieldError } from '../../api/client';
import { currentLanguage } from '../../i18n';

const BASE = '/api/v1/public/feedback';

/** The JSON part (`data`) of the public submission. */
export type SubmitFeedbackBody = NewReportRequest;
/** What the submission answers: the tracking code, the PIN (anonymous only, shown once) and the commune. */
export type SubmitFeedbackResult = SubmittedReport;
export type { MapTiles, PublicFeedbackItem };
export type MapPoint = FeedbackMap['points'][number];
export type PublicCategory = PublicFeedbackCategoryList['items'][number];

export interface PublicFilters {
  q?: string;
  provinceCode?: string;
  communeCode?: string;
  categoryKey?: string;
}

export interface TrackLookup {
  code: string;
  contact: string;
}

export interface RateBody {
  resolved: boolean;
  rating?: number;
  comment?: string;
}

/** Active categories of the commune's province (the submission's list). */
export function useFeedbackCategories(communeCode: string | null) {
  return useQuery<PublicCategory[]>({
    queryKey: ['feedback-public', 'categories', communeCode],
    queryFn: ({ signal }) =>
      api<PublicFeedbackCategoryList>(`${BASE}/categories`, {
        query: { communeCode },
        signal,
      }).then((r) => r.items),
    enabled: !!communeCode,
    staleTime: 10 * 60_000,
  });
}

/** The map's tile source (null: no tiles configured, points on a plain background). */
export function useMapTiles() {
  return useQuery({
    queryKey: ['feedback-public', 'map-tiles'],
    queryFn: ({ signal }) => api<MapTiles>('/api/v1/public/map-tiles', { signal }),
    staleTime: 60 * 60_000,
    retry: 1,
  });
}

/** Similar open reports of the commune (at most 5), for the text being written and the point picked. */
export function useDuplicateSuggestions(input: {
  communeCode: string | null;
  text: string;
  latitude: number | null;
  longitude: number | null;
}) {
  const text = input.text.trim();
  const hasPoint = input.latitude !== null && input.longitude !== null;
  return useQuery<DuplicateSuggestion[]>({
    queryKey: ['feedback-public', 'duplicates', input.communeCode, text, input.latitude, input.longitude],
    queryFn: ({ signal }) =>
      api<DuplicateSuggestion[]>(`${BASE}/duplicates`, {
        query: {
          communeCode: input.communeCode,
          text,
          lat: hasPoint ? input.latitude : undefined,
          lng: hasPoint ? input.longitude : undefined,
        },
        signal,
      }),
    enabled: !!input.communeCode && (text.length >= 8 || hasPoint),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });
}

async function problemOf(res: Response): Promise<ApiError> {
  const answer = (await res.json().catch(() => null)) as {
    code?: unknown;
    detail?: unknown;
    errors?: ProblemFieldError[];
  } | null;
  return new ApiError(
    res.status,
    typeof answer?.code === 'string' ? answer.code : `http_${res.status}`,
    typeof answer?.detail === 'string' ? answer.detail : '',
    Array.isArray(answer?.errors) ? answer.errors : [],
  );
}

/**
 * Sends the report as multipart (`data` = the JSON body, `files` = each photo or file) without the session cookie:
 * a citizen's report is not an official's, and a signed-in official's CSRF token is then not needed.
 */
async function postFeedback(body: SubmitFeedbackBody, files: File[]): Promise<SubmitFeedbackResult> {
  const form = new FormData();
  form.append('data', JSON.stringify(body));
  for (const f of files) form.append('files', f, f.name);
  const res = await fetch(BASE, {
    method: 'POST',
    credentials: 'omit',
    headers: { accept: 'application/json, application/problem+json', 'accept-language': currentLanguage() },
    body: form,
  });
  if (!res.ok) throw await problemOf(res);
  return (await res.json()) as SubmitFeedbackResult;
}

export function useSubmitFeedback() {
  return useMutation({
    mutationFn: ({ body, files }: { body: SubmitFeedbackBody; files: File[] }) => postFeedback(body, files),
  });
}

/** A public POST without the session cookie (tracking and rating are the reporter's, never an official's). */
async function postPublic<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(path, {
    method: 'POST',
    credentials: 'omit',
    headers: {
      accept: 'application/json, application/problem+json',
      'accept-language': currentLanguage(),
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw await problemOf(res);
  return (await res.json()) as T;
}

/** The reporter's view of their report (code + phone, e-mail or PIN); a wrong pair answers like an unknown code. */
export function useTrackFeedback(lookup: TrackLookup | null) {
  return useQuery({
    queryKey: ['feedback-public', 'track', lookup?.code, lookup?.contact],
    queryFn: () => postPublic<TrackedFeedback>(`${BASE}/track`, lookup),
    enabled: !!lookup,
    retry: false,
    gcTime: 0,
  });
}

/** "Đã được giải quyết chưa?": resolved yes/no, stars and a comment; "no" reopens the report. */
export function useRateFeedback() {
  return useMutation({
    mutationFn: ({ lookup, body }: { lookup: TrackLookup; body: RateBody }) =>
      postPublic<TrackedFeedback>(`${BASE}/rate`, { ...lookup, ...body }),
  });
}

/** Published answers, newest first, searched without diacritics; cursor-paginated. */
export function usePublicFeedbackList(filters: PublicFilters) {
  return useInfiniteQuery({
    queryKey: ['feedback-public', 'list', filters],
    queryFn: ({ signal, pageParam }) =>
      api<PublicFeedbackPage>(BASE, {
        query: { ...filters, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** Located reports of a province or a commune for the map. */
export function useFeedbackMap(scope: { provinceCode?: string; communeCode?: string }, enabled = true) {
  return useQuery({
    queryKey: ['feedback-public', 'map', scope],
    queryFn: ({ signal }) =>
      api<FeedbackMap>(`${BASE}/map`, {
        query: scope.communeCode ? { communeCode: scope.communeCode } : { provinceCode: scope.provinceCode },
        signal,
      }),
    enabled: enabled && !!(scope.provinceCode || scope.communeCode),
    staleTime: 60_000,
  });
}

/** One published report (e.g. a duplicate suggested while writing: "theo dõi phản ánh đó"). */
export function usePublishedFeedback(code: string | null) {
  return useQuery({
    queryKey: ['feedback-public', 'by-code', code],
    queryFn: ({ signal }) =>
      api<PublicFeedbackItem>(`${BASE}/by-code/${encodeURIComponent(code ?? '')}`, { signal }),
    enabled: !!code,
    retry: false,
  });
}

/** A photo of a published report. */
export const publicPhotoUrl = (code: string, fileId: string) =>
  `${BASE}/by-code/${encodeURIComponent(code)}/files/${encodeURIComponent(fileId)}`;
