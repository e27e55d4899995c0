/**
 * The public version the server will publish when the official does not edit it: the answer with personal data
 * masked by the same pure rule the server applies (domain/masking.ts, no I/O), so the preview is what is published.
 */
import { type KnownPersonalData, maskPersonalData } from '../../../../common/masking';

export function previewPublicText(text: string, known: KnownPersonalData): string {
  return text.trim() ? maskPersonalData(text.trim(), known) : '';
}
