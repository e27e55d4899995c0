import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../tests/support/app';
import { ENGINES } from '../../../tests/support/database';

describe.each(ENGINES)('HTTP conventions on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { map: false, env: { XASO_PUBLIC_RATE_LIMIT: '3' } });
  });
  afterAll(() => t?.close());

  it('reports health with the engine in use', async () => {
    const res = await t.app.inject({ url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({ status: 'ok', database: engine });
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('publishes the OpenAPI document generated from the schemas, and its browsable UI', async () => {
    const doc = json<{ openapi: string; paths: Record<string, unknown> }>(
      await t.app.inject({ url: '/api/openapi.json' }),
    );
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/provinces',
        '/api/v1/communes/{code}',
        '/api/v1/address/resolve',
        '/api/v1/calendar/deadline',
      ]),
    );
    const ui = await t.app.inject({ url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });

  it('answers bad input with problem+json naming the field, in Vietnamese by default and English on request', async () => {
    const vi = await t.app.inject({ url: '/api/v1/calendar/deadline?from=2025-01-01&days=-1' });
    expect(vi.statusCode).toBe(400);
    const viBody = json<{
      type: string;
      title: string;
      code: string;
      errors: { field: string; message: string }[];
    }>(vi);
    expect(viBody).toMatchObject({ code: 'validation_failed', title: 'Dữ liệu không hợp lệ', status: 400 });
    expect(viBody.errors[0]!.field).toBe('query.days');
    const en = await t.app.inject({
      url: '/api/v1/calendar/deadline?days=2',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    const enBody = json<{ title: string; errors: { field: string; message: string }[] }>(en);
    expect(enBody.title).toBe('Invalid input');
    expect(enBody.errors).toContainEqual({ field: 'query.from', message: 'Required' });
  });

  it('says an empty or too long text in words a citizen reads, in Vietnamese and English', async () => {
    const login = (payload: Record<string, string>, lang?: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: lang ? { 'accept-language': lang } : {},
        payload,
      });
    const empty = json<{ errors: { field: string; message: string }[] }>(
      await login({ username: '', password: 'x' }),
    );
    expect(empty.errors).toContainEqual({ field: 'body.username', message: 'Không được để trống.' });
    const long = json<{ errors: { field: string; message: string }[] }>(
      await login({ username: 'a'.repeat(5000), password: 'x' }, 'en'),
    );
    expect(long.errors.find((e) => e.field === 'body.username')?.message).toMatch(
      /^At most \d+ characters\.$/,
    );
  });

  it('answers malformed JSON and unknown routes with a 4xx problem, never a stack trace', async () => {
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).not.toMatch(/at .*\.(ts|js):\d+/);
    const unknown = await t.app.inject({ url: '/api/v1/nothing-here' });
    expect(unknown.statusCode).toBe(404);
    expect(json(unknown)).toMatchObject({ code: 'not_found' });
  });

  it('refuses wrong credentials with 401 and the same message whether or not the user exists', async () => {
    const a = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'nobody', password: 'x' },
    });
    expect(a.statusCode).toBe(401);
    expect(json(a).code).toBe('invalid_credentials');
  });

  it('sets security headers', async () => {
    const res = await t.app.inject({ url: '/api/v1/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('rate-limits public endpoints with a clear 429 and Retry-After', async () => {
    const url = '/api/v1/address/resolve?q=tran%20phu';
    const headers = { 'x-forwarded-for': '203.0.113.7' };
    for (let i = 0; i < 3; i++) expect((await t.app.inject({ url, headers })).statusCode).toBe(200);
    const limited = await t.app.inject({ url, headers });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(json(limited)).toMatchObject({ code: 'rate_limited', status: 429 });
    // Another client is not affected.
    expect((await t.app.inject({ url, headers: { 'x-forwarded-for': '203.0.113.8' } })).statusCode).toBe(200);
  });
});
