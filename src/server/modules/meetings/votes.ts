/**
 * Votes on agenda items (biểu quyết, bỏ phiếu kín, bầu cử): opened by the secretary only with a quorum, cast by
 * members present (open votes: by the member on their device or, for a show of hands, entered by the secretary),
 * closed with the result the system computes under the body's rules (rules.ts) from the basis stored at opening.
 * Secret ballots and paper tallies: ballots.ts; elections and the positions they create: elections.ts.
 */
import { and, asc, desc, eq, lt, or, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type {
  CastRequest,
  CastResult,
  MemberVote,
  MemberVotes,
  OpenVoteInput,
  Vote,
  VoteResultView,
} from '../../../common/api/meeting-votes';
import type { DbOrTx } from '../../db/database';
import { inTransaction, type WriteContext } from '../../db/transaction';
import { isUuid } from '../../http/auth';
import { AppError, fieldError, notFound, text } from '../../http/errors';
import { getOfficial } from '../org';
import { assertActsFor, type MeetingActor } from './actor';
import {
  assertVoter,
  castSecretBallot,
  initialTallyKeys,
  presentMembers,
  readTallies,
  type VoteRow,
  voteClosed,
} from './ballots';
import { bodySettings } from './bodies-settings';
import { candidateRows, decideElection, type ElectionResult, listCandidates } from './elections';
import { publishMeetingChange } from './hall';
import { membersOn, presentCount } from './members';
import {
  type BodyKind,
  type BodyRules,
  type Headcount,
  type QuorumState,
  quorumState,
  type Subject,
  type VoteCounts,
  type VoteOutcome,
  voteOutcome,
} from './rules';
import {
  meetingAgendaItems,
  meetingBallotTallies,
  meetingBallotVoters,
  meetingCandidates,
  meetingOpenBallots,
  meetingParticipants,
  meetings,
  meetingVotes,
} from './schema';
import { assertMeetingStatus, assertNotArchived, getItemRow, getMeetingRow } from './store';

export const voteNotFound = (id: string) => notFound('cuộc biểu quyết', 'vote', id);

/** What an item's expected decision puts to the vote. */
const VOTE_TYPE_OF: Record<string, 'open' | 'secret' | 'election'> = {
  open_vote: 'open',
  secret_ballot: 'secret',
  election: 'election',
};
const DEFAULT_SUBJECT: Record<string, Subject> = {
  open_vote: 'resolution',
  secret_ballot: 'confidence',
  election: 'resolution',
};

/** Stored in meeting_votes.basis at opening (rules.VoteBasis and what the result explains). */
export interface StoredBasis {
  bodyKind: BodyKind;
  subject: Subject;
  headcount: Headcount;
  rules: BodyRules;
  quorum: QuorumState;
  chairId: string | null;
}

/** Stored in meeting_votes.result at closing: an open or secret vote… */
export interface VoteResult extends VoteOutcome {
  kind: 'vote';
  counts: VoteCounts & { notVoting: number };
  /** Open votes: members present at closing who cast nothing. */
  notVotingIds: string[];
  chairChoice: 'for' | 'against' | 'abstain' | null;
  paper: { ballotsIssued: number; ballotsReturned: number; valid: number; invalid: number } | null;
  present: number;
}
/** …or an election (elections.ts). */
export type StoredResult = VoteResult | (ElectionResult & { paper: VoteResult['paper']; present: number });

export async function communeOfVote(db: DbOrTx, id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ c: meetingVotes.communeCode })
    .from(meetingVotes)
    .where(eq(meetingVotes.id, id));
  return row?.c ?? null;
}

export async function getVoteRow(db: DbOrTx, id: string, lock?: 'update' | 'share'): Promise<VoteRow> {
  if (!isUuid(id)) throw voteNotFound(id);
  const q = db.select().from(meetingVotes).where(eq(meetingVotes.id, id));
  const [row] = lock ? await q.for(lock) : await q;
  if (!row) throw voteNotFound(id);
  return row;
}

/**
 * Opens a vote on an agenda item whose expected decision is a vote: the meeting in progress, no other open vote on
 * the item, and a quorum of the members present now (409 "Chưa đủ số lượng thành viên tham dự (x/y, cần z)").
 */
export async function openVote(ctx: WriteContext, itemId: string, input: OpenVoteInput): Promise<string> {
  const item = await getItemRow(ctx.db, itemId);
  const voteType = VOTE_TYPE_OF[item.decision];
  if (!voteType)
    throw fieldError(
      'item.decision',
      'Nội dung "{title}" không dự kiến biểu quyết (hình thức: {decision}).',
      'Item "{title}" expects no vote (decision: {decision}).',
      { title: item.title, decision: item.decision },
    );
  if (voteType === 'open' && input.method === 'paper')
    throw fieldError(
      'body.method',
      'Biểu quyết công khai được ghi theo từng thành viên (giơ tay: thư ký nhập cho từng người).',
      'An open vote is recorded per member (a show of hands: the secretary enters each one).',
    );
  if (voteType !== 'election' && (input.candidates !== undefined || input.seatsToFill !== undefined))
    throw fieldError(
      input.candidates !== undefined ? 'body.candidates' : 'body.seatsToFill',
      'Chỉ cuộc bầu cử mới có ứng cử viên và số người cần bầu.',
      'Only an election has candidates and seats to fill.',
    );
  const id = uuidv7();
  await inTransaction(ctx, async (tx, audit) => {
    // The meeting row lock makes attendance changes and this opening take turns: the quorum is the one stored.
    const meeting = await getMeetingRow(tx, item.meetingId, { forUpdate: true });
    assertNotArchived(meeting);
    assertMeetingStatus(meeting, ['in_progress']);
    const [running] = await tx
      .select({ id: meetingVotes.id })
      .from(meetingVotes)
      .where(and(eq(meetingVotes.itemId, item.id), eq(meetingVotes.status, 'open')));
    if (running)
      throw new AppError(
        'conflict',
        text('Nội dung này đang có một cuộc biểu quyết chưa kết thúc.', 'A vote on this item is still open.'),
      );
    const settings = await bodySettings(tx, meeting.communeCode, meeting.bodyId);
    // One query at a time on the transaction's connection (no Promise.all on a pg client in a transaction).
    const headcount: Headcount = {
      seats: settings.seats,
      members: (await membersOn(tx, meeting.bodyId, meeting.meetingDate, meeting.communeCode)).length,
      present: await presentCount(tx, meeting.id),
    };
    const quorum = quorumState(headcount, settings.rules);
    if (!quorum.reached)
      throw new AppError(
        'conflict',
        text(
          'Chưa đủ số lượng thành viên tham dự ({present}/{members}, cần {required}).',
          'No quorum: {present} of {members} members present, {required} needed.',
          { present: quorum.present, members: quorum.members, required: quorum.required },
        ),
      );
    const candidates =
      voteType === 'election'
        ? await candidateRows(tx, meeting, id, input.candidates, input.seatsToFill)
        : [];
    const basis: StoredBasis = {
      bodyKind: settings.bodyKind,
      subject: input.subject ?? (item.subject as Subject | null) ?? DEFAULT_SUBJECT[item.decision]!,
      headcount,
      rules: settings.rules,
      quorum,
      chairId: meeting.chairId,
    };
    const method = voteType === 'open' ? 'electronic' : (input.method ?? 'electronic');
    const values = {
      id,
      meetingId: meeting.id,
      itemId: item.id,
      communeCode: meeting.communeCode,
      voteType,
      method,
      question: input.question ?? item.title,
      seatsToFill: voteType === 'election' ? (input.seatsToFill ?? null) : null,
      basis,
      openedAt: new Date(),
    };
    await tx.insert(meetingVotes).values(values);
    if (candidates.length) await tx.insert(meetingCandidates).values(candidates);
    if (voteType !== 'open')
      await tx.insert(meetingBallotTallies).values(
        initialTallyKeys(
          voteType,
          method,
          candidates.map((c) => c.id),
        ).map((choice) => ({ voteId: id, choice, communeCode: meeting.communeCode, count: 0 })),
      );
    await audit({
      action: 'meeting.vote.open',
      entityType: 'meeting_vote',
      entityId: id,
      communeCode: meeting.communeCode,
      after: {
        meetingId: meeting.id,
        itemId: item.id,
        voteType,
        method,
        question: values.question,
        seatsToFill: values.seatsToFill,
        subject: basis.subject,
        headcount,
        quorumRequired: quorum.required,
        candidates: candidates.map((c) => ({ officialId: c.officialId, title: c.positionTitle })),
      },
    });
    await publishMeetingChange(tx, meeting.id, 'vote.opened', { voteId: id, itemId: item.id });
  });
  return id;
}

/**
 * A member's vote. Open votes: for/against/abstain, by the member or entered by the secretary (cast_by), once —
 * no change afterwards. Secret ballots and elections: only by the member themselves, electronically (ballots.ts).
 */
export async function castVote(
  ctx: WriteContext,
  actor: MeetingActor,
  voteId: string,
  input: CastRequest,
): Promise<CastResult> {
  const vote = await getVoteRow(ctx.db, voteId);
  const officialId = input.officialId ?? actor.officialId;
  if (!officialId)
    throw fieldError(
      'body.officialId',
      'Tài khoản chưa gắn với cán bộ nào: hãy chọn thành viên biểu quyết.',
      'The account is linked to no official: name the member voting.',
    );
  const castBy = assertActsFor(actor, officialId);
  if (vote.voteType !== 'open') {
    if (vote.method === 'paper')
      throw new AppError(
        'conflict',
        text(
          'Bỏ phiếu bằng phiếu giấy: Ban kiểm phiếu nhập kết quả kiểm phiếu.',
          'Paper ballots: the vote-counting committee enters the tallies.',
        ),
      );
    if (castBy !== 'member')
      throw new AppError(
        'forbidden',
        text(
          'Phiếu kín chỉ do chính thành viên bỏ; không ai bỏ thay.',
          'A secret ballot is cast by the member alone; nobody casts it for them.',
        ),
      );
  } else if (!input.choice || input.candidateIds !== undefined)
    throw fieldError(
      'body.choice',
      'Hãy chọn tán thành, không tán thành hoặc không biểu quyết.',
      'Choose for, against or abstain.',
    );
  await inTransaction(ctx, async (tx, audit) => {
    // Shared lock: ballots go in side by side; closing (for update) waits for them and refuses later ones.
    const locked = await getVoteRow(tx, voteId, 'share');
    if (locked.status !== 'open') throw voteClosed();
    const meeting = await getMeetingRow(tx, locked.meetingId);
    assertNotArchived(meeting);
    assertMeetingStatus(meeting, ['in_progress']);
    await assertVoter(tx, locked.meetingId, officialId);
    if (locked.voteType === 'open') {
      const inserted = await tx
        .insert(meetingOpenBallots)
        .values({ voteId, officialId, communeCode: locked.communeCode, choice: input.choice!, castBy })
        .onConflictDoNothing()
        .returning({ officialId: meetingOpenBallots.officialId });
      if (!inserted.length)
        throw new AppError(
          'conflict',
          text(
            'Thành viên này đã biểu quyết; mỗi người biểu quyết một lần, không sửa.',
            'This member has already voted; one vote each, no change.',
          ),
        );
      await audit({
        action: 'meeting.vote.cast',
        entityType: 'meeting_vote',
        entityId: voteId,
        communeCode: locked.communeCode,
        after: { officialId, choice: input.choice, castBy },
      });
    } else await castSecretBallot(tx, audit, locked, officialId, input);
    await publishMeetingChange(tx, locked.meetingId, 'vote.cast', { voteId });
  });
  return {
    voteId,
    officialId,
    castBy,
    choice: vote.voteType === 'open' ? input.choice! : null,
    voted: true,
  };
}

const paperOf = (t: Map<string, number>) => ({
  ballotsIssued: t.get('issued') ?? 0,
  ballotsReturned: t.get('returned') ?? 0,
  valid: t.get('valid') ?? 0,
  invalid: t.get('invalid') ?? 0,
});

/**
 * Closes a vote: the result under the rules stored at opening (all members of the day as the base), recorded with
 * its outcome (passed, failed — a failed vote is recorded as failed — or held for an election), announced live on
 * the meeting's channel.
 */
export async function closeVote(ctx: WriteContext, voteId: string): Promise<void> {
  await inTransaction(ctx, async (tx, audit) => {
    const vote = await getVoteRow(tx, voteId, 'update');
    if (vote.status !== 'open')
      throw new AppError('conflict', text('Cuộc biểu quyết đã kết thúc.', 'The vote is already closed.'));
    const meeting = await getMeetingRow(tx, vote.meetingId);
    assertNotArchived(meeting);
    const basis = vote.basis as StoredBasis;
    const present = await presentMembers(tx, vote.meetingId);
    const tallies = vote.voteType === 'open' ? new Map<string, number>() : await readTallies(tx, voteId);
    if (vote.method === 'paper' && !tallies.get('entered'))
      throw new AppError(
        'conflict',
        text(
          'Ban kiểm phiếu chưa nhập kết quả kiểm phiếu.',
          'The vote-counting committee has not entered the tallies yet.',
        ),
      );
    const paper = vote.method === 'paper' ? paperOf(tallies) : null;
    let result: StoredResult;
    let outcome: 'passed' | 'failed' | 'held';
    if (vote.voteType === 'election') {
      result = { ...(await decideElection(tx, audit, vote, meeting, basis)), paper, present: present.length };
      outcome = 'held';
    } else {
      let counts: VoteCounts;
      let notVotingIds: string[] = [];
      let notVoting: number;
      let chairChoice: VoteResult['chairChoice'] = null;
      if (vote.voteType === 'open') {
        const ballots = await tx
          .select({ officialId: meetingOpenBallots.officialId, choice: meetingOpenBallots.choice })
          .from(meetingOpenBallots)
          .where(eq(meetingOpenBallots.voteId, voteId));
        counts = { for: 0, against: 0, abstain: 0 };
        for (const b of ballots) counts[b.choice as keyof VoteCounts] += 1;
        const voted = new Set(ballots.map((b) => b.officialId));
        notVotingIds = present.map((p) => p.officialId!).filter((id) => !voted.has(id));
        notVoting = notVotingIds.length;
        const chairId = basis.chairId ?? meeting.chairId;
        chairChoice =
          (ballots.find((b) => chairId && b.officialId === chairId)?.choice as VoteResult['chairChoice']) ??
          null;
      } else {
        counts = {
          for: tallies.get('for') ?? 0,
          against: tallies.get('against') ?? 0,
          abstain: tallies.get('abstain') ?? 0,
        };
        if (paper) notVoting = Math.max(0, present.length - paper.ballotsReturned);
        else {
          const voters = new Set(
            (
              await tx
                .select({ officialId: meetingBallotVoters.officialId })
                .from(meetingBallotVoters)
                .where(eq(meetingBallotVoters.voteId, voteId))
            ).map((v) => v.officialId),
          );
          notVoting = present.filter((p) => !voters.has(p.officialId!)).length;
        }
      }
      const decided = voteOutcome(basis, counts, chairChoice);
      result = {
        kind: 'vote',
        ...decided,
        counts: { ...counts, notVoting },
        notVotingIds,
        chairChoice,
        paper,
        present: present.length,
      };
      outcome = decided.passed ? 'passed' : 'failed';
    }
    await tx
      .update(meetingVotes)
      .set({ status: 'closed', result, outcome, closedAt: new Date() })
      .where(eq(meetingVotes.id, voteId));
    await audit({
      action: 'meeting.vote.close',
      entityType: 'meeting_vote',
      entityId: voteId,
      communeCode: vote.communeCode,
      before: { status: 'open' },
      after: {
        status: 'closed',
        outcome,
        explanation: result.explanation.vi,
        ...(result.kind === 'vote'
          ? { counts: result.counts }
          : {
              elected: result.candidates.filter((c) => c.elected).map((c) => c.officialId),
              positionsCreated: result.positionsCreated,
            }),
      },
    });
    // The hall view travels with the event (the result included): 500 hall screens show it without asking again.
    await publishMeetingChange(tx, vote.meetingId, 'vote.closed', { voteId, itemId: vote.itemId, outcome });
  });
}

// ——— reading ———

function resultView(vote: VoteRow, basis: StoredBasis): VoteResultView | null {
  const r = vote.result as StoredResult | null;
  if (!r) return null;
  if (r.kind === 'election')
    return {
      passed: null,
      required: r.required,
      base: r.base,
      threshold: basis.rules.election.value,
      strict: false,
      tieBrokenByChair: false,
      explanation: r.explanation,
      elected: r.elected,
      tiedAtLastSeat: r.tiedAtLastSeat,
      positionsCreated: r.positionsCreated,
      note: r.note,
    };
  return {
    passed: r.passed,
    required: r.required,
    base: r.base,
    threshold: r.threshold,
    strict: r.strict,
    tieBrokenByChair: r.tieBrokenByChair,
    explanation: r.explanation,
    elected: [],
    tiedAtLastSeat: [],
    positionsCreated: false,
    note: null,
  };
}

async function voteView(db: DbOrTx, vote: VoteRow): Promise<Vote> {
  const [ctx] = await db
    .select({
      meetingTitle: meetings.title,
      rehearsal: meetings.rehearsal,
      itemTitle: meetingAgendaItems.title,
    })
    .from(meetingAgendaItems)
    .innerJoin(meetings, eq(meetings.id, meetingAgendaItems.meetingId))
    .where(eq(meetingAgendaItems.id, vote.itemId));
  const names = new Map(
    (
      await db
        .select({ officialId: meetingParticipants.officialId, fullName: meetingParticipants.fullName })
        .from(meetingParticipants)
        .where(eq(meetingParticipants.meetingId, vote.meetingId))
    ).map((p) => [p.officialId, p.fullName]),
  );
  const basis = vote.basis as StoredBasis;
  const stored = vote.result as StoredResult | null;
  const closed = vote.status === 'closed';
  let counts: Vote['counts'] = null;
  let ballots: Vote['ballots'] = null;
  let voters: Vote['voters'] = null;
  if (vote.voteType === 'open') {
    const rows = await db
      .select()
      .from(meetingOpenBallots)
      .where(eq(meetingOpenBallots.voteId, vote.id))
      .orderBy(asc(meetingOpenBallots.castAt));
    const live = { for: 0, against: 0, abstain: 0 };
    for (const b of rows) live[b.choice as keyof typeof live] += 1;
    const voted = new Set(rows.map((b) => b.officialId));
    const notVotingIds =
      closed && stored?.kind === 'vote'
        ? stored.notVotingIds
        : (await presentMembers(db, vote.meetingId)).map((p) => p.officialId!).filter((id) => !voted.has(id));
    counts = { ...live, notVoting: notVotingIds.length };
    ballots = [
      ...rows.map((b) => ({
        officialId: b.officialId,
        fullName: names.get(b.officialId) ?? '',
        choice: b.choice as 'for' | 'against' | 'abstain',
        castBy: b.castBy as 'member' | 'secretary',
        castAt: b.castAt.toISOString(),
      })),
      ...(closed
        ? notVotingIds.map((id) => ({
            officialId: id,
            fullName: names.get(id) ?? '',
            choice: 'not_voting' as const,
            castBy: null,
            castAt: null,
          }))
        : []),
    ];
  } else {
    if (vote.method === 'electronic') {
      const rows = await db
        .select({ officialId: meetingBallotVoters.officialId })
        .from(meetingBallotVoters)
        .where(eq(meetingBallotVoters.voteId, vote.id));
      // By name: never in the order they voted.
      voters = rows
        .map((v) => ({ officialId: v.officialId, fullName: names.get(v.officialId) ?? '' }))
        .sort(
          (a, b) => a.fullName.localeCompare(b.fullName, 'vi') || a.officialId.localeCompare(b.officialId),
        );
    }
    if (closed && stored?.kind === 'vote') counts = stored.counts;
  }
  const candidates =
    vote.voteType === 'election'
      ? (await listCandidates(db, vote.id)).map((c) => {
          const r =
            stored?.kind === 'election' ? stored.candidates.find((x) => x.candidateId === c.id) : null;
          return {
            id: c.id,
            officialId: c.officialId,
            fullName: c.fullName,
            bodyId: c.positionBodyId,
            title: c.positionTitle,
            votes: closed ? (r?.votes ?? 0) : null,
            elected: c.elected,
            positionId: c.createdPositionId,
          };
        })
      : [];
  return {
    id: vote.id,
    communeCode: vote.communeCode,
    meetingId: vote.meetingId,
    meetingTitle: ctx?.meetingTitle ?? '',
    rehearsal: ctx?.rehearsal ?? false,
    itemId: vote.itemId,
    itemTitle: ctx?.itemTitle ?? '',
    voteType: vote.voteType as Vote['voteType'],
    method: vote.method as Vote['method'],
    question: vote.question,
    seatsToFill: vote.seatsToFill,
    status: vote.status as Vote['status'],
    outcome: vote.outcome as Vote['outcome'],
    openedAt: vote.openedAt.toISOString(),
    closedAt: vote.closedAt?.toISOString() ?? null,
    basis: {
      bodyKind: basis.bodyKind,
      subject: basis.subject,
      seats: basis.headcount.seats,
      members: basis.headcount.members,
      present: basis.headcount.present,
      quorumRequired: basis.quorum.required,
      rules: basis.rules,
    },
    counts,
    paperTally: closed && stored?.paper ? stored.paper : null,
    ballots,
    voters,
    candidates,
    result: resultView(vote, basis),
  };
}

export async function getVote(db: DbOrTx, id: string): Promise<Vote> {
  return voteView(db, await getVoteRow(db, id));
}

/** Every vote of a meeting, in the order they were opened (for the meeting page, the hall and the minutes). */
export async function listMeetingVotes(db: DbOrTx, meetingId: string): Promise<Vote[]> {
  const rows = await db
    .select()
    .from(meetingVotes)
    .where(eq(meetingVotes.meetingId, meetingId))
    .orderBy(asc(meetingVotes.openedAt), asc(meetingVotes.id));
  const out: Vote[] = [];
  for (const row of rows) out.push(await voteView(db, row));
  return out;
}

const encodeCursor = (openedAt: Date, id: string) =>
  Buffer.from(JSON.stringify([openedAt.toISOString(), id])).toString('base64url');
function decodeCursor(cursor: string): [Date, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(v) &&
      typeof v[0] === 'string' &&
      typeof v[1] === 'string' &&
      isUuid(v[1]) &&
      // An instant PostgreSQL can hold (a four-digit year from 1): '-200000-01-01T…' parses in JS, not there.
      /^\d{4}-\d{2}-\d{2}T/.test(v[0]) &&
      !v[0].startsWith('0000') &&
      !Number.isNaN(Date.parse(v[0]))
    )
      return [new Date(v[0]), v[1]];
  } catch {}
  throw fieldError('query.cursor', 'Con trỏ trang không hợp lệ.', 'Invalid cursor.');
}

/**
 * "How did this member vote": the open votes of the commune where the member cast a ballot or, present at closing,
 * cast none (not_voting); newest first, a page at a time. Secret ballots never appear here.
 */
export async function memberVotes(
  db: DbOrTx,
  communeCode: string,
  query: { officialId: string; limit: number; cursor?: string },
): Promise<MemberVotes> {
  const official = await getOfficial(db, query.officialId).catch(() => null);
  if (!official || official.communeCode !== communeCode)
    throw fieldError(
      'query.officialId',
      'Không có cán bộ này trong xã.',
      'No such official in this commune.',
    );
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await db
    .select({
      vote: meetingVotes,
      meetingTitle: meetings.title,
      meetingDate: meetings.meetingDate,
      rehearsal: meetings.rehearsal,
      itemTitle: meetingAgendaItems.title,
      choice: meetingOpenBallots.choice,
      castBy: meetingOpenBallots.castBy,
    })
    .from(meetingVotes)
    .innerJoin(meetings, eq(meetings.id, meetingVotes.meetingId))
    .innerJoin(meetingAgendaItems, eq(meetingAgendaItems.id, meetingVotes.itemId))
    .leftJoin(
      meetingOpenBallots,
      and(
        eq(meetingOpenBallots.voteId, meetingVotes.id),
        eq(meetingOpenBallots.officialId, query.officialId),
      ),
    )
    .where(
      and(
        eq(meetingVotes.communeCode, communeCode),
        eq(meetingVotes.voteType, 'open'),
        or(
          sql`${meetingOpenBallots.officialId} is not null`,
          sql`(${meetingVotes.result} -> 'notVotingIds') @> ${JSON.stringify([query.officialId])}::jsonb`,
        ),
        after
          ? or(
              lt(meetingVotes.openedAt, after[0]),
              and(eq(meetingVotes.openedAt, after[0]), lt(meetingVotes.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(desc(meetingVotes.openedAt), desc(meetingVotes.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const items: MemberVote[] = page.map((r) => ({
    voteId: r.vote.id,
    meetingId: r.vote.meetingId,
    meetingTitle: r.meetingTitle,
    meetingDate: r.meetingDate,
    rehearsal: r.rehearsal,
    itemTitle: r.itemTitle,
    question: r.vote.question,
    choice: (r.choice ?? 'not_voting') as MemberVote['choice'],
    castBy: (r.castBy ?? null) as MemberVote['castBy'],
    status: r.vote.status as MemberVote['status'],
    outcome: r.vote.outcome as MemberVote['outcome'],
    openedAt: r.vote.openedAt.toISOString(),
  }));
  const last = page[page.length - 1];
  return {
    official: { id: official.id, fullName: official.fullName },
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.vote.openedAt, last.vote.id) : null,
  };
}
