/**
 * API shapes of votes in meetings (server and web): open votes (biểu quyết công khai, per member), secret ballots
 * (bỏ phiếu kín: electronic, or paper ballots tallied by the counting committee) and elections (bầu cử) with their
 * candidates, the result the system computes under the body's rules, and "how did this member vote".
 */
import { z } from 'zod';
import { BodyKind, BodyRules, Threshold, VoteSubject } from './meetings';

export const VoteType = z.enum(['open', 'secret', 'election']);
export type VoteType = z.infer<typeof VoteType>;
export const VoteMethod = z.enum(['electronic', 'paper']);
export type VoteMethod = z.infer<typeof VoteMethod>;
export const VoteStatus = z.enum(['open', 'closed']);
export const VoteChoice = z.enum(['for', 'against', 'abstain']);
export type VoteChoice = z.infer<typeof VoteChoice>;
/** passed | failed (open and secret votes), held (an election). */
export const VoteOutcomeCode = z.enum(['passed', 'failed', 'held']);

const Count = z.number().int().min(0).max(100_000);

export const CandidateRequest = z.object({
  /** An official of the commune. */
  officialId: z.string().uuid(),
  /** The body and title the election gives (e.g. the HĐND, "Chủ tịch HĐND"): the position created when elected. */
  bodyId: z.string().uuid(),
  title: z.string().trim().min(2).max(200),
});

export const OpenVoteRequest = z.object({
  /** What is put to the vote; default: the agenda item's title. */
  question: z.string().trim().min(3).max(500).optional(),
  /** Secret ballots and elections: electronic (members' devices) or paper (the counting committee's tallies). */
  method: VoteMethod.default('electronic'),
  /** What the vote decides (chooses the threshold); default: the item's subject. */
  subject: VoteSubject.optional(),
  /** Elections: how many are to be elected, and the candidates. */
  seatsToFill: z.number().int().min(1).max(50).optional(),
  candidates: z.array(CandidateRequest).max(50).optional(),
});
export type OpenVoteRequest = z.infer<typeof OpenVoteRequest>;
/** What a caller passes (the method may be left out: electronic). */
export type OpenVoteInput = z.input<typeof OpenVoteRequest>;

export const CastRequest = z.object({
  /** The member voting; omitted: the caller's own official. The secretary may enter an open vote for a member. */
  officialId: z.string().uuid().optional(),
  /** Open votes and secret ballots. */
  choice: VoteChoice.optional(),
  /** Elections: the candidates approved on the ballot (at most seatsToFill; none = a blank ballot). */
  candidateIds: z.array(z.string().uuid()).max(50).optional(),
});
export type CastRequest = z.infer<typeof CastRequest>;

/** Paper ballots: what the counting committee (Ban kiểm phiếu) counted. */
export const PaperTallyRequest = z.object({
  ballotsIssued: Count,
  ballotsReturned: Count,
  valid: Count,
  invalid: Count,
  /** Secret ballots: { for, against, abstain }; elections: { <candidate id>: votes }. */
  counts: z.record(z.string(), Count),
});
export type PaperTallyRequest = z.infer<typeof PaperTallyRequest>;

export const VoteCountsView = z.object({
  for: z.number().int(),
  against: z.number().int(),
  abstain: z.number().int(),
  /** Members present who cast nothing (at closing; live while an open vote runs). */
  notVoting: z.number().int(),
});

export const OpenBallotView = z.object({
  officialId: z.string().uuid(),
  fullName: z.string(),
  choice: z.enum(['for', 'against', 'abstain', 'not_voting']),
  castBy: z.enum(['member', 'secretary']).nullable(),
  castAt: z.string().nullable(),
});

export const CandidateView = z.object({
  id: z.string().uuid(),
  officialId: z.string().uuid(),
  fullName: z.string(),
  bodyId: z.string().uuid(),
  title: z.string(),
  /** Votes received: only once the election is closed. */
  votes: z.number().int().nullable(),
  elected: z.boolean().nullable(),
  /** The position created in the People module (null in a rehearsal or when not elected). */
  positionId: z.string().uuid().nullable(),
});

export const VoteResultView = z.object({
  /** Open and secret votes: passed or not; elections: null. */
  passed: z.boolean().nullable(),
  /** Votes needed ("for", or per candidate) and the base they are a share of (all members of the day). */
  required: z.number().int(),
  base: z.number().int(),
  threshold: Threshold.nullable(),
  strict: z.boolean(),
  tieBrokenByChair: z.boolean(),
  explanation: z.object({ vi: z.string(), en: z.string() }),
  /** Elections. */
  elected: z.array(z.string().uuid()),
  tiedAtLastSeat: z.array(z.string().uuid()),
  /** Elections: whether positions were created in the People module (never in a rehearsal). */
  positionsCreated: z.boolean(),
  note: z.object({ vi: z.string(), en: z.string() }).nullable(),
});
export type VoteResultView = z.infer<typeof VoteResultView>;

export const Vote = z.object({
  id: z.string().uuid(),
  communeCode: z.string(),
  meetingId: z.string().uuid(),
  meetingTitle: z.string(),
  rehearsal: z.boolean(),
  itemId: z.string().uuid(),
  itemTitle: z.string(),
  voteType: VoteType,
  method: VoteMethod,
  question: z.string(),
  seatsToFill: z.number().int().nullable(),
  status: VoteStatus,
  outcome: VoteOutcomeCode.nullable(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  /** As at opening: the body kind, what is decided, seats, members of the day, present, quorum and the rules. */
  basis: z.object({
    bodyKind: BodyKind,
    subject: VoteSubject,
    seats: z.number().int().nullable(),
    members: z.number().int(),
    present: z.number().int(),
    quorumRequired: z.number().int(),
    rules: BodyRules,
  }),
  /** Open votes: live; secret ballots and elections: only once closed. */
  counts: VoteCountsView.nullable(),
  /** Paper ballots: the counting committee's figures (once entered). */
  paperTally: z
    .object({
      ballotsIssued: z.number().int(),
      ballotsReturned: z.number().int(),
      valid: z.number().int(),
      invalid: z.number().int(),
    })
    .nullable(),
  /** Open votes only: each member's choice (members present who did not vote, once closed, as not_voting). */
  ballots: z.array(OpenBallotView).nullable(),
  /** Secret electronic ballots and elections: who has voted (by name; never with a choice, time or order). */
  voters: z.array(z.object({ officialId: z.string().uuid(), fullName: z.string() })).nullable(),
  candidates: z.array(CandidateView),
  result: VoteResultView.nullable(),
});
export type Vote = z.infer<typeof Vote>;

export const VoteList = z.object({ items: z.array(Vote) });
export type VoteList = z.infer<typeof VoteList>;

export const CastResult = z.object({
  voteId: z.string().uuid(),
  officialId: z.string().uuid(),
  castBy: z.enum(['member', 'secretary']),
  /** Open votes echo the choice; a secret ballot only says that it was cast. */
  choice: VoteChoice.nullable(),
  voted: z.literal(true),
});
export type CastResult = z.infer<typeof CastResult>;

export const MemberVotesQuery = z.object({
  officialId: z.string().uuid(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export const MemberVote = z.object({
  voteId: z.string().uuid(),
  meetingId: z.string().uuid(),
  meetingTitle: z.string(),
  meetingDate: z.string(),
  rehearsal: z.boolean(),
  itemTitle: z.string(),
  question: z.string(),
  choice: z.enum(['for', 'against', 'abstain', 'not_voting']),
  castBy: z.enum(['member', 'secretary']).nullable(),
  status: VoteStatus,
  outcome: VoteOutcomeCode.nullable(),
  openedAt: z.string(),
});
export type MemberVote = z.infer<typeof MemberVote>;

export const MemberVotes = z.object({
  official: z.object({ id: z.string().uuid(), fullName: z.string() }),
  items: z.array(MemberVote),
  nextCursor: z.string().nullable(),
});
export type MemberVotes = z.infer<typeof MemberVotes>;
