/**
 * Browser journeys through the commune's people: a leader issues a new assignment announcement, a leader of
 * another commune is refused, an administrator creates an account that must change its password, and the
 * audit log shows the issue. The real server on a fresh in-memory database with the demo data, driven in
 * Chromium with playwright-core (the web app must be built: `npx vite build`; a missing build is built here).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app';
import { ensureWebBuild, launchChromium, type Session, signInAs, WEB_DIR } from '../support/browser';

const PASSWORD = 'Demo@2025';

let server: TestApp;
let browser: Browser;
let baseUrl: string;
let context: BrowserContext | undefined;

/** A fresh browser (no cookies) signed in as `username`; resolves once the login has led somewhere else. */
async function signIn(username: string, password = PASSWORD): Promise<Session> {
  const session = await signInAs(browser, baseUrl, username, { password });
  context = session.context;
  return session;
}

const workNav = (page: Page) => page.getByRole('navigation', { name: 'Công việc' });
const textOf = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent()) ?? '';

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

describe('Phân công nhiệm vụ', () => {
  it('a leader drafts from the current announcement, changes an official, issues 06/TB-UBND', async () => {
    const { page, errors } = await signIn('lanhdao.tranphu');
    await page.waitForURL(`${baseUrl}/lam-viec/18100`); // the login leads to the user's commune
    await workNav(page).getByRole('link', { name: 'Phân công nhiệm vụ' }).click();
    const current = page.getByTestId('current-announcement');
    await current.waitFor();
    expect(await current.textContent()).toContain('05/TB-UBND');

    await page.getByRole('button', { name: 'Tạo dự thảo mới' }).click();
    const area = page.getByTestId('edit-item-tu_phap_ho_tich');
    await area.waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/thong-bao\/[0-9a-f-]{36}$/);
    const inCharge = area.getByRole('combobox', { name: 'Phụ trách' });
    expect(await inCharge.inputValue()).toBe('Phan Văn Bảo');
    await inCharge.click();
    await inCharge.fill('vo van long'); // without diacritics
    await page.getByRole('option', { name: /Võ Văn Long/ }).click();
    expect(await inCharge.inputValue()).toBe('Võ Văn Long');
    const save = page.getByRole('button', { name: 'Lưu dự thảo' });
    expect(await save.isEnabled()).toBe(true); // the change is noted (saved before issuing)

    await page.getByRole('button', { name: 'Ban hành', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Ban hành thông báo phân công' });
    // Left empty, the number would be the next of this year's TB-UBND series: the field shows it.
    const numberField = dialog.getByLabel('Số');
    const thisYearsNext =
      new Date(Date.now() + 7 * 3600_000).getUTCFullYear() === 2025 ? '06/TB-UBND' : '01/TB-UBND';
    await dialog.locator(`input[placeholder="${thisYearsNext}"]`).waitFor();
    await numberField.fill('06/TB-UBND'); // a number already given on paper
    expect(await dialog.getByRole('combobox', { name: 'Người ký' }).inputValue()).toBe('Nguyễn Văn An');
    await dialog.getByRole('button', { name: 'Ban hành' }).click();

    await page.waitForURL(`${baseUrl}/phan-cong/18100`);
    await page.getByTestId('current-announcement').getByText('Thông báo số 06/TB-UBND').waitFor();
    const shown = await textOf(page, 'current-announcement');
    expect(shown).toContain('Đang có hiệu lực');
    expect(
      await page.getByTestId('current-announcement').getByTestId('item-tu_phap_ho_tich').textContent(),
    ).toContain('Võ Văn Long');
    // The history, read again after the issue: 05 superseded, 06 in force.
    await page.getByTestId('version-1').getByText('Đã được thay thế').waitFor();
    expect(await textOf(page, 'version-1')).toContain('05/TB-UBND');
    const issued = await textOf(page, 'version-2');
    expect(issued).toContain('06/TB-UBND');
    expect(issued).toContain('Đang có hiệu lực');
    expect(errors).toEqual([]);
  });
});

describe('Quyền theo xã', () => {
  it("refuses another commune's organisation chart, showing none of its people", async () => {
    const { page, errors } = await signIn('lanhdao.songtri');
    await page.goto(`${baseUrl}/to-chuc/18100`);
    const refusal = page.getByTestId('refusal');
    // The refusal names the commune once its public name has arrived.
    await refusal.getByText(/Phường Trần Phú/).waitFor();
    const text = (await refusal.textContent()) ?? '';
    expect(text).toContain('Bạn không có quyền');
    expect(text).toContain('Phường Trần Phú');
    const body = (await page.locator('body').textContent()) ?? '';
    for (const name of ['Nguyễn Văn An', 'Hồ Thị Chi', 'Phan Văn Bảo', 'Võ Văn Long'])
      expect(body).not.toContain(name);
    // The menu stays on the user's own commune, and the way back leads there.
    expect(await workNav(page).getByRole('link', { name: 'Tổ chức bộ máy' }).getAttribute('href')).toBe(
      '/to-chuc/18754',
    );
    await page.getByRole('link', { name: 'Về không gian làm việc của tôi' }).click();
    await page.waitForURL(`${baseUrl}/lam-viec/18754`);
    expect(errors).toEqual([]);
  });
});

describe('Tài khoản', () => {
  it('an administrator creates a specialist of 18100, who must change the password first', async () => {
    const admin = await signIn('admin');
    await workNav(admin.page).getByRole('link', { name: 'Tài khoản' }).click();
    await admin.page.getByRole('link', { name: 'Tạo tài khoản' }).click();
    const form = admin.page.locator('form');
    await form.getByLabel('Tên đăng nhập').fill('chuyenvien.e2e');
    await form.getByLabel('Họ và tên').fill('Lê Thị Thử Nghiệm');
    await form.getByLabel('Mật khẩu tạm thời').fill('Tam@thoi2025');
    await form.getByRole('combobox', { name: 'Tỉnh, thành phố' }).fill('ha tinh');
    await admin.page.getByRole('option', { name: 'Hà Tĩnh' }).click();
    await form.getByRole('combobox', { name: 'Xã, phường, đặc khu' }).fill('tran phu');
    await admin.page.getByRole('option', { name: /Phường Trần Phú/ }).click();
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await admin.page.getByTestId('account-created').waitFor();
    const grants = await textOf(admin.page, 'grants');
    expect(grants).toContain('Chuyên viên xử lý');
    expect(grants).toContain('18100');
    await context?.close();

    const { page, errors } = await signIn('chuyenvien.e2e', 'Tam@thoi2025');
    await page.waitForURL(`${baseUrl}/doi-mat-khau`);
    await page.getByTestId('must-change').waitFor();
    await page.goto(`${baseUrl}/to-chuc/18100`); // every page leads back until the password is changed
    await page.waitForURL(`${baseUrl}/doi-mat-khau`);
    await page.getByLabel('Mật khẩu hiện tại').fill('Tam@thoi2025');
    await page.getByLabel(/^Mật khẩu mới/).fill('Rieng#2025tp');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('Rieng#2025tp');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).last().click();
    await page.waitForURL(`${baseUrl}/lam-viec/18100`);
    await page.getByRole('heading', { level: 1, name: 'Không gian làm việc' }).waitFor();
    expect(await page.getByText('Đã đổi mật khẩu').count()).toBe(1);
    await workNav(page).getByRole('link', { name: 'Tổ chức bộ máy' }).click();
    await page.getByTestId('org-chart').waitFor();
    expect(await workNav(page).getByRole('link', { name: 'Tài khoản' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe('Nhật ký', () => {
  it('shows the leader the issue of 06/TB-UBND, with what changed', async () => {
    const { page, errors } = await signIn('lanhdao.tranphu');
    await workNav(page).getByRole('link', { name: 'Nhật ký' }).click();
    await page.getByRole('combobox', { name: 'Thao tác' }).fill('ban hanh');
    await page.getByRole('option', { name: 'Ban hành thông báo phân công' }).click();
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL(/hanh-dong=org\.announcement\.issue/);
    const row = page.locator('[data-testid="audit-row"][data-action="org.announcement.issue"]', {
      hasText: 'lanhdao.tranphu',
    });
    // Newest first: ours, then the demo seed's 05/TB-UBND.
    const rows = page.getByTestId('audit-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('lanhdao.tranphu');
    await row.getByRole('button', { name: 'Xem trước/sau' }).click();
    const details = await textOf(page, 'audit-details');
    expect(details).toContain('06/TB-UBND');
    expect(details).toContain('"status": "issued"');
    expect(errors).toEqual([]);
  });
});
