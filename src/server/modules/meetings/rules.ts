/**
 * Quorum and voting thresholds of a commune's bodies (domain-vn.md §6): pure, no I/O. Every rule value carries its
 * confidence: [C] confirmed in law, [U] a configurable default (a body's `meeting_bodies.rules` overrides it), and
 * the UI shows which is which.
 *
 * INTERFACE CONTRACT (other files call exactly these names; implementation owned by the rules task).
 *
 * Decisions taken here (asserted in rules.test.ts):
 * - Every count is exact integer arithmetic: at_least n/d of b = ceil(b·n/d); more_than n/d of b = floor(b·n/d) + 1.
 * - The base of the quorum and of every vote is the number of members on the meeting's day (seats with somebody).
 *   Members absent with leave count in the base, not among those present. The base never changes during a
 *   meeting; quorum is checked when a vote opens, on those present at that moment; a member arriving after the vote
 *   opened may still vote (the threshold is a share of all members, so a late vote can only help or hurt the
 *   count, never the base).
 * - Strict rule [C]: when the seats are known and members < strictBelow of the seats (default: fewer than 2/3 of
 *   the seats filled: 19 of 30 yes, 20 of 30 no), subjects 'resolution' and 'key_matter' need strictPass (more than
 *   2/3) of the remaining members. 'dismissal' keeps its own threshold; 'procedural' and 'confidence' use `pass`.
 * - Tie with chairBreaksTie (UBND) [U]: "more than half of all members" can never be reached by both sides at
 *   once, so the law's "biểu quyết ngang nhau thì theo ý kiến Chủ tịch" only makes sense when the tie itself is
 *   what misses the threshold. Precisely: when for = against, the chair voted for one of them, and that number
 *   reaches the threshold's fraction taken as "at least" (default: exactly half of ALL members on each side, e.g.
 *   3 for, 3 against of 6), the chair's side wins. A tie with absentees or abstentions below that fraction (3–3 of
 *   7 members) fails like any vote short of the threshold; a chair who abstained breaks no tie.
 */

export const BODY_KINDS = [
  'council', // HĐND
  'council_standing', // Thường trực HĐND
  'government', // UBND
  'party_committee', // Đảng ủy / Ban Chấp hành Đảng bộ
  'party_standing_board', // Ban Thường vụ Đảng ủy
  'party_standing', // Thường trực Đảng ủy
  'other',
] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

/** Meeting kinds allowed per body kind. */
export const MEETING_KINDS = [
  'first_session',
  'regular',
  'thematic',
  'extraordinary',
  'regular_monthly',
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const DECISIONS = ['information', 'opinion', 'open_vote', 'secret_ballot', 'election'] as const;
export type Decision = (typeof DECISIONS)[number];

/** What a vote decides (chooses the threshold). */
export const SUBJECTS = ['resolution', 'key_matter', 'dismissal', 'confidence', 'procedural'] as const;
export type Subject = (typeof SUBJECTS)[number];

/** A fraction with its comparison: at_least 2/3 (≥), more_than 1/2 (>). */
export interface Threshold {
  comparison: 'at_least' | 'more_than';
  numerator: number;
  denominator: number;
}

export type Confidence = 'C' | 'U';

export interface RuleValue<T> {
  value: T;
  confidence: Confidence;
  /** Where it comes from, Vietnamese (e.g. "Luật 72/2025 điều 35" or "mặc định, chưa xác nhận — cấu hình được"). */
  source: string;
}

/** The rules a body applies (after overrides). */
export interface BodyRules {
  quorum: RuleValue<Threshold>;
  /** Ordinary decisions (resolutions, decisions): share of ALL members of the day (not of those present). */
  pass: RuleValue<Threshold>;
  /** Dismissal of a delegate, dissolution. */
  dismissal: RuleValue<Threshold>;
  /** Elections: a candidate is elected with this share of all members (then by most votes within the seats). */
  election: RuleValue<Threshold>;
  /** When members of the day < this share of the seats, key matters need `strictPass` of the remaining members. */
  strictBelow: RuleValue<Threshold>;
  strictPass: RuleValue<Threshold>;
  /** On a tie (for = against), the side the chair voted wins (UBND). */
  chairBreaksTie: RuleValue<boolean>;
}

/** Overrides stored per body (meeting_bodies.rules): any subset, values only. */
export type RuleOverrides = Partial<{
  quorum: Threshold;
  pass: Threshold;
  dismissal: Threshold;
  election: Threshold;
  strictBelow: Threshold;
  strictPass: Threshold;
  chairBreaksTie: boolean;
}>;

/** Members counted on a day: seats (null: unknown → members), members holding a seat, present now. */
export interface Headcount {
  seats: number | null;
  members: number;
  present: number;
}

export interface QuorumState {
  required: number;
  present: number;
  members: number;
  vacancies: number;
  reached: boolean;
}

export interface VoteCounts {
  for: number;
  against: number;
  abstain: number;
}

export interface VoteBasis {
  bodyKind: BodyKind;
  subject: Subject;
  headcount: Headcount;
  rules: BodyRules;
}

export interface VoteOutcome {
  passed: boolean;
  /** Votes "for" needed. */
  required: number;
  /** What `required` is a share of: 'members' (all members of the day). */
  base: number;
  threshold: Threshold;
  /** The strict rule applied because fewer than strictBelow of the seats are filled. */
  strict: boolean;
  /** true when a tie was broken by the chair's vote. */
  tieBrokenByChair: boolean;
  explanation: { vi: string; en: string };
}

export interface CandidateTally {
  candidateId: string;
  votes: number;
}

export interface ElectionOutcome {
  required: number;
  base: number;
  elected: string[];
  notElected: string[];
  /** Candidates over the threshold but tied at the last seat: a new ballot is needed between them. */
  tiedAtLastSeat: string[];
  explanation: { vi: string; en: string };
}

const DEFAULT_SOURCE = 'mặc định, chưa xác nhận — cấu hình được';

function t(comparison: Threshold['comparison'], numerator: number, denominator: number): Threshold {
  return { comparison, numerator, denominator };
}

function u<T>(value: T, source: string): RuleValue<T> {
  return { value, confidence: 'U', source };
}

function c<T>(value: T, source: string): RuleValue<T> {
  return { value, confidence: 'C', source };
}

const PARTY_SOURCE = `theo quy chế làm việc của cấp ủy (${DEFAULT_SOURCE})`;

function defaults(kind: BodyKind): BodyRules {
  switch (kind) {
    case 'council':
    case 'council_standing': {
      const law = 'Luật Tổ chức chính quyền địa phương 72/2025';
      return {
        quorum: u(t('at_least', 2, 3), `Kỳ họp HĐND: ít nhất 2/3 tổng số đại biểu (${DEFAULT_SOURCE})`),
        pass: u(
          t('more_than', 1, 2),
          `Nghị quyết: quá nửa tổng số đại biểu, không phải số có mặt (${DEFAULT_SOURCE})`,
        ),
        dismissal: u(
          t('at_least', 2, 3),
          `Bãi nhiệm đại biểu, giải tán: ít nhất 2/3 tổng số đại biểu (${DEFAULT_SOURCE})`,
        ),
        election: u(t('more_than', 1, 2), `Bầu cử: quá nửa tổng số đại biểu (${DEFAULT_SOURCE})`),
        strictBelow: c(t('at_least', 2, 3), `${law}: khi số đại biểu còn lại dưới 2/3 tổng số`),
        strictPass: c(t('more_than', 2, 3), `${law}: vấn đề quan trọng cần quá 2/3 số đại biểu còn lại`),
        chairBreaksTie: u(false, `HĐND không có quy tắc phiếu quyết định của chủ tọa (${DEFAULT_SOURCE})`),
      };
    }
    case 'government':
      return {
        quorum: u(t('at_least', 2, 3), `Phiên họp UBND: ít nhất 2/3 tổng số thành viên (${DEFAULT_SOURCE})`),
        pass: u(t('more_than', 1, 2), `Quyết định: quá nửa tổng số thành viên UBND (${DEFAULT_SOURCE})`),
        dismissal: u(t('at_least', 2, 3), `ít nhất 2/3 tổng số thành viên (${DEFAULT_SOURCE})`),
        election: u(t('more_than', 1, 2), `quá nửa tổng số thành viên (${DEFAULT_SOURCE})`),
        strictBelow: u(t('at_least', 2, 3), `áp dụng như HĐND (${DEFAULT_SOURCE})`),
        strictPass: u(t('more_than', 2, 3), `áp dụng như HĐND (${DEFAULT_SOURCE})`),
        chairBreaksTie: u(
          true,
          `Biểu quyết ngang nhau thì quyết định theo ý kiến Chủ tịch UBND đã biểu quyết (${DEFAULT_SOURCE})`,
        ),
      };
    default:
      // Party bodies (Đảng ủy, BTV, Thường trực) and any other body of the commune.
      return {
        quorum: u(t('at_least', 2, 3), `Ít nhất 2/3 tổng số thành viên, ${PARTY_SOURCE}`),
        pass: u(t('more_than', 1, 2), `Quá nửa tổng số thành viên, ${PARTY_SOURCE}`),
        dismissal: u(t('at_least', 2, 3), `Ít nhất 2/3 tổng số thành viên, ${PARTY_SOURCE}`),
        election: u(t('more_than', 1, 2), `Quá nửa tổng số thành viên, ${PARTY_SOURCE}`),
        strictBelow: u(t('at_least', 2, 3), `áp dụng như HĐND, ${PARTY_SOURCE}`),
        strictPass: u(t('more_than', 2, 3), `áp dụng như HĐND, ${PARTY_SOURCE}`),
        chairBreaksTie: u(false, PARTY_SOURCE),
      };
  }
}

/** Why a threshold is unusable (null when fine): positive integers, numerator ≤ denominator. */
export function thresholdProblem(x: unknown): { vi: string; en: string } | null {
  const v = x as Partial<Threshold> | null;
  if (
    !v ||
    typeof v !== 'object' ||
    (v.comparison !== 'at_least' && v.comparison !== 'more_than') ||
    !Number.isInteger(v.numerator) ||
    !Number.isInteger(v.denominator) ||
    (v.numerator as number) < 1 ||
    (v.denominator as number) < 1 ||
    (v.numerator as number) > (v.denominator as number) ||
    (v.denominator as number) > 1000
  )
    return {
      vi: 'Ngưỡng phải là phân số n/d (1 ≤ n ≤ d ≤ 1000) với "ít nhất" hoặc "quá"',
      en: 'A threshold is a fraction n/d (1 ≤ n ≤ d ≤ 1000) with "at least" or "more than"',
    };
  return null;
}

const THRESHOLD_KEYS = ['quorum', 'pass', 'dismissal', 'election', 'strictBelow', 'strictPass'] as const;

/** Problems of a body's stored overrides (for the form that saves them), as { field, message }. */
export function overrideProblems(overrides: unknown): FieldProblem[] {
  if (overrides == null) return [];
  if (typeof overrides !== 'object' || Array.isArray(overrides))
    return [{ field: 'rules', message: { vi: 'Quy tắc không hợp lệ', en: 'Invalid rules' } }];
  const o = overrides as Record<string, unknown>;
  const out: FieldProblem[] = [];
  for (const key of Object.keys(o)) {
    if (key === 'chairBreaksTie') {
      if (typeof o[key] !== 'boolean')
        out.push({
          field: `rules.${key}`,
          message: { vi: 'Phải là có hoặc không', en: 'Must be true or false' },
        });
    } else if ((THRESHOLD_KEYS as readonly string[]).includes(key)) {
      const p = thresholdProblem(o[key]);
      if (p) out.push({ field: `rules.${key}`, message: p });
    } else out.push({ field: `rules.${key}`, message: { vi: 'Quy tắc không có', en: 'Unknown rule' } });
  }
  return out;
}

/**
 * The rules of a body kind with the body's overrides applied. An override is shown as [U] "cấu hình của cơ quan";
 * an unusable override value (see thresholdProblem) is ignored and the default kept, so a bad stored value never
 * breaks a meeting (overrideProblems rejects it when it is saved).
 */
export function rulesFor(kind: BodyKind, overrides?: RuleOverrides | null): BodyRules {
  const rules = defaults(kind);
  if (!overrides) return rules;
  for (const key of THRESHOLD_KEYS) {
    const v = overrides[key];
    if (v !== undefined && thresholdProblem(v) === null)
      rules[key] = u({ ...v }, `Cấu hình của cơ quan (mặc định: ${rules[key].source})`);
  }
  if (typeof overrides.chairBreaksTie === 'boolean')
    rules.chairBreaksTie = u(
      overrides.chairBreaksTie,
      `Cấu hình của cơ quan (mặc định: ${rules.chairBreaksTie.source})`,
    );
  return rules;
}

/** How many of `base` reach the threshold: at_least → ceil(base·n/d), more_than → floor(base·n/d) + 1. */
export function requiredCount(base: number, th: Threshold): number {
  const b = Math.max(0, Math.trunc(base));
  const product = b * th.numerator;
  const floor = Math.floor(product / th.denominator);
  if (th.comparison === 'more_than') return floor + 1;
  return product % th.denominator === 0 ? floor : floor + 1;
}

/** Words for a threshold: "ít nhất 2/3" / "at least 2/3". */
export function thresholdText(th: Threshold): { vi: string; en: string } {
  const f = `${th.numerator}/${th.denominator}`;
  if (th.numerator * 2 === th.denominator)
    return th.comparison === 'more_than'
      ? { vi: 'quá nửa', en: 'more than half' }
      : { vi: 'ít nhất một nửa', en: 'at least half' };
  return th.comparison === 'more_than'
    ? { vi: `quá ${f}`, en: `more than ${f}` }
    : { vi: `ít nhất ${f}`, en: `at least ${f}` };
}

/**
 * Quorum now: required = quorum share of the members of the day (absent-with-leave included); vacancies = seats −
 * members when the seats are known. A body with no member never has a quorum.
 */
export function quorumState(h: Headcount, rules: BodyRules): QuorumState {
  const required = requiredCount(h.members, rules.quorum.value);
  const vacancies = h.seats == null ? 0 : Math.max(0, h.seats - h.members);
  return {
    required,
    present: h.present,
    members: h.members,
    vacancies,
    reached: h.members > 0 && h.present > 0 && h.present >= required,
  };
}

/** True when the strict rule of §6 applies: seats known and members < strictBelow of them. */
export function strictRuleApplies(h: Headcount, rules: BodyRules): boolean {
  return h.seats != null && h.seats > 0 && h.members < requiredCount(h.seats, rules.strictBelow.value);
}

/** The threshold a subject uses, and whether it is the strict one. */
export function thresholdFor(basis: VoteBasis): { threshold: Threshold; strict: boolean } {
  const { rules, subject, headcount } = basis;
  if (subject === 'dismissal') return { threshold: rules.dismissal.value, strict: false };
  if ((subject === 'resolution' || subject === 'key_matter') && strictRuleApplies(headcount, rules))
    return { threshold: rules.strictPass.value, strict: true };
  return { threshold: rules.pass.value, strict: false };
}

/**
 * The result of an open vote or a yes/no secret ballot: passed when `for` ≥ the threshold's share of ALL members
 * of the day (not of those present). See the header for the strict rule and the chair's tie-break.
 */
export function voteOutcome(
  basis: VoteBasis,
  counts: VoteCounts,
  chairChoice?: 'for' | 'against' | 'abstain' | null,
): VoteOutcome {
  const { threshold, strict } = thresholdFor(basis);
  const base = basis.headcount.members;
  const required = requiredCount(base, threshold);
  let passed = base > 0 && counts.for >= required;
  let tieBrokenByChair = false;
  if (
    !passed &&
    base > 0 &&
    basis.rules.chairBreaksTie.value &&
    counts.for === counts.against &&
    counts.for > 0 &&
    (chairChoice === 'for' || chairChoice === 'against') &&
    counts.for >= requiredCount(base, { ...threshold, comparison: 'at_least' })
  ) {
    tieBrokenByChair = true;
    passed = chairChoice === 'for';
  }
  const words = thresholdText(threshold);
  let vi = `${passed ? 'Thông qua' : 'Không thông qua'}: ${counts.for} tán thành, cần ${required} (${words.vi} tổng số ${base} thành viên, không phải số có mặt)`;
  let en = `${passed ? 'Passed' : 'Not passed'}: ${counts.for} for, ${required} needed (${words.en} of all ${base} members, not of those present)`;
  if (strict) {
    vi += `; quy tắc chặt vì số thành viên còn lại (${base}) dưới ${thresholdText(basis.rules.strictBelow.value).vi.replace('ít nhất ', '')} số ghế (${basis.headcount.seats})`;
    en += `; strict rule since the remaining members (${base}) are fewer than ${thresholdText(basis.rules.strictBelow.value).en.replace('at least ', '')} of the seats (${basis.headcount.seats})`;
  }
  if (tieBrokenByChair) {
    vi += `; biểu quyết ngang nhau (${counts.for}–${counts.against}), theo ý kiến của chủ tọa (${chairChoice === 'for' ? 'tán thành' : 'không tán thành'})`;
    en += `; a tie (${counts.for}–${counts.against}) decided by the chair's side (${chairChoice})`;
  }
  return { passed, required, base, threshold, strict, tieBrokenByChair, explanation: { vi, en } };
}

/**
 * An election: a candidate needs `election` of ALL members; the qualified ones are elected by most votes up to
 * `seatsToFill`. When qualified candidates tie across the last seat, none of the tied ones is elected (they are in
 * tiedAtLastSeat, a new ballot between them is needed); those above the tie are elected. notElected = everyone else
 * (below the threshold, or qualified but beyond the seats), in tally order of votes.
 */
export function electionOutcome(
  basis: VoteBasis,
  seatsToFill: number,
  tallies: CandidateTally[],
): ElectionOutcome {
  const base = basis.headcount.members;
  const required = requiredCount(base, basis.rules.election.value);
  const sorted = [...tallies].sort((a, b) => b.votes - a.votes);
  const qualified = base > 0 ? sorted.filter((x) => x.votes >= required) : [];
  const seats = Math.max(0, Math.trunc(seatsToFill));
  const elected: string[] = [];
  const tied: string[] = [];
  if (qualified.length <= seats) elected.push(...qualified.map((x) => x.candidateId));
  else if (seats > 0) {
    const lastVotes = qualified[seats - 1]!.votes;
    if (qualified[seats]!.votes === lastVotes) {
      for (const x of qualified) {
        if (x.votes > lastVotes) elected.push(x.candidateId);
        else if (x.votes === lastVotes) tied.push(x.candidateId);
      }
    } else elected.push(...qualified.slice(0, seats).map((x) => x.candidateId));
  }
  const taken = new Set([...elected, ...tied]);
  const notElected = sorted.filter((x) => !taken.has(x.candidateId)).map((x) => x.candidateId);
  const words = thresholdText(basis.rules.election.value);
  let vi = `Trúng cử ${elected.length}/${seats}: cần ít nhất ${required} phiếu (${words.vi} tổng số ${base} thành viên)`;
  let en = `${elected.length} of ${seats} elected: ${required} votes needed (${words.en} of all ${base} members)`;
  if (tied.length) {
    vi += `; ${tied.length} người ngang phiếu ở ghế cuối, cần bầu lại giữa họ`;
    en += `; ${tied.length} candidates tied at the last seat, a new ballot between them is needed`;
  }
  return { required, base, elected, notElected, tiedAtLastSeat: tied, explanation: { vi, en } };
}

/** Meeting kinds a body kind holds. */
export function meetingKindsFor(kind: BodyKind): MeetingKind[] {
  switch (kind) {
    case 'council':
      return ['first_session', 'regular', 'thematic', 'extraordinary'];
    case 'council_standing':
    case 'government':
      return ['regular_monthly', 'extraordinary'];
    default:
      return ['regular', 'extraordinary'];
  }
}

const TEMPLATE_KINDS: Record<string, BodyKind> = {
  hdnd: 'council',
  hdnd_tt: 'council_standing',
  ubnd: 'government',
  dang_uy: 'party_committee',
  dang_uy_bch: 'party_committee',
  dang_uy_btv: 'party_standing_board',
  dang_uy_tt: 'party_standing',
};

/** The body kind of an org body: by its template key, else by its category (council/government/party), else other. */
export function bodyKindOfTemplate(templateKey: string | null, category: string): BodyKind {
  if (templateKey && Object.hasOwn(TEMPLATE_KINDS, templateKey)) return TEMPLATE_KINDS[templateKey]!;
  if (category === 'council') return 'council';
  if (category === 'government') return 'government';
  if (category === 'party') return 'party_committee';
  return 'other';
}

/**
 * The issuer abbreviation in a document's number symbol ("01/NQ-HĐND"). Thường trực HĐND issues in the name of
 * the HĐND ('HĐND', one series with the council's); party bodies use 'ĐU'; any other body of the commune issues
 * through the commune's UBND ('UBND').
 */
export function issuerOf(kind: BodyKind): string {
  switch (kind) {
    case 'council':
    case 'council_standing':
      return 'HĐND';
    case 'party_committee':
    case 'party_standing_board':
    case 'party_standing':
      return 'ĐU';
    default:
      return 'UBND';
  }
}

export interface FieldProblem {
  field: string;
  message: { vi: string; en: string };
}

export interface BallotTally {
  ballotsIssued: number;
  ballotsReturned: number;
  valid: number;
  invalid: number;
  /** Per choice ('for' | 'against' | 'abstain') or per candidate id. */
  counts: Record<string, number>;
}

export interface BallotTallyOptions {
  /** 'choice': one choice per valid ballot (for/against/abstain); 'election': up to seatsToFill names a ballot. */
  kind: 'choice' | 'election';
  /** The allowed keys of `counts` (choices or candidate ids); others are reported. */
  keys?: readonly string[];
  /** election: how many names a ballot may keep (default 1). */
  seatsToFill?: number;
  /** Prefix of the field paths (default 'body'). */
  fieldPrefix?: string;
}

/**
 * What is wrong with a paper-ballot tally entered by the counting committee (empty when fine): ballots issued or
 * returned beyond those present, returned beyond issued, valid + invalid ≠ returned, a count beyond the valid
 * ballots, choices adding up to more than the valid ballots (or, in an election, more than valid × seats), unknown
 * keys, negative or fractional numbers.
 */
export function ballotTallyProblems(
  present: number,
  tally: BallotTally,
  options: BallotTallyOptions,
): FieldProblem[] {
  const pre = options.fieldPrefix ?? 'body';
  const out: FieldProblem[] = [];
  const bad = (field: string, vi: string, en: string) =>
    out.push({ field: `${pre}.${field}`, message: { vi, en } });
  const nums: [string, number][] = [
    ['ballotsIssued', tally.ballotsIssued],
    ['ballotsReturned', tally.ballotsReturned],
    ['valid', tally.valid],
    ['invalid', tally.invalid],
    ...Object.entries(tally.counts).map(([k, v]) => [`counts.${k}`, v] as [string, number]),
  ];
  let broken = false;
  for (const [f, v] of nums)
    if (!Number.isInteger(v) || v < 0) {
      bad(f, 'Phải là số nguyên không âm', 'Must be a whole number, not negative');
      broken = true;
    }
  if (broken) return out;
  if (tally.ballotsIssued > present)
    bad(
      'ballotsIssued',
      `Số phiếu phát ra (${tally.ballotsIssued}) nhiều hơn số thành viên có mặt (${present})`,
      `Ballots issued (${tally.ballotsIssued}) exceed the members present (${present})`,
    );
  if (tally.ballotsReturned > present)
    bad(
      'ballotsReturned',
      `Số phiếu thu vào (${tally.ballotsReturned}) nhiều hơn số thành viên có mặt (${present})`,
      `Ballots returned (${tally.ballotsReturned}) exceed the members present (${present})`,
    );
  else if (tally.ballotsReturned > tally.ballotsIssued)
    bad(
      'ballotsReturned',
      `Số phiếu thu vào (${tally.ballotsReturned}) nhiều hơn số phiếu phát ra (${tally.ballotsIssued})`,
      `Ballots returned (${tally.ballotsReturned}) exceed those issued (${tally.ballotsIssued})`,
    );
  if (tally.valid + tally.invalid !== tally.ballotsReturned)
    bad(
      'invalid',
      `Phiếu hợp lệ (${tally.valid}) + không hợp lệ (${tally.invalid}) phải bằng số phiếu thu vào (${tally.ballotsReturned})`,
      `Valid (${tally.valid}) + invalid (${tally.invalid}) must equal the ballots returned (${tally.ballotsReturned})`,
    );
  let sum = 0;
  for (const [k, v] of Object.entries(tally.counts)) {
    sum += v;
    if (options.keys && !options.keys.includes(k)) {
      bad(
        `counts.${k}`,
        'Lựa chọn hoặc ứng cử viên không có trong phiếu',
        'Not a choice or candidate of this ballot',
      );
      continue;
    }
    if (v > tally.valid)
      bad(
        `counts.${k}`,
        `Số phiếu (${v}) nhiều hơn số phiếu hợp lệ (${tally.valid})`,
        `Count (${v}) exceeds the valid ballots (${tally.valid})`,
      );
  }
  const perBallot = options.kind === 'election' ? Math.max(1, Math.trunc(options.seatsToFill ?? 1)) : 1;
  if (sum > tally.valid * perBallot)
    bad(
      'counts',
      options.kind === 'election'
        ? `Tổng số phiếu bầu (${sum}) nhiều hơn số phiếu hợp lệ × số ghế (${tally.valid} × ${perBallot})`
        : `Tổng các lựa chọn (${sum}) nhiều hơn số phiếu hợp lệ (${tally.valid})`,
      options.kind === 'election'
        ? `Votes in all (${sum}) exceed valid ballots × seats (${tally.valid} × ${perBallot})`
        : `Choices in all (${sum}) exceed the valid ballots (${tally.valid})`,
    );
  return out;
}
