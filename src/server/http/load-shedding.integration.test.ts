import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../tests/support/app';
import { ENGINES } from '../../../tests/support/database';

describe.each(ENGINES)('load shedding on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    // A heap budget of 1 MB is always exceeded: once the first sample is taken, every request is shed.
    t = await createTestApp(engine, { map: false, env: { XASO_MAX_HEAP_USED_MB: '1' } });
  });
  afterAll(() => t?.close());

  it('answers 503 problem+json with Retry-After, in Vietnamese and English, instead of stalling', async () => {
    await new Promise((r) => setTimeout(r, 1300)); // the plugin samples once a second
    const vi = await t.app.inject({ url: '/api/v1/calendar/deadline?from=2025-07-01&days=3' });
    expect(vi.statusCode).toBe(503);
    expect(vi.headers['retry-after']).toBe('10');
    expect(vi.headers['content-type']).toContain('application/problem+json');
    expect(json(vi)).toMatchObject({ status: 503, code: 'unavailable' });
    expect(json<{ detail: string }>(vi).detail).toMatch(/quá tải/);
    const en = await t.app.inject({ url: '/api/v1/provinces', headers: { 'accept-language': 'en' } });
    expect(json<{ detail: string }>(en).detail).toMatch(/overloaded/);
  });
});

describe('load shedding with the default budget', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite', { map: false });
  });
  afterAll(() => t?.close());

  it('serves normally when the server is not under pressure', async () => {
    await new Promise((r) => setTimeout(r, 1300));
    const res = await t.app.inject({ url: '/api/v1/calendar/deadline?from=2025-07-01&days=3' });
    expect(res.statusCode).toBe(200);
  });
});
