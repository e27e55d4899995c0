import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../tests/support/app';
import { ENGINES } from '../../../tests/support/database';

type Problem = { status: number; code: string; errors?: { field: string; message: string }[] };

describe.each(ENGINES)('control characters in input on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { map: false });
  });
  afterAll(() => t?.close());

  it.each([
    ['a search query', 'GET', '/api/v1/communes?q=%00', undefined, 'query.q'],
    [
      'the address resolver',
      'GET',
      '/api/v1/address/resolve?q=Tr%E1%BA%A7n%00Ph%C3%BA',
      undefined,
      'query.q',
    ],
    ['a path parameter', 'GET', '/api/v1/communes/18%00100', undefined, 'path.code'],
    ['the public look-up', 'GET', '/api/v1/public/dossiers/ABC?verifier=%00', undefined, 'query.verifier'],
    [
      'an anonymous login',
      'POST',
      '/api/v1/auth/login',
      { username: 'admin\u0000', password: 'x' },
      'body.username',
    ],
    [
      'an online submission',
      'POST',
      '/api/v1/public/dossiers',
      { applicant: { fullName: 'Nguyễn\u0000Văn A' } },
      'body.applicant.fullName',
    ],
  ])('refuses NUL in %s with a 400 naming the field', async (_name, method, url, payload, field) => {
    const res = await t.app.inject({ method: method as 'GET' | 'POST', url, payload });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = json<Problem>(res);
    expect(body.code).toBe('validation_failed');
    expect(body.errors?.[0]?.field).toBe(field);
    expect(body.errors?.[0]?.message).toMatch(/ký tự điều khiển/);
  });

  it('says it in English on request', async () => {
    const res = await t.app.inject({
      url: '/api/v1/communes?q=%01',
      headers: { 'accept-language': 'en' },
    });
    expect(json<Problem>(res).errors?.[0]?.message).toMatch(/control character/);
  });
});
