/**
 * Signing in on the commune LAN over plain http (a name that is not a secure context, as a LAN address is): the
 * session cookie is Secure only when the request came over HTTPS, so the login sticks; and when a misconfigured
 * proxy says https to a browser on http, the login page says why instead of silently showing the form again.
 * Traffic goes to loopback only (lan.test is mapped to 127.0.0.1 inside Chromium).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app';
import { ensureWebBuild, launchChromium, WEB_DIR } from '../support/browser';

let server: TestApp;
let browser: Browser;
let lanUrl: string;

beforeAll(async () => {
  await ensureWebBuild();
  // The production default (auto); the test app trusts 127.0.0.1 as a proxy, as a LAN reverse proxy would be.
  server = await createTestApp('pglite', {
    demo: true,
    env: { XASO_WEB_DIR: WEB_DIR, XASO_SECURE_COOKIES: 'auto' },
  });
  const address = await server.app.listen({ port: 0, host: '127.0.0.1' });
  lanUrl = address.replace('127.0.0.1', 'lan.test');
  browser = await launchChromium(['--host-resolver-rules=MAP lan.test 127.0.0.1']);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function login(extraHTTPHeaders: Record<string, string> = {}) {
  const context = await browser.newContext({ locale: 'vi-VN', extraHTTPHeaders });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await page.goto(`${lanUrl}/dang-nhap`);
  await page.getByLabel('Tên đăng nhập').fill('motcua.tranphu');
  await page.getByLabel('Mật khẩu').fill('Demo@2025');
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).last().click();
  return { context, page };
}

describe('signing in over plain http on the LAN', () => {
  it('keeps the session on http://lan.test (not a secure context)', async () => {
    const { context, page } = await login();
    await page.waitForURL((url) => url.pathname !== '/dang-nhap');
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.httpOnly);
    expect(session?.secure).toBe(false);
    await page.reload();
    await page.goto(`${lanUrl}/lam-viec`);
    await page.getByRole('navigation', { name: 'Công việc' }).waitFor();
    expect(await page.getByLabel('Mật khẩu').count()).toBe(0);
    expect(new URL(page.url()).pathname).not.toBe('/dang-nhap');
    await context.close();
  });

  it('says why when a proxy claims https to a browser on http', async () => {
    const { context, page } = await login({ 'x-forwarded-proto': 'https' });
    await page.getByRole('alert').filter({ hasText: 'Trình duyệt không giữ phiên đăng nhập' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('http://lan.test');
    expect(new URL(page.url()).pathname).toBe('/dang-nhap');
    await context.close();
  });
});
