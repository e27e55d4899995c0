/**
 * The client address (rate limits, sessions, audit log) cannot be forged: X-Forwarded-For counts only when the
 * request comes from a configured proxy (XASO_TRUST_PROXY), none by default.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../tests/support/app';
import { ENGINES } from '../../../tests/support/database';
import { loadConfig } from '../config';
import { sessions } from '../modules/auth/schema';

async function loginsUntilLimited(t: TestApp, password: string, username = 'nobody.here') {
  const statuses: number[] = [];
  for (let i = 0; i < 11; i++) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
      payload: { username, password },
    });
    statuses.push(res.statusCode);
  }
  return statuses;
}

describe.each(ENGINES)('client addresses on %s', (engine) => {
  describe('with no trusted proxy (the default)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(engine, { demo: true, env: { XASO_TRUST_PROXY: '' } });
    });
    afterAll(() => t?.close());

    it('records the real peer in the session, not the forged address', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-forwarded-for': '203.0.113.99' },
        payload: { username: 'motcua.tranphu', password: 'Demo@2025' },
      });
      expect(res.statusCode).toBe(200);
      const rows = await t.database.db.select({ a: sessions.clientAddress }).from(sessions);
      expect(rows.map((r) => r.a)).toEqual(['127.0.0.1']);
    });

    it('ignores X-Forwarded-For: logins "from" other addresses share the peer\'s 10-a-minute limit', async () => {
      const statuses = await loginsUntilLimited(t, 'wrong-password');
      // One login above plus nine here make ten; the tenth here is the eleventh from this peer.
      expect(statuses.slice(0, 9).every((s) => s === 401)).toBe(true);
      expect(statuses[9]).toBe(429);
    });
  });

  describe('behind a configured proxy', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(engine, { map: false, env: { XASO_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' } });
    });
    afterAll(() => t?.close());

    it('believes the proxy: each forwarded client has its own limit', async () => {
      const statuses = await loginsUntilLimited(t, 'wrong-password');
      expect(statuses).not.toContain(429);
    });
  });

  describe('behind a proxy that is not this peer', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(engine, { map: false, env: { XASO_TRUST_PROXY: '10.0.0.0/8' } });
    });
    afterAll(() => t?.close());

    it('does not believe a peer outside the list', async () => {
      const statuses = await loginsUntilLimited(t, 'wrong-password');
      expect(statuses[10]).toBe(429);
    });
  });
});

describe('XASO_TRUST_PROXY', () => {
  it.each([
    ['', []],
    ['10.0.0.5', ['10.0.0.5']],
    [' 10.0.0.0/8 , 192.168.1.0/24,::1 ', ['10.0.0.0/8', '192.168.1.0/24', '::1']],
  ])('accepts %j', (value, expected) => {
    expect(loadConfig({ XASO_TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });
  it.each(['true', 'proxy.example', '10.0.0.0/33', '10.0.0.0/8/1', '300.1.1.1'])('refuses %j', (value) => {
    expect(() => loadConfig({ XASO_TRUST_PROXY: value })).toThrow(/XASO_TRUST_PROXY/);
  });
});
