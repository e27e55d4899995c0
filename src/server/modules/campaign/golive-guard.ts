/**
 * Whether a commune may switch to official operation (pure, no I/O). Allowed when its readiness reaches the
 * province's threshold and no blocker is open; otherwise only with the province's override (a reason of at least
 * 10 characters, given by a province officer), which the cutover records and audits. A commune already live
 * cannot go live again. The date of official operation may be today or later, never in the past.
 */
import type { Blocker } from './readiness-rules';

export const OVERRIDE_REASON_MIN = 10;

export type GuardReason =
  | { code: 'already_live' }
  | { code: 'no_checklist' }
  | { code: 'below_threshold'; percent: number; threshold: number }
  | { code: 'blockers_open'; blockers: Blocker[] };

export interface GuardInput {
  live: boolean;
  /** Whether the province has a published checklist. */
  hasChecklist: boolean;
  percent: number;
  threshold: number;
  blockers: readonly Blocker[];
  /** The province's override on record (reason), if any. */
  override: { reason: string } | null;
}

export interface GuardVerdict {
  allowed: boolean;
  /** What stands in the way (even when an override lets it through, so the screen can say what was waived). */
  reasons: GuardReason[];
  overridden: boolean;
}

export function goLiveVerdict(input: GuardInput): GuardVerdict {
  if (input.live) return { allowed: false, reasons: [{ code: 'already_live' }], overridden: false };
  const reasons: GuardReason[] = [];
  if (!input.hasChecklist) reasons.push({ code: 'no_checklist' });
  else if (input.percent < input.threshold)
    reasons.push({ code: 'below_threshold', percent: input.percent, threshold: input.threshold });
  if (input.blockers.length > 0) reasons.push({ code: 'blockers_open', blockers: [...input.blockers] });
  if (reasons.length === 0) return { allowed: true, reasons, overridden: false };
  const overridden = validOverrideReason(input.override?.reason ?? '');
  return { allowed: overridden, reasons, overridden };
}

export const validOverrideReason = (reason: string) => reason.trim().length >= OVERRIDE_REASON_MIN;

/** The date official operation starts: today or later (a past date would rewrite what was trial). */
export function liveFromProblem(liveFrom: string, today: string): 'past' | null {
  return liveFrom < today ? 'past' : null;
}
