import { describe, expect, it } from 'vitest';
import {
  BODY_KINDS,
  type BodyKind,
  ballotTallyProblems,
  bodyKindOfTemplate,
  electionOutcome,
  type Headcount,
  issuerOf,
  meetingKindsFor,
  overrideProblems,
  quorumState,
  requiredCount,
  rulesFor,
  SUBJECTS,
  type Subject,
  type Threshold,
  type VoteBasis,
  voteOutcome,
} from './rules';

const atLeast = (n: number, d: number): Threshold => ({
  comparison: 'at_least',
  numerator: n,
  denominator: d,
});
const moreThan = (n: number, d: number): Threshold => ({
  comparison: 'more_than',
  numerator: n,
  denominator: d,
});

const basis = (bodyKind: BodyKind, subject: Subject, headcount: Headcount, overrides = {}): VoteBasis => ({
  bodyKind,
  subject,
  headcount,
  rules: rulesFor(bodyKind, overrides),
});

describe('requiredCount (exact integers)', () => {
  it.each([
    [30, atLeast(2, 3), 20],
    [31, atLeast(2, 3), 21],
    [29, atLeast(2, 3), 20],
    [30, moreThan(1, 2), 16],
    [31, moreThan(1, 2), 16],
    [29, moreThan(1, 2), 15],
    [30, moreThan(2, 3), 21],
    [19, moreThan(2, 3), 13],
    [18, moreThan(2, 3), 13],
    [7, moreThan(1, 2), 4],
    [6, moreThan(1, 2), 4],
    [6, atLeast(1, 2), 3],
    [0, atLeast(2, 3), 0],
    [0, moreThan(1, 2), 1],
    // large bases stay exact (no floating-point drift)
    [3_000_000_000, atLeast(2, 3), 2_000_000_000],
    [3_000_000_001, atLeast(2, 3), 2_000_000_001],
  ])('%i members, %o → %i', (base, th, expected) => {
    expect(requiredCount(base, th)).toBe(expected);
  });
});

describe('default rules of every body kind', () => {
  it.each(BODY_KINDS.map((k) => [k]))(
    '%s: quorum ≥ 2/3, pass > 1/2, dismissal ≥ 2/3, sources given',
    (kind) => {
      const r = rulesFor(kind);
      expect(r.quorum.value).toEqual(atLeast(2, 3));
      expect(r.pass.value).toEqual(moreThan(1, 2));
      expect(r.dismissal.value).toEqual(atLeast(2, 3));
      expect(r.election.value).toEqual(moreThan(1, 2));
      expect(r.strictBelow.value).toEqual(atLeast(2, 3));
      expect(r.strictPass.value).toEqual(moreThan(2, 3));
      expect(r.quorum.confidence).toBe('U');
      expect(r.pass.confidence).toBe('U');
      for (const v of Object.values(r)) expect(v.source.length).toBeGreaterThan(5);
    },
  );

  it('the strict rule is confirmed law for the council; the tie-break belongs to the UBND only', () => {
    expect(rulesFor('council').strictBelow.confidence).toBe('C');
    expect(rulesFor('council').strictPass.confidence).toBe('C');
    expect(rulesFor('government').chairBreaksTie).toMatchObject({ value: true, confidence: 'U' });
    for (const k of BODY_KINDS.filter((k) => k !== 'government'))
      expect(rulesFor(k).chairBreaksTie.value).toBe(false);
    expect(rulesFor('party_committee').pass.source).toContain('quy chế làm việc của cấp ủy');
  });

  it('overrides replace a value, marked as the body’s own [U] setting; bad override values are ignored', () => {
    const r = rulesFor('council', {
      pass: atLeast(1, 2),
      chairBreaksTie: true,
      quorum: { comparison: 'most', numerator: 1, denominator: 2 } as unknown as Threshold,
    });
    expect(r.pass).toMatchObject({ value: atLeast(1, 2), confidence: 'U' });
    expect(r.pass.source).toContain('Cấu hình của cơ quan');
    expect(r.chairBreaksTie.value).toBe(true);
    expect(r.quorum.value).toEqual(atLeast(2, 3));
    // the defaults are not changed by an override of another call
    expect(rulesFor('council').pass.value).toEqual(moreThan(1, 2));
  });

  it('overrideProblems names the bad rule', () => {
    expect(overrideProblems({ pass: moreThan(1, 2), chairBreaksTie: false })).toEqual([]);
    expect(overrideProblems(null)).toEqual([]);
    expect(
      overrideProblems({ pass: atLeast(3, 2), chairBreaksTie: 'yes', colour: 1 }).map((p) => p.field),
    ).toEqual(['rules.pass', 'rules.chairBreaksTie', 'rules.colour']);
  });
});

describe('quorum', () => {
  const council = rulesFor('council');
  it.each([
    ['exactly 2/3 present', { seats: 30, members: 30, present: 20 }, 20, true, 0],
    ['one short of 2/3', { seats: 30, members: 30, present: 19 }, 20, false, 0],
    // absent with leave: in the base (members), not among those present
    ['3 absent with leave, 20 present', { seats: 30, members: 30, present: 20 }, 20, true, 0],
    ['vacancies lower the base', { seats: 30, members: 27, present: 18 }, 18, true, 3],
    ['vacancies, one short', { seats: 30, members: 27, present: 17 }, 18, false, 3],
    ['seats unknown', { seats: null, members: 9, present: 6 }, 6, true, 0],
    ['no members', { seats: 5, members: 0, present: 0 }, 0, false, 5],
  ] as const)('%s', (_label, h, required, reached, vacancies) => {
    expect(quorumState(h, council)).toEqual({
      required,
      present: h.present,
      members: h.members,
      vacancies,
      reached,
    });
  });

  it('a member arriving after the vote opened changes the present count, never the base', () => {
    // Quorum is checked when the vote opens, on those present then; the late member may vote.
    const atOpening = quorumState({ seats: 30, members: 30, present: 20 }, council);
    const later = quorumState({ seats: 30, members: 30, present: 21 }, council);
    expect(atOpening.reached).toBe(true);
    expect(later.members).toBe(atOpening.members);
    expect(later.required).toBe(atOpening.required);
    // The late vote counts: 15 for at opening + 1 late = 16 of 30 passes.
    const b = basis('council', 'resolution', { seats: 30, members: 30, present: 21 });
    expect(voteOutcome(b, { for: 16, against: 4, abstain: 1 }).passed).toBe(true);
    expect(voteOutcome(b, { for: 15, against: 5, abstain: 1 }).passed).toBe(false);
  });
});

describe('vote outcomes: every body kind and subject', () => {
  const full: Headcount = { seats: 30, members: 30, present: 30 };
  // [subject, for needed of 30 members with 30 seats]
  const needs: Record<Subject, number> = {
    resolution: 16,
    key_matter: 16,
    dismissal: 20,
    confidence: 16,
    procedural: 16,
  };
  const cases = BODY_KINDS.flatMap((k) => SUBJECTS.map((s) => [k, s, needs[s]] as const));
  it.each(cases)('%s / %s needs %i of 30', (kind, subject, need) => {
    const b = basis(kind, subject, full);
    const pass = voteOutcome(b, { for: need, against: 30 - need, abstain: 0 });
    expect(pass).toMatchObject({
      passed: true,
      required: need,
      base: 30,
      strict: false,
      tieBrokenByChair: false,
    });
    const fail = voteOutcome(b, { for: need - 1, against: 0, abstain: 30 - need + 1 });
    expect(fail.passed).toBe(false);
  });

  it('exactly half fails (15 of 30), 16 passes', () => {
    const b = basis('council', 'resolution', full);
    expect(voteOutcome(b, { for: 15, against: 10, abstain: 5 }).passed).toBe(false);
    expect(voteOutcome(b, { for: 16, against: 10, abstain: 4 }).passed).toBe(true);
  });

  it('share of ALL members, not of those present: 12 of 20 present is most of the room and still fails', () => {
    const b = basis('council', 'resolution', { seats: 30, members: 30, present: 20 });
    const r = voteOutcome(b, { for: 12, against: 8, abstain: 0 });
    expect(r.passed).toBe(false);
    expect(r.required).toBe(16);
    expect(r.explanation.vi).toContain('không phải số có mặt');
    expect(r.explanation.en).toContain('not of those present');
  });

  it('absent with leave count in the base: 27 present of 30 still need 16', () => {
    const b = basis('council', 'resolution', { seats: 30, members: 30, present: 27 });
    expect(voteOutcome(b, { for: 15, against: 12, abstain: 0 }).passed).toBe(false);
  });

  describe('vacancies and the strict rule (fewer than 2/3 of the seats filled)', () => {
    it.each([
      // [members of 30 seats, subject, strict?, required]
      [20, 'resolution', false, 11], // exactly 2/3 filled: ordinary rule, > 1/2 of 20
      [19, 'resolution', true, 13], // fewer than 2/3: > 2/3 of the 19 remaining
      [19, 'key_matter', true, 13],
      [19, 'procedural', false, 10],
      [19, 'confidence', false, 10],
      [19, 'dismissal', false, 13], // its own threshold: ≥ 2/3 of 19
      [27, 'resolution', false, 14],
      [12, 'resolution', true, 9],
    ] as const)('%i of 30 seats filled, %s → strict %s, %i needed', (members, subject, strict, required) => {
      const r = voteOutcome(basis('council', subject, { seats: 30, members, present: members }), {
        for: required,
        against: 0,
        abstain: 0,
      });
      expect(r).toMatchObject({ strict, required, base: members, passed: true });
      const short = voteOutcome(basis('council', subject, { seats: 30, members, present: members }), {
        for: required - 1,
        against: 0,
        abstain: 0,
      });
      expect(short.passed).toBe(false);
    });

    it('seats unknown: never strict', () => {
      const r = voteOutcome(basis('council', 'resolution', { seats: null, members: 19, present: 19 }), {
        for: 10,
        against: 9,
        abstain: 0,
      });
      expect(r).toMatchObject({ strict: false, passed: true });
    });

    it('the strict explanation says why', () => {
      const r = voteOutcome(basis('council', 'resolution', { seats: 30, members: 19, present: 19 }), {
        for: 12,
        against: 7,
        abstain: 0,
      });
      expect(r.passed).toBe(false);
      expect(r.explanation.vi).toContain('quy tắc chặt');
      expect(r.explanation.en).toContain('strict rule');
    });
  });

  describe('UBND tie: the chair’s side wins when each side holds exactly half of all members', () => {
    const ubnd: Headcount = { seats: null, members: 6, present: 6 };
    it.each([
      ['chair for, 3–3 of 6', ubnd, { for: 3, against: 3, abstain: 0 }, 'for', true, true],
      ['chair against, 3–3 of 6', ubnd, { for: 3, against: 3, abstain: 0 }, 'against', false, true],
      ['chair abstained, 3–3 of 6', ubnd, { for: 3, against: 3, abstain: 0 }, 'abstain', false, false],
      ['chair unknown', ubnd, { for: 3, against: 3, abstain: 0 }, null, false, false],
      // a tie that misses half of ALL members (absentees, abstentions) is no tie-break: fails as short
      [
        'chair for, 3–3 of 7',
        { seats: null, members: 7, present: 7 },
        { for: 3, against: 3, abstain: 1 },
        'for',
        false,
        false,
      ],
      [
        'chair for, 2–2 of 6 (2 absent)',
        { seats: null, members: 6, present: 4 },
        { for: 2, against: 2, abstain: 0 },
        'for',
        false,
        false,
      ],
      ['not a tie, 4–2 of 6', ubnd, { for: 4, against: 2, abstain: 0 }, 'against', true, false],
    ] as const)('%s', (_l, h, counts, chair, passed, broken) => {
      const r = voteOutcome(basis('government', 'resolution', h), counts, chair);
      expect(r.passed).toBe(passed);
      expect(r.tieBrokenByChair).toBe(broken);
    });

    it('the council has no tie-break unless its rules say so', () => {
      const h: Headcount = { seats: null, members: 6, present: 6 };
      const counts = { for: 3, against: 3, abstain: 0 };
      expect(voteOutcome(basis('council', 'resolution', h), counts, 'for').passed).toBe(false);
      const r = voteOutcome(basis('council', 'resolution', h, { chairBreaksTie: true }), counts, 'for');
      expect(r).toMatchObject({ passed: true, tieBrokenByChair: true });
      expect(r.explanation.vi).toContain('ngang nhau');
    });
  });

  it('overrides apply: a body whose pass rule is at least half', () => {
    const r = voteOutcome(
      basis('other', 'resolution', { seats: null, members: 10, present: 10 }, { pass: atLeast(1, 2) }),
      {
        for: 5,
        against: 5,
        abstain: 0,
      },
    );
    expect(r).toMatchObject({ passed: true, required: 5 });
  });

  it('a body with no members passes nothing', () => {
    expect(
      voteOutcome(basis('other', 'procedural', { seats: null, members: 0, present: 0 }), {
        for: 0,
        against: 0,
        abstain: 0,
      }).passed,
    ).toBe(false);
  });
});

describe('elections', () => {
  const b = basis('council', 'resolution', { seats: 30, members: 30, present: 28 });
  const tally = (pairs: [string, number][]) => pairs.map(([candidateId, votes]) => ({ candidateId, votes }));

  it('one seat: the candidate over half of all members is elected', () => {
    const r = electionOutcome(
      b,
      1,
      tally([
        ['a', 25],
        ['b', 3],
      ]),
    );
    expect(r).toMatchObject({
      required: 16,
      base: 30,
      elected: ['a'],
      notElected: ['b'],
      tiedAtLastSeat: [],
    });
  });

  it('most votes of those present is not enough: 15 of 30 is not elected', () => {
    const r = electionOutcome(
      b,
      1,
      tally([
        ['a', 15],
        ['b', 13],
      ]),
    );
    expect(r.elected).toEqual([]);
    expect(r.notElected).toEqual(['a', 'b']);
  });

  it('more qualified than seats: highest first up to the seats', () => {
    const r = electionOutcome(
      b,
      2,
      tally([
        ['a', 17],
        ['b', 25],
        ['c', 20],
        ['d', 2],
      ]),
    );
    expect(r.elected).toEqual(['b', 'c']);
    expect(r.notElected).toEqual(['a', 'd']);
  });

  it('a tie at the last seat: neither tied candidate is elected, those above are', () => {
    const r = electionOutcome(
      b,
      2,
      tally([
        ['a', 20],
        ['b', 26],
        ['c', 20],
        ['d', 10],
      ]),
    );
    expect(r.elected).toEqual(['b']);
    expect(r.tiedAtLastSeat.sort()).toEqual(['a', 'c']);
    expect(r.notElected).toEqual(['d']);
    expect(r.explanation.en).toContain('tied at the last seat');
  });

  it('a tie within the seats is no problem', () => {
    const r = electionOutcome(
      b,
      2,
      tally([
        ['a', 20],
        ['c', 20],
        ['d', 10],
      ]),
    );
    expect(r.elected.sort()).toEqual(['a', 'c']);
    expect(r.tiedAtLastSeat).toEqual([]);
  });

  it('fewer qualified than seats: the seats stay open', () => {
    const r = electionOutcome(
      b,
      3,
      tally([
        ['a', 20],
        ['c', 12],
        ['d', 10],
      ]),
    );
    expect(r.elected).toEqual(['a']);
    expect(r.notElected).toEqual(['c', 'd']);
  });
});

describe('meeting kinds, body kinds and issuers', () => {
  it.each([
    ['council', ['first_session', 'regular', 'thematic', 'extraordinary'], 'HĐND'],
    ['council_standing', ['regular_monthly', 'extraordinary'], 'HĐND'],
    ['government', ['regular_monthly', 'extraordinary'], 'UBND'],
    ['party_committee', ['regular', 'extraordinary'], 'ĐU'],
    ['party_standing_board', ['regular', 'extraordinary'], 'ĐU'],
    ['party_standing', ['regular', 'extraordinary'], 'ĐU'],
    ['other', ['regular', 'extraordinary'], 'UBND'],
  ] as const)('%s holds %o, issues as %s', (kind, kinds, issuer) => {
    expect(meetingKindsFor(kind)).toEqual(kinds);
    expect(issuerOf(kind)).toBe(issuer);
  });

  it.each([
    ['hdnd', 'council', 'council'],
    ['hdnd_tt', 'group', 'council_standing'],
    ['ubnd', 'government', 'government'],
    ['dang_uy', 'party', 'party_committee'],
    ['dang_uy_bch', 'group', 'party_committee'],
    ['dang_uy_btv', 'group', 'party_standing_board'],
    ['dang_uy_tt', 'group', 'party_standing'],
    ['hdnd_ban_ktns', 'group', 'other'],
    [null, 'council', 'council'],
    [null, 'government', 'government'],
    [null, 'party', 'party_committee'],
    [null, 'front', 'other'],
    ['toString', 'group', 'other'],
  ] as const)('template %s, category %s → %s', (key, category, kind) => {
    expect(bodyKindOfTemplate(key, category)).toBe(kind);
  });
});

describe('paper ballot tallies', () => {
  const ok = {
    ballotsIssued: 25,
    ballotsReturned: 25,
    valid: 24,
    invalid: 1,
    counts: { for: 20, against: 3, abstain: 1 },
  };
  const fields = (present: number, t: typeof ok | Parameters<typeof ballotTallyProblems>[1], opts = {}) =>
    ballotTallyProblems(present, t, { kind: 'choice', keys: ['for', 'against', 'abstain'], ...opts }).map(
      (p) => p.field,
    );

  it('a consistent tally has no problem', () => {
    expect(fields(25, ok)).toEqual([]);
  });

  it.each([
    [
      'more ballots issued and returned than members present',
      24,
      ok,
      ['body.ballotsIssued', 'body.ballotsReturned'],
    ],
    ['returned beyond issued', 26, { ...ok, ballotsIssued: 24 }, ['body.ballotsReturned']],
    ['valid + invalid ≠ returned', 25, { ...ok, invalid: 0 }, ['body.invalid']],
    [
      'a choice beyond the valid ballots',
      25,
      { ...ok, counts: { for: 25, against: 0, abstain: 0 } },
      ['body.counts.for', 'body.counts'],
    ],
    [
      'choices adding up beyond the valid ballots',
      25,
      { ...ok, counts: { for: 20, against: 4, abstain: 1 } },
      ['body.counts'],
    ],
    ['an unknown choice', 25, { ...ok, counts: { for: 20, maybe: 1 } }, ['body.counts.maybe']],
    ['a negative count', 25, { ...ok, counts: { for: -1 } }, ['body.counts.for']],
    ['a fraction', 25, { ...ok, valid: 23.5 }, ['body.valid']],
  ] as const)('%s', (_l, present, t, expected) => {
    expect(fields(present, t as typeof ok)).toEqual(expected);
  });

  it('election ballots: each candidate ≤ valid, all names ≤ valid × seats', () => {
    const t = {
      ballotsIssued: 20,
      ballotsReturned: 20,
      valid: 20,
      invalid: 0,
      counts: { a: 20, b: 15, c: 5 },
    };
    const opts = { kind: 'election' as const, keys: ['a', 'b', 'c'], seatsToFill: 2 };
    expect(ballotTallyProblems(20, t, opts)).toEqual([]);
    expect(
      ballotTallyProblems(20, { ...t, counts: { a: 21, b: 15, c: 5 } }, opts).map((p) => p.field),
    ).toEqual(['body.counts.a', 'body.counts']);
    expect(
      ballotTallyProblems(20, { ...t, counts: { a: 20, b: 20, c: 1 } }, opts).map((p) => p.field),
    ).toEqual(['body.counts']);
  });

  it('messages in both languages, field prefix configurable', () => {
    const [p] = ballotTallyProblems(10, { ...ok }, { kind: 'choice', fieldPrefix: 'tally' });
    expect(p!.field).toBe('tally.ballotsIssued');
    expect(p!.message.vi).toContain('có mặt');
    expect(p!.message.en).toContain('present');
  });
});
