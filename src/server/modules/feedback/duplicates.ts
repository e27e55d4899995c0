/**
 * Similar open reports of the same commune (issue 13 §2): by text — pg_trgm `similarity()` of the folded search
 * texts, the nearest by trigram distance through the GiST index — and by place — haversine metres between the two
 * points, found through the (commune, latitude, longitude) index within a box around the point. The pure rule of
 * domain/duplicates.ts decides which are suggested and in what order. Shown to the citizen while writing (title
 * and place only, personal data masked, private reports left out) and to staff on receipt.
 */
import { and, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import {
  type DuplicateSuggestion,
  type FeedbackState,
  OPEN_FEEDBACK_STATES,
} from '../../../common/api/feedback';
import { maskPersonalData } from '../../../common/masking';
import type { DbOrTx } from '../../db/database';
import { AppError } from '../../http/errors';
import { DUPLICATE_THRESHOLDS, rankDuplicates } from './domain/duplicates';
import { feedbackSearchText } from './reports';
import { feedbackReports } from './schema';
import { findReport } from './store';

/** How many rows each of the two searches (text, place) hands to the ranking. */
const CANDIDATES = 30;

export interface DuplicateProbe {
  communeCode: string;
  /** Folded, masked search text (feedbackSearchText). */
  searchText: string;
  point: { latitude: number; longitude: number } | null;
  /** The report itself (staff, on receipt). */
  excludeId?: string;
  /** The public form: private reports are not shown to others. */
  publicOnly?: boolean;
}

const R = 6_371_008.8;

/** Haversine distance in metres between a row's point and (lat, lng), in SQL; null when the row has none. */
function distanceSql(lat: number, lng: number): SQL<number | null> {
  const la = sql`${lat}::float8`;
  const ln = sql`${lng}::float8`;
  return sql<number | null>`case when ${feedbackReports.latitude} is null then null else
    2 * ${R}::float8 * asin(least(1, sqrt(
      power(sin(radians(${feedbackReports.latitude} - ${la}) / 2), 2) +
      cos(radians(${la})) * cos(radians(${feedbackReports.latitude})) *
      power(sin(radians(${feedbackReports.longitude} - ${ln}) / 2), 2)))) end`;
}

export async function findDuplicates(db: DbOrTx, probe: DuplicateProbe): Promise<DuplicateSuggestion[]> {
  const t = DUPLICATE_THRESHOLDS;
  const base = [
    eq(feedbackReports.communeCode, probe.communeCode),
    inArray(feedbackReports.state, [...OPEN_FEEDBACK_STATES]),
    ...(probe.excludeId ? [ne(feedbackReports.id, probe.excludeId)] : []),
    ...(probe.publicOnly ? [eq(feedbackReports.isPrivate, false)] : []),
  ];
  // A short text typed so far against a long report: the best-matching stretch of it counts (word_similarity).
  const similarity = sql<number>`greatest(similarity(${feedbackReports.searchText}, ${probe.searchText}), word_similarity(${probe.searchText}, ${feedbackReports.searchText}))`;
  const p = probe.point;
  const distance = p ? distanceSql(p.latitude, p.longitude) : sql<number | null>`null::float8`;
  const columns = {
    id: feedbackReports.id,
    code: feedbackReports.code,
    title: feedbackReports.title,
    placeText: feedbackReports.placeText,
    state: feedbackReports.state,
    receivedAt: feedbackReports.receivedAt,
    reporterName: feedbackReports.reporterName,
    similarity: similarity.mapWith(Number),
    distanceM: distance.mapWith((v) => (v === null ? null : Number(v))),
  };
  const queries = [];
  if (probe.searchText.trim()) {
    // The nearest open reports of the commune by trigram distance, through the GiST index on (commune, text) of
    // migration 0015 (a `%` filter is not selective over a busy commune: most texts share a few trigrams); the
    // pure rule below keeps only the similar enough. Ordering by the plain distance may miss a short probe that
    // only matches a stretch of a long report (word similarity); the place search below still finds it when near.
    queries.push(
      db
        .select(columns)
        .from(feedbackReports)
        .where(and(...base))
        .orderBy(sql`${feedbackReports.searchText} <-> ${probe.searchText}`)
        .limit(CANDIDATES),
    );
  }
  if (p) {
    // A box of nearMetres around the point (1° latitude ≈ 111 km; longitude scaled by the latitude).
    const dLat = t.nearMetres / 111_000;
    const dLng = t.nearMetres / (111_000 * Math.cos((p.latitude * Math.PI) / 180));
    queries.push(
      db
        .select(columns)
        .from(feedbackReports)
        .where(
          and(
            ...base,
            sql`${feedbackReports.latitude} between ${p.latitude - dLat}::float8 and ${p.latitude + dLat}::float8`,
            sql`${feedbackReports.longitude} between ${p.longitude - dLng}::float8 and ${p.longitude + dLng}::float8`,
          ),
        )
        .orderBy(sql`${distance} asc`)
        .limit(CANDIDATES),
    );
  }
  const byId = new Map<string, Awaited<(typeof queries)[number]>[number]>();
  for (const rows of await Promise.all(queries)) for (const r of rows) byId.set(r.id, r);
  return rankDuplicates([...byId.values()], t).map((r) => {
    const known = { names: r.reporterName ? [r.reporterName] : [] };
    return {
      id: r.id,
      code: r.code,
      title: probe.publicOnly ? maskPersonalData(r.title, known) : r.title,
      placeText: r.placeText && probe.publicOnly ? maskPersonalData(r.placeText, known) : r.placeText,
      state: r.state as FeedbackState,
      receivedAt: r.receivedAt.toISOString(),
      similarity: Math.round(r.similarity * 1000) / 1000,
      distanceM: r.distanceM === null ? null : Math.round(r.distanceM),
    };
  });
}

/** While the citizen writes: open, non-private reports of the commune like the text and the point. */
export function suggestWhileWriting(
  db: DbOrTx,
  q: { communeCode: string; text: string; lat?: number; lng?: number },
) {
  return findDuplicates(db, {
    communeCode: q.communeCode,
    searchText: feedbackSearchText('', q.text),
    point: q.lat !== undefined && q.lng !== undefined ? { latitude: q.lat, longitude: q.lng } : null,
    publicOnly: true,
  });
}

/** On receipt (staff): open reports of the same commune like this one, itself excluded. */
export async function duplicatesOfReport(db: DbOrTx, id: string): Promise<DuplicateSuggestion[]> {
  const row = await findReport(db, id);
  if (!row) throw new AppError('not_found');
  return findDuplicates(db, {
    communeCode: row.communeCode,
    searchText: row.searchText,
    point:
      row.latitude !== null && row.longitude !== null
        ? { latitude: row.latitude, longitude: row.longitude }
        : null,
    excludeId: row.id,
  });
}
