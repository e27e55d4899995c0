/** One-stop dossiers through the API: the catalogue, intake, work queues, one dossier, actions, public status. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import type { z } from 'zod';
import type { AttachmentList, AttachmentView } from '../../../common/api/attachments';
import type {
  AssigneeOptions,
  DossierActionRequest,
  DossierListItem,
  DossierQueue,
  DossierView,
  IntakeRequest,
  IntakeResult,
  PublicDossierStatus,
  RatingRequest,
} from '../../../common/api/dossiers';
import type { DueDateChangePage } from '../../../common/api/due-date-changes';
import type { Fee, OutsideWorkflow, RequiredDocument, TimeLimit } from '../../../common/api/procedures';
import { api } from '../../api/client';
import { rememberIntake } from './last-intake';
import { newIdempotencyKey } from './online-api';

export type Queue = z.infer<typeof DossierQueue>;
export type ListItem = z.infer<typeof DossierListItem>;
export type PublicStatus = z.infer<typeof PublicDossierStatus>;
export type Intake = z.infer<typeof IntakeResult>;
export type { DossierView };

export interface ProcedureSummary {
  id: string;
  code: string;
  nationalCode: string | null;
  name: string;
  timeLimit: TimeLimit;
  timeLimitWorkingDays: number | null;
  timeLimitNote: string | null;
  fee: Fee;
  requiredDocuments: RequiredDocument[];
  resultDocument: string;
  /** Received by another agency, not the UBND's one-stop workflow (residence: the commune police). */
  outsideWorkflow?: OutsideWorkflow | null;
}

export function useProcedures(q: string) {
  return useQuery({
    queryKey: ['procedures', q],
    queryFn: ({ signal }) =>
      api<{ items: ProcedureSummary[] }>('/api/v1/procedures', { query: { q: q || undefined }, signal }),
    staleTime: 10 * 60_000,
    placeholderData: (prev) => prev,
  });
}

/** Narrowing of a work queue: a procedure and a range of local dates of receipt (YYYY-MM-DD). */
export interface QueueFilters {
  procedureId?: string;
  receivedFrom?: string;
  receivedTo?: string;
  /** Rehearsal dossiers (DIỄN TẬP): shown marked (default), left out, or alone. */
  rehearsal?: 'all' | 'official' | 'rehearsal';
  /** 'true': also the rehearsal dossiers archived at cutover. */
  archived?: 'true';
}

export function useDossierQueue(communeCode: string, queue: Queue, q: string, filters: QueueFilters = {}) {
  return useInfiniteQuery({
    queryKey: ['dossiers', communeCode, queue, q, filters],
    queryFn: ({ signal, pageParam }) =>
      api<{ items: ListItem[]; nextCursor: string | null }>('/api/v1/dossiers', {
        query: { communeCode, queue, q: q || undefined, ...filters, cursor: pageParam, limit: 50 },
        signal,
      }),
    staleTime: 0, // others move dossiers between queues: asked again each time the page opens
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const dossierKey = (id: string) => ['dossier', id] as const;

export function useDossier(id: string) {
  return useQuery({
    queryKey: dossierKey(id),
    queryFn: ({ signal }) => api<DossierView>(`/api/v1/dossiers/${encodeURIComponent(id)}`, { signal }),
    // Others act on the dossier meanwhile: reopening it must show its state now and the actions that fit it.
    staleTime: 0,
  });
}

export function useDossierAction(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: DossierActionRequest) =>
      api<DossierView>(`/api/v1/dossiers/${encodeURIComponent(id)}/actions`, { method: 'POST', body }),
    onSuccess: (view) => {
      client.setQueryData(dossierKey(id), view);
      void client.invalidateQueries({ queryKey: ['dossiers'] });
    },
    onError: () => void client.invalidateQueries({ queryKey: dossierKey(id) }),
  });
}

/**
 * Counter intake with one Idempotency-Key per form content: a double submit, or a resend after a lost answer,
 * gives back the same dossier; any change to the form is a new request.
 */
export function useIntake() {
  const client = useQueryClient();
  const sent = useRef<{ json: string; key: string } | null>(null);
  return useMutation({
    mutationFn: (body: IntakeRequest) => {
      const json = JSON.stringify(body);
      if (sent.current?.json !== json) sent.current = { json, key: newIdempotencyKey('counter') };
      return api<Intake>('/api/v1/dossiers', {
        method: 'POST',
        body,
        headers: { 'idempotency-key': sent.current.key },
      });
    },
    onSuccess: (result, body) => {
      rememberIntake(body.receivingCommuneCode, {
        id: result.id,
        code: result.code,
        receivedAt: new Date().toISOString(),
      });
      void client.invalidateQueries({ queryKey: ['dossiers'] });
    },
  });
}

export function usePublicStatus(lookup: { code: string; verifier: string } | null) {
  return useQuery({
    queryKey: ['public-dossier', lookup?.code, lookup?.verifier],
    queryFn: ({ signal }) =>
      api<PublicStatus>(`/api/v1/public/dossiers/${encodeURIComponent(lookup?.code ?? '')}`, {
        query: { verifier: lookup?.verifier },
        signal,
      }),
    enabled: lookup !== null,
    retry: false,
  });
}

export const receiptUrl = (id: string) => `/api/v1/dossiers/${encodeURIComponent(id)}/slips/receipt.pdf`;

export type AssigneeChoices = z.infer<typeof AssigneeOptions>;

/** The specialists a dossier can be handed to, and who the task assignment puts in charge. */
export function useAssigneeOptions(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['dossier-assignees', id],
    queryFn: ({ signal }) =>
      api<AssigneeChoices>(`/api/v1/dossiers/${encodeURIComponent(id)}/assignees`, { signal }),
    enabled,
  });
}

/** The applicant's satisfaction rating after return (public: code + verifier). */
export function useRateDossier(lookup: { code: string; verifier: string }) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RatingRequest) =>
      api<{ rating: string }>(`/api/v1/public/dossiers/${encodeURIComponent(lookup.code)}/rating`, {
        method: 'POST',
        query: { verifier: lookup.verifier },
        body,
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['public-dossier', lookup.code] }),
  });
}

// Scanned documents (thành phần hồ sơ điện tử) of a dossier.
export type { AttachmentList, AttachmentView };

export const attachmentsKey = (dossierId: string) => ['dossier-attachments', dossierId] as const;

const attachmentsPath = (dossierId: string) =>
  `/api/v1/dossiers/${encodeURIComponent(dossierId)}/attachments`;

/** The file itself (`download` → saved rather than shown in the browser). */
export const attachmentUrl = (dossierId: string, attachmentId: string, download = false) =>
  `${attachmentsPath(dossierId)}/${encodeURIComponent(attachmentId)}${download ? '?download=1' : ''}`;

export function useAttachments(dossierId: string) {
  return useQuery({
    queryKey: attachmentsKey(dossierId),
    queryFn: ({ signal }) => api<AttachmentList>(attachmentsPath(dossierId), { signal }),
  });
}

/** Uploads one scan; `documentIndex` null = a document outside the checklist. */
export function useUploadAttachment(dossierId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, documentIndex }: { file: File; documentIndex: number | null }) => {
      const form = new FormData();
      if (documentIndex !== null) form.append('documentIndex', String(documentIndex));
      form.append('file', file, file.name);
      return api<AttachmentView>(attachmentsPath(dossierId), { method: 'POST', body: form });
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: attachmentsKey(dossierId) }),
  });
}

/** Appointments moved by a calendar change and not yet told to the applicant (the counter's list). */
export function useDueDateChanges(communeCode: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['due-date-changes', communeCode],
    queryFn: ({ signal, pageParam }) =>
      api<DueDateChangePage>(`/api/v1/communes/${encodeURIComponent(communeCode)}/due-date-changes`, {
        query: { acknowledged: 'false', limit: 50, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

/** "Đã báo cho công dân": takes the line off the list (409 when someone did it already; the list refreshes). */
export function useAcknowledgeDueDateChange(communeCode: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<{ id: string; acknowledgedAt: string }>(
        `/api/v1/due-date-changes/${encodeURIComponent(id)}/acknowledge`,
        { method: 'POST' },
      ),
    onSettled: () => void client.invalidateQueries({ queryKey: ['due-date-changes', communeCode] }),
  });
}

/** The queue as an Excel file, with the same filters as on screen. */
export function exportUrl(communeCode: string, queue: Queue, q: string, filters: QueueFilters): string {
  const params = new URLSearchParams({ communeCode, queue });
  if (q) params.set('q', q);
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
  return `/api/v1/dossiers/export.xlsx?${params}`;
}
