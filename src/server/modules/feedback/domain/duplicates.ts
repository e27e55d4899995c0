/**
 * Duplicate suggestions (issue 13 §2): similar open reports of the same commune, by text (PostgreSQL pg_trgm
 * similarity of the search text, 0–1) and by place (metres between the two points, when both have one). The SQL
 * finds the candidates; this pure rule decides which are worth showing and in what order.
 *
 * A candidate is suggested when its text is similar enough (similarity ≥ minSimilarity) and it is not far away
 * (no point, or within maxDistanceM), or when it is near (≤ nearMetres) and its text is at least loosely similar
 * (≥ minSimilarityNear: "street light" reported twice at the same corner in other words). Score = similarity plus a
 * proximity bonus falling linearly from nearBonus at 0 m to 0 at nearMetres; ties go to the nearer, then the id.
 */

export interface GeoPoint {
  latitude: number;
  longitude: number;
}

export interface DuplicateThresholds {
  minSimilarity: number;
  minSimilarityNear: number;
  nearMetres: number;
  maxDistanceM: number;
  nearBonus: number;
  maxResults: number;
}

export const DUPLICATE_THRESHOLDS: DuplicateThresholds = {
  minSimilarity: 0.3,
  minSimilarityNear: 0.12,
  nearMetres: 150,
  maxDistanceM: 2000,
  nearBonus: 0.3,
  maxResults: 5,
};

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function haversineMetres(a: GeoPoint, b: GeoPoint): number {
  const dLat = (b.latitude - a.latitude) * RAD;
  const dLng = (b.longitude - a.longitude) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * RAD) * Math.cos(b.latitude * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface DuplicateCandidate {
  id: string;
  similarity: number;
  distanceM: number | null;
}

/** The suggestion score of a candidate, or null when it is not suggested. */
export function duplicateScore(
  c: DuplicateCandidate,
  t: DuplicateThresholds = DUPLICATE_THRESHOLDS,
): number | null {
  const near = c.distanceM !== null && c.distanceM <= t.nearMetres;
  const similarEnough =
    c.similarity >= t.minSimilarity && (c.distanceM === null || c.distanceM <= t.maxDistanceM);
  if (!similarEnough && !(near && c.similarity >= t.minSimilarityNear)) return null;
  const bonus = near ? t.nearBonus * (1 - (c.distanceM as number) / t.nearMetres) : 0;
  return c.similarity + bonus;
}

/** The candidates worth suggesting, best first, at most maxResults. */
export function rankDuplicates<T extends DuplicateCandidate>(
  cands: readonly T[],
  t: DuplicateThresholds = DUPLICATE_THRESHOLDS,
): T[] {
  const scored: { c: T; score: number }[] = [];
  for (const c of cands) {
    const score = duplicateScore(c, t);
    if (score !== null) scored.push({ c, score });
  }
  scored.sort(
    (x, y) =>
      y.score - x.score ||
      (x.c.distanceM ?? Number.POSITIVE_INFINITY) - (y.c.distanceM ?? Number.POSITIVE_INFINITY) ||
      (x.c.id < y.c.id ? -1 : x.c.id > y.c.id ? 1 : 0),
  );
  return scored.slice(0, t.maxResults).map((s) => s.c);
}
