import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';

describe.each(ENGINES)('accounts, sessions and tokens on %s', (engine) => {
  let t: TestApp;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    admin = await loginAs(t.app, 'admin');
  });
  afterAll(() => t?.close());

  const inject = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT',
    url: string,
    headers: Record<string, string> = {},
    payload?: object,
  ) => t.app.inject({ method, url, headers, payload });

  it('logs in with an HttpOnly, SameSite cookie and returns who I am with my roles', async () => {
    const res = await inject(
      'POST',
      '/api/v1/auth/login',
      {},
      { username: 'lanhdao.tranphu', password: 'Demo@2025' },
    );
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'xaso_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const me = json<{ username: string; roles: { role: string; communeCode: string }[] }>(
      await inject('GET', '/api/v1/me', { cookie: `xaso_session=${cookie.value}` }),
    );
    expect(me.roles).toEqual([{ role: 'commune_leader', communeCode: '18100', provinceCode: null }]);
  });

  it('logs out: the session no longer works', async () => {
    const h = await loginAs(t.app, 'motcua.tranphu');
    expect((await inject('POST', '/api/v1/auth/logout', h)).statusCode).toBe(204);
    expect((await inject('GET', '/api/v1/me', h)).statusCode).toBe(401);
  });

  it('throttles wrong passwords per username and address: the owner elsewhere still signs in, and nothing tells a locked, unknown or wrong login apart', async () => {
    const from = (address: string, username: string, password: string) =>
      inject('POST', '/api/v1/auth/login', { 'x-forwarded-for': address }, { username, password });
    for (let i = 0; i < 5; i++)
      expect((await from('198.51.100.7', 'thuky.songtri', 'wrong')).statusCode).toBe(401);
    // Now blocked from that address, even with the right password — and the answer is the same as any other.
    const blocked = await from('198.51.100.7', 'thuky.songtri', 'Demo@2025');
    const wrong = await from('198.51.100.8', 'thuky.songtri', 'wrong');
    const unknown = await from('198.51.100.8', 'khong.ton.tai', 'Demo@2025');
    for (const res of [blocked, wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['retry-after']).toBeUndefined();
    }
    const body = (r: typeof blocked) => {
      const { instance: _instance, ...rest } = json<Record<string, unknown>>(r);
      return rest;
    };
    expect(body(blocked)).toEqual(body(wrong));
    expect(body(unknown)).toEqual(body(wrong));
    // The owner, elsewhere, is not locked out.
    expect((await from('198.51.100.9', 'thuky.songtri', 'Demo@2025')).statusCode).toBe(200);

    // The administrator sees the block and lifts it; an official may not.
    const listed = json<{ items: { username: string | null; clientAddress: string | null }[] }>(
      await inject('GET', '/api/v1/login-blocks', admin),
    );
    expect(listed.items).toContainEqual(
      expect.objectContaining({ username: 'thuky.songtri', clientAddress: '198.51.100.7' }),
    );
    const officer = await loginAs(t.app, 'chuyenvien.songtri');
    expect((await inject('GET', '/api/v1/login-blocks', officer)).statusCode).toBe(403);
    const noFilter = await inject('DELETE', '/api/v1/login-blocks', admin);
    expect(noFilter.statusCode).toBe(400);
    const lifted = await inject('DELETE', '/api/v1/login-blocks?username=thuky.songtri', admin);
    expect(json<{ removed: number }>(lifted).removed).toBeGreaterThan(0);
    expect((await from('198.51.100.7', 'thuky.songtri', 'Demo@2025')).statusCode).toBe(200);
    const audit = json<{ items: { action: string }[] }>(
      await inject('GET', '/api/v1/audit?action=auth.throttle', admin),
    );
    expect(audit.items.map((i) => i.action)).toEqual(
      expect.arrayContaining(['auth.throttled', 'auth.throttle_lifted']),
    );
  });

  it('creates an account that must change its first password before doing anything else', async () => {
    const created = await inject('POST', '/api/v1/accounts', admin, {
      username: 'nv.hoa',
      displayName: 'Nguyễn Văn Hòa',
      password: 'Tam-Thoi-2025',
      grants: [{ role: 'specialist', communeCode: '18100' }],
    });
    expect(created.statusCode).toBe(201);
    expect(json(created)).toMatchObject({
      mustChangePassword: true,
      grants: [expect.objectContaining({ role: 'specialist', communeCode: '18100' })],
    });

    const h = await loginAs(t.app, 'nv.hoa', 'Tam-Thoi-2025');
    const blocked = await inject('GET', '/api/v1/audit', h);
    expect(blocked.statusCode).toBe(403);
    expect(json(blocked).code).toBe('password_change_required');
    // Public pages (the map, the resolver) stay usable meanwhile.
    expect((await inject('GET', '/api/v1/provinces/42/communes', h)).statusCode).toBe(200);
    const weak = await inject('POST', '/api/v1/auth/change-password', h, {
      currentPassword: 'Tam-Thoi-2025',
      newPassword: 'abc',
    });
    expect(weak.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(weak).errors[0]!.field).toBe('body.newPassword');
    const ok = await inject('POST', '/api/v1/auth/change-password', h, {
      currentPassword: 'Tam-Thoi-2025',
      newPassword: 'Hoa#Moi-2025',
    });
    expect(ok.statusCode).toBe(204);
    expect(json(await inject('GET', '/api/v1/me', h))).toMatchObject({ mustChangePassword: false });
  });

  it('refuses account administration to anyone but an administrator, and validates grants', async () => {
    const leader = await loginAs(t.app, 'lanhdao.tranphu');
    expect((await inject('GET', '/api/v1/accounts', leader)).statusCode).toBe(403);
    const badScope = await inject('POST', '/api/v1/accounts', admin, {
      username: 'x.y',
      displayName: 'X Y',
      password: 'Valid#Pass1',
      grants: [{ role: 'specialist' }],
    });
    expect(badScope.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(badScope).errors[0]!.field).toBe('body.grants.0');
    const dup = await inject('POST', '/api/v1/accounts', admin, {
      username: 'admin',
      displayName: 'Dup',
      password: 'Valid#Pass1',
    });
    expect(dup.statusCode).toBe(409);
  });

  it('grants a role in a second commune: the same person acts in both places', async () => {
    const list = json<{ items: { id: string; username: string }[] }>(
      await inject('GET', '/api/v1/accounts?q=chuyenvien.tranphu', admin),
    );
    const id = list.items.find((a) => a.username === 'chuyenvien.tranphu')!.id;
    const res = await inject('POST', `/api/v1/accounts/${id}/grants`, admin, {
      role: 'specialist',
      communeCode: '18754',
    });
    expect(res.statusCode).toBe(200);
    expect(
      json<{ grants: { communeCode: string }[] }>(res)
        .grants.map((g) => g.communeCode)
        .sort(),
    ).toEqual(['18100', '18754']);
  });

  it('logs out everywhere', async () => {
    const a = await loginAs(t.app, 'motcua.songtri');
    const b = await loginAs(t.app, 'motcua.songtri');
    const res = await inject('POST', '/api/v1/auth/logout-all', a);
    expect(json(res)).toEqual({ sessionsEnded: 2 });
    expect((await inject('GET', '/api/v1/me', b)).statusCode).toBe(401);
  });

  it('issues a scoped API token that works without cookie or CSRF, only within its scope, until revoked', async () => {
    const leader = await loginAs(t.app, 'lanhdao.tranphu');
    const created = await inject('POST', '/api/v1/auth/tokens', leader, {
      name: 'Kết nối cổng tỉnh',
      permissions: ['audit.read'],
      communeCode: '18100',
    });
    expect(created.statusCode).toBe(201);
    const { id, token } = json<{ id: string; token: string }>(created);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await inject('GET', '/api/v1/audit?communeCode=18100', bearer)).statusCode).toBe(200);
    expect((await inject('GET', '/api/v1/audit?communeCode=18754', bearer)).statusCode).toBe(403);
    const tooMuch = await inject('POST', '/api/v1/auth/tokens', leader, {
      name: 'Quá quyền',
      permissions: ['map.manage'],
    });
    expect(tooMuch.statusCode).toBe(403);
    expect((await inject('DELETE', `/api/v1/auth/tokens/${id}`, leader)).statusCode).toBe(204);
    expect((await inject('GET', '/api/v1/audit?communeCode=18100', bearer)).statusCode).toBe(401);
  });

  it("shows the audit log within the viewer's rights, with filters", async () => {
    const leader = await loginAs(t.app, 'lanhdao.songtri');
    const own = json<{ items: { communeCode: string; action: string }[] }>(
      await inject('GET', '/api/v1/audit', leader),
    );
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((e) => e.communeCode === '18754')).toBe(true);
    expect((await inject('GET', '/api/v1/audit?communeCode=18100', leader)).statusCode).toBe(403);
    const province = await loginAs(t.app, 'tinh.hatinh');
    const grants = json<{ items: { action: string }[] }>(
      await inject('GET', '/api/v1/audit?action=account.grant', province),
    );
    expect(grants.items.length).toBeGreaterThan(0);
    expect(grants.items.every((e) => e.action === 'account.grant')).toBe(true);
    const specialist = await loginAs(t.app, 'chuyenvien.songtri');
    expect((await inject('GET', '/api/v1/audit', specialist)).statusCode).toBe(403);
    const all = json<{ items: unknown[]; nextCursor: number }>(
      await inject('GET', '/api/v1/audit?limit=2', admin),
    );
    expect(all.items).toHaveLength(2);
    const next = json<{ items: { id: number }[] }>(
      await inject('GET', `/api/v1/audit?limit=2&cursor=${all.nextCursor}`, admin),
    );
    expect(next.items[0]!.id).toBeLessThan(all.nextCursor);
  });
});
