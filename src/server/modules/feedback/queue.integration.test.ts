/**
 * The feedback staff queue, its export and the province's queue and overview, on both engines, over reports
 * written straight into the table (a commune of Hà Tĩnh without demo data, so every count is known): each filter,
 * the search (code, text without diacritics, phone in any form), "mine", cursor pages, the counts; due soon and
 * overdue on a pinned day across Tết 2026 (working days of the recorded calendar); another commune's or province's
 * callers refused; the Excel sheet's rows as filtered; bad query strings naming the field.
 */

import { and, eq, inArray, notInArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import type { FeedbackCategory, FeedbackState, FeedbackSummary } from '../../../common/api/feedback';
import { foldVietnamese } from '../../../common/text';
import { inTransaction, systemContext } from '../../db/transaction';
import { DEMO_PASSWORD } from '../../seed/demo';
import { DEMO_DOSSIER_COMMUNES } from '../../seed/demo-dossiers';
import { createAccount } from '../auth/accounts';
import { accounts } from '../auth/schema';
import { formatIsoDate, parseIsoDate } from '../calendar/lunar';
import { getCalendar } from '../calendar/service';
import { todayInVietnam } from '../org/document-format';
import { communes } from '../units/schema';
import { categoriesOfProvince } from './categories';
import { listCommuneFeedback } from './queue';
import { feedbackReports } from './schema';

type Problem = { status: number; errors?: { field: string }[] };
type Page = {
  items: FeedbackSummary[];
  nextCursor: string | null;
  counts: {
    byState: Record<FeedbackState, number>;
    open: number;
    dueSoon: number;
    overdue: number;
    mine: number;
  };
};

const addDays = (d: string, n: number) => formatIsoDate(parseIsoDate(d) + n);

describe.each(ENGINES)('feedback queue on %s', { timeout: 120_000 }, (engine) => {
  let t: TestApp;
  let app: TestApp['app'];
  let commune: string;
  let neighbour: string;
  let foreignCommune: string;
  let leader: Record<string, string>;
  let specialist: Record<string, string>;
  let neighbourLeader: Record<string, string>;
  let province: Record<string, string>;
  let foreignProvince: Record<string, string>;
  let specialistId: string;
  let cats: FeedbackCategory[];
  let today: string;
  let seq = 0;
  /** The reports of `commune`, by a short name. */
  const ids: Record<string, string> = {};
  const codes: Record<string, string> = {};

  const call = (url: string, headers: Record<string, string>) => app.inject({ method: 'GET', url, headers });
  const fieldOf = (res: { json(): unknown }) => (res.json() as Problem).errors?.[0]?.field;
  const queueUrl = (query = '') => `/api/v1/communes/${commune}/feedback${query ? `?${query}` : ''}`;

  async function insertReport(r: {
    name: string;
    communeCode?: string;
    provinceCode?: string;
    category?: number;
    state?: FeedbackState;
    channel?: 'web' | 'counter' | 'phone' | 'open311';
    title: string;
    content?: string;
    receivedAt: Date;
    transferDueDate: string;
    answerDueDate?: string | null;
    phone?: string | null;
    assignee?: string | null;
    escalationLevel?: number;
  }) {
    seq += 1;
    const communeCode = r.communeCode ?? commune;
    const id = uuidv7();
    const code = `PA-${communeCode}-260101-${String(seq).padStart(4, '0')}`;
    const content = r.content ?? 'Nội dung phản ánh.';
    await t.database.db.insert(feedbackReports).values({
      id,
      code,
      communeCode,
      provinceCode: r.provinceCode ?? '42',
      categoryId: cats[r.category ?? 0]!.id,
      channel: r.channel ?? 'web',
      title: r.title,
      content,
      searchText: foldVietnamese(`${r.title} ${content}`),
      reporterName: 'Nguyễn Văn An',
      reporterPhone: r.phone ?? null,
      state: r.state ?? 'received',
      assigneeAccountId: r.assignee ?? null,
      receivedAt: r.receivedAt,
      transferDueDate: r.transferDueDate,
      answerDueDate: r.answerDueDate ?? null,
      escalationLevel: r.escalationLevel ?? 0,
    });
    ids[r.name] = id;
    codes[r.name] = code;
    return id;
  }

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    app = t.app;
    const db = t.database.db;
    const demo = DEMO_DOSSIER_COMMUNES.map(([c]) => c);
    const free = await db
      .select({ code: communes.code })
      .from(communes)
      .where(and(eq(communes.provinceCode, '42'), notInArray(communes.code, demo)))
      .orderBy(communes.code)
      .limit(2);
    [commune, neighbour] = free.map((c) => c.code) as [string, string];
    const [f] = await db
      .select({ code: communes.code })
      .from(communes)
      .where(eq(communes.provinceCode, '40'))
      .limit(1);
    foreignCommune = f!.code;
    const ctx = systemContext(db, 'test');
    const people: [
      string,
      string,
      'commune_leader' | 'specialist' | 'province_officer',
      string | null,
      string | null,
    ][] = [
      ['lanhdao.q', 'Lãnh đạo Q', 'commune_leader', '42', commune],
      ['chuyenvien.q', 'Trần Thị Chuyên Viên Q', 'specialist', '42', commune],
      ['lanhdao.n', 'Lãnh đạo N', 'commune_leader', '42', neighbour],
      ['tinh.q40', 'Cán bộ tỉnh 40', 'province_officer', '40', null],
    ];
    for (const [username, displayName, role, provinceCode, communeCode] of people)
      await inTransaction(ctx, (tx, audit) =>
        createAccount(tx, audit, {
          username,
          displayName,
          password: DEMO_PASSWORD,
          isDemo: true,
          grants: [{ role, provinceCode: communeCode ? null : provinceCode, communeCode }],
        }),
      );
    specialistId = (await db.select().from(accounts).where(eq(accounts.username, 'chuyenvien.q')))[0]!.id;
    [leader, specialist, neighbourLeader, province, foreignProvince] = await Promise.all([
      loginAs(app, 'lanhdao.q'),
      loginAs(app, 'chuyenvien.q'),
      loginAs(app, 'lanhdao.n'),
      loginAs(app, 'tinh.hatinh'),
      loginAs(app, 'tinh.q40'),
    ]);
    cats = await categoriesOfProvince(db, '42');

    // Reports around the real today (the routes use it): overdue, due today (soon), on time, done.
    today = todayInVietnam();
    const cal = await getCalendar(db);
    const later = cal.addWorkingDays(today, 10);
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
    await insertReport({
      name: 'overdue',
      title: 'Đèn đường hỏng ở thôn 3',
      content: 'Đèn chiếu sáng tắt cả tuần.',
      receivedAt: hoursAgo(100),
      transferDueDate: addDays(today, -10),
      answerDueDate: addDays(today, -1),
      state: 'assigned',
      assignee: specialistId,
      phone: '0912345678',
    });
    await insertReport({
      name: 'soon',
      title: 'Rác thải ven sông',
      receivedAt: hoursAgo(90),
      transferDueDate: today,
      category: 2,
      channel: 'counter',
    });
    await insertReport({
      name: 'ontime',
      title: 'Hỏi về địa chỉ mới sau sáp nhập',
      receivedAt: hoursAgo(80),
      transferDueDate: later,
      answerDueDate: later,
      state: 'accepted',
      category: 1,
      channel: 'phone',
    });
    await insertReport({
      name: 'answered',
      title: 'Ổ gà trên đường liên xã',
      receivedAt: hoursAgo(70),
      transferDueDate: addDays(today, -20),
      answerDueDate: addDays(today, -5),
      state: 'answered',
      assignee: specialistId,
    });
    await insertReport({
      name: 'escalated',
      title: 'Tranh chấp đất đai kéo dài',
      receivedAt: hoursAgo(60),
      transferDueDate: addDays(today, -30),
      answerDueDate: addDays(today, -15),
      state: 'escalated',
      escalationLevel: 2,
    });
    await insertReport({
      name: 'leader',
      title: 'Cống thoát nước tắc',
      receivedAt: hoursAgo(50),
      transferDueDate: addDays(today, -8),
      answerDueDate: addDays(today, -2),
      state: 'accepted',
      escalationLevel: 1,
    });
    for (let i = 0; i < 5; i++)
      await insertReport({
        name: `bulk${i}`,
        title: `Phản ánh số ${i}`,
        receivedAt: hoursAgo(40 - i),
        transferDueDate: later,
        category: 3,
        channel: 'open311',
      });
    // Another commune's report (same province) and one in another province.
    await insertReport({
      name: 'neighbour',
      communeCode: neighbour,
      title: 'Đèn đường hỏng ở thôn 3',
      receivedAt: hoursAgo(30),
      transferDueDate: addDays(today, -3),
      answerDueDate: addDays(today, -1),
      state: 'accepted',
    });
    await insertReport({
      name: 'foreign',
      communeCode: foreignCommune,
      provinceCode: '40',
      title: 'Đèn đường hỏng ở thôn 3',
      receivedAt: hoursAgo(30),
      transferDueDate: addDays(today, -3),
    });
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  const codesOf = (res: { json(): unknown }) => (res.json() as Page).items.map((i) => i.code);

  it('lists the commune’s reports newest first with the counts of the tabs', async () => {
    const res = await call(queueUrl(), leader);
    expect(res.statusCode).toBe(200);
    const page = json<Page>(res);
    expect(page.items).toHaveLength(11);
    expect(page.items.every((i) => i.communeCode === commune)).toBe(true);
    const times = page.items.map((i) => i.receivedAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(page.counts).toMatchObject({ open: 10, overdue: 3, dueSoon: 1, mine: 0 });
    // Mine: assigned to the caller and still open.
    expect(json<Page>(await call(queueUrl(), specialist)).counts.mine).toBe(1);
    expect(page.counts.byState).toMatchObject({
      received: 6,
      assigned: 1,
      accepted: 2,
      answered: 1,
      escalated: 1,
    });
    const overdue = page.items.find((i) => i.code === codes.overdue)!;
    expect(overdue).toMatchObject({
      timeliness: 'overdue',
      assigneeName: 'Trần Thị Chuyên Viên Q',
      categoryName: cats[0]!.nameVi,
      kind: cats[0]!.kind,
      channel: 'web',
    });
    expect(page.items.find((i) => i.code === codes.soon)!.timeliness).toBe('due_soon');
    expect(page.items.find((i) => i.code === codes.ontime)!.timeliness).toBe('on_time');
    expect(page.items.find((i) => i.code === codes.answered)!.timeliness).toBe('done');
  });

  it('filters by state, category, channel, due date standing and "mine"', async () => {
    expect(codesOf(await call(queueUrl('state=accepted'), leader)).sort()).toEqual(
      [codes.ontime, codes.leader].sort(),
    );
    expect(codesOf(await call(queueUrl(`categoryId=${cats[2]!.id}`), leader))).toEqual([codes.soon]);
    expect(codesOf(await call(queueUrl('channel=phone'), leader))).toEqual([codes.ontime]);
    expect(codesOf(await call(queueUrl('channel=open311'), leader))).toHaveLength(5);
    expect(codesOf(await call(queueUrl('due=overdue'), leader)).sort()).toEqual(
      [codes.overdue, codes.escalated, codes.leader].sort(),
    );
    expect(codesOf(await call(queueUrl('due=soon'), leader))).toEqual([codes.soon]);
    expect(codesOf(await call(queueUrl('assignee=me'), specialist)).sort()).toEqual(
      [codes.overdue, codes.answered].sort(),
    );
    expect(codesOf(await call(queueUrl('assignee=me'), leader))).toEqual([]);
    // Filters combine; the counts keep the category/channel/search filters but not the state.
    const both = json<Page>(await call(queueUrl('state=received&channel=open311'), leader));
    expect(both.items).toHaveLength(5);
    expect(both.counts.byState.received).toBe(5);
    expect(both.counts.byState.accepted).toBe(0);
  });

  it('searches by code, by text without diacritics and by the reporter’s phone in any form', async () => {
    expect(
      codesOf(await call(queueUrl(`q=${encodeURIComponent(codes.soon!.toLowerCase())}`), leader)),
    ).toEqual([codes.soon]);
    expect(codesOf(await call(queueUrl('q=den%20duong%20hong'), leader))).toEqual([codes.overdue]);
    expect(codesOf(await call(queueUrl(`q=${encodeURIComponent('ĐÈN CHIẾU SÁNG')}`), leader))).toEqual([
      codes.overdue,
    ]);
    expect(codesOf(await call(queueUrl(`q=${encodeURIComponent('+84 912 345 678')}`), leader))).toEqual([
      codes.overdue,
    ]);
    expect(codesOf(await call(queueUrl('q=0912.345.678'), leader))).toEqual([codes.overdue]);
    expect(codesOf(await call(queueUrl('q=100%25'), leader))).toEqual([]);
    expect(codesOf(await call(queueUrl('q=nothing%20like%20this'), leader))).toEqual([]);
  });

  it('pages with a cursor: every report once, in order', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await call(queueUrl(`limit=3${cursor ? `&cursor=${cursor}` : ''}`), leader);
      expect(res.statusCode).toBe(200);
      const page = json<Page>(res);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((i) => i.code));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(11);
    expect(seen).toEqual(codesOf(await call(queueUrl(), leader)));
  });

  it('refuses other communes and provinces, and shows the province officer the commune', async () => {
    expect((await call(queueUrl(), neighbourLeader)).statusCode).toBe(403);
    expect((await call(queueUrl(), foreignProvince)).statusCode).toBe(403);
    expect((await call(queueUrl(), {})).statusCode).toBe(401);
    expect((await call(`/api/v1/communes/${neighbour}/feedback`, leader)).statusCode).toBe(403);
    expect((await call(`/api/v1/communes/${commune}/feedback/export.xlsx`, neighbourLeader)).statusCode).toBe(
      403,
    );
    expect((await call(`/api/v1/communes/${commune}/feedback/statistics`, foreignProvince)).statusCode).toBe(
      403,
    );
    expect((await call('/api/v1/communes/99999/feedback', province)).statusCode).toBe(404);
    const viaProvince = json<Page>(await call(queueUrl(), province));
    expect(viaProvince.items).toHaveLength(11);
    // The neighbour's list holds only its own report.
    expect(codesOf(await call(`/api/v1/communes/${neighbour}/feedback`, neighbourLeader))).toEqual([
      codes.neighbour,
    ]);
  });

  it('names the field of a bad query string', async () => {
    const cases: [string, string][] = [
      ['state=bogus', 'query.state'],
      ['categoryId=not-a-uuid', 'query.categoryId'],
      ['channel=fax', 'query.channel'],
      ['due=later', 'query.due'],
      ['assignee=you', 'query.assignee'],
      ['limit=abc', 'query.limit'],
      ['limit=0', 'query.limit'],
      ['limit=100000', 'query.limit'],
      ['q=a%00b', 'query.q'],
      [`q=${'x'.repeat(20_000)}`, 'query.q'],
      ['cursor=bm90LWEtY3Vyc29y', 'query.cursor'],
      [`cursor=${'A'.repeat(20_000)}`, 'query.cursor'],
    ];
    for (const [query, field] of cases) {
      const res = await call(queueUrl(query), leader);
      expect(res.statusCode, query.slice(0, 40)).toBe(400);
      expect(fieldOf(res), query.slice(0, 40)).toBe(field);
    }
    // A category of another province (or none at all) is named.
    const foreignCategory = (await categoriesOfProvince(t.database.db, '40'))[0]!.id;
    for (const id of [foreignCategory, '00000000-0000-4000-8000-000000000000']) {
      const res = await call(queueUrl(`categoryId=${id}`), leader);
      expect(res.statusCode).toBe(400);
      expect(fieldOf(res)).toBe('query.categoryId');
    }
    // A malformed commune code is no commune (the access rule answers before the query is read).
    expect((await call('/api/v1/communes/18x00/feedback', leader)).statusCode).toBe(404);
    const stats = await call(`/api/v1/communes/${commune}/feedback/statistics?from=2026-13-01`, leader);
    expect(stats.statusCode).toBe(400);
    expect(fieldOf(stats)).toBe('query.from');
    const reversed = await call(
      `/api/v1/communes/${commune}/feedback/statistics?from=2026-05-01&to=2026-04-01`,
      leader,
    );
    expect(reversed.statusCode).toBe(400);
    expect(fieldOf(reversed)).toBe('query.to');
  });

  it('counts due soon and overdue in working days on a pinned day across Tết 2026', async () => {
    const db = t.database.db;
    const cal = await getCalendar(db);
    // Tết Bính Ngọ: 14–22 Feb 2026 off. On Thursday 12 Feb, two working days ahead reach Monday 23 Feb.
    expect(cal.isWorkingDay('2026-02-16')).toBe(false);
    expect(cal.addWorkingDays('2026-02-12', 2)).toBe('2026-02-23');
    const pinned = '2026-02-12';
    const received = new Date('2026-02-02T03:00:00Z');
    const tet = { communeCode: neighbour, receivedAt: received, state: 'accepted' as const };
    await insertReport({
      ...tet,
      name: 'tet-overdue',
      title: 'Tết quá hạn',
      transferDueDate: '2026-02-05',
      answerDueDate: '2026-02-11',
    });
    await insertReport({
      ...tet,
      name: 'tet-today',
      title: 'Tết đến hạn hôm nay',
      transferDueDate: '2026-02-05',
      answerDueDate: '2026-02-12',
    });
    await insertReport({
      ...tet,
      name: 'tet-soon',
      title: 'Tết sắp đến hạn',
      transferDueDate: '2026-02-05',
      answerDueDate: '2026-02-23',
    });
    await insertReport({
      ...tet,
      name: 'tet-later',
      title: 'Tết còn hạn',
      transferDueDate: '2026-02-05',
      answerDueDate: '2026-02-24',
    });
    // Received, transfer deadline first (the answer's later).
    await insertReport({
      ...tet,
      state: 'received',
      name: 'tet-transfer',
      title: 'Tết chưa phân loại',
      transferDueDate: '2026-02-13',
      answerDueDate: '2026-03-10',
    });
    const where = { communeCode: neighbour, provinceCode: '42' };
    const tetIds = ['tet-overdue', 'tet-today', 'tet-soon', 'tet-later', 'tet-transfer'].map((n) => ids[n]!);
    const list = async (due?: 'soon' | 'overdue') =>
      (await listCommuneFeedback(db, where, null, { due, limit: 50 }, { today: pinned })).items
        .filter((i) => tetIds.includes(i.id))
        .map((i) => i.title)
        .sort();
    expect(await list('overdue')).toEqual(['Tết quá hạn']);
    expect(await list('soon')).toEqual(['Tết chưa phân loại', 'Tết sắp đến hạn', 'Tết đến hạn hôm nay']);
    const all = (await listCommuneFeedback(db, where, null, { limit: 50 }, { today: pinned })).items;
    const standing = Object.fromEntries(
      all.filter((i) => tetIds.includes(i.id)).map((i) => [i.title, i.timeliness]),
    );
    expect(standing).toEqual({
      'Tết quá hạn': 'overdue',
      'Tết đến hạn hôm nay': 'due_soon',
      'Tết sắp đến hạn': 'due_soon',
      'Tết còn hạn': 'on_time',
      'Tết chưa phân loại': 'due_soon',
    });
    // The day after Tết's last working day before it: 23 Feb is now "today", 24 Feb soon, 11–12 Feb overdue.
    const after = (
      await listCommuneFeedback(db, where, null, { due: 'overdue', limit: 50 }, { today: '2026-02-23' })
    ).items
      .filter((i) => tetIds.includes(i.id))
      .map((i) => i.title)
      .sort();
    expect(after).toEqual(['Tết chưa phân loại', 'Tết quá hạn', 'Tết đến hạn hôm nay']);
    await db.delete(feedbackReports).where(inArray(feedbackReports.id, tetIds));
  });

  it('exports the list as filtered to an Excel sheet', async () => {
    const res = await call(`/api/v1/communes/${commune}/feedback/export.xlsx?due=overdue`, leader);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['x-rows']).toBe('3');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(rows[0]).toEqual([
      'Mã phản ánh',
      'Ngày tiếp nhận',
      'Kênh',
      'Lĩnh vực',
      'Tiêu đề',
      'Trạng thái',
      'Hạn phân loại, chuyển',
      'Hạn trả lời',
      'Tình trạng hạn',
      'Người xử lý',
      'Người phản ánh',
      'Chuyển cấp',
    ]);
    expect(
      rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual([codes.overdue, codes.escalated, codes.leader].sort());
    const overdue = rows.find((r) => r[0] === codes.overdue)!;
    const vn = (iso: string) => iso.split('-').reverse().join('/');
    expect(overdue.slice(2)).toEqual([
      'Cổng trực tuyến',
      cats[0]!.nameVi,
      'Đèn đường hỏng ở thôn 3',
      'Đã giao xử lý',
      vn(addDays(today, -10)),
      vn(addDays(today, -1)),
      'Quá hạn',
      'Trần Thị Chuyên Viên Q',
      'Nguyễn Văn An',
      '',
    ]);
    expect(rows.find((r) => r[0] === codes.escalated)![11]).toBe('Đã báo lên tỉnh');
    // The whole list, and a bad filter named.
    const all = await call(`/api/v1/communes/${commune}/feedback/export.xlsx`, leader);
    expect(all.headers['x-rows']).toBe('11');
    const bad = await call(`/api/v1/communes/${commune}/feedback/export.xlsx?state=nope`, leader);
    expect(bad.statusCode).toBe(400);
    expect(fieldOf(bad)).toBe('query.state');
  });

  it('gives the province its queue of escalated and overdue reports and the per-commune overview', async () => {
    const provinceUrl = (q = '') => `/api/v1/provinces/42/feedback${q ? `?${q}` : ''}`;
    const escalated = codesOf(await call(provinceUrl('state=escalated'), province));
    expect(escalated).toEqual([codes.escalated]);
    const overdue = codesOf(await call(provinceUrl('state=overdue'), province));
    for (const c of [codes.overdue, codes.escalated, codes.leader, codes.neighbour])
      expect(overdue).toContain(c);
    expect(overdue).not.toContain(codes.foreign);
    expect(overdue).not.toContain(codes.soon);
    const oneCommune = codesOf(await call(provinceUrl(`state=overdue&communeCode=${neighbour}`), province));
    expect(oneCommune).toEqual([codes.neighbour]);
    const both = codesOf(await call(provinceUrl(), province));
    expect(both).toEqual(expect.arrayContaining([codes.escalated, codes.overdue, codes.neighbour]));

    const res = await call('/api/v1/provinces/42/feedback/overview', province);
    expect(res.statusCode).toBe(200);
    const overview = json<{
      communes: {
        communeCode: string;
        open: number;
        overdue: number;
        escalatedToLeader: number;
        escalatedToProvince: number;
      }[];
    }>(res);
    expect(overview.communes.find((c) => c.communeCode === commune)).toEqual(
      expect.objectContaining({ open: 10, overdue: 3, escalatedToLeader: 1, escalatedToProvince: 1 }),
    );
    expect(overview.communes.find((c) => c.communeCode === neighbour)).toEqual(
      expect.objectContaining({ open: 1, overdue: 1, escalatedToLeader: 0, escalatedToProvince: 0 }),
    );
    expect(overview.communes.some((c) => c.communeCode === foreignCommune)).toBe(false);

    // Only the province's officers: commune staff and another province get 403.
    for (const who of [leader, neighbourLeader, foreignProvince]) {
      expect((await call(provinceUrl(), who)).statusCode).toBe(403);
      expect((await call('/api/v1/provinces/42/feedback/overview', who)).statusCode).toBe(403);
    }
    const bad = await call(provinceUrl('state=closed'), province);
    expect(bad.statusCode).toBe(400);
    expect(fieldOf(bad)).toBe('query.state');
  });
});
