import { describe, expect, it } from 'vitest';
import { type AnswerStatus, type AutoResult, computeReadiness, type RuleItem } from './readiness-rules';

const item = (itemKey: string, weight: number, extra: Partial<RuleItem> = {}): RuleItem => ({
  itemKey,
  title: `Mục ${itemKey}`,
  weight,
  blocker: false,
  autoCheck: null,
  ...extra,
});
const answers = (o: Record<string, AnswerStatus>) => new Map(Object.entries(o));
const ok: AutoResult = { ok: true, detail: 'đạt' };
const ko: AutoResult = { ok: false, detail: 'Còn 2 cơ quan chưa có người' };

describe('computeReadiness', () => {
  const cases: {
    name: string;
    items: RuleItem[];
    answers: Record<string, AnswerStatus>;
    auto?: Parameters<typeof computeReadiness>[2];
    incidents?: { id: string; title: string; severity: string }[];
    percent: number;
    done: number;
    total: number;
    blockers: string[];
  }[] = [
    { name: 'no checklist', items: [], answers: {}, percent: 0, done: 0, total: 0, blockers: [] },
    {
      name: 'weighted: the heavy item done',
      items: [item('a', 30), item('b', 10)],
      answers: { a: 'done' },
      percent: 75,
      done: 1,
      total: 2,
      blockers: [],
    },
    {
      name: 'in progress counts nothing',
      items: [item('a', 50), item('b', 50)],
      answers: { a: 'done', b: 'in_progress' },
      percent: 50,
      done: 1,
      total: 2,
      blockers: [],
    },
    {
      name: 'not applicable leaves the total',
      items: [item('a', 20), item('b', 60), item('c', 20)],
      answers: { a: 'done', b: 'not_applicable', c: 'not_started' },
      percent: 50,
      done: 1,
      total: 2,
      blockers: [],
    },
    {
      name: 'all not applicable: nothing to measure',
      items: [item('a', 20)],
      answers: { a: 'not_applicable' },
      percent: 0,
      done: 0,
      total: 0,
      blockers: [],
    },
    {
      name: 'one decimal',
      items: [item('a', 1), item('b', 1), item('c', 1)],
      answers: { a: 'done' },
      percent: 33.3,
      done: 1,
      total: 3,
      blockers: [],
    },
    {
      name: 'a blocker not done blocks; done does not',
      items: [item('a', 10, { blocker: true }), item('b', 10, { blocker: true })],
      answers: { a: 'done', b: 'in_progress' },
      percent: 50,
      done: 1,
      total: 2,
      blockers: ['b'],
    },
    {
      name: 'a blocker answered not applicable still counts and blocks',
      items: [item('a', 10, { blocker: true })],
      answers: { a: 'not_applicable' },
      percent: 0,
      done: 0,
      total: 1,
      blockers: ['a'],
    },
    {
      name: 'auto check passing is done whatever the answer row says',
      items: [item('s', 40, { autoCheck: 'positions_filled', blocker: true }), item('b', 60)],
      answers: { s: 'not_started', b: 'done' },
      auto: { positions_filled: ok },
      percent: 100,
      done: 2,
      total: 2,
      blockers: [],
    },
    {
      name: 'auto check failing is not done even if answered done, and blocks',
      items: [item('s', 40, { autoCheck: 'positions_filled', blocker: true }), item('b', 60)],
      answers: { s: 'done', b: 'done' },
      auto: { positions_filled: ko },
      percent: 60,
      done: 1,
      total: 2,
      blockers: ['s'],
    },
    {
      name: 'auto check without a result is not done',
      items: [item('r', 10, { autoCheck: 'rehearsal_held' })],
      answers: {},
      percent: 0,
      done: 0,
      total: 1,
      blockers: [],
    },
    {
      name: 'open high incident blocks at 100%',
      items: [item('a', 10)],
      answers: { a: 'done' },
      incidents: [{ id: 'i1', title: 'Mất mạng nội bộ', severity: 'high' }],
      percent: 100,
      done: 1,
      total: 1,
      blockers: ['incident:i1'],
    },
  ];
  it.each(cases)('$name', (c) => {
    const r = computeReadiness(c.items, answers(c.answers), c.auto ?? {}, c.incidents ?? []);
    expect(r.percent).toBe(c.percent);
    expect(r.done).toBe(c.done);
    expect(r.total).toBe(c.total);
    expect(r.blockers.map((b) => b.itemKey)).toEqual(c.blockers);
  });

  it('says why an auto-checked blocker blocks', () => {
    const r = computeReadiness(
      [item('s', 1, { autoCheck: 'positions_filled', blocker: true })],
      new Map(),
      { positions_filled: ko },
      [],
    );
    expect(r.blockers[0]!.reason).toContain('Còn 2 cơ quan chưa có người');
  });
});
