/**
 * Corrections of the shipped catalogue for databases loaded before them. The shipped catalogue (../data) is always
 * the corrected one, so a new installation gets the facts as version 1; an existing database gets each correction
 * once, as a new version of the procedure (dossiers keep the version they were received under). Pure: the service
 * reads the current versions and writes what this returns.
 */
import type { Procedure } from '../../../../common/api/procedures';
import { diffProcedure } from './versioning';

export interface CatalogueCorrection {
  /** Stable name of the correction, written into the version's reason so it is applied at most once. */
  key: string;
  /** The procedure's code (national code, else the slug of its name). */
  code: string;
  /** Why, in Vietnamese, with the legal source: the version's reason. */
  reason: string;
  /**
   * The procedure with the correction, from its current version (which an administrator may have edited). Returns
   * the data unchanged when it does not carry the old fact (already corrected, or edited to something else).
   */
  apply(current: Procedure): Procedure;
}

export interface CurrentProcedure {
  code: string;
  version: number;
  data: Procedure;
  /** The reasons of all its versions (where applied corrections leave their key). */
  reasons: readonly (string | null)[];
}

export interface PendingCorrection {
  code: string;
  expectedVersion: number;
  data: Procedure;
  reason: string;
  keys: string[];
}

/** The marker a correction leaves in the reason of the version it wrote. */
export function correctionMarker(key: string): string {
  return `[${key}]`;
}

/**
 * What to write: for each procedure, its current version with every correction not applied before (no version's
 * reason carries its marker) that changes something, as one new version. Procedures absent from the database and
 * corrections that change nothing are skipped.
 */
export function pendingCorrections(
  current: readonly CurrentProcedure[],
  corrections: readonly CatalogueCorrection[],
): PendingCorrection[] {
  const out: PendingCorrection[] = [];
  for (const p of current) {
    let data = p.data;
    const applied: CatalogueCorrection[] = [];
    for (const c of corrections) {
      if (c.code !== p.code) continue;
      const marker = correctionMarker(c.key);
      if (p.reasons.some((r) => r?.includes(marker))) continue;
      const next = c.apply(data);
      if (diffProcedure(data, next).length === 0) continue;
      data = next;
      applied.push(c);
    }
    if (!applied.length) continue;
    out.push({
      code: p.code,
      expectedVersion: p.version,
      data,
      keys: applied.map((c) => c.key),
      reason: `Cập nhật danh mục XãSố: ${applied.map((c) => `${c.reason} ${correctionMarker(c.key)}`).join('; ')}`,
    });
  }
  return out;
}

/** The procedure without the documents whose name matches; unchanged when none does. */
export function withoutDocuments(p: Procedure, name: RegExp): Procedure {
  const kept = p.requiredDocuments.filter((d) => !name.test(d.name));
  return kept.length === p.requiredDocuments.length || kept.length === 0
    ? p
    : { ...p, requiredDocuments: kept };
}

/** The procedure with these sources added to its confirmation (each once). */
export function withSources(p: Procedure, sources: readonly string[]): Procedure {
  const added = sources.filter((s) => !p.confirmed.sources.includes(s));
  return added.length
    ? { ...p, confirmed: { ...p.confirmed, sources: [...p.confirmed.sources, ...added] } }
    : p;
}
