/** Task assignment through the API: announcements (draft → issued → superseded), who handles what, workload. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Announcement,
  AnnouncementSummary,
  AssignmentItemInput,
  SuggestedAnnouncementNumber,
  WhoHandles,
  Workload,
} from '../../../common/api/org';
import { ApiError, api } from '../../api/client';

export type Summary = z.infer<typeof AnnouncementSummary>;
export type ItemInput = z.input<typeof AssignmentItemInput>;
export type WhoHandlesAnswer = z.infer<typeof WhoHandles>;
export type WorkloadPage = z.infer<typeof Workload>;

export interface DraftInput {
  title?: string;
  preamble?: string;
  items?: ItemInput[];
  recipients?: string[];
}

export interface IssueInput {
  /** Absent: the server takes the next number of the commune's TB-UBND series. */
  number?: string;
  issuedOn: string;
  signerId: string;
  signerTitle?: string;
}

const communePath = (code: string) => `/api/v1/communes/${encodeURIComponent(code)}`;
const announcementPath = (id: string) => `/api/v1/assignments/${encodeURIComponent(id)}`;

/** The printable PDF (drafts carry a "DỰ THẢO" watermark); opened in a new tab. */
export const pdfUrl = (id: string) => `${announcementPath(id)}/pdf`;

/** The announcement in force, or null when the commune has issued none (the API answers 404). */
export function useCurrentAnnouncement(code: string) {
  return useQuery({
    queryKey: ['assignment', code, 'current'],
    queryFn: async ({ signal }) => {
      try {
        return await api<Announcement>(`${communePath(code)}/assignments/current`, { signal });
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

export function useAnnouncementHistory(code: string) {
  return useQuery({
    queryKey: ['assignment', code, 'history'],
    queryFn: ({ signal }) =>
      api<{ items: Summary[]; nextCursor: string | null }>(`${communePath(code)}/assignments`, {
        query: { limit: 100 },
        signal,
      }),
  });
}

export function useAnnouncement(id: string) {
  return useQuery({
    queryKey: ['announcement', id],
    queryFn: ({ signal }) => api<Announcement>(announcementPath(id), { signal }),
  });
}

function useAnnouncementChanged() {
  const client = useQueryClient();
  return (a: Announcement) => {
    client.setQueryData(['announcement', a.id], a);
    void client.invalidateQueries({ queryKey: ['assignment', a.communeCode] });
    void client.invalidateQueries({ queryKey: ['announcement'] });
  };
}

/** A new draft; without items the server starts it from the announcement in force. */
export function useCreateDraft(code: string) {
  const changed = useAnnouncementChanged();
  return useMutation({
    mutationFn: (body: DraftInput) =>
      api<Announcement>(`${communePath(code)}/assignments`, { method: 'POST', body }),
    onSuccess: changed,
  });
}

export function useUpdateDraft(id: string) {
  const changed = useAnnouncementChanged();
  return useMutation({
    mutationFn: (body: DraftInput) => api<Announcement>(announcementPath(id), { method: 'PATCH', body }),
    onSuccess: changed,
  });
}

export function useIssueAnnouncement(id: string) {
  const client = useQueryClient();
  const changed = useAnnouncementChanged();
  return useMutation({
    mutationFn: (body: IssueInput) =>
      api<Announcement>(`${announcementPath(id)}/issue`, { method: 'POST', body }),
    onSuccess: (issued) => {
      // It is the announcement in force now: shown at once, before the lists are read again.
      client.setQueryData(['assignment', issued.communeCode, 'current'], issued);
      changed(issued);
    },
  });
}

/** The number the server would give an announcement issued on that date (not reserved: taken on issuing). */
export function useSuggestedNumber(code: string, issuedOn: string | null, enabled: boolean) {
  return useQuery({
    queryKey: ['assignment', code, 'next-number', issuedOn],
    queryFn: ({ signal }) =>
      api<SuggestedAnnouncementNumber>(`${communePath(code)}/assignments/next-number`, {
        query: issuedOn ? { issuedOn } : {},
        signal,
      }),
    enabled,
  });
}

export function useWhoHandles(code: string, field: string) {
  return useQuery({
    queryKey: ['assignment', code, 'who', field],
    queryFn: ({ signal }) =>
      api<WhoHandlesAnswer>(`${communePath(code)}/who-handles`, { query: { field }, signal }),
    enabled: field.trim().length >= 2,
  });
}

export function useWorkload(code: string) {
  return useInfiniteQuery({
    queryKey: ['assignment', code, 'workload'],
    queryFn: ({ signal, pageParam }) =>
      api<WorkloadPage>(`${communePath(code)}/workload`, { query: { cursor: pageParam, limit: 50 }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
