/**
 * Recommendations to the province, inspections and directives through the API on both engines: the whole
 * workflow (send → receive → assign → answer by the department handler → reopen → receive → answer → close),
 * who may do what (a commune cannot receive or answer its own; another commune and another province's handler
 * get 404), deadlines in working days and overdue ones, bad input naming the field, stale versions (409),
 * evidence files, an inspection's visits and directives marked done by the commune.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { inTransaction, systemContext } from '../../db/transaction';
import { DEMO_PASSWORD } from '../../seed/demo';
import { seedDemoDepartmentAccount } from '../../seed/demo-campaign-accounts';
import { auditEntries } from '../audit/schema';
import { createAccount } from '../auth/accounts';
import { accounts } from '../auth/schema';
import { getCalendar } from '../calendar/service';
import { DiskFileStorage, type FileStorage, keyOfDigest } from '../dossiers/storage';
import { collectUnreferencedFiles } from '../dossiers/storage/collector';
import { PostgresFileStorage } from '../dossiers/storage/postgres';
import { notificationOutbox } from '../notifications/schema';
import { todayInVietnam } from '../org/document-format';
import { orgOfficials } from '../org/schema';
import { communes } from '../units/schema';
import { recommendationCounts } from './recommendations';
import { campaignRecommendationActions, campaignRecommendations } from './schema';

type Problem = { status: number; errors?: { field: string }[] };
type Rec = {
  id: string;
  status: string;
  version: number;
  receiveDue: string;
  answerDue: string | null;
  currentDue: string | null;
  overdue: boolean;
  department: string | null;
  assigneeAccountId: string | null;
  assigneeName: string | null;
  outcome: string | null;
  allowed: string[];
  evidence: { fileId: string; name: string; contentType: string; size: number }[];
  actions: { action: string; fromStatus: string | null; toStatus: string; reason: string | null }[];
};
type Directive = { id: string; status: string; version: number; overdue: boolean; communeCode: string };
type Inspection = {
  id: string;
  version: number;
  status: string;
  visits: { communeCode: string; findings: string | null; visitedAt: string | null }[];
  directives: Directive[];
  progress: { done: number; total: number; overdue: number };
};

async function pdfBytes(text: string): Promise<Buffer> {
  const doc = new PDFDocument();
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  doc.text(text);
  doc.end();
  await once(doc, 'end');
  return Buffer.concat(chunks);
}

// The suite's machine may be busy: each step is a handful of requests, given room.
describe.each(ENGINES)(
  'recommendations, inspections and directives on %s',
  { timeout: 120_000 },
  (engine) => {
    let t: TestApp;
    let app: TestApp['app'];
    let leader: Record<string, string>;
    let otherLeader: Record<string, string>;
    let oneStop: Record<string, string>;
    let province: Record<string, string>;
    let handler: Record<string, string>;
    let foreignHandler: Record<string, string>;
    let handlerId: string;
    let provinceOfficerId: string;
    let foreignCommune: string;
    let rec: Rec;
    let dataDir: string;
    let storage: FileStorage;

    const call = (
      method: 'GET' | 'POST' | 'PUT' | 'PATCH',
      url: string,
      headers: Record<string, string>,
      payload?: object,
    ) => app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    const fieldOf = (res: { json(): unknown }) => (res.json() as Problem).errors?.[0]?.field;
    const R = (id: string, step = '') => `/api/v1/campaign/recommendations/${id}${step}`;

    beforeAll(async () => {
      dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'xaso-recs-'));
      t = await createTestApp(engine, {
        demo: true,
        env: { XASO_DATA_DIR: dataDir, XASO_STORAGE: engine === 'postgres' ? 'postgres' : 'disk' },
      });
      storage = engine === 'postgres' ? new PostgresFileStorage(t.database.db) : new DiskFileStorage(dataDir);
      app = t.app;
      const ctx = systemContext(t.database.db, 'test');
      await seedDemoDepartmentAccount(ctx);
      await inTransaction(ctx, (tx, audit) =>
        createAccount(tx, audit, {
          username: 'sonoivu.nghean',
          displayName: 'Cán bộ Sở Nội vụ Nghệ An',
          password: DEMO_PASSWORD,
          isDemo: true,
          grants: [{ role: 'province_department', provinceCode: '40', communeCode: null }],
        }),
      );
      const ids = await t.database.db.select({ id: accounts.id, u: accounts.username }).from(accounts);
      handlerId = ids.find((a) => a.u === 'sonoivu.hatinh')!.id;
      provinceOfficerId = ids.find((a) => a.u === 'tinh.hatinh')!.id;
      const [c] = await t.database.db
        .select({ code: communes.code })
        .from(communes)
        .where(eq(communes.provinceCode, '40'))
        .limit(1);
      foreignCommune = c!.code;
      [leader, otherLeader, oneStop, province, handler, foreignHandler] = await Promise.all([
        loginAs(app, 'lanhdao.tranphu'),
        loginAs(app, 'lanhdao.songtri'),
        loginAs(app, 'motcua.tranphu'),
        loginAs(app, 'tinh.hatinh'),
        loginAs(app, 'sonoivu.hatinh'),
        loginAs(app, 'sonoivu.nghean'),
      ]);
    }, 180_000);

    afterAll(async () => {
      await t?.close();
    });

    it('the commune leader sends a recommendation, due for receipt in working days; bad input names the field', async () => {
      const url = '/api/v1/communes/18100/campaign/recommendations';
      const body = {
        category: 'it',
        title: 'Đề nghị cấp đường truyền internet dự phòng',
        content: 'Mạng nội bộ gián đoạn 45 phút trong buổi vận hành thử nghiệm.',
        urgency: 'urgent',
      };
      for (const [bad, field] of [
        [{ ...body, category: 'money' }, 'body.category'],
        [{ ...body, title: '' }, 'body.title'],
        [{ ...body, title: 'x'.repeat(301) }, 'body.title'],
        [{ ...body, content: 'có\u0000NUL' }, 'body.content'],
        [{ ...body, urgency: 'very' }, 'body.urgency'],
        [{ ...body, trialId: 'not-a-uuid' }, 'body.trialId'],
        [{ ...body, trialId: '01900000-0000-7000-8000-000000000000' }, 'body.trialId'],
      ] as const) {
        const res = await call('POST', url, leader, bad);
        expect(res.statusCode, JSON.stringify(bad).slice(0, 80)).toBe(400);
        expect(fieldOf(res)).toBe(field);
      }
      // A one-stop officer may not send one; another commune's leader may not send for this commune.
      expect((await call('POST', url, oneStop, body)).statusCode).toBe(403);
      expect((await call('POST', url, otherLeader, body)).statusCode).toBe(403);

      const res = await call('POST', url, leader, body);
      expect(res.statusCode).toBe(201);
      rec = json<Rec>(res);
      const calendar = await getCalendar(t.database.db);
      expect(rec).toMatchObject({ status: 'sent', version: 1, overdue: false, allowed: [] });
      expect(rec.receiveDue).toBe(calendar.addWorkingDays(todayInVietnam(), 2));
      expect(rec.currentDue).toBe(rec.receiveDue);
      expect(rec.actions.map((a) => a.action)).toEqual(['send']);
      const list = json<{ items: Rec[] }>(await call('GET', url, leader));
      expect(list.items.map((r) => r.id)).toContain(rec.id);
    });

    it('only the commune and the province read it: another commune and another province get 404', async () => {
      expect((await call('GET', R(rec.id), leader)).statusCode).toBe(200);
      expect((await call('GET', R(rec.id), province)).statusCode).toBe(200);
      expect((await call('GET', R(rec.id), otherLeader)).statusCode).toBe(404);
      expect((await call('GET', R(rec.id), foreignHandler)).statusCode).toBe(404);
      // Not yet assigned to the Hà Tĩnh handler either.
      expect((await call('GET', R(rec.id), handler)).statusCode).toBe(404);
      expect((await call('GET', R('not-a-uuid'), leader)).statusCode).toBe(404);
      expect(
        (await call('GET', '/api/v1/communes/18100/campaign/recommendations', otherLeader)).statusCode,
      ).toBe(403);
    });

    it('the commune cannot receive, assign or answer its own', async () => {
      for (const step of ['/receive', '/assign', '/answer']) {
        const res = await call('POST', R(rec.id, step), leader, {
          version: rec.version,
          department: 'Sở Nội vụ',
          outcome: 'resolved',
          answer: 'Tự trả lời',
        });
        expect(res.statusCode, step).toBe(404);
      }
      // Nor close it before the answer.
      expect((await call('POST', R(rec.id, '/close'), leader, { version: rec.version })).statusCode).toBe(
        409,
      );
    });

    it('the province receives it (stale version → 409), the answer due counted from receipt', async () => {
      const inbox = json<{ items: Rec[] }>(
        await call('GET', '/api/v1/provinces/42/campaign/recommendations?status=sent', province),
      );
      expect(inbox.items.find((r) => r.id === rec.id)?.allowed).toEqual(['receive']);
      expect((await call('POST', R(rec.id, '/receive'), province, { version: 7 })).statusCode).toBe(409);
      expect(fieldOf(await call('POST', R(rec.id, '/receive'), province, { version: 'x' }))).toBe(
        'body.version',
      );
      const res = await call('POST', R(rec.id, '/receive'), province, { version: rec.version });
      expect(res.statusCode).toBe(200);
      rec = json<Rec>(res);
      const calendar = await getCalendar(t.database.db);
      expect(rec.status).toBe('received');
      expect(rec.answerDue).toBe(calendar.addWorkingDays(todayInVietnam(), 3)); // urgent: 3 working days
      expect(rec.currentDue).toBe(rec.answerDue);
      // Received twice: the state says no.
      expect((await call('POST', R(rec.id, '/receive'), province, { version: rec.version })).statusCode).toBe(
        409,
      );
    });

    it('the province assigns it to a department and its handler, who sees it in their inbox and answers', async () => {
      const handlers = json<{ items: { accountId: string; username: string }[] }>(
        await call('GET', '/api/v1/provinces/42/campaign/department-handlers', province),
      );
      expect(handlers.items.map((h) => h.username)).toEqual(['sonoivu.hatinh']);
      // Only a department handler of the province can be the assignee.
      let res = await call('POST', R(rec.id, '/assign'), province, {
        version: rec.version,
        department: 'Sở Nội vụ',
        assigneeAccountId: provinceOfficerId,
      });
      expect(res.statusCode).toBe(400);
      expect(fieldOf(res)).toBe('body.assigneeAccountId');
      expect(
        fieldOf(await call('POST', R(rec.id, '/assign'), province, { version: rec.version, department: '' })),
      ).toBe('body.department');
      // The handler may not assign.
      res = await call('POST', R(rec.id, '/assign'), handler, {
        version: rec.version,
        department: 'Sở Nội vụ',
      });
      expect(res.statusCode).toBe(404);
      res = await call('POST', R(rec.id, '/assign'), province, {
        version: rec.version,
        department: 'Sở Nội vụ',
        assigneeAccountId: handlerId,
      });
      expect(res.statusCode).toBe(200);
      rec = json<Rec>(res);
      expect(rec).toMatchObject({
        status: 'assigned',
        department: 'Sở Nội vụ',
        assigneeAccountId: handlerId,
      });
      expect(rec.assigneeName).toContain('Nội Vụ');

      // The handler's inbox: theirs only; another province's handler sees nothing of Hà Tĩnh.
      const inbox = json<{ items: Rec[] }>(
        await call('GET', '/api/v1/provinces/42/campaign/recommendations', handler),
      );
      expect(inbox.items.map((r) => r.id)).toContain(rec.id);
      expect(inbox.items.every((r) => r.assigneeAccountId === handlerId)).toBe(true);
      expect(inbox.items.find((r) => r.id === rec.id)!.allowed).toEqual(['answer']);
      expect(
        (await call('GET', '/api/v1/provinces/42/campaign/recommendations', foreignHandler)).statusCode,
      ).toBe(403);
      expect(
        (
          await call('POST', R(rec.id, '/answer'), foreignHandler, {
            version: rec.version,
            outcome: 'resolved',
            answer: 'Đã xử lý',
          })
        ).statusCode,
      ).toBe(404);
      // Declined needs a reason.
      res = await call('POST', R(rec.id, '/answer'), handler, {
        version: rec.version,
        outcome: 'declined',
        answer: 'Không thực hiện được',
      });
      expect(res.statusCode).toBe(400);
      expect(fieldOf(res)).toBe('body.reason');
      expect(
        fieldOf(
          await call('POST', R(rec.id, '/answer'), handler, {
            version: rec.version,
            outcome: 'maybe',
            answer: 'x',
          }),
        ),
      ).toBe('body.outcome');
      // The leader who sent it hears of the answer by e-mail when their account's official has an address.
      const [sender] = await t.database.db
        .select({ officialId: accounts.officialId })
        .from(accounts)
        .where(eq(accounts.username, 'lanhdao.tranphu'));
      if (sender?.officialId)
        await t.database.db
          .update(orgOfficials)
          .set({ email: 'lanhdao.tranphu@example.vn' })
          .where(eq(orgOfficials.id, sender.officialId));
      res = await call('POST', R(rec.id, '/answer'), handler, {
        version: rec.version,
        outcome: 'partly',
        answer: 'Sở đã đề nghị nhà mạng lắp đường truyền dự phòng; thiết bị về sau ngày 01/7.',
      });
      expect(res.statusCode).toBe(200);
      rec = json<Rec>(res);
      expect(rec).toMatchObject({ status: 'answered', outcome: 'partly', currentDue: null, overdue: false });
      expect(sender?.officialId).toBeTruthy();
      const mails = await t.database.db
        .select()
        .from(notificationOutbox)
        .where(eq(notificationOutbox.sourceId, rec.id));
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({ recipient: 'lanhdao.tranphu@example.vn', communeCode: '18100' });
      expect(mails[0]!.body).toContain('Giải quyết một phần');
    });

    it('the commune reopens it with a reason; the province receives it again and answers; the commune closes it', async () => {
      let res = await call('POST', R(rec.id, '/reopen'), leader, { version: rec.version });
      expect(res.statusCode).toBe(400);
      expect(fieldOf(res)).toBe('body.reason');
      expect(
        (await call('POST', R(rec.id, '/reopen'), otherLeader, { version: rec.version, reason: 'Chưa đủ' }))
          .statusCode,
      ).toBe(404);
      res = await call('POST', R(rec.id, '/reopen'), leader, {
        version: rec.version,
        reason: 'Cần đường truyền trước ngày vận hành chính thức.',
      });
      expect(res.statusCode).toBe(200);
      rec = json<Rec>(res);
      expect(rec).toMatchObject({ status: 'reopened', answerDue: null });
      expect(rec.currentDue).toBe(rec.receiveDue);
      rec = json<Rec>(await call('POST', R(rec.id, '/receive'), province, { version: rec.version }));
      expect(rec.status).toBe('received');
      res = await call('POST', R(rec.id, '/answer'), province, {
        version: rec.version,
        outcome: 'resolved',
        answer: 'Đã lắp đường truyền dự phòng ngày 28/6.',
      });
      expect(res.statusCode).toBe(200);
      rec = json<Rec>(res);
      expect(rec.allowed).toEqual([]); // the province sees no more steps
      expect(json<Rec>(await call('GET', R(rec.id), leader)).allowed).toEqual(['close', 'reopen']);
      res = await call('POST', R(rec.id, '/close'), leader, { version: rec.version });
      expect(res.statusCode).toBe(200);
      rec = json<Rec>(res);
      expect(rec.status).toBe('closed');
      expect(rec.actions.map((a) => `${a.action}:${a.toStatus}`)).toEqual([
        'send:sent',
        'receive:received',
        'assign:assigned',
        'answer:answered',
        'reopen:reopened',
        'receive:received',
        'answer:answered',
        'close:closed',
      ]);
      expect(rec.actions[4]!.reason).toContain('trước ngày vận hành');
      const audits = await t.database.db
        .select({ action: auditEntries.action })
        .from(auditEntries)
        .where(
          and(eq(auditEntries.entityType, 'campaign_recommendation'), eq(auditEntries.entityId, rec.id)),
        );
      expect(audits).toHaveLength(8);
      // Closed is final.
      expect(
        (await call('POST', R(rec.id, '/reopen'), leader, { version: rec.version, reason: 'Lại' }))
          .statusCode,
      ).toBe(409);
    });

    it('evidence files: PDF, JPEG or PNG by content, read back; another commune cannot add any', async () => {
      const sent = json<Rec>(
        await call('POST', '/api/v1/communes/18100/campaign/recommendations', leader, {
          category: 'facilities',
          title: 'Đề nghị cấp thêm máy quét',
          content: 'Trung tâm có 01 máy quét cho 4 quầy.',
        }),
      );
      const upload = (headers: Record<string, string>, bytes: Buffer, name: string) => {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(bytes)]), name);
        return app.inject({ method: 'POST', url: R(sent.id, '/evidence'), headers, payload: form });
      };
      const pdf = await pdfBytes('Biên bản kiểm tra thiết bị');
      let res = await upload(leader, pdf, 'bien-ban.pdf');
      expect(res.statusCode).toBe(201);
      const file = json<{ fileId: string; contentType: string; size: number }>(res);
      expect(file).toMatchObject({ contentType: 'application/pdf', size: pdf.length });
      res = await upload(leader, Buffer.from('MZ not a document'), 'virus.exe');
      expect(res.statusCode).toBe(400);
      expect(fieldOf(res)).toBe('body.file');
      expect((await upload(otherLeader, pdf, 'x.pdf')).statusCode).toBe(404);
      res = await call('GET', R(sent.id, `/evidence/${file.fileId}`), province);
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(pdf)).toBe(true);
      expect((await call('GET', R(sent.id, `/evidence/${file.fileId}`), otherLeader)).statusCode).toBe(404);
      expect(json<Rec>(await call('GET', R(sent.id), leader)).evidence).toHaveLength(1);
      // The collector of unreferenced files keeps evidence (its key lives in the recommendation's JSON list).
      const { deleted } = await collectUnreferencedFiles(t.database.db, storage, {
        graceMs: 60_000,
        now: new Date(Date.now() + 3_600_000),
      });
      expect(deleted).not.toContain(keyOfDigest(createHash('sha256').update(pdf).digest('hex')));
      expect((await call('GET', R(sent.id, `/evidence/${file.fileId}`), leader)).rawPayload.equals(pdf)).toBe(
        true,
      );
    });

    it('overdue ones: flagged in the inbox and counted for the board', async () => {
      const sent = json<Rec>(
        await call('POST', '/api/v1/communes/18754/campaign/recommendations', otherLeader, {
          category: 'personnel',
          title: 'Đề nghị bổ sung công chức địa chính',
          content: 'Phường thiếu 01 công chức địa chính - xây dựng.',
        }),
      );
      // Sent ten days ago, due for receipt long since.
      await t.database.db
        .update(campaignRecommendations)
        .set({ sentAt: new Date(Date.now() - 10 * 86_400_000), receiveDue: '2025-06-24' })
        .where(eq(campaignRecommendations.id, sent.id));
      const inbox = json<{ items: Rec[] }>(
        await call('GET', '/api/v1/provinces/42/campaign/recommendations?overdue=true', province),
      );
      expect(inbox.items.map((r) => r.id)).toContain(sent.id);
      expect(inbox.items.every((r) => r.overdue)).toBe(true);
      const notOverdue = json<{ items: Rec[] }>(
        await call(
          'GET',
          '/api/v1/provinces/42/campaign/recommendations?overdue=false&commune=18754',
          province,
        ),
      );
      expect(notOverdue.items.map((r) => r.id)).not.toContain(sent.id);
      expect(
        fieldOf(await call('GET', '/api/v1/provinces/42/campaign/recommendations?status=lost', province)),
      ).toBe('query.status');
      const counts = await recommendationCounts(t.database.db, '42', todayInVietnam());
      const songTri = counts.get('18754')!;
      expect(songTri.byStatus.sent).toBeGreaterThanOrEqual(1);
      expect(songTri.overdue).toBeGreaterThanOrEqual(1);
      expect(songTri.oldestOpenDays).toBeGreaterThanOrEqual(10);
      expect(counts.get('18100')!.byStatus.closed).toBeGreaterThanOrEqual(1);
      expect((await recommendationCounts(t.database.db, '40', todayInVietnam())).size).toBe(0);
      const actions = await t.database.db
        .select()
        .from(campaignRecommendationActions)
        .where(eq(campaignRecommendationActions.recommendationId, sent.id));
      expect(actions).toHaveLength(1);
    });

    it('an inspection visits communes of the province, records findings and gives directives the commune marks done', async () => {
      const url = '/api/v1/provinces/42/campaign/inspections';
      const body = {
        title: 'Kiểm tra công tác chuẩn bị vận hành',
        plannedDate: '2025-06-20',
        team: { lead: 'Phó Chủ tịch UBND tỉnh', members: ['Sở Nội vụ'] },
        communeCodes: ['18100', '18754'],
      };
      let res = await call('POST', url, province, { ...body, communeCodes: ['18100', foreignCommune] });
      expect(res.statusCode).toBe(400);
      expect(fieldOf(res)).toBe('body.communeCodes.1');
      expect(fieldOf(await call('POST', url, province, { ...body, plannedDate: '2025-02-30' }))).toBe(
        'body.plannedDate',
      );
      expect(fieldOf(await call('POST', url, province, { ...body, communeCodes: [] }))).toBe(
        'body.communeCodes',
      );
      expect((await call('POST', url, leader, body)).statusCode).toBe(403);
      expect((await call('POST', url, handler, body)).statusCode).toBe(403);
      res = await call('POST', url, province, body);
      expect(res.statusCode).toBe(201);
      let insp = json<Inspection>(res);
      expect(insp.visits.map((v) => v.communeCode).sort()).toEqual(['18100', '18754']);
      expect((await call('GET', `/api/v1/campaign/inspections/${insp.id}`, foreignHandler)).statusCode).toBe(
        404,
      );
      expect((await call('GET', `/api/v1/campaign/inspections/${insp.id}`, leader)).statusCode).toBe(404);

      // Done needs a visit recorded.
      res = await call('PATCH', `/api/v1/campaign/inspections/${insp.id}`, province, {
        version: insp.version,
        status: 'done',
      });
      expect(fieldOf(res)).toBe('body.status');
      res = await call('PUT', `/api/v1/campaign/inspections/${insp.id}/visits/18100`, province, {
        version: insp.version,
        visitedAt: '2025-06-20T09:30:00+07:00',
        findings: 'Phân công nhiệm vụ còn chồng chéo.',
      });
      expect(res.statusCode).toBe(200);
      insp = json<Inspection>(res);
      expect(insp.visits.find((v) => v.communeCode === '18100')?.findings).toContain('chồng chéo');
      expect(
        (
          await call('PUT', `/api/v1/campaign/inspections/${insp.id}/visits/18100`, province, {
            version: insp.version - 1,
            findings: 'cũ',
          })
        ).statusCode,
      ).toBe(409);
      expect(
        (
          await call('PUT', `/api/v1/campaign/inspections/${insp.id}/visits/${foreignCommune}`, province, {
            version: insp.version,
            findings: 'x',
          })
        ).statusCode,
      ).toBe(404);

      const dirUrl = `/api/v1/campaign/inspections/${insp.id}/directives`;
      res = await call('POST', dirUrl, province, {
        communeCode: foreignCommune,
        content: 'Làm việc',
        dueDate: '2025-06-25',
      });
      expect(fieldOf(res)).toBe('body.communeCode');
      res = await call('POST', dirUrl, province, {
        communeCode: '18100',
        content: 'Ban hành lại thông báo phân công nhiệm vụ.',
        dueDate: '2025-06-25',
      });
      expect(res.statusCode).toBe(201);
      const directive = json<Directive>(res);
      expect(directive).toMatchObject({ status: 'open', overdue: true }); // 25/6/2025 is past
      res = await call('PATCH', `/api/v1/campaign/inspections/${insp.id}`, province, {
        version: insp.version,
        status: 'done',
      });
      expect(res.statusCode).toBe(200);
      insp = json<Inspection>(res);
      expect(insp.status).toBe('done');
      expect(insp.progress).toEqual({ done: 0, total: 1, overdue: 1 });

      // The commune's tasks.
      const mine = json<{ items: Directive[] }>(
        await call('GET', '/api/v1/communes/18100/campaign/directives', leader),
      );
      expect(mine.items.map((d) => d.id)).toContain(directive.id);
      const theirs = json<{ items: Directive[] }>(
        await call('GET', '/api/v1/communes/18754/campaign/directives', otherLeader),
      );
      expect(theirs.items.map((d) => d.id)).not.toContain(directive.id);
      const D = `/api/v1/campaign/directives/${directive.id}`;
      expect((await call('GET', D, otherLeader)).statusCode).toBe(404);
      expect((await call('POST', `${D}/done`, otherLeader, { version: 1, note: 'Đã xong' })).statusCode).toBe(
        404,
      );
      expect((await call('POST', `${D}/done`, oneStop, { version: 1, note: 'Đã xong' })).statusCode).toBe(
        404,
      );
      expect((await call('POST', `${D}/done`, province, { version: 1, note: 'Đã xong' })).statusCode).toBe(
        404,
      );
      expect(fieldOf(await call('POST', `${D}/done`, leader, { version: 1, note: '' }))).toBe('body.note');
      expect((await call('POST', `${D}/done`, leader, { version: 2, note: 'Đã ban hành' })).statusCode).toBe(
        409,
      );
      res = await call('POST', `${D}/done`, leader, {
        version: 1,
        note: 'Đã ban hành Thông báo số 12/TB-UBND.',
      });
      expect(res.statusCode).toBe(200);
      expect(json<Directive>(res)).toMatchObject({ status: 'done', overdue: false, version: 2 });
      expect((await call('POST', `${D}/done`, leader, { version: 2, note: 'Lần nữa' })).statusCode).toBe(409);
      insp = json<Inspection>(await call('GET', `/api/v1/campaign/inspections/${insp.id}`, province));
      expect(insp.progress).toEqual({ done: 1, total: 1, overdue: 0 });
      // A done inspection's plan is fixed.
      expect(
        (
          await call('PATCH', `/api/v1/campaign/inspections/${insp.id}`, province, {
            version: insp.version,
            title: 'Khác',
          })
        ).statusCode,
      ).toBe(409);
    });
  },
);
