/**
 * Browser journey of the API tokens page ("Mã truy cập API"): the counter officer of Phường Trần Phú opens it from
 * the menu, cannot choose a permission she does not hold, sees the server's refusal of a too-short name next to
 * the field, creates a token for Open311 (feedback.receive at her commune) and sees its secret once; another
 * system posts an Open311 request with it (accepted), the list then shows when it was last used; she revokes it
 * after confirming and the same request is refused. The page is looked at on a 390 px phone too.
 * Screenshots, when XASO_SCREENSHOTS names a directory: api-tokens-*.png there.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { createTestApp, type TestApp } from '../support/app';
import {
  ensureWebBuild,
  launchChromium,
  pickOption,
  type Session,
  shoot,
  signInAs,
  WEB_DIR,
} from '../support/browser';

let server: TestApp;
let browser: Browser;
let baseUrl: string;
const sessions: Session[] = [];

beforeAll(async () => {
  await ensureWebBuild();
  server = await createTestApp('pglite', { demo: true, env: { XASO_WEB_DIR: WEB_DIR } });
  baseUrl = await server.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  for (const s of sessions) await s.context.close();
  await browser?.close();
  await server?.close();
});

/** Another system posting a street-light report to Trần Phú through Open311 with the key. */
function postOpen311(apiKey: string) {
  return fetch(`${baseUrl}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams({
      api_key: apiKey,
      jurisdiction_id: '18100',
      service_code: 'infrastructure',
      lat: '18.3433',
      long: '105.9057',
      description: 'Đèn đường trước nhà văn hóa tổ dân phố 5 bị hỏng, tối không có đèn.',
    }).toString(),
  });
}

const card = (page: Page, name: string) => page.getByRole('article', { name });

describe('Mã truy cập API', () => {
  it('creates an Open311 token, shows it once, records its use, and refuses it once revoked', async () => {
    const s = await signInAs(browser, baseUrl, 'motcua.tranphu', { width: 1280 });
    sessions.push(s);
    const { page, errors } = s;
    onTestFailed(async () => {
      await shoot(page, 'failed');
    });

    // Reached from the user's menu, next to "Đổi mật khẩu".
    const nav = page.getByTestId('work-nav');
    await expect.poll(() => nav.getByRole('link', { name: 'Đổi mật khẩu' }).count()).toBe(1);
    await nav.getByRole('link', { name: 'Mã truy cập API' }).click();
    await page.waitForURL(`${baseUrl}/ma-truy-cap-api`);
    await page.getByRole('heading', { level: 1, name: 'Mã truy cập API' }).waitFor();
    await page.getByText('Bạn chưa tạo mã nào.').waitFor();

    // Only what she holds can be chosen: receiving feedback yes, approving dossiers (the leader's) no.
    const receive = page.getByRole('checkbox', { name: /Tiếp nhận phản ánh/ });
    await receive.waitFor();
    expect(await page.getByRole('checkbox', { name: 'Phê duyệt hồ sơ' }).count()).toBe(0);
    expect(await page.locator('[data-permission="dossier.approve"]').count()).toBe(0);
    expect(await page.locator('[data-permission="accounts.manage"]').count()).toBe(0);

    // The commune: hers, searchable; the permissions stay those held there.
    await pickOption(
      page,
      page.getByRole('combobox', { name: 'Xã, phường' }),
      'Trần Phú',
      /Trần Phú \(18100\)/,
    );
    await receive.check();

    // A one-letter name is refused by the server; its message sits under the name field.
    const name = page.getByRole('textbox', { name: 'Tên mã' });
    await name.fill('A');
    await page.getByRole('button', { name: 'Tạo mã' }).click();
    const nameError = page.locator(`[id="${await name.getAttribute('id')}-error"]`);
    await expect.poll(() => nameError.textContent().catch(() => '')).toMatch(/\S/);
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('api-token-secret').count()).toBe(0);

    await name.fill('Cổng phản ánh Open311 của tỉnh');
    await page.getByRole('button', { name: 'Tạo mã' }).click();

    // The secret, once, with a copy button and the warning.
    const secretBox = page.getByTestId('api-token-secret');
    await secretBox.waitFor();
    const secret = (await secretBox.textContent())!.trim();
    expect(secret).toMatch(/^xaso_\S{20,}$/);
    await page.getByRole('alert').filter({ hasText: 'Mã chỉ hiển thị một lần' }).waitFor();
    await page.getByRole('button', { name: 'Sao chép mã' }).waitFor();
    const token = card(page, 'Cổng phản ánh Open311 của tỉnh');
    await expect.poll(() => token.getByTestId('api-token-state').textContent()).toBe('Đang hiệu lực');
    expect(await token.textContent()).toContain('Tiếp nhận phản ánh');
    expect(await token.textContent()).toContain('Phường Trần Phú');
    expect(await token.getByTestId('api-token-last-used').textContent()).toBe('Chưa dùng');
    await shoot(page, 'secret-desktop');

    await page.getByRole('button', { name: 'Tôi đã lưu mã' }).click();
    await page.getByRole('heading', { name: 'Tạo mã mới' }).waitFor();
    expect(await page.content()).not.toContain(secret);

    // Another system uses it: Open311 accepts the request.
    const created = await postOpen311(secret);
    expect(created.status, await created.clone().text()).toBe(201);
    const [request] = (await created.json()) as { service_request_id: string }[];
    expect(request!.service_request_id).toMatch(/^PA-18100-\d{6}-\d{4}$/);

    // Back on the page: when it was last used, and the secret is nowhere.
    await page.reload();
    await expect
      .poll(() =>
        card(page, 'Cổng phản ánh Open311 của tỉnh').getByTestId('api-token-last-used').textContent(),
      )
      .toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
    expect(await page.content()).not.toContain(secret);
    await shoot(page, 'list-desktop');

    // Revoked after confirming; the same request is then refused.
    await token.getByRole('button', { name: 'Thu hồi mã Cổng phản ánh Open311 của tỉnh' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thu hồi mã truy cập' });
    await dialog.getByText('sẽ ngừng hoạt động ngay').waitFor();
    await dialog.getByRole('button', { name: 'Thu hồi', exact: true }).click();
    await expect.poll(() => token.getByTestId('api-token-state').textContent()).toBe('Đã thu hồi');
    expect(await token.getByRole('button', { name: /Thu hồi/ }).count()).toBe(0);

    const refused = await postOpen311(secret);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(await refused.json())).toContain('api_key');
    expect(errors).toEqual([]);
  }, 120_000);

  it('fits a 390 px phone: the menu leads to the page, the form and the list are readable', async () => {
    const s = await signInAs(browser, baseUrl, 'motcua.tranphu', { width: 390 });
    sessions.push(s);
    const { page, errors } = s;
    onTestFailed(async () => {
      await shoot(page, 'failed');
    });
    // The workspace has settled in her commune (the menu closes on every move).
    await page.waitForURL(/\/lam-viec\/18100$/);
    await page.getByRole('heading', { level: 1, name: 'Không gian làm việc' }).waitFor();
    await page.getByRole('button', { name: 'Mở hoặc đóng trình đơn' }).click();
    await page.getByRole('dialog').getByRole('link', { name: 'Mã truy cập API' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mã truy cập API' }).waitFor();
    await card(page, 'Cổng phản ánh Open311 của tỉnh').waitFor();
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shoot(page, 'phone');

    // A token for every commune within her rights (no commune chosen): its secret fits the screen too.
    await page.getByRole('textbox', { name: 'Tên mã' }).fill('Báo cáo phản ánh hằng tuần');
    await page.getByRole('checkbox', { name: 'Xem phản ánh, kiến nghị, thống kê' }).check();
    await page.getByRole('button', { name: 'Tạo mã' }).click();
    expect(await page.getByTestId('api-token-secret').textContent()).toMatch(/^xaso_/);
    const weekly = card(page, 'Báo cáo phản ánh hằng tuần');
    await expect.poll(() => weekly.textContent()).toContain('Mọi xã trong phạm vi quyền của bạn');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shoot(page, 'secret-phone');

    // A name without a space (an address) wraps in the secret's heading and in its card, never widening the page.
    const address = 'https://cong-phan-anh.hatinh.gov.vn/open311/v2/requests.json?jurisdiction_id=hatinh';
    await page.getByRole('button', { name: 'Tôi đã lưu mã' }).click();
    await page.getByRole('textbox', { name: 'Tên mã' }).fill(address);
    await page.getByRole('checkbox', { name: 'Xem phản ánh, kiến nghị, thống kê' }).check();
    await page.getByRole('button', { name: 'Tạo mã' }).click();
    await page.getByTestId('api-token-secret').waitFor();
    await card(page, address).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
  }, 60_000);
});
