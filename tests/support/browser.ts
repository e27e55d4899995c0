/**
 * What every browser test needs: the built web app, Debian's Chromium launched headless with the project's flags
 * (never a downloaded browser), a fresh context per person (Vietnamese, Hà Nội time, page errors collected) and a
 * sign-in through the real login page; screenshots for a developer walking the pages, only on request.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WEB_DIR = path.join(root, 'dist', 'web');

/** Builds the web app when no build is there (npm test builds it first; a single file run may not have). */
export async function ensureWebBuild(): Promise<void> {
  if (fs.existsSync(path.join(WEB_DIR, 'index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', ...extraArgs],
  });
}

/**
 * Saves the page (full length) as `${XASO_SCREENSHOTS}/<file>-<name>.png`, <file> being the journey's file name
 * without `.e2e.ts`, when XASO_SCREENSHOTS names a directory; does nothing otherwise. The screenshots assert
 * nothing: they are for a developer walking the UI (`XASO_SCREENSHOTS=/tmp/shots npx vitest run tests/e2e/...`),
 * and a plain run does not pay for them (a full-page screenshot costs a few hundred ms).
 */
export async function shoot(page: Page, name: string): Promise<void> {
  const dir = process.env.XASO_SCREENSHOTS;
  if (!dir) return;
  const file = path.basename(expect.getState().testPath ?? 'e2e').replace(/\.e2e\.ts$/, '');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${file}-${name}.png`), fullPage: true });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors, asserted empty by journeys that want a clean run. */
  errors: string[];
}

/** A fresh context (no cookies) and page; a missing element fails with its locator within 10 s. */
export async function openSession(
  browser: Browser,
  options: { width?: number; height?: number } = {},
): Promise<Session> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** A fresh session signed in through the login page; resolves once the login has led away from it. */
export async function signInAs(
  browser: Browser,
  baseUrl: string,
  username: string,
  options: { password?: string; width?: number } = {},
): Promise<Session> {
  const session = await openSession(browser, options);
  const { page } = session;
  await page.goto(`${baseUrl}/dang-nhap`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(options.password ?? 'Demo@2025');
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).last().click();
  await page.waitForURL((url) => url.pathname !== '/dang-nhap');
  return session;
}

/**
 * Types into a searchable select and picks the option whose name matches, as a user would. A live page may
 * re-render while the list is open (a server event arrives), closing it under the pointer; the user then simply
 * opens it again, and so does this helper (up to three tries).
 */
export async function pickOption(
  page: Page,
  input: Locator,
  text: string,
  option: RegExp = new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
): Promise<void> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await input.fill(text);
      await page.getByRole('option', { name: option }).first().click({ timeout: 4_000 });
      return;
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError ?? new Error(`no option matching ${option} could be picked`);
}
