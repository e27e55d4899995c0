/**
 * Secret ballots on both engines: nothing links a voter to a choice (a test that tries: every column of the voters
 * and tallies, their system columns xmin and ctid after each cast, the audit entries, the API while the ballot is
 * open), one ballot per member cast by the member alone, and the paper tallies of the vote-counting committee
 * checked against the members present (a bad tally stores nothing).
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import type { Vote } from '../../../common/api/meeting-votes';
import { auditEntries } from '../audit/schema';
import { meetingBallotTallies, meetingBallotVoters } from './schema';
import { makeBody, makeMeeting, memberLogin, secretaryLogin } from './votes.test-support';

type Problem = { detail: string; errors?: { field: string }[] };

describe.each(ENGINES)('secret ballots on %s', (engine) => {
  let t: TestApp;
  let secretary: Record<string, string>;

  const open = (itemId: string, payload: object = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/meeting-items/${itemId}/votes`,
      headers: secretary,
      payload,
    });
  const cast = (voteId: string, payload: object, headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: `/api/v1/meeting-votes/${voteId}/ballots`, headers, payload });
  const close = (voteId: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1/meeting-votes/${voteId}/close`, headers: secretary });
  const tally = (voteId: string, payload: object) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/meeting-votes/${voteId}/paper-tally`,
      headers: secretary,
      payload,
    });

  /** Every column of the tallies, with the system columns that would betray the last writer. */
  const rows = async <T>(query: ReturnType<typeof sql>) =>
    ((await t.database.db.execute(query)) as unknown as { rows: T[] }).rows;
  const tallyRows = (voteId: string) =>
    rows<{ xmin: string; ctid: string; choice: string; count: number }>(
      sql`select xmin::text as xmin, ctid::text as ctid, choice, count from meeting_ballot_tallies where vote_id = ${voteId} order by choice`,
    );
  /** Every column of the voters too, with the same system columns. */
  const voterRows = (voteId: string) =>
    rows<Record<string, unknown>>(
      sql`select xmin::text as xmin, ctid::text as ctid, * from meeting_ballot_voters where vote_id = ${voteId}`,
    );
  const columns = async (table: string) =>
    (
      await rows<{ column_name: string }>(
        sql`select column_name from information_schema.columns where table_name = ${table} order by ordinal_position`,
      )
    ).map((r) => r.column_name);

  beforeAll(async () => {
    t = await createTestApp(engine);
    secretary = await secretaryLogin(t);
  });
  afterAll(() => t?.close());

  it('keeps who voted apart from what they chose: nothing in the tables, their system columns or the audit links them', async () => {
    const body = await makeBody(t, { kind: 'council', members: 6 });
    const m = await makeMeeting(t, body, {
      present: body.officialIds,
      items: { s: { decision: 'secret_ballot', subject: 'confidence' } },
    });
    const logins: Record<string, string>[] = [];
    for (const id of body.officialIds) logins.push(await memberLogin(t, id));
    const opened = await open(m.items.s!);
    expect(opened.statusCode, opened.body).toBe(201);
    const vote = json<Vote>(opened);
    expect(vote).toMatchObject({
      voteType: 'secret',
      method: 'electronic',
      voters: [],
      counts: null,
      ballots: null,
    });

    // The tables hold no time, order or id that could join them.
    expect(await columns('meeting_ballot_voters')).toEqual(['vote_id', 'official_id', 'commune_code']);
    expect(await columns('meeting_ballot_tallies')).toEqual(['vote_id', 'choice', 'commune_code', 'count']);
    // Every choice has its counter from the start: a cast never inserts a row.
    const initial = await tallyRows(vote.id);
    expect(initial.map((r) => [r.choice, r.count])).toEqual([
      ['abstain', 0],
      ['against', 0],
      ['for', 0],
    ]);

    const choices = ['for', 'against', 'for', 'abstain', 'for'] as const;
    let before = initial;
    for (const [i, choice] of choices.entries()) {
      const res = await cast(vote.id, { choice }, logins[i]!);
      expect(res.statusCode, res.body).toBe(201);
      // The answer does not repeat the choice.
      expect(json(res)).toMatchObject({ officialId: body.officialIds[i], castBy: 'member', choice: null });
      const after = await tallyRows(vote.id);
      // One transaction rewrote EVERY counter: they all share one new xmin and all moved (new ctid), whatever the
      // choice, so no row singles out the one that changed.
      expect(new Set(after.map((r) => r.xmin)).size).toBe(1);
      expect(after[0]!.xmin).not.toBe(before[0]!.xmin);
      for (const [k, row] of after.entries()) expect(row.ctid).not.toBe(before[k]!.ctid);
      // The voter's row was written by the same transaction as every counter: it points at none in particular.
      const voters = await voterRows(vote.id);
      const mine = voters.find((v) => v.official_id === body.officialIds[i])!;
      expect(mine.xmin).toBe(after[0]!.xmin);
      expect(Object.keys(mine).sort()).toEqual(['commune_code', 'ctid', 'official_id', 'vote_id', 'xmin']);
      before = after;
    }

    // While the ballot is open the API shows who has voted (by name, not in voting order) and no counts.
    const during = json<Vote>(
      await t.app.inject({ url: `/api/v1/meeting-votes/${vote.id}`, headers: secretary }),
    );
    expect(during.counts).toBeNull();
    expect(during.voters!.map((v) => v.fullName)).toEqual(
      [...body.names.slice(0, 5)].sort((a, b) => a.localeCompare(b, 'vi')),
    );
    expect(during.ballots).toBeNull();

    // The audit says that each member voted, never how.
    const audit = await t.database.db.select().from(auditEntries).where(eq(auditEntries.entityId, vote.id));
    const casts = audit.filter((e) => e.action === 'meeting.ballot.cast');
    expect(casts).toHaveLength(5);
    for (const [i, e] of casts.entries()) {
      expect(e.after).toEqual({ officialId: body.officialIds[i], ballot: 'đã bỏ phiếu' });
      expect(e.before).toBeNull();
    }
    for (const e of audit) {
      const text = JSON.stringify([e.before, e.after]);
      expect(text).not.toMatch(/"(for|against|abstain)"\s*:\s*[1-9]/); // no running count in any entry while open
      expect(text).not.toMatch(/"choice"/);
    }

    // A second ballot by the same member, and a ballot cast for a member by the secretary, are refused.
    const twice = await cast(vote.id, { choice: 'against' }, logins[0]!);
    expect(twice.statusCode).toBe(409);
    const forMember = await cast(vote.id, { officialId: body.officialIds[5], choice: 'for' }, secretary);
    expect(forMember.statusCode).toBe(403);
    const forOther = await cast(vote.id, { officialId: body.officialIds[5], choice: 'for' }, logins[0]!);
    expect(forOther.statusCode).toBe(403);
    expect((await tallyRows(vote.id)).map((r) => r.count)).toEqual([1, 1, 3]);

    // Closing publishes the tallies: 3 for of 6 members is not more than half (the confidence threshold).
    const closed = json<Vote>(await close(vote.id));
    expect(closed).toMatchObject({
      status: 'closed',
      outcome: 'failed',
      counts: { for: 3, against: 1, abstain: 1, notVoting: 1 },
      result: { passed: false, required: 4, base: 6 },
    });
    expect(closed.voters).toHaveLength(5);
    expect((await cast(vote.id, { choice: 'for' }, logins[5]!)).statusCode).toBe(409);
    const voterCount = await t.database.db
      .select()
      .from(meetingBallotVoters)
      .where(eq(meetingBallotVoters.voteId, vote.id));
    expect(voterCount).toHaveLength(5);
  });

  it('counts every ballot when members vote at the same moment, and one ballot of a member sent twice at once', async () => {
    const body = await makeBody(t, { kind: 'council', members: 6 });
    const m = await makeMeeting(t, body, {
      present: body.officialIds,
      items: { s: { decision: 'secret_ballot' } },
    });
    const logins: Record<string, string>[] = [];
    for (const id of body.officialIds) logins.push(await memberLogin(t, id));
    const vote = json<Vote>(await open(m.items.s!));
    const choices = ['for', 'for', 'against', 'abstain', 'for', 'for'];
    const answers = await Promise.all([
      ...choices.map((choice, i) => cast(vote.id, { choice }, logins[i]!)),
      cast(vote.id, { choice: 'for' }, logins[0]!), // the same ballot sent twice
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 201, 201, 201, 201, 201, 409]);
    const closed = json<Vote>(await close(vote.id));
    expect(closed.counts).toEqual({ for: 4, against: 1, abstain: 1, notVoting: 0 });
    expect(closed.voters).toHaveLength(6);
  });

  it('takes the paper tallies of the counting committee, refusing a tally larger than the members present', async () => {
    const body = await makeBody(t, { kind: 'council', members: 9 });
    const m = await makeMeeting(t, body, {
      present: body.officialIds.slice(0, 7),
      items: { s: { decision: 'secret_ballot', subject: 'resolution' } },
    });
    const vote = json<Vote>(await open(m.items.s!, { method: 'paper' }));
    expect(vote.method).toBe('paper');
    // Not on a device: the committee enters the tallies.
    const member = await memberLogin(t, body.officialIds[0]!);
    expect((await cast(vote.id, { choice: 'for' }, member)).statusCode).toBe(409);
    // Nothing entered yet: it cannot close.
    expect((await close(vote.id)).statusCode).toBe(409);

    const before = await t.database.db
      .select()
      .from(meetingBallotTallies)
      .where(eq(meetingBallotTallies.voteId, vote.id));
    const tooMany = await tally(vote.id, {
      ballotsIssued: 8,
      ballotsReturned: 8,
      valid: 8,
      invalid: 0,
      counts: { for: 6, against: 2, abstain: 0 },
    });
    expect(tooMany.statusCode).toBe(400);
    expect(json<Problem>(tooMany).errors!.map((e) => e.field)).toContain('body.ballotsIssued');
    expect(json<Problem>(tooMany).detail).toContain('nhiều hơn số thành viên có mặt (7)');
    const unknown = await tally(vote.id, {
      ballotsIssued: 7,
      ballotsReturned: 7,
      valid: 7,
      invalid: 0,
      counts: { for: 6, maybe: 1 },
    });
    expect(json<Problem>(unknown).errors!.map((e) => e.field)).toContain('body.counts.maybe');
    expect(
      await t.database.db.select().from(meetingBallotTallies).where(eq(meetingBallotTallies.voteId, vote.id)),
    ).toEqual(before);

    const ok = await tally(vote.id, {
      ballotsIssued: 7,
      ballotsReturned: 7,
      valid: 6,
      invalid: 1,
      counts: { for: 5, against: 1 },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const closed = json<Vote>(await close(vote.id));
    // 5 of 9 members is more than half.
    expect(closed).toMatchObject({
      outcome: 'passed',
      counts: { for: 5, against: 1, abstain: 0, notVoting: 0 },
      paperTally: { ballotsIssued: 7, ballotsReturned: 7, valid: 6, invalid: 1 },
      result: { passed: true, required: 5, base: 9 },
      voters: null,
    });
    expect(
      (
        await tally(vote.id, {
          ballotsIssued: 7,
          ballotsReturned: 7,
          valid: 7,
          invalid: 0,
          counts: { for: 7 },
        })
      ).statusCode,
    ).toBe(409);
  });
});
