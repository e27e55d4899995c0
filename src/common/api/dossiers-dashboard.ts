/**
 * The commune dossier dashboard (bảng điều hành hồ sơ của xã): the month's figures against the month before, by
 * procedure and by official, satisfaction, digitisation, and the anti-backlog list. Shared by server and web.
 */
import { z } from 'zod';
import { IsoDate } from './calendar';

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export const DashboardQuery = z.object({ month: Month.optional() });

/** Counts of one month (see the server's domain/statistics.ts for what each means). */
export const DashboardFigures = z.object({
  carriedOver: z.number().int(),
  received: z.number().int(),
  resolved: z.number().int(),
  resolvedOnTime: z.number().int(),
  resolvedLate: z.number().int(),
  inProgress: z.number().int(),
  inProgressLate: z.number().int(),
  waiting: z.number().int(),
  withdrawn: z.number().int(),
  refused: z.number().int(),
  transferred: z.number().int(),
  /** (late in progress + resolved late) / (carried over + received), 0–1; null when nothing to handle. */
  lateRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
});
export type DashboardFigures = z.infer<typeof DashboardFigures>;

export const DashboardProcedureRow = DashboardFigures.extend({
  procedureId: z.string().uuid(),
  procedureName: z.string(),
});

export const DashboardOfficialRow = DashboardFigures.extend({
  /** null: dossiers not assigned to a specialist yet. */
  accountId: z.string().uuid().nullable(),
  displayName: z.string().nullable(),
});

export const BacklogItem = z.object({
  id: z.string().uuid(),
  code: z.string(),
  procedureName: z.string(),
  applicantName: z.string(),
  status: z.string(),
  holderId: z.string().uuid().nullable(),
  holderName: z.string().nullable(),
  dueDate: IsoDate,
  level: z.enum(['overdue', 'due_soon']),
  /** Working days past the due date. */
  daysLate: z.number().int(),
});

export const CommuneDashboard = z.object({
  communeCode: z.string(),
  month: Month,
  previousMonth: Month,
  /** The moment the figures were judged at (now, or the end of a past month). */
  asOf: z.string(),
  current: DashboardFigures,
  previous: DashboardFigures,
  byProcedure: z.array(DashboardProcedureRow),
  byOfficial: z.array(DashboardOfficialRow),
  satisfaction: z.object({
    satisfied: z.number().int(),
    neutral: z.number().int(),
    unsatisfied: z.number().int(),
    /** Per official who returned the result (the rating is kept with them); null = not returned by an official. */
    byOfficial: z.array(
      z.object({
        accountId: z.string().nullable(),
        displayName: z.string().nullable(),
        satisfied: z.number().int(),
        neutral: z.number().int(),
        unsatisfied: z.number().int(),
      }),
    ),
  }),
  digitisation: z.object({
    /** Dossiers received at this commune's counter in the month. */
    counterReceived: z.number().int(),
    /** Of those, with at least one document digitised at the counter. */
    digitised: z.number().int(),
    rate: z.number().nullable(),
  }),
  /** Open dossiers now: overdue first, then due today or within 1 working day; oldest risk first. */
  backlog: z.object({
    overdue: z.number().int(),
    dueSoon: z.number().int(),
    items: z.array(BacklogItem),
    /** At most this many items are listed. */
    limit: z.number().int(),
  }),
});
export type CommuneDashboard = z.infer<typeof CommuneDashboard>;
