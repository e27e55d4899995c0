/**
 * The audit log read by a commune leader: dossier actions named in Vietnamese with the dossier's code (a link to
 * it), the applicant's own online filing under "Công dân", the action filter offering the dossier actions, and an
 * entry's before/after as the changed fields only.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../support/app';
import { ensureWebBuild, launchChromium, WEB_DIR } from '../support/browser';
import { procedureByCode, receiveDossier } from '../support/dossiers';

let server: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let baseUrl: string;
const errors: string[] = [];
let counter: { id: string; code: string };
let online: { code: string };

beforeAll(async () => {
  await ensureWebBuild();
  server = await createTestApp('pglite', { demo: true, env: { XASO_WEB_DIR: WEB_DIR } });
  baseUrl = await server.app.listen({ port: 0, host: '127.0.0.1' });

  // A dossier received at the counter, then assigned; and one filed online by the citizen.
  const officer = await loginAs(server.app, 'motcua.tranphu');
  const birth = await procedureByCode(server.database.db, '1.001193');
  counter = await receiveDossier(server.app, officer, birth, {
    fullName: 'Lê Thị Nhật Ký',
    idNumber: '042095004321',
    phone: '0912777888',
    address: 'Phường Trần Phú, Hà Tĩnh',
  });
  const filed = await server.app.inject({
    method: 'POST',
    url: '/api/v1/public/dossiers',
    payload: {
      procedureId: birth.id,
      applicant: {
        fullName: 'Phan Văn Trực Tuyến',
        idNumber: '042094001111',
        phone: '0912333444',
        address: 'Phường Trần Phú, Hà Tĩnh',
      },
      competentCommuneCode: '18100',
      checklist: birth.requiredDocuments.map((_, index) => ({ index, status: 'received' })),
    },
  });
  expect(filed.statusCode).toBe(201);
  online = json<{ code: string }>(filed);

  browser = await launchChromium();
  context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  context.setDefaultTimeout(10_000);
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseUrl}/dang-nhap`);
  await page.getByLabel('Tên đăng nhập').fill('lanhdao.tranphu');
  await page.getByLabel('Mật khẩu').fill('Demo@2025');
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).last().click();
  await page.waitForURL(/\/lam-viec/);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

const rows = () => page.getByTestId('audit-row');

describe('Nhật ký thay đổi', () => {
  it('names a dossier action in Vietnamese, with the dossier code linked to the dossier', async () => {
    await page.goto(`${baseUrl}/nhat-ky?xa=18100&loai=dossier&ma=${encodeURIComponent(counter.code)}`);
    const row = rows().filter({ hasText: 'Tiếp nhận hồ sơ' });
    await row.waitFor();
    expect(await rows().count()).toBe(1);
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('motcua.tranphu');
    expect(text).toContain('Hồ sơ');
    expect(text).not.toContain(counter.id);
    const link = row.getByRole('link', { name: counter.code });
    expect(await link.getAttribute('href')).toBe(`/ho-so/chi-tiet/${counter.id}`);

    // Before/after: the fields the intake wrote, as "— → value".
    await row.getByRole('button', { name: 'Xem trước/sau' }).click();
    const diff = page.getByTestId('audit-diff');
    await diff.waitFor();
    const code = diff.getByRole('row').filter({ hasText: /^code/ });
    expect(await code.textContent()).toContain(counter.code);
    const status = diff.getByRole('row').filter({ hasText: /^status/ });
    expect((await status.textContent())?.replace(/\s+/g, ' ')).toMatch(/status\s?—\s?→?\s?received/);
  });

  it('shows the citizen’s own online filing under "Công dân"', async () => {
    await page.goto(`${baseUrl}/nhat-ky?xa=18100&loai=dossier&ma=${encodeURIComponent(online.code)}`);
    const row = rows().filter({ hasText: 'Công dân nộp hồ sơ trực tuyến' });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('Công dân (người nộp hồ sơ)');
    expect(text).not.toContain('anonymous');
    expect(text).toContain(online.code);
  });

  it('filters by a dossier action picked from the list, or by every dossier action', async () => {
    await page.goto(`${baseUrl}/nhat-ky?xa=18100`);
    const action = page.getByRole('combobox', { name: 'Thao tác' });
    await action.click();
    await page.getByRole('option', { name: 'Hồ sơ (mọi thao tác)' }).waitFor();
    await action.fill('tiep nhan ho so');
    await page.getByRole('option', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL(/hanh-dong=dossier\.receive/);
    // The unfiltered rows stay on screen until the filtered page arrives: wait for the filtered one.
    await expect
      .poll(
        async () => new Set(await rows().evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))),
      )
      .toEqual(new Set(['dossier.receive']));

    // The prefix a group stands for: every dossier action.
    await page.goto(`${baseUrl}/nhat-ky?xa=18100&hanh-dong=dossier`);
    await rows().first().waitFor();
    const all = await rows().evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(all.every((a) => a?.startsWith('dossier.'))).toBe(true);
    expect(all).toContain('dossier.submit_online');
    expect(errors).toEqual([]);
  });
});
