/**
 * The new address to suggest for the (usually pre-2025) address read from a CCCD: what the address resolver's
 * answer lets the counter officer accept. A former unit that went whole into one new commune gives one suggestion;
 * a split unit (its candidates flagged partial) or an ambiguous answer gives choices, never one suggestion; an
 * address already naming a new commune, or nothing found, gives nothing to suggest.
 */
import type { ResolveResponse } from '../../../common/api/units';

export type ResolvedCommune = ResolveResponse['candidates'][number]['commune'];

export type AddressSuggestion =
  | { kind: 'whole'; formerUnit: string; commune: ResolvedCommune; address: string }
  | {
      kind: 'choices';
      formerUnit: string;
      split: boolean;
      options: { commune: ResolvedCommune; address: string }[];
    };

/** "Xóm 3, Phường Trần Phú, Hà Tĩnh": the street part kept as read, then the new commune and its province. */
export function rewriteAddress(street: string | undefined, commune: ResolvedCommune): string {
  return [street?.trim(), commune.name, commune.provinceName].filter(Boolean).join(', ');
}

const MAX_CHOICES = 4;

export function addressSuggestion(answer: ResolveResponse | undefined): AddressSuggestion | null {
  const best = answer?.candidates[0];
  // Nothing found, or the best match is a new commune by name: the address is already current.
  if (!answer || !best?.matchedFormerUnit) return null;
  const formerUnit = best.matchedFormerUnit.name;
  const option = (c: (typeof answer.candidates)[number]) => ({
    commune: c.commune,
    address: rewriteAddress(answer.street, c.commune),
  });
  if (best.partial) {
    // The split unit's parts: every candidate from the same former unit.
    const parts = answer.candidates.filter(
      (c) => c.partial && c.matchedFormerUnit?.code === best.matchedFormerUnit?.code,
    );
    return { kind: 'choices', formerUnit, split: true, options: parts.map(option) };
  }
  if (answer.reason === 'ambiguous') {
    const seen = new Set<string>();
    const options = answer.candidates
      .filter((c) => !seen.has(c.commune.code) && seen.add(c.commune.code))
      .slice(0, MAX_CHOICES)
      .map(option);
    return { kind: 'choices', formerUnit, split: false, options };
  }
  return { kind: 'whole', formerUnit, ...option(best) };
}
