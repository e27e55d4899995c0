/**
 * The context half of the address resolver: finding every name span in the query, and scoring how well the
 * rest of the text (district, province, "Việt Nam"…) agrees with one candidate unit — a small dynamic
 * programme over the tokens, memoised per (range, district, province) within one query.
 */
import type { IndexedCommune, IndexedUnit, NameEntry, ResolverIndex } from './resolver-index';
import {
  type AccentForms,
  accentBonus,
  DISTRICT_KINDS,
  findKindWords,
  type KindMatch,
  PROVINCE_KINDS,
  type Token,
  type UnitKind,
} from './resolver-text';

// Context weights; a name match is worth 1 (see resolver.ts).
const DISTRICT_BONUS = 0.5;
const DISTRICT_KIND_ADJ = 0.05;
/** "…, Hà Tĩnh" without a kind word is the province far more often than the city of the same name. */
const PROVINCE_LOOKALIKE_DISTRICT_BONUS = 0.25;
const OLD_PROVINCE_BONUS = 0.3; // old unit + its old province
const CROSS_PROVINCE_BONUS = 0.25; // old unit + the new province of a target
const NEW_PROVINCE_BONUS = 0.4; // new commune + its province: beats an old namesake lacking its district
const NEW_VIA_OLD_PROVINCE_BONUS = 0.25; // new commune + an old province that merged into its province
const PROVINCE_KIND_MISMATCH = -0.1;
export const UNEXPLAINED_TOKEN = -0.2; // a token after the anchor that the interpretation cannot explain

export interface Hit {
  start: number; // first token, including the kind word
  nameStart: number;
  end: number; // exclusive
  kind: UnitKind | null;
  entry: NameEntry;
  /** The name part as typed, for diacritic tie-breaks (computed on demand). */
  accent?: AccentForms;
}

export interface ContextScore {
  bonus: number;
  unexplained: number;
  district: boolean;
  province: boolean;
}

const BIT_DISTRICT = 1;
const BIT_PROVINCE = 2;

/** Finds every name span, with and without the kind word just before it. */
export function collectHits(index: ResolverIndex, tokens: readonly Token[]): Hit[] {
  const n = tokens.length;
  const kindsEndingAt: KindMatch[][] = Array.from({ length: n + 1 }, () => []);
  for (const k of findKindWords(tokens)) kindsEndingAt[k.end]!.push(k);
  const hits: Hit[] = [];
  for (let j = 0; j < n; j++) {
    let key = '';
    for (let len = 1; len <= index.maxNameTokens && j + len <= n; len++) {
      key = len === 1 ? tokens[j]!.text : `${key} ${tokens[j + len - 1]!.text}`;
      const entry = index.names.get(key);
      if (!entry) continue;
      hits.push({ start: j, nameStart: j, end: j + len, kind: null, entry });
      for (const k of kindsEndingAt[j]!)
        hits.push({ start: k.start, nameStart: j, end: j + len, kind: k.kind, entry });
    }
  }
  return hits;
}

export const isAnchorEntry = (e: NameEntry) =>
  e.wards.length > 0 || e.communes.length > 0 || e.communeAliases.length > 0;
const hasProvince = (e: NameEntry) => e.provinces.length > 0 || e.oldProvinces.length > 0;
export const isContextHit = (h: Hit) => {
  if (h.entry.filler) return h.kind === null;
  if (h.entry.numeric && h.kind === null) return false; // "Quận 1" needs its kind word, like "Phường 13"
  return (
    (h.entry.districts.length > 0 && (h.kind === null || DISTRICT_KINDS.has(h.kind))) ||
    (hasProvince(h.entry) && (h.kind === null || PROVINCE_KINDS.has(h.kind)))
  );
};

/**
 * Best way to explain tokens [from, to) as the subject's district/province (or filler): usually the text after
 * the anchor, or the text before it for addresses written province-first.
 */
export class ContextScorer {
  private readonly cache = new Map<string, ContextScore>();
  private readonly value: Float64Array;
  private readonly unexplained: Int32Array;
  private readonly bits: Int32Array;

  constructor(
    private readonly index: ResolverIndex,
    n: number,
    private readonly contextAt: Hit[][],
    private readonly accentOf: (hit: Hit) => AccentForms,
  ) {
    this.value = new Float64Array((n + 1) * 4);
    this.unexplained = new Int32Array((n + 1) * 4);
    this.bits = new Int32Array((n + 1) * 4);
  }

  forUnit(from: number, to: number, unit: IndexedUnit): ContextScore {
    const key = `${from}-${to}|u${unit.districtId}|${unit.oldProvinceId}|${unit.targetProvinces.join(',')}`;
    return this.cached(key, from, to, (hit, out) => this.unitOptions(hit, unit, out));
  }

  forCommune(from: number, to: number, commune: IndexedCommune, id: number): ContextScore {
    return this.cached(`${from}-${to}|c${id}`, from, to, (hit, out) =>
      this.communeOptions(hit, commune, out),
    );
  }

  private cached(
    key: string,
    from: number,
    to: number,
    options: (hit: Hit, out: number[]) => void,
  ): ContextScore {
    let score = this.cache.get(key);
    if (!score) {
      score = this.run(from, to, options);
      this.cache.set(key, score);
    }
    return score;
  }

  /** Pushes [bit, bonus] pairs for the ways `hit` can be read for an old unit. */
  private unitOptions(hit: Hit, unit: IndexedUnit, out: number[]) {
    const { entry, kind } = hit;
    if (entry.filler && kind === null) out.push(0, 0);
    if ((kind === null || DISTRICT_KINDS.has(kind)) && entry.districts.includes(unit.districtId)) {
      const district = this.index.districts[unit.districtId]!;
      const accent = accentBonus(this.accentOf(hit), district.accent);
      if (kind === null) {
        out.push(
          BIT_DISTRICT,
          (hasProvince(entry) ? PROVINCE_LOOKALIKE_DISTRICT_BONUS : DISTRICT_BONUS) + accent,
        );
      } else {
        const adj = kind === district.kind ? DISTRICT_KIND_ADJ : -DISTRICT_KIND_ADJ;
        out.push(BIT_DISTRICT, DISTRICT_BONUS + adj + accent);
      }
    }
    if (kind === null || PROVINCE_KINDS.has(kind)) {
      if (entry.oldProvinces.includes(unit.oldProvinceId)) {
        const adj =
          kind && kind !== this.index.oldProvinces[unit.oldProvinceId]!.kind ? PROVINCE_KIND_MISMATCH : 0;
        out.push(BIT_PROVINCE, OLD_PROVINCE_BONUS + adj);
      } else {
        const p = entry.provinces.find((id) => unit.targetProvinces.includes(id));
        if (p !== undefined) {
          const adj = kind && kind !== this.index.provinces[p]!.kind ? PROVINCE_KIND_MISMATCH : 0;
          out.push(BIT_PROVINCE, CROSS_PROVINCE_BONUS + adj);
        }
      }
    }
  }

  /** Same for a new commune: its province, an old province merged into it, or an old district feeding it. */
  private communeOptions(hit: Hit, commune: IndexedCommune, out: number[]) {
    const { entry, kind } = hit;
    if (entry.filler && kind === null) out.push(0, 0);
    if (
      (kind === null || DISTRICT_KINDS.has(kind)) &&
      entry.districts.some((d) => commune.districtIds.has(d))
    ) {
      out.push(BIT_DISTRICT, 0); // explains the text, but an old district argues for the old-unit reading
    }
    if (kind === null || PROVINCE_KINDS.has(kind)) {
      if (entry.provinces.includes(commune.provinceId)) {
        const adj =
          kind && kind !== this.index.provinces[commune.provinceId]!.kind ? PROVINCE_KIND_MISMATCH : 0;
        out.push(BIT_PROVINCE, NEW_PROVINCE_BONUS + adj);
      } else {
        const p = entry.oldProvinces.find((id) => commune.oldProvinceIds.has(id));
        if (p !== undefined) {
          const adj = kind && kind !== this.index.oldProvinces[p]!.kind ? PROVINCE_KIND_MISMATCH : 0;
          out.push(BIT_PROVINCE, NEW_VIA_OLD_PROVINCE_BONUS + adj);
        }
      }
    }
  }

  private run(from: number, to: number, options: (hit: Hit, out: number[]) => void): ContextScore {
    const { value, unexplained, bits, contextAt } = this;
    for (let s = 0; s < 4; s++) {
      value[to * 4 + s] = 0;
      unexplained[to * 4 + s] = 0;
      bits[to * 4 + s] = 0;
    }
    const opts: number[] = [];
    for (let p = to - 1; p >= from; p--) {
      for (let s = 0; s < 4; s++) {
        const skip = (p + 1) * 4 + s;
        let best = value[skip]! + UNEXPLAINED_TOKEN;
        let bestUnexplained = unexplained[skip]! + 1;
        let bestBits = bits[skip]!;
        for (const hit of contextAt[p]!) {
          if (hit.end > to) continue;
          opts.length = 0;
          options(hit, opts);
          for (let o = 0; o < opts.length; o += 2) {
            const bit = opts[o]!;
            const gain = bit !== 0 && (s & bit) !== 0 ? 0 : opts[o + 1]!;
            const next = hit.end * 4 + (s | bit);
            const v = gain + value[next]!;
            if (v > best + 1e-9) {
              best = v;
              bestUnexplained = unexplained[next]!;
              bestBits = bits[next]! | bit;
            }
          }
        }
        value[p * 4 + s] = best;
        unexplained[p * 4 + s] = bestUnexplained;
        bits[p * 4 + s] = bestBits;
      }
    }
    const at = from * 4;
    return {
      bonus: value[at]! - unexplained[at]! * UNEXPLAINED_TOKEN, // the DP value includes the penalties
      unexplained: unexplained[at]!,
      district: (bits[at]! & BIT_DISTRICT) !== 0,
      province: (bits[at]! & BIT_PROVINCE) !== 0,
    };
  }
}
