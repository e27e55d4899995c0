/**
 * Open votes on both engines: opening only with a quorum, results under the all-members rule (a resolution fails
 * although most of those present voted for it), the strict rule with vacancies, the UBND chair's tie-break, one
 * vote per member present and none after closing, who may vote for whom, and "how did this member vote".
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import type { MemberVotes, Vote } from '../../../common/api/meeting-votes';
import { auditEntries } from '../audit/schema';
import { createLiveHub, type LiveEvent } from '../live/hub';
import { meetingChannel } from './actor';
import { meetingOpenBallots, meetings, meetingVotes } from './schema';
import { makeBody, makeMeeting, memberLogin, secretaryLogin, setPresence } from './votes.test-support';

type Problem = { detail: string; errors?: { field: string }[] };

describe.each(ENGINES)('open votes on %s', (engine) => {
  let t: TestApp;
  let secretary: Record<string, string>;
  let otherSecretary: Record<string, string>;

  const open = (itemId: string, payload: object = {}, headers = secretary) =>
    t.app.inject({ method: 'POST', url: `/api/v1/meeting-items/${itemId}/votes`, headers, payload });
  const cast = (voteId: string, payload: object, headers = secretary) =>
    t.app.inject({ method: 'POST', url: `/api/v1/meeting-votes/${voteId}/ballots`, headers, payload });
  const close = (voteId: string, headers = secretary) =>
    t.app.inject({ method: 'POST', url: `/api/v1/meeting-votes/${voteId}/close`, headers });
  const getVote = async (voteId: string, headers = secretary) =>
    json<Vote>(await t.app.inject({ url: `/api/v1/meeting-votes/${voteId}`, headers }));
  /** The secretary enters a show of hands: choices[i] for officials[i]. */
  const hands = async (voteId: string, officials: string[], choices: string[]) => {
    for (const [i, choice] of choices.entries()) {
      const res = await cast(voteId, { officialId: officials[i], choice });
      expect(res.statusCode, res.body).toBe(201);
    }
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    secretary = await secretaryLogin(t);
    otherSecretary = await secretaryLogin(t, '18754');
  });
  afterAll(() => t?.close());

  it('refuses to open a vote without a quorum, then opens it once enough members have checked in', async () => {
    const body = await makeBody(t, { kind: 'council', members: 15 });
    const m = await makeMeeting(t, body, {
      present: body.officialIds.slice(0, 9),
      items: { nq: { decision: 'open_vote', subject: 'resolution' } },
    });
    const refused = await open(m.items.nq!);
    expect(refused.statusCode).toBe(409);
    expect(json<Problem>(refused).detail).toBe('Chưa đủ số lượng thành viên tham dự (9/15, cần 10).');
    const en = await open(m.items.nq!, {}, { ...secretary, 'accept-language': 'en' });
    expect(json<Problem>(en).detail).toBe('No quorum: 9 of 15 members present, 10 needed.');
    expect(
      await t.database.db.select().from(meetingVotes).where(eq(meetingVotes.meetingId, m.meetingId)),
    ).toEqual([]);

    await setPresence(t, m.meetingId, [body.officialIds[9]!]);
    // Votes only while the meeting is in progress.
    await t.database.db.update(meetings).set({ status: 'invited' }).where(eq(meetings.id, m.meetingId));
    const notStarted = await open(m.items.nq!);
    expect(notStarted.statusCode).toBe(409);
    expect(json<Problem>(notStarted).detail).toContain('đã gửi giấy mời');
    await t.database.db.update(meetings).set({ status: 'in_progress' }).where(eq(meetings.id, m.meetingId));
    const opened = await open(m.items.nq!, { question: 'Thông qua Nghị quyết về quy chế làm việc' });
    expect(opened.statusCode, opened.body).toBe(201);
    const vote = json<Vote>(opened);
    expect(vote).toMatchObject({
      voteType: 'open',
      status: 'open',
      question: 'Thông qua Nghị quyết về quy chế làm việc',
      basis: {
        bodyKind: 'council',
        subject: 'resolution',
        seats: 15,
        members: 15,
        present: 10,
        quorumRequired: 10,
      },
      counts: { for: 0, against: 0, abstain: 0, notVoting: 10 },
      result: null,
    });
    expect(vote.basis.rules.pass.value).toEqual({ comparison: 'more_than', numerator: 1, denominator: 2 });
    // One open vote per item.
    const second = await open(m.items.nq!);
    expect(second.statusCode).toBe(409);
    // Another commune's secretary does not see the item.
    expect((await open(m.items.nq!, {}, otherSecretary)).statusCode).toBe(404);
    expect(
      (await t.app.inject({ url: `/api/v1/meeting-votes/${vote.id}`, headers: otherSecretary })).statusCode,
    ).toBe(404);
  });

  it('passes a resolution with more than half of ALL members, and fails one most of those present voted for', async () => {
    const body = await makeBody(t, { kind: 'council', members: 15 });
    const present = body.officialIds.slice(0, 10);
    const m = await makeMeeting(t, body, {
      present,
      items: {
        a: { decision: 'open_vote', subject: 'resolution' },
        b: { decision: 'open_vote', subject: 'resolution' },
      },
    });
    const hub = createLiveHub(t.database);
    const events: LiveEvent[] = [];
    const unsubscribe = await hub.subscribe(meetingChannel(m.meetingId), (e) => events.push(e));

    const a = json<Vote>(await open(m.items.a!));
    await hands(a.id, present, ['for', 'for', 'for', 'for', 'for', 'for', 'for', 'for', 'against']);
    const closedA = json<Vote>(await close(a.id));
    expect(closedA).toMatchObject({
      status: 'closed',
      outcome: 'passed',
      counts: { for: 8, against: 1, abstain: 0, notVoting: 1 },
      result: { passed: true, required: 8, base: 15, strict: false },
    });
    expect(closedA.result!.explanation.vi).toContain('tổng số 15 thành viên');
    expect(closedA.ballots!.find((b) => b.officialId === present[9])).toMatchObject({
      choice: 'not_voting',
      castBy: null,
    });

    const b = json<Vote>(await open(m.items.b!));
    await hands(b.id, present, [
      'for',
      'for',
      'for',
      'for',
      'for',
      'for',
      'for',
      'against',
      'abstain',
      'abstain',
    ]);
    const closedB = json<Vote>(await close(b.id));
    // 7 of the 10 present voted for it: most of those present, but not more than half of all 15 members.
    expect(closedB).toMatchObject({
      outcome: 'failed',
      counts: { for: 7, against: 1, abstain: 2, notVoting: 0 },
      result: { passed: false, required: 8, base: 15 },
    });
    const [row] = await t.database.db.select().from(meetingVotes).where(eq(meetingVotes.id, b.id));
    expect(row).toMatchObject({ status: 'closed', outcome: 'failed' });
    const en = json<Vote>(
      await t.app.inject({
        url: `/api/v1/meeting-votes/${b.id}`,
        headers: { ...secretary, 'accept-language': 'en' },
      }),
    );
    expect(en.result!.explanation.en).toContain('Not passed: 7 for, 8 needed');

    // The hall screen hears of each closing with the hall view and the result in it (it does not refetch).
    await expect.poll(() => events.filter((e) => e.type === 'vote.closed').length).toBe(2);
    expect(events.find((e) => e.type === 'vote.closed')!.data).toMatchObject({
      voteId: a.id,
      itemId: m.items.a,
      outcome: 'passed',
      meetingId: m.meetingId,
      lastVote: { id: a.id, outcome: 'passed', result: { passed: true, required: 8, base: 15 } },
    });
    unsubscribe();
    await hub.close();
    // Audited, with the result.
    const closings = await t.database.db.select().from(auditEntries).where(eq(auditEntries.entityId, b.id));
    expect(closings.map((e) => e.action)).toContain('meeting.vote.close');
    expect(closings.find((e) => e.action === 'meeting.vote.close')!.after).toMatchObject({
      outcome: 'failed',
    });
  });

  it('applies the strict rule when fewer than 2/3 of the seats are filled (vacancies)', async () => {
    // 19 delegates hold the 30 seats (2/3 of 30 is 20): a resolution needs more than 2/3 of the 19, i.e. 13.
    const body = await makeBody(t, { kind: 'council', members: 19, seats: 30 });
    const m = await makeMeeting(t, body, {
      present: body.officialIds,
      items: { a: { decision: 'open_vote', subject: 'resolution' }, b: { decision: 'open_vote' } },
    });
    const a = json<Vote>(await open(m.items.a!));
    expect(a.basis).toMatchObject({ seats: 30, members: 19 });
    await hands(a.id, body.officialIds, [...Array(12).fill('for'), ...Array(7).fill('against')]);
    const closedA = json<Vote>(await close(a.id));
    expect(closedA).toMatchObject({
      outcome: 'failed',
      result: { passed: false, required: 13, base: 19, strict: true },
    });
    expect(closedA.result!.explanation.vi).toContain('quy tắc chặt');

    const b = json<Vote>(await open(m.items.b!));
    await hands(b.id, body.officialIds, [...Array(13).fill('for'), ...Array(6).fill('abstain')]);
    expect(json<Vote>(await close(b.id))).toMatchObject({
      outcome: 'passed',
      result: { required: 13, strict: true },
    });
  });

  it("breaks a UBND tie by the chair's own vote", async () => {
    const body = await makeBody(t, { kind: 'government', members: 6 });
    const [chair, ...rest] = body.officialIds;
    const m = await makeMeeting(t, body, {
      present: body.officialIds,
      chairId: chair!,
      items: { a: { decision: 'open_vote', subject: 'resolution' }, b: { decision: 'open_vote' } },
    });
    const a = json<Vote>(await open(m.items.a!));
    await hands(a.id, [chair!, ...rest], ['for', 'for', 'for', 'against', 'against', 'against']);
    const closedA = json<Vote>(await close(a.id));
    expect(closedA).toMatchObject({
      outcome: 'passed',
      counts: { for: 3, against: 3 },
      result: { passed: true, tieBrokenByChair: true, required: 4, base: 6 },
    });
    expect(closedA.result!.explanation.vi).toContain('chủ tọa');
    // The chair on the other side: the tie goes against.
    const b = json<Vote>(await open(m.items.b!));
    await hands(b.id, [chair!, ...rest], ['against', 'for', 'for', 'for', 'against', 'against']);
    expect(json<Vote>(await close(b.id))).toMatchObject({
      outcome: 'failed',
      result: { passed: false, tieBrokenByChair: true },
    });
  });

  it('takes one vote per member present, none after closing, none on an information item — and changes nothing', async () => {
    const body = await makeBody(t, { kind: 'council', members: 5 });
    const [m1, m2, m3, , absent] = body.officialIds;
    const m = await makeMeeting(t, body, {
      present: body.officialIds.slice(0, 4),
      items: { info: { decision: 'information' }, a: { decision: 'open_vote' } },
    });
    const info = await open(m.items.info!);
    expect(info.statusCode).toBe(400);
    expect(json<Problem>(info).errors![0]!.field).toBe('item.decision');
    expect(json<Problem>(info).detail).toContain('Nội dung info');

    const a = json<Vote>(await open(m.items.a!));
    expect((await cast(a.id, { officialId: m1, choice: 'for' })).statusCode).toBe(201);
    const again = await cast(a.id, { officialId: m1, choice: 'against' });
    expect(again.statusCode).toBe(409);
    expect(json<Problem>(again).detail).toContain('đã biểu quyết');
    const notPresent = await cast(a.id, { officialId: absent, choice: 'for' });
    expect(notPresent.statusCode).toBe(400);
    expect(json<Problem>(notPresent).errors![0]!.field).toBe('body.officialId');
    const noChoice = await cast(a.id, { officialId: m2 });
    expect(noChoice.statusCode).toBe(400);
    expect(json<Problem>(noChoice).errors![0]!.field).toBe('body.choice');
    const badChoice = await cast(a.id, { officialId: m2, choice: 'maybe' });
    expect(badChoice.statusCode).toBe(400);
    // A member who left the hall no longer votes.
    await setPresence(t, m.meetingId, [m3!], true);
    expect((await cast(a.id, { officialId: m3, choice: 'for' })).statusCode).toBe(400);
    // A member arriving after the vote opened votes (the base is all members of the day, not those present).
    await setPresence(t, m.meetingId, [absent!]);
    expect((await cast(a.id, { officialId: absent, choice: 'against' })).statusCode).toBe(201);

    expect((await close(a.id)).statusCode).toBe(200);
    const late = await cast(a.id, { officialId: m2, choice: 'for' });
    expect(late.statusCode).toBe(409);
    expect((await close(a.id)).statusCode).toBe(409);
    const ballots = await t.database.db
      .select()
      .from(meetingOpenBallots)
      .where(eq(meetingOpenBallots.voteId, a.id));
    expect(ballots.map((b) => [b.officialId, b.choice]).sort()).toEqual(
      [
        [m1, 'for'],
        [absent, 'against'],
      ].sort(),
    );
    // m2 and the fourth member were present and cast nothing; m3 had left.
    expect(await getVote(a.id)).toMatchObject({ counts: { for: 1, against: 1, abstain: 0, notVoting: 2 } });
  });

  it('lets a member vote only for themselves, the secretary for anyone, and no guest', async () => {
    const body = await makeBody(t, { kind: 'council', members: 3 });
    const [m1, m2, m3] = body.officialIds as [string, string, string];
    const guestBody = await makeBody(t, { kind: 'council', members: 1 });
    const guestId = guestBody.officialIds[0]!;
    const m = await makeMeeting(t, body, {
      present: body.officialIds,
      guests: [{ officialId: guestId, fullName: guestBody.names[0]! }],
      items: { a: { decision: 'open_vote' } },
    });
    const member1 = await memberLogin(t, m1);
    const guest = await memberLogin(t, guestId);
    const a = json<Vote>(await open(m.items.a!));

    const forOther = await cast(a.id, { officialId: m2, choice: 'for' }, member1);
    expect(forOther.statusCode).toBe(403);
    const own = await cast(a.id, { choice: 'against' }, member1);
    expect(own.statusCode, own.body).toBe(201);
    expect(json(own)).toMatchObject({ officialId: m1, castBy: 'member', choice: 'against' });
    expect((await cast(a.id, { officialId: m2, choice: 'for' })).statusCode).toBe(201);
    expect((await cast(a.id, { choice: 'for' }, guest)).statusCode).toBe(403);
    // A member cannot close a vote (the route is the secretary's: not found for them).
    expect((await close(a.id, member1)).statusCode).toBe(404);
    // Another commune's secretary cannot vote here.
    expect((await cast(a.id, { officialId: m3, choice: 'for' }, otherSecretary)).statusCode).toBe(404);

    const vote = await getVote(a.id, member1);
    expect(vote.ballots!.map((b) => [b.officialId, b.choice, b.castBy])).toEqual([
      [m1, 'against', 'member'],
      [m2, 'for', 'secretary'],
    ]);
    expect(vote.counts).toEqual({ for: 1, against: 1, abstain: 0, notVoting: 1 });
    const audit = await t.database.db.select().from(auditEntries).where(eq(auditEntries.entityId, a.id));
    expect(audit.filter((e) => e.action === 'meeting.vote.cast').map((e) => e.after)).toEqual([
      { officialId: m1, choice: 'against', castBy: 'member' },
      { officialId: m2, choice: 'for', castBy: 'secretary' },
    ]);
  });

  it('answers "how did this member vote" across meetings, a page at a time, open votes only', async () => {
    const body = await makeBody(t, { kind: 'council', members: 3 });
    const [m1, m2, m3] = body.officialIds as [string, string, string];
    const first = await makeMeeting(t, body, {
      present: body.officialIds,
      items: { a: { decision: 'open_vote' }, s: { decision: 'secret_ballot' } },
    });
    const second = await makeMeeting(t, body, {
      present: body.officialIds,
      items: { b: { decision: 'open_vote' } },
    });
    const a = json<Vote>(await open(first.items.a!));
    await hands(a.id, [m1, m2, m3], ['for', 'against', 'for']);
    await close(a.id);
    const s = json<Vote>(await open(first.items.s!, { method: 'electronic' }));
    const member2 = await memberLogin(t, m2);
    expect((await cast(s.id, { choice: 'for' }, member2)).statusCode).toBe(201);
    await close(s.id);
    const b = json<Vote>(await open(second.items.b!));
    await hands(b.id, [m1, m3], ['abstain', 'for']);
    await close(b.id);

    const url = (q: string) => `/api/v1/communes/18100/member-votes?${q}`;
    const page1 = json<MemberVotes>(
      await t.app.inject({ url: url(`officialId=${m2}&limit=1`), headers: member2 }),
    );
    expect(page1.official).toEqual({ id: m2, fullName: body.names[1] });
    expect(page1.items.map((i) => [i.voteId, i.choice])).toEqual([[b.id, 'not_voting']]);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = json<MemberVotes>(
      await t.app.inject({
        url: url(`officialId=${m2}&limit=1&cursor=${page1.nextCursor}`),
        headers: member2,
      }),
    );
    expect(page2.items.map((i) => [i.voteId, i.choice, i.castBy, i.outcome])).toEqual([
      [a.id, 'against', 'secretary', 'passed'],
    ]);
    expect(page2.nextCursor).toBeNull(); // the secret ballot never appears
    const bad = await t.app.inject({ url: url(`officialId=${m2}&cursor=xyz`), headers: member2 });
    expect(bad.statusCode).toBe(400);
    // Another commune: not its official, and not its secretary's commune.
    const foreign = await t.app.inject({
      url: url(`officialId=${m2}`).replace('18100', '18754'),
      headers: otherSecretary,
    });
    expect(foreign.statusCode).toBe(400);
    expect(json<Problem>(foreign).errors![0]!.field).toBe('query.officialId');
    expect((await t.app.inject({ url: url(`officialId=${m2}`), headers: otherSecretary })).statusCode).toBe(
      403,
    );
  });
});
