/**
 * Browser journeys through the built web app, served by the real server on a fresh in-memory database
 * (administrative map imported, demo accounts seeded), driven in Debian's Chromium with playwright-core.
 * The web app must be built (`npx vite build`; `npm test` does it first); a missing build is built here.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app';
import { ensureWebBuild, launchChromium, shoot, WEB_DIR } from '../support/browser';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The README's screenshot is refreshed only on request (XASO_UPDATE_SCREENSHOTS=1), so a test run leaves the tree
// clean; with XASO_SCREENSHOTS (a directory) it is saved there instead, and a plain run takes none.
const readmeScreenshot = process.env.XASO_UPDATE_SCREENSHOTS
  ? path.join(root, 'docs', 'screenshot-resolver.png')
  : undefined;

let server: TestApp;
let browser: Browser;
let baseUrl: string;
let context: BrowserContext | undefined;

async function openPage(
  pathname: string,
  viewport = { width: 1280, height: 900 },
): Promise<{ page: Page; errors: string[] }> {
  context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseUrl}${pathname}`);
  return { page, errors };
}

/** The element's text (whitespace between blocks is not kept: assert on names, not layout). */
async function textOf(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}

async function resolveByKeyboard(page: Page, address: string, label = 'Địa chỉ cũ') {
  const input = page.getByLabel(label);
  await input.fill(address);
  await input.press('Enter');
  const best = page.getByTestId('resolve-best');
  await best.waitFor();
  return best;
}

beforeAll(async () => {
  await ensureWebBuild();
  server = await createTestApp('pglite', { demo: true, env: { XASO_WEB_DIR: WEB_DIR } });
  baseUrl = await server.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('Tra cứu địa chỉ mới (/dia-chi)', () => {
  it('resolves an old ward that was split, keeps the query in the URL, and links to the map', async () => {
    const { page, errors } = await openPage('/dia-chi');
    await page.getByRole('heading', { level: 1, name: 'Tra cứu địa chỉ mới' }).waitFor();
    const best = await resolveByKeyboard(page, 'P. Đại Nài, TP Hà Tĩnh');
    const text = await textOf(best);
    expect(text).toContain('Phường Thành Sen');
    expect(text).toContain('Hà Tĩnh');
    expect(text).toContain('Phường Đại Nài');
    expect(text).toContain('một phần');
    expect(text).toContain('Phường Hà Huy Tập'); // the other part of Đại Nài, listed in the explanation
    expect(new URL(page.url()).searchParams.get('q')).toBe('P. Đại Nài, TP Hà Tĩnh');

    await best.getByRole('link', { name: /Xem Phường Thành Sen/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Phường Thành Sen' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/xa/18073');
    expect(errors).toEqual([]);
  });

  it('resolves an address typed without diacritics, with the button', async () => {
    const { page } = await openPage('/dia-chi');
    await page.getByLabel('Địa chỉ cũ').fill('xa ky loi, thi xa ky anh, ha tinh');
    await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
    const best = page.getByTestId('resolve-best');
    await best.waitFor();
    const text = await textOf(best);
    expect(text).toContain('Xã Kỳ Lợi');
    expect(text).toContain('Phường Vũng Áng');
  });

  it('opens a shared link with the result, and keeps the street part', async () => {
    const q = 'Số 12 đường Nguyễn Du, P. Đại Nài, TP Hà Tĩnh';
    const { page } = await openPage(`/dia-chi?q=${encodeURIComponent(q)}`);
    const best = page.getByTestId('resolve-best');
    await best.waitFor();
    expect(await page.getByLabel('Địa chỉ cũ').inputValue()).toBe(q);
    expect(await textOf(best)).toContain('Số 12 đường Nguyễn Du, Phường Thành Sen, Hà Tĩnh');

    // The README's picture of the resolver, when asked for: wait for the button's loader to fade before taking it.
    if (readmeScreenshot || process.env.XASO_SCREENSHOTS) {
      await page.locator('button[type=submit][data-loading]').waitFor({ state: 'detached' });
      await page.waitForTimeout(400);
      if (readmeScreenshot) await page.screenshot({ path: readmeScreenshot, fullPage: true });
      else await shoot(page, 'readme');
    }
  });

  it('says what to try when nothing matches', async () => {
    const { page } = await openPage('/dia-chi');
    await page.getByLabel('Địa chỉ cũ').fill('qwerty asdfgh zxcvbn');
    await page.getByLabel('Địa chỉ cũ').press('Enter');
    const empty = page.getByTestId('resolve-empty');
    await empty.waitFor();
    expect(await textOf(empty)).toContain('Không tìm thấy địa chỉ phù hợp');
    expect(await page.getByTestId('resolve-best').count()).toBe(0);
  });

  it('works on a phone: menu, form and result fit the screen', async () => {
    const { page } = await openPage('/', { width: 375, height: 740 });
    await page.getByRole('button', { name: 'Mở hoặc đóng trình đơn' }).click();
    await page.getByRole('dialog').getByRole('link', { name: 'Tra cứu địa chỉ mới' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tra cứu địa chỉ mới' }).waitFor();
    const best = await resolveByKeyboard(page, 'xa ky loi, thi xa ky anh, ha tinh');
    expect(await best.isVisible()).toBe(true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

describe('Bản đồ hành chính (/ban-do)', () => {
  it('browses Hà Tĩnh → its 69 communes → Phường Trần Phú → its former units → where one went', async () => {
    const { page, errors } = await openPage('/');
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Bản đồ hành chính' })
      .click();
    const haTinhRow = page.getByRole('row', { name: /Hà Tĩnh/ });
    await haTinhRow.waitFor();
    expect(await textOf(haTinhRow)).toContain('69');

    await haTinhRow.getByRole('link', { name: 'Hà Tĩnh' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hà Tĩnh' }).waitFor();
    expect(await textOf(page.getByTestId('commune-count'))).toContain('69');
    expect(await page.getByRole('row').count()).toBe(70); // header + 69

    await page.getByLabel('Lọc theo tên xã, phường, đặc khu').fill('tran phu'); // without diacritics
    expect(await page.getByRole('row').count()).toBe(2);
    await page.getByRole('link', { name: 'Phường Trần Phú' }).click();

    await page.getByRole('heading', { level: 1, name: 'Phường Trần Phú' }).waitFor();
    const formerUnits = page.getByTestId('former-units');
    await formerUnits.waitFor();
    const listed = await textOf(formerUnits);
    for (const name of ['Phường Thạch Hạ', 'Phường Đồng Môn', 'Xã Hộ Độ']) expect(listed).toContain(name);
    expect(listed).toContain('Toàn bộ');

    await formerUnits.getByRole('link', { name: 'Phường Đồng Môn' }).click();
    await page.getByRole('heading', { level: 1, name: 'Phường Đồng Môn' }).waitFor();
    expect(await textOf(page.getByTestId('targets'))).toContain('Phường Trần Phú');
    expect(errors).toEqual([]);
  });
});

describe('Ngôn ngữ (language)', () => {
  it('switches to English, updates <html lang>, and remembers the choice', async () => {
    const { page } = await openPage('/dia-chi');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Find your new address' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByLabel('Old address').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Administrative map' }).count()).toBeGreaterThan(0);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Find your new address' }).waitFor();
    const best = await resolveByKeyboard(page, 'P. Dai Nai, TP Ha Tinh', 'Old address');
    const text = await textOf(best);
    expect(text).toContain('New address');
    expect(text).toContain('Phường Thành Sen');
  });
});

describe('Lịch nghỉ lễ & hạn xử lý (/lich)', () => {
  it('lists the days off of a year in dd/mm/yyyy and computes a deadline', async () => {
    const { page } = await openPage('/lich?nam=2025');
    const daysOff = page.getByTestId('days-off');
    await daysOff.waitFor();
    const listed = await textOf(daysOff);
    expect(listed).toContain('30/04/2025');
    expect(listed).toContain('02/09/2025');
    expect(listed).toContain('Theo luật');
    expect(await textOf(page.getByTestId('make-up-days'))).toContain('08/02/2025');

    const from = page.getByLabel('Ngày tiếp nhận');
    await from.fill('25/04/2025');
    await page.getByLabel('Số ngày làm việc').fill('5');
    await page.getByRole('button', { name: 'Tính hạn' }).click();
    const result = page.getByTestId('deadline-result');
    await result.waitFor();
    const text = await textOf(result);
    expect(text).toContain('06/05/2025');
    expect(text).toContain('Ngày Chiến thắng');
    expect(text).toContain('Nghỉ cuối tuần');
  });

  it('lets the system administrator record and delete a make-up day after signing in', async () => {
    const { page } = await openPage('/dang-nhap');
    await page.getByLabel('Tên đăng nhập').fill('admin');
    await page.getByLabel('Mật khẩu').fill('Demo@2025');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).last().click();
    await page.getByRole('button', { name: 'Đăng xuất' }).first().waitFor();

    await page.goto(`${baseUrl}/lich?nam=2027`);
    const admin = page.getByTestId('calendar-admin');
    await admin.waitFor();
    await admin.getByLabel('Ngày làm bù').fill('06/03/2027');
    await admin.getByLabel('Ghi chú, căn cứ').last().fill('Thử nghiệm e2e');
    await admin.getByRole('button', { name: 'Thêm ngày làm bù' }).click();
    const deleteButton = admin.getByRole('button', { name: 'Xóa ngày làm bù 06/03/2027' });
    await deleteButton.waitFor();
    expect(await textOf(page.getByTestId('make-up-days'))).toContain('06/03/2027');

    await deleteButton.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Xác nhận xóa' }).click();
    await deleteButton.waitFor({ state: 'detached' });
    expect(await page.getByText('Năm 2027 không có ngày làm bù.').count()).toBeGreaterThan(0);
  });
});
