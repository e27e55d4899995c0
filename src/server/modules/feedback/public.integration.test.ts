/**
 * The citizen's side on both engines: tracking with code + phone, e-mail or PIN (a wrong pair answers exactly like
 * an unknown code; rate-limited), "was it resolved?" only by the reporter (unhappy → reopened, counted, the
 * assignee told), the public list of published answers searchable without diacritics (unpublished and private
 * left out, personal data masked), one report by code with its photos, the map and the map tiles.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { auditEntries } from '../audit/schema';
import { accounts } from '../auth/schema';
import { notificationOutbox } from '../notifications/schema';
import { orgOfficials } from '../org/schema';
import {
  answerAsHandlingWould,
  feedbackTestApp,
  freshClient,
  PNG,
  setState,
  submitForm,
} from './intake-test-support';
import { feedbackActions, feedbackReports } from './schema';

type Tracked = {
  code: string;
  state: string;
  answer: string | null;
  canRate: boolean;
  rating: number | null;
  resolvedByReporter: boolean | null;
  history: { action: string; toState: string }[];
};
type PublicItem = {
  code: string;
  title: string;
  content: string;
  answer: string | null;
  communeName: string;
  photos: { id: string }[];
};

describe.each(ENGINES)('feedback public pages on %s', { timeout: 120_000 }, (engine) => {
  let ctx: Awaited<ReturnType<typeof feedbackTestApp>>;
  let app: Awaited<ReturnType<typeof feedbackTestApp>>['t']['app'];
  const db = () => ctx.t.database.db;
  const submit = async (
    change: Record<string, unknown> = {},
    files: { name: string; bytes: Buffer }[] = [],
  ) => {
    const res = await submitForm(
      app,
      '/api/v1/public/feedback',
      {
        communeCode: '18100',
        categoryId: ctx.cat.infrastructure,
        title: 'Ổ gà trên đường Hà Huy Tập',
        content: 'Đoạn trước số nhà 12 có ổ gà sâu, xe máy dễ ngã.',
        ...change,
      },
      { files },
    );
    expect(res.statusCode).toBe(201);
    return json<{ code: string; pin: string | null }>(res);
  };
  const post = (url: string, payload: object, ip = freshClient()) =>
    app.inject({ method: 'POST', url, payload, headers: { 'x-forwarded-for': ip } });
  const get = (url: string, ip = freshClient()) =>
    app.inject({ method: 'GET', url, headers: { 'x-forwarded-for': ip } });
  const track = (code: string, contact: string, ip?: string) =>
    post('/api/v1/public/feedback/track', { code, contact }, ip);

  beforeAll(async () => {
    ctx = await feedbackTestApp(engine, {
      XASO_PUBLIC_RATE_LIMIT: '12',
      XASO_MAP_TILE_URL: 'https://tiles.example.vn/{z}/{x}/{y}.png',
      XASO_MAP_TILE_ATTRIBUTION: '© OpenStreetMap',
    });
    app = ctx.t.app;
  }, 180_000);

  afterAll(async () => {
    await ctx?.close();
  });

  it('tracking: code + phone, e-mail or PIN; a wrong pair answers exactly like an unknown code', async () => {
    const withContact = await submit({ reporterPhone: '0912 345 678', reporterEmail: 'dan@example.vn' });
    const anonymous = await submit();
    for (const contact of ['0912345678', '+84 912 345 678', 'DAN@example.vn']) {
      const res = await track(withContact.code, contact);
      expect(res.statusCode).toBe(200);
      expect(json<Tracked>(res)).toMatchObject({ code: withContact.code, state: 'received', canRate: false });
    }
    // Typed loosely: lower case, spaces instead of dashes.
    expect((await track(withContact.code.toLowerCase().replaceAll('-', ' '), '0912345678')).statusCode).toBe(
      200,
    );
    const tracked = json<Tracked>(await track(anonymous.code, anonymous.pin!));
    expect(tracked.history).toEqual([expect.objectContaining({ action: 'receive', toState: 'received' })]);
    const unknown = await track('PA-18100-251203-9999', '0912345678');
    expect(unknown.statusCode).toBe(404);
    const wrongPin = String((Number(anonymous.pin) + 1) % 1_000_000).padStart(6, '0');
    for (const [code, contact] of [
      [withContact.code, '0987654321'],
      [withContact.code, 'other@example.vn'],
      [withContact.code, '123456'], // no PIN for a report with a contact
      [anonymous.code, wrongPin],
      [anonymous.code, '0912345678'],
      ['not a code', '0912345678'],
    ] as const) {
      const res = await track(code, contact);
      expect(res.statusCode).toBe(404);
      expect({ ...res.json(), instance: null }).toEqual({ ...unknown.json(), instance: null });
    }
    // Bad input: empty contact, a control character.
    let res = await track(withContact.code, '');
    expect(res.statusCode).toBe(400);
    res = await track(withContact.code, '0912\u0000345678');
    expect([res.statusCode, res.json().errors?.[0]?.field]).toEqual([400, 'body.contact']);
  });

  it('tracking is rate-limited per client address like the dossier look-up', async () => {
    const { code } = await submit({ reporterPhone: '0911111111' });
    const ip = freshClient();
    const statuses: number[] = [];
    for (let i = 0; i < 13; i++)
      statuses.push((await track(code, i % 2 ? '0911111111' : '0900000000', ip)).statusCode);
    expect(statuses.slice(0, 12).every((s) => s === 200 || s === 404)).toBe(true);
    expect(statuses[12]).toBe(429);
    // Another client is not held back.
    expect((await track(code, '0911111111')).statusCode).toBe(200);
  });

  it('"was it resolved?": only the reporter, once per answer; unhappy reopens the report', async () => {
    const { code } = await submit({ reporterPhone: '0922222222' });
    const rate = (body: object, contact = '0922222222') =>
      post('/api/v1/public/feedback/rate', { code, contact, ...body });
    // Not answered yet.
    expect((await rate({ resolved: true, rating: 5 })).statusCode).toBe(409);
    const id = await answerAsHandlingWould(ctx.t, code, { text: 'Đã vá ổ gà ngày 2/12.' });
    let tracked = json<Tracked>(await track(code, '0922222222'));
    expect(tracked).toMatchObject({ state: 'answered', answer: 'Đã vá ổ gà ngày 2/12.', canRate: true });
    // Someone without the reporter's contact: the same 404 as an unknown code, nothing changes.
    expect((await rate({ resolved: false }, '0933333333')).statusCode).toBe(404);
    expect((await db().select().from(feedbackReports).where(eq(feedbackReports.id, id)))[0]!.state).toBe(
      'answered',
    );
    // Bad input names the field.
    let res = await rate({ resolved: false, rating: 9 });
    expect([res.statusCode, res.json().errors?.[0]?.field]).toEqual([400, 'body.rating']);
    res = await rate({ resolved: 'không' });
    expect([res.statusCode, res.json().errors?.[0]?.field]).toEqual([400, 'body.resolved']);
    res = await rate({ resolved: false, rating: 1, comment: 'x'.repeat(20_000) });
    expect([res.statusCode, res.json().errors?.[0]?.field]).toEqual([400, 'body.comment']);
    // The report's handler (with an e-mail on their official record) is told when it reopens.
    const [handler] = await db()
      .select({ id: accounts.id, officialId: accounts.officialId })
      .from(accounts)
      .where(eq(accounts.username, 'chuyenvien.tranphu'));
    await db()
      .update(orgOfficials)
      .set({ email: 'chuyenvien@tranphu.example.vn' })
      .where(eq(orgOfficials.id, handler!.officialId!));
    await db()
      .update(feedbackReports)
      .set({ assigneeAccountId: handler!.id })
      .where(eq(feedbackReports.id, id));
    // The reporter: not resolved → reopened.
    res = await rate({ resolved: false, rating: 1, comment: 'Vẫn còn ổ gà' });
    expect(res.statusCode).toBe(200);
    tracked = json<Tracked>(res);
    expect(tracked).toMatchObject({
      state: 'reopened',
      canRate: false,
      rating: 1,
      resolvedByReporter: false,
    });
    const [row] = await db().select().from(feedbackReports).where(eq(feedbackReports.id, id));
    expect(row).toMatchObject({ state: 'reopened', reopenCount: 1, ratingComment: 'Vẫn còn ổ gà' });
    const actions = await db().select().from(feedbackActions).where(eq(feedbackActions.reportId, id));
    expect(actions.map((a) => [a.action, a.toState, a.actorKind])).toEqual(
      expect.arrayContaining([
        ['rate', 'closed', 'reporter'],
        ['reopen', 'reopened', 'reporter'],
      ]),
    );
    const audit = await db()
      .select({ action: auditEntries.action, communeCode: auditEntries.communeCode })
      .from(auditEntries)
      .where(and(eq(auditEntries.entityId, id)));
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'feedback.rate', communeCode: '18100' },
        { action: 'feedback.reopen', communeCode: '18100' },
      ]),
    );
    const told = await db()
      .select({ template: notificationOutbox.template, to: notificationOutbox.recipient })
      .from(notificationOutbox)
      .where(and(eq(notificationOutbox.sourceId, id), eq(notificationOutbox.template, 'feedback.reopened')));
    expect(told).toEqual(
      expect.arrayContaining([{ template: 'feedback.reopened', to: 'chuyenvien@tranphu.example.vn' }]),
    );
    // Once per answer.
    expect((await rate({ resolved: true })).statusCode).toBe(409);
    // Answered again → the reporter is happy this time → closed.
    await answerAsHandlingWould(ctx.t, code, { text: 'Đã vá lại bằng bê tông.' });
    res = await rate({ resolved: true, rating: 5 });
    expect(json<Tracked>(res)).toMatchObject({ state: 'closed', rating: 5, resolvedByReporter: true });
  });

  it('a report merged into another: its reporter reads the public version of that answer and may reopen it', async () => {
    const duplicate = await submit({ reporterPhone: '0944444444' });
    const kept = await submit({ reporterPhone: '0955555555' });
    const keptId = await answerAsHandlingWould(ctx.t, kept.code, {
      text: 'Đã vá xong ổ gà, cảm ơn ông Lê Văn Kha.',
      publicText: 'Đã vá xong ổ gà, cảm ơn ông L.V.K.',
    });
    await db()
      .update(feedbackReports)
      .set({ state: 'merged', mergedIntoId: keptId })
      .where(eq(feedbackReports.code, duplicate.code));
    const tracked = json<Tracked>(await track(duplicate.code, '0944444444'));
    expect(tracked).toMatchObject({
      code: duplicate.code,
      state: 'merged',
      answer: 'Đã vá xong ổ gà, cảm ơn ông L.V.K.',
      canRate: true,
    });
    // The other reporter's contact does not open it.
    expect((await track(duplicate.code, '0955555555')).statusCode).toBe(404);
    // "Not resolved": the rating stays on the merged report, the report it was merged into reopens.
    const res = await post('/api/v1/public/feedback/rate', {
      code: duplicate.code,
      contact: '0944444444',
      resolved: false,
      rating: 2,
      comment: 'Ổ gà vẫn còn.',
    });
    expect(res.statusCode).toBe(200);
    expect(json<Tracked>(res)).toMatchObject({
      state: 'merged',
      resolvedByReporter: false,
      rating: 2,
      canRate: false,
    });
    const [keptRow] = await db().select().from(feedbackReports).where(eq(feedbackReports.id, keptId));
    expect(keptRow).toMatchObject({ state: 'reopened', reopenCount: 1, rating: null });
    // Once per answer.
    expect(
      (
        await post('/api/v1/public/feedback/rate', {
          code: duplicate.code,
          contact: '0944444444',
          resolved: false,
        })
      ).statusCode,
    ).toBe(409);
  });

  it('public list: published answers only, searchable without diacritics, personal data masked', async () => {
    const published = await submit(
      {
        title: 'Đèn chiếu sáng hỏng ở ngõ 7 Nguyễn Du',
        content: 'Ông Trần Văn Cường (0988 777 666, cuong@example.vn) báo đèn hỏng.',
        reporterName: 'Trần Văn Cường',
        reporterPhone: '0988777666',
        latitude: 18.342,
        longitude: 105.905,
      },
      [{ name: 'den.png', bytes: PNG }],
    );
    const unpublished = await submit({ title: 'Đèn chiếu sáng chưa được sửa ở ngõ 9' });
    const privateOne = await submit({ title: 'Đèn chiếu sáng trong khu tập thể', isPrivate: true });
    await answerAsHandlingWould(ctx.t, published.code, {
      text: 'Kính gửi ông Cường: đã thay bóng đèn.',
      publicText: 'Đã thay bóng đèn ngày 3/12.',
    });
    await answerAsHandlingWould(ctx.t, privateOne.code, { text: 'Đã sửa.' });
    const list = async (query: string) =>
      json<{ items: PublicItem[]; nextCursor: string | null }>(await get(`/api/v1/public/feedback?${query}`));
    for (const q of ['den chieu sang', 'ĐÈN CHIẾU SÁNG', 'nguyen du', 'Đèn   chiếu']) {
      const codes = (await list(`q=${encodeURIComponent(q)}&provinceCode=42`)).items.map((i) => i.code);
      expect(codes).toContain(published.code);
      expect(codes).not.toContain(unpublished.code);
      expect(codes).not.toContain(privateOne.code);
    }
    const item = (await list('q=ngo%207%20nguyen%20du&communeCode=18100')).items[0]!;
    expect(item).toMatchObject({
      code: published.code,
      answer: 'Đã thay bóng đèn ngày 3/12.',
      communeName: 'Phường Trần Phú',
    });
    const text = JSON.stringify(item);
    for (const personal of ['0988', '777 666', 'cuong@example.vn', 'Trần Văn Cường', 'Kính gửi'])
      expect(text).not.toContain(personal);
    // Searching personal data finds nothing (the search text is masked too).
    expect((await list('q=0988777666')).items).toEqual([]);
    expect((await list('q=cuong%40example.vn')).items).toEqual([]);
    // Category filter and pagination.
    expect((await list(`categoryKey=land&communeCode=18100`)).items.map((i) => i.code)).not.toContain(
      published.code,
    );
    const first = await list('limit=1&provinceCode=42');
    expect(first.items).toHaveLength(1);
    const second = await list(`limit=1&provinceCode=42&cursor=${first.nextCursor}`);
    expect(second.items[0]?.code).not.toBe(first.items[0]!.code);
    let res = await get('/api/v1/public/feedback?cursor=garbage');
    expect([res.statusCode, res.json().errors?.[0]?.field]).toEqual([400, 'query.cursor']);
    res = await get(`/api/v1/public/feedback?q=${'x'.repeat(20_000)}`);
    expect([res.statusCode, res.json().errors?.[0]?.field]).toEqual([400, 'query.q']);
    res = await get('/api/v1/public/feedback?q=a%00b');
    expect([res.statusCode, res.json().errors?.[0]?.field]).toEqual([400, 'query.q']);

    // By code: published only; its photo downloadable; unpublished and private answer 404.
    res = await get(`/api/v1/public/feedback/by-code/${published.code}`);
    expect(res.statusCode).toBe(200);
    const one = json<PublicItem>(res);
    expect(one.photos).toHaveLength(1);
    const photo = await get(`/api/v1/public/feedback/by-code/${published.code}/files/${one.photos[0]!.id}`);
    expect(photo.statusCode).toBe(200);
    expect(photo.rawPayload.equals(PNG)).toBe(true);
    expect((await get(`/api/v1/public/feedback/by-code/${unpublished.code}`)).statusCode).toBe(404);
    expect((await get(`/api/v1/public/feedback/by-code/${privateOne.code}`)).statusCode).toBe(404);
    expect(
      (await get(`/api/v1/public/feedback/by-code/${unpublished.code}/files/${one.photos[0]!.id}`))
        .statusCode,
    ).toBe(404);

    // Map: located published reports of the province or commune.
    const map = json<{ points: { code: string; latitude: number }[] }>(
      await get('/api/v1/public/feedback/map?communeCode=18100'),
    );
    expect(map.points.map((p) => p.code)).toEqual([published.code]);
    expect(map.points[0]!.latitude).toBe(18.342);
    res = await get('/api/v1/public/feedback/map');
    expect([res.statusCode, res.json().errors?.[0]?.field]).toEqual([400, 'query.provinceCode']);
    // A report reopened after publication stays on the list with its state.
    await setState(ctx.t, published.code, 'reopened');
    expect((await list('q=ngo%207%20nguyen%20du')).items[0]).toMatchObject({ code: published.code });
  });

  it('odd input on every public route: a 4xx, never a 500', async () => {
    const long = 'x'.repeat(20_000);
    const gets = [
      '/api/v1/public/feedback/by-code/%00',
      `/api/v1/public/feedback/by-code/${long}`,
      '/api/v1/public/feedback/by-code/PA-18100-991399-0001',
      '/api/v1/public/feedback/by-code/PA-18100-251203-0001/files/not-a-uuid',
      '/api/v1/public/feedback/by-code/PA-18100-251203-0001/files/00000000-0000-0000-0000-000000000000',
      '/api/v1/public/feedback/map?provinceCode=4',
      '/api/v1/public/feedback/map?communeCode=%3Cscript%3E',
      '/api/v1/public/feedback/duplicates?communeCode=18100&text=abc&lat=91&lng=105',
      '/api/v1/public/feedback/duplicates?communeCode=99999&text=abc',
      `/api/v1/public/feedback/duplicates?communeCode=18100&text=${long}`,
      '/api/v1/public/feedback?limit=0',
      '/api/v1/public/feedback?categoryKey=%27%20or%201%3D1',
    ];
    for (const url of gets) {
      const res = await get(url);
      expect([url, res.statusCode >= 400 && res.statusCode < 500 ? '4xx' : res.statusCode]).toEqual([
        url,
        url.includes('99999') || url.includes('categoryKey') ? 200 : '4xx',
      ]);
    }
    for (const body of [
      { code: 'PA-18100-251203-0001', contact: long },
      { code: long, contact: '0912345678' },
      { code: ['PA'], contact: 1 },
      {},
    ]) {
      const res = await post('/api/v1/public/feedback/track', body);
      expect(res.statusCode).toBe(400);
    }
  });

  it('map tiles come from the configuration', async () => {
    const res = await get('/api/v1/public/map-tiles');
    expect(json(res)).toEqual({
      url: 'https://tiles.example.vn/{z}/{x}/{y}.png',
      attribution: '© OpenStreetMap',
    });
    // The browser may load them: the page's Content-Security-Policy allows images from the tile host.
    const csp = String((await get('/phan-anh')).headers['content-security-policy']);
    expect(csp).toMatch(/img-src 'self' data: https:\/\/tiles\.example\.vn(;|$)/);
  });
});
