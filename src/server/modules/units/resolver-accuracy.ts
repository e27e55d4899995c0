/**
 * Accuracy of the address resolver against a test set (bench/data/address-testset.json, built by
 * scripts/build-address-testset.ts). Shared by the accuracy test and the benchmark.
 */
import { type ResolverIndex, resolveAddress } from './resolver';

export interface AddressTestCase {
  /** The address as a user would type it. */
  q: string;
  /** Every correct new commune code (all targets of a split unit). */
  expected: string[];
  /** The old unit the address was generated from (absent for new 2-level addresses). */
  formerUnitCode?: string;
  /** How the address was written, e.g. "old|ward:abbr|district:full|province:old-bare|street|nodiac". */
  form: string;
}

export interface AddressTestSet {
  description: string;
  seed: number;
  source: string;
  cases: AddressTestCase[];
}

export interface AccuracyFailure {
  q: string;
  form: string;
  expected: string[];
  got: string | null;
  reason?: string;
}

export interface AccuracyReport {
  total: number;
  /** Cases whose first candidate is one of the expected communes. */
  top1: number;
  /** top1 / total (1 for an empty set). */
  accuracy: number;
  /** Cases with an expected commune anywhere in the first 5 candidates. */
  top5: number;
  /** Accuracy per form tag ("nodiac", "street", "district:none", …). */
  byTag: Record<string, { total: number; top1: number }>;
  failures: AccuracyFailure[];
}

export function measureAccuracy(index: ResolverIndex, cases: readonly AddressTestCase[]): AccuracyReport {
  let top1 = 0;
  let top5 = 0;
  const byTag: AccuracyReport['byTag'] = {};
  const failures: AccuracyFailure[] = [];
  for (const c of cases) {
    const result = resolveAddress(index, c.q, { limit: 5 });
    const first = result.candidates[0]?.commune.code ?? null;
    const ok = first !== null && c.expected.includes(first);
    if (ok) top1++;
    if (result.candidates.some((x) => c.expected.includes(x.commune.code))) top5++;
    for (const tag of c.form.split('|')) {
      const t = byTag[tag] ?? { total: 0, top1: 0 };
      t.total++;
      if (ok) t.top1++;
      byTag[tag] = t;
    }
    if (!ok) {
      failures.push({
        q: c.q,
        form: c.form,
        expected: c.expected,
        got: first,
        ...(result.reason ? { reason: result.reason } : {}),
      });
    }
  }
  const total = cases.length;
  return { total, top1, accuracy: total === 0 ? 1 : top1 / total, top5, byTag, failures };
}
