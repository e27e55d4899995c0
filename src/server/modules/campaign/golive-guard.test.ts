import { describe, expect, it } from 'vitest';
import { type GuardInput, goLiveVerdict, liveFromProblem } from './golive-guard';

const base: GuardInput = {
  live: false,
  hasChecklist: true,
  percent: 95,
  threshold: 90,
  blockers: [],
  override: null,
};
const blocker = { itemKey: 'network', title: 'Mạng nội bộ', reason: 'Điều kiện bắt buộc chưa thực hiện' };

describe('goLiveVerdict', () => {
  it.each([
    { name: 'ready', input: {}, allowed: true, codes: [] },
    { name: 'exactly at the threshold', input: { percent: 90 }, allowed: true, codes: [] },
    { name: 'just below', input: { percent: 89.9 }, allowed: false, codes: ['below_threshold'] },
    { name: 'a blocker open', input: { blockers: [blocker] }, allowed: false, codes: ['blockers_open'] },
    {
      name: 'below and blocked',
      input: { percent: 10, blockers: [blocker] },
      allowed: false,
      codes: ['below_threshold', 'blockers_open'],
    },
    {
      name: 'no checklist published',
      input: { hasChecklist: false, percent: 0 },
      allowed: false,
      codes: ['no_checklist'],
    },
    {
      name: 'override with a reason lets it through',
      input: { percent: 50, blockers: [blocker], override: { reason: 'Tỉnh đồng ý, mạng sẽ xong 02/7' } },
      allowed: true,
      codes: ['below_threshold', 'blockers_open'],
    },
    {
      name: 'override with a short reason does not',
      input: { percent: 50, override: { reason: '  ok ok   ' } },
      allowed: false,
      codes: ['below_threshold'],
    },
    {
      name: 'already live: never again, override or not',
      input: { live: true, override: { reason: 'Tỉnh đồng ý chuyển lại' } },
      allowed: false,
      codes: ['already_live'],
    },
    { name: 'threshold 0 with nothing done', input: { threshold: 0, percent: 0 }, allowed: true, codes: [] },
  ])('$name', ({ input, allowed, codes }) => {
    const v = goLiveVerdict({ ...base, ...input });
    expect(v.allowed).toBe(allowed);
    expect(v.reasons.map((r) => r.code)).toEqual(codes);
  });
});

describe('liveFromProblem', () => {
  it.each([
    ['2025-07-01', '2025-07-01', null],
    ['2025-07-02', '2025-07-01', null],
    ['2025-06-30', '2025-07-01', 'past'],
  ])('%s on %s', (liveFrom, today, problem) => {
    expect(liveFromProblem(liveFrom, today)).toBe(problem);
  });
});
