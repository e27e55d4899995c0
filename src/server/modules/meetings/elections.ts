/**
 * Elections at a meeting (bầu cử; the first session elects the HĐND chair and vice-chairs, committee heads, the
 * UBND chair, vice-chairs and members): candidates with the body and title the election gives, ballots (electronic
 * or paper, see ballots.ts), and at closing the outcome under the body's rules — each elected candidate gets the
 * position in the People module from the meeting's date, in the transaction that closes the election. A rehearsal
 * creates no position and says so.
 */
import { asc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { DbOrTx, Tx } from '../../db/database';
import type { Audit } from '../../db/transaction';
import { fieldError } from '../../http/errors';
import { assertPositionAllowed, communeOfOfficial, insertPositionInTx, officialFacts } from '../org';
import { approveKey, readTallies, type VoteRow } from './ballots';
import { type ElectionOutcome, electionOutcome, type VoteBasis } from './rules';
import { meetingCandidates } from './schema';
import type { MeetingRow } from './store';

type Candidate = { officialId: string; bodyId: string; title: string };

/**
 * Checks the candidates of an election (officials of the commune, active, once each; a body of the commune open on
 * the meeting's day) and returns the rows to insert. Problems name `body.candidates.<i>.<field>`.
 */
export async function candidateRows(
  db: DbOrTx,
  meeting: MeetingRow,
  voteId: string,
  candidates: Candidate[] | undefined,
  seatsToFill: number | undefined,
) {
  if (!seatsToFill)
    throw fieldError('body.seatsToFill', 'Hãy ghi số người cần bầu.', 'Give how many are to be elected.');
  if (!candidates?.length)
    throw fieldError(
      'body.candidates',
      'Cuộc bầu cử cần danh sách ứng cử viên.',
      'An election needs candidates.',
    );
  const seen = new Set<string>();
  for (const [i, c] of candidates.entries()) {
    if (seen.has(c.officialId))
      throw fieldError(
        `body.candidates.${i}.officialId`,
        'Người này đã có trong danh sách ứng cử viên.',
        'This person is already a candidate.',
      );
    seen.add(c.officialId);
    if ((await communeOfOfficial(db, c.officialId)) !== meeting.communeCode)
      throw fieldError(
        `body.candidates.${i}.officialId`,
        'Không có cán bộ này trong xã.',
        'No such official in this commune.',
      );
    await assertPositionAllowed(
      db,
      c.officialId,
      { bodyId: c.bodyId, title: c.title, startDate: meeting.meetingDate, endDate: null },
      `body.candidates.${i}`,
    );
  }
  const facts = await officialFacts(
    db,
    candidates.map((c) => c.officialId),
  );
  return candidates.map((c, i) => ({
    id: uuidv7(),
    voteId,
    communeCode: meeting.communeCode,
    officialId: c.officialId,
    fullName: facts.get(c.officialId)?.fullName ?? '',
    positionBodyId: c.bodyId,
    positionTitle: c.title,
    position: i + 1,
  }));
}

export async function listCandidates(db: DbOrTx, voteId: string) {
  return db
    .select()
    .from(meetingCandidates)
    .where(eq(meetingCandidates.voteId, voteId))
    .orderBy(asc(meetingCandidates.position));
}

export interface ElectionResult extends ElectionOutcome {
  kind: 'election';
  candidates: {
    candidateId: string;
    officialId: string;
    fullName: string;
    title: string;
    votes: number;
    elected: boolean;
    positionId: string | null;
  }[];
  positionsCreated: boolean;
  note: { vi: string; en: string } | null;
}

/**
 * Closes an election inside the caller's transaction: the outcome from the tallies, each candidate marked
 * elected or not, and (not in a rehearsal) a position for each one elected, audited by the People module.
 */
export async function decideElection(
  tx: Tx,
  audit: Audit,
  vote: VoteRow,
  meeting: MeetingRow,
  basis: VoteBasis,
): Promise<ElectionResult> {
  const candidates = await listCandidates(tx, vote.id);
  const tallies = await readTallies(tx, vote.id);
  const outcome = electionOutcome(
    basis,
    vote.seatsToFill ?? 1,
    candidates.map((c) => ({ candidateId: c.id, votes: tallies.get(approveKey(c.id)) ?? 0 })),
  );
  const elected = new Set(outcome.elected);
  const out: ElectionResult['candidates'] = [];
  for (const c of candidates) {
    const isElected = elected.has(c.id);
    let positionId: string | null = null;
    if (isElected && !meeting.rehearsal)
      positionId = await insertPositionInTx(
        tx,
        audit,
        c.officialId,
        { bodyId: c.positionBodyId, title: c.positionTitle, startDate: meeting.meetingDate, endDate: null },
        { source: { meetingId: meeting.id, voteId: vote.id, election: vote.question } },
      );
    await tx
      .update(meetingCandidates)
      .set({ elected: isElected, createdPositionId: positionId })
      .where(eq(meetingCandidates.id, c.id));
    out.push({
      candidateId: c.id,
      officialId: c.officialId,
      fullName: c.fullName,
      title: c.positionTitle,
      votes: tallies.get(approveKey(c.id)) ?? 0,
      elected: isElected,
      positionId,
    });
  }
  const note =
    meeting.rehearsal && elected.size
      ? {
          vi: 'Kỳ họp diễn tập: kết quả bầu không tạo chức vụ trong danh sách cán bộ.',
          en: 'Rehearsal: the election creates no position in the People module.',
        }
      : null;
  return {
    kind: 'election',
    ...outcome,
    candidates: out,
    positionsCreated: !meeting.rehearsal && elected.size > 0,
    note,
  };
}
