import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../calendar/working-days';
import {
  allowedActions,
  answerDueOf,
  answerProblem,
  currentDue,
  DEFAULT_DEADLINES,
  isOverdue,
  RECOMMENDATION_STATUSES,
  type RecommendationActorKind,
  type RecommendationStatus,
  receiveDueOf,
  transition,
} from './recommendation-rules';

const ME = 'a0000000-0000-4000-8000-000000000001';
const OTHER = 'a0000000-0000-4000-8000-000000000002';
type Act = 'receive' | 'assign' | 'answer' | 'close' | 'reopen';

/** Every action by every kind of actor from every status: the expected outcome ('→ to' or the refusal). */
const TABLE: [RecommendationStatus, Act, RecommendationActorKind, string | null, string][] = [
  // The province receives what is sent or reopened, nothing else.
  ['sent', 'receive', 'province', null, 'received'],
  ['reopened', 'receive', 'province', null, 'received'],
  ['received', 'receive', 'province', null, 'wrong_state'],
  ['assigned', 'receive', 'province', null, 'wrong_state'],
  ['answered', 'receive', 'province', null, 'wrong_state'],
  ['closed', 'receive', 'province', null, 'wrong_state'],
  ['sent', 'receive', 'commune', null, 'not_allowed'],
  ['sent', 'receive', 'handler', null, 'not_allowed'],
  // Assignment (and reassignment) after receipt, by the province only.
  ['received', 'assign', 'province', null, 'assigned'],
  ['assigned', 'assign', 'province', ME, 'assigned'],
  ['sent', 'assign', 'province', null, 'wrong_state'],
  ['reopened', 'assign', 'province', null, 'wrong_state'],
  ['answered', 'assign', 'province', ME, 'wrong_state'],
  ['closed', 'assign', 'province', ME, 'wrong_state'],
  ['received', 'assign', 'handler', null, 'not_allowed'],
  ['received', 'assign', 'commune', null, 'not_allowed'],
  // The answer: the province itself (received or assigned), a handler only for their own assignment.
  ['received', 'answer', 'province', null, 'answered'],
  ['assigned', 'answer', 'province', OTHER, 'answered'],
  ['assigned', 'answer', 'handler', ME, 'answered'],
  ['assigned', 'answer', 'handler', OTHER, 'not_assignee'],
  ['assigned', 'answer', 'handler', null, 'not_assignee'],
  ['received', 'answer', 'handler', null, 'not_assignee'],
  ['sent', 'answer', 'province', null, 'wrong_state'],
  ['sent', 'answer', 'handler', null, 'wrong_state'],
  ['answered', 'answer', 'province', ME, 'wrong_state'],
  ['closed', 'answer', 'province', ME, 'wrong_state'],
  ['reopened', 'answer', 'province', ME, 'wrong_state'],
  ['assigned', 'answer', 'commune', ME, 'not_allowed'],
  // The commune closes or reopens an answered one; closed is final.
  ['answered', 'close', 'commune', null, 'closed'],
  ['answered', 'reopen', 'commune', null, 'reopened'],
  ['sent', 'close', 'commune', null, 'wrong_state'],
  ['received', 'close', 'commune', null, 'wrong_state'],
  ['assigned', 'close', 'commune', null, 'wrong_state'],
  ['closed', 'close', 'commune', null, 'wrong_state'],
  ['reopened', 'close', 'commune', null, 'wrong_state'],
  ['closed', 'reopen', 'commune', null, 'wrong_state'],
  ['sent', 'reopen', 'commune', null, 'wrong_state'],
  ['reopened', 'reopen', 'commune', null, 'wrong_state'],
  ['received', 'reopen', 'commune', null, 'wrong_state'],
  ['assigned', 'reopen', 'commune', ME, 'wrong_state'],
  ['answered', 'close', 'province', null, 'not_allowed'],
  ['answered', 'reopen', 'province', null, 'not_allowed'],
  ['answered', 'close', 'handler', ME, 'not_allowed'],
];

describe('recommendation workflow', () => {
  it.each(TABLE)('%s: %s by %s (assignee %s) → %s', (status, action, kind, assignee, expected) => {
    const r = transition({ status, assigneeAccountId: assignee }, action, { kind, accountId: ME });
    expect(r.ok ? r.to : r.refusal).toBe(expected);
  });

  it('covers every status with every action', () => {
    for (const s of RECOMMENDATION_STATUSES)
      for (const a of ['receive', 'assign', 'answer', 'close', 'reopen'] as const)
        expect(TABLE.some(([st, ac]) => st === s && ac === a)).toBe(true);
  });

  it.each([
    ['sent', 'province', null, ['receive']],
    ['received', 'province', null, ['assign', 'answer']],
    ['assigned', 'handler', ME, ['answer']],
    ['assigned', 'handler', OTHER, []],
    ['answered', 'commune', null, ['close', 'reopen']],
    ['closed', 'commune', null, []],
    ['closed', 'province', null, []],
  ] as const)('%s: %s may %j', (status, kind, assignee, expected) => {
    expect(allowedActions({ status, assigneeAccountId: assignee }, { kind, accountId: ME })).toEqual(
      expected,
    );
  });

  it.each([
    ['resolved', null, null],
    ['partly', '', null],
    ['declined', null, 'reason'],
    ['declined', '   ', 'reason'],
    ['declined', 'Ngoài thẩm quyền của tỉnh', null],
  ] as const)('answer %s with reason %j → missing %j', (outcome, reason, expected) => {
    expect(answerProblem({ outcome, reason })).toBe(expected);
  });
});

describe('recommendation deadlines in working days', () => {
  // 2025: 30/4 and 1/5 are days off (Reunification, Labour Day), 2/5 announced off with 3/5 a Saturday.
  const calendar = new WorkingCalendar({
    2025: {
      holidayRanges: [{ from: '2025-04-30', to: '2025-05-04', key: 'reunification', name: 'Nghỉ 30/4–1/5' }],
      makeUpWorkingDays: [],
    },
  });

  it.each([
    // sent on, receive due (2 working days)
    ['2025-06-20', '2025-06-24'], // Friday → Tuesday (weekend skipped)
    ['2025-06-18', '2025-06-20'],
    ['2025-04-29', '2025-05-06'], // 30/4–4/5 off
  ])('sent %s → receive due %s', (sent, due) => {
    expect(receiveDueOf(calendar, sent, DEFAULT_DEADLINES)).toBe(due);
  });

  it.each([
    ['2025-06-20', 'normal', '2025-07-04'], // 10 working days
    ['2025-06-20', 'urgent', '2025-06-25'], // 3 working days
    ['2025-04-28', 'urgent', '2025-05-06'], // 29/4, then 5/5, 6/5
  ] as const)('received %s (%s) → answer due %s', (received, urgency, due) => {
    expect(answerDueOf(calendar, received, urgency, DEFAULT_DEADLINES)).toBe(due);
  });

  it('uses the province settings', () => {
    expect(receiveDueOf(calendar, '2025-06-20', { ...DEFAULT_DEADLINES, receiveDays: 1 })).toBe('2025-06-23');
  });

  it.each([
    ['sent', '2025-06-24', null, '2025-06-24', false],
    ['sent', '2025-06-24', null, '2025-06-25', true],
    ['reopened', '2025-06-24', null, '2025-06-25', true],
    ['received', '2025-06-24', '2025-07-04', '2025-07-04', false],
    ['assigned', '2025-06-24', '2025-07-04', '2025-07-05', true],
    ['answered', '2025-06-24', '2025-07-04', '2025-08-01', false],
    ['closed', '2025-06-24', '2025-07-04', '2025-08-01', false],
  ] as const)('%s, receive due %s, answer due %s, on %s → overdue %s', (status, r, a, today, expected) => {
    expect(isOverdue({ status, receiveDue: r, answerDue: a }, today)).toBe(expected);
  });

  it('the current due date is that of the step it waits for', () => {
    expect(currentDue({ status: 'sent', receiveDue: 'R', answerDue: null })).toBe('R');
    expect(currentDue({ status: 'assigned', receiveDue: 'R', answerDue: 'A' })).toBe('A');
    expect(currentDue({ status: 'answered', receiveDue: 'R', answerDue: 'A' })).toBeNull();
  });
});
