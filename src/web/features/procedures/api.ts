/** The procedure catalogue through the API, for the administrator: list, one procedure, edit, import. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CatalogueImportReport } from '../../../common/api/procedure-import';
import type {
  Confirmation,
  OutsideWorkflow,
  Procedure,
  ProcedureDomain,
} from '../../../common/api/procedures';
import { api } from '../../api/client';
import type { ProcedureSummary as IntakeSummary } from '../dossiers/api';

export type { CatalogueImportReport };

export interface ProcedureSummary extends IntakeSummary {
  domain: ProcedureDomain;
  status: 'active' | 'retired';
  version: number;
  fullyOnline: boolean;
  confirmed: Confirmation;
  /** Received and decided by another agency (residence: the commune police), not the UBND's workflow. */
  outsideWorkflow: OutsideWorkflow | null;
}

export interface FieldChange {
  path: string;
  label: { vi: string; en: string };
  before: unknown;
  after: unknown;
}

export interface ProcedureDetail extends ProcedureSummary {
  data: Procedure;
  versions: {
    version: number;
    createdAt: string;
    createdBy: string;
    reason: string | null;
    changes: FieldChange[];
  }[];
}

export const EXPORT_XLSX = '/api/v1/procedures/export.xlsx';
export const EXPORT_JSON = '/api/v1/procedures/export.json';

/** The whole catalogue (a few dozen procedures): searched and filtered on the page, no round trip per key. */
export function useCatalogue() {
  return useQuery({
    queryKey: ['procedures', 'admin'],
    queryFn: ({ signal }) => api<{ items: ProcedureSummary[] }>('/api/v1/procedures', { signal }),
  });
}

export function useProcedure(id: string) {
  return useQuery({
    queryKey: ['procedures', 'one', id],
    queryFn: ({ signal }) => api<ProcedureDetail>(`/api/v1/procedures/${encodeURIComponent(id)}`, { signal }),
  });
}

export function useUpdateProcedure(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { expectedVersion: number; reason?: string; data: Procedure }) =>
      api<ProcedureDetail>(`/api/v1/procedures/${encodeURIComponent(id)}`, { method: 'PUT', body }),
    onSuccess: (detail) => {
      client.setQueryData(['procedures', 'one', id], detail);
      void client.invalidateQueries({ queryKey: ['procedures'] });
    },
  });
}

/** Sends the file (XLSX or JSON) as a form; a dry run gives the plan, otherwise the import is done. */
export function useImportCatalogue() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) => {
      const body = new FormData();
      body.append('file', file, file.name);
      return api<CatalogueImportReport>('/api/v1/procedures/import', {
        method: 'POST',
        query: { dryRun: String(dryRun) },
        body,
      });
    },
    onSuccess: (report) => {
      if (report.imported) void client.invalidateQueries({ queryKey: ['procedures'] });
    },
  });
}
