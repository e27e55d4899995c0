/**
 * Browser journey of a decision: the specialist submits a dossier for approval with a note and the draft result
 * attached; the leader opens it, is asked to confirm in a dialog that names the dossier and what will happen,
 * approves with an opinion, and the history shows the leader's name, position and opinion.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../support/app';
import { ensureWebBuild, launchChromium, type Session, signInAs, WEB_DIR } from '../support/browser';
import { procedureByCode, receiveDossier } from '../support/dossiers';

let server: TestApp;
let browser: Browser;
let baseUrl: string;
let context: BrowserContext | undefined;

/** A 1×1 PNG (the draft result's scan). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

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

async function signIn(username: string): Promise<Session> {
  await context?.close();
  const session = await signInAs(browser, baseUrl, username);
  context = session.context;
  return session;
}

/** A birth registration received at the counter, handed to the demo specialist and started (through the API). */
async function dossierInProcessing(): Promise<{ id: string; code: string }> {
  const officer = await loginAs(server.app, 'motcua.tranphu');
  const specialist = await loginAs(server.app, 'chuyenvien.tranphu');
  const procedure = await procedureByCode(server.database.db, '1.001193');
  const { id, code } = await receiveDossier(server.app, officer, procedure, {
    fullName: 'Lê Thị Thu Trang',
    idNumber: '042196000456',
    phone: '0915000456',
    address: 'Số 9, đường Hà Huy Tập, phường Trần Phú, Hà Tĩnh',
  });
  const me = json<{ id: string }>(
    await server.app.inject({ method: 'GET', url: '/api/v1/me', headers: specialist }),
  );
  const post = (headers: Record<string, string>, payload: object) =>
    server.app.inject({ method: 'POST', url: `/api/v1/dossiers/${id}/actions`, headers, payload });
  expect((await post(officer, { action: 'assign', version: 1, assigneeId: me.id })).statusCode).toBe(200);
  expect((await post(specialist, { action: 'start_processing', version: 2 })).statusCode).toBe(200);
  return { id, code };
}

describe('Quyết định trên hồ sơ', () => {
  it('the leader approves with an opinion after confirming; the history names who did what', async () => {
    const { id, code } = await dossierInProcessing();
    const url = `${baseUrl}/ho-so/chi-tiet/${id}`;

    // The specialist submits it with a note and the draft result.
    const specialist = await signIn('chuyenvien.tranphu');
    let page = specialist.page;
    await page.goto(url);
    await page.getByRole('button', { name: 'Trình lãnh đạo phê duyệt', exact: true }).click();
    let form = page.getByRole('form', { name: 'Trình lãnh đạo phê duyệt' });
    await form.getByLabel('Ghi chú khi trình lãnh đạo (không bắt buộc)').fill('Hồ sơ đủ điều kiện.');
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      form.getByLabel('Dự thảo kết quả (không bắt buộc)').click(),
    ]);
    await chooser.setFiles({ name: 'du-thao-trich-luc.png', mimeType: 'image/png', buffer: PNG });
    await form.getByRole('button', { name: 'Xác nhận: Trình lãnh đạo phê duyệt' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã thực hiện: Trình lãnh đạo phê duyệt.' }).waitFor();
    const submitted = page.getByTestId('history-entry').last();
    expect(await submitted.textContent()).toContain('Ghi chú: Hồ sơ đủ điều kiện.');
    expect(await submitted.getByRole('link', { name: 'du-thao-trich-luc.png' }).count()).toBe(1);
    expect(await submitted.getByTestId('history-actor').textContent()).toContain(
      'Công chức tư pháp - hộ tịch',
    );
    expect(specialist.errors).toEqual([]);

    // The leader: the dialog names the dossier and what will happen; cancelling changes nothing.
    const leader = await signIn('lanhdao.tranphu');
    page = leader.page;
    await page.goto(url);
    await page.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByTestId('action-dossier').textContent()).toContain(code);
    expect(await dialog.getByTestId('action-consequence').textContent()).toContain('được phê duyệt');
    expect(await dialog.textContent()).toContain('không thể hoàn tác');
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.getByTestId('dossier-status').textContent()).toContain('Đã trình lãnh đạo phê duyệt');

    await page.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    form = page.getByRole('form', { name: 'Phê duyệt' });
    await form.getByLabel('Ý kiến của lãnh đạo (không bắt buộc)').fill('Đồng ý, trả kết quả đúng hẹn.');
    await form.getByRole('button', { name: 'Xác nhận: Phê duyệt' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã thực hiện: Phê duyệt.' }).waitFor();
    expect(await page.getByTestId('dossier-status').textContent()).toContain('Đã phê duyệt');

    // The name and position come from the org chart (the account is linked to the commune's chair).
    const chair = json<{ items: { fullName: string; positions: { title: string }[] }[] }>(
      await server.app.inject({
        method: 'GET',
        url: '/api/v1/communes/18100/officials?limit=200',
        headers: await loginAs(server.app, 'lanhdao.tranphu'),
      }),
    ).items.find((o) => o.positions.some((p) => p.title === 'Chủ tịch UBND'))!;
    const approved = page.getByTestId('history-entry').last();
    expect(await approved.getByTestId('history-actor').textContent()).toBe(
      `${chair.fullName} — Chủ tịch UBND`,
    );
    const text = (await approved.textContent()) ?? '';
    expect(text).toContain('Ý kiến: Đồng ý, trả kết quả đúng hẹn.');
    expect(text).toContain('Đã trình lãnh đạo phê duyệt → Đã phê duyệt');
    expect(leader.errors).toEqual([]);
  });
});
