/**
 * API shapes of the province campaign board (bảng tổng hợp vận hành thử nghiệm): one row per commune of the
 * province — readiness, trials, incidents, recommendations, directives, go-live — its filters, totals, the
 * readiness history for the chart, and a commune's own column (server and web).
 */
import { z } from 'zod';
import { IsoDate } from './calendar';

/** "true" | "false" in a query string (absent: no filter). */
const Flag = z.enum(['true', 'false']).optional();

/** Filters of the board (also those of its XLSX and PDF exports); they live in the page's address. */
export const BoardQuery = z.object({
  /** Name of an abolished district (huyện, thị xã, thành phố cấp huyện cũ) a commune's former units belonged to. */
  district: z.string().trim().min(1).max(200).optional(),
  /** Commune name, with or without diacritics. */
  q: z.string().trim().max(200).optional(),
  live: z.enum(['live', 'preparing']).optional(),
  /** Readiness strictly below this percent (communes without a checklist count as 0). */
  readinessBelow: z.coerce.number().min(0).max(100).optional(),
  hasBlockers: Flag,
  hasOpenIncidents: Flag,
  hasOverdueRecommendations: Flag,
  /** needs_help (default): what needs help first; or by name, readiness (lowest or highest first), live date. */
  sort: z.enum(['needs_help', 'name', 'readiness_asc', 'readiness_desc']).optional(),
});
export type BoardQuery = z.infer<typeof BoardQuery>;

export const IncidentSeverity = z.enum(['low', 'medium', 'high', 'critical']);
export type IncidentSeverity = z.infer<typeof IncidentSeverity>;
export const RecommendationState = z.enum(['sent', 'received', 'assigned', 'answered', 'closed', 'reopened']);
export type RecommendationState = z.infer<typeof RecommendationState>;

/** A commune's column of the board. */
export const BoardRow = z.object({
  code: z.string(),
  name: z.string(),
  /** Abolished districts its former units belonged to, by name. */
  formerDistricts: z.array(z.string()),
  readiness: z.object({
    /** Weighted %, 0–100; null when the province has no published checklist. */
    percent: z.number().nullable(),
    done: z.number().int(),
    total: z.number().int(),
    blockers: z.number().int(),
    blockerTitles: z.array(z.string()),
  }),
  trials: z.object({
    planned: z.number().int(),
    held: z.number().int(),
    next: z.string().nullable(),
    lastHeld: z.string().nullable(),
  }),
  incidents: z.object({
    open: z.number().int(),
    bySeverity: z.record(IncidentSeverity, z.number().int()),
    /** Open incidents of high or critical severity: they block go-live. */
    blocking: z.number().int(),
  }),
  recommendations: z.object({
    byStatus: z.record(RecommendationState, z.number().int()),
    /** Not yet closed by the commune. */
    open: z.number().int(),
    overdue: z.number().int(),
    oldestOpenDays: z.number().int().nullable(),
  }),
  directives: z.object({ open: z.number().int(), overdue: z.number().int() }),
  goLive: z.object({
    status: z.enum(['preparing', 'live']),
    liveFrom: z.string().nullable(),
    wentLiveAt: z.string().nullable(),
  }),
});
export type BoardRow = z.infer<typeof BoardRow>;

export const BoardTotals = z.object({
  communes: z.number().int(),
  live: z.number().int(),
  /** Mean readiness of the communes shown that have a checklist; null when none has. */
  averageReadiness: z.number().nullable(),
  withBlockers: z.number().int(),
  openIncidents: z.number().int(),
  blockingIncidents: z.number().int(),
  openRecommendations: z.number().int(),
  overdueRecommendations: z.number().int(),
  trialsHeld: z.number().int(),
  trialsPlanned: z.number().int(),
  openDirectives: z.number().int(),
  overdueDirectives: z.number().int(),
});
export type BoardTotals = z.infer<typeof BoardTotals>;

export const Board = z.object({
  province: z.object({ code: z.string(), name: z.string() }),
  /** The day the figures are counted for (Asia/Ho_Chi_Minh). */
  asOf: IsoDate,
  /** Every former district of the province's communes (the filter's choices). */
  districts: z.array(z.string()),
  /** Communes of the province before filtering. */
  communeCount: z.number().int(),
  totals: BoardTotals,
  /** Sorted by what needs help first (or as asked). */
  rows: z.array(BoardRow),
});
export type Board = z.infer<typeof Board>;

/** Readiness over time; at most a year at once. */
export const BoardHistoryQuery = z.object({ from: IsoDate.optional(), to: IsoDate.optional() });

export const BoardHistory = z.object({
  from: IsoDate,
  to: IsoDate,
  days: z.array(
    z.object({
      day: IsoDate,
      /** Mean of the communes that have a value that day; null when none has. */
      average: z.number().nullable(),
    }),
  ),
  /** Communes with a readiness snapshot on or before `to`; one value per day (the last snapshot carried forward). */
  communes: z.array(z.object({ code: z.string(), name: z.string(), values: z.array(z.number().nullable()) })),
});
export type BoardHistory = z.infer<typeof BoardHistory>;

/** A commune's own column (its users' drill-down). */
export const CommuneCampaignSummary = BoardRow.extend({
  province: z.object({ code: z.string(), name: z.string() }),
  asOf: IsoDate,
});
export type CommuneCampaignSummary = z.infer<typeof CommuneCampaignSummary>;
