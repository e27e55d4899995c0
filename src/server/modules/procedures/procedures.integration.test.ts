import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { systemContext } from '../../db/transaction';
import { countAuditEntries } from '../audit/service';
import { CATALOGUE } from './data/catalogue';
import { loadCatalogue } from './service';

type Summary = {
  id: string;
  code: string;
  name: string;
  version: number;
  timeLimitWorkingDays: number | null;
  requiredDocuments: unknown[];
};
type Detail = Summary & { data: Record<string, unknown>; versions: { version: number }[] };

describe.each(ENGINES)('procedure catalogue on %s', (engine) => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    admin = await loginAs(t.app, 'admin');
  });
  afterAll(() => t?.close());

  const list = async (query = '') =>
    json<{ items: Summary[] }>(await t.app.inject({ method: 'GET', url: `/api/v1/procedures${query}` }))
      .items;

  it('loads the shipped catalogue once, with stable ids and codes', async () => {
    const items = await list();
    expect(items).toHaveLength(CATALOGUE.length);
    expect(items.length).toBeGreaterThanOrEqual(20);
    expect(await loadCatalogue(systemContext(t.database.db, 'again'))).toEqual({ created: 0, corrected: 0 });
    expect(await list()).toHaveLength(CATALOGUE.length);
    const birth = items.find((p) => p.code === '1.001193')!;
    expect(birth).toMatchObject({ name: 'Đăng ký khai sinh', version: 1, timeLimitWorkingDays: 0 });
    expect(birth.requiredDocuments.length).toBeGreaterThan(0);
  });

  it('searches names without diacritics and filters by domain', async () => {
    const found = await list('?q=khai%20sinh');
    expect(found.map((p) => p.name)).toContain('Đăng ký khai sinh');
    const certification = await list('?domain=chung_thuc');
    expect(certification.length).toBeGreaterThan(0);
    expect(certification.every((p) => (p as unknown as { domain: string }).domain === 'chung_thuc')).toBe(
      true,
    );
  });

  it('edits as a new version with the expected version, audits the diff, refuses a stale edit', async () => {
    const [first] = await list('?q=chung%20thuc%20chu%20ky');
    const detail = json<Detail>(
      await t.app.inject({ method: 'GET', url: `/api/v1/procedures/${first!.id}` }),
    );
    const data = { ...detail.data, resultDocument: 'Giấy tờ, văn bản đã được chứng thực chữ ký (sửa đổi)' };
    const before = await countAuditEntries(t.database.db, 'procedure');
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/procedures/${first!.id}`,
      headers: admin,
      payload: { expectedVersion: 1, reason: 'Cập nhật theo quyết định công bố', data },
    });
    expect(res.statusCode).toBe(200);
    expect(json<Detail>(res)).toMatchObject({ version: 2, versions: [{ version: 1 }, { version: 2 }] });
    expect(await countAuditEntries(t.database.db, 'procedure')).toBe(before + 1);

    const stale = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/procedures/${first!.id}`,
      headers: admin,
      payload: { expectedVersion: 1, data: { ...data, resultDocument: 'Khác' } },
    });
    expect(stale.statusCode).toBe(409);
    const invalid = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/procedures/${first!.id}`,
      headers: admin,
      payload: { expectedVersion: 2, data: { ...data, steps: [] } },
    });
    expect(invalid.statusCode).toBe(400);
  });

  it('lets only the administrator edit', async () => {
    const leader = await loginAs(t.app, 'lanhdao.tranphu');
    const [first] = await list();
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/procedures/${first!.id}`,
      headers: leader,
      payload: { expectedVersion: 1, data: {} },
    });
    expect(res.statusCode).toBe(403);
  });

  it('exports the catalogue as importable JSON', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/procedures/export.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    expect(json<unknown[]>(res)).toHaveLength(CATALOGUE.length);
  });
});
