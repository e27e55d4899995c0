/** The citizen's online submission through the API: communes to choose, the submission, the applicant's scans. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AttachmentView } from '../../../common/api/attachments';
import type {
  OnlineCommunes,
  PublicSubmissionRequest,
  PublicSubmissionResult,
} from '../../../common/api/dossiers';
import { ApiError, api, type ProblemFieldError } from '../../api/client';
import { currentLanguage } from '../../i18n';

export type Submission = z.infer<typeof PublicSubmissionResult>;
export type ApplicantScan = Omit<AttachmentView, 'dossierId' | 'uploadedBy'>;
export type OnlineCommuneList = z.infer<typeof OnlineCommunes>;

/** The communes that take online filings (activated in XãSố), by province. */
export function useOnlineCommunes() {
  return useQuery({
    queryKey: ['online-communes'],
    queryFn: ({ signal }) => api<OnlineCommuneList>('/api/v1/public/online-communes', { signal }),
    staleTime: 10 * 60_000,
  });
}

/** The electronic result of a returned dossier (code + the phone or ID number given). */
export const publicResultUrl = (code: string, verifier: string) =>
  `/api/v1/public/dossiers/${encodeURIComponent(code)}/result?verifier=${encodeURIComponent(verifier)}`;

/** A random key for one form's submission (works on plain http too, where crypto.randomUUID is missing). */
export function newIdempotencyKey(prefix = 'online'): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `${prefix}-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Sends the form without the session cookie (a citizen's submission is anonymous, and a signed-in official's
 * CSRF token is then not needed), with the form's Idempotency-Key so a double click or a resend after a lost
 * answer gives back the same dossier.
 */
async function postSubmission(body: PublicSubmissionRequest, key: string): Promise<Submission> {
  const res = await fetch('/api/v1/public/dossiers', {
    method: 'POST',
    credentials: 'omit',
    headers: {
      accept: 'application/json, application/problem+json',
      'accept-language': currentLanguage(),
      'content-type': 'application/json',
      'idempotency-key': key,
    },
    body: JSON.stringify(body),
  });
  const answer = (await res.json().catch(() => null)) as
    | (Submission & { code?: string; detail?: string; errors?: ProblemFieldError[] })
    | null;
  if (res.ok && answer) return answer;
  throw new ApiError(
    res.status,
    typeof answer?.code === 'string' ? answer.code : `http_${res.status}`,
    typeof answer?.detail === 'string' ? answer.detail : '',
    Array.isArray(answer?.errors) ? answer.errors : [],
  );
}

export function useSubmitOnline() {
  return useMutation({
    mutationFn: ({ body, key }: { body: PublicSubmissionRequest; key: string }) => postSubmission(body, key),
  });
}

/** One scan sent by the applicant (code + the phone given); `documentIndex` null = another document. */
export function useUploadApplicantScan(code: string, verifier: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, documentIndex }: { file: File; documentIndex: number | null }) => {
      const form = new FormData();
      if (documentIndex !== null) form.append('documentIndex', String(documentIndex));
      form.append('file', file, file.name);
      return api<ApplicantScan>(`/api/v1/public/dossiers/${encodeURIComponent(code)}/attachments`, {
        method: 'POST',
        query: { verifier },
        body: form,
      });
    },
    // The look-up lists the scans already sent.
    onSuccess: () => void client.invalidateQueries({ queryKey: ['public-dossier', code] }),
  });
}
