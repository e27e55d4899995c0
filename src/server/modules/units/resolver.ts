/**
 * "Địa chỉ mới của tôi là gì?" — the pure address resolver.
 *
 * Input is a free-text address, old 3-level ("Số 12 Lê Lợi, P. Đại Nài, TP. Hà Tĩnh, Hà Tĩnh") or new 2-level
 * ("Phường Trần Phú, Hà Tĩnh"). The resolver finds every span of the text that names a known unit, then
 * scores each *anchor* — a span naming an old ward/commune or a new commune — by how well the text after it
 * is explained by that unit's own district and province (a small dynamic programme over the remaining
 * tokens). Text before the anchor is the street part. Scores become confidences through a softmax, so a name
 * found in several places with nothing to tell them apart shares the probability; a split unit's targets
 * each get the unit's full confidence, marked `partial`.
 *
 * Helpers: resolver-text.ts (tokens, kind words, diacritics), resolver-index.ts (the precomputed index),
 * resolver-context.ts (name spans and the context programme), resolver-accuracy.ts (test-set accuracy).
 */
import {
  type ContextScore,
  ContextScorer,
  collectHits,
  type Hit,
  isAnchorEntry,
  isContextHit,
  UNEXPLAINED_TOKEN,
} from './resolver-context';
import { buildResolverIndex, type IndexedUnit, type ResolverIndex } from './resolver-index';
import {
  accentBonus,
  accentForms,
  isPlainText,
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

// Scoring weights of the anchor itself (context weights live in resolver-context.ts). Name match = 1.
const KIND_MATCH = 0.1;
const KIND_MISMATCH = -0.1;
const ALIAS_NAME = 0.95;
/** "Phước Đồng" inside "Cam Phước Đông": a kindless name glued to the end of a longer known name. */
const SUFFIX_OF_LONGER_NAME = -0.2;
const MIN_SCORE = 0.6;
const KEEP_WITHIN = 0.3;
const TEMPERATURE = 0.08;
const MAX_QUERY_LENGTH = 400;

interface Interpretation {
  score: number;
  quality: number;
  anchorStart: number;
  anchorEnd: number;
  /** Province-first address ("Tỉnh Hà Tĩnh, Thị xã Kỳ Anh, Xã Kỳ Lợi, thôn 3"): the street comes last. */
  reversed: boolean;
  unit?: IndexedUnit;
  /** Set when the text named a new commune directly. */
  communeId?: number;
}

function kindAdjustment(hitKind: UnitKind | null, unitKind: UnitKind): number {
  if (hitKind === null) return 0;
  return hitKind === unitKind ? KIND_MATCH : KIND_MISMATCH;
}

function quality(tail: ContextScore, kindAdj: number, nameScore: number, isOldUnit: boolean): number {
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

  const plain = isPlainText(text);
  const accentOf = (hit: Hit) => {
    hit.accent ??= accentForms(text.slice(tokens[hit.nameStart]!.start, tokens[hit.end - 1]!.end), plain);
    return hit.accent;
  };
  const scorer = new ContextScorer(index, n, contextAt, accentOf);
  /** The text after the anchor should explain it; failing that, a fully explained text before it may. */
  const contextOf = (hit: Hit, get: (from: number, to: number) => ContextScore): [ContextScore, boolean] => {
    const after = get(hit.end, n);
    if (after.district || after.province || hit.start === 0) return [after, false];
    const before = get(0, hit.start);
    if (before.unexplained === 0 && (before.district || before.province)) return [before, true];
    return [after, false];
  };
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
      const [t, reversed] = contextOf(hit, (from, to) => scorer.forUnit(from, to, unit));
      const score =
        1 + adj + accentBonus(accentOf(hit), unit.accent) + t.bonus + UNEXPLAINED_TOKEN * t.unexplained;
      offer(`u${id}`, {
        score,
        quality: quality(t, adj, 1, true),
        anchorStart: hit.start,
        anchorEnd: hit.end,
        reversed,
        unit,
      });
    }
    for (const [list, nameScore] of [
      [entry.communes, 1],
      [entry.communeAliases, ALIAS_NAME],
    ] as const) {
      for (const id of list) {
        const commune = index.communes[id]!;
        const adj = kindAdjustment(kind, commune.kind) + suffix;
        const [t, reversed] = contextOf(hit, (from, to) => scorer.forCommune(from, to, commune, id));
        const accent = accentBonus(accentOf(hit), commune.accent);
        const score = nameScore + adj + accent + t.bonus + UNEXPLAINED_TOKEN * t.unexplained;
        offer(`c${id}`, {
          score,
          quality: quality(t, adj, nameScore, false),
          anchorStart: hit.start,
          anchorEnd: hit.end,
          reversed,
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
    // A split unit's probability is not divided among its targets: the address is surely in that unit, and
    // `partial` says which part of it went where is for the user to tell.
    for (const t of targets) {
      const tally = tallies.get(t.commune);
      if (!tally) {
        tallies.set(t.commune, { commune: t.commune, probability: p, best: r, partial: t.partial });
      } else {
        tally.probability += p;
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
  const street = top.reversed
    ? text.slice(tokens[top.anchorEnd - 1]!.end).replace(/^[\s,;.:\-–/]+/u, '')
    : text.slice(0, tokens[top.anchorStart]!.start).replace(/[\s,;.:\-–/]+$/u, '');
  if (street.trim()) result.street = street.trim();

  // Ambiguous when another reading leading elsewhere is not much less likely than the best one.
  const topTargets = targetSet(top).sort().join(',');
  const rival = kept.some(
    (r, i) => i > 0 && weights[i]! >= 0.2 && targetSet(r).sort().join(',') !== topTargets,
  );
  if (rival) result.reason = 'ambiguous';
  else if (top.unit && top.unit.targets.length > 1) result.reason = 'split';
  return result;
}
