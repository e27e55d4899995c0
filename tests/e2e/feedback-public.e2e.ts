/**
 * Browser journey of a citizen's feedback on a phone (375 px): from the public page to the form; the place typed as
 * an old address gives the new commune in one tap; a similar open report is suggested while typing and they send
 * anyway; HTML in the title is refused with the field named (and never runs); anonymous, with a photo, they get the
 * code and the PIN; they follow it with the PIN; once the commune's leader has answered (API), the answer is on the
 * public list found without diacritics, the stored text shown as text; they say it is not resolved and the report
 * reopens. The map tab works without tiles.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../support/app';
import { ensureWebBuild, launchChromium, WEB_DIR } from '../support/browser';

let server: TestApp;
let browser: Browser;
let baseUrl: string;
const contexts: BrowserContext[] = [];

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const COMMUNE = '18100'; // Phường Trần Phú, Hà Tĩnh (the demo's)

async function open(url: string, viewport = { width: 375, height: 800 }) {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  contexts.push(context);
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(`${baseUrl}${url}`);
  return { page, errors };
}

const noScriptRan = (page: Page) => page.evaluate(() => (window as { __xss?: unknown }).__xss ?? null);

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

describe('Phản ánh của người dân (trang công khai)', () => {
  it('is sent anonymously from a phone, followed with the PIN, answered, published and reopened', async () => {
    // An earlier report about the same light (someone else, with a phone number), to be suggested as a duplicate.
    const cats = json<{ items: { id: string; nameVi: string }[] }>(
      await server.app.inject({ url: `/api/v1/public/feedback/categories?communeCode=${COMMUNE}` }),
    ).items;
    const category = cats[0]!;
    const earlier = await server.app.inject({
      method: 'POST',
      url: '/api/v1/public/feedback',
      payload: {
        communeCode: COMMUNE,
        categoryId: category.id,
        title: 'Đèn đường hỏng ở ngõ 5 Thạch Trung',
        content: 'Đèn đường ngõ 5 Thạch Trung không sáng mấy hôm nay.',
        reporterPhone: '0912345678',
      },
    });
    expect(earlier.statusCode, earlier.body).toBe(201);
    const earlierCode = json<{ code: string }>(earlier).code;

    // 1. From the public page to the form.
    const citizen = await open('/phan-anh');
    const page = citizen.page;
    await page.getByTestId('public-to-submit').click();
    await page.getByRole('heading', { level: 1, name: 'Gửi phản ánh, kiến nghị' }).waitFor();

    // 2. The old address resolves to the new commune in one tap.
    await page.getByTestId('feedback-place').fill('ngõ 5, phường Thạch Trung, TP Hà Tĩnh');
    await page
      .getByTestId('feedback-place-suggestions')
      .getByRole('button', { name: /Phường Trần Phú, Hà Tĩnh — trước đây là Phường Thạch Trung/ })
      .click();
    expect(await page.getByTestId('feedback-commune').inputValue()).toBe('Phường Trần Phú, Hà Tĩnh');
    await page.getByTestId('feedback-category').click();
    await page.getByRole('option', { name: category.nameVi, exact: true }).click();

    // 3. While typing, the earlier report is suggested; they send a new one anyway.
    const title = page.getByTestId('feedback-title');
    await title.fill('Đèn đường hỏng ngõ 5');
    await page
      .getByTestId('feedback-content')
      .fill('Đèn đường ngõ 5 Thạch Trung tắt từ tuần trước; tối đi lại nguy hiểm (a < b && c > d).');
    const duplicates = page.getByTestId('feedback-duplicates');
    await duplicates.getByText(earlierCode).waitFor();
    await expect(
      duplicates.getByRole('link', { name: 'Theo dõi phản ánh đó' }).getAttribute('href'),
    ).resolves.toBe(`/phan-anh?ma=${earlierCode}`);
    await page.getByTestId('feedback-file-anyway').click();
    await duplicates.waitFor({ state: 'detached' });

    // 4. No contact: the anonymous warning. A photo attached; a wrong file type is refused before sending.
    await expect(page.getByTestId('feedback-anonymous-warning').textContent()).resolves.toContain(
      'mã PIN một lần duy nhất',
    );
    const fileInput = page.locator('input[type=file]');
    await fileInput.setInputFiles({
      name: 'ghi-chu.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('chữ'),
    });
    await page.getByText('ghi-chu.txt: loại tệp không được nhận').waitFor();
    await fileInput.setInputFiles({ name: 'den-hong.png', mimeType: 'image/png', buffer: PNG });
    await page
      .getByTestId('feedback-files')
      .getByText(/^den-hong\.png — /)
      .waitFor();

    // 5. HTML in the title is refused with the field named, and nothing of it ran.
    await title.fill('<img src=x onerror="window.__xss=1">Đèn đường hỏng ngõ 5');
    await page.getByTestId('feedback-send').click();
    await page.getByText('Hãy sửa các ô được đánh dấu đỏ').waitFor();
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    expect(await noScriptRan(page)).toBeNull();
    await title.fill('Đèn đường hỏng ngõ 5, 3 tuần chưa sửa');
    await page.getByTestId('feedback-send').click();
    const done = page.getByTestId('feedback-done');
    await done.waitFor();
    const code = (await page.getByTestId('feedback-code').textContent())!;
    const pin = (await page.getByTestId('feedback-pin').textContent())!;
    expect(code).toMatch(/^PA-18100-\d{6}-\d{4}$/);
    expect(pin).toMatch(/^\d{6}$/);
    const leader = await loginAs(server.app, 'lanhdao.tranphu');
    const sent = json<{ items: { id: string; code: string; title: string }[] }>(
      await server.app.inject({ url: `/api/v1/communes/${COMMUNE}/feedback?q=${code}`, headers: leader }),
    ).items.find((r) => r.code === code)!;
    expect(sent.title).toBe('Đèn đường hỏng ngõ 5, 3 tuần chưa sửa');
    expect(await page.getByTestId('feedback-pin-warning').textContent()).toContain('chỉ hiện một lần');
    // Nothing overflows the phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // 6. Followed with the code (prefilled from the link) and the PIN.
    await page.getByTestId('feedback-track-link').click();
    expect(await page.getByTestId('track-code').inputValue()).toBe(code);
    await page.getByTestId('track-contact').fill('000000');
    await page.getByTestId('track-submit').click();
    await page.getByTestId('track-not-found').waitFor();
    await page.getByTestId('track-contact').fill(pin);
    await page.getByTestId('track-submit').click();
    await expect(page.getByTestId('track-state').textContent()).resolves.toBe('Đã tiếp nhận');
    expect(await page.getByTestId('track-result').getByRole('heading', { level: 2 }).textContent()).toBe(
      sent.title,
    );

    // 7. The leader accepts, assigns (to the body) and answers (the answer names a phone number: masked on the public page).
    const act = async (action: string, body: Record<string, unknown>) => {
      const detail = json<{ version: number }>(
        await server.app.inject({ url: `/api/v1/feedback/${sent.id}`, headers: leader }),
      );
      const res = await server.app.inject({
        method: 'POST',
        url: `/api/v1/feedback/${sent.id}/actions/${action}`,
        headers: leader,
        payload: { version: detail.version, ...body },
      });
      expect(res.statusCode, res.body).toBe(200);
      return json<{ state: string }>(res);
    };
    await act('accept', {});
    await act('assign', { accountId: null });
    const answered = await act('answer', {
      text: 'Đã thay bóng đèn ngày hôm qua. Liên hệ anh Bình 0987 654 321 nếu còn hỏng.',
    });
    expect(answered.state).toBe('answered');

    // 8. The public list: found without diacritics, the text shown as text, the phone masked.
    const reader = await open('/phan-anh');
    await reader.page.getByTestId('public-search').fill('den duong hong ngo 5');
    await reader.page.waitForURL(/q=den\+duong\+hong\+ngo\+5/);
    await reader.page
      .getByTestId('public-list')
      .and(reader.page.locator(':not([style*="opacity: 0.6"])'))
      .waitFor();
    const card = reader.page.getByTestId('public-feedback').filter({ hasText: code });
    await card.waitFor();
    expect(await card.getByTestId('public-feedback-content').textContent()).toBe(
      'Đèn đường ngõ 5 Thạch Trung tắt từ tuần trước; tối đi lại nguy hiểm (a < b && c > d).',
    );
    const answer = (await card.getByTestId('public-feedback-answer').textContent())!;
    expect(answer).toContain('Đã thay bóng đèn');
    expect(answer).not.toContain('0987 654 321');
    // The photo of a published report is shown.
    await card.getByTestId('public-feedback-photos').getByRole('img', { name: 'den-hong.png' }).waitFor();
    // The map tab (no tiles configured): the note and the list of located reports, the page still works.
    await reader.page.goto(`${baseUrl}/phan-anh?tinh=42&xem=ban-do`);
    await reader.page.getByTestId('report-map-no-tiles').waitFor();
    await reader.page.locator('.leaflet-container').waitFor();
    expect(reader.errors).toEqual([]);

    // 9. "Đã được giải quyết chưa?" — no, two stars: the report reopens and the page says so.
    await page.getByTestId('track-submit').click();
    await page.getByTestId('track-answer').getByText('Đã thay bóng đèn', { exact: false }).waitFor();
    await page.getByTestId('rate-no').check();
    // Two stars, tapped where the second star is drawn.
    const stars = page.getByTestId('rate-stars');
    await stars.scrollIntoViewIfNeeded();
    const box = (await stars.boundingBox())!;
    await page.mouse.click(box.x + (box.width * 1.5) / 5, box.y + box.height / 2);
    expect(await stars.getByRole('radio', { name: '2/5' }).isChecked()).toBe(true);
    await page.getByTestId('rate-submit').click();
    await page.getByTestId('track-reopened').waitFor();
    await expect(page.getByTestId('track-state').textContent()).resolves.toBe('Mở lại');
    const after = json<{ state: string; rating: number | null }>(
      await server.app.inject({ url: `/api/v1/feedback/${sent.id}`, headers: leader }),
    );
    expect(after).toMatchObject({ state: 'reopened', rating: 2 });
    expect(await noScriptRan(page)).toBeNull();
    expect(citizen.errors).toEqual([]);
  }, 150_000);
});
