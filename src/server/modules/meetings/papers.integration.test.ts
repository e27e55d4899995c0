/**
 * Papers of a meeting through the API, on PGlite with the disk storage and on PostgreSQL with the table storage:
 * versions by article, members' comments on an article and the drafter's answers across versions, files checked
 * like a dossier's scans and read back with their SHA-256, adoption, publication, another commune's paper, and the
 * file collector keeping paper files.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { and, asc, count, eq, notExists } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { inTransaction, systemContext } from '../../db/transaction';
import { createAccount, linkOfficial } from '../auth/accounts';
import { accounts } from '../auth/schema';
import { DiskFileStorage, type FileStorage, keyOfDigest } from '../dossiers/storage';
import { collectUnreferencedFiles } from '../dossiers/storage/collector';
import { PostgresFileStorage } from '../dossiers/storage/postgres';
import { listBodies } from '../org';
import { orgOfficials } from '../org/schema';
import { seedPaper } from './papers';
import { docxWith, odtWith } from './papers-zip.test-support';
import { meetingPapers, meetings } from './schema';

type Problem = { status: number; detail: string; errors?: { field: string }[] };
type Comment = {
  id: string;
  version: number;
  anchor: string | null;
  body: string;
  author: { officialId: string | null; name: string };
  answer: string | null;
  answeredBy: string | null;
  rehearsal: boolean;
};
type Version = {
  version: number;
  articles: { anchor: string; clauses: { anchor: string }[] }[];
  file: { fileName: string; contentType: string; sizeBytes: number; sha256: string } | null;
  comments: Comment[];
  earlierComments: Comment[];
  open: boolean;
  rehearsal: boolean;
};
type Paper = {
  id: string;
  status: string;
  currentVersion: number;
  adoptedVersion: number | null;
  rehearsal: boolean;
  drafter: { id: string; fullName: string } | null;
  versions: { version: number; comments: number }[];
};

const V1 = `DỰ THẢO QUY CHẾ LÀM VIỆC
Điều 1. Phạm vi điều chỉnh
Quy chế này quy định chế độ làm việc của Hội đồng nhân dân.
Điều 2. Nguyên tắc
1. Làm việc theo chế độ hội nghị.
2. Quyết định theo đa số.
Điều 3. Kỳ họp
1. Họp thường lệ mỗi năm hai kỳ.
2. Kỳ họp bất thường khi cần.`;
const V2 = `${V1}\n3. Kỳ họp chuyên đề theo đề nghị của Thường trực.\nĐiều 4. Hiệu lực\nCó hiệu lực từ ngày ký.`;

async function pdfBytes(text: string): Promise<Buffer> {
  const doc = new PDFDocument();
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  doc.text(text);
  doc.end();
  await once(doc, 'end');
  return Buffer.concat(chunks);
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe.each(ENGINES)('meeting papers on %s', (engine) => {
  let t: TestApp;
  let app: TestApp['app'];
  let database: TestApp['database'];
  let dataDir: string;
  let storage: FileStorage;
  let secretary: Record<string, string>;
  let member: Record<string, string>;
  let drafter: Record<string, string>;
  let foreignSecretary: Record<string, string>;
  let memberOfficial: { id: string; fullName: string };
  let otherOfficial: { id: string; fullName: string };
  let drafterOfficial: { id: string; fullName: string };
  let meetingId: string;
  let rehearsalId: string;
  let paper: Paper;
  let pdf: Buffer;

  const req = (method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}, payload?: object) =>
    app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const upload = (
    url: string,
    headers: Record<string, string>,
    fields: Record<string, string>,
    file?: [Buffer, string],
  ) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    if (file) form.append('file', new Blob([new Uint8Array(file[0])]), file[1]);
    return app.inject({ method: 'POST', url, headers, payload: form });
  };
  const fieldOf = (res: { json(): unknown }) => (res.json() as Problem).errors?.[0]?.field;
  const paperCount = async () => (await database.db.select({ n: count() }).from(meetingPapers))[0]!.n;

  async function meeting(communeCode: string, rehearsal: boolean) {
    const bodies = await listBodies(database.db, communeCode, { includeClosed: false });
    const council = bodies.find((b) => b.templateKey === 'hdnd')!;
    const id = uuidv7();
    await database.db.insert(meetings).values({
      id,
      communeCode,
      bodyId: council.id,
      kind: rehearsal ? 'first_session' : 'regular',
      title: rehearsal ? 'Kỳ họp thứ nhất (diễn tập)' : 'Kỳ họp thường lệ',
      meetingDate: '2025-06-20',
      startsAt: new Date('2025-06-20T01:00:00Z'),
      place: 'Hội trường UBND',
      rehearsal,
    });
    return id;
  }

  async function memberAccount(username: string, officialId: string) {
    const ctx = systemContext(database.db, 'test seed');
    const id = await inTransaction(ctx, (tx, audit) =>
      createAccount(tx, audit, {
        username,
        displayName: username,
        password: 'Demo@2025',
        grants: [{ role: 'council_member', provinceCode: null, communeCode: '18100' }],
      }),
    );
    await linkOfficial(ctx, id, officialId);
    return loginAs(app, username);
  }

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'xaso-papers-'));
    t = await createTestApp(engine, {
      demo: true,
      env: { XASO_DATA_DIR: dataDir, XASO_STORAGE: engine === 'postgres' ? 'postgres' : 'disk' },
    });
    ({ app, database } = t);
    storage = engine === 'postgres' ? new PostgresFileStorage(database.db) : new DiskFileStorage(dataDir);

    secretary = await loginAs(app, 'thuky.tranphu');
    foreignSecretary = await loginAs(app, 'thuky.songtri');
    // Officials of Trần Phú in office whom no account stands for yet (the demo links some to its accounts).
    const officials = await database.db
      .select({ id: orgOfficials.id, fullName: orgOfficials.fullName })
      .from(orgOfficials)
      .where(
        and(
          eq(orgOfficials.communeCode, '18100'),
          eq(orgOfficials.status, 'active'),
          notExists(database.db.select().from(accounts).where(eq(accounts.officialId, orgOfficials.id))),
        ),
      )
      .orderBy(asc(orgOfficials.fullName))
      .limit(3);
    [memberOfficial, otherOfficial, drafterOfficial] = [officials[0]!, officials[1]!, officials[2]!];
    member = await memberAccount('daibieu.test1', memberOfficial.id);
    drafter = await memberAccount('daibieu.test2', drafterOfficial.id);
    meetingId = await meeting('18100', false);
    rehearsalId = await meeting('18100', true);
    pdf = await pdfBytes('Quy che lam viec - ban ky');
  });
  afterAll(async () => {
    await t?.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('the secretary adds a paper with its drafter; a type not in the list is refused naming the field, nothing stored', async () => {
    const before = await paperCount();
    const bad = await req('POST', `/api/v1/meetings/${meetingId}/papers`, secretary, {
      paperType: 'exe',
      title: 'Dự thảo quy chế làm việc',
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldOf(bad)).toBe('body.paperType');
    const foreignDrafter = await req('POST', `/api/v1/meetings/${meetingId}/papers`, secretary, {
      paperType: 'draft_regulation',
      title: 'Dự thảo quy chế làm việc',
      drafterId: uuidv7(),
    });
    expect(fieldOf(foreignDrafter)).toBe('body.drafterId');
    expect(await paperCount()).toBe(before);
    // A member reads papers but does not add them.
    const byMember = await req('POST', `/api/v1/meetings/${meetingId}/papers`, member, {
      paperType: 'report',
      title: 'Báo cáo',
    });
    expect(byMember.statusCode).toBe(404);

    const created = await req('POST', `/api/v1/meetings/${meetingId}/papers`, secretary, {
      paperType: 'draft_regulation',
      title: 'Dự thảo Quy chế làm việc của HĐND phường',
      drafterId: drafterOfficial.id,
    });
    expect(created.statusCode).toBe(201);
    paper = json<Paper>(created);
    expect(paper).toMatchObject({
      status: 'drafting',
      currentVersion: 0,
      rehearsal: false,
      drafter: { id: drafterOfficial.id, fullName: drafterOfficial.fullName },
    });
    const list = json<{ items: Paper[] }>(await req('GET', `/api/v1/meetings/${meetingId}/papers`, member));
    expect(list.items.map((p) => p.id)).toEqual([paper.id]);
  });

  it('the drafter issues version 1 by article; a member who is not the drafter cannot', async () => {
    const refused = await req('POST', `/api/v1/meeting-papers/${paper.id}/versions`, member, { body: V1 });
    expect(refused.statusCode).toBe(403);
    const res = await req('POST', `/api/v1/meeting-papers/${paper.id}/versions`, drafter, {
      body: V1,
      changeNote: 'Dự thảo lần 1',
    });
    expect(res.statusCode).toBe(201);
    const v1 = json<Version>(res);
    expect(v1.version).toBe(1);
    expect(v1.articles.map((a) => a.anchor)).toEqual(['Điều 1', 'Điều 2', 'Điều 3']);
    expect(v1.articles[2]!.clauses.map((c) => c.anchor)).toEqual(['Điều 3, khoản 1', 'Điều 3, khoản 2']);
    const empty = await req('POST', `/api/v1/meeting-papers/${paper.id}/versions`, drafter, { body: '  ' });
    expect(fieldOf(empty)).toBe('body.body');
  });

  it('a member comments on "Điều 3" for themselves only; an anchor the version lacks is refused naming anchor', async () => {
    const url = `/api/v1/meeting-papers/${paper.id}/versions/1/comments`;
    const ok = await req('POST', url, member, { anchor: 'điều 3, khoản 2', body: 'Nêu rõ ai triệu tập.' });
    expect(ok.statusCode).toBe(201);
    expect(json<Comment>(ok)).toMatchObject({
      version: 1,
      anchor: 'Điều 3, khoản 2',
      author: { officialId: memberOfficial.id, name: memberOfficial.fullName },
    });
    const article = await req('POST', url, member, { anchor: 'Điều 3', body: 'Thêm kỳ họp chuyên đề.' });
    expect(article.statusCode).toBe(201);
    const unknown = await req('POST', url, member, { anchor: 'Điều 9', body: 'Không có điều này.' });
    expect(unknown.statusCode).toBe(400);
    expect(fieldOf(unknown)).toBe('body.anchor');
    const malformed = await req('POST', url, member, { anchor: 'Article 3', body: 'Sai dạng.' });
    expect(fieldOf(malformed)).toBe('body.anchor');
    const asAnother = await req('POST', url, member, {
      anchor: 'Điều 1',
      body: 'Góp ý mạo danh.',
      officialId: otherOfficial.id,
    });
    expect(asAnother.statusCode).toBe(403);
    // The secretary enters a member's comment given on paper.
    const forMember = await req('POST', url, secretary, {
      body: 'Đồng ý với dự thảo.',
      officialId: otherOfficial.id,
    });
    expect(forMember.statusCode).toBe(201);
    expect(json<Comment>(forMember)).toMatchObject({
      anchor: null,
      author: { officialId: otherOfficial.id },
    });
  });

  it('the drafter answers; a member cannot answer', async () => {
    const v1 = json<Version>(await req('GET', `/api/v1/meeting-papers/${paper.id}/versions/1`, member));
    expect(v1.comments).toHaveLength(3);
    const first = v1.comments.find((c) => c.anchor === 'Điều 3')!;
    const url = `/api/v1/meeting-papers/${paper.id}/comments/${first.id}/answer`;
    expect((await req('POST', url, member, { answer: 'Tự trả lời' })).statusCode).toBe(403);
    const answered = await req('POST', url, drafter, { answer: 'Đã bổ sung khoản 3 Điều 3.' });
    expect(answered.statusCode).toBe(200);
    expect(json<Comment>(answered)).toMatchObject({ answer: 'Đã bổ sung khoản 3 Điều 3.', version: 1 });
  });

  it('version 2 (text and a real PDF): comments stay on version 1 and are listed from version 2 with their answers', async () => {
    const res = await upload(
      `/api/v1/meeting-papers/${paper.id}/versions`,
      drafter,
      { body: V2, changeNote: 'Tiếp thu góp ý' },
      [pdf, 'Dự thảo quy chế lần 2.pdf'],
    );
    expect(res.statusCode).toBe(201);
    const v2 = json<Version>(res);
    expect(v2).toMatchObject({ version: 2, open: true, comments: [] });
    expect(v2.file).toEqual({
      fileName: 'Dự thảo quy chế lần 2.pdf',
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: sha(pdf),
    });
    expect(v2.articles.map((a) => a.anchor)).toContain('Điều 4');
    expect(v2.earlierComments).toHaveLength(3);
    expect(v2.earlierComments.every((c) => c.version === 1)).toBe(true);
    expect(v2.earlierComments.find((c) => c.anchor === 'Điều 3')?.answer).toBe('Đã bổ sung khoản 3 Điều 3.');

    const v1 = json<Version>(await req('GET', `/api/v1/meeting-papers/${paper.id}/versions/1`, member));
    expect(v1).toMatchObject({ open: false, earlierComments: [] });
    expect(v1.comments).toHaveLength(3);
    const onOld = await req('POST', `/api/v1/meeting-papers/${paper.id}/versions/1/comments`, member, {
      body: 'Muộn',
    });
    expect(onOld.statusCode).toBe(409);
    const onNew = await req('POST', `/api/v1/meeting-papers/${paper.id}/versions/2/comments`, member, {
      anchor: 'Điều 4',
      body: 'Ghi rõ ngày hiệu lực.',
    });
    expect(onNew.statusCode).toBe(201);

    const file = await req('GET', `/api/v1/meeting-papers/${paper.id}/versions/2/file`, member);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(sha(file.rawPayload)).toBe(sha(pdf));
    expect(file.headers['x-content-sha256']).toBe(sha(pdf));
  });

  it('refuses a renamed binary, a PDF with /JavaScript and a macro-enabled document, naming the file, storing nothing', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(2000, 7)]);
    const script = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
      'latin1',
    );
    for (const [bytes, name] of [
      [exe, 'quy-che.pdf'],
      [script, 'quy-che.pdf'],
      [docxWith([['word/vbaProject.bin', 'VBA']]), 'quy-che.docx'],
      [odtWith([['Basic/Standard/Module1.xml', 'Sub Main']]), 'quy-che.odt'],
    ] as const) {
      const res = await upload(`/api/v1/meeting-papers/${paper.id}/versions`, drafter, { body: V2 }, [
        bytes,
        name,
      ]);
      expect(res.statusCode).toBe(400);
      expect(fieldOf(res)).toBe('body.file');
      expect(await storage.exists(keyOfDigest(sha(bytes)))).toBe(false);
    }
    const after = json<Paper>(await req('GET', `/api/v1/meeting-papers/${paper.id}`, member));
    expect(after.currentVersion).toBe(2);

    // A DOCX is a fitting paper file, detected by its content whatever its name.
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('Điều 1. Phạm vi')] }] }),
    );
    const res = await upload(`/api/v1/meeting-papers/${paper.id}/versions`, drafter, {}, [docx, 'du-thao']);
    expect(res.statusCode).toBe(201);
    expect(json<Version>(res).file).toMatchObject({
      fileName: 'du-thao.docx',
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
  });

  it("another commune's paper is 404 for its secretary, for reading, commenting and adopting", async () => {
    for (const [method, url, payload] of [
      ['GET', `/api/v1/meeting-papers/${paper.id}`, undefined],
      ['GET', `/api/v1/meeting-papers/${paper.id}/versions/2/file`, undefined],
      ['POST', `/api/v1/meeting-papers/${paper.id}/versions/3/comments`, { body: 'x' }],
      ['POST', `/api/v1/meeting-papers/${paper.id}/adopt`, { version: 2 }],
      ['GET', `/api/v1/meetings/${meetingId}/papers`, undefined],
    ] as const) {
      const res = await req(method, url, foreignSecretary, payload);
      expect(res.statusCode, url).toBe(404);
    }
  });

  it('unpublished papers are 404 publicly; adopted and published, the adopted text and its file are public', async () => {
    const publicUrl = `/api/v1/public/meeting-papers/${paper.id}`;
    expect((await req('GET', publicUrl)).statusCode).toBe(404);
    expect((await req('POST', `/api/v1/meeting-papers/${paper.id}/publish`, secretary)).statusCode).toBe(409);
    const byVote = await req('POST', `/api/v1/meeting-papers/${paper.id}/adopt`, secretary, {
      version: 2,
      voteId: uuidv7(),
    });
    expect(fieldOf(byVote)).toBe('body.voteId');
    const tooFar = await req('POST', `/api/v1/meeting-papers/${paper.id}/adopt`, secretary, { version: 9 });
    expect(fieldOf(tooFar)).toBe('body.version');
    expect(
      (await req('POST', `/api/v1/meeting-papers/${paper.id}/adopt`, drafter, { version: 2 })).statusCode,
    ).toBe(404);
    const adopted = await req('POST', `/api/v1/meeting-papers/${paper.id}/adopt`, secretary, { version: 2 });
    expect(adopted.statusCode).toBe(200);
    expect(json<Paper>(adopted)).toMatchObject({ status: 'adopted', adoptedVersion: 2 });
    expect((await req('GET', publicUrl)).statusCode).toBe(404);
    // Adopted: no more versions or comments.
    expect(
      (await req('POST', `/api/v1/meeting-papers/${paper.id}/versions`, drafter, { body: V2 })).statusCode,
    ).toBe(409);

    expect((await req('POST', `/api/v1/meeting-papers/${paper.id}/publish`, secretary)).statusCode).toBe(200);
    const pub = await req('GET', publicUrl);
    expect(pub.statusCode).toBe(200);
    const body = json<{
      version: number;
      body: string;
      articles: { anchor: string }[];
      file: { url: string; sha256: string };
    }>(pub);
    expect(body.version).toBe(2);
    expect(body.body).toBe(V2);
    expect(body.articles.map((a) => a.anchor)).toEqual(['Điều 1', 'Điều 2', 'Điều 3', 'Điều 4']);
    expect(body.file.sha256).toBe(sha(pdf));
    const download = await req('GET', body.file.url);
    expect(download.statusCode).toBe(200);
    expect(sha(download.rawPayload)).toBe(sha(pdf));
    expect((await req('GET', `/api/v1/public/meeting-papers/${uuidv7()}`)).statusCode).toBe(404);
    expect((await req('GET', '/api/v1/public/meeting-papers/not-an-id')).statusCode).toBe(400);
  });

  it('papers of a rehearsal meeting say so in every answer', async () => {
    const created = await req('POST', `/api/v1/meetings/${rehearsalId}/papers`, secretary, {
      paperType: 'draft_resolution',
      title: 'Dự thảo nghị quyết bầu Chủ tịch HĐND',
      drafterId: drafterOfficial.id,
    });
    const p = json<Paper>(created);
    expect(p.rehearsal).toBe(true);
    const v = await req('POST', `/api/v1/meeting-papers/${p.id}/versions`, secretary, {
      body: 'Điều 1. Bầu.',
    });
    expect(json<Version>(v).rehearsal).toBe(true);
    const c = await req('POST', `/api/v1/meeting-papers/${p.id}/versions/1/comments`, member, {
      body: 'Đồng ý.',
    });
    expect(json<Comment>(c).rehearsal).toBe(true);
    // A long regulation (1500 articles, ≈ 300 KB) is taken whole and read by article; past 300,000 characters, refused.
    const long = Array.from(
      { length: 1500 },
      (_, i) =>
        `Điều ${i + 1}. Quy định thứ ${i + 1}\n1. Ủy ban nhân dân phường thực hiện nhiệm vụ được giao theo quy định hiện hành.\n2. Thường trực Hội đồng nhân dân giám sát.`,
    ).join('\n');
    const longRes = await req('POST', `/api/v1/meeting-papers/${p.id}/versions`, secretary, { body: long });
    expect(longRes.statusCode, longRes.body.slice(0, 300)).toBe(201);
    expect(json<Version>(longRes).articles).toHaveLength(1500);
    const tooLong = await req('POST', `/api/v1/meeting-papers/${p.id}/versions`, secretary, {
      body: `${long}\n${long}`,
    });
    expect(fieldOf(tooLong)).toBe('body.body');
    expect(json<Paper>(await req('GET', `/api/v1/meeting-papers/${p.id}`, member)).rehearsal).toBe(true);
    const list = json<{ items: Paper[] }>(await req('GET', `/api/v1/meetings/${rehearsalId}/papers`, member));
    expect(list.items.every((x) => x.rehearsal)).toBe(true);
    const [row] = await database.db.select().from(meetingPapers).where(eq(meetingPapers.id, p.id));
    expect(row?.communeCode).toBe('18100');
  });

  it('the demo seed writes a paper through the same checks: versions, comments with answers, adopted and published', async () => {
    const seeded = await seedPaper(systemContext(database.db, 'demo seed'), meetingId, {
      paperType: 'draft_regulation',
      title: 'Dự thảo Quy chế làm việc (mẫu)',
      drafterId: drafterOfficial.id,
      versions: [
        {
          body: V1,
          comments: [
            {
              officialId: memberOfficial.id,
              anchor: 'Điều 3',
              body: 'Thêm kỳ chuyên đề.',
              answer: 'Tiếp thu.',
            },
          ],
        },
        { body: V2, changeNote: 'Tiếp thu góp ý' },
      ],
      adopt: { publish: true },
    });
    expect(seeded).toMatchObject({ status: 'published', adoptedVersion: 2, currentVersion: 2 });
    const v2 = json<Version>(await req('GET', `/api/v1/meeting-papers/${seeded.id}/versions/2`, member));
    expect(v2.earlierComments).toMatchObject([
      {
        anchor: 'Điều 3',
        author: { officialId: memberOfficial.id },
        answer: 'Tiếp thu.',
        answeredBy: drafterOfficial.fullName,
      },
    ]);
    expect((await req('GET', `/api/v1/public/meeting-papers/${seeded.id}`)).statusCode).toBe(200);
    await expect(
      seedPaper(systemContext(database.db, 'demo seed'), meetingId, {
        paperType: 'report',
        title: 'Báo cáo',
        versions: [{ body: V1, comments: [{ officialId: memberOfficial.id, anchor: 'Điều 8', body: 'x' }] }],
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('the file collector keeps the files of paper versions and removes unreferenced ones', async () => {
    const orphan = await storage.put(await pdfBytes('orphan'));
    const kept = keyOfDigest(sha(pdf));
    const { deleted } = await collectUnreferencedFiles(database.db, storage, {
      graceMs: 60_000,
      now: new Date(Date.now() + 3_600_000),
    });
    expect(deleted).toContain(orphan);
    expect(deleted).not.toContain(kept);
    expect(await storage.get(kept)).toEqual(pdf);
    const pub = await req('GET', `/api/v1/public/meeting-papers/${paper.id}/file`);
    expect(pub.statusCode).toBe(200);
  });
});
