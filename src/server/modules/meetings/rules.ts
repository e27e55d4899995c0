/**
 * Quorum and voting thresholds of a commune's bodies (domain-vn.md §6): pure, no I/O. Every rule value carries its
 * confidence: [C] confirmed in law, [U] a configurable default (a body's `meeting_bodies.rules` overrides it), and
 * the UI shows which is which.
 *
 * INTERFACE CONTRACT (other files call exactly these names; implementation owned by the rules task).
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

// Implemented by the rules task:
// export function rulesFor(kind: BodyKind, overrides?: RuleOverrides): BodyRules
// export function requiredCount(base: number, t: Threshold): number  // at_least: ceil(base*n/d); more_than: floor(base*n/d)+1
// export function quorumState(h: Headcount, rules: BodyRules): QuorumState
// export function voteOutcome(basis: VoteBasis, counts: VoteCounts, chairChoice?: 'for' | 'against' | 'abstain' | null): VoteOutcome
// export function electionOutcome(basis: VoteBasis, seatsToFill: number, tallies: CandidateTally[]): ElectionOutcome
// export function meetingKindsFor(kind: BodyKind): MeetingKind[]
// export function bodyKindOfTemplate(templateKey: string | null, category: string): BodyKind  // 'hdnd'→council, 'hdnd_tt'→council_standing, 'ubnd'→government, 'dang_uy' or 'dang_uy_bch'→party_committee, 'dang_uy_btv'→party_standing_board, 'dang_uy_tt'→party_standing
// export function issuerOf(kind: BodyKind): string  // 'HĐND' | 'UBND' | 'ĐU' ...
// export function ballotTallyProblems(present: number, tally: {...}): field problems (a paper tally larger than those present)
