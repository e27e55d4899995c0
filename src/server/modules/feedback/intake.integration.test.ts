/**
 * Receiving reports on both engines: each channel (public web page — anonymous with a PIN, or with a contact —,
 * counter, phone, Open311 through createReport), the tracking code's format and its uniqueness under concurrent
 * submissions, the transfer deadline from the category's days, the receive action, audit entry and notice written
 * with the report, files stored and read back, a place resolved from an old address, who may record at the counter,
 * and bad input answered with a 4xx naming the field.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, loginAs } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { systemContext } from '../../db/transaction';
import { auditEntries } from '../audit/schema';
import { getCalendar } from '../calendar/service';
import { localDate } from '../dossiers/domain/local-time';
import { notificationOutbox } from '../notifications/schema';
import { dueDate } from './domain/deadlines';
import { feedbackTestApp, PNG, submitForm } from './intake-test-support';
import { createReport } from './reports';
import { feedbackActions, feedbackAttachments, feedbackCategories, feedbackReports } from './schema';

type Problem = { status: number; errors?: { field: string }[] };
const fieldOf = (res: { json(): unknown }) => (res.json() as Problem).errors?.[0]?.field;
const CODE = /^PA-18100-\d{6}-\d{4}$/;

describe.each(ENGINES)('feedback intake on %s', { timeout: 120_000 }, (engine) => {
  let ctx: Awaited<ReturnType<typeof feedbackTestApp>>;
  let app: Awaited<ReturnType<typeof feedbackTestApp>>['t']['app'];
  let oneStop: Record<string, string>;
  let otherOneStop: Record<string, string>;
  let specialist: Record<string, string>;
  let leader: Record<string, string>;
  let otherLeader: Record<string, string>;
  const base = () => ({
    communeCode: '18100',
    categoryId: ctx.cat.infrastructure,
    title: 'Đèn đường hỏng',
    content: 'Đèn đường trước nhà văn hoá tổ 5 không sáng đã một tuần.',
  });
  const db = () => ctx.t.database.db;
  const reportOf = async (code: string) =>
    (await db().select().from(feedbackReports).where(eq(feedbackReports.code, code)))[0]!;

  beforeAll(async () => {
    ctx = await feedbackTestApp(engine);
    app = ctx.t.app;
    [oneStop, otherOneStop, specialist, leader, otherLeader] = await Promise.all([
      loginAs(app, 'motcua.tranphu'),
      loginAs(app, 'motcua.songtri'),
      loginAs(app, 'chuyenvien.tranphu'),
      loginAs(app, 'lanhdao.tranphu'),
      loginAs(app, 'lanhdao.songtri'),
    ]);
  }, 180_000);

  afterAll(async () => {
    await ctx?.close();
  });

  it('web, anonymous with a photo: a code and a PIN, received with its transfer deadline, action, audit, file', async () => {
    const res = await submitForm(app, '/api/v1/public/feedback', base(), {
      files: [{ name: 'den-duong.png', bytes: PNG }],
    });
    expect(res.statusCode).toBe(201);
    const body = json<{ code: string; pin: string | null; communeCode: string }>(res);
    expect(body.code).toMatch(CODE);
    expect(body.pin).toMatch(/^\d{6}$/);
    expect(body.communeCode).toBe('18100');
    const row = await reportOf(body.code);
    expect(row).toMatchObject({
      channel: 'web',
      state: 'received',
      anonymous: true,
      reporterPhone: null,
      provinceCode: '42',
    });
    expect(row.trackingPinHash).toMatch(/^\$argon2id\$/);
    expect(row.trackingPinHash).not.toContain(body.pin);
    const [category] = await db()
      .select()
      .from(feedbackCategories)
      .where(eq(feedbackCategories.id, ctx.cat.infrastructure!));
    const day = localDate(row.receivedAt);
    expect(row.code.slice(9, 15)).toBe(day.slice(2).replaceAll('-', ''));
    expect(row.transferDueDate).toBe(
      dueDate(day, category!.transferDays, category!.daysKind as 'working', await getCalendar(db())),
    );
    expect(row.searchText).toContain('den duong hong');
    const actions = await db().select().from(feedbackActions).where(eq(feedbackActions.reportId, row.id));
    expect(actions).toEqual([
      expect.objectContaining({
        action: 'receive',
        fromState: null,
        toState: 'received',
        actorKind: 'reporter',
      }),
    ]);
    const audit = await db()
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.entityId, row.id), eq(auditEntries.action, 'feedback.receive')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.communeCode).toBe('18100');
    const files = await db()
      .select()
      .from(feedbackAttachments)
      .where(eq(feedbackAttachments.reportId, row.id));
    expect(files).toEqual([
      expect.objectContaining({ contentType: 'image/png', sizeBytes: PNG.length, purpose: 'report' }),
    ]);
    // No contact: no message is queued.
    expect(
      await db().select().from(notificationOutbox).where(eq(notificationOutbox.sourceId, row.id)),
    ).toEqual([]);
    // Staff of the commune read the photo back; another commune's leader gets 404.
    const url = `/api/v1/feedback/${row.id}/files/${files[0]!.id}`;
    const got = await app.inject({ method: 'GET', url, headers: leader });
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(PNG)).toBe(true);
    expect((await app.inject({ method: 'GET', url, headers: otherLeader })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
  });

  it('web with a phone and an e-mail: no PIN, the "received" notice queued for both', async () => {
    const res = await submitForm(app, '/api/v1/public/feedback', {
      ...base(),
      reporterName: 'Nguyễn Văn Bình',
      reporterPhone: '+84 912.345.678',
      reporterEmail: 'Binh.Nguyen@Example.vn',
    });
    expect(res.statusCode).toBe(201);
    const { code, pin } = json<{ code: string; pin: string | null }>(res);
    expect(pin).toBeNull();
    const row = await reportOf(code);
    expect(row).toMatchObject({
      reporterPhone: '0912345678',
      reporterEmail: 'binh.nguyen@example.vn',
      anonymous: false,
    });
    expect(row.trackingPinHash).toBeNull();
    // Personal data is kept out of the search text.
    expect(row.searchText).not.toContain('0912');
    const out = await db()
      .select({
        template: notificationOutbox.template,
        channel: notificationOutbox.channel,
        to: notificationOutbox.recipient,
      })
      .from(notificationOutbox)
      .where(eq(notificationOutbox.sourceId, row.id));
    expect(out).toEqual(
      expect.arrayContaining([
        { template: 'feedback.received', channel: 'sms', to: '0912345678' },
        { template: 'feedback.received', channel: 'email', to: 'binh.nguyen@example.vn' },
      ]),
    );
  });

  it('counter and phone: recorded by the one-stop officer for their commune only', async () => {
    const url = '/api/v1/communes/18100/feedback';
    let res = await submitForm(
      app,
      url,
      { ...base(), channel: 'counter', reporterPhone: '0987654321' },
      { headers: oneStop },
    );
    expect(res.statusCode).toBe(201);
    const counter = json<{ id: string; code: string; channel: string; pin: string | null }>(res);
    expect(counter).toMatchObject({ channel: 'counter', pin: null });
    expect(counter.code).toMatch(CODE);
    const [action] = await db()
      .select()
      .from(feedbackActions)
      .where(eq(feedbackActions.reportId, counter.id));
    expect(action).toMatchObject({ actorKind: 'official' });
    expect(action!.actorId).not.toBeNull();
    // A call without a number to call back: the official reads the PIN out.
    res = await submitForm(
      app,
      url,
      { ...base(), channel: 'phone', communeCode: undefined },
      { headers: oneStop },
    );
    expect(res.statusCode).toBe(201);
    expect(json<{ channel: string; pin: string }>(res)).toMatchObject({
      channel: 'phone',
      pin: expect.stringMatching(/^\d{6}$/),
    });
    // Plain JSON (no files) is accepted too.
    res = await app.inject({
      method: 'POST',
      url,
      headers: oneStop,
      payload: { ...base(), channel: 'counter' },
    });
    expect(res.statusCode).toBe(201);
    // Channel missing or web → 400 naming it; another commune's id in the body → 400; foreign or no right → 403.
    res = await submitForm(app, url, { ...base(), channel: 'web' }, { headers: oneStop });
    expect([res.statusCode, fieldOf(res)]).toEqual([400, 'body.channel']);
    res = await submitForm(
      app,
      url,
      { ...base(), communeCode: '18754', channel: 'counter' },
      { headers: oneStop },
    );
    expect([res.statusCode, fieldOf(res)]).toEqual([400, 'body.communeCode']);
    expect(
      (await submitForm(app, url, { ...base(), channel: 'counter' }, { headers: otherOneStop })).statusCode,
    ).toBe(403);
    expect(
      (await submitForm(app, url, { ...base(), channel: 'counter' }, { headers: specialist })).statusCode,
    ).toBe(403);
    expect((await submitForm(app, url, { ...base(), channel: 'counter' })).statusCode).toBe(401);
  });

  it('Open311 through createReport: the jurisdiction decides the commune, recorded as the API', async () => {
    const { storage } = ctx;
    const created = await createReport(
      systemContext(db(), 'open311 test'),
      { ...base(), communeCode: null, reporterEmail: 'a@b.vn' } as never,
      [{ fileName: 'a.png', bytes: PNG }],
      { channel: 'open311', storage, communeCode: '18754' },
    );
    expect(created.code).toMatch(/^PA-18754-\d{6}-\d{4}$/);
    expect(created.pin).toBeNull();
    const row = await reportOf(created.code);
    expect(row).toMatchObject({ channel: 'open311', communeCode: '18754' });
    const [action] = await db().select().from(feedbackActions).where(eq(feedbackActions.reportId, row.id));
    expect(action!.actorKind).toBe('api');
  });

  it('the place: an old address is resolved to the new commune; a place naming no commune asks for one', async () => {
    let res = await submitForm(app, '/api/v1/public/feedback', {
      ...base(),
      communeCode: null,
      placeText: 'tổ 5, phường Thạch Trung, thành phố Hà Tĩnh',
      latitude: 18.34,
      longitude: 105.9,
    });
    expect(res.statusCode).toBe(201);
    const row = await reportOf(json<{ code: string }>(res).code);
    expect(row.communeCode).toBe('18100');
    expect(row.placeResolved).toContain('Phường Trần Phú');
    expect(row).toMatchObject({ latitude: 18.34, longitude: 105.9 });
    res = await submitForm(app, '/api/v1/public/feedback', {
      ...base(),
      communeCode: null,
      placeText: 'qqq zzz',
    });
    expect([res.statusCode, fieldOf(res)]).toEqual([400, 'body.placeText']);
    // Resolved to a commune that does not use XãSố (Nam Hà → Phường Thành Sen, not in the small demo).
    res = await submitForm(app, '/api/v1/public/feedback', {
      ...base(),
      communeCode: null,
      placeText: 'phường Nam Hà, thành phố Hà Tĩnh',
    });
    expect([res.statusCode, fieldOf(res)]).toEqual([400, 'body.communeCode']);
    res = await submitForm(app, '/api/v1/public/feedback', { ...base(), communeCode: null });
    expect([res.statusCode, fieldOf(res)]).toEqual([400, 'body.communeCode']);
  });

  it('tracking codes are unique and consecutive under concurrent submissions', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        submitForm(app, '/api/v1/public/feedback', { ...base(), title: `Phản ánh đồng thời ${i}` }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    const codes = results.map((r) => json<{ code: string }>(r).code);
    expect(new Set(codes).size).toBe(8);
    const seqs = codes.map((c) => Number(c.slice(-4))).sort((a, b) => a - b);
    expect(seqs.at(-1)! - seqs[0]!).toBe(7);
  });

  it('bad input → 4xx naming the field, nothing stored', async () => {
    const before = (await db().select({ id: feedbackReports.id }).from(feedbackReports)).length;
    const long = 'x'.repeat(20_000);
    const cases: [string, Record<string, unknown>, string][] = [
      ['empty content', { content: '   ' }, 'body.content'],
      ['no title', { title: undefined }, 'body.title'],
      ['NUL in the title', { title: 'Đèn\u0000 hỏng' }, 'body.title'],
      ['NUL in the content', { content: 'a\u0000b' }, 'body.content'],
      ['20 000-char content', { content: long }, 'body.content'],
      ['20 000-char title', { title: long }, 'body.title'],
      ['20 000-char place', { placeText: long }, 'body.placeText'],
      ['script in the content', { content: 'Xin chào <script>alert(1)</script>' }, 'body.content'],
      ['markup in the title', { title: '<img src=x onerror=alert(1)>' }, 'body.title'],
      ['latitude outside Vietnam', { latitude: 48.85, longitude: 105.9 }, 'body.latitude'],
      ['longitude outside Vietnam', { latitude: 18.3, longitude: 2.35 }, 'body.longitude'],
      ['a latitude alone', { latitude: 18.3 }, 'body.longitude'],
      ['a latitude as text', { latitude: 'bắc', longitude: 105.9 }, 'body.latitude'],
      ['a category of another province', { categoryId: ctx.foreignCategoryId }, 'body.categoryId'],
      ['a category that is no uuid', { categoryId: 'land' }, 'body.categoryId'],
      ['an unknown commune', { communeCode: '99999' }, 'body.communeCode'],
      ['a malformed commune', { communeCode: '18100; drop table' }, 'body.communeCode'],
      ['a malformed phone', { reporterPhone: '12345' }, 'body.reporterPhone'],
      ['a malformed e-mail', { reporterEmail: 'binh@' }, 'body.reporterEmail'],
      ['isPrivate as text', { isPrivate: 'có' }, 'body.isPrivate'],
    ];
    for (const [what, change, field] of cases) {
      const res = await submitForm(app, '/api/v1/public/feedback', { ...base(), ...change });
      expect([what, res.statusCode, fieldOf(res)]).toEqual([what, 400, field]);
    }
    // Files: wrong type by content, empty, too large (413), too many, another field name.
    const file = (bytes: Buffer, name = 'a.png') => ({ name, bytes });
    let res = await submitForm(app, '/api/v1/public/feedback', base(), {
      files: [file(Buffer.from('MZ…'), 'x.png')],
    });
    expect([res.statusCode, fieldOf(res)]).toEqual([400, 'body.files']);
    res = await submitForm(app, '/api/v1/public/feedback', base(), {
      files: [file(Buffer.from('<html><script>alert(1)</script></html>'), 'x.html')],
    });
    expect([res.statusCode, fieldOf(res)]).toEqual([400, 'body.files']);
    res = await submitForm(app, '/api/v1/public/feedback', base(), { files: [file(Buffer.alloc(0))] });
    expect([res.statusCode, fieldOf(res)]).toEqual([400, 'body.files']);
    const big = Buffer.concat([PNG, Buffer.alloc(11 * 1024 * 1024)]);
    res = await submitForm(app, '/api/v1/public/feedback', base(), { files: [file(big)] });
    expect([res.statusCode, fieldOf(res)]).toEqual([413, 'body.files']);
    res = await submitForm(app, '/api/v1/public/feedback', base(), { files: Array(6).fill(file(PNG)) });
    expect([res.statusCode, fieldOf(res)]).toEqual([400, 'body.files']);
    res = await submitForm(app, '/api/v1/public/feedback', base(), {
      files: [{ ...file(PNG), field: 'photo' }],
    });
    expect([res.statusCode, fieldOf(res)]).toEqual([400, 'body.files']);
    // The form itself: data not JSON, data missing, JSON that is not an object.
    res = await submitForm(app, '/api/v1/public/feedback', null, { raw: '{not json' });
    expect([res.statusCode, fieldOf(res)]).toEqual([400, 'body.data']);
    res = await submitForm(app, '/api/v1/public/feedback', null, { raw: '"text"' });
    expect([res.statusCode, fieldOf(res)]).toEqual([400, 'body.data']);
    res = await app.inject({
      method: 'POST',
      url: '/api/v1/public/feedback',
      headers: { 'x-forwarded-for': '203.1.1.1' },
      payload: { ...base(), content: 'a\u0000b' },
    });
    expect([res.statusCode, fieldOf(res)]).toEqual([400, 'body.content']);
    expect((await db().select({ id: feedbackReports.id }).from(feedbackReports)).length).toBe(before);
  });
});
