import { describe, expect, it } from 'vitest';
import {
  DOSSIER_STATUSES,
  type DossierStatus,
  isDossierStatus,
  isFinal,
  NATIONAL_STATUS_CODES,
  NATIONAL_STATUS_LABELS,
  type NationalStatusCode,
  nationalStatusOf,
  STATUS_LABELS,
} from './status';

describe('national status code of each internal state', () => {
  it.each<[DossierStatus, NationalStatusCode]>([
    ['submitted_online', 1],
    ['received', 2],
    ['refused', 3],
    ['assigned', 4],
    ['in_processing', 4],
    ['submitted_for_approval', 4],
    ['supplement_requested', 5],
    ['awaiting_payment', 6],
    ['withdrawn', 7],
    ['transferred', 8], // the competent commune carries it on under its own code
    ['approved', 4], // signed, but the result is not at the counter yet
    ['rejected', 8], // stopped: the dossier does not qualify
    ['result_ready', 9], // the result (or the written refusal) handed to the one-stop counter
    ['returned', 10],
  ])('%s → %i', (status, code) => {
    expect(nationalStatusOf(status)).toBe(code);
  });

  it('the table above covers every internal state', () => {
    expect(DOSSIER_STATUSES).toHaveLength(14);
  });

  it('every national code 1–10 is reached by some state', () => {
    const reached = new Set(DOSSIER_STATUSES.map(nationalStatusOf));
    expect([...reached].sort((a, b) => a - b)).toEqual([...NATIONAL_STATUS_CODES]);
  });
});

describe('labels', () => {
  it.each(DOSSIER_STATUSES)('%s has a Vietnamese and an English label', (status) => {
    expect(STATUS_LABELS[status].vi.trim()).not.toBe('');
    expect(STATUS_LABELS[status].en.trim()).not.toBe('');
  });

  it.each(NATIONAL_STATUS_CODES)('national code %i has both labels', (code) => {
    expect(NATIONAL_STATUS_LABELS[code].vi).toMatch(/\S/);
    expect(NATIONAL_STATUS_LABELS[code].en).toMatch(/\S/);
  });
});

describe('predicates', () => {
  it.each<[DossierStatus, boolean]>([
    ['returned', true],
    ['withdrawn', true],
    ['transferred', true],
    ['refused', true],
    ['result_ready', false],
    ['supplement_requested', false],
    ['submitted_online', false],
  ])('isFinal(%s) = %s', (status, final) => {
    expect(isFinal(status)).toBe(final);
  });

  it.each<[unknown, boolean]>([
    ['in_processing', true],
    ['processing', false],
    [4, false],
    [null, false],
  ])('isDossierStatus(%j) = %s', (value, ok) => {
    expect(isDossierStatus(value)).toBe(ok);
  });
});
