/**
 * Meetings routes tried as an attacker and a careless user would (PGlite and PostgreSQL): page cursors and dates
 * PostgreSQL cannot hold, control characters in a paper's form fields, a minutes comment on another meeting's item —
 * each a 400 naming the field (Vietnamese, English on request), never a 500, and nothing stored. The hall screen's
 * 'vote.closed' event carries the result. A secret ballot's choice is never found with its voter: not in an answer,
 * not in a log line at info, not in the audit, not in "how did this member vote".
 */
import { PassThrough } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, type TestApp } from '../../../../tests/support/app';
import { createTestDatabase, ENGINES } from '../../../../tests/support/database';
import type { MemberVotes, Vote } from '../../../common/api/meeting-votes';
import type { HallView } from '../../../common/api/meetings';
import { buildApp } from '../../app';
import { loadConfig } from '../../config';
import { auditEntries } from '../audit/schema';
import { openStream } from '../tickets/sse-client.test-support';
import { importAdministrativeMap } from '../units/importer';
import { meetingMinutesComments, meetingPapers, meetingPaperVersions } from './schema';
import { makeBody, makeMeeting, memberLogin, secretaryLogin } from './votes.test-support';

type Problem = { status: number; detail: string; errors?: { field: string }[] };
const UUID0 = '00000000-0000-0000-0000-000000000000';
const cursorOf = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** A form with text fields (multipart/form-data), as a browser sends it. */
function form(fields: Record<string, string>) {
  const boundary = 'xaso-hardening-boundary';
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return {
    payload: Buffer.from(`${parts.join('')}--${boundary}--\r\n`),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

describe.each(ENGINES)('meetings hardening on %s', (engine) => {
  let t: TestApp;
  let logs = '';
  let secretary: Record<string, string>;
  const en = (headers: Record<string, string>) => ({ ...headers, 'accept-language': 'en' });
  const field = (res: { json(): unknown }) => (res.json() as Problem).errors?.[0]?.field;

  beforeAll(async () => {
    // The suite's app, with its log at info written here (what an operator's log would hold).
    const database = await createTestDatabase(engine);
    await importAdministrativeMap(database.db);
    const config = loadConfig({
      XASO_WEB_DIR: '/nonexistent',
      XASO_SECURE_COOKIES: 'false',
      XASO_TRUST_PROXY: '127.0.0.1',
      XASO_MAX_EVENT_LOOP_DELAY_MS: '60000',
      XASO_NOTIFY_INTERVAL_SECONDS: '3600',
      LOG_LEVEL: 'info',
    });
    const stream = new PassThrough();
    stream.on('data', (d) => {
      logs += d;
    });
    const app = await buildApp({ config, database, logger: stream });
    await app.ready();
    t = {
      app,
      database,
      async close() {
        await app.close();
        await database.dispose();
      },
    };
    secretary = await secretaryLogin(t);
  });
  afterAll(() => t?.close());

  it('refuses page cursors and dates PostgreSQL cannot hold with a 400 naming the field, not a 500', async () => {
    const body = await makeBody(t, { kind: 'council', members: 2 });
    const cases: [string, string][] = [
      // A day that does not exist, an id that only looks like one, year 0000 (PostgreSQL has no year 0).
      [`/api/v1/communes/18100/meetings?cursor=${cursorOf(['2025-13-45', UUID0])}`, 'query.cursor'],
      [`/api/v1/communes/18100/meetings?cursor=${cursorOf(['2025-01-01', '-'.repeat(36)])}`, 'query.cursor'],
      [`/api/v1/communes/18100/meetings?cursor=${cursorOf(['0000-01-01', UUID0])}`, 'query.cursor'],
      ['/api/v1/communes/18100/meetings?from=0000-01-01', 'query.from'],
      // Instants JavaScript reads but PostgreSQL's timestamps cannot hold.
      [
        `/api/v1/communes/18100/member-votes?officialId=${body.officialIds[0]}&cursor=${cursorOf(['-200000-01-01T00:00:00.000Z', UUID0])}`,
        'query.cursor',
      ],
      [
        `/api/v1/communes/18100/member-votes?officialId=${body.officialIds[0]}&cursor=${cursorOf(['+200000-01-01T00:00:00.000Z', UUID0])}`,
        'query.cursor',
      ],
    ];
    for (const [url, name] of cases) {
      const res = await t.app.inject({ url, headers: secretary });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(field(res), url).toBe(name);
    }
    const english = await t.app.inject({
      url: `/api/v1/communes/18100/meetings?cursor=${cursorOf(['2025-13-45', UUID0])}`,
      headers: en(secretary),
    });
    expect(json<Problem>(english).detail).toBe('Invalid cursor.');
    // A meeting on 0000-01-01 is refused the same way (nothing created).
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/communes/18100/meetings',
      headers: secretary,
      payload: {
        bodyId: body.bodyId,
        kind: 'regular',
        title: 'Kỳ họp năm không',
        meetingDate: '0000-01-01',
        startTime: '08:00',
        place: 'Hội trường',
      },
    });
    expect(created.statusCode).toBe(400);
    expect(field(created)).toBe('body.meetingDate');
  });

  it('refuses control characters in the form fields of a paper version (as in JSON), storing nothing', async () => {
    const body = await makeBody(t, { kind: 'council', members: 2 });
    const m = await makeMeeting(t, body, { present: [], items: { a: { decision: 'information' } } });
    const paper = await t.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${m.meetingId}/papers`,
      headers: secretary,
      payload: { paperType: 'draft_regulation', title: 'Dự thảo Quy chế làm việc' },
    });
    expect(paper.statusCode, paper.body).toBe(201);
    const paperId = json<{ id: string }>(paper).id;
    const send = (fields: Record<string, string>, headers = secretary) => {
      const f = form(fields);
      return t.app.inject({
        method: 'POST',
        url: `/api/v1/meeting-papers/${paperId}/versions`,
        headers: { ...headers, 'content-type': f.contentType },
        payload: f.payload,
      });
    };
    const nul = await send({ body: 'Điều 1. Phạm vi\u0000điều chỉnh', changeNote: 'Bản đầu' });
    expect(nul.statusCode, nul.body).toBe(400);
    expect(field(nul)).toBe('body.body');
    expect(json<Problem>(nul).detail).toContain('ký tự điều khiển');
    const ansi = await send({ body: 'Điều 1. Phạm vi', changeNote: 'Bản \u001b[31mđầu' }, en(secretary));
    expect(ansi.statusCode).toBe(400);
    expect(field(ansi)).toBe('body.changeNote');
    expect(json<Problem>(ansi).detail).toContain('control character');
    expect(
      await t.database.db
        .select()
        .from(meetingPaperVersions)
        .where(eq(meetingPaperVersions.paperId, paperId)),
    ).toEqual([]);
    const [row] = await t.database.db.select().from(meetingPapers).where(eq(meetingPapers.id, paperId));
    expect(row!.currentVersion).toBe(0);
    // Tab and line breaks are text: the same form goes in once clean.
    const ok = await send({ body: 'Điều 1. Phạm vi\r\n\tQuy chế này quy định…', changeNote: 'Bản đầu' });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('takes a minutes comment only on a part of these minutes (never another meeting’s agenda item)', async () => {
    const body = await makeBody(t, { kind: 'council', members: 2 });
    const m = await makeMeeting(t, body, { present: [], items: { a: { decision: 'information' } } });
    const other = await makeMeeting(t, body, { present: [], items: { b: { decision: 'information' } } });
    const comment = (anchor: string, headers = secretary) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/meetings/${m.meetingId}/minutes/comments`,
        headers,
        payload: { body: 'Đề nghị ghi rõ ý kiến.', anchor },
      });
    for (const anchor of [`item:${other.items.b}`, `item:${UUID0}`, 'item:abc', 'phần khác']) {
      const res = await comment(anchor);
      expect(res.statusCode, `${anchor}: ${res.body}`).toBe(400);
      expect(field(res)).toBe('body.anchor');
    }
    expect(json<Problem>(await comment('elsewhere', en(secretary))).detail).toContain(
      'an agenda item of this meeting',
    );
    expect(
      await t.database.db
        .select()
        .from(meetingMinutesComments)
        .where(eq(meetingMinutesComments.meetingId, m.meetingId)),
    ).toEqual([]);
    for (const anchor of [`item:${m.items.a}`, 'opening', 'conclusion', 'closing'])
      expect((await comment(anchor)).statusCode).toBe(201);
  });

  it('sends the result to the hall screen in the vote.closed event itself', async () => {
    const body = await makeBody(t, { kind: 'council', members: 3 });
    const m = await makeMeeting(t, body, {
      present: body.officialIds,
      items: { nq: { decision: 'open_vote', subject: 'resolution' } },
    });
    const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const stream = await openStream(`${base}/api/v1/public/meetings/${m.meetingId}/events`);
    try {
      expect(await stream.next('snapshot')).toMatchObject({ meetingId: m.meetingId, lastVote: null });
      const opened = await t.app.inject({
        method: 'POST',
        url: `/api/v1/meeting-items/${m.items.nq}/votes`,
        headers: secretary,
        payload: {},
      });
      const vote = json<Vote>(opened);
      expect(await stream.next('vote.opened')).toMatchObject({ voteId: vote.id, present: 3, members: 3 });
      for (const officialId of body.officialIds)
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/meeting-votes/${vote.id}/ballots`,
          headers: secretary,
          payload: { officialId, choice: 'for' },
        });
      expect(await stream.next('vote.cast')).toMatchObject({ voteId: vote.id, meetingId: m.meetingId });
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/meeting-votes/${vote.id}/close`,
        headers: secretary,
      });
      const closed = (await stream.next('vote.closed')) as HallView & { voteId: string; outcome: string };
      expect(closed).toMatchObject({
        voteId: vote.id,
        outcome: 'passed',
        meetingId: m.meetingId,
        present: 3,
        lastVote: {
          id: vote.id,
          outcome: 'passed',
          result: { kind: 'vote', passed: true, counts: { for: 3, against: 0, abstain: 0, notVoting: 0 } },
        },
      });
    } finally {
      stream.close();
    }
  });

  it('never puts a secret ballot’s choice with its voter: answers, log at info, audit, member votes', async () => {
    const body = await makeBody(t, { kind: 'council', members: 4 });
    const [lone, ...others] = body.officialIds as [string, ...string[]];
    const m = await makeMeeting(t, body, {
      present: body.officialIds,
      items: { kin: { decision: 'secret_ballot' }, nq: { decision: 'open_vote', subject: 'resolution' } },
    });
    const members = new Map<string, Record<string, string>>();
    for (const id of body.officialIds) members.set(id, await memberLogin(t, id));
    const answers: string[] = [];
    const call = async (
      method: 'GET' | 'POST',
      url: string,
      headers: Record<string, string>,
      payload?: object,
    ) => {
      const res = await t.app.inject({ method, url, headers, payload });
      answers.push(res.body);
      return res;
    };
    const logStart = logs.length;

    // The open vote, for contrast: it is listed per member.
    const open = json<Vote>(await call('POST', `/api/v1/meeting-items/${m.items.nq}/votes`, secretary, {}));
    await call('POST', `/api/v1/meeting-votes/${open.id}/ballots`, members.get(lone)!, { choice: 'for' });
    await call('POST', `/api/v1/meeting-votes/${open.id}/close`, secretary);

    // The secret ballot: the lone member votes against, the three others for.
    const secret = json<Vote>(
      await call('POST', `/api/v1/meeting-items/${m.items.kin}/votes`, secretary, {}),
    );
    const cast = await call('POST', `/api/v1/meeting-votes/${secret.id}/ballots`, members.get(lone)!, {
      choice: 'against',
    });
    expect(cast.statusCode, cast.body).toBe(201);
    expect(json(cast)).toEqual({
      voteId: secret.id,
      officialId: lone,
      castBy: 'member',
      choice: null,
      voted: true,
    });
    // A second ballot by the same member is refused and changes nothing.
    const again = await call('POST', `/api/v1/meeting-votes/${secret.id}/ballots`, members.get(lone)!, {
      choice: 'for',
    });
    expect(again.statusCode).toBe(409);
    for (const id of others)
      expect(
        (
          await call('POST', `/api/v1/meeting-votes/${secret.id}/ballots`, members.get(id)!, {
            choice: 'for',
          })
        ).statusCode,
      ).toBe(201);
    const whileOpen = json<Vote>(await call('GET', `/api/v1/meeting-votes/${secret.id}`, members.get(lone)!));
    expect(whileOpen).toMatchObject({ counts: null, ballots: null, result: null });
    expect(whileOpen.voters!.every((v) => Object.keys(v).sort().join() === 'fullName,officialId')).toBe(true);
    const closed = json<Vote>(await call('POST', `/api/v1/meeting-votes/${secret.id}/close`, secretary));
    expect(closed.counts).toEqual({ for: 3, against: 1, abstain: 0, notVoting: 0 });
    expect(closed.ballots).toBeNull();
    expect(closed.voters!.map((v) => v.officialId).sort()).toEqual([...body.officialIds].sort());
    expect(closed.voters!.every((v) => Object.keys(v).sort().join() === 'fullName,officialId')).toBe(true);
    await call('GET', `/api/v1/meetings/${m.meetingId}/votes`, secretary);
    await call('GET', `/api/v1/public/meetings/${m.meetingId}/hall`, {});
    await call('GET', `/api/v1/meetings/${m.meetingId}`, secretary);

    // "How did this member vote": the open vote, never the secret ballot.
    const history = json<MemberVotes>(
      await call('GET', `/api/v1/communes/18100/member-votes?officialId=${lone}`, secretary),
    );
    expect(history.items.map((i) => i.voteId)).toEqual([open.id]);
    for (const id of others) {
      const theirs = json<MemberVotes>(
        await call('GET', `/api/v1/communes/18100/member-votes?officialId=${id}`, members.get(id)!),
      );
      expect(theirs.items.map((i) => i.voteId)).not.toContain(secret.id);
    }

    // No object of any answer pairs the lone member with "against" (only the totals say "against").
    for (const answer of answers) {
      const text = JSON.stringify(JSON.parse(answer));
      const pairs = text.match(new RegExp(`\\{[^{}]*${lone}[^{}]*\\}`, 'g')) ?? [];
      for (const pair of pairs) expect(pair).not.toContain('against');
    }
    // The audit of the secret ballot: that each member voted, never what.
    const audit = await t.database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.entityId, secret.id), eq(auditEntries.action, 'meeting.ballot.cast')));
    expect(audit).toHaveLength(4);
    for (const entry of audit) {
      expect(JSON.stringify(entry)).not.toMatch(/against|"for"|abstain|choice/);
      expect(entry.after).toEqual({ officialId: expect.any(String), ballot: 'đã bỏ phiếu' });
    }
    // The log at info: one line per request (method, URL, status), no body and no choice.
    const logged = logs.slice(logStart);
    expect(logged).toContain(`/api/v1/meeting-votes/${secret.id}/ballots`);
    expect(logged).not.toMatch(/against|"choice"/);
  });
});
