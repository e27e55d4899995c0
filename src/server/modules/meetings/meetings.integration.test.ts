/**
 * The meetings core on both engines: a body's seats and rules, preparing a meeting, inviting (e-mail through the
 * outbox, re-inviting without duplicates), answers, attendance with the quorum short then reached, agenda order,
 * the current item and speakers, the public hall screen and its event stream, the member's own list, archiving
 * rehearsals; who may act for whom, another commune's records, and bad input naming the field.
 */
import { and, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import type {
  HallView,
  MeetingBodyList,
  MeetingDetail,
  MeetingList,
  MyMeetings,
} from '../../../common/api/meetings';
import { inTransaction, systemContext } from '../../db/transaction';
import { auditEntries } from '../audit/schema';
import { createAccount, linkOfficial } from '../auth/accounts';
import { notificationOutbox } from '../notifications/schema';
import { activateCommune, addBody } from '../org/bodies';
import { addPosition, createOfficial } from '../org/officials';
import { openStream } from '../tickets/sse-client.test-support';
import { membersOn } from './members';
import { meetingVotes } from './schema';

const CODE = '18100';
const OTHER = '18754';
const DAY = '2026-03-10';

describe.each(ENGINES)('meetings core on %s', (engine) => {
  let t: TestApp;
  let secretary: Record<string, string>;
  let otherSecretary: Record<string, string>;
  let memberA: Record<string, string>;
  let bodyId: string;
  let otherBodyId: string;
  let otherOfficialId: string;
  const officials: string[] = [];
  let meeting: MeetingDetail;
  let clientNo = 0;

  const api = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    headers: object,
    payload?: object,
  ) => t.app.inject({ method, url, headers: headers as Record<string, string>, payload });
  const fieldOf = (res: { json(): unknown }) =>
    (res.json() as { errors?: { field: string }[] }).errors?.[0]?.field;
  const participantOf = (m: MeetingDetail, officialId: string) =>
    m.participants.find((p) => p.officialId === officialId)!;
  const publicGet = (url: string) =>
    t.app.inject({ url, headers: { 'x-forwarded-for': `203.0.113.${++clientNo % 250}` } });

  async function addMember(
    ctx: ReturnType<typeof systemContext>,
    name: string,
    email: string | null,
    code = CODE,
    body = bodyId,
  ) {
    const o = await createOfficial(ctx, code, {
      fullName: name,
      dateOfBirth: '1975-05-05',
      gender: 'male',
      phone: null,
      email,
      formerUnitCode: null,
      formerDistrictName: null,
    });
    await addPosition(ctx, o.id, {
      bodyId: body,
      title: 'Thành viên',
      startDate: '2026-01-01',
      endDate: null,
    });
    return o.id;
  }

  beforeAll(async () => {
    // Its own communes, bodies, people and accounts (no demo seed: this file depends on nothing else).
    t = await createTestApp(engine);
    const ctx = systemContext(t.database.db, 'test');
    for (const code of [CODE, OTHER]) await activateCommune(ctx, code, '2025-07-01');
    for (const [username, communeCode] of [
      ['thuky.tranphu', CODE],
      ['thuky.songtri', OTHER],
    ] as const)
      await inTransaction(ctx, (tx, audit) =>
        createAccount(tx, audit, {
          username,
          displayName: username,
          password: 'Demo@2025',
          grants: [{ role: 'council_secretary', provinceCode: null, communeCode }],
        }),
      );
    bodyId = (
      await addBody(ctx, CODE, {
        name: 'Hội đồng thử nghiệm',
        shortName: null,
        parentId: null,
        category: 'council',
        openedOn: '2026-01-01',
      })
    ).id;
    otherBodyId = (
      await addBody(ctx, OTHER, {
        name: 'Hội đồng thử nghiệm',
        shortName: null,
        parentId: null,
        category: 'council',
        openedOn: '2026-01-01',
      })
    ).id;
    for (const [i, name] of [
      'Lê Văn An',
      'Trần Thị Bình',
      'Phạm Văn Cường',
      'Ngô Thị Dung',
      'Hồ Văn Em',
    ].entries())
      officials.push(await addMember(ctx, name, i < 3 ? `tv${i}@example.com` : null));
    otherOfficialId = await addMember(ctx, 'Đỗ Văn Khác', null, OTHER, otherBodyId);
    // Member accounts of An and Bình (role council_member), linked to their official records.
    for (const [i, username] of ['tv.an', 'tv.binh'].entries()) {
      const accountId = await inTransaction(ctx, (tx, audit) =>
        createAccount(tx, audit, {
          username,
          displayName: username,
          password: 'Demo@2025',
          grants: [{ role: 'council_member', provinceCode: null, communeCode: CODE }],
        }),
      );
      await linkOfficial(ctx, accountId, officials[i]!);
    }
    secretary = await loginAs(t.app, 'thuky.tranphu');
    otherSecretary = await loginAs(t.app, 'thuky.songtri');
    memberA = await loginAs(t.app, 'tv.an');
  }, 180_000);
  afterAll(() => t?.close());

  it('lists the bodies that meet with their kind, members of today, seats, vacancies and marked rules', async () => {
    const list = json<MeetingBodyList>(
      await api('GET', `/api/v1/communes/${CODE}/meeting-bodies`, secretary),
    );
    const body = list.items.find((b) => b.bodyId === bodyId)!;
    expect(body).toMatchObject({
      bodyKind: 'council',
      membersToday: 5,
      seats: null,
      vacancies: 0,
      configured: false,
    });
    expect(body.meetingKinds).toContain('first_session');
    expect(body.rules.quorum.confidence).toMatch(/^[CU]$/);
    expect(list.items.some((b) => b.name.includes('Văn phòng'))).toBe(false);

    const saved = await api('PUT', `/api/v1/communes/${CODE}/meeting-bodies`, secretary, {
      bodyId,
      seats: 7,
      rules: { pass: { comparison: 'more_than', numerator: 1, denominator: 2 } },
    });
    expect(saved.statusCode).toBe(200);
    const after = json<MeetingBodyList>(saved).items.find((b) => b.bodyId === bodyId)!;
    expect(after).toMatchObject({ seats: 7, vacancies: 2, configured: true });
    expect(after.rules.pass.source).toContain('Cấu hình');

    const bad = await api('PUT', `/api/v1/communes/${CODE}/meeting-bodies`, secretary, {
      bodyId,
      seats: 7,
      rules: { quorum: { comparison: 'at_least', numerator: 3, denominator: 2 } },
    });
    expect([bad.statusCode, fieldOf(bad)]).toEqual([400, 'body.rules.quorum']);
    // Fewer seats than the members holding one today (5) would make vacancies negative.
    const tooFew = await api('PUT', `/api/v1/communes/${CODE}/meeting-bodies`, secretary, {
      bodyId,
      seats: 4,
    });
    expect([tooFew.statusCode, fieldOf(tooFew)]).toEqual([400, 'body.seats']);
    const foreign = await api('PUT', `/api/v1/communes/${CODE}/meeting-bodies`, secretary, {
      bodyId: otherBodyId,
      seats: 7,
    });
    expect([foreign.statusCode, fieldOf(foreign)]).toEqual([400, 'body.bodyId']);
    const member = await api('PUT', `/api/v1/communes/${CODE}/meeting-bodies`, memberA, { bodyId, seats: 9 });
    expect(member.statusCode).toBe(403);
  });

  it('refuses bad meetings naming the field, then creates a rehearsal meeting', async () => {
    const good = {
      bodyId,
      kind: 'regular',
      title: 'Kỳ họp thứ nhất (diễn tập)',
      meetingDate: DAY,
      startTime: '08:00',
      place: 'Hội trường UBND xã',
      convenerId: officials[0],
      chairId: officials[0],
      rehearsal: true,
    };
    const cases: [object, string][] = [
      [{ kind: 'regular_monthly' }, 'body.kind'],
      [{ kind: 'weekly' }, 'body.kind'],
      [{ bodyId: otherBodyId }, 'body.bodyId'],
      [{ convenerId: otherOfficialId }, 'body.convenerId'],
      [{ chairId: otherOfficialId }, 'body.chairId'],
      [{ title: 'Kỳ họp\u0000' }, 'body.title'],
      [{ title: 'x'.repeat(5000) }, 'body.title'],
      [{ startTime: '25:00' }, 'body.startTime'],
      [{ meetingDate: '2026-02-30' }, 'body.meetingDate'],
    ];
    for (const [change, field] of cases) {
      const res = await api('POST', `/api/v1/communes/${CODE}/meetings`, secretary, { ...good, ...change });
      expect({ change, status: res.statusCode, field: fieldOf(res) }).toEqual({ change, status: 400, field });
    }
    expect((await api('POST', `/api/v1/communes/${CODE}/meetings`, memberA, good)).statusCode).toBe(403);
    const res = await api('POST', `/api/v1/communes/${CODE}/meetings`, secretary, good);
    expect(res.statusCode).toBe(201);
    meeting = json<MeetingDetail>(res);
    expect(meeting).toMatchObject({
      status: 'draft',
      rehearsal: true,
      bodyKind: 'council',
      startTime: '08:00',
      startsAt: '2026-03-10T01:00:00.000Z',
      convener: { id: officials[0], fullName: 'Lê Văn An' },
    });
    const list = json<MeetingList>(
      await api('GET', `/api/v1/communes/${CODE}/meetings?bodyId=${bodyId}&rehearsal=true`, secretary),
    );
    expect(list.items.map((m) => m.id)).toEqual([meeting.id]);
    const wrongRange = await api(
      'GET',
      `/api/v1/communes/${CODE}/meetings?from=2026-03-10&to=2026-03-01`,
      secretary,
    );
    expect([wrongRange.statusCode, fieldOf(wrongRange)]).toEqual([400, 'query.to']);
    const tooMany = await api('GET', `/api/v1/communes/${CODE}/meetings?limit=100000`, secretary);
    expect([tooMany.statusCode, fieldOf(tooMany)]).toEqual([400, 'query.limit']);
  });

  it('keeps an ordered agenda: add, refuse a vote subject without a vote, reorder, delete', async () => {
    const add = (payload: object) => api('POST', `/api/v1/meetings/${meeting.id}/items`, secretary, payload);
    expect((await add({ title: 'Khai mạc kỳ họp', decision: 'information' })).statusCode).toBe(201);
    expect(
      (await add({ title: 'Quy chế làm việc của HĐND', decision: 'open_vote', presenterId: officials[1] }))
        .statusCode,
    ).toBe(201);
    const third = await add({ title: 'Bầu Chủ tịch HĐND', decision: 'election', plannedMinutes: 30 });
    meeting = json<MeetingDetail>(third);
    const wrong = await add({ title: 'Báo cáo tình hình', decision: 'information', subject: 'resolution' });
    expect([wrong.statusCode, fieldOf(wrong)]).toEqual([400, 'body.subject']);
    const badDecision = await add({ title: 'Báo cáo tình hình', decision: 'applause' });
    expect([badDecision.statusCode, fieldOf(badDecision)]).toEqual([400, 'body.decision']);
    const foreignPresenter = await add({
      title: 'Báo cáo',
      decision: 'opinion',
      presenterId: otherOfficialId,
    });
    expect([foreignPresenter.statusCode, fieldOf(foreignPresenter)]).toEqual([400, 'body.presenterId']);

    const [open, rules, election] = meeting.agenda;
    expect(rules).toMatchObject({ presenterName: 'Trần Thị Bình', subject: 'resolution', position: 2 });
    const reorder = await api('PUT', `/api/v1/meetings/${meeting.id}/items/order`, secretary, {
      itemIds: [open!.id, election!.id, rules!.id],
    });
    expect(reorder.statusCode).toBe(200);
    expect(json<MeetingDetail>(reorder).agenda.map((i) => [i.position, i.title])).toEqual([
      [1, 'Khai mạc kỳ họp'],
      [2, 'Bầu Chủ tịch HĐND'],
      [3, 'Quy chế làm việc của HĐND'],
    ]);
    const partial = await api('PUT', `/api/v1/meetings/${meeting.id}/items/order`, secretary, {
      itemIds: [open!.id],
    });
    expect([partial.statusCode, fieldOf(partial)]).toEqual([400, 'body.itemIds']);
    const extra = json<MeetingDetail>(await add({ title: 'Nội dung thừa', decision: 'opinion' }));
    const removed = await api('DELETE', `/api/v1/meeting-items/${extra.agenda.at(-1)!.id}`, secretary);
    meeting = json<MeetingDetail>(removed);
    expect(meeting.agenda).toHaveLength(3);
  });

  it('invites the members of the day by e-mail through the outbox, and again only those who joined since', async () => {
    const res = await api('POST', `/api/v1/meetings/${meeting.id}/invite`, secretary, {
      guests: [{ fullName: 'Nguyễn Khách Mời', title: 'Đại diện MTTQ' }],
    });
    expect(res.statusCode).toBe(200);
    meeting = json<MeetingDetail>(res);
    expect(meeting.status).toBe('invited');
    expect(meeting.participants.filter((p) => p.role === 'member')).toHaveLength(5);
    expect(meeting.participants.find((p) => p.role === 'guest')).toMatchObject({
      fullName: 'Nguyễn Khách Mời',
      invitationChannel: 'recorded',
    });
    expect(participantOf(meeting, officials[0]!)).toMatchObject({
      invitationChannel: 'email',
      invitationStatus: 'pending',
    });
    expect(participantOf(meeting, officials[3]!)).toMatchObject({
      invitationChannel: 'recorded',
      invitationStatus: 'recorded',
    });
    const mails = await t.database.db
      .select()
      .from(notificationOutbox)
      .where(eq(notificationOutbox.sourceId, participantOf(meeting, officials[0]!).id));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.recipient).toBe('tv0@example.com');
    expect(mails[0]!.subject).toContain('DIỄN TẬP');
    expect(mails[0]!.body).toContain('08:00 ngày 10/03/2026');
    expect(mails[0]!.body).toContain('Hội trường UBND xã');
    expect(mails[0]!.body).toContain('Bầu Chủ tịch HĐND');
    expect(mails[0]!.body).toContain(`/hop-cua-toi/${meeting.id}`);

    officials.push(await addMember(systemContext(t.database.db, 'test'), 'Vũ Thị Phượng', null));
    const again = json<MeetingDetail>(
      await api('POST', `/api/v1/meetings/${meeting.id}/invite`, secretary, {
        guests: [{ fullName: 'Nguyễn Khách Mời' }],
      }),
    );
    expect(again.participants.filter((p) => p.role === 'member')).toHaveLength(6);
    expect(again.participants).toHaveLength(7);
    expect(
      await t.database.db
        .select()
        .from(notificationOutbox)
        .where(
          and(
            eq(notificationOutbox.sourceType, 'meeting_participant'),
            eq(notificationOutbox.sourceId, participantOf(meeting, officials[0]!).id),
          ),
        ),
    ).toHaveLength(1);
    const foreignGuest = await api('POST', `/api/v1/meetings/${meeting.id}/invite`, secretary, {
      guests: [{ officialId: otherOfficialId }],
    });
    expect([foreignGuest.statusCode, fieldOf(foreignGuest)]).toEqual([400, 'body.guests.0.officialId']);
    meeting = again;
  });

  it('lets a member answer for themselves only; the secretary answers for anyone; an apology needs a reason', async () => {
    const url = `/api/v1/meetings/${meeting.id}/response`;
    const own = await api('POST', url, memberA, { response: 'confirmed' });
    expect(own.statusCode).toBe(200);
    expect(participantOf(json<MeetingDetail>(own), officials[0]!).response).toBe('confirmed');
    expect(json<MeetingDetail>(own).myParticipantId).toBe(participantOf(meeting, officials[0]!).id);
    const forOther = await api('POST', url, memberA, {
      participantId: participantOf(meeting, officials[1]!).id,
      response: 'confirmed',
    });
    expect(forOther.statusCode).toBe(403);
    const noReason = await api('POST', url, secretary, {
      participantId: participantOf(meeting, officials[4]!).id,
      response: 'apologised',
    });
    expect([noReason.statusCode, fieldOf(noReason)]).toEqual([400, 'body.reason']);
    const apology = await api('POST', url, secretary, {
      participantId: participantOf(meeting, officials[4]!).id,
      response: 'apologised',
      reason: 'Đi công tác',
    });
    expect(participantOf(json<MeetingDetail>(apology), officials[4]!)).toMatchObject({
      response: 'apologised',
      apologyReason: 'Đi công tác',
    });
    const mine = json<MyMeetings>(await api('GET', '/api/v1/me/meetings', memberA));
    expect(mine.items.find((m) => m.id === meeting.id)).toMatchObject({
      response: 'confirmed',
      rehearsal: true,
    });
  });

  it('counts attendance live: quorum short, then reached; early leave and return; the hall stream follows', async () => {
    const attend = (headers: object, payload: object) =>
      api('POST', `/api/v1/meetings/${meeting.id}/attendance`, headers, payload);
    const early = await attend(memberA, { action: 'check_in' });
    expect(early.statusCode).toBe(409);
    expect((await api('POST', `/api/v1/meetings/${meeting.id}/open`, secretary)).statusCode).toBe(200);

    const self = json<MeetingDetail>(await attend(memberA, { action: 'check_in' }));
    expect(participantOf(self, officials[0]!)).toMatchObject({ present: true, late: true });
    // 6 members, quorum at least 2/3 → 4.
    expect(self.quorum).toMatchObject({
      members: 6,
      seats: 7,
      vacancies: 1,
      present: 1,
      required: 4,
      reached: false,
    });
    const forOther = await attend(memberA, {
      participantId: participantOf(meeting, officials[1]!).id,
      action: 'check_in',
    });
    expect(forOther.statusCode).toBe(403);

    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const stream = await openStream(`${base}/api/v1/public/meetings/${meeting.id}/events`);
    try {
      const snapshot = (await stream.next('snapshot')) as HallView;
      expect(snapshot).toMatchObject({ present: 1, required: 4, quorumReached: false, rehearsal: true });
      await attend(secretary, {
        participantId: participantOf(meeting, officials[1]!).id,
        action: 'check_in',
      });
      // The event carries the hall view as committed: the screen shows it without asking again.
      expect(await stream.next('attendance.changed')).toMatchObject({
        meetingId: meeting.id,
        present: 2,
        required: 4,
        reached: false,
        quorumReached: false,
      });
    } finally {
      stream.close();
    }
    await attend(secretary, { participantId: participantOf(meeting, officials[2]!).id, action: 'check_in' });
    const reached = json<MeetingDetail>(
      await attend(secretary, {
        participantId: participantOf(meeting, officials[3]!).id,
        action: 'check_in',
      }),
    );
    expect(reached.quorum).toMatchObject({ present: 4, reached: true });
    const twice = await attend(secretary, {
      participantId: participantOf(meeting, officials[3]!).id,
      action: 'check_in',
    });
    expect(twice.statusCode).toBe(409);
    const left = json<MeetingDetail>(
      await attend(secretary, { participantId: participantOf(meeting, officials[2]!).id, action: 'leave' }),
    );
    expect(left.quorum).toMatchObject({ present: 3, reached: false });
    expect(participantOf(left, officials[2]!).leftAt).not.toBeNull();
    const back = json<MeetingDetail>(
      await attend(secretary, {
        participantId: participantOf(meeting, officials[2]!).id,
        action: 'check_in',
      }),
    );
    expect(back.quorum).toMatchObject({ present: 4, reached: true });
    expect(participantOf(back, officials[2]!)).toMatchObject({ present: true, leftAt: null });
    const guest = back.participants.find((p) => p.role === 'guest')!;
    const withGuest = json<MeetingDetail>(
      await attend(secretary, { participantId: guest.id, action: 'check_in' }),
    );
    expect(withGuest.quorum.present).toBe(4);
  });

  it('runs the agenda: the current item, speakers with their time, shown on the hall screen', async () => {
    const [first, second] = meeting.agenda;
    const started = json<MeetingDetail>(
      await api('POST', `/api/v1/meeting-items/${first!.id}/start`, secretary),
    );
    expect(started.currentItemId).toBe(first!.id);
    const speaking = await api('POST', `/api/v1/meeting-items/${first!.id}/speeches`, secretary, {
      officialId: officials[1],
    });
    expect(speaking.statusCode).toBe(200);
    const hall = json<HallView>(await publicGet(`/api/v1/public/meetings/${meeting.id}/hall`));
    expect(hall).toMatchObject({
      currentItem: { id: first!.id, title: 'Khai mạc kỳ họp' },
      speaker: { name: 'Trần Thị Bình' },
      present: 4,
      members: 6,
      seats: 7,
      required: 4,
      quorumReached: true,
      rehearsal: true,
      lastVote: null,
    });
    expect(JSON.stringify(hall)).not.toContain('@example.com');
    const noName = await api('POST', `/api/v1/meeting-items/${first!.id}/speeches`, secretary, {});
    expect([noName.statusCode, fieldOf(noName)]).toEqual([400, 'body.speakerName']);
    const stopped = json<MeetingDetail>(
      await api('POST', `/api/v1/meeting-items/${first!.id}/speeches/stop`, secretary),
    );
    const speech = stopped.agenda[0]!.speeches[0]!;
    expect(speech).toMatchObject({ speakerName: 'Trần Thị Bình', running: false });
    expect(speech.seconds).toBeGreaterThanOrEqual(0);
    expect(
      (await api('POST', `/api/v1/meeting-items/${first!.id}/speeches/stop`, secretary)).statusCode,
    ).toBe(409);
    // Starting the next item finishes the previous one.
    const next = json<MeetingDetail>(
      await api('POST', `/api/v1/meeting-items/${second!.id}/start`, secretary),
    );
    expect(next.agenda.map((i) => i.status)).toEqual(['done', 'current', 'pending']);
    expect((await api('POST', `/api/v1/meeting-items/${second!.id}/finish`, secretary)).statusCode).toBe(200);
    // A member does not run the meeting: a secretary-only record route answers as if the item did not exist.
    expect((await api('POST', `/api/v1/meeting-items/${second!.id}/start`, memberA)).statusCode).toBe(404);
    const noEdit = await api('PATCH', `/api/v1/meeting-items/${first!.id}`, secretary, { title: 'Đổi tên' });
    expect(noEdit.statusCode).toBe(409);
    const notes = await api('PATCH', `/api/v1/meeting-items/${first!.id}`, secretary, {
      notes: 'Đại biểu thống nhất.',
    });
    expect(json<MeetingDetail>(notes).agenda[0]!.notes).toBe('Đại biểu thống nhất.');
  });

  it("hides another commune's meetings (404) and their items, for reads and writes", async () => {
    expect((await api('GET', `/api/v1/meetings/${meeting.id}`, otherSecretary)).statusCode).toBe(404);
    expect((await api('POST', `/api/v1/meetings/${meeting.id}/close`, otherSecretary)).statusCode).toBe(404);
    expect(
      (await api('PATCH', `/api/v1/meeting-items/${meeting.agenda[0]!.id}`, otherSecretary, { notes: 'x' }))
        .statusCode,
    ).toBe(404);
    expect((await api('GET', `/api/v1/communes/${CODE}/meetings`, otherSecretary)).statusCode).toBe(403);
    expect(
      (await publicGet('/api/v1/public/meetings/00000000-0000-7000-8000-000000000000/hall')).statusCode,
    ).toBe(404);
  });

  it('refuses to close while a vote is open; the hall shows the last closed vote result', async () => {
    const voteId = uuidv7();
    const item = meeting.agenda.find((i) => i.decision === 'open_vote')!;
    await t.database.db.insert(meetingVotes).values({
      id: voteId,
      meetingId: meeting.id,
      itemId: item.id,
      communeCode: CODE,
      voteType: 'open',
      method: 'electronic',
      question: 'Thông qua Quy chế làm việc',
      basis: {},
      openedAt: new Date(),
    });
    const refused = await api('POST', `/api/v1/meetings/${meeting.id}/close`, secretary);
    expect(refused.statusCode).toBe(409);
    expect(json<MeetingDetail>(await api('GET', `/api/v1/meetings/${meeting.id}`, secretary)).status).toBe(
      'in_progress',
    );
    await t.database.db
      .update(meetingVotes)
      .set({ status: 'closed', outcome: 'passed', result: { for: 4, required: 4 }, closedAt: new Date() })
      .where(eq(meetingVotes.id, voteId));
    const hall = json<HallView>(await publicGet(`/api/v1/public/meetings/${meeting.id}/hall`));
    expect(hall.lastVote).toMatchObject({
      id: voteId,
      itemTitle: 'Quy chế làm việc của HĐND',
      outcome: 'passed',
      result: { for: 4, required: 4 },
    });
  });

  it('changes a meeting only while in preparation, and cancels it', async () => {
    const created = json<MeetingDetail>(
      await api('POST', `/api/v1/communes/${CODE}/meetings`, secretary, {
        bodyId,
        kind: 'extraordinary',
        title: 'Kỳ họp chuyên đề',
        meetingDate: '2026-04-01',
        startTime: '14:00',
        place: 'Hội trường',
      }),
    );
    expect(created).toMatchObject({ rehearsal: false, convener: null, status: 'draft' });
    const changed = await api('PATCH', `/api/v1/meetings/${created.id}`, secretary, {
      title: 'Kỳ họp bất thường',
      startTime: '07:30',
    });
    expect(json<MeetingDetail>(changed)).toMatchObject({
      title: 'Kỳ họp bất thường',
      startTime: '07:30',
      meetingDate: '2026-04-01',
    });
    const badKind = await api('PATCH', `/api/v1/meetings/${created.id}`, secretary, {
      kind: 'regular_monthly',
    });
    expect([badKind.statusCode, fieldOf(badKind)]).toEqual([400, 'body.kind']);
    expect((await api('POST', `/api/v1/meetings/${created.id}/open`, secretary)).statusCode).toBe(409);
    const cancelled = json<MeetingDetail>(
      await api('POST', `/api/v1/meetings/${created.id}/cancel`, secretary),
    );
    expect(cancelled.status).toBe('cancelled');
    expect((await api('POST', `/api/v1/meetings/${created.id}/invite`, secretary, {})).statusCode).toBe(409);
    expect(
      (await api('PATCH', `/api/v1/meetings/${created.id}`, secretary, { title: 'Lại' })).statusCode,
    ).toBe(409);
    const cancelledList = json<MeetingList>(
      await api('GET', `/api/v1/communes/${CODE}/meetings?status=cancelled`, secretary),
    );
    expect(cancelledList.items.map((m) => m.id)).toEqual([created.id]);
  });

  it('counts as members the holders of the body and of its groups on the day, active ones only', async () => {
    const ctx = systemContext(t.database.db, 'test');
    const council = (
      await addBody(ctx, CODE, {
        name: 'Hội đồng B',
        shortName: null,
        parentId: null,
        category: 'council',
        openedOn: '2025-01-01',
      })
    ).id;
    const group = (
      await addBody(ctx, CODE, {
        name: 'Đại biểu B',
        shortName: null,
        parentId: council,
        category: 'group',
        openedOn: '2025-01-01',
      })
    ).id;
    const chair = await addMember(ctx, 'Chủ tịch B', null, CODE, council);
    await addPosition(ctx, chair, {
      bodyId: group,
      title: 'Đại biểu',
      startDate: '2026-01-01',
      endDate: null,
    });
    await addMember(ctx, 'Đại biểu B một', null, CODE, group);
    // Held a seat last year only.
    const gone = await createOfficial(ctx, CODE, {
      fullName: 'Đại biểu B hai',
      dateOfBirth: '1970-01-01',
      gender: 'female',
      phone: null,
      email: null,
      formerUnitCode: null,
      formerDistrictName: null,
    });
    await addPosition(ctx, gone.id, {
      bodyId: group,
      title: 'Đại biểu',
      startDate: '2025-01-01',
      endDate: '2025-12-31',
    });
    const members = await membersOn(t.database.db, council, '2026-03-01');
    expect(members.map((m) => [m.fullName, m.titles])).toEqual([
      ['Chủ tịch B', ['Thành viên', 'Đại biểu']],
      ['Đại biểu B một', ['Thành viên']],
    ]);
    expect((await membersOn(t.database.db, council, '2025-06-01')).map((m) => m.fullName)).toEqual([
      'Đại biểu B hai',
    ]);
  });

  it('closes the meeting, then archives the rehearsals in one audited action (still readable, out of lists)', async () => {
    const closed = json<MeetingDetail>(await api('POST', `/api/v1/meetings/${meeting.id}/close`, secretary));
    expect(closed.status).toBe('closed');
    expect(
      (await api('POST', `/api/v1/meetings/${meeting.id}/attendance`, memberA, { action: 'leave' }))
        .statusCode,
    ).toBe(409);
    const archived = await api('POST', `/api/v1/communes/${CODE}/meetings/archive-rehearsals`, secretary);
    expect(archived.statusCode).toBe(200);
    expect(json<{ archived: number }>(archived).archived).toBeGreaterThanOrEqual(1);
    const one = json<MeetingDetail>(await api('GET', `/api/v1/meetings/${meeting.id}`, secretary));
    expect(one).toMatchObject({ archived: true, rehearsal: true });
    const list = json<MeetingList>(
      await api('GET', `/api/v1/communes/${CODE}/meetings?bodyId=${bodyId}&rehearsal=true`, secretary),
    );
    expect(list.items).toHaveLength(0);
    const withArchived = json<MeetingList>(
      await api(
        'GET',
        `/api/v1/communes/${CODE}/meetings?bodyId=${bodyId}&rehearsal=true&archived=true`,
        secretary,
      ),
    );
    expect(withArchived.items.map((m) => m.id)).toEqual([meeting.id]);
    const [entry] = await t.database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.action, 'meeting.rehearsals.archive'), eq(auditEntries.entityId, CODE)));
    expect(entry).toBeDefined();
  });
});
