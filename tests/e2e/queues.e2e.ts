/**
 * The work queues in Chromium: the counter officer finds a dossier the leader approved by its phone number
 * (typed with spaces and +84) from whatever tab, sees its status and the tab it waits in ("decided, result to
 * make ready") with the counts; another commune's queues say "no rights"; on a 390 px phone the list keeps code,
 * applicant, status and due date readable; the province officer lands on the province's communes with what is
 * overdue in each and opens one commune's overdue queue.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../support/app';
import { ensureWebBuild, launchChromium, type Session, signInAs, WEB_DIR } from '../support/browser';
import { procedureByCode, receiveDossier } from '../support/dossiers';

let server: TestApp;
let browser: Browser;
let baseUrl: string;
let context: BrowserContext | undefined;
/** The counter officer's session, signed in once and used by each of her steps (at its own screen width). */
let officerSession: Session | undefined;

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
  await officerSession?.context.close();
  await browser?.close();
  await server?.close();
});

async function signIn(username: string, width = 1280): Promise<Session> {
  const session = await signInAs(browser, baseUrl, username, { width });
  context = session.context;
  return session;
}

/** motcua.tranphu, signed in through the login page once; each step opens its own page at its own width. */
async function officer(width = 1280): Promise<Session> {
  officerSession ??= await signInAs(browser, baseUrl, 'motcua.tranphu', { width });
  await officerSession.page.setViewportSize({ width, height: 900 });
  officerSession.errors.length = 0;
  return officerSession;
}

/** A demo dossier of Trần Phú the leader approved, whose result is not ready yet: its code and phone. */
async function approvedDossier(): Promise<{ code: string; phone: string }> {
  const headers = await loginAs(server.app, 'motcua.tranphu');
  const get = async <T>(url: string) => json<T>(await server.app.inject({ method: 'GET', url, headers }));
  const { items } = await get<{ items: { id: string; code: string; status: string }[] }>(
    '/api/v1/dossiers?communeCode=18100&queue=to_finish&limit=200',
  );
  const approved = items.find((i) => i.status === 'approved');
  expect(approved).toBeDefined();
  const view = await get<{ applicant: { phone: string } }>(`/api/v1/dossiers/${approved!.id}`);
  return { code: approved!.code, phone: view.applicant.phone };
}

const tabCount = async (page: Page, queue: string) =>
  Number(await page.getByTestId(`queue-tab-${queue}`).getByTestId('queue-count').textContent());

describe('Hàng đợi hồ sơ', () => {
  it('finds an approved dossier by phone from any tab, in its own tab with the counts', async () => {
    const { code, phone } = await approvedDossier();
    expect(phone).toMatch(/^0\d{9}$/);
    const spaced = `+84 ${phone.slice(1, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`; // +84 912 345 678
    const { page, errors } = await officer();
    await page.goto(`${baseUrl}/ho-so/18100`);
    // The counter starts on the online submissions; the decided dossiers have their own tab, counted.
    await page.waitForURL(/\/ho-so\/18100/);
    await page.getByTestId('queue-tab-to_finish').getByTestId('queue-count').waitFor();
    expect(await page.getByRole('tab', { selected: true }).textContent()).toContain('Nộp trực tuyến');
    expect(await tabCount(page, 'to_finish')).toBeGreaterThan(0);

    await page.getByLabel('Tìm hồ sơ').fill(spaced);
    await page.waitForURL(/hang-doi=all/);
    const row = page.getByTestId('dossier-row').filter({ hasText: code });
    await row.waitFor();
    expect(await row.getByTestId('dossier-row-status').textContent()).toBe('Đã phê duyệt');
    await page.getByTestId('search-scope').waitFor();
    // The tabs now count the matches: the one to work it from says 1.
    await expect.poll(() => tabCount(page, 'to_finish')).toBe(1);
    expect(await tabCount(page, 'to_intake')).toBe(0);
    await page.getByRole('tab', { name: 'Đã duyệt, chờ có kết quả' }).click();
    await page.waitForURL(/hang-doi=to_finish/);
    // The previous tab's rows may show until the new list arrives: wait for the list, not the first frame.
    await expect.poll(() => page.getByTestId('dossier-row').count(), { timeout: 10_000 }).toBe(1);
    await row.waitFor();
    // In another tab it is not there, and the page says where it is.
    await page.getByRole('tab', { name: 'Chờ trả kết quả' }).click();
    await page
      .getByTestId('found-elsewhere')
      .getByRole('button', { name: /Đã duyệt, chờ có kết quả \(1\)/ })
      .click();
    await page.waitForURL(/hang-doi=to_finish/);
    await row.getByRole('link', { name: code }).click();
    expect(await page.getByTestId('dossier-code').textContent()).toBe(code);
    expect(errors).toEqual([]);
  });

  it("says so on another commune's queues instead of an empty list", async () => {
    const { page } = await officer();
    await page.goto(`${baseUrl}/ho-so/18754`);
    await page.getByTestId('refusal').waitFor();
    expect(await page.getByTestId('refusal').textContent()).toContain('Phường Sông Trí');
    expect(await page.getByTestId('dossier-row').count()).toBe(0);
    // Its counter too: no intake form for a commune the officer may not receive in.
    await page.goto(`${baseUrl}/ho-so/18754/tiep-nhan`);
    await page.getByTestId('refusal').waitFor();
    expect(await page.getByRole('button', { name: /Tiếp nhận/ }).count()).toBe(0);
  });

  it('keeps code, applicant, status and due date readable on a 390 px phone', async () => {
    const { page, errors } = await officer(390);
    await page.goto(`${baseUrl}/ho-so/18100?hang-doi=all`);
    const first = page.getByTestId('dossier-row').first();
    await first.waitFor();
    const text = (await first.textContent()) ?? '';
    expect(text).toMatch(/-\d{6}-\d{4}/); // the code
    expect(text).toContain('Hẹn trả kết quả');
    expect(await first.getByTestId('dossier-row-status').textContent()).not.toBe('');
    const box = (await first.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    // Nothing wider than the screen, and the queue is chosen from a select with its count.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await page.getByTestId('queue-select').inputValue()).toBe('all');
    expect(errors).toEqual([]);
  });

  it("counts another officer's intake in the tab it lands in, as soon as that tab is chosen again", async () => {
    const { page, errors } = await officer(1366);
    await page.goto(`${baseUrl}/ho-so/18100?hang-doi=to_assign`);
    await page.getByTestId('queue-tab-to_assign').getByTestId('queue-count').waitFor();
    const before = await tabCount(page, 'to_assign');
    await expect.poll(() => page.getByTestId('dossier-row').count()).toBe(before);
    // Meanwhile, at the next counter (another session): a birth registration, received and waiting for a specialist.
    const birth = await procedureByCode(server.database.db, '1.001193');
    const { code } = await receiveDossier(server.app, await loginAs(server.app, 'motcua.tranphu'), birth, {
      fullName: 'Nguyễn Văn Quầy Bên',
      idNumber: '042095007766',
      phone: '0912776655',
      address: 'Phường Trần Phú, Hà Tĩnh',
    });
    await page.getByRole('tab', { name: /^Tất cả/ }).click();
    await page.waitForURL(/hang-doi=all/);
    await page.getByRole('tab', { name: /^Đã tiếp nhận, chờ phân công/ }).click();
    await page.waitForURL(/hang-doi=to_assign/);
    // The list and the count beside its tab agree, both with the new dossier. (Until the tab's list arrives the
    // previous tab's rows stay on screen, the new dossier among them: the row alone does not say it has.)
    await expect.poll(() => tabCount(page, 'to_assign')).toBe(before + 1);
    await expect.poll(() => page.getByTestId('dossier-row').count()).toBe(before + 1);
    await page.getByTestId('dossier-row').filter({ hasText: code }).waitFor();
    // She opens it and comes back to the tab she was on, not to the commune's first tab.
    await page.getByTestId('dossier-row').filter({ hasText: code }).getByRole('link', { name: code }).click();
    await page.waitForURL(/\/ho-so\/chi-tiet\//);
    await page.getByTestId('dossier-back').click();
    await page.waitForURL(`${baseUrl}/ho-so/18100?hang-doi=to_assign`);
    await page.getByTestId('dossier-row').filter({ hasText: code }).waitFor();
    expect(errors).toEqual([]);
  });

  it('keeps each due-date badge inside its own column on a 1366 px desktop', async () => {
    const { page, errors } = await officer(1366);
    await page.goto(`${baseUrl}/ho-so/18100?hang-doi=all`);
    await page.getByTestId('deadline-badge').first().waitFor();
    // Each badge's right edge against the left edge of the procedure cell beside it (the badges once spilled
    // over the procedure's name: "Đến hạn hôm n|Đăng ký khai sinh").
    const spills = await page.getByTestId('dossier-row').evaluateAll((rows) =>
      rows.flatMap((row) => {
        const badge = row.querySelector('[data-testid="deadline-badge"]');
        const next = badge?.closest('td')?.nextElementSibling;
        if (!badge || !next) return [];
        const over = badge.getBoundingClientRect().right - next.getBoundingClientRect().left;
        return over > 0.5 ? [`${badge.textContent}: ${Math.round(over)} px`] : [];
      }),
    );
    expect(await page.getByTestId('deadline-badge').count()).toBeGreaterThan(3);
    expect(spills).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("lands the province officer on the province's communes, each opening its queues", async () => {
    const { page, errors } = await signIn('tinh.hatinh');
    await page.getByTestId('province-overview').waitFor();
    expect(page.url()).toBe(`${baseUrl}/lam-viec`);
    // Only the communes that use XãSố (the ten trial communes), none chosen for them.
    expect(await page.getByTestId('province-commune').count()).toBe(10);
    const tranPhu = page.locator('[data-testid=province-commune][data-commune="18100"]');
    const overdue = Number(await tranPhu.getByTestId('commune-overdue').textContent());
    expect(overdue).toBeGreaterThan(0);
    await tranPhu.getByRole('link', { name: 'Phường Trần Phú' }).click();
    await page.waitForURL(/\/ho-so\/18100\?hang-doi=overdue/);
    await page.getByTestId('queue-tab-overdue').getByTestId('queue-count').waitFor();
    expect(await tabCount(page, 'overdue')).toBe(overdue);
    await expect.poll(() => page.getByTestId('dossier-row').count()).toBe(overdue);
    expect(errors).toEqual([]);
  });
});
