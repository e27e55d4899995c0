import { describe, expect, it } from 'vitest';
import { DUPLICATE_THRESHOLDS, duplicateScore, haversineMetres, rankDuplicates } from './duplicates';

/** One degree of a great circle on the mean Earth radius (6 371 008.8 m). */
const DEGREE_M = (6_371_008.8 * Math.PI) / 180;

describe('haversine distance', () => {
  it.each([
    [{ latitude: 21, longitude: 105 }, { latitude: 21, longitude: 105 }, 0, 0.001],
    [{ latitude: 21, longitude: 105 }, { latitude: 22, longitude: 105 }, DEGREE_M, 0.5],
    [{ latitude: 0, longitude: 105 }, { latitude: 0, longitude: 106 }, DEGREE_M, 0.5],
    [{ latitude: 60, longitude: 10 }, { latitude: 60, longitude: 10.001 }, (DEGREE_M / 1000) * 0.5, 0.01],
    // Hoàn Kiếm lake (Hà Nội) to Bến Thành market (Hồ Chí Minh City): about 1 140 km.
    [
      { latitude: 21.0285, longitude: 105.8542 },
      { latitude: 10.7725, longitude: 106.698 },
      1_140_000,
      10_000,
    ],
    // Two corners of one street about 100 m apart (0.0009° of latitude).
    [{ latitude: 16.0544, longitude: 108.2022 }, { latitude: 16.0553, longitude: 108.2022 }, 100.07, 0.1],
  ])('%o – %o ≈ %d m', (a, b, metres, tolerance) => {
    expect(Math.abs(haversineMetres(a, b) - metres)).toBeLessThanOrEqual(tolerance);
    expect(haversineMetres(b, a)).toBeCloseTo(haversineMetres(a, b), 6);
  });

  it('handles antipodes without NaN', () => {
    const d = haversineMetres({ latitude: 10, longitude: 100 }, { latitude: -10, longitude: -80 });
    expect(d).toBeCloseTo(180 * DEGREE_M, 0);
  });
});

describe('which candidates are suggested', () => {
  it.each([
    // [similarity, distance, suggested, why]
    [0.6, null, true, 'similar text, no place'],
    [0.3, null, true, 'at the text threshold'],
    [0.29, null, false, 'below the text threshold, no place'],
    [0.5, 1500, true, 'similar text, within 2 km'],
    [0.5, 2500, false, 'similar text but far away'],
    [0.15, 50, true, 'loosely similar text at the same corner'],
    [0.12, 150, true, 'at both near thresholds'],
    [0.11, 50, false, 'unrelated text at the same corner'],
    [0.2, 151, false, 'loosely similar text, not near'],
    [0, 0, false, 'nothing in common but the place'],
  ] as [number, number | null, boolean, string][])(
    'similarity %d at %s m → %s (%s)',
    (similarity, distanceM, ok) => {
      expect(duplicateScore({ id: 'x', similarity, distanceM }) !== null).toBe(ok);
    },
  );

  it('adds a proximity bonus that falls to zero at the near distance', () => {
    expect(duplicateScore({ id: 'a', similarity: 0.4, distanceM: 0 })).toBeCloseTo(0.7, 10);
    expect(duplicateScore({ id: 'a', similarity: 0.4, distanceM: 75 })).toBeCloseTo(0.55, 10);
    expect(duplicateScore({ id: 'a', similarity: 0.4, distanceM: 150 })).toBeCloseTo(0.4, 10);
    expect(duplicateScore({ id: 'a', similarity: 0.4, distanceM: 1000 })).toBeCloseTo(0.4, 10);
    expect(duplicateScore({ id: 'a', similarity: 0.4, distanceM: null })).toBeCloseTo(0.4, 10);
  });
});

describe('ranking', () => {
  it('orders by score, then distance, then id, and keeps at most five', () => {
    const cands = [
      { id: 'far-similar', similarity: 0.7, distanceM: 1900 },
      { id: 'near-loose', similarity: 0.2, distanceM: 10 }, // 0.2 + 0.28
      { id: 'unrelated', similarity: 0.05, distanceM: 5 },
      { id: 'no-place', similarity: 0.5, distanceM: null },
      { id: 'b-tie', similarity: 0.45, distanceM: 500 },
      { id: 'a-tie', similarity: 0.45, distanceM: 500 },
      { id: 'closer-tie', similarity: 0.45, distanceM: 300 },
      { id: 'weak', similarity: 0.31, distanceM: null },
      { id: 'too-far', similarity: 0.9, distanceM: 5000 },
    ];
    expect(rankDuplicates(cands).map((c) => c.id)).toEqual([
      'far-similar',
      'no-place',
      'near-loose',
      'closer-tie',
      'a-tie',
    ]);
  });

  it('returns the candidates themselves, with their other fields', () => {
    const cand = { id: 'x', similarity: 0.9, distanceM: null, code: 'PA-00004-260105-0001' };
    expect(rankDuplicates([cand])[0]).toBe(cand);
  });

  it('takes other thresholds', () => {
    const cands = [
      { id: 'a', similarity: 0.25, distanceM: null },
      { id: 'b', similarity: 0.35, distanceM: null },
    ];
    expect(
      rankDuplicates(cands, { ...DUPLICATE_THRESHOLDS, minSimilarity: 0.2, maxResults: 1 }).map((c) => c.id),
    ).toEqual(['b']);
    expect(rankDuplicates([])).toEqual([]);
  });
});
