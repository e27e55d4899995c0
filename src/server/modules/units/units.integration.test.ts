import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { countAuditEntries } from '../audit/service';
import { importAdministrativeMap } from './importer';

describe.each(ENGINES)('administrative map on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
  });
  afterAll(() => t?.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers });

  it('lists the 34 provinces with their commune counts (3,321 in all)', async () => {
    const res = await get('/api/v1/provinces');
    expect(res.statusCode).toBe(200);
    const { items } = json<{ items: { code: string; name: string; communeCount: number }[] }>(res);
    expect(items).toHaveLength(34);
    expect(items.reduce((n, p) => n + p.communeCount, 0)).toBe(3321);
    expect(items.find((p) => p.code === '42')).toMatchObject({ name: 'Hà Tĩnh', communeCount: 69 });
  });

  it("lists Hà Tĩnh's 69 communes (60 xã, 9 phường)", async () => {
    const { items } = json<{ items: { kind: string }[] }>(await get('/api/v1/provinces/42/communes'));
    expect(items).toHaveLength(69);
    expect(items.filter((c) => c.kind === 'phuong')).toHaveLength(9);
    expect(items.filter((c) => c.kind === 'xa')).toHaveLength(60);
  });

  it('finds communes by name without diacritics', async () => {
    const { items } = json<{ items: { code: string; name: string }[] }>(
      await get('/api/v1/communes?q=tran%20phu&provinceCode=42'),
    );
    expect(items.map((c) => c.code)).toEqual(['18100']);
    const all = json<{ items: { name: string }[] }>(await get('/api/v1/communes?q=TRAN%20PHU'));
    expect(all.items.length).toBeGreaterThan(1);
    expect(all.items.every((c) => c.name.includes('Trần Phú'))).toBe(true);
  });

  it('paginates the commune list with a cursor', async () => {
    const first = json<{ items: { code: string }[]; nextCursor: string }>(
      await get('/api/v1/communes?limit=50'),
    );
    expect(first.items).toHaveLength(50);
    const second = json<{ items: { code: string }[] }>(
      await get(`/api/v1/communes?limit=50&cursor=${first.nextCursor}`),
    );
    expect(second.items[0]!.code > first.items[49]!.code).toBe(true);
  });

  it('shows a commune with the former units merged into it, partial ones flagged', async () => {
    const res = await get('/api/v1/communes/18073'); // Phường Thành Sen
    expect(res.statusCode).toBe(200);
    const body = json<{
      name: string;
      province: { code: string };
      formerUnits: { name: string; partial: boolean }[];
    }>(res);
    expect(body.name).toBe('Phường Thành Sen');
    expect(body.province.code).toBe('42');
    expect(body.formerUnits.find((u) => u.name === 'Phường Đại Nài')?.partial).toBe(true);
  });

  it('tells where a former unit went, with every part of a split', async () => {
    const res = await get('/api/v1/former-units/18082'); // Phường Đại Nài
    const body = json<{ targets: { commune: { name: string }; partial: boolean; source: string }[] }>(res);
    expect(body.targets.map((x) => x.commune.name).sort()).toEqual(['Phường Hà Huy Tập', 'Phường Thành Sen']);
    expect(body.targets.every((x) => x.partial && x.source === 'resolution')).toBe(true);
  });

  it('answers unknown codes with a 404 problem and malformed codes with a 400 naming the field', async () => {
    const missing = await get('/api/v1/communes/99999');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(json(missing)).toMatchObject({ status: 404, code: 'not_found' });
    const bad = await get('/api/v1/communes/abc', { 'accept-language': 'en' });
    expect(bad.statusCode).toBe(400);
    expect(json<{ errors: { field: string; message: string }[] }>(bad).errors[0]).toEqual({
      field: 'path.code',
      message: 'A commune code has 5 digits',
    });
  });

  it('re-importing changes nothing', async () => {
    const before = await countAuditEntries(t.database.db, 'administrative_map');
    const report = await importAdministrativeMap(t.database.db);
    for (const table of Object.values(report)) {
      expect(table.inserted + table.updated + table.deleted).toBe(0);
    }
    expect(report.communes.total).toBe(3321);
    expect(await countAuditEntries(t.database.db, 'administrative_map')).toBe(before);
  });

  it('lets an administrator correct a mapping, audited, overriding the package, and undo it', async () => {
    const admin = await loginAs(t.app, 'admin');
    const url = '/api/v1/former-units/18796/targets'; // Xã Kỳ Lợi
    const anonymous = await t.app.inject({
      method: 'PUT',
      url,
      payload: { targets: [{ communeCode: '18823', partial: false }], note: 'test' },
    });
    expect(anonymous.statusCode).toBe(401);
    const province = await loginAs(t.app, 'tinh.hatinh');
    const forbidden = await t.app.inject({
      method: 'PUT',
      url,
      headers: province,
      payload: { targets: [{ communeCode: '18823', partial: false }], note: 'test' },
    });
    expect(forbidden.statusCode).toBe(403);
    const noCsrf = await t.app.inject({
      method: 'PUT',
      url,
      headers: { cookie: admin.cookie },
      payload: { targets: [{ communeCode: '18823', partial: false }], note: 'x y z' },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(json(noCsrf).code).toBe('csrf_failed');

    const auditBefore = await countAuditEntries(t.database.db, 'former_unit');
    const set = await t.app.inject({
      method: 'PUT',
      url,
      headers: admin,
      payload: { targets: [{ communeCode: '18823', partial: false }], note: 'Theo công văn của tỉnh' },
    });
    expect(set.statusCode).toBe(200);
    expect(json<{ targets: { commune: { code: string }; source: string }[] }>(set).targets).toEqual([
      expect.objectContaining({ commune: expect.objectContaining({ code: '18823' }), source: 'admin' }),
    ]);
    expect(await countAuditEntries(t.database.db, 'former_unit')).toBe(auditBefore + 1);
    // The resolver sees the correction at once.
    const resolved = json<{ candidates: { commune: { code: string }; partial: boolean }[] }>(
      await get('/api/v1/address/resolve?q=xa%20ky%20loi%2C%20thi%20xa%20ky%20anh%2C%20ha%20tinh'),
    );
    expect(resolved.candidates.map((c) => c.commune.code)).toEqual(['18823']);

    const unknownCommune = await t.app.inject({
      method: 'PUT',
      url,
      headers: admin,
      payload: { targets: [{ communeCode: '00000', partial: false }], note: 'wrong' },
    });
    expect(unknownCommune.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(unknownCommune).errors[0]!.field).toBe(
      'body.targets.0.communeCode',
    );

    const cleared = await t.app.inject({ method: 'DELETE', url, headers: admin });
    expect(cleared.statusCode).toBe(200);
    expect(json<{ targets: unknown[] }>(cleared).targets.length).toBeGreaterThanOrEqual(3);
  });
});
