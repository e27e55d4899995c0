/**
 * Browser journey through a one-stop dossier: the counter officer receives one (procedure found without
 * diacritics, applicant filled from the CCCD QR line, checklist ticked) and sees its code; the citizen then
 * finds it on the public look-up page by code + phone, and a wrong phone answers like an unknown code.
 */
import PDFDocument from 'pdfkit';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../src/server/modules/org/pdf-text';
import { createTestApp, type TestApp } from '../support/app';
import { ensureWebBuild, launchChromium, WEB_DIR } from '../support/browser';

let server: TestApp;
let browser: Browser;
let baseUrl: string;
const contexts: BrowserContext[] = [];

async function newPage(): Promise<{ page: Page; errors: string[]; context: BrowserContext }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  contexts.push(context);
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors, context };
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

async function signIn(username: string): Promise<{ page: Page; errors: string[]; context: BrowserContext }> {
  const session = await newPage();
  await session.page.goto(`${baseUrl}/dang-nhap`);
  await session.page.getByLabel('Tên đăng nhập').fill(username);
  await session.page.getByLabel('Mật khẩu').fill('Demo@2025');
  await session.page.getByRole('button', { name: 'Đăng nhập', exact: true }).last().click();
  await session.page.waitForURL(/\/lam-viec/);
  return session;
}

/** Clicks an action button of the dossier page, fills the form it opens (if any) and waits for the result. */
async function act(
  page: Page,
  action: string,
  fill?: (form: ReturnType<Page['getByRole']>) => Promise<void>,
) {
  await page.getByRole('button', { name: action, exact: true }).click();
  // Every action is confirmed in its dialog (with an optional comment).
  const form = page.getByRole('form', { name: action });
  if (fill) await fill(form);
  await form.getByRole('button', { name: 'Xác nhận' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Đã thực hiện: ${action}.` })
    .waitFor();
}

/** A one-page scanned document (a real PDF, made with pdfkit). */
function scannedPdf(): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text('Giay chung sinh (ban quet)');
    doc.end();
  });
}

describe('Hồ sơ một cửa', () => {
  it('is received at the counter, then found by the citizen with code + phone', async () => {
    const { page, errors, context } = await newPage();
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
    await page.getByRole('button', { name: 'Đã nhận đủ tất cả' }).click();
    await page.getByRole('button', { name: 'Tiếp nhận và in giấy hẹn', exact: true }).click();

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
    // The queue on screen, as an Excel file with the same filter.
    const exportLink = page.getByRole('link', { name: 'Xuất Excel' });
    await expect.poll(() => exportLink.getAttribute('href')).toContain('queue=overdue');
    const exportHref = await exportLink.getAttribute('href');
    const sheet = await page.request.get(`${baseUrl}${exportHref}`);
    expect(sheet.headers()['content-type']).toContain('spreadsheetml');
    expect(Number(sheet.headers()['x-rows'])).toBe(await page.getByTestId('dossier-row').count());
    expect(errors).toEqual([]);
    await context.close();

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

  it('goes from the counter through supplement and approval by three officials, back to the citizen who rates it', async () => {
    // 1. The counter officer receives the dossier.
    const counter = await signIn('motcua.tranphu');
    let page = counter.page;
    await page.goto(`${baseUrl}/ho-so/18100/tiep-nhan`);
    const procedure = page.getByRole('combobox', { name: 'Thủ tục hành chính' });
    await procedure.fill('chung thuc chu ky');
    await page
      .getByRole('option', { name: /^Chứng thực chữ ký/ })
      .first()
      .click();
    await page.getByTestId('procedure-facts').waitFor();
    await page
      .getByLabel('Quét mã QR trên CCCD')
      .fill('042088004321||Trần Văn Bình|02021988|Nam|Thôn 2, Xã Thạch Hạ, TP Hà Tĩnh|10102022');
    await page.getByLabel('Số điện thoại').fill('0987654321');
    await page.getByRole('button', { name: 'Đã nhận đủ tất cả' }).click();
    await page.getByRole('button', { name: 'Tiếp nhận và in giấy hẹn', exact: true }).click();
    const code = ((await page.getByTestId('intake-code').textContent()) ?? '')
      .replace('Mã hồ sơ:', '')
      .trim();
    expect(code).toMatch(/-\d{6}-\d{4}$/);

    // The receipt is a real PDF with the code, the applicant and the appointment, in Vietnamese.
    const href = await page
      .getByRole('link', { name: 'In giấy tiếp nhận và hẹn trả kết quả' })
      .getAttribute('href');
    const receipt = await page.request.get(`${baseUrl}${href}`);
    expect(receipt.headers()['content-type']).toContain('application/pdf');
    const text = pdfText(Buffer.from(await receipt.body()));
    expect(text).toContain(code);
    expect(text).toContain('Trần Văn Bình');
    expect(text).toMatch(/hẹn trả kết quả/i);

    // A scan attached on the dossier page, digitised at the counter.
    await page.getByRole('link', { name: 'Mở hồ sơ' }).click();
    await page.getByTestId('dossier-code').waitFor();
    const dossierUrl = page.url();
    await page
      .getByTestId('attachments')
      .locator('input[type=file]')
      .setInputFiles({ name: 'ban-quet.pdf', mimeType: 'application/pdf', buffer: await scannedPdf() });
    await page.getByTestId('attachment-row').filter({ hasText: 'ban-quet.pdf' }).waitFor();
    expect(await page.getByTestId('attachment-row').first().textContent()).toContain('Số hóa tại quầy');

    // Handed to the commune's specialist from the picker.
    await act(page, 'Chuyển chuyên viên xử lý', async (form) => {
      await form.getByRole('combobox', { name: 'Chuyên viên xử lý' }).click();
      // The demo specialist's account is linked to the official in charge of civil status (preselected).
      await page.getByRole('option', { name: /Công chức tư pháp - hộ tịch/ }).click();
    });
    expect(counter.errors).toEqual([]);

    // 2. The specialist processes it, asks for a supplement, receives it and submits it for approval.
    const specialist = await signIn('chuyenvien.tranphu');
    page = specialist.page;
    await page.goto(dossierUrl);
    await act(page, 'Bắt đầu xử lý');
    await act(page, 'Yêu cầu bổ sung hồ sơ', async (form) => {
      await form.getByLabel('Lý do').fill('Bản sao CCCD bị mờ, không đọc được số.');
      await form.getByLabel('Giấy tờ cần bổ sung (mỗi dòng một giấy tờ)').fill('Bản sao CCCD rõ nét');
    });
    expect(await page.getByTestId('dossier-status').textContent()).toContain('mã trạng thái 5');
    await act(page, 'Đã nhận hồ sơ bổ sung');
    await act(page, 'Trình lãnh đạo phê duyệt');
    expect(specialist.errors).toEqual([]);

    // 3. The leader approves.
    const leader = await signIn('lanhdao.tranphu');
    page = leader.page;
    await page.goto(dossierUrl);
    await act(page, 'Phê duyệt');
    expect(leader.errors).toEqual([]);
    await leader.context.close();

    // The specialist records the result; the counter officer returns it (each still signed in: the dossier page
    // loaded afresh shows the leader's approval).
    page = specialist.page;
    await page.goto(dossierUrl);
    await act(page, 'Đã có kết quả');
    page = counter.page;
    await page.goto(dossierUrl);
    await act(page, 'Trả kết quả cho công dân');
    expect(await page.getByTestId('dossier-status').textContent()).toContain('mã trạng thái 10');
    const history = (await page.getByTestId('history').textContent()) ?? '';
    for (const step of ['Tiếp nhận hồ sơ', 'Yêu cầu bổ sung hồ sơ', 'Phê duyệt', 'Trả kết quả']) {
      expect(history).toContain(step);
    }
    expect([...counter.errors, ...specialist.errors]).toEqual([]);

    // 4. The citizen looks it up by code + ID number and rates it, once.
    const citizen = await newPage();
    await citizen.page.goto(`${baseUrl}/tra-cuu-ho-so?ma=${encodeURIComponent(code)}`);
    await citizen.page.getByLabel('Số CCCD hoặc số điện thoại').fill('042088004321');
    await citizen.page.getByRole('button', { name: 'Tra cứu' }).click();
    expect(await citizen.page.getByTestId('lookup-status').textContent()).toBe('Đã trả kết quả');
    const rating = citizen.page.getByRole('form', { name: 'Đánh giá mức độ hài lòng' });
    await rating.getByLabel('Hài lòng', { exact: true }).check();
    await rating.getByLabel('Góp ý (không bắt buộc)').fill('Cán bộ hướng dẫn tận tình.');
    await rating.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await citizen.page.getByTestId('rating-given').waitFor();
    expect(await citizen.page.getByTestId('rating-given').textContent()).toContain('Hài lòng');
    expect(await rating.count()).toBe(0); // no second rating
    expect(citizen.errors).toEqual([]);
  }, 120_000); // five people in turn, each a browser session and a dozen pages: 18 s alone, minutes on a loaded machine

  it('shows the leader what is stuck first, and the administrator the procedure catalogue', async () => {
    const leader = await signIn('lanhdao.tranphu');
    let page = leader.page;
    await page
      .getByRole('navigation', { name: 'Công việc' })
      .getByRole('link', { name: 'Tổng quan hồ sơ' })
      .click();
    await page.waitForURL(`${baseUrl}/ho-so/18100/tong-quan`);
    // The demo data has overdue dossiers: the anti-backlog list comes first, oldest risk first.
    const rows = page.getByTestId('backlog-row');
    await rows.first().waitFor();
    expect(await rows.first().getAttribute('data-level')).toBe('overdue');
    expect(await page.getByTestId('backlog-overdue').textContent()).toMatch(/\d+/);
    await rows.first().getByRole('link').click();
    await page.getByTestId('dossier-code').waitFor();
    expect(await page.getByTestId('dossier-status').textContent()).toMatch(/mã trạng thái \d+/);
    expect(leader.errors).toEqual([]);
    await leader.context.close();

    const admin = await signIn('admin');
    page = admin.page;
    await page.goto(`${baseUrl}/quan-tri/thu-tuc`);
    const catalogue = page.getByTestId('catalogue');
    await catalogue.waitFor();
    await page.getByLabel('Tìm thủ tục').fill('khai tu');
    await catalogue.getByRole('link', { name: 'Đăng ký khai tử' }).click();
    await page.getByTestId('procedure-facts').waitFor();
    expect(await page.getByTestId('procedure-versions').textContent()).toContain('1');
    expect(admin.errors).toEqual([]);
  });
});
