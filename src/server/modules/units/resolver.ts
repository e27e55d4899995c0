/**
 * "Địa chỉ mới của tôi là gì?" — the pure address resolver.
 *
 * Input is a free-text address, old 3-level ("Số 12 Lê Lợi, P. Đại Nài, TP. Hà Tĩnh, Hà Tĩnh") or new 2-level
 * ("Phường Trần Phú, Hà Tĩnh"). The resolver finds every span of the text that names a known unit, then
 * scores each *anchor* — a span naming an old ward/commune or a new commune — by how well the text after it
 * is explained by that unit's own district and province (a small dynamic programme over the remaining
 * tokens). Text before the anchor is the street part. Scores become confidences through a softmax, so a name
 * found in several places with nothing to tell them apart shares the probability, and a split unit's
 * probability is shared among its target communes.
 */
import {
  buildResolverIndex,
  type IndexedCommune,
  type IndexedUnit,
  type NameEntry,
  type ResolverIndex,
} from './resolver-index';
import {
  DISTRICT_KINDS,
  findKindWords,
  type KindMatch,
  PROVINCE_KINDS,
  type Token,
  tokenize,
  type UnitKind,
  WARD_KINDS,
} from './resolver-text';

export { buildResolverIndex, type ResolverIndex };

export interface ResolveCandidate {
  commune: { code: string; name: string; provinceCode: string; provinceName: string };
  /** 0..1: how sure the resolver is that this is the user's new commune. */
  confidence: number;
  /** The old unit the text named; absent when the text named the new commune itself. */
  matchedFormerUnit?: { code: string; name: string; districtName: string; provinceName: string };
  /** The matched old unit was split and only part of it went to this commune. */
  partial: boolean;
}

export type ResolveReason =
  /** Nothing to resolve. */
  | 'empty_query'
  /** No unit name recognised. */
  | 'no_match'
  /** Several different units fit the text equally well (e.g. an old name without its district). */
  | 'ambiguous'
  /** One old unit matched, but it was split between the candidates (each `partial`). */
  | 'split'
  /** A district or province was recognised but no commune-level name. */
  | 'ward_missing';

export interface ResolveResult {
  candidates: ResolveCandidate[];
  /** The part before the commune name: house number, street, thôn/xóm/tổ…, as typed. */
  street?: string;
  reason?: ResolveReason;
}

export interface ResolveOptions {
  /** Maximum number of candidates (default 10). */
  limit?: number;
}

// Scoring weights (see the module comment). Name match = 1.
const KIND_MATCH = 0.1;
const KIND_MISMATCH = -0.1;
const DISTRICT_BONUS = 0.5;
const DISTRICT_KIND_ADJ = 0.05;
/** "…, Hà Tĩnh" without a kind word is the province far more often than the city of the same name. */
const PROVINCE_LOOKALIKE_DISTRICT_BONUS = 0.25;
const OLD_PROVINCE_BONUS = 0.3; // old unit + its old province
const CROSS_PROVINCE_BONUS = 0.25; // old unit + the new province of a target
const NEW_PROVINCE_BONUS = 0.4; // new commune + its province: beats an old namesake lacking its district
const NEW_VIA_OLD_PROVINCE_BONUS = 0.25; // new commune + an old province that merged into its province
const PROVINCE_KIND_MISMATCH = -0.1;
const UNEXPLAINED_TOKEN = -0.2; // a token after the anchor that the interpretation cannot explain
const ALIAS_NAME = 0.95;
/** "Phước Đồng" inside "Cam Phước Đông": a kindless name glued to the end of a longer known name. */
const SUFFIX_OF_LONGER_NAME = -0.08;
const MIN_SCORE = 0.6;
const KEEP_WITHIN = 0.3;
const TEMPERATURE = 0.08;
const MAX_QUERY_LENGTH = 400;

interface Hit {
  start: number; // first token, including the kind word
  nameStart: number;
  end: number; // exclusive
  kind: UnitKind | null;
  entry: NameEntry;
}

interface TailScore {
  bonus: number;
  unexplained: number;
  district: boolean;
  province: boolean;
}

interface Interpretation {
  score: number;
  quality: number;
  anchorStart: number;
  unit?: IndexedUnit;
  /** Set when the text named a new commune directly. */
  communeId?: number;
}

const BIT_DISTRICT = 1;
const BIT_PROVINCE = 2;

/** Finds every name span, with and without the kind word just before it. */
function collectHits(index: ResolverIndex, tokens: readonly Token[]): Hit[] {
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

const isAnchorEntry = (e: NameEntry) =>
  e.wards.length > 0 || e.communes.length > 0 || e.communeAliases.length > 0;
const hasProvince = (e: NameEntry) => e.provinces.length > 0 || e.oldProvinces.length > 0;
const isContextHit = (h: Hit) =>
  (h.entry.filler && h.kind === null) ||
  (h.entry.districts.length > 0 && (h.kind === null || DISTRICT_KINDS.has(h.kind))) ||
  (hasProvince(h.entry) && (h.kind === null || PROVINCE_KINDS.has(h.kind)));

/** Best way to explain tokens [from, n) as the subject's district/province (or filler). */
class TailScorer {
  private readonly cache = new Map<string, TailScore>();
  private readonly value: Float64Array;
  private readonly unexplained: Int32Array;
  private readonly bits: Int32Array;

  constructor(
    private readonly index: ResolverIndex,
    private readonly n: number,
    private readonly contextAt: Hit[][],
  ) {
    this.value = new Float64Array((n + 1) * 4);
    this.unexplained = new Int32Array((n + 1) * 4);
    this.bits = new Int32Array((n + 1) * 4);
  }

  forUnit(from: number, unit: IndexedUnit): TailScore {
    const key = `${from}|u${unit.districtId}|${unit.oldProvinceId}|${unit.targetProvinces.join(',')}`;
    return this.cached(key, from, (hit, out) => this.unitOptions(hit, unit, out));
  }

  forCommune(from: number, commune: IndexedCommune, id: number): TailScore {
    return this.cached(`${from}|c${id}`, from, (hit, out) => this.communeOptions(hit, commune, out));
  }

  private cached(key: string, from: number, options: (hit: Hit, out: number[]) => void): TailScore {
    let score = this.cache.get(key);
    if (!score) {
      score = this.run(from, options);
      this.cache.set(key, score);
    }
    return score;
  }

  /** Pushes [bit, bonus] pairs for the ways `hit` can be read for an old unit. */
  private unitOptions(hit: Hit, unit: IndexedUnit, out: number[]) {
    const { entry, kind } = hit;
    if (entry.filler && kind === null) out.push(0, 0);
    if ((kind === null || DISTRICT_KINDS.has(kind)) && entry.districts.includes(unit.districtId)) {
      const districtKind = this.index.districts[unit.districtId]!.kind;
      if (kind === null) {
        out.push(BIT_DISTRICT, hasProvince(entry) ? PROVINCE_LOOKALIKE_DISTRICT_BONUS : DISTRICT_BONUS);
      } else {
        out.push(
          BIT_DISTRICT,
          DISTRICT_BONUS + (kind === districtKind ? DISTRICT_KIND_ADJ : -DISTRICT_KIND_ADJ),
        );
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

  private run(from: number, options: (hit: Hit, out: number[]) => void): TailScore {
    const { n, value, unexplained, bits, contextAt } = this;
    for (let s = 0; s < 4; s++) {
      value[n * 4 + s] = 0;
      unexplained[n * 4 + s] = 0;
      bits[n * 4 + s] = 0;
    }
    const opts: number[] = [];
    for (let p = n - 1; p >= from; p--) {
      for (let s = 0; s < 4; s++) {
        const skip = (p + 1) * 4 + s;
        let best = value[skip]! + UNEXPLAINED_TOKEN;
        let bestUnexplained = unexplained[skip]! + 1;
        let bestBits = bits[skip]!;
        for (const hit of contextAt[p]!) {
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

function kindAdjustment(hitKind: UnitKind | null, unitKind: UnitKind): number {
  if (hitKind === null) return 0;
  return hitKind === unitKind ? KIND_MATCH : KIND_MISMATCH;
}

function quality(tail: TailScore, kindAdj: number, nameScore: number, isOldUnit: boolean): number {
  let q = 1;
  if (!tail.province) q -= isOldUnit && tail.district ? 0.1 : 0.25;
  if (isOldUnit && !tail.district) q -= 0.1;
  if (kindAdj < 0) q -= 0.1;
  if (nameScore < 1) q -= 0.05;
  q -= 0.15 * tail.unexplained;
  return Math.min(1, Math.max(0.05, q));
}

/** Resolves a free-text address (old 3-level or new 2-level) to ranked new-commune candidates. Never throws. */
export function resolveAddress(index: ResolverIndex, q: string, options?: ResolveOptions): ResolveResult {
  const limit = Math.max(1, Math.floor(options?.limit ?? 10));
  if (typeof q !== 'string' || q.trim() === '') return { candidates: [], reason: 'empty_query' };
  try {
    return resolve(index, q.normalize('NFC').slice(0, MAX_QUERY_LENGTH), limit);
  } catch {
    return { candidates: [], reason: 'no_match' };
  }
}

function resolve(index: ResolverIndex, text: string, limit: number): ResolveResult {
  const tokens = tokenize(text);
  if (tokens.length === 0) return { candidates: [], reason: 'empty_query' };
  const n = tokens.length;
  const hits = collectHits(index, tokens);

  // Context spans by start position; and the name spans that a district/province kind word labels as such
  // ("Quận Gò Vấp" is the district even though "Gò Vấp" is also a new ward's name; "xã" inside "thị xã").
  const contextAt: Hit[][] = Array.from({ length: n }, () => []);
  const labeledFrom = new Map<number, number>();
  const wardKindBefore = new Set<number>();
  const longestAnchorEndingAt = new Int32Array(n + 1).fill(n);
  for (const h of hits) {
    if (h.kind !== null && WARD_KINDS.has(h.kind)) wardKindBefore.add(h.nameStart);
    if (isAnchorEntry(h.entry) && h.nameStart < longestAnchorEndingAt[h.end]!) {
      longestAnchorEndingAt[h.end] = h.nameStart;
    }
    if (!isContextHit(h)) continue;
    contextAt[h.start]!.push(h);
    if (h.kind !== null) {
      const spanKey = h.nameStart * 1024 + h.end;
      labeledFrom.set(spanKey, Math.min(labeledFrom.get(spanKey) ?? h.start, h.start));
    }
  }

  const tail = new TailScorer(index, n, contextAt);
  const interpretations = new Map<string, Interpretation>();
  const offer = (key: string, interp: Interpretation) => {
    const prev = interpretations.get(key);
    if (!prev || interp.score > prev.score) interpretations.set(key, interp);
  };
  for (const hit of hits) {
    const { entry, kind } = hit;
    if (!isAnchorEntry(entry)) continue;
    if (kind !== null && !WARD_KINDS.has(kind)) continue;
    // "13" alone is a house number, not Phường 13; and "xã Sông Trí" is read with its kind word or not at all.
    if (kind === null && (entry.numeric || wardKindBefore.has(hit.nameStart))) continue;
    const labeled = labeledFrom.get(hit.nameStart * 1024 + hit.end);
    if (labeled !== undefined && (kind === null || hit.start > labeled)) continue;
    const suffix =
      kind === null && !tokens[hit.nameStart]!.boundary && longestAnchorEndingAt[hit.end]! < hit.nameStart
        ? SUFFIX_OF_LONGER_NAME
        : 0;
    for (const id of entry.wards) {
      const unit = index.units[id]!;
      const adj = kindAdjustment(kind, unit.kind) + suffix;
      const t = tail.forUnit(hit.end, unit);
      const score = 1 + adj + t.bonus + UNEXPLAINED_TOKEN * t.unexplained;
      offer(`u${id}`, { score, quality: quality(t, adj, 1, true), anchorStart: hit.start, unit });
    }
    for (const [list, nameScore] of [
      [entry.communes, 1],
      [entry.communeAliases, ALIAS_NAME],
    ] as const) {
      for (const id of list) {
        const commune = index.communes[id]!;
        const adj = kindAdjustment(kind, commune.kind) + suffix;
        const t = tail.forCommune(hit.end, commune, id);
        const score = nameScore + adj + t.bonus + UNEXPLAINED_TOKEN * t.unexplained;
        offer(`c${id}`, {
          score,
          quality: quality(t, adj, nameScore, false),
          anchorStart: hit.start,
          communeId: id,
        });
      }
    }
  }

  const ranked = [...interpretations.values()].sort((a, b) => b.score - a.score);
  const top = ranked[0];
  if (!top || top.score < MIN_SCORE) {
    const sawContext = contextAt.some((list) => list.some((h) => !h.entry.filler));
    return { candidates: [], reason: sawContext ? 'ward_missing' : 'no_match' };
  }
  const kept = ranked.filter((r) => r.score >= Math.max(MIN_SCORE, top.score - KEEP_WITHIN));
  return buildResult(index, text, tokens, kept, limit);
}

interface CommuneTally {
  commune: number;
  probability: number;
  best: Interpretation;
  partial: boolean;
}

function buildResult(
  index: ResolverIndex,
  text: string,
  tokens: readonly Token[],
  kept: Interpretation[],
  limit: number,
): ResolveResult {
  const top = kept[0]!;
  const weights = kept.map((r) => Math.exp((r.score - top.score) / TEMPERATURE));
  const total = weights.reduce((a, b) => a + b, 0);
  const tallies = new Map<number, CommuneTally>();
  const targetsOf = (r: Interpretation) => r.unit?.targets ?? [{ commune: r.communeId!, partial: false }];
  const targetSet = (r: Interpretation) => targetsOf(r).map((t) => t.commune);
  kept.forEach((r, i) => {
    const p = weights[i]! / total;
    const targets = targetsOf(r);
    for (const t of targets) {
      const tally = tallies.get(t.commune);
      const share = p / targets.length;
      if (!tally) {
        tallies.set(t.commune, { commune: t.commune, probability: share, best: r, partial: t.partial });
      } else {
        tally.probability += share;
      }
    }
  });

  const candidates = [...tallies.values()]
    .map((t) => ({ tally: t, confidence: Math.min(1, t.best.quality * t.probability) }))
    .sort(
      (a, b) =>
        b.confidence - a.confidence ||
        b.tally.best.score - a.tally.best.score ||
        index.communes[a.tally.commune]!.code.localeCompare(index.communes[b.tally.commune]!.code),
    )
    .slice(0, limit)
    .map(({ tally, confidence }): ResolveCandidate => {
      const c = index.communes[tally.commune]!;
      const province = index.provinces[c.provinceId]!;
      const u = tally.best.unit;
      return {
        commune: { code: c.code, name: c.name, provinceCode: province.code, provinceName: province.name },
        confidence: Math.round(confidence * 1000) / 1000,
        ...(u
          ? {
              matchedFormerUnit: {
                code: u.code,
                name: u.name,
                districtName: u.districtName,
                provinceName: u.provinceName,
              },
            }
          : {}),
        partial: u ? tally.partial : false,
      };
    });

  const result: ResolveResult = { candidates };
  const streetEnd = tokens[top.anchorStart]!.start;
  const street = text
    .slice(0, streetEnd)
    .replace(/[\s,;.:\-–/]+$/u, '')
    .trim();
  if (street) result.street = street;

  // Ambiguous when another reading leading elsewhere is not much less likely than the best one.
  const topTargets = targetSet(top).sort().join(',');
  const rival = kept.some(
    (r, i) => i > 0 && weights[i]! >= 0.2 && targetSet(r).sort().join(',') !== topTargets,
  );
  if (rival) result.reason = 'ambiguous';
  else if (top.unit && top.unit.targets.length > 1) result.reason = 'split';
  return result;
}
