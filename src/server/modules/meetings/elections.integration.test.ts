/**
 * Elections on both engines: the chair elected by secret electronic ballot gets the position in the People module
 * (GET /api/v1/officials/:id shows it) in the transaction that closes the election; a rehearsal elects but creates
 * no position; paper tallies per candidate; bad candidates and ballots are refused naming the field.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import type { Vote } from '../../../common/api/meeting-votes';
import type { Official } from '../../../common/api/org';
import { auditEntries } from '../audit/schema';
import { orgPositions } from '../org/schema';
import { MEETING_DAY, makeBody, makeMeeting, memberLogin, secretaryLogin } from './votes.test-support';

type Problem = { detail: string; errors?: { field: string }[] };

describe.each(ENGINES)('elections on %s', (engine) => {
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
  const official = async (id: string) =>
    json<Official>(await t.app.inject({ url: `/api/v1/officials/${id}`, headers: secretary }));

  beforeAll(async () => {
    t = await createTestApp(engine);
    secretary = await secretaryLogin(t);
  });
  afterAll(() => t?.close());

  it('elects the council chair by secret ballot and creates the position in the People module', async () => {
    const body = await makeBody(t, { kind: 'council', members: 5 });
    const [a, b, ...others] = body.officialIds as [string, string, ...string[]];
    const m = await makeMeeting(t, body, {
      present: body.officialIds,
      items: { chair: { decision: 'election' } },
    });
    const logins = [];
    for (const id of body.officialIds) logins.push(await memberLogin(t, id));

    // Candidates are officials of the commune, each once, with a body of the commune.
    const noCandidates = await open(m.items.chair!, { seatsToFill: 1 });
    expect(json<Problem>(noCandidates).errors![0]!.field).toBe('body.candidates');
    const twice = await open(m.items.chair!, {
      seatsToFill: 1,
      candidates: [
        { officialId: a, bodyId: body.bodyId, title: 'Chủ tịch HĐND' },
        { officialId: a, bodyId: body.bodyId, title: 'Chủ tịch HĐND' },
      ],
    });
    expect(json<Problem>(twice).errors![0]!.field).toBe('body.candidates.1.officialId');
    const foreign = await makeBody(t, { kind: 'council', members: 1, communeCode: '18754' });
    const foreignBody = await open(m.items.chair!, {
      seatsToFill: 1,
      candidates: [{ officialId: a, bodyId: foreign.bodyId, title: 'Chủ tịch HĐND' }],
    });
    expect(foreignBody.statusCode).toBe(400);
    expect(json<Problem>(foreignBody).errors![0]!.field).toBe('body.candidates.0.bodyId');
    const foreignPerson = await open(m.items.chair!, {
      seatsToFill: 1,
      candidates: [{ officialId: foreign.officialIds[0], bodyId: body.bodyId, title: 'Chủ tịch HĐND' }],
    });
    expect(json<Problem>(foreignPerson).errors![0]!.field).toBe('body.candidates.0.officialId');

    const opened = await open(m.items.chair!, {
      question: 'Bầu Chủ tịch HĐND',
      seatsToFill: 1,
      candidates: [
        { officialId: a, bodyId: body.bodyId, title: 'Chủ tịch HĐND' },
        { officialId: b, bodyId: body.bodyId, title: 'Chủ tịch HĐND' },
      ],
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const vote = json<Vote>(opened);
    expect(vote).toMatchObject({ voteType: 'election', seatsToFill: 1, status: 'open' });
    const [ca, cb] = vote.candidates;
    expect(vote.candidates.map((c) => [c.officialId, c.title, c.votes])).toEqual([
      [a, 'Chủ tịch HĐND', null],
      [b, 'Chủ tịch HĐND', null],
    ]);

    // A ballot keeps at most seatsToFill names, of candidates only.
    const tooMany = await cast(vote.id, { candidateIds: [ca!.id, cb!.id] }, logins[0]!);
    expect(json<Problem>(tooMany).errors![0]!.field).toBe('body.candidateIds');
    const notCandidate = await cast(vote.id, { candidateIds: [vote.id] }, logins[0]!);
    expect(json<Problem>(notCandidate).errors![0]!.field).toBe('body.candidateIds');
    const choiceOnly = await cast(vote.id, { choice: 'for' }, logins[0]!);
    expect(choiceOnly.statusCode).toBe(400);

    for (const [i, pick] of [ca, ca, cb, ca, null].entries()) {
      const res = await cast(vote.id, { candidateIds: pick ? [pick.id] : [] }, logins[i]!);
      expect(res.statusCode, res.body).toBe(201);
    }
    const closed = json<Vote>(await close(vote.id));
    expect(closed).toMatchObject({
      status: 'closed',
      outcome: 'held',
      result: { elected: [ca!.id], tiedAtLastSeat: [], positionsCreated: true, required: 3, base: 5 },
    });
    const elected = closed.candidates.find((c) => c.id === ca!.id)!;
    expect(elected).toMatchObject({ votes: 3, elected: true });
    expect(closed.candidates.find((c) => c.id === cb!.id)).toMatchObject({
      votes: 1,
      elected: false,
      positionId: null,
    });

    // The People module shows the new position from the meeting's day.
    const person = await official(a);
    const position = person.positions.find((p) => p.id === elected.positionId)!;
    expect(position).toMatchObject({
      bodyId: body.bodyId,
      title: 'Chủ tịch HĐND',
      startDate: MEETING_DAY,
      endDate: null,
    });
    expect((await official(b)).positions.map((p) => p.title)).toEqual(['Đại biểu HĐND']);
    const positionAudit = await t.database.db
      .select()
      .from(auditEntries)
      .where(eq(auditEntries.entityId, elected.positionId!));
    expect(positionAudit.map((e) => e.action)).toEqual(['org.position.create']);
    expect(positionAudit[0]!.after).toMatchObject({ source: { voteId: vote.id } });
    void others;
  });

  it('elects in a rehearsal without creating any position, and says so', async () => {
    const body = await makeBody(t, { kind: 'council', members: 4 });
    const [a, b] = body.officialIds as [string, string];
    const m = await makeMeeting(t, body, {
      present: body.officialIds,
      rehearsal: true,
      items: { vice: { decision: 'election' } },
    });
    const vote = json<Vote>(
      await open(m.items.vice!, {
        method: 'paper',
        seatsToFill: 2,
        candidates: [
          { officialId: a, bodyId: body.bodyId, title: 'Phó Chủ tịch HĐND' },
          { officialId: b, bodyId: body.bodyId, title: 'Phó Chủ tịch HĐND' },
        ],
      }),
    );
    const [ca, cb] = vote.candidates;
    const tooLarge = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/meeting-votes/${vote.id}/paper-tally`,
      headers: secretary,
      payload: {
        ballotsIssued: 4,
        ballotsReturned: 4,
        valid: 4,
        invalid: 0,
        counts: { [ca!.id]: 5, [cb!.id]: 3 },
      },
    });
    expect(tooLarge.statusCode).toBe(400);
    expect(json<Problem>(tooLarge).errors!.map((e) => e.field)).toContain(`body.counts.${ca!.id}`);
    const ok = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/meeting-votes/${vote.id}/paper-tally`,
      headers: secretary,
      payload: {
        ballotsIssued: 4,
        ballotsReturned: 4,
        valid: 4,
        invalid: 0,
        counts: { [ca!.id]: 4, [cb!.id]: 3 },
      },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const closed = json<Vote>(await close(vote.id));
    expect(closed).toMatchObject({
      rehearsal: true,
      outcome: 'held',
      result: { positionsCreated: false, note: { vi: expect.stringContaining('diễn tập') } },
    });
    expect(closed.result!.elected.sort()).toEqual([ca!.id, cb!.id].sort());
    expect(closed.candidates.every((c) => c.elected && c.positionId === null)).toBe(true);
    const positions = await t.database.db.select().from(orgPositions).where(eq(orgPositions.officialId, a));
    expect(positions.map((p) => p.title)).toEqual(['Đại biểu HĐND']);
  });
});
