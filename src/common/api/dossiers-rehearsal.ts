/**
 * The one-stop centre's rehearsal mode (chế độ diễn tập) as the commune leader switches it and the campaign's
 * "Diễn tập một cửa" tab shows it: the mode, whether the commune is live already (then it can no longer be
 * switched on), and the rehearsal dossiers of the day.
 */
import { z } from 'zod';
import { IsoDate } from './calendar';

const Label = z.object({ vi: z.string(), en: z.string() });

export const RehearsalDossierItem = z.object({
  id: z.string().uuid(),
  code: z.string(),
  procedureName: z.string(),
  applicantName: z.string(),
  status: z.string(),
  statusLabel: Label,
  receivedAt: z.string(),
  /** Archived at the commune's cutover: readable, marked, out of the work queues. */
  archivedAt: z.string().nullable(),
});

export const RehearsalModeView = z.object({
  communeCode: z.string(),
  enabled: z.boolean(),
  changedAt: z.string().nullable(),
  /** The account that last switched it (display name), null when never switched. */
  changedBy: z.string().nullable(),
  /** The commune runs officially (commune_go_live): the mode can no longer be switched on. */
  live: z.boolean(),
  /** The local (UTC+7) day the list below is of. */
  day: IsoDate,
  /** Rehearsal dossiers received that day at the commune's centre (or carried on there), newest first. */
  dossiers: z.array(RehearsalDossierItem),
  /** Rehearsal dossiers not archived yet, any day (left out of every official figure all the same). */
  activeTotal: z.number().int(),
  /** Rehearsal dossiers archived at cutover. */
  archivedTotal: z.number().int(),
});
export type RehearsalModeView = z.infer<typeof RehearsalModeView>;

export const RehearsalModeRequest = z.object({ enabled: z.boolean() });
export type RehearsalModeRequest = z.infer<typeof RehearsalModeRequest>;

export const RehearsalModeQuery = z.object({ day: IsoDate.optional() });
