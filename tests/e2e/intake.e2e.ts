/**
 * The exceptions a counter officer meets every hour, in Chromium at /ho-so/18100/tiep-nhan: an old (pre-merger)
 * address read from the CCCD QR line gets its new commune suggested and accepted, a split former unit only
 * offers choices; a document marked not applicable (its condition note beside it) and the answers shown on the
 * dossier page; an incomplete dossier gives the supplement-guidance slip for exactly what is missing and files
 * nothing; a dossier received for another commune of the province (phi địa giới).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../src/server/modules/org/pdf-text';
import { createTestApp, type TestApp } from '../support/app';
import { ensureWebBuild, launchChromium, shoot, WEB_DIR } from '../support/browser';

let server: TestApp;
let browser: Browser;
let baseUrl: string;
let context: BrowserContext | undefined;

beforeAll(async () => {
  await ensureWebBuild();
  server = await createTestApp('pglite', { demo: true, env: { XASO_WEB_DIR: WEB_DIR } });
  baseUrl = await server.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

let counter: { page: Page; errors: string[] } | undefined;

/**
 * The counter officer of Phường Trần Phú on a fresh intake form, with the page's script errors collected: signed
 * in through the login page once, the form opened anew for each case.
 */
async function atTheCounter(): Promise<{ page: Page; errors: string[] }> {
  counter ??= await signIn();
  counter.errors.length = 0;
  await counter.page.goto(`${baseUrl}/ho-so/18100/tiep-nhan`);
  return counter;
}

async function signIn(): Promise<{ page: Page; errors: string[] }> {
  context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseUrl}/dang-nhap`);
  await page.getByLabel('Tên đăng nhập').fill('motcua.tranphu');
  await page.getByLabel('Mật khẩu').fill('Demo@2025');
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).last().click();
  await page.waitForURL(/\/lam-viec/);
  return { page, errors };
}

/** Picks Đăng ký khai sinh (typed without diacritics) and reads the applicant from the CCCD QR line. */
async function birthRegistration(page: Page, cccdLine: string, phone: string) {
  await page.getByRole('combobox', { name: 'Thủ tục hành chính' }).fill('dang ky khai sinh');
  await page.getByRole('option', { name: 'Đăng ký khai sinh', exact: true }).click();
  await page.getByTestId('intake-checklist').waitFor();
  await page.getByLabel('Quét mã QR trên CCCD').fill(cccdLine);
  await page.getByLabel('Số điện thoại').fill(phone);
}

/** One document of the checklist: its name, form and condition note, and its three answers. */
const checklistDocument = (page: Page, name: string) =>
  page
    .getByTestId('intake-document')
    .filter({ has: page.getByRole('radiogroup', { name: new RegExp(name) }) });
const submit = (page: Page) => page.getByTestId('intake-submit');
const intakeCode = async (page: Page) =>
  ((await page.getByTestId('intake-code').textContent()) ?? '').replace('Mã hồ sơ:', '').trim();

async function dossierJson(page: Page, id: string) {
  const res = await page.request.get(`${baseUrl}/api/v1/dossiers/${id}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as {
    communeCode: string;
    receivingCommuneCode: string;
    applicant: { address: string };
  };
}

describe('Tiếp nhận tại quầy: các trường hợp thường gặp', () => {
  it('accepts the new commune of an old CCCD address, takes a document as not applicable and shows the answers', async () => {
    const { page, errors } = await atTheCounter();
    // Phường Thạch Trung (TP Hà Tĩnh) went whole into the new Phường Trần Phú.
    await birthRegistration(
      page,
      '042095001234||Nguyễn Thị Hoa|15031995|Nữ|Xóm 3, Phường Thạch Trung, Thành phố Hà Tĩnh, Tỉnh Hà Tĩnh|01072021',
      '0912 345 678',
    );
    const address = page.getByRole('textbox', { name: /^Địa chỉ/ });
    expect(await address.inputValue()).toBe('Xóm 3, Phường Thạch Trung, Thành phố Hà Tĩnh, Tỉnh Hà Tĩnh');
    const suggestion = page.getByTestId('address-suggestion');
    await suggestion.waitFor();
    expect(await suggestion.textContent()).toContain('Phường Thạch Trung (cũ) nay thuộc Phường Trần Phú.');
    // Not taken until the officer accepts it; accepted from the keyboard, the street part kept.
    expect(await address.inputValue()).toBe('Xóm 3, Phường Thạch Trung, Thành phố Hà Tĩnh, Tỉnh Hà Tĩnh');
    await suggestion.getByRole('button', { name: 'Dùng địa chỉ mới' }).focus();
    await page.keyboard.press('Enter');
    expect(await address.inputValue()).toBe('Xóm 3, Phường Trần Phú, Hà Tĩnh');
    await page.getByTestId('address-accepted').waitFor();

    // Nothing answered yet: the button says the guidance slip is what will happen.
    expect(await submit(page).textContent()).toBe('In phiếu hướng dẫn bổ sung');
    await page.getByRole('button', { name: 'Đã nhận đủ tất cả' }).click();
    const birthCertificate = checklistDocument(page, 'Giấy chứng sinh');
    // The catalogue's condition note beside the document.
    expect(await birthCertificate.textContent()).toContain('Không có giấy chứng sinh');
    await birthCertificate.getByRole('radio', { name: 'Không áp dụng' }).check();
    expect(await submit(page).textContent()).toBe('Tiếp nhận và in giấy hẹn');
    await shoot(page, 'form');
    await submit(page).click();

    const code = await intakeCode(page);
    expect(code).toMatch(/^000\.00\.18100\.H42-\d{6}-\d{4}$/);
    await page.getByRole('link', { name: 'Mở hồ sơ' }).click();
    expect(await page.getByTestId('dossier-code').textContent()).toBe(code);
    const panel = page.getByTestId('checklist-panel');
    await panel.locator('tr').first().waitFor();
    const rows = await panel
      .locator('tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [tr.querySelector('p')?.textContent ?? '', tr.getAttribute('data-answer')]),
      );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const [name, answer] of rows) {
      expect({ name, answer }).toEqual({
        name,
        answer: name?.includes('Giấy chứng sinh') ? 'not_applicable' : 'received',
      });
    }
    expect(await panel.textContent()).toContain('Khai tại quầy');
    await shoot(page, 'dossier-checklist');
    expect(errors).toEqual([]);
  });

  it('never takes a split unit for the officer, and gives the guidance slip for exactly what is missing', async () => {
    const { page, errors } = await atTheCounter();
    // Phường Đại Nài was split between Phường Thành Sen and Phường Hà Huy Tập.
    await birthRegistration(
      page,
      '042096005678||Trần Văn Nam|20081996|Nam|Số 12 Lê Lợi, Phường Đại Nài, Thành phố Hà Tĩnh, Tỉnh Hà Tĩnh|05052022',
      '0912000222',
    );
    const address = page.getByRole('textbox', { name: /^Địa chỉ/ });
    const suggestion = page.getByTestId('address-suggestion');
    await suggestion.waitFor();
    expect(await suggestion.textContent()).toContain('Phường Đại Nài (cũ) đã được chia cho nhiều xã, phường');
    expect(await suggestion.getByRole('button').allTextContents()).toEqual([
      'Phường Thành Sen',
      'Phường Hà Huy Tập',
    ]);
    expect(await address.inputValue()).toBe('Số 12 Lê Lợi, Phường Đại Nài, Thành phố Hà Tĩnh, Tỉnh Hà Tĩnh');
    await suggestion.getByRole('button', { name: /Phường Thành Sen/ }).click();
    expect(await address.inputValue()).toBe('Số 12 Lê Lợi, Phường Thành Sen, Hà Tĩnh');

    // Everything received but the birth certificate, which the citizen did not bring.
    await page.getByRole('button', { name: 'Đã nhận đủ tất cả' }).click();
    await checklistDocument(page, 'Giấy chứng sinh').getByRole('radio', { name: 'Thiếu' }).check();
    expect(await page.getByTestId('intake-missing').textContent()).toContain('Còn thiếu 1 giấy tờ');
    expect(await submit(page).textContent()).toBe('In phiếu hướng dẫn bổ sung');
    // The PDF the server makes, kept as it passes (the page opens it from a blob: URL the test cannot read).
    let slip: Buffer | null = null;
    await page.route('**/api/v1/dossiers/guidance-slip.pdf', async (route) => {
      const answer = await route.fetch();
      slip = await answer.body();
      await route.fulfill({ response: answer });
    });
    await submit(page).click();
    const guidance = page.getByTestId('intake-guidance');
    await guidance.waitFor();
    expect(await guidance.textContent()).toContain(
      'Chưa tiếp nhận hồ sơ. Còn thiếu 1 giấy tờ:Giấy chứng sinh',
    );
    // The slip the officer prints opens in a new tab.
    const [tab] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('link', { name: 'Mở phiếu hướng dẫn bổ sung để in' }).click(),
    ]);
    expect(tab.url()).toMatch(/^blob:/);
    await tab.close();
    await page.unroute('**/api/v1/dossiers/guidance-slip.pdf'); // the next case uses the same page
    // Exactly what is missing.
    expect(slip).not.toBeNull();
    const text = pdfText(slip!).replace(/\s+/g, ' ');
    expect(text).toContain('Trần Văn Nam');
    expect(text).toContain('Số 12 Lê Lợi, Phường Thành Sen, Hà Tĩnh');
    expect(text).toContain('1. Giấy chứng sinh');
    expect(text).not.toContain('Tờ khai đăng ký khai sinh');
    expect(text).not.toMatch(/\b2\. /);
    // Nothing was filed.
    const found = await page.request.get(`${baseUrl}/api/v1/dossiers?q=0912000222`);
    expect(((await found.json()) as { items: unknown[] }).items).toEqual([]);
    // Back to the form as filled: the citizen had it after all.
    await page.getByRole('button', { name: 'Quay lại hồ sơ đang nhập' }).click();
    expect(await address.inputValue()).toBe('Số 12 Lê Lợi, Phường Thành Sen, Hà Tĩnh');
    expect(await submit(page).textContent()).toBe('In phiếu hướng dẫn bổ sung');
    expect(errors).toEqual([]);
  });

  it('receives for another commune of the province, picked from its list without diacritics', async () => {
    const { page, errors } = await atTheCounter();
    await birthRegistration(
      page,
      '042097009999||Lê Thị Sông|01011997|Nữ|Thôn 5, Phường Sông Trí, Hà Tĩnh|01012023',
      '0912000333',
    );
    const competent = page.getByRole('combobox', { name: 'Xã, phường giải quyết hồ sơ' });
    expect(await competent.inputValue()).toBe('Phường Trần Phú (18100) — nơi tiếp nhận');
    await competent.click();
    await competent.fill('song tri');
    await page.getByRole('option', { name: 'Phường Sông Trí (18754)' }).click();
    // The notice names the commune once its name has loaded (the code shows meanwhile).
    await expect
      .poll(() => page.getByTestId('intake-other-commune').textContent())
      .toContain('hồ sơ được chuyển về Phường Sông Trí giải quyết');
    await page.getByRole('button', { name: 'Đã nhận đủ tất cả' }).click();
    await submit(page).click();
    const code = await intakeCode(page);
    expect(code).toMatch(/^000\.00\.18100\.H42-\d{6}-\d{4}$/);
    await page.getByRole('link', { name: 'Mở hồ sơ' }).click();
    await page.waitForURL(/\/ho-so\/chi-tiet\//);
    expect(await page.getByTestId('dossier-code').textContent()).toBe(code);
    const id = page.url().split('/').pop()!;
    expect(await dossierJson(page, id)).toMatchObject({
      communeCode: '18754',
      receivingCommuneCode: '18100',
    });
    expect(errors).toEqual([]);
  });
});
