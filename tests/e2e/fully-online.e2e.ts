/**
 * A fully online (toàn trình) birth registration, on a phone (390 px): the citizen files it online (phone written
 * "+84 912 …"), gets a printable confirmation naming the commune, the procedure and the expected due date; the
 * counter receives it, the specialist asks for a supplement, the citizen sends it from the look-up page; the
 * dossier is approved, the one-stop officer uploads the electronic result from the dossier page, it is returned;
 * the citizen downloads the result and checks its SHA-256 against the one on the page. The officials' lifecycle
 * steps go through the API (their pages have their own journeys); the citizen's pages and the result upload are
 * driven in Chromium.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { eq } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listAccounts } from '../../src/server/modules/auth/accounts';
import { dossiers } from '../../src/server/modules/dossiers/schema';
import { createTestApp, loginAs, type TestApp } from '../support/app';
import { ensureWebBuild, launchChromium, shoot, WEB_DIR } from '../support/browser';

let server: TestApp;
let browser: Browser;
let baseUrl: string;
const contexts: BrowserContext[] = [];
const PHONE = { width: 390, height: 844 };

async function open(url: string, viewport = PHONE): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: true,
    isMobile: viewport === PHONE,
    hasTouch: viewport === PHONE,
  });
  contexts.push(context);
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseUrl}${url}`);
  return { page, errors };
}

function pdf(line: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text(line);
    doc.end();
  });
}

/** Nothing wider than the phone's screen (no sideways scrolling). */
async function fitsPhone(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
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

describe('Dịch vụ công trực tuyến toàn trình', () => {
  it('files online, sends the supplement from the look-up and downloads the electronic result with its SHA-256', async () => {
    // 1. The citizen files on a phone; only communes that take online filings are offered, their province first.
    const citizen = await open('/nop-ho-so');
    let page = citizen.page;
    await page.getByRole('heading', { level: 1, name: 'Nộp hồ sơ trực tuyến' }).waitFor();
    await page
      .getByLabel('Dòng mã QR trên CCCD (không bắt buộc)')
      .fill('042096001234||Lê Thị Toàn Trình|12031996|Nữ|Tổ 3, phường Trần Phú, Hà Tĩnh|05052022');
    const communePicker = page.getByRole('combobox', { name: 'Xã, phường giải quyết hồ sơ' });
    await communePicker.click();
    // The province read from the CCCD address heads the list.
    await page.getByRole('listbox').getByText('Hà Tĩnh (tỉnh của ông/bà)').waitFor();
    await communePicker.fill('tran phu');
    await page.getByRole('option', { name: /^Phường Trần Phú, Hà Tĩnh$/ }).click();
    await page.getByRole('combobox', { name: 'Thủ tục cần làm' }).fill('dang ky khai sinh');
    await page.getByRole('option', { name: 'Đăng ký khai sinh', exact: true }).click();
    await page
      .getByTestId('online-procedure-facts')
      .getByText(/trực tuyến toàn trình/)
      .waitFor();
    await page.getByLabel('Số điện thoại').fill('+84 912 345 678');
    const attach = page.getByRole('radio', { name: 'Tôi nộp giấy tờ này' });
    for (let i = 0; i < (await attach.count()); i++) await attach.nth(i).check();
    await fitsPhone(page);
    await shoot(page, 'nop-ho-so-390');
    await page.getByRole('button', { name: 'Nộp hồ sơ', exact: true }).click();

    // The confirmation names the commune, the procedure and the expected due date, and can be printed.
    const confirmation = page.getByTestId('online-result');
    await confirmation.waitFor();
    const code = ((await page.getByTestId('online-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^000\.00\.18100\.H42-\d{6}-\d{4}$/);
    expect(await page.getByTestId('online-confirm-commune').textContent()).toContain(
      'Phường Trần Phú, Hà Tĩnh',
    );
    expect(await page.getByTestId('online-confirm-procedure').textContent()).toContain('Đăng ký khai sinh');
    expect(await page.getByTestId('online-confirm-due').textContent()).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'In hoặc lưu PDF' }).isVisible()).toBe(false);
    expect(await confirmation.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('button', { name: 'In hoặc lưu PDF' }).waitFor();
    await fitsPhone(page);
    await shoot(page, 'nop-ho-so-xac-nhan-390');
    // A scan sent right after filing, with the phone as it was typed (+84 and spaces) as the verifier.
    await page
      .getByTestId('online-scans')
      .locator('input[type=file]')
      .setInputFiles({
        name: 'to-khai-khai-sinh.pdf',
        mimeType: 'application/pdf',
        buffer: await pdf('To khai'),
      });
    await page.getByTestId('online-scan').filter({ hasText: 'to-khai-khai-sinh.pdf' }).waitFor();
    // The phone was stored as the one rule writes it.
    const [row] = await server.database.db.select().from(dossiers).where(eq(dossiers.code, code));
    expect(row!.applicantPhone).toBe('0912345678');
    expect(citizen.errors).toEqual([]);

    // 2. The counter receives it; the specialist asks for a clearer birth certificate (through the API).
    const officer = await loginAs(server.app, 'motcua.tranphu');
    const specialist = await loginAs(server.app, 'chuyenvien.tranphu');
    const leader = await loginAs(server.app, 'lanhdao.tranphu');
    const specialistId = (
      await listAccounts(server.database.db, { q: 'chuyenvien.tranphu', limit: 5 })
    ).items.find((a) => a.username === 'chuyenvien.tranphu')!.id;
    const act = async (headers: Record<string, string>, payload: object) => {
      const [now] = await server.database.db.select().from(dossiers).where(eq(dossiers.code, code));
      const res = await server.app.inject({
        method: 'POST',
        url: `/api/v1/dossiers/${now!.id}/actions`,
        headers,
        payload: { version: now!.version, ...payload },
      });
      expect({ payload, status: res.statusCode }).toEqual({ payload, status: 200 });
    };
    await act(officer, { action: 'receive' });
    await act(officer, { action: 'assign', assigneeId: specialistId });
    await act(specialist, { action: 'start_processing' });
    await act(specialist, {
      action: 'request_supplement',
      reason: 'Giấy chứng sinh chụp bị mờ.',
      items: ['Giấy chứng sinh (ảnh chụp rõ nét)'],
    });

    // 3. The citizen sends the supplement from the look-up page (phone as written on the form).
    const lookup = await open(`/tra-cuu-ho-so?ma=${encodeURIComponent(code)}`);
    page = lookup.page;
    await page.getByLabel('Số CCCD hoặc số điện thoại').fill('0912 345 678');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByTestId('lookup-result').getByText('Giấy chứng sinh (ảnh chụp rõ nét)').waitFor();
    const supplement = page.getByTestId('online-scans');
    await supplement.getByRole('heading', { name: 'Gửi giấy tờ bổ sung' }).waitFor();
    await supplement.locator('input[type=file]').setInputFiles({
      name: 'giay-chung-sinh-ro.pdf',
      mimeType: 'application/pdf',
      buffer: await pdf('Giay chung sinh'),
    });
    await page.getByTestId('lookup-scan').filter({ hasText: 'giay-chung-sinh-ro.pdf' }).waitFor();
    // The look-up lists both scans sent, with sizes and dates.
    expect(await page.getByTestId('lookup-scan').allTextContents()).toEqual([
      expect.stringMatching(/^to-khai-khai-sinh\.pdf — \d+(,\d)? KB.*Ông\/bà gửi trực tuyến$/),
      expect.stringMatching(/^giay-chung-sinh-ro\.pdf — \d+(,\d)? KB.*Ông\/bà gửi trực tuyến$/),
    ]);
    expect(await page.getByTestId('lookup-received-at').textContent()).toMatch(/\d{2}:\d{2}/);
    await fitsPhone(page);
    await shoot(page, 'tra-cuu-bo-sung-390');
    expect(lookup.errors).toEqual([]);

    // 4. Through approval; the one-stop officer uploads the electronic result on the dossier page.
    await act(specialist, { action: 'supplement_received' });
    await act(specialist, { action: 'submit_for_approval' });
    await act(leader, { action: 'approve' });
    const desk = await open('/dang-nhap', { width: 1280, height: 900 });
    page = desk.page;
    await page.getByLabel('Tên đăng nhập').fill('motcua.tranphu');
    await page.getByLabel('Mật khẩu').fill('Demo@2025');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).last().click();
    await page.waitForURL(/\/lam-viec/);
    await page.goto(`${baseUrl}/ho-so/chi-tiet/${row!.id}`);
    const resultPanel = page.getByTestId('result-upload');
    await resultPanel.waitFor();
    const issued = await pdf('Trich luc khai sinh - ban dien tu');
    await resultPanel.locator('input[type=file]').setInputFiles({
      name: 'trich-luc-khai-sinh.pdf',
      mimeType: 'application/pdf',
      buffer: issued,
    });
    await resultPanel.getByText('Đã lưu kết quả trich-luc-khai-sinh.pdf.').waitFor();
    await page
      .getByTestId('attachment-row')
      .filter({ hasText: 'trich-luc-khai-sinh.pdf' })
      .getByText('Kết quả điện tử')
      .waitFor();
    expect(desk.errors).toEqual([]);
    await act(officer, { action: 'mark_result_ready' });
    await act(officer, { action: 'return_result' });

    // 5. The citizen downloads the result; its SHA-256 is the one on the page.
    const done = await open(`/tra-cuu-ho-so?ma=${encodeURIComponent(code)}`);
    page = done.page;
    await page.getByLabel('Số CCCD hoặc số điện thoại').fill('042096001234');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    const result = page.getByTestId('lookup-result-file');
    await result.waitFor();
    const shown = ((await page.getByTestId('lookup-result-sha').textContent()) ?? '').trim();
    expect(shown).toBe(createHash('sha256').update(issued).digest('hex'));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      result.getByRole('link', { name: 'Tải kết quả' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('trich-luc-khai-sinh.pdf');
    const saved = fs.readFileSync((await download.path())!);
    expect(createHash('sha256').update(saved).digest('hex')).toBe(shown);
    await fitsPhone(page);
    await shoot(page, 'tra-cuu-ket-qua-390');
    expect(done.errors).toEqual([]);
  });
});
