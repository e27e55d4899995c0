/**
 * In-flight dossiers taken over from the abolished districts and former communes (hồ sơ đang giải quyết dở,
 * issue 12 §4): a CSV/XLSX file checked row by row (dry run), then imported all or nothing.
 */
import { z } from 'zod';
import { IsoDate } from './calendar';

const Message = z.object({ vi: z.string(), en: z.string() });

export const INFLIGHT_STATUSES = [
  'received',
  'in_processing',
  'supplement_requested',
  'result_ready',
] as const;
export const InflightStatus = z.enum(INFLIGHT_STATUSES);

export const InflightImportRequest = z.object({
  /** The file's name; its extension (.csv or .xlsx) tells the format unless `format` is given. */
  filename: z.string().trim().min(1).max(255),
  format: z.enum(['csv', 'xlsx']).optional(),
  /** The file, base64-encoded (at most 2 MiB once decoded). */
  contentBase64: z.string().min(1).max(2_900_000),
  /** Check only: the report per row, nothing written. */
  dryRun: z.boolean().default(true),
});
export type InflightImportRequest = z.infer<typeof InflightImportRequest>;

export const InflightProblem = z.object({
  /** Row in the file (the heading row for a missing column). */
  row: z.number().int(),
  /** The field (originalCode, receivedOn…) or "file". */
  field: z.string(),
  /** The column's heading in the template (Vietnamese). */
  column: z.string(),
  message: Message,
});
export type InflightProblem = z.infer<typeof InflightProblem>;

export const InflightReportRow = z.object({
  row: z.number().int(),
  ok: z.boolean(),
  originalCode: z.string(),
  applicantName: z.string(),
  procedureName: z.string().nullable(),
  importedFrom: z.string().nullable(),
  status: InflightStatus.nullable(),
  receivedOn: IsoDate.nullable(),
  dueDate: IsoDate.nullable(),
  /** The due date is already past: allowed (the citizen still waits), flagged. */
  overdue: z.boolean(),
  /** Working days from today to the due date on the calendar (negative when overdue). */
  remainingWorkingDays: z.number().int().nullable(),
  assignee: z.string().nullable(),
  /** Set once imported. */
  dossierId: z.string().uuid().nullable(),
  problems: z.array(InflightProblem),
});
export type InflightReportRow = z.infer<typeof InflightReportRow>;

export const InflightImportReport = z.object({
  format: z.enum(['csv', 'xlsx']),
  dryRun: z.boolean(),
  /** Every row is right: a real run would import them all. */
  valid: z.boolean(),
  imported: z.boolean(),
  today: IsoDate,
  rows: z.number().int(),
  okRows: z.number().int(),
  overdueRows: z.number().int(),
  /** Problems of the file itself (a missing column, no rows). */
  fileProblems: z.array(InflightProblem),
  items: z.array(InflightReportRow),
});
export type InflightImportReport = z.infer<typeof InflightImportReport>;

export const InflightListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const InflightDossier = z.object({
  id: z.string().uuid(),
  code: z.string(),
  applicantName: z.string(),
  procedureName: z.string(),
  importedFrom: z.string(),
  importedAt: z.string(),
  receivedAt: z.string(),
  status: z.string(),
  statusLabel: Message,
  dueDate: IsoDate.nullable(),
  historyNote: z.string().nullable(),
});
export const InflightList = z.object({ items: z.array(InflightDossier), total: z.number().int() });
export type InflightList = z.infer<typeof InflightList>;

export const InflightTemplateQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') });
