import { describe, expect, it } from 'vitest';
import { ACTION_SPECS, ACTION_TYPES, type DossierAction, type DossierActionType } from './actions';
import { apply } from './lifecycle';
import {
  ACTOR_NAMES,
  ACTORS,
  type ActorName,
  calendar,
  LIMIT,
  outcome,
  reach,
  SAMPLE,
  type StateKey,
} from './lifecycle.fixtures';
import { DOSSIER_STATUSES, type DossierStatus, nationalStatusOf } from './status';

const ALL_STATES: StateKey[] = ['none', ...DOSSIER_STATUSES];
const BEFORE_RESULT: DossierStatus[] = [
  'received',
  'assigned',
  'in_processing',
  'supplement_requested',
  'awaiting_payment',
  'submitted_for_approval',
  'approved',
  'rejected',
];

/** Every allowed (action, from) pair and the state it leads to — written out, independent of ACTION_SPECS. */
const ALLOWED: [DossierActionType, StateKey, DossierStatus | 'same'][] = [
  ['submit_online', 'none', 'submitted_online'],
  ['receive', 'none', 'received'],
  ['receive', 'submitted_online', 'received'],
  ['refuse_intake', 'none', 'refused'],
  ['refuse_intake', 'submitted_online', 'refused'],
  ['assign', 'received', 'assigned'],
  ...(['assigned', 'in_processing', 'supplement_requested', 'awaiting_payment'] as const).map(
    (s) => ['reassign', s, 'same'] as [DossierActionType, StateKey, 'same'],
  ),
  ['start_processing', 'assigned', 'in_processing'],
  ['request_supplement', 'in_processing', 'supplement_requested'],
  ['supplement_received', 'supplement_requested', 'in_processing'],
  ['request_payment', 'in_processing', 'awaiting_payment'],
  ['payment_received', 'awaiting_payment', 'in_processing'],
  ['submit_for_approval', 'in_processing', 'submitted_for_approval'],
  ['send_back', 'submitted_for_approval', 'in_processing'],
  ['approve', 'submitted_for_approval', 'approved'],
  ['reject', 'submitted_for_approval', 'rejected'],
  ['mark_result_ready', 'approved', 'result_ready'],
  ['mark_result_ready', 'rejected', 'result_ready'],
  ['return_result', 'result_ready', 'returned'],
  ...(
    [
      'submitted_online',
      'received',
      'assigned',
      'in_processing',
      'supplement_requested',
      'awaiting_payment',
      'submitted_for_approval',
    ] as const
  ).map((s) => ['withdraw', s, 'withdrawn'] as [DossierActionType, StateKey, DossierStatus]),
  ...(['submitted_online', 'received', 'assigned'] as const).map(
    (s) => ['transfer', s, 'transferred'] as [DossierActionType, StateKey, DossierStatus],
  ),
  ...BEFORE_RESULT.map((s) => ['extend', s, 'same'] as [DossierActionType, StateKey, 'same']),
  ...BEFORE_RESULT.map((s) => ['record_apology', s, 'same'] as [DossierActionType, StateKey, 'same']),
  ['import', 'none', 'received'],
];

/** Who may do each action ('assignee' = the specialist the dossier is assigned to). */
const WHO: Record<DossierActionType, ActorName[]> = {
  submit_online: ['applicant'],
  receive: ['officer'],
  refuse_intake: ['officer', 'leader'],
  assign: ['officer', 'leader'],
  reassign: ['officer', 'leader'],
  start_processing: ['assignee'],
  request_supplement: ['assignee'],
  supplement_received: ['assignee', 'officer', 'applicant'],
  request_payment: ['assignee'],
  payment_received: ['assignee', 'officer'],
  submit_for_approval: ['assignee'],
  send_back: ['leader'],
  approve: ['leader'],
  reject: ['leader'],
  mark_result_ready: ['assignee', 'officer'],
  return_result: ['officer'],
  withdraw: ['officer', 'leader', 'applicant'],
  transfer: ['officer', 'leader'],
  extend: ['leader'],
  record_apology: ['assignee', 'leader'],
  import: ['leader', 'admin'],
};

/** A state in which each action is allowed and the dossier has an assignee where that matters. */
const HOME: Record<DossierActionType, StateKey> = {
  submit_online: 'none',
  receive: 'submitted_online',
  refuse_intake: 'submitted_online',
  assign: 'received',
  reassign: 'in_processing',
  start_processing: 'assigned',
  request_supplement: 'in_processing',
  supplement_received: 'supplement_requested',
  request_payment: 'in_processing',
  payment_received: 'awaiting_payment',
  submit_for_approval: 'in_processing',
  send_back: 'submitted_for_approval',
  approve: 'submitted_for_approval',
  reject: 'submitted_for_approval',
  mark_result_ready: 'approved',
  return_result: 'result_ready',
  withdraw: 'in_processing',
  transfer: 'assigned',
  extend: 'in_processing',
  record_apology: 'in_processing',
  import: 'none',
};

/** Allowed rows × their performers (in states without an assignee, the assignee cannot act). */
const ALLOWED_BY_ACTOR = ALLOWED.flatMap(([type, from, to]) =>
  WHO[type]
    .filter((who) => who !== 'assignee' || !['none', 'submitted_online', 'received'].includes(from))
    .map((who) => [type, from, who, to] as const),
);

describe('every allowed transition', () => {
  it.each(ALLOWED_BY_ACTOR)('%s from %s by %s → %s', (type, from, who, to) => {
    const { state, next } = reach(from);
    const { state: after, events } = apply(state, SAMPLE[type], ACTORS[who], next, calendar);
    const expected = to === 'same' ? state.status : to;
    expect(after.status).toBe(expected);
    expect(after.version).toBe(state.version + 1);
    expect(after.history.at(-1)).toEqual({
      seq: state.version + 1,
      action: SAMPLE[type],
      actor: ACTORS[who],
      at: next.toISOString(),
      from: state.status,
      to: expected,
    });
    const changed = events.filter((e) => e.type === 'status_changed');
    expect(changed).toEqual(
      state.status === expected
        ? []
        : [
            {
              type: 'status_changed',
              from: state.status,
              to: expected,
              nationalStatusCode: nationalStatusOf(expected as DossierStatus),
            },
          ],
    );
  });

  it('the rule table allows exactly the pairs listed here', () => {
    const fromTable = ACTION_TYPES.flatMap((t) => ACTION_SPECS[t].from.map((f) => `${t}@${f ?? 'none'}`));
    expect(fromTable.sort()).toEqual(ALLOWED.map(([t, f]) => `${t}@${f}`).sort());
  });
});

describe('refused: not allowed in this state (conflict)', () => {
  const allowed = new Set(ALLOWED.map(([t, f]) => `${t}@${f}`));
  const refused = ACTION_TYPES.flatMap((type) =>
    ALL_STATES.filter((s) => !allowed.has(`${type}@${s}`)).map((s) => [type, s] as const),
  );
  /** Someone who would otherwise be allowed: all roles, and the assignee's id. */
  const everyone = {
    kind: 'official',
    id: 'u-spec',
    roles: ['one_stop_officer', 'specialist', 'commune_leader'],
  } as const;

  it.each(refused)('%s from %s', (type, from) => {
    const { state, next } = reach(from);
    const r = outcome(() => apply(state, SAMPLE[type], everyone, next, calendar));
    expect(r.code).toBe('conflict');
    expect(r.en).toMatch(/^Cannot ".+" a dossier in state ".+"\.$/);
  });

  it.each(['returned', 'withdrawn', 'transferred', 'refused'] as const)(
    'nothing at all from final state %s',
    (s) => {
      const { state, next } = reach(s);
      for (const type of ACTION_TYPES) {
        expect(outcome(() => apply(state, SAMPLE[type], everyone, next, calendar)).code).toBe('conflict');
      }
    },
  );
});

describe('refused: not this actor (forbidden)', () => {
  const rows = ACTION_TYPES.flatMap((type) =>
    ACTOR_NAMES.filter((a) => !WHO[type].includes(a)).map((a) => [type, a] as const),
  );

  it.each(rows)('%s by %s', (type, who) => {
    const { state, next } = reach(HOME[type]);
    const r = outcome(() => apply(state, SAMPLE[type], ACTORS[who], next, calendar));
    expect(r.code).toBe('forbidden');
    const notAssignee = who === 'otherSpecialist' && WHO[type].includes('assignee');
    expect(r.en).toMatch(notAssignee ? /^Only the specialist assigned/ : /^Your role may not/);
  });

  it.each(ACTION_TYPES.flatMap((t) => WHO[t].map((w) => [t, w] as const)))(
    '%s by %s is allowed in its home state',
    (type, who) => {
      const { state, next } = reach(HOME[type]);
      expect(outcome(() => apply(state, SAMPLE[type], ACTORS[who], next, calendar)).code).toBe('ok');
    },
  );

  it('a commune leader who is not the assignee cannot process, even holding the specialist role', () => {
    const { state, next } = reach('in_processing');
    const leaderSpecialist = {
      kind: 'official',
      id: 'u-leader',
      roles: ['commune_leader', 'specialist'],
    } as const;
    const r = outcome(() => apply(state, SAMPLE.submit_for_approval, leaderSpecialist, next, calendar));
    expect(r).toMatchObject({ code: 'forbidden', en: expect.stringMatching(/assigned/) });
  });

  it('the assignee is whoever was assigned last', () => {
    const { state, next } = reach('in_processing');
    const moved = apply(state, SAMPLE.reassign, ACTORS.leader, next, calendar).state;
    expect(moved.assigneeId).toBe('u-spec2');
    expect(
      outcome(() => apply(moved, SAMPLE.submit_for_approval, ACTORS.assignee, next, calendar)).code,
    ).toBe('forbidden');
    expect(
      apply(moved, SAMPLE.submit_for_approval, ACTORS.otherSpecialist, next, calendar).state.status,
    ).toBe('submitted_for_approval');
  });
});

describe('refused: missing or bad fields (validation_failed)', () => {
  const blank = (type: DossierActionType, patch: Record<string, unknown>) =>
    ({ ...SAMPLE[type], ...patch }) as DossierAction;
  it.each([
    ['refuse_intake', { reason: '' }, 'body.reason'],
    ['refuse_intake', { reason: '   ' }, 'body.reason'],
    ['refuse_intake', { reason: undefined }, 'body.reason'],
    ['assign', { assigneeId: '' }, 'body.assigneeId'],
    ['reassign', { reason: '' }, 'body.reason'],
    ['reassign', { assigneeId: ' ' }, 'body.assigneeId'],
    ['reassign', { assigneeId: 'u-spec' }, 'body.assigneeId'], // the same person
    ['request_supplement', { reason: '' }, 'body.reason'],
    ['request_supplement', { items: [] }, 'body.items'],
    ['request_supplement', { items: ['CCCD', ' '] }, 'body.items'],
    ['request_payment', { reason: '' }, 'body.reason'],
    ['send_back', { reason: '' }, 'body.reason'],
    ['reject', { reason: '' }, 'body.reason'],
    ['withdraw', { reason: '\n' }, 'body.reason'],
    ['transfer', { reason: '' }, 'body.reason'],
    ['transfer', { toCommuneCode: '1811' }, 'body.toCommuneCode'],
    ['extend', { reason: '' }, 'body.reason'],
    ['extend', { newDueDate: '' }, 'body.newDueDate'],
    ['extend', { newDueDate: '2026-02-30' }, 'body.newDueDate'],
    ['extend', { newDueDate: '2026-03-21' }, 'body.newDueDate'], // a Saturday
    ['extend', { newDueDate: '2026-03-09' }, 'body.newDueDate'], // the current due date, not later
    ['extend', { newDueDate: '2026-03-05' }, 'body.newDueDate'], // earlier
    ['record_apology', { reason: '' }, 'body.reason'],
    ['record_apology', { newDueDate: '2026-02-17' }, 'body.newDueDate'], // Tết
    ['record_apology', { newDueDate: '2026-03-06' }, 'body.newDueDate'], // earlier
    ['submit_online', { limit: { kind: 'working_days', days: 0 } }, 'limit'],
    ['receive', { limit: { kind: 'working_hours', hours: -1 } }, 'limit'],
  ] as const)('%s with %j → %s', (type, patch, field) => {
    const { state, next } = reach(HOME[type]);
    const who = ACTORS[WHO[type][0] as ActorName];
    const r = outcome(() => apply(state, blank(type, patch), who, next, calendar));
    expect(r).toMatchObject({ code: 'validation_failed', field });
  });

  it('receiving at the counter needs the time limit of the procedure', () => {
    const { state, next } = reach('none');
    const r = outcome(() => apply(state, { type: 'receive' }, ACTORS.officer, next, calendar));
    expect(r).toMatchObject({ code: 'validation_failed', field: 'body.limit' });
  });

  it('accepting an online submission uses the limit given at submission', () => {
    const { state, next } = reach('submitted_online');
    const after = apply(state, { type: 'receive' }, ACTORS.officer, next, calendar).state;
    expect(after.clock).toMatchObject({ limit: LIMIT, dueDate: '2026-03-09' });
    expect(after.pendingLimit).toBeNull();
  });

  it('an unknown action is a validation error', () => {
    const { state, next } = reach('received');
    const bogus = { type: 'teleport' } as unknown as DossierAction;
    expect(outcome(() => apply(state, bogus, ACTORS.officer, next, calendar)).code).toBe('validation_failed');
  });
});

describe('purity', () => {
  it('apply never changes the state it is given', () => {
    const { state, next } = reach('in_processing');
    const before = structuredClone(state);
    apply(state, SAMPLE.request_supplement, ACTORS.assignee, next, calendar);
    expect(state).toEqual(before);
  });

  it('the same inputs give the same output', () => {
    const { state, next } = reach('submitted_for_approval');
    const a = apply(state, SAMPLE.approve, ACTORS.leader, next, calendar);
    const b = apply(state, SAMPLE.approve, ACTORS.leader, next, calendar);
    expect(a).toEqual(b);
  });
});
