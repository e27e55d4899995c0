/**
 * Browser journey of an online submission (nộp hồ sơ trực tuyến): the citizen, without an account, finds the
 * page from the status look-up, picks the commune and the procedure typed without diacritics, fills the form
 * (errors named on the fields), sends it (a double click makes one dossier), gets the code and attaches a PDF
 * scan; the one-stop officer finds it in "Nộp trực tuyến, chờ tiếp nhận", sees the scan as sent by the applicant and receives
 * it; the citizen's look-up then says "Đã tiếp nhận".
 */
import PDFDocument from 'pdfkit';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app';
import { ensureWebBuild, launchChromium, WEB_DIR } from '../support/browser';

let server: TestApp;
let browser: Browser;
let baseUrl: string;
const contexts: BrowserContext[] = [];

async function open(
  url: string,
  viewport = { width: 1280, height: 900 },
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  contexts.push(context);
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseUrl}${url}`);
  return { page, errors };
}

/** A one-page scan (a real PDF). */
function scan(line: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text(line);
    doc.end();
  });
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

describe('Nộp hồ sơ trực tuyến', () => {
  it('is filed by the citizen with a scan, then received at the counter and shown as received', async () => {
    // 1. The citizen comes from the status look-up page; the header links the form too.
    const citizen = await open('/tra-cuu-ho-so');
    let page = citizen.page;
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    expect(await nav.getByRole('link', { name: 'Nộp hồ sơ', exact: true }).getAttribute('href')).toBe(
      '/nop-ho-so',
    );
    await page.getByRole('main').getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nộp hồ sơ trực tuyến' }).waitFor();
    // With the extra link, the header still fits the narrowest desktop window (below it, the menu button).
    await page.setViewportSize({ width: 1200, height: 900 });
    const rightmost = await page.evaluate(() =>
      Math.max(
        ...[...document.querySelectorAll('header a, header button')].map(
          (e) => e.getBoundingClientRect().right,
        ),
      ),
    );
    expect(rightmost).toBeLessThanOrEqual(1200);
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole('combobox', { name: 'Xã, phường giải quyết hồ sơ' }).fill('tran phu');
    await page.getByRole('option', { name: /^Phường Trần Phú, .*Hà Tĩnh$/ }).click();
    await page.getByRole('combobox', { name: 'Thủ tục cần làm' }).fill('dang ky khai sinh');
    await page.getByRole('option', { name: 'Đăng ký khai sinh', exact: true }).click();
    const facts = page.getByTestId('online-procedure-facts');
    await facts.waitFor();
    const factsText = (await facts.textContent()) ?? '';
    expect(factsText).toContain('Phí, lệ phí');
    expect(factsText).toContain('Thời hạn giải quyết');
    expect(factsText).toMatch(/trực tuyến toàn trình/);

    await page
      .getByLabel('Dòng mã QR trên CCCD (không bắt buộc)')
      .fill('042096007788||Võ Thị Trực Tuyến|20081996|Nữ|Tổ 5, phường Trần Phú, TP Hà Tĩnh|05052022');
    expect(await page.getByLabel('Họ và tên').inputValue()).toBe('Võ Thị Trực Tuyến');
    expect(await page.getByLabel('Số CCCD / giấy tờ tùy thân').inputValue()).toBe('042096007788');

    // Sent without the phone and with the documents unanswered: both are named, nothing is sent.
    const send = page.getByRole('button', { name: 'Nộp hồ sơ', exact: true });
    await send.click();
    await page.getByText(/^Còn \d+ giấy tờ chưa chọn/).waitFor();
    const attach = page.getByRole('radio', { name: 'Tôi nộp giấy tờ này' });
    const documents = await attach.count();
    expect(documents).toBeGreaterThan(0);
    for (let i = 0; i < documents; i++) await attach.nth(i).check();
    await send.click();
    // The server names the phone (required, it is the look-up key).
    await page.getByRole('alert').filter({ hasText: 'Dữ liệu chưa hợp lệ' }).waitFor();
    const phone = page.getByLabel('Số điện thoại');
    expect(await phone.getAttribute('aria-invalid')).toBe('true');

    await phone.fill('0911223344');
    await page.getByLabel('Ghi chú cho cán bộ tiếp nhận').fill('Xin hẹn trả kết quả buổi chiều.');
    await send.dblclick(); // one dossier all the same (Idempotency-Key of the form)
    const codeEl = page.getByTestId('online-code');
    await codeEl.waitFor();
    const code = ((await codeEl.textContent()) ?? '').trim();
    expect(code).toMatch(/-\d{6}-\d{4}$/);
    const result = (await page.getByTestId('online-result').textContent()) ?? '';
    expect(result).toContain('số điện thoại');
    expect(await page.getByRole('link', { name: 'Xem tình trạng hồ sơ' }).getAttribute('href')).toBe(
      `/tra-cuu-ho-so?ma=${encodeURIComponent(code)}`,
    );

    // The scan of the birth certificate request, by code + phone.
    const scans = page.getByTestId('online-scans');
    await scans.locator('input[type=file]').setInputFiles({
      name: 'to-khai-khai-sinh.pdf',
      mimeType: 'application/pdf',
      buffer: await scan('To khai'),
    });
    await page.getByTestId('online-scan').filter({ hasText: 'to-khai-khai-sinh.pdf' }).waitFor();
    // A text file is refused with the server's words.
    await scans
      .locator('input[type=file]')
      .setInputFiles({ name: 'ghi-chu.pdf', mimeType: 'application/pdf', buffer: Buffer.from('chỉ là chữ') });
    await page.getByRole('alert').filter({ hasText: 'không phải PDF, JPEG hay PNG' }).waitFor();
    expect(await page.getByTestId('online-scan').count()).toBe(1);

    // Later, from the look-up page (code + ID number), another scan can follow while it awaits intake.
    await page.getByRole('link', { name: 'Xem tình trạng hồ sơ' }).click();
    await page.getByLabel('Số CCCD hoặc số điện thoại').fill('042096007788');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    const lookupScans = page.getByTestId('online-scans');
    await lookupScans.waitFor();
    await lookupScans.locator('input[type=file]').setInputFiles({
      name: 'giay-chung-sinh.pdf',
      mimeType: 'application/pdf',
      buffer: await scan('Giay chung sinh'),
    });
    await page.getByTestId('online-scan').filter({ hasText: 'giay-chung-sinh.pdf' }).waitFor();
    expect(citizen.errors).toEqual([]);

    // 2. The one-stop officer of Trần Phú finds it in "Nộp trực tuyến, chờ tiếp nhận", once, with the scan not digitised.
    const officer = await open('/dang-nhap');
    page = officer.page;
    await page.getByLabel('Tên đăng nhập').fill('motcua.tranphu');
    await page.getByLabel('Mật khẩu').fill('Demo@2025');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).last().click();
    await page.waitForURL(/\/lam-viec/);
    await page.goto(`${baseUrl}/ho-so/18100`);
    await page.getByRole('tab', { name: 'Nộp trực tuyến, chờ tiếp nhận' }).click();
    await page.waitForURL(/hang-doi=to_intake/);
    await page.getByLabel('Tìm hồ sơ').fill('Vo Thi Truc Tuyen');
    const row = page.getByTestId('dossier-row').filter({ hasText: code });
    await page.waitForURL(/[?&]q=Vo/);
    await row.waitFor();
    await expect.poll(() => page.getByTestId('dossier-row').count()).toBe(1);
    await row.getByRole('link', { name: code }).click();
    expect(await page.getByTestId('dossier-code').textContent()).toBe(code);
    const attachment = page.getByTestId('attachment-row').filter({ hasText: 'to-khai-khai-sinh.pdf' });
    await attachment.waitFor();
    expect(await attachment.textContent()).toContain('Người nộp gửi');
    expect(await page.getByTestId('attachment-row').count()).toBe(2);
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    // Receiving cannot be undone: the dialog asks first.
    await page.getByRole('dialog').getByRole('button', { name: 'Xác nhận: Tiếp nhận hồ sơ' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã thực hiện: Tiếp nhận hồ sơ.' }).waitFor();
    expect(await page.getByTestId('dossier-status').textContent()).toContain('mã trạng thái 2');
    expect(officer.errors).toEqual([]);

    // 3. The citizen's look-up by code + phone now says it was received.
    const later = await open(`/tra-cuu-ho-so?ma=${encodeURIComponent(code)}`);
    await later.page.getByLabel('Số CCCD hoặc số điện thoại').fill('0911223344');
    await later.page.getByRole('button', { name: 'Tra cứu' }).click();
    expect(await later.page.getByTestId('lookup-status').textContent()).toBe('Đã tiếp nhận');
    expect(await later.page.getByTestId('online-scans').count()).toBe(0); // the centre has it: no more uploads here
    expect(later.errors).toEqual([]);
  });
});
