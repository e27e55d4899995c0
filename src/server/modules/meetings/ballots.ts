/**
 * Ballots: who may vote, secret ballots cast electronically, and the paper tallies of the vote-counting committee
 * (Ban kiểm phiếu).
 *
 * Secrecy by design: a secret ballot leaves two facts and nothing that joins them. `meeting_ballot_voters` says
 * THAT a member voted (vote, official, commune: no time, no order, no id); `meeting_ballot_tallies` holds one
 * counter per choice, created at opening so a cast never inserts a row. A cast is ONE statement that rewrites every
 * tally row of the vote (`count = count + (choice = x)::int`): each row gets the same new transaction id (xmin) and
 * a new place (ctid) whatever the choice, so neither singles out the choice of the last voter. The audit entry says
 * "đã bỏ phiếu" and never the choice; the API shows the tallies only once the vote is closed.
 */
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { PaperTallyRequest, VoteChoice } from '../../../common/api/meeting-votes';
import type { DbOrTx, Tx } from '../../db/database';
import { type Audit, inTransaction, type WriteContext } from '../../db/transaction';
import { AppError, fieldError, text } from '../../http/errors';
import { ballotTallyProblems } from './rules';
import {
  meetingBallotTallies,
  meetingBallotVoters,
  meetingCandidates,
  meetingParticipants,
  meetingVotes,
} from './schema';

export type VoteRow = typeof meetingVotes.$inferSelect;

/** Tally rows that are not choices: the paper figures of the counting committee ('entered': 1 once entered). */
export const PAPER_KEYS = ['issued', 'returned', 'valid', 'invalid', 'entered'] as const;
export const CHOICES = ['for', 'against', 'abstain'] as const;
export const approveKey = (candidateId: string) => `approve:${candidateId}`;

/** The tally rows a vote starts with (all at 0): choices or candidates, and the paper figures for paper ballots. */
export function initialTallyKeys(voteType: string, method: string, candidateIds: string[]): string[] {
  const choices = voteType === 'election' ? candidateIds.map(approveKey) : [...CHOICES];
  return method === 'paper' ? [...choices, ...PAPER_KEYS] : choices;
}

export async function readTallies(db: DbOrTx, voteId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ choice: meetingBallotTallies.choice, count: meetingBallotTallies.count })
    .from(meetingBallotTallies)
    .where(eq(meetingBallotTallies.voteId, voteId));
  return new Map(rows.map((r) => [r.choice, r.count]));
}

export const voteClosed = () =>
  new AppError(
    'conflict',
    text('Cuộc biểu quyết đã kết thúc, không nhận thêm phiếu.', 'The vote is closed; no more ballots.'),
  );

/**
 * The member votes in this meeting: a participant of role member (a guest or an outsider → 403), checked in and
 * not left (→ 400 naming body.officialId).
 */
export async function assertVoter(tx: DbOrTx, meetingId: string, officialId: string) {
  const [p] = await tx
    .select()
    .from(meetingParticipants)
    .where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.officialId, officialId)));
  return voterOf(p);
}

/** The participant `p` as a voter: a member present now (403 for a guest or no participant, 400 when absent). */
export function voterOf<
  P extends Pick<typeof meetingParticipants.$inferSelect, 'role' | 'checkedInAt' | 'leftAt' | 'fullName'>,
>(p: P | undefined): P {
  if (p?.role !== 'member')
    throw new AppError(
      'forbidden',
      text(
        'Chỉ thành viên của cơ quan dự họp mới được biểu quyết; khách mời không biểu quyết.',
        'Only members of the body vote; guests do not.',
      ),
    );
  if (!p.checkedInAt || p.leftAt)
    throw fieldError(
      'body.officialId',
      'Thành viên {name} không có mặt (chưa điểm danh hoặc đã rời phòng họp), không biểu quyết được.',
      '{name} is not present (not checked in, or left) and cannot vote.',
      { name: p.fullName },
    );
  return p;
}

/** Members present now: participants of role member checked in and not left (id and name). */
export async function presentMembers(db: DbOrTx, meetingId: string) {
  return db
    .select({ officialId: meetingParticipants.officialId, fullName: meetingParticipants.fullName })
    .from(meetingParticipants)
    .where(
      and(
        eq(meetingParticipants.meetingId, meetingId),
        eq(meetingParticipants.role, 'member'),
        isNotNull(meetingParticipants.checkedInAt),
        isNull(meetingParticipants.leftAt),
      ),
    );
}

/**
 * Casts a secret ballot (a choice) or an election ballot (the candidates approved) for a member present, once.
 * Only the member themselves may cast it: nobody else learns the choice (the secretary enters paper tallies).
 */
export async function castSecretBallot(
  tx: Tx,
  audit: Audit,
  vote: VoteRow,
  officialId: string,
  ballot: { choice?: VoteChoice; candidateIds?: string[] },
) {
  let keys: string[];
  if (vote.voteType === 'election') {
    if (ballot.choice !== undefined || ballot.candidateIds === undefined)
      throw fieldError(
        'body.candidateIds',
        'Phiếu bầu ghi các ứng cử viên được chọn (candidateIds).',
        'An election ballot lists the candidates approved (candidateIds).',
      );
    const ids = ballot.candidateIds;
    if (new Set(ids).size !== ids.length)
      throw fieldError(
        'body.candidateIds',
        'Một ứng cử viên được chọn hai lần.',
        'A candidate is chosen twice.',
      );
    if (ids.length > (vote.seatsToFill ?? 1))
      throw fieldError(
        'body.candidateIds',
        'Chỉ được chọn tối đa {n} người.',
        'At most {n} candidates may be chosen.',
        { n: vote.seatsToFill ?? 1 },
      );
    const known = new Set(
      (
        await tx
          .select({ id: meetingCandidates.id })
          .from(meetingCandidates)
          .where(eq(meetingCandidates.voteId, vote.id))
      ).map((c) => c.id),
    );
    if (ids.some((id) => !known.has(id)))
      throw fieldError(
        'body.candidateIds',
        'Có người không nằm trong danh sách ứng cử viên.',
        'Someone chosen is not a candidate of this election.',
      );
    keys = ids.map(approveKey);
  } else {
    if (!ballot.choice || ballot.candidateIds !== undefined)
      throw fieldError(
        'body.choice',
        'Hãy chọn tán thành, không tán thành hoặc không biểu quyết.',
        'Choose for, against or abstain.',
      );
    keys = [ballot.choice];
  }
  // That they voted: no time, no order; a second ballot by the same member finds the row and is refused.
  const inserted = await tx
    .insert(meetingBallotVoters)
    .values({ voteId: vote.id, officialId, communeCode: vote.communeCode })
    .onConflictDoNothing()
    .returning({ officialId: meetingBallotVoters.officialId });
  if (!inserted.length)
    throw new AppError(
      'conflict',
      text(
        'Thành viên này đã bỏ phiếu; mỗi người một phiếu.',
        'This member has already voted; one ballot each.',
      ),
    );
  // What they chose: one statement over EVERY tally row of the vote (see the header).
  const chosen = keys.length
    ? sql`(${meetingBallotTallies.choice} in (${sql.join(
        keys.map((k) => sql`${k}`),
        sql`, `,
      )}))::int`
    : sql`0`;
  await tx
    .update(meetingBallotTallies)
    .set({ count: sql`${meetingBallotTallies.count} + ${chosen}` })
    .where(eq(meetingBallotTallies.voteId, vote.id));
  await audit({
    action: 'meeting.ballot.cast',
    entityType: 'meeting_vote',
    entityId: vote.id,
    communeCode: vote.communeCode,
    after: { officialId, ballot: 'đã bỏ phiếu' },
  });
}

/**
 * The counting committee's tallies of a paper secret ballot or election, checked against the members present
 * (rules.ballotTallyProblems); a bad tally is a 400 naming the field and stores nothing. Entered again before
 * closing, it replaces the previous figures (both in the audit).
 */
export async function enterPaperTally(ctx: WriteContext, vote: VoteRow, input: PaperTallyRequest) {
  if (vote.method !== 'paper')
    throw new AppError(
      'conflict',
      text(
        'Cuộc bỏ phiếu này là bỏ phiếu điện tử; không nhập kết quả kiểm phiếu giấy.',
        'This is an electronic ballot; paper tallies are not entered.',
      ),
    );
  return inTransaction(ctx, async (tx, audit) => {
    const [locked] = await tx.select().from(meetingVotes).where(eq(meetingVotes.id, vote.id)).for('update');
    if (locked?.status !== 'open') throw voteClosed();
    const present = (await presentMembers(tx, vote.meetingId)).length;
    const candidateIds =
      vote.voteType === 'election'
        ? (
            await tx
              .select({ id: meetingCandidates.id })
              .from(meetingCandidates)
              .where(eq(meetingCandidates.voteId, vote.id))
          ).map((c) => c.id)
        : [];
    const problems = ballotTallyProblems(present, input, {
      kind: vote.voteType === 'election' ? 'election' : 'choice',
      keys: vote.voteType === 'election' ? candidateIds : CHOICES,
      seatsToFill: vote.seatsToFill ?? 1,
    });
    if (problems.length) throw new AppError('validation_failed', problems[0]!.message, { errors: problems });
    const { entered: _e, ...before } = Object.fromEntries(await readTallies(tx, vote.id));
    const values = new Map<string, number>([
      ['issued', input.ballotsIssued],
      ['returned', input.ballotsReturned],
      ['valid', input.valid],
      ['invalid', input.invalid],
      ['entered', 1],
    ]);
    if (vote.voteType === 'election')
      for (const id of candidateIds) values.set(approveKey(id), input.counts[id] ?? 0);
    else for (const c of CHOICES) values.set(c, input.counts[c] ?? 0);
    for (const [choice, count] of values)
      await tx
        .update(meetingBallotTallies)
        .set({ count })
        .where(and(eq(meetingBallotTallies.voteId, vote.id), eq(meetingBallotTallies.choice, choice)));
    await audit({
      action: 'meeting.vote.tally',
      entityType: 'meeting_vote',
      entityId: vote.id,
      communeCode: vote.communeCode,
      before,
      after: { ...input, present },
    });
  });
}
