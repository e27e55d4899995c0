/**
 * After the meeting, through the API on PGlite (disk storage) and PostgreSQL (table storage): documents numbered per
 * commune, issuer, type and year (rehearsals never), no resolution from a failed vote, the minutes drafted from the
 * record, edited, commented and locked by the chair (PDF and DOCX read back, hash in the audit entry, the same bytes
 * on every download, nothing changes after), follow-up tasks due in working days over Tết 2026, another commune's
 * ids, bad input.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, loginAs, type TestApp } from '../../../../tests/support/app';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../tests/support/database';
import { buildApp } from '../../app';
import { loadConfig } from '../../config';
import { inTransaction, systemContext } from '../../db/transaction';
import { auditEntries } from '../audit/schema';
import { createAccount } from '../auth/accounts';
import { seedKnownAnnouncements } from '../calendar/service';
import { documentNumberSeries } from '../numbering/schema';
import { pdfText } from '../org/pdf-text';
import { importAdministrativeMap } from '../units/importer';
import { registerMeetingAfterRoutes } from './after-routes';
import {
  meetingAgendaItems,
  meetingBallotTallies,
  meetingMinutes,
  meetingParticipants,
  meetingSpeeches,
  meetings,
  meetingVotes,
} from './schema';
import { makeBody, makeMeeting, memberLogin, type TestBody } from './votes.test-support';

type Problem = { status: number; detail: string; errors?: { field: string }[] };
type Doc = {
  id: string;
  status: string;
  number: string | null;
  rehearsal: boolean;
  signer: { title: string } | null;
};
type Minutes = {
  status: string;
  revision: number;
  number: string | null;
  sha256: string | null;
  can: { edit: boolean; comment: boolean; lock: boolean };
  blocks: { text: string }[];
  comments: { revision: number; authorName: string; body: string }[];
};
type Task = { id: string; dueDate: string; status: string; overdue: boolean; official: { fullName: string } };
type TaskList = { items: Task[]; counts: { open: number; overdue: number; done: number } };

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const DAY = '2026-02-10';

async function docxText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<\/w:p>/g)]
    .map((m) => (m[0] === '</w:p>' ? '\n' : m[1]!))
    .join('')
    .replace(/&amp;/g, '&')
    .normalize('NFC');
}
const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
const occurrences = (s: string, needle: string) => s.split(needle).length - 1;

describe.each(ENGINES)('after the meeting on %s', (engine) => {
  let database: TestDatabase;
  let t: TestApp;
  let dataDir: string;
  let secretary: Record<string, string>;
  let foreign: Record<string, string>;
  let council: TestBody;
  let government: TestBody;
  let chair: Record<string, string>;
  let member: Record<string, string>;
  let meetingId: string;
  let items: Record<string, string>;
  let passedVote: string;
  let failedVote: string;
  let secretVote: string;

  const req = (
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ) => t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const fieldOf = (res: { json(): unknown }) => (res.json() as Problem).errors?.[0]?.field;
  const series = async (issuer: string, docType: string, year: number) =>
    (
      await database.db
        .select({ last: documentNumberSeries.last })
        .from(documentNumberSeries)
        .where(
          and(
            eq(documentNumberSeries.communeCode, '18100'),
            eq(documentNumberSeries.issuer, issuer),
            eq(documentNumberSeries.docType, docType),
            eq(documentNumberSeries.year, year),
          ),
        )
    )[0]?.last ?? 0;

  async function vote(
    meeting: string,
    itemId: string,
    o: { type?: string; passed: boolean; counts?: object },
  ) {
    const id = uuidv7();
    await database.db.insert(meetingVotes).values({
      id,
      meetingId: meeting,
      itemId,
      communeCode: '18100',
      voteType: o.type ?? 'open',
      method: o.type === 'secret' ? 'paper' : 'electronic',
      question: o.passed ? 'Thông qua Quy chế làm việc' : 'Thông qua Đề án sáp nhập thôn',
      status: 'closed',
      basis: {},
      result: {
        counts:
          o.counts ?? (o.passed ? { for: 4, against: 1, abstain: 0 } : { for: 3, against: 0, abstain: 1 }),
        required: 4,
        passed: o.passed,
        explanation: {
          vi: o.passed ? 'Đạt quá nửa tổng số 6 đại biểu.' : 'Chưa đạt quá nửa tổng số 6 đại biểu.',
          en: 'x',
        },
      },
      outcome: o.passed ? 'passed' : 'failed',
      openedAt: new Date(`${DAY}T02:00:00Z`),
      closedAt: new Date(`${DAY}T02:10:00Z`),
    });
    return id;
  }

  async function newDoc(meeting: string, body: object) {
    const res = await req('POST', `/api/v1/meetings/${meeting}/documents`, secretary, body);
    expect(res.statusCode, res.body).toBe(201);
    return json<Doc>(res);
  }
  const issue = (id: string, signerId: string, issuedOn = DAY, headers = secretary) =>
    req('POST', `/api/v1/meeting-documents/${id}/issue`, headers, { issuedOn, signerId });

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'xaso-after-'));
    database = await createTestDatabase(engine);
    await importAdministrativeMap(database.db);
    // Only what these tests need (the whole demo seed costs most of a minute): the Government's known holiday
    // announcements (Tết 2026) and a secretary in each of two communes.
    const ctx = systemContext(database.db, 'test seed');
    await seedKnownAnnouncements(ctx);
    for (const [username, communeCode] of [
      ['thuky.tranphu', '18100'],
      ['thuky.songtri', '18754'],
    ] as const)
      await inTransaction(ctx, (tx, audit) =>
        createAccount(tx, audit, {
          username,
          displayName: `Thư ký ${communeCode}`,
          password: 'Demo@2025',
          grants: [{ role: 'council_secretary', provinceCode: null, communeCode }],
        }),
      );
    const config = loadConfig({
      XASO_WEB_DIR: '/nonexistent',
      XASO_SECURE_COOKIES: 'false',
      XASO_TRUST_PROXY: '127.0.0.1',
      XASO_MAX_EVENT_LOOP_DELAY_MS: '60000',
      XASO_DATA_DIR: dataDir,
      XASO_STORAGE: engine === 'postgres' ? 'postgres' : 'disk',
    });
    // Rendering a PDF blocks this process (server and test share it) for a second or more on a busy machine: load
    // shedding (tested on its own) would then answer 503 to the next request, so it is off here (a budget no delay
    // reaches: 0 would now mean "any delay at all").
    const app = await buildApp({
      config: { ...config, load: { ...config.load, maxEventLoopDelayMs: 600_000 } },
      database,
      logger: false,
    });
    // Until the composition root registers the meetings module, the test registers these routes itself.
    await app.after();
    if (!app.hasRoute({ method: 'GET', url: '/api/v1/meetings/:id/minutes' }))
      registerMeetingAfterRoutes(app, { db: database.db, config });
    await app.ready();
    t = { app, database, close: async () => {} };
    secretary = await loginAs(app, 'thuky.tranphu');
    foreign = await loginAs(app, 'thuky.songtri');

    council = await makeBody(t, { kind: 'council', members: 5, seats: 6 });
    government = await makeBody(t, { kind: 'government', members: 3 });
    const [c0, c1, c2, c3, c4] = council.officialIds as [string, string, string, string, string];
    const m = await makeMeeting(t, council, {
      present: [c0, c1, c2],
      chairId: c0,
      items: {
        rules: { decision: 'open_vote', subject: 'resolution' },
        merge: { decision: 'open_vote' },
        trust: { decision: 'secret_ballot' },
      },
    });
    meetingId = m.meetingId;
    items = m.items;
    await database.db
      .update(meetings)
      .set({
        title: 'Kỳ họp thứ hai Hội đồng nhân dân phường Trần Phú',
        meetingDate: DAY,
        startsAt: new Date(`${DAY}T01:00:00Z`),
        openedAt: new Date(`${DAY}T01:05:00Z`),
      })
      .where(eq(meetings.id, meetingId));
    // Attendance: c0–c2 on time, c3 late, c4 apologised.
    await database.db
      .update(meetingParticipants)
      .set({ checkedInAt: new Date(`${DAY}T00:55:00Z`), title: 'Đại biểu HĐND' })
      .where(eq(meetingParticipants.meetingId, meetingId));
    await database.db
      .update(meetingParticipants)
      .set({ checkedInAt: new Date(`${DAY}T01:40:00Z`) })
      .where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.officialId, c3)));
    await database.db
      .update(meetingParticipants)
      .set({ checkedInAt: null, response: 'apologised', apologyReason: 'Đi công tác tỉnh' })
      .where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.officialId, c4)));
    await database.db
      .update(meetingAgendaItems)
      .set({
        title: 'Dự thảo Quy chế làm việc',
        presenterName: council.names[1]!,
        notes: 'Đề nghị bổ sung Điều 5.',
      })
      .where(eq(meetingAgendaItems.id, items.rules!));
    await database.db.insert(meetingSpeeches).values({
      id: uuidv7(),
      itemId: items.rules!,
      communeCode: '18100',
      officialId: c2,
      speakerName: council.names[2]!,
      startedAt: new Date(`${DAY}T02:10:00Z`),
      endedAt: new Date(`${DAY}T02:15:00Z`),
    });
    passedVote = await vote(meetingId, items.rules!, { passed: true });
    failedVote = await vote(meetingId, items.merge!, { passed: false });
    secretVote = await vote(meetingId, items.trust!, {
      type: 'secret',
      passed: true,
      counts: { for: 4, against: 0, abstain: 0, invalid: 0 },
    });
    await database.db.insert(meetingBallotTallies).values([
      { voteId: secretVote, choice: 'for', communeCode: '18100', count: 4 },
      { voteId: secretVote, choice: 'against', communeCode: '18100', count: 0 },
    ]);
    chair = await memberLogin(t, c0);
    member = await memberLogin(t, c1);
  });
  afterAll(async () => {
    await t?.app.close();
    await database?.dispose();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('numbers resolutions per body, type and year: 01/NQ-HĐND, 02/NQ-HĐND; the UBND has its own series', async () => {
    expect(await series('HĐND', 'NQ', 2026)).toBe(0);
    const first = await newDoc(meetingId, {
      docType: 'NQ',
      title: 'Ban hành Quy chế làm việc',
      voteId: passedVote,
    });
    expect(first).toMatchObject({ status: 'draft', number: null, rehearsal: false });
    const issued = await issue(first.id, council.officialIds[0]!);
    expect(issued.statusCode, issued.body).toBe(200);
    expect(json<Doc>(issued)).toMatchObject({ status: 'issued', number: '01/NQ-HĐND' });
    const second = await newDoc(meetingId, { docType: 'NQ', title: 'Về chương trình giám sát năm 2026' });
    expect(json<Doc>(await issue(second.id, council.officialIds[0]!)).number).toBe('02/NQ-HĐND');
    expect(await series('HĐND', 'NQ', 2026)).toBe(2);

    const ubnd = await makeMeeting(t, government, {
      present: government.officialIds,
      items: { a: { decision: 'information' } },
    });
    await database.db.update(meetings).set({ meetingDate: DAY }).where(eq(meetings.id, ubnd.meetingId));
    const decision = await newDoc(ubnd.meetingId, {
      docType: 'QĐ',
      title: 'Ban hành Quy chế làm việc của UBND',
    });
    expect(json<Doc>(await issue(decision.id, government.officialIds[0]!)).number).toBe('01/QĐ-UBND');
    const ubndResolution = await newDoc(ubnd.meetingId, {
      docType: 'NQ',
      title: 'Nghị quyết phiên họp UBND',
    });
    expect(json<Doc>(await issue(ubndResolution.id, government.officialIds[0]!)).number).toBe('01/NQ-UBND');
    expect(await series('HĐND', 'NQ', 2026)).toBe(2);

    const again = await issue(first.id, council.officialIds[0]!);
    expect(again.statusCode).toBe(409);
    const edit = await req('PATCH', `/api/v1/meeting-documents/${first.id}`, secretary, { title: 'Đổi tên' });
    expect(edit.statusCode).toBe(409);
  });

  it('a rehearsal never takes a number and never moves the official series; its PDF says DIỄN TẬP on every page', async () => {
    const before = await series('HĐND', 'NQ', 2026);
    const rehearsal = await makeMeeting(t, council, {
      present: council.officialIds,
      rehearsal: true,
      items: { a: { decision: 'open_vote' } },
    });
    await database.db.update(meetings).set({ meetingDate: DAY }).where(eq(meetings.id, rehearsal.meetingId));
    const long = Array.from(
      { length: 60 },
      (_, i) =>
        `Điều ${i + 1}. Nội dung điều ${i + 1} của quy chế làm việc diễn tập, đủ dài để sang nhiều trang.`,
    ).join('\n');
    const doc = await newDoc(rehearsal.meetingId, {
      docType: 'NQ',
      title: 'Quy chế làm việc (diễn tập)',
      content: long,
    });
    const issued = await issue(doc.id, council.officialIds[0]!);
    expect(issued.statusCode, issued.body).toBe(200);
    expect(json<Doc>(issued)).toMatchObject({ status: 'issued', number: null, rehearsal: true });
    expect(await series('HĐND', 'NQ', 2026)).toBe(before);
    const pdfRes = await req('GET', `/api/v1/meeting-documents/${doc.id}/pdf`, secretary);
    expect(pdfRes.statusCode).toBe(200);
    const pdf = pdfRes.rawPayload;
    const text = pdfText(pdf);
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThan(1);
    // Each page: the banner and the watermark; the first page also the number line "Số: DIỄN TẬP".
    expect(occurrences(text, 'DIỄN TẬP')).toBeGreaterThanOrEqual(2 * pages + 1);
    expect(text).toContain('Số: DIỄN TẬP');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('NGHỊ QUYẾT');
    // The next real resolution continues the official series.
    const real = await newDoc(meetingId, { docType: 'NQ', title: 'Về kế hoạch tổ chức kỳ họp thường lệ' });
    expect(json<Doc>(await issue(real.id, council.officialIds[0]!)).number).toBe(`0${before + 1}/NQ-HĐND`);
  });

  it('refuses a resolution from a failed vote (409) and nothing is stored', async () => {
    const res = await req('POST', `/api/v1/meetings/${meetingId}/documents`, secretary, {
      docType: 'NQ',
      title: 'Đề án sáp nhập thôn',
      voteId: failedVote,
    });
    expect(res.statusCode).toBe(409);
    const list = json<{ items: Doc[] }>(
      await req('GET', `/api/v1/meetings/${meetingId}/documents`, secretary),
    );
    expect(list.items.some((d) => (d as unknown as { title: string }).title === 'Đề án sáp nhập thôn')).toBe(
      false,
    );
    // A draft resolution cannot be tied to the failed vote later either; a conclusion may refer to it.
    const draft = await newDoc(meetingId, { docType: 'NQ', title: 'Nghị quyết về Đề án' });
    const moved = await req('PATCH', `/api/v1/meeting-documents/${draft.id}`, secretary, {
      voteId: failedVote,
    });
    expect(moved.statusCode).toBe(409);
    const conclusion = await newDoc(meetingId, {
      docType: 'KL',
      title: 'Kết luận về Đề án',
      voteId: failedVote,
    });
    expect(conclusion.status).toBe('draft');
  });

  it('bad input is a 400 naming the field', async () => {
    const cases: [object, string][] = [
      [{ docType: 'XX', title: 'Văn bản' }, 'body.docType'],
      [{ docType: 'NQ', title: 'x' }, 'body.title'],
      [{ docType: 'NQ', title: 'Văn bản', itemId: uuidv7() }, 'body.itemId'],
      [{ docType: 'NQ', title: 'Văn bản', voteId: uuidv7() }, 'body.voteId'],
      [{ docType: 'NQ', title: 'Văn bản', itemId: items.merge, voteId: passedVote }, 'body.voteId'],
    ];
    for (const [body, field] of cases) {
      const res = await req('POST', `/api/v1/meetings/${meetingId}/documents`, secretary, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(fieldOf(res)).toBe(field);
    }
    const doc = await newDoc(meetingId, { docType: 'TB', title: 'Thông báo kết quả kỳ họp' });
    const songTriOfficial = (await makeBody(t, { communeCode: '18754', kind: 'council', members: 1 }))
      .officialIds[0]!;
    for (const [body, field] of [
      [{ issuedOn: '2026-02-30', signerId: council.officialIds[0] }, 'body.issuedOn'],
      [{ issuedOn: '2026-02-01', signerId: council.officialIds[0] }, 'body.issuedOn'],
      [{ issuedOn: DAY, signerId: songTriOfficial }, 'body.signerId'],
      [{ issuedOn: DAY, signerId: 'abc' }, 'body.signerId'],
    ] as [object, string][]) {
      const res = await req('POST', `/api/v1/meeting-documents/${doc.id}/issue`, secretary, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(fieldOf(res)).toBe(field);
    }
    expect(json<Doc>(await req('GET', `/api/v1/meeting-documents/${doc.id}`, secretary)).status).toBe(
      'draft',
    );
  });

  it('minutes: drafted from the record, edited by the secretary, commented by a member; draft files say DỰ THẢO', async () => {
    const first = await req('GET', `/api/v1/meetings/${meetingId}/minutes`, member);
    expect(first.statusCode, first.body).toBe(200);
    const draft = json<Minutes>(first);
    expect(draft).toMatchObject({
      status: 'draft',
      revision: 1,
      can: { edit: false, comment: true, lock: false },
    });
    const text = draft.blocks.map((b) => b.text).join('\n');
    expect(text).toContain(`${council.names[3]}, Đại biểu HĐND (đến muộn lúc 08:40)`);
    expect(text).toContain(`${council.names[4]} — lý do: Đi công tác tỉnh`);
    expect(text).toContain('tổng số 6 đại biểu (thành viên), 1 chỗ khuyết; có mặt 4; vắng có lý do 1');
    expect(text).toContain(`${council.names[2]} (09:10–09:15)`);
    expect(text).toContain('Tán thành 4, không tán thành 1, không biểu quyết 0.');
    expect(text).toContain('Kết quả: KHÔNG THÔNG QUA');
    expect(text).toContain('Bỏ phiếu kín: Thông qua Quy chế làm việc. Kết quả kiểm phiếu: đồng ý 4 phiếu');
    expect(text).toContain('Nghị quyết số 01/NQ-HĐND: Ban hành Quy chế làm việc.');

    const edit = await req('PATCH', `/api/v1/meetings/${meetingId}/minutes`, secretary, {
      revision: 1,
      opening: 'Chủ tọa tuyên bố lý do, giới thiệu đại biểu.',
      items: { [items.rules!]: { opinions: 'Các đại biểu thống nhất sửa Điều 5 về chế độ báo cáo.' } },
      conclusion: 'Giao Thường trực HĐND hoàn thiện Quy chế trong 5 ngày làm việc.',
      secretaryName: 'Bùi Thị Thư Ký',
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(json<Minutes>(edit).revision).toBe(2);
    const stale = await req('PATCH', `/api/v1/meetings/${meetingId}/minutes`, secretary, {
      revision: 1,
      closing: 'x',
    });
    expect(stale.statusCode).toBe(409);
    const stranger = uuidv7();
    const badItem = await req('PATCH', `/api/v1/meetings/${meetingId}/minutes`, secretary, {
      revision: 2,
      items: { [stranger]: { opinions: 'x' } },
    });
    expect(badItem.statusCode).toBe(400);
    expect(fieldOf(badItem)).toBe(`body.items.${stranger}`);
    expect(
      (await req('PATCH', `/api/v1/meetings/${meetingId}/minutes`, member, { revision: 2 })).statusCode,
    ).toBe(404);
    expect(
      (await req('PATCH', `/api/v1/meetings/${meetingId}/minutes`, secretary, { revision: 'x' })).statusCode,
    ).toBe(400);

    const comment = await req('POST', `/api/v1/meetings/${meetingId}/minutes/comments`, member, {
      body: 'Đề nghị ghi rõ thời hạn hoàn thiện Quy chế.',
      anchor: 'conclusion',
    });
    expect(comment.statusCode, comment.body).toBe(201);
    expect(json<Minutes>(comment).comments).toEqual([
      expect.objectContaining({
        revision: 2,
        authorName: council.names[1],
        body: 'Đề nghị ghi rõ thời hạn hoàn thiện Quy chế.',
      }),
    ]);
    const empty = await req('POST', `/api/v1/meetings/${meetingId}/minutes/comments`, member, { body: '' });
    expect(fieldOf(empty)).toBe('body.body');

    const pdf = (await req('GET', `/api/v1/meetings/${meetingId}/minutes/pdf`, member)).rawPayload;
    const pdfString = pdfText(pdf);
    expect(occurrences(pdfString, 'DỰ THẢO')).toBeGreaterThanOrEqual(2 * pageCount(pdf));
    expect(pdfString).toContain('Số:      /BB-HĐND');
    const docx = await docxText(
      (await req('GET', `/api/v1/meetings/${meetingId}/minutes/docx`, member)).rawPayload,
    );
    expect(docx).toContain('DỰ THẢO');
    expect(docx).toContain('Chủ tọa tuyên bố lý do, giới thiệu đại biểu.');
  });

  it('the chair locks: BB number, PDF and DOCX stored, hash in the audit entry, same bytes every time, then nothing changes', async () => {
    const notClosed = await req('POST', `/api/v1/meetings/${meetingId}/minutes/lock`, chair, {});
    expect(notClosed.statusCode).toBe(409);
    await database.db
      .update(meetings)
      .set({ status: 'closed', closedAt: new Date(`${DAY}T04:30:00Z`) })
      .where(eq(meetings.id, meetingId));
    expect((await req('POST', `/api/v1/meetings/${meetingId}/minutes/lock`, member, {})).statusCode).toBe(
      403,
    );
    const unconfirmed = await req('POST', `/api/v1/meetings/${meetingId}/minutes/lock`, secretary, {});
    expect(unconfirmed.statusCode).toBe(400);
    expect(fieldOf(unconfirmed)).toBe('body.chairApproved');
    expect(json<Minutes>(await req('GET', `/api/v1/meetings/${meetingId}/minutes`, chair)).can.lock).toBe(
      true,
    );

    const locked = await req('POST', `/api/v1/meetings/${meetingId}/minutes/lock`, chair, {});
    expect(locked.statusCode, locked.body).toBe(200);
    const minutes = json<Minutes>(locked);
    const year = Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4));
    expect(minutes).toMatchObject({
      status: 'locked',
      number: `01/BB-HĐND`,
      can: { edit: false, comment: false, lock: false },
    });
    expect(await series('HĐND', 'BB', year)).toBe(1);
    const [row] = await database.db
      .select()
      .from(meetingMinutes)
      .where(eq(meetingMinutes.meetingId, meetingId));
    expect(row!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(minutes.sha256).toBe(row!.sha256);
    const [entry] = await database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.action, 'meeting.minutes.lock'), eq(auditEntries.entityId, meetingId)));
    expect(entry!.after).toMatchObject({ sha256: row!.sha256, number: '01/BB-HĐND', onBehalfOfChair: false });

    const a = (await req('GET', `/api/v1/meetings/${meetingId}/minutes/pdf`, member)).rawPayload;
    const b = (await req('GET', `/api/v1/meetings/${meetingId}/minutes/pdf`, secretary)).rawPayload;
    expect(sha(a)).toBe(row!.sha256);
    expect(sha(b)).toBe(row!.sha256);
    const text = pdfText(a);
    for (const expected of [
      'HỘI ĐỒNG NHÂN DÂN',
      'PHƯỜNG TRẦN PHÚ',
      'Số: 01/BB-HĐND',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Trần Phú, ngày 10 tháng 02 năm 2026',
      'BIÊN BẢN',
      'Kỳ họp thứ hai Hội đồng nhân dân phường Trần Phú',
      council.names[0]!,
      'Tán thành 4, không tán thành 1, không biểu quyết 0.',
      'Các đại biểu thống nhất sửa Điều 5 về chế độ báo cáo.',
      'CHỦ TỌA',
      'THƯ KÝ',
      'Bùi Thị Thư Ký',
    ])
      expect(text.replace(/\s+/g, ' '), expected).toContain(expected);
    expect(text).not.toContain('DỰ THẢO');
    const d1 = (await req('GET', `/api/v1/meetings/${meetingId}/minutes/docx`, member)).rawPayload;
    const d2 = (await req('GET', `/api/v1/meetings/${meetingId}/minutes/docx`, member)).rawPayload;
    expect(sha(d1)).toBe(sha(d2));
    const docx = await docxText(d1);
    for (const expected of [
      'Số: 01/BB-HĐND',
      'Độc lập - Tự do - Hạnh phúc',
      council.names[0]!,
      'Tán thành 4, không tán thành 1, không biểu quyết 0.',
    ])
      expect(docx).toContain(expected);
    expect(docx).not.toContain('DỰ THẢO');

    // Nothing changes any more, even when the record does.
    await database.db
      .update(meetingAgendaItems)
      .set({ notes: 'Ghi chú thêm sau khi khóa.' })
      .where(eq(meetingAgendaItems.id, items.rules!));
    expect(
      (await req('PATCH', `/api/v1/meetings/${meetingId}/minutes`, secretary, { revision: 2, closing: 'x' }))
        .statusCode,
    ).toBe(409);
    expect(
      (await req('POST', `/api/v1/meetings/${meetingId}/minutes/comments`, member, { body: 'Góp ý muộn' }))
        .statusCode,
    ).toBe(409);
    expect((await req('POST', `/api/v1/meetings/${meetingId}/minutes/lock`, chair, {})).statusCode).toBe(409);
    const after = json<Minutes>(await req('GET', `/api/v1/meetings/${meetingId}/minutes`, member));
    expect(after.blocks.map((x) => x.text).join('\n')).not.toContain('Ghi chú thêm sau khi khóa.');
    expect(sha((await req('GET', `/api/v1/meetings/${meetingId}/minutes/pdf`, member)).rawPayload)).toBe(
      row!.sha256,
    );
  });

  it("a rehearsal's minutes: locked by the secretary for the chair, no BB number, DIỄN TẬP on every page", async () => {
    const year = Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4));
    const before = await series('HĐND', 'BB', year);
    const many = await makeBody(t, { kind: 'council', members: 40 });
    const r = await makeMeeting(t, many, {
      present: many.officialIds.slice(0, 30),
      chairId: many.officialIds[0]!,
      rehearsal: true,
      items: { a: { decision: 'opinion' }, b: { decision: 'opinion' } },
    });
    await database.db
      .update(meetings)
      .set({ status: 'closed', closedAt: new Date() })
      .where(eq(meetings.id, r.meetingId));
    const locked = await req('POST', `/api/v1/meetings/${r.meetingId}/minutes/lock`, secretary, {
      chairApproved: true,
    });
    expect(locked.statusCode, locked.body).toBe(200);
    expect(json<Minutes>(locked)).toMatchObject({ status: 'locked', number: null });
    expect(await series('HĐND', 'BB', year)).toBe(before);
    const pdf = (await req('GET', `/api/v1/meetings/${r.meetingId}/minutes/pdf`, secretary)).rawPayload;
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThan(1);
    expect(occurrences(pdfText(pdf), 'DIỄN TẬP')).toBeGreaterThanOrEqual(2 * pages + 1);
    const docx = await JSZip.loadAsync(
      (await req('GET', `/api/v1/meetings/${r.meetingId}/minutes/docx`, secretary)).rawPayload,
    );
    const header = await docx.file(/word\/header\d*\.xml/)[0]!.async('string');
    expect(header).toContain('DIỄN TẬP');
    const [entry] = await database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.action, 'meeting.minutes.lock'), eq(auditEntries.entityId, r.meetingId)));
    expect(entry!.after).toMatchObject({ number: null, rehearsal: true, onBehalfOfChair: true });
  });

  it('follow-up tasks: due in working days over Tết 2026, tracked to done, in the workload and the commune list', async () => {
    const conclusion = await newDoc(meetingId, { docType: 'KL', title: 'Kết luận của Chủ tọa kỳ họp' });
    const early = await req('POST', `/api/v1/meeting-documents/${conclusion.id}/tasks`, secretary, {
      officialId: council.officialIds[1],
      title: 'Hoàn thiện Quy chế làm việc',
      workingDays: 5,
    });
    expect(early.statusCode).toBe(409); // not issued yet
    expect((await issue(conclusion.id, council.officialIds[0]!, '2026-02-12')).statusCode).toBe(200);
    // Thu 12/2/2026 + 5 working days: Fri 13, then Tết (Sat 14 – Sun 22) off, Mon 23 … Thu 26.
    const created = await req('POST', `/api/v1/meeting-documents/${conclusion.id}/tasks`, secretary, {
      officialId: council.officialIds[1],
      title: 'Hoàn thiện Quy chế làm việc',
      workingDays: 5,
    });
    expect(created.statusCode, created.body).toBe(201);
    const task = json<Task>(created);
    expect(task).toMatchObject({
      dueDate: '2026-02-26',
      status: 'open',
      overdue: true,
      official: { fullName: council.names[1] },
    });
    for (const [body, field] of [
      [{ officialId: council.officialIds[1], title: 'Việc', workingDays: 0 }, 'body.workingDays'],
      [{ officialId: uuidv7(), title: 'Việc cần làm', workingDays: 3 }, 'body.officialId'],
      [{ officialId: council.officialIds[1], title: 'x', workingDays: 3 }, 'body.title'],
    ] as [object, string][]) {
      const res = await req('POST', `/api/v1/meeting-documents/${conclusion.id}/tasks`, secretary, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(fieldOf(res)).toBe(field);
    }
    const resolution = json<{ items: (Doc & { docType: string })[] }>(
      await req('GET', `/api/v1/meetings/${meetingId}/documents`, secretary),
    ).items.find((d) => d.docType === 'NQ')!;
    const fromResolution = await req('POST', `/api/v1/meeting-documents/${resolution.id}/tasks`, secretary, {
      officialId: council.officialIds[1],
      title: 'Việc từ nghị quyết',
      workingDays: 3,
    });
    expect(fromResolution.statusCode).toBe(409);

    const commune = json<TaskList>(
      await req('GET', '/api/v1/communes/18100/meeting-tasks?status=overdue', secretary),
    );
    expect(commune.items.map((i) => i.id)).toContain(task.id);
    expect(commune.counts).toMatchObject({ open: 1, overdue: 1, done: 0 });
    const mine = json<TaskList>(
      await req(
        'GET',
        `/api/v1/communes/18100/meeting-tasks?officialId=${council.officialIds[1]}`,
        secretary,
      ),
    );
    expect(mine.items.map((i) => i.id)).toEqual([task.id]);
    const perMeeting = json<TaskList>(await req('GET', `/api/v1/meetings/${meetingId}/tasks`, member));
    expect(perMeeting.items).toHaveLength(1);
    const workload = json<{
      items: { official: { id: string }; counters: { key: string; value: number }[] }[];
    }>(await req('GET', '/api/v1/communes/18100/workload?limit=200', secretary));
    const counters = workload.items.find((i) => i.official.id === council.officialIds[1])?.counters ?? [];
    expect(counters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'meeting_tasks_open', value: 1 }),
        expect.objectContaining({ key: 'meeting_tasks_overdue', value: 1 }),
      ]),
    );

    // Done: by the official themselves (another member may not), once.
    expect(
      (await req('POST', `/api/v1/meeting-tasks/${task.id}/done`, chair, { note: 'Đã hoàn thiện' }))
        .statusCode,
    ).toBe(403);
    expect(fieldOf(await req('POST', `/api/v1/meeting-tasks/${task.id}/done`, member, {}))).toBe('body.note');
    const done = await req('POST', `/api/v1/meeting-tasks/${task.id}/done`, member, {
      note: 'Đã trình Thường trực ký ban hành.',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(json<Task>(done)).toMatchObject({ status: 'done', overdue: false });
    expect(
      (await req('POST', `/api/v1/meeting-tasks/${task.id}/done`, member, { note: 'Lần hai' })).statusCode,
    ).toBe(409);
    expect(
      json<TaskList>(await req('GET', '/api/v1/communes/18100/meeting-tasks', secretary)).counts,
    ).toMatchObject({
      open: 0,
      overdue: 0,
      done: 1,
    });
  });

  it("another commune's ids are 404, its lists 403", async () => {
    const doc = json<{ items: Doc[] }>(await req('GET', `/api/v1/meetings/${meetingId}/documents`, secretary))
      .items[0]!;
    const task = json<TaskList>(await req('GET', '/api/v1/communes/18100/meeting-tasks', secretary))
      .items[0]!;
    for (const [method, url, body] of [
      ['GET', `/api/v1/meetings/${meetingId}/documents`],
      ['POST', `/api/v1/meetings/${meetingId}/documents`, { docType: 'KL', title: 'Kết luận' }],
      ['GET', `/api/v1/meeting-documents/${doc.id}`],
      ['GET', `/api/v1/meeting-documents/${doc.id}/pdf`],
      [
        'POST',
        `/api/v1/meeting-documents/${doc.id}/issue`,
        { issuedOn: DAY, signerId: council.officialIds[0] },
      ],
      ['GET', `/api/v1/meetings/${meetingId}/minutes`],
      ['GET', `/api/v1/meetings/${meetingId}/minutes/pdf`],
      ['POST', `/api/v1/meetings/${meetingId}/minutes/comments`, { body: 'Góp ý' }],
      ['POST', `/api/v1/meetings/${meetingId}/minutes/lock`, { chairApproved: true }],
      ['GET', `/api/v1/meeting-tasks/${task.id}`],
      ['POST', `/api/v1/meeting-tasks/${task.id}/done`, { note: 'Xong việc' }],
      ['GET', `/api/v1/meetings/${uuidv7()}/minutes`],
      ['GET', '/api/v1/meeting-documents/not-a-uuid'],
    ] as ['GET' | 'POST', string, object?][]) {
      const res = await req(method, url, foreign, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await req('GET', '/api/v1/communes/18100/meeting-tasks', foreign)).statusCode).toBe(403);
  });
});
