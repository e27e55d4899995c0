/**
 * API shapes of the go-live cutover (chuyển sang vận hành chính thức): the guard's verdict with its reasons, the
 * leader's cutover and the province's override, for the server and the web alike.
 */
import { z } from 'zod';
import { IsoDate } from './calendar';
import { Blocker, ReadinessFigure } from './campaign-readiness';

export const OVERRIDE_REASON_MIN = 10;

export const GuardReason = z.discriminatedUnion('code', [
  z.object({ code: z.literal('already_live') }),
  z.object({ code: z.literal('no_checklist') }),
  z.object({ code: z.literal('below_threshold'), percent: z.number(), threshold: z.number() }),
  z.object({ code: z.literal('blockers_open'), blockers: z.array(Blocker) }),
]);
export type GuardReason = z.infer<typeof GuardReason>;

export const GoLiveView = z.object({
  communeCode: z.string(),
  communeName: z.string(),
  provinceCode: z.string(),
  status: z.enum(['preparing', 'live']),
  liveFrom: IsoDate.nullable(),
  wentLiveAt: z.string().nullable(),
  wentLiveBy: z.string().nullable(),
  readinessAtCutover: z.number().nullable(),
  readiness: ReadinessFigure,
  threshold: z.number(),
  verdict: z.object({ allowed: z.boolean(), reasons: z.array(GuardReason), overridden: z.boolean() }),
  override: z.object({ reason: z.string(), by: z.string().nullable(), at: z.string().nullable() }).nullable(),
  /** What the cutover will archive (or archived): rehearsal meetings and dossiers not yet archived. */
  pending: z.object({
    rehearsalMeetings: z.number(),
    rehearsalDossiers: z.number(),
    rehearsalMode: z.boolean(),
  }),
  today: IsoDate,
  canGoLive: z.boolean(),
  canOverride: z.boolean(),
});
export type GoLiveView = z.infer<typeof GoLiveView>;

export const GoLiveRequest = z.object({ liveFrom: IsoDate }).strict();
export type GoLiveRequest = z.infer<typeof GoLiveRequest>;

export const GoLiveResult = GoLiveView.extend({
  archived: z.object({ meetings: z.number(), dossiers: z.number() }),
  numbering: z.object({ restartedSeries: z.number(), year: z.number() }),
});
export type GoLiveResult = z.infer<typeof GoLiveResult>;

export const OverrideRequest = z
  .object({ reason: z.string().trim().min(OVERRIDE_REASON_MIN).max(2000) })
  .strict();
export type OverrideRequest = z.infer<typeof OverrideRequest>;
