/**
 * Codes of mock dossiers received in rehearsal mode (hồ sơ diễn tập): the official shape behind a "DT-" prefix,
 * `DT-<agency e-ID>-<yyMMdd>-<sequence>`, e.g. `DT-000.00.18100.H42-250620-0001`, numbered from their own per-commune,
 * per-day series (dossier_rehearsal_code_counters) so the official series has no gap. The prefix cannot start an
 * official code (an agency e-ID has no hyphen), so the two series never collide, and the code stays findable in the
 * public look-up and the queue search (both compare the trimmed, upper-cased code as typed).
 */

import type { DossierCodeParts } from './dossier-code';
import { formatDossierCode, normalizeDossierCode, tryParseDossierCode } from './dossier-code';

export const REHEARSAL_CODE_PREFIX = 'DT-';

/** The rehearsal code from the agency e-ID, the instant of receipt and the rehearsal counter's value (≥ 1). */
export function formatRehearsalCode(agencyId: string, receivedAt: Date, sequence: number): string {
  return `${REHEARSAL_CODE_PREFIX}${formatDossierCode(agencyId, receivedAt, sequence)}`;
}

/** The parts of a (normalised) rehearsal code, or null when it is not one. */
export function tryParseRehearsalCode(input: string): DossierCodeParts | null {
  const code = normalizeDossierCode(input);
  if (!code.startsWith(REHEARSAL_CODE_PREFIX)) return null;
  return tryParseDossierCode(code.slice(REHEARSAL_CODE_PREFIX.length));
}

/** A well-formed rehearsal code (what the DIỄN TẬP mark of a code-only view can rely on). */
export function isRehearsalCode(input: string): boolean {
  return tryParseRehearsalCode(input) !== null;
}
