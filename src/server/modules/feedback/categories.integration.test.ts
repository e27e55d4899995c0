/**
 * The province's feedback categories and settings through the API on both engines: the starter set inserted once on
 * first use (also under concurrent first reads) and audited in the province's chain; the public list of a commune's
 * active categories; creation and edits by the province's officers with the optimistic lock (stale version → 409);
 * another province's officer and commune staff refused; bad input naming the field; settings read and saved.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { inTransaction, systemContext } from '../../db/transaction';
import { DEMO_PASSWORD } from '../../seed/demo';
import { auditEntries } from '../audit/schema';
import { createAccount } from '../auth/accounts';
import { communes } from '../units/schema';
import { categoriesOfProvince, getCategory } from './categories';
import { STARTER_CATEGORIES } from './domain/starter-categories';
import { feedbackCategories } from './schema';
import { feedbackSettingsOf } from './settings';

type Problem = { status: number; errors?: { field: string }[] };
type Category = {
  id: string;
  key: string;
  version: number;
  active: boolean;
  answerDays: number;
  provinceCode: string;
};

describe.each(ENGINES)('feedback categories and settings on %s', { timeout: 120_000 }, (engine) => {
  let t: TestApp;
  let app: TestApp['app'];
  let province: Record<string, string>;
  let foreignProvince: Record<string, string>;
  let leader: Record<string, string>;
  let specialist: Record<string, string>;
  let ngheAnCommune: string;

  const call = (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ) => app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const fieldOf = (res: { json(): unknown }) => (res.json() as Problem).errors?.[0]?.field;

  const newCategory = (over: Record<string, unknown> = {}) => ({
    key: 'street_lights',
    nameVi: 'Đèn chiếu sáng công cộng',
    nameEn: 'Street lights',
    kind: 'feedback',
    daysKind: 'working',
    transferDays: 3,
    answerDays: 7,
    approvalRequired: false,
    responsibleBody: 'UBND xã',
    assignmentField: 'Kinh tế, hạ tầng',
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    app = t.app;
    const ctx = systemContext(t.database.db, 'test');
    await inTransaction(ctx, (tx, audit) =>
      createAccount(tx, audit, {
        username: 'tinh.nghean',
        displayName: 'Cán bộ tỉnh Nghệ An',
        password: DEMO_PASSWORD,
        isDemo: true,
        grants: [{ role: 'province_officer', provinceCode: '40', communeCode: null }],
      }),
    );
    const [c] = await t.database.db
      .select({ code: communes.code })
      .from(communes)
      .where(eq(communes.provinceCode, '40'))
      .limit(1);
    ngheAnCommune = c!.code;
    [province, foreignProvince, leader, specialist] = await Promise.all([
      loginAs(app, 'tinh.hatinh'),
      loginAs(app, 'tinh.nghean'),
      loginAs(app, 'lanhdao.tranphu'),
      loginAs(app, 'chuyenvien.tranphu'),
    ]);
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  it('gives a province without categories the starter set once, under concurrent first reads, audited in its chain', async () => {
    const db = t.database.db;
    const before = await db
      .select()
      .from(feedbackCategories)
      .where(eq(feedbackCategories.provinceCode, '40'));
    expect(before).toHaveLength(0);
    const [a, b, c, res] = await Promise.all([
      categoriesOfProvince(db, '40'),
      categoriesOfProvince(db, '40'),
      categoriesOfProvince(db, '40', { activeOnly: true }),
      call('GET', `/api/v1/public/feedback/categories?communeCode=${ngheAnCommune}`, {}),
    ]);
    expect(res.statusCode).toBe(200);
    for (const list of [a, b, c, json<{ items: Category[] }>(res).items])
      expect(list.map((x) => x.key)).toEqual(STARTER_CATEGORIES.map((s) => s.key));
    const rows = await db.select().from(feedbackCategories).where(eq(feedbackCategories.provinceCode, '40'));
    expect(rows).toHaveLength(STARTER_CATEGORIES.length);
    // Again: nothing new.
    await categoriesOfProvince(db, '40');
    expect(
      await db.select().from(feedbackCategories).where(eq(feedbackCategories.provinceCode, '40')),
    ).toHaveLength(STARTER_CATEGORIES.length);
    const entries = await db
      .select()
      .from(auditEntries)
      .where(
        and(eq(auditEntries.chain, 'province:40'), eq(auditEntries.action, 'feedback.categories.starter')),
      );
    expect(entries).toHaveLength(1);
    expect((entries[0]!.after as { keys: string[] }).keys).toHaveLength(STARTER_CATEGORIES.length);
    // The denunciation and complaint categories need a leader's approval (domain rule), and getCategory finds them.
    const denunciation = a.find((x) => x.kind === 'denunciation')!;
    expect(denunciation.approvalRequired).toBe(true);
    expect(await getCategory(db, denunciation.id)).toEqual(denunciation);
    expect(await getCategory(db, 'not-a-uuid')).toBeNull();
  });

  it('seeds inside a caller’s transaction too (an intake reading its province’s categories), rolled back with it', async () => {
    const db = t.database.db;
    const ctx = systemContext(db, 'test intake');
    const failed = inTransaction(ctx, async (tx) => {
      expect(await categoriesOfProvince(tx, '01')).toHaveLength(STARTER_CATEGORIES.length);
      throw new Error('intake refused');
    });
    await expect(failed).rejects.toThrow('intake refused');
    expect(
      await db.select().from(feedbackCategories).where(eq(feedbackCategories.provinceCode, '01')),
    ).toHaveLength(0);
    const kept = await inTransaction(ctx, async (tx, audit) => {
      const list = await categoriesOfProvince(tx, '01', { activeOnly: true });
      await audit({ action: 'test.intake', entityType: 'test', entityId: '1', chain: 'province:01' });
      return list;
    });
    expect(kept).toHaveLength(STARTER_CATEGORIES.length);
    const entries = await db
      .select()
      .from(auditEntries)
      .where(
        and(eq(auditEntries.chain, 'province:01'), eq(auditEntries.action, 'feedback.categories.starter')),
      );
    expect(entries).toHaveLength(1);
  });

  it('lists a commune province’s active categories publicly; bad commune codes name the field', async () => {
    const ok = await call('GET', '/api/v1/public/feedback/categories?communeCode=18100', {});
    expect(ok.statusCode).toBe(200);
    const body = json<{ provinceCode: string; items: Category[] }>(ok);
    expect(body.provinceCode).toBe('42');
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items[0]).not.toHaveProperty('responsibleBody');
    expect((await call('GET', '/api/v1/public/feedback/categories?communeCode=99999', {})).statusCode).toBe(
      404,
    );
    for (const q of ['communeCode=abc', 'communeCode=18100%00', '', `communeCode=${'1'.repeat(20_000)}`]) {
      const res = await call('GET', `/api/v1/public/feedback/categories?${q}`, {});
      expect(res.statusCode, q.slice(0, 30)).toBe(400);
      expect(fieldOf(res)).toMatch(/^query\.communeCode/);
    }
    const twice = await call(
      'GET',
      '/api/v1/public/feedback/categories?communeCode=18100&communeCode=18754',
      {},
    );
    expect(twice.statusCode).toBe(400);
  });

  it('lets the province officer add a category; duplicates, days out of 1–90 and bad kinds are refused by field', async () => {
    const created = await call('POST', '/api/v1/provinces/42/feedback/categories', province, newCategory());
    expect(created.statusCode).toBe(201);
    const cat = json<Category>(created);
    expect(cat).toMatchObject({
      key: 'street_lights',
      provinceCode: '42',
      version: 1,
      active: true,
      answerDays: 7,
    });
    const again = await call('POST', '/api/v1/provinces/42/feedback/categories', province, newCategory());
    expect(again.statusCode).toBe(409);
    expect(fieldOf(again)).toBe('body.key');
    const bad: [Record<string, unknown>, string][] = [
      [{ transferDays: 0 }, 'body.transferDays'],
      [{ answerDays: 91 }, 'body.answerDays'],
      [{ answerDays: '7' }, 'body.answerDays'],
      [{ kind: 'gossip' }, 'body.kind'],
      [{ daysKind: 'lunar' }, 'body.daysKind'],
      [{ key: 'Bad Key' }, 'body.key'],
      [{ nameVi: 'x'.repeat(20_000) }, 'body.nameVi'],
      [{ nameVi: 'đèn\u0000' }, 'body.nameVi'],
      [{ approvalRequired: 'yes' }, 'body.approvalRequired'],
    ];
    for (const [over, field] of bad) {
      const res = await call(
        'POST',
        '/api/v1/provinces/42/feedback/categories',
        province,
        newCategory({ key: 'other_key', ...over }),
      );
      expect(res.statusCode, field).toBe(400);
      expect(fieldOf(res), field).toBe(field);
    }
    // The audit entry is in the province's chain.
    const entries = await t.database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.entityId, cat.id), eq(auditEntries.action, 'feedback.category.create')));
    expect(entries.map((e) => e.chain)).toEqual(['province:42']);
  });

  it('edits with the version read: a stale one is 409; another province and commune staff are refused', async () => {
    const list = json<{ items: Category[] }>(
      await call('GET', '/api/v1/provinces/42/feedback/categories', province),
    ).items;
    const cat = list.find((c) => c.key === 'street_lights')!;
    const url = `/api/v1/feedback-categories/${cat.id}`;
    const first = await call('PATCH', url, province, { version: cat.version, answerDays: 12, active: false });
    expect(first.statusCode).toBe(200);
    expect(json<Category>(first)).toMatchObject({ version: cat.version + 1, answerDays: 12, active: false });
    const stale = await call('PATCH', url, province, { version: cat.version, answerDays: 15 });
    expect(stale.statusCode).toBe(409);
    expect(fieldOf(stale)).toBe('body.version');
    expect((await getCategory(t.database.db, cat.id))?.answerDays).toBe(12);
    // Inactive: gone from the public list, still on the staff list.
    const pub = json<{ items: Category[] }>(
      await call('GET', '/api/v1/public/feedback/categories?communeCode=18100', {}),
    ).items;
    expect(pub.some((c) => c.id === cat.id)).toBe(false);
    const staff = json<{ items: Category[] }>(
      await call('GET', '/api/v1/provinces/42/feedback/categories', leader),
    ).items;
    expect(staff.find((c) => c.id === cat.id)?.active).toBe(false);

    // Another province's officer: 404 by id, 403 by the province in the URL; commune staff the same.
    expect((await call('PATCH', url, foreignProvince, { version: 2, answerDays: 20 })).statusCode).toBe(404);
    expect((await call('PATCH', url, leader, { version: 2, answerDays: 20 })).statusCode).toBe(404);
    for (const who of [foreignProvince, leader, specialist]) {
      const res = await call(
        'POST',
        '/api/v1/provinces/42/feedback/categories',
        who,
        newCategory({ key: 'x_y' }),
      );
      expect(res.statusCode).toBe(403);
    }
    expect((await getCategory(t.database.db, cat.id))?.version).toBe(cat.version + 1);
    // Bad edits name the field; a malformed id is 400, an unknown one 404.
    const badDays = await call('PATCH', url, province, { version: 2, transferDays: 0 });
    expect(badDays.statusCode).toBe(400);
    expect(fieldOf(badDays)).toBe('body.transferDays');
    const noVersion = await call('PATCH', url, province, { answerDays: 5 });
    expect(noVersion.statusCode).toBe(400);
    expect(fieldOf(noVersion)).toBe('body.version');
    const nothing = await call('PATCH', url, province, { version: 2 });
    expect(nothing.statusCode).toBe(400);
    expect(
      (await call('PATCH', '/api/v1/feedback-categories/nope', province, { version: 1 })).statusCode,
    ).toBe(404);
    expect(
      (
        await call('PATCH', '/api/v1/feedback-categories/00000000-0000-4000-8000-000000000000', province, {
          version: 1,
        })
      ).statusCode,
    ).toBe(404);
    const audit = await t.database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.entityId, cat.id), eq(auditEntries.action, 'feedback.category.update')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.chain).toBe('province:42');
    expect(audit[0]!.after).toEqual({ answerDays: 12, active: false });
  });

  it('shows the categories to the province and its communes only', async () => {
    expect((await call('GET', '/api/v1/provinces/42/feedback/categories', specialist)).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/provinces/40/feedback/categories', leader)).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/provinces/42/feedback/categories', foreignProvince)).statusCode).toBe(
      403,
    );
    expect((await call('GET', '/api/v1/provinces/42/feedback/categories', {})).statusCode).toBe(401);
    const bad = await call('GET', '/api/v1/provinces/4x/feedback/categories', province);
    expect(bad.statusCode).toBe(400);
    expect(fieldOf(bad)).toMatch(/provinceCode/);
    expect((await call('GET', '/api/v1/provinces/99/feedback/categories', province)).statusCode).toBe(404);
  });

  it('reads the defaults until the province saves its settings; only its officers save them', async () => {
    const first = await call('GET', '/api/v1/provinces/42/feedback/settings', leader);
    expect(first.statusCode).toBe(200);
    expect(json(first)).toMatchObject({ customised: false, provinceEscalationDays: 5, dueSoonDays: 2 });
    const body = { provinceEscalationDays: 7, dueSoonDays: 3 };
    expect((await call('PUT', '/api/v1/provinces/42/feedback/settings', leader, body)).statusCode).toBe(403);
    expect(
      (await call('PUT', '/api/v1/provinces/42/feedback/settings', foreignProvince, body)).statusCode,
    ).toBe(403);
    const saved = await call('PUT', '/api/v1/provinces/42/feedback/settings', province, body);
    expect(saved.statusCode).toBe(200);
    expect(json(saved)).toMatchObject({ customised: true, ...body });
    expect(await feedbackSettingsOf(t.database.db, '42')).toMatchObject(body);
    for (const [over, field] of [
      [{ dueSoonDays: -1 }, 'body.dueSoonDays'],
      [{ provinceEscalationDays: 0 }, 'body.provinceEscalationDays'],
      [{ provinceEscalationDays: 'five' }, 'body.provinceEscalationDays'],
    ] as const) {
      const res = await call('PUT', '/api/v1/provinces/42/feedback/settings', province, { ...body, ...over });
      expect(res.statusCode).toBe(400);
      expect(fieldOf(res)).toBe(field);
    }
    const audit = await t.database.db
      .select()
      .from(auditEntries)
      .where(and(eq(auditEntries.chain, 'province:42'), eq(auditEntries.action, 'feedback.settings.update')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toEqual(body);
  });
});
