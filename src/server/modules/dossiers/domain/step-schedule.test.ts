/**
 * Each processing step has its own due share and warns before it runs out, not only the whole dossier
 * (issue 4 §3). Received Mon 2/3/2026 09:00 with 5 working days → due Mon 9/3; the civil-status steps share
 * the 5 days 0.1 / 0.6 / 0.2 / 0.1 → step ends Tue 3/3, Fri 6/3, Mon 9/3, Mon 9/3.
 */
import { describe, expect, it } from 'vitest';
import {
  calendar,
  days,
  finish,
  opening,
  resume,
  SAMPLE,
  type Step,
  script,
  supplement,
  vn,
} from './lifecycle.fixtures';
import { lateness } from './sla';
import { phaseOf, type StepDefinition, stepSchedule, stepWarning } from './step-schedule';

const CIVIL: StepDefinition[] = [
  { name: 'Tiếp nhận', handlerRole: 'one_stop_officer', shareOfTime: 0.1 },
  { name: 'Kiểm tra, ghi sổ', handlerRole: 'specialist', shareOfTime: 0.6 },
  { name: 'Ký', handlerRole: 'commune_leader', shareOfTime: 0.2 },
  { name: 'Trả kết quả', handlerRole: 'one_stop_officer', shareOfTime: 0.1 },
];
/** Residence: decided by the commune police, no approval step of the commune leader. */
const RESIDENCE: StepDefinition[] = [
  { name: 'Tiếp nhận', handlerRole: 'one_stop_officer', shareOfTime: 0.1 },
  { name: 'Thẩm định', handlerRole: 'other_agency', body: 'Công an xã', shareOfTime: 0.8 },
  { name: 'Trả kết quả', handlerRole: 'one_stop_officer', shareOfTime: 0.1 },
];

const RECEIVE: Step = ['2026-03-02T09:00:00', { type: 'receive', limit: days(5) }, 'officer'];
const OPEN = opening('2026-03-02T09:00:00');
const at = (local: string, ...rest: Step[1][]): Step[] =>
  rest.map((a) => [local, a, a.type === 'approve' ? 'leader' : a.type === 'assign' ? 'officer' : 'assignee']);

type Row = [
  what: string,
  steps: StepDefinition[],
  history: Step[],
  now: string,
  expected: { states: string; dues: string[]; level: string | null } | 'none',
];

const TABLE: Row[] = [
  [
    'just received: the counter step is current and due tomorrow (due soon)',
    CIVIL,
    [RECEIVE],
    '2026-03-02T10:00:00',
    { states: 'CPPP', dues: ['2026-03-03', '2026-03-06', '2026-03-09', '2026-03-09'], level: 'due_soon' },
  ],
  [
    'with the specialist on Wednesday: two working days of its share left',
    CIVIL,
    OPEN,
    '2026-03-04T10:00:00',
    { states: 'DCPP', dues: ['2026-03-03', '2026-03-06', '2026-03-09', '2026-03-09'], level: 'on_time' },
  ],
  [
    "with the specialist on Friday: the step's last day",
    CIVIL,
    OPEN,
    '2026-03-06T10:00:00',
    { states: 'DCPP', dues: ['2026-03-03', '2026-03-06', '2026-03-09', '2026-03-09'], level: 'due_today' },
  ],
  [
    'still with the specialist on Monday: the step is overdue while the dossier is only due today',
    CIVIL,
    OPEN,
    '2026-03-09T10:00:00',
    { states: 'DCPP', dues: ['2026-03-03', '2026-03-06', '2026-03-09', '2026-03-09'], level: 'overdue' },
  ],
  [
    'waiting for the applicant since Wednesday: no warning, and the wait moves the step ends',
    CIVIL,
    [...OPEN, ['2026-03-04T10:00:00', supplement, 'assignee']],
    '2026-03-06T10:00:00',
    // Paused two working days so far → due Wed 11/3, 7 working days: ends round(0.7, 4.9, 6.3, 7).
    { states: 'DCPP', dues: ['2026-03-03', '2026-03-09', '2026-03-10', '2026-03-11'], level: null },
  ],
  [
    'resumed after the supplement: the finished pause keeps the step ends moved',
    CIVIL,
    [...OPEN, ['2026-03-04T10:00:00', supplement, 'assignee'], ['2026-03-06T10:00:00', resume, 'assignee']],
    '2026-03-09T10:00:00',
    { states: 'DCPP', dues: ['2026-03-03', '2026-03-09', '2026-03-10', '2026-03-11'], level: 'due_today' },
  ],
  [
    "submitted for approval: the leader's step is current",
    CIVIL,
    [...OPEN, ...at('2026-03-05T09:00:00', SAMPLE.submit_for_approval)],
    '2026-03-05T10:00:00',
    { states: 'DDCP', dues: ['2026-03-03', '2026-03-06', '2026-03-09', '2026-03-09'], level: 'on_time' },
  ],
  [
    'result ready: the return step is current',
    CIVIL,
    [...OPEN, ...finish('2026-03-05T09:00:00')],
    '2026-03-05T10:00:00',
    { states: 'DDDC', dues: ['2026-03-03', '2026-03-06', '2026-03-09', '2026-03-09'], level: 'on_time' },
  ],
  [
    'returned: every step done, nothing to warn about',
    CIVIL,
    [...OPEN, ...finish('2026-03-05T09:00:00'), ['2026-03-05T11:00:00', SAMPLE.return_result, 'officer']],
    '2026-03-12T10:00:00',
    { states: 'DDDD', dues: ['2026-03-03', '2026-03-06', '2026-03-09', '2026-03-09'], level: null },
  ],
  [
    'no approval step in the procedure: submitted for approval stays in the processing step',
    RESIDENCE,
    [...OPEN, ...at('2026-03-05T09:00:00', SAMPLE.submit_for_approval)],
    '2026-03-05T10:00:00',
    // 5 working days: ends round(0.5) = 1 → Tue, round(4.5) = 5 → Mon, Mon.
    { states: 'DCP', dues: ['2026-03-03', '2026-03-09', '2026-03-09'], level: 'on_time' },
  ],
  [
    'same-day procedure received at 09:00: every step ends today',
    CIVIL,
    [['2026-03-02T09:00:00', { type: 'receive', limit: { kind: 'same_day' } }, 'officer']],
    '2026-03-02T09:30:00',
    { states: 'CPPP', dues: Array(4).fill('2026-03-02'), level: 'due_today' },
  ],
  [
    'withdrawn: no step is owed',
    CIVIL,
    [RECEIVE, ['2026-03-02T10:00:00', SAMPLE.withdraw, 'officer']],
    '2026-03-03T10:00:00',
    'none',
  ],
  [
    'submitted online, not yet received: no clock, no steps',
    CIVIL,
    [['2026-03-02T09:00:00', SAMPLE.submit_online, 'applicant']],
    '2026-03-02T10:00:00',
    'none',
  ],
];

describe('stepSchedule', () => {
  it.each(TABLE)('%s', (_, steps, history, now, expected) => {
    const { state } = script(history);
    const schedule = stepSchedule(steps, state.status!, state.clock, vn(now), calendar);
    if (expected === 'none') {
      expect(schedule).toEqual([]);
      return;
    }
    const letter = { done: 'D', current: 'C', pending: 'P' } as const;
    expect(schedule.map((s) => letter[s.state]).join('')).toBe(expected.states);
    expect(schedule.map((s) => s.dueDate)).toEqual(expected.dues);
    expect(schedule.find((s) => s.state === 'current')?.level ?? null).toBe(expected.level);
  });

  it('ends the last step on the due date in force, also after an extension', () => {
    const { state } = script([...OPEN, ['2026-03-04T10:00:00', SAMPLE.extend, 'leader']]); // → Fri 20/3
    const schedule = stepSchedule(CIVIL, state.status!, state.clock, vn('2026-03-05T10:00:00'), calendar);
    expect(schedule.at(-1)!.dueDate).toBe('2026-03-20');
    expect(schedule.at(-1)!.dueDate).toBe(
      lateness(state.clock!, vn('2026-03-05T10:00:00'), calendar).dueDate,
    );
    expect(schedule[1]!.dueDate).toBe('2026-03-16'); // 14 working days × 0.7 = 9.8 → 10 → Mon 16/3
  });

  it('warns on the step before the whole dossier is late', () => {
    const { state } = script(OPEN);
    const now = vn('2026-03-09T10:00:00');
    const warning = stepWarning(stepSchedule(CIVIL, state.status!, state.clock, now, calendar));
    expect(warning).toMatchObject({ index: 1, level: 'overdue', handlerRole: 'specialist' });
    expect(lateness(state.clock!, now, calendar).level).toBe('due_today');
  });

  it('gives no warning while every running step is on time', () => {
    const { state } = script(OPEN);
    expect(
      stepWarning(stepSchedule(CIVIL, state.status!, state.clock, vn('2026-03-04T10:00:00'), calendar)),
    ).toBeNull();
  });
});

describe('phaseOf', () => {
  it.each([
    ['received', 'intake'],
    ['assigned', 'processing'],
    ['in_processing', 'processing'],
    ['supplement_requested', 'processing'],
    ['awaiting_payment', 'processing'],
    ['submitted_for_approval', 'approval'],
    ['approved', 'return'],
    ['rejected', 'return'],
    ['result_ready', 'return'],
    ['returned', null],
    ['withdrawn', null],
    ['transferred', null],
    ['refused', null],
    ['submitted_online', null],
  ] as const)('%s → %s', (status, phase) => {
    expect(phaseOf(status)).toBe(phase);
  });
});
