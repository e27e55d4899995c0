/**
 * Browser journey through a one-stop dossier: the counter officer receives one (procedure found without
 * diacritics, applicant filled from the CCCD QR line, checklist ticked) and sees its code; the citizen then
 * finds it on the public look-up page by code + phone, and a wrong phone answers like an unknown code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const webDir = path.join(root, 'dist', 'web');

let server: TestApp;
let browser: Browser;
let baseUrl: string;
let context: BrowserContext | undefined;

async function ensureWebBuild() {
  if (fs.existsSync(path.join(webDir, 'index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}

async function newPage(): Promise<{ page: Page; errors: string[] }> {
  context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

beforeAll(async () => {
  await ensureWebBuild();
  server = await createTestApp('pglite', { demo: true, env: { XASO_WEB_DIR: webDir } });
  baseUrl = await server.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('Hồ sơ một cửa', () => {
  it('is received at the counter, then found by the citizen with code + phone', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${baseUrl}/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('motcua.tranphu');
    await page.getByLabel('Mật khẩu').fill('Demo@2025');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).last().click();
    await page.waitForURL(`${baseUrl}/lam-viec/18100`);
    await page
      .getByRole('navigation', { name: 'Công việc' })
      .getByRole('link', { name: 'Tiếp nhận hồ sơ' })
      .click();
    await page.waitForURL(`${baseUrl}/ho-so/18100/tiep-nhan`);

    const procedure = page.getByRole('combobox', { name: 'Thủ tục hành chính' });
    await procedure.fill('dang ky khai sinh'); // without diacritics
    await page.getByRole('option', { name: 'Đăng ký khai sinh', exact: true }).click();
    await page.getByTestId('procedure-facts').waitFor();
    await page
      .getByLabel('Quét mã QR trên CCCD')
      .fill('042095001234||Nguyễn Thị Hoa|15031995|Nữ|Xóm 3, Xã Thạch Trung, TP Hà Tĩnh|01072021');
    expect(await page.getByLabel('Họ và tên').inputValue()).toBe('Nguyễn Thị Hoa');
    expect(await page.getByLabel('Số CCCD / giấy tờ tùy thân').inputValue()).toBe('042095001234');
    await page.getByLabel('Số điện thoại').fill('0912345678');
    const boxes = page.getByRole('checkbox');
    for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).check();
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();

    const codeText = (await page.getByTestId('intake-code').textContent()) ?? '';
    const code = codeText.replace('Mã hồ sơ:', '').trim();
    expect(code).toMatch(/-\d{6}-\d{4}$/);
    const receipt = page.getByRole('link', { name: 'In giấy tiếp nhận và hẹn trả kết quả' });
    expect(await receipt.getAttribute('href')).toMatch(/\/slips\/receipt\.pdf$/);
    await page.getByRole('link', { name: 'Mở hồ sơ' }).click();
    expect(await page.getByTestId('dossier-code').textContent()).toBe(code);
    expect(await page.getByTestId('dossier-status').textContent()).toMatch(/mã trạng thái \d+/);
    await page
      .getByRole('navigation', { name: 'Công việc' })
      .getByRole('link', { name: 'Hồ sơ', exact: true })
      .click();
    await page.getByRole('tab', { name: 'Quá hạn' }).click();
    await page.waitForURL(/hang-doi=overdue/);
    await page.getByTestId('dossier-row').first().waitFor(); // the demo data has late dossiers
    expect(errors).toEqual([]);
    await context?.close();

    // The citizen, no account: the QR leads to /tra-cuu-ho-so?ma=<code>.
    const citizen = await newPage();
    await citizen.page.goto(`${baseUrl}/tra-cuu-ho-so?ma=${encodeURIComponent(code)}`);
    expect(await citizen.page.getByLabel('Mã hồ sơ').inputValue()).toBe(code);
    await citizen.page.getByLabel('Số CCCD hoặc số điện thoại').fill('0999999999');
    await citizen.page.getByRole('button', { name: 'Tra cứu' }).click();
    await citizen.page.getByTestId('lookup-not-found').waitFor();
    await citizen.page.getByLabel('Số CCCD hoặc số điện thoại').fill('0912345678');
    await citizen.page.getByRole('button', { name: 'Tra cứu' }).click();
    const result = citizen.page.getByTestId('lookup-result');
    await result.waitFor();
    const text = (await result.textContent()) ?? '';
    expect(text).toContain(code);
    expect(text).toContain('Đăng ký khai sinh');
    expect(citizen.errors).toEqual([]);
  });
});
