/**
 * The citizen's pages on a phone: no account, so no failing /api/v1/me call (a certain 401 and a round trip on 3G);
 * after someone signs in on this browser the shell asks /me again (and shows the name), and after signing out it
 * stops. The web app's files come compressed, the hashed ones cached for a year.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app';
import { ensureWebBuild, launchChromium, WEB_DIR } from '../support/browser';

let server: TestApp;
let browser: Browser;
let baseUrl: string;
const contexts: BrowserContext[] = [];

interface Watched {
  page: Page;
  /** Every request to /api/v1/me, with its status. */
  me: { status: number }[];
  /** Every answer of 400 or more, and console errors. */
  failures: string[];
  assets: { url: string; encoding?: string; cacheControl?: string }[];
}

async function watched(context?: BrowserContext): Promise<Watched> {
  const ctx =
    context ??
    (await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    }));
  if (!context) contexts.push(ctx);
  ctx.setDefaultTimeout(10_000);
  const page = await ctx.newPage();
  const w: Watched = { page, me: [], failures: [], assets: [] };
  page.on('response', (res) => {
    const url = new URL(res.url());
    if (url.pathname === '/api/v1/me') w.me.push({ status: res.status() });
    if (res.status() >= 400) w.failures.push(`${res.status()} ${url.pathname}`);
    if (url.pathname.startsWith('/assets/'))
      w.assets.push({
        url: url.pathname,
        encoding: res.headers()['content-encoding'],
        cacheControl: res.headers()['cache-control'],
      });
  });
  page.on('console', (m) => {
    if (m.type() === 'error') w.failures.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => w.failures.push(`pageerror: ${e.message}`));
  return w;
}

beforeAll(async () => {
  await ensureWebBuild();
  server = await createTestApp('pglite', { demo: true, env: { XASO_WEB_DIR: WEB_DIR } });
  baseUrl = await server.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});

afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the citizen’s pages, anonymous', () => {
  it.each([
    ['/tra-cuu-ho-so', 'Tra cứu hồ sơ'],
    ['/', null],
    ['/dia-chi', null],
    ['/nop-ho-so', 'Nộp hồ sơ trực tuyến'],
  ])('%s loads with no /me call and no failed request', async (url, heading) => {
    const w = await watched();
    await w.page.goto(`${baseUrl}${url}`, { waitUntil: 'networkidle' });
    if (heading) await w.page.getByRole('heading', { level: 1, name: heading }).waitFor();
    else await w.page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(w.me).toEqual([]);
    expect(w.failures).toEqual([]);
  });

  it('gets its scripts compressed and its hashed files cached for a year', async () => {
    const w = await watched();
    await w.page.goto(`${baseUrl}/tra-cuu-ho-so`, { waitUntil: 'networkidle' });
    expect(w.assets.length).toBeGreaterThan(1);
    for (const a of w.assets) {
      expect(a.encoding, a.url).toMatch(/^(br|gzip)$/);
      expect(a.cacheControl, a.url).toBe('public, max-age=31536000, immutable');
    }
  });

  it('asks /me once someone signed in on this browser, and stops after signing out', async () => {
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    contexts.push(context);
    const login = await watched(context);
    await login.page.goto(`${baseUrl}/dang-nhap`);
    await login.page.getByLabel('Tên đăng nhập').fill('motcua.tranphu');
    await login.page.getByLabel('Mật khẩu').fill('Demo@2025');
    await login.page.getByRole('button', { name: 'Đăng nhập', exact: true }).last().click();
    await login.page.waitForURL(/\/lam-viec/);

    const signedIn = await watched(context);
    await signedIn.page.goto(`${baseUrl}/tra-cuu-ho-so`, { waitUntil: 'networkidle' });
    expect(signedIn.me).toEqual([{ status: 200 }]);
    await signedIn.page.getByRole('button', { name: 'Đăng xuất' }).first().click();
    await signedIn.page.waitForURL(/\/dang-nhap/);

    const after = await watched(context);
    await after.page.goto(`${baseUrl}/tra-cuu-ho-so`, { waitUntil: 'networkidle' });
    await after.page.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' }).waitFor();
    expect(after.me).toEqual([]);
    expect(after.failures).toEqual([]);
  });
});
