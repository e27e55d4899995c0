/**
 * Similar open reports of the same commune (issue 13 §2), in one SQL statement: the candidates are the nearest open
 * reports of the commune by trigram distance between the beginnings of the texts (through the GiST index on
 * (commune, left(search_text, 64)) of migration 0019) and, when a point is given, the nearest within a box around it
 * (through the index of open located reports of migration 0016); each candidate is then scored once — its word
 * similarity to the probe and its haversine distance in metres — and the pure rule of domain/duplicates.ts decides
 * which are suggested and in what order. Shown to the citizen while writing (title and place only, personal data
 * masked, private reports left out) and to staff on receipt.
 *
 * The similarity is pg_trgm's word_similarity(probe, text) over the first SCORE_CHARS characters of each: the
 * best-matching stretch of the report counts, so a short text typed so far still finds a long report. It is never
 * below similarity(probe, text) (the whole text is one of the stretches), so it equals the greater of the two that
 * earlier versions computed.
 *
 * Where the time goes (EXPLAIN (ANALYZE, BUFFERS) over the benchmark's 500,000 reports, 6,800 open in the busiest
 * commune): a trigram KNN scan of GiST cannot prune in a commune whose reports share their words (every inner
 * signature holds nearly every trigram of the probe), so it reads and measures every open report of the commune
 * in the index. The cost is that scan, so the index holds the first KNN_PREFIX characters only (the title and the
 * first words): about half its pages and, per entry, half the trigrams to compare (33 instead of 70); measured on
 * the same probes, its nearest ten hold the best-scored report as often as the whole text's did, the demo's two
 * street-light reports among them.
 */
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
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
import { findReport } from './store';

/**
 * How many candidates each search hands to the scoring: the nearest by text (the trigram order only approximates
 * the word similarity that scores them; measured on the benchmark's 6,800 open reports of one commune, 30 instead
 * of 10 found the same five best, while each candidate costs a heap read and a word_similarity()) and the nearest
 * by place (all of them within nearMetres in any real commune).
 */
export const TEXT_CANDIDATES = 10;
export const PLACE_CANDIDATES = 20;
/**
 * The text search compares the first KNN_PREFIX characters of the probe and of each report (the index expression
 * of migration 0019: the two must stay equal), and the score the first SCORE_CHARS: word_similarity() builds the
 * trigrams of both arguments on every call, so a probe of 10,000 characters (a whole report, on receipt) would
 * cost that for each candidate.
 */
export const KNN_PREFIX = 64;
export const SCORE_CHARS = 256;

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

/** The open states as literals: the partial indexes' predicates are proven from them, whatever the plan. */
const OPEN_STATES = sql.raw(OPEN_FEEDBACK_STATES.map((s) => `'${s}'`).join(', '));

/** Haversine distance in metres between a row's point and (lat, lng), in SQL; null when the row has none. */
function distanceSql(lat: number, lng: number): SQL {
  const la = sql`${lat}::float8`;
  const ln = sql`${lng}::float8`;
  return sql`case when latitude is null then null else
    2 * ${R}::float8 * asin(least(1, sqrt(
      power(sin(radians(latitude - ${la}) / 2), 2) +
      cos(radians(${la})) * cos(radians(latitude)) *
      power(sin(radians(longitude - ${ln}) / 2), 2)))) end`;
}

/**
 * The one statement of findDuplicates (exported for the benchmark's raw figure): every candidate once, with
 * id, code, title, placeText, state, receivedAtMs, reporterName, similarity and distanceM.
 */
export function duplicateCandidatesSql(probe: DuplicateProbe): SQL {
  const t = DUPLICATE_THRESHOLDS;
  const text = probe.searchText.slice(0, SCORE_CHARS);
  const p = probe.point;
  const base = sql.join(
    [
      sql`commune_code = ${probe.communeCode}::text`,
      sql`state in (${OPEN_STATES})`,
      ...(probe.excludeId ? [sql`id <> ${probe.excludeId}::uuid`] : []),
      ...(probe.publicOnly ? [sql`is_private = false`] : []),
    ],
    sql` and `,
  );
  const columns = sql`id, code, title, place_text, state, received_at, reporter_name, search_text, latitude, longitude`;
  const legs: SQL[] = [];
  if (text.trim()) {
    // The nearest by trigram distance of the beginnings (a `%` filter is not selective over a busy commune: most
    // texts share a few trigrams; the rule keeps only the similar enough).
    legs.push(sql`(select ${columns} from feedback_reports where ${base}
      order by left(search_text, ${sql.raw(String(KNN_PREFIX))}) <-> ${probe.searchText.slice(0, KNN_PREFIX)}::text
      limit ${sql.raw(String(TEXT_CANDIDATES))})`);
  }
  if (p) {
    // A box of nearMetres around the point (1° latitude ≈ 111 km; longitude scaled by the latitude).
    // Ordered by the flat distance (degrees of longitude scaled by the latitude's cosine): over a few hundred
    // metres the same order as the haversine, which is computed for the kept candidates only.
    const cos = Math.cos((p.latitude * Math.PI) / 180);
    const dLat = t.nearMetres / 111_000;
    const dLng = t.nearMetres / (111_000 * cos);
    const la = sql`${p.latitude}::float8`;
    const ln = sql`${p.longitude}::float8`;
    legs.push(sql`(select ${columns} from feedback_reports where ${base}
      and latitude between ${p.latitude - dLat}::float8 and ${p.latitude + dLat}::float8
      and longitude between ${p.longitude - dLng}::float8 and ${p.longitude + dLng}::float8
      order by (latitude - ${la}) * (latitude - ${la})
        + (longitude - ${ln}) * (longitude - ${ln}) * ${cos * cos}::float8
      limit ${sql.raw(String(PLACE_CANDIDATES))})`);
  }
  const distance = p ? distanceSql(p.latitude, p.longitude) : sql`null::float8`;
  return sql`with c as (${sql.join(legs, sql` union `)})
    select id, code, title, place_text as "placeText", state,
      floor(extract(epoch from received_at) * 1000)::float8 as "receivedAtMs", reporter_name as "reporterName",
      word_similarity(${text}::text, left(search_text, ${sql.raw(String(SCORE_CHARS))}))::float8 as similarity, ${distance} as "distanceM"
    from c`;
}

interface CandidateRow {
  id: string;
  code: string;
  title: string;
  placeText: string | null;
  state: string;
  receivedAtMs: number | string;
  reporterName: string | null;
  similarity: number | string;
  distanceM: number | string | null;
}

const dialect = new PgDialect();
/** One statement name per shape of the statement (which searches, public or staff): a dozen at most. */
const statementNames = new Map<string, string>();

/**
 * The candidates' rows. On PostgreSQL through a named prepared statement of the pool: each connection plans each
 * shape once (the values are parameters; the open states and the limits are in the text) instead of planning the
 * union over a table of a dozen indexes on every keystroke. In a transaction or on PGlite, as any other query.
 */
async function candidateRows(db: DbOrTx, probe: DuplicateProbe): Promise<CandidateRow[]> {
  const query = duplicateCandidatesSql(probe);
  const client = (db as { $client?: unknown }).$client;
  if (client instanceof pg.Pool) {
    const { sql: text, params } = dialect.sqlToQuery(query);
    let name = statementNames.get(text);
    if (!name) {
      name = `feedback_duplicates_${statementNames.size + 1}`;
      statementNames.set(text, name);
    }
    return (await client.query<CandidateRow>({ name, text, values: params })).rows;
  }
  return ((await db.execute(query)) as unknown as { rows: CandidateRow[] }).rows;
}

export async function findDuplicates(db: DbOrTx, probe: DuplicateProbe): Promise<DuplicateSuggestion[]> {
  if (!probe.searchText.trim() && !probe.point) return [];
  const candidates = (await candidateRows(db, probe)).map((r) => ({
    ...r,
    similarity: Number(r.similarity),
    distanceM: r.distanceM === null ? null : Number(r.distanceM),
  }));
  return rankDuplicates(candidates, DUPLICATE_THRESHOLDS).map((r) => {
    const known = { names: r.reporterName ? [r.reporterName] : [] };
    return {
      id: r.id,
      code: r.code,
      title: probe.publicOnly ? maskPersonalData(r.title, known) : r.title,
      placeText: r.placeText && probe.publicOnly ? maskPersonalData(r.placeText, known) : r.placeText,
      state: r.state as FeedbackState,
      receivedAt: new Date(Number(r.receivedAtMs)).toISOString(),
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
