/**
 * The citizen's feedback journey end to end in Chromium (issue 13 §6), on the small demo (PGlite; the routes behind
 * each step are tested on both engines by their own integration tests). Every step through the pages, as its user
 * does it:
 * 0. the province officer (tinh.hatinh) makes the leader approve answers in the 'infrastructure' category (the
 *    starter set needs none), on the province's categories tab;
 * 1. an anonymous citizen on a phone reports a broken street light at thôn 3 in Trần Phú with a photo; the demo's
 *    two reports about that light are suggested while they type and they file anyway; an XSS payload in the content
 *    is refused by the server with the content field named (nothing of it runs); text with '<', '&' and an escaped
 *    tag is accepted and shown as typed on the staff's page (no script ran on any page); they get the code and PIN;
 * 2. the specialist (chuyenvien.tranphu) opens the new report, sees the demo's two reports suggested and merges it
 *    into the older one, "Đèn đường hỏng ở thôn 3" (the duplicate list's "Gộp vào": the report whose page it is goes
 *    into the suggestion), accepts that one, assigns it to themself and writes the answer, which goes to the
 *    leader for approval;
 * 3. the leader (lanhdao.tranphu) approves it from the queue's "waiting for approval" filter: it is published and
 *    shown on /phan-anh (found without diacritics);
 * 4. the citizen, on /phan-anh/theo-doi with the code and the PIN, reads the answer on their merged report, says it
 *    is not resolved (two stars, a comment): the report it was merged into reopens, and the specialist's page
 *    shows it reopened with the citizen's comment.
 *
 * Runs the real server as a process on a copy of a demo server's data (PGlite): the demo feedback is seeded with
 * the meetings' file storage, which the in-process test app's demo template leaves out.
 * Screenshots, when XASO_SCREENSHOTS names a directory: feedback-*.png there.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FeedbackDetail } from '../../src/common/api/feedback';
import { ensureWebBuild, launchChromium, openSession, shoot, signInAs, WEB_DIR } from '../support/browser';
import {
  createServerData,
  loginOver,
  type ServerData,
  type ServerProcess,
  startServer,
} from '../support/server-process';

/**
 * Per step: 3–6 s alone, more on a loaded machine; the whole file under a minute alone, plus a minute or two when
 * the demo server's data must first be built (once per change of the sources or of the day, see server-process.ts).
 */
const BUDGET = 90_000;
const TRAN_PHU = '18100';
/** A real 1×1 PNG: the photo of the broken light. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const TITLE = 'Đèn đường trước nhà văn hóa thôn 3 bị hỏng';
const XSS = '<img src=x onerror="window.__xss=1">';
/** Accepted (no tag): a '<', a '&' and an escaped tag, which must show as typed, not as markup. */
const CONTENT =
  'Cột đèn đường trước nhà văn hóa thôn 3 tắt hơn một tuần; buổi tối tầm nhìn < 10 m & xe máy chạy nhanh. Hộp điện ghi &lt;b&gt;E3&lt;/b&gt;.';
const OLDER_TITLE = 'Đèn đường hỏng ở thôn 3';
const COMMENT = 'Tối qua đèn vẫn tắt, chỉ sáng được một đêm.';
const ANSWER =
  'Đội điện chiếu sáng đã thay bóng và bộ điều khiển của cột đèn trước nhà văn hóa thôn 3 ngày hôm nay.';

let browser: Browser;
let data: ServerData;
let server: ServerProcess;
let baseUrl: string;
const contexts: BrowserContext[] = [];
const pages: Record<'province' | 'specialist' | 'leader' | 'citizen', Page> = {} as never;
const errors: Record<string, string[]> = {};
let last: Page | undefined;
/** The citizen's report, and the demo's older report about the same light it is merged into. */
let mine: { id: string; code: string; pin: string };
let older: { id: string; code: string };

const xssRan = (page: Page) => page.evaluate(() => (window as { __xss?: unknown }).__xss ?? null);

const sessions = new Map<string, Record<string, string>>();
/** A GET of the API as one of the demo's officials (signed in over HTTP once). */
async function api<T>(username: string, url: string): Promise<T> {
  let headers = sessions.get(username);
  if (!headers) {
    headers = await loginOver(baseUrl, username);
    sessions.set(username, headers);
  }
  const res = await fetch(`${baseUrl}${url}`, { headers });
  expect(res.status, `${url}: ${await res.clone().text()}`).toBe(200);
  return (await res.json()) as T;
}

const report = (id: string) => api<FeedbackDetail>('lanhdao.tranphu', `/api/v1/feedback/${id}`);

const stateOf = (page: Page) => page.getByTestId('feedback-state').first().getAttribute('data-state');

/** One action through its button and dialog; resolves when the page says it is done. */
async function runAction(page: Page, action: string, fill?: () => Promise<void>) {
  await page.getByTestId(`action-${action}`).click();
  await fill?.();
  await page.getByTestId('action-confirm').click();
  await page.getByTestId('action-done').waitFor();
}

beforeAll(async () => {
  await ensureWebBuild();
  browser = await launchChromium();
  data = await createServerData('pglite', 'xaso-feedback-e2e', { demo: true });
  server = await startServer(data, { env: { XASO_WEB_DIR: WEB_DIR } });
  baseUrl = server.baseUrl;
  for (const [key, username] of [
    ['province', 'tinh.hatinh'],
    ['specialist', 'chuyenvien.tranphu'],
    ['leader', 'lanhdao.tranphu'],
  ] as const) {
    const s = await signInAs(browser, baseUrl, username, { width: 1366 }).catch((e: Error) => {
      throw new Error(`${e.message}\n--- server (exit ${server.child.exitCode}):\n${server.output()}`);
    });
    contexts.push(s.context);
    pages[key] = s.page;
    errors[key] = s.errors;
  }
  // The citizen: no account, a phone-sized screen.
  const c = await openSession(browser, { width: 390, height: 844 });
  contexts.push(c.context);
  pages.citizen = c.page;
  errors.citizen = c.errors;
}, 600_000);

afterAll(async () => {
  for (const c of contexts.splice(0)) await c.close();
  await browser?.close();
  await server?.stop();
  await data?.dispose();
});

describe('A broken street light, reported by an anonymous citizen (Trần Phú, Hà Tĩnh)', () => {
  beforeEach((ctx) => {
    ctx.onTestFailed(async () => {
      if (last) await shoot(last, `failed-${ctx.task.name.slice(0, 30)}`).catch(() => {});
    });
  });

  it(
    'the province makes the leader approve answers about infrastructure',
    async () => {
      const page = pages.province;
      last = page;
      await page.goto(`${baseUrl}/tinh/42/phan-anh?muc=linh-vuc`);
      const row = page.locator('[data-testid="category-row"][data-key="infrastructure"]');
      await row.getByTestId('category-edit').click();
      const approval = page.getByTestId('category-approval');
      expect(await approval.isChecked()).toBe(false);
      await approval.check();
      await page.getByTestId('category-save').click();
      await expect.poll(() => row.textContent()).toContain('Có');
      await shoot(page, '00-category-approval');
      const list = await api<{ items: { key: string; approvalRequired: boolean }[] }>(
        'tinh.hatinh',
        '/api/v1/provinces/42/feedback/categories',
      );
      expect(list.items.find((c) => c.key === 'infrastructure')?.approvalRequired).toBe(true);
    },
    BUDGET,
  );

  it(
    'the citizen reports it from a phone with a photo: duplicates suggested while typing, filed anyway, HTML refused',
    async () => {
      const page = pages.citizen;
      last = page;
      await page.goto(`${baseUrl}/phan-anh/gui`);
      await page.getByRole('heading', { level: 1, name: 'Gửi phản ánh, kiến nghị' }).waitFor();
      const commune = page.getByTestId('feedback-commune');
      await commune.click();
      await commune.fill('Trần Phú Hà Tĩnh');
      await page.getByRole('option', { name: 'Phường Trần Phú, Hà Tĩnh', exact: true }).click();
      await page.getByTestId('feedback-category').click();
      await page.getByRole('option', { name: 'Hạ tầng, giao thông, đô thị', exact: true }).click();
      await page.getByTestId('feedback-place').fill('Trước nhà văn hóa thôn 3');
      await page.getByTestId('feedback-title').fill(TITLE);
      const content = page.getByTestId('feedback-content');
      await content.fill('Cột đèn đường trước nhà văn hóa thôn 3 tắt hơn một tuần.');

      // While they type, the demo's two open reports about the same light are suggested.
      const suggested = page.getByTestId('feedback-duplicates');
      await suggested.getByText(OLDER_TITLE).waitFor();
      await suggested.getByText('Đèn chiếu sáng thôn 3 không sáng').waitFor();
      await shoot(page, '01-duplicates-suggested');
      await page.getByTestId('feedback-file-anyway').click();
      await suggested.waitFor({ state: 'detached' });

      await page
        .locator('input[type=file]')
        .setInputFiles({ name: 'den-thon-3.png', mimeType: 'image/png', buffer: PNG });
      await page
        .getByTestId('feedback-files')
        .getByText(/^den-thon-3\.png/)
        .waitFor();
      await expect(page.getByTestId('feedback-anonymous-warning').textContent()).resolves.toContain('PIN');

      // HTML pasted into the content: refused by the server, the content field named; nothing of it ran.
      await content.fill(`Cột đèn đường trước nhà văn hóa thôn 3 tắt hơn một tuần. ${XSS}`);
      await page.getByTestId('feedback-send').click();
      await page.getByText('Nội dung không được chứa mã HTML').first().waitFor();
      expect(await content.getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByTestId('feedback-title').getAttribute('aria-invalid')).not.toBe('true');
      await shoot(page, '02-html-refused');
      expect(await xssRan(page)).toBeNull();

      // Plain text with '<', '&' and an escaped tag is accepted.
      await content.fill(CONTENT);
      await page.getByTestId('feedback-send').click();
      await page.getByTestId('feedback-done').waitFor();
      const code = (await page.getByTestId('feedback-code').textContent())!.trim();
      const pin = (await page.getByTestId('feedback-pin').textContent())!.trim();
      expect(code).toMatch(/^PA-18100-\d{6}-\d{4}$/);
      expect(pin).toMatch(/^\d{6}$/);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await shoot(page, '03-filed');
      const found = (
        await api<{ items: { id: string; code: string }[] }>(
          'lanhdao.tranphu',
          `/api/v1/communes/${TRAN_PHU}/feedback?q=${code}`,
        )
      ).items.find((r) => r.code === code)!;
      mine = { id: found.id, code, pin };
      const stored = await report(mine.id);
      expect(stored).toMatchObject({ title: TITLE, content: CONTENT, state: 'received', anonymous: true });
      expect(stored.files.map((f) => f.name)).toEqual(['den-thon-3.png']);
    },
    BUDGET,
  );

  it(
    'the specialist merges it into the older report of the light, accepts that one, assigns it and submits the answer',
    async () => {
      const page = pages.specialist;
      last = page;
      await page.goto(`${baseUrl}/xu-ly-phan-anh/${TRAN_PHU}?q=${mine.code}`);
      await page.getByTestId('feedback-row').getByRole('link', { name: mine.code }).click();
      await page.getByTestId('feedback-code').waitFor();
      // The stored text shown as typed: the escaped tag is not turned into markup.
      expect(await page.getByTestId('feedback-content').textContent()).toBe(CONTENT);
      // The photo opens for the staff (their session), the bytes the citizen sent.
      const photo = page.getByTestId('feedback-files').getByRole('link', { name: 'den-thon-3.png' });
      const file = await page.request.get(new URL((await photo.getAttribute('href'))!, baseUrl).toString());
      expect(file.status()).toBe(200);
      expect(file.headers()['content-type']).toMatch(/^image\/png/);
      expect(Buffer.compare(await file.body(), PNG)).toBe(0);
      const duplicate = page.getByTestId('duplicate').filter({ hasText: OLDER_TITLE });
      await duplicate.waitFor();
      await page.getByTestId('duplicate').filter({ hasText: 'Đèn chiếu sáng thôn 3 không sáng' }).waitFor();
      const olderCode = (await duplicate.getByRole('link').first().textContent())!.trim();
      await shoot(page, '04-new-report-duplicates');

      // "Gộp vào": the new report is merged into the older one (its reporter gets that one's answer).
      await duplicate.getByTestId('merge').click();
      await duplicate.getByTestId('merge-confirm').click();
      await expect.poll(() => stateOf(page)).toBe('merged');
      await page.getByTestId('feedback-merged-into').getByRole('link').click();
      await expect.poll(() => page.getByTestId('feedback-code').textContent()).toBe(olderCode);
      older = { id: new URL(page.url()).pathname.split('/').pop()!, code: olderCode };
      await page.getByTestId('feedback-merged').getByRole('link', { name: mine.code }).waitFor();
      expect(await page.getByTestId('feedback-merged').textContent()).toContain(TITLE);
      await shoot(page, '05-merged');

      await runAction(page, 'accept');
      await expect.poll(() => stateOf(page)).toBe('accepted');
      const me = await api<{ id: string }>('chuyenvien.tranphu', '/api/v1/me');
      const assignees = await api<{ items: { accountId: string; name: string }[] }>(
        'chuyenvien.tranphu',
        `/api/v1/feedback/${older.id}/assignees`,
      );
      const myName = assignees.items.find((a) => a.accountId === me.id)!.name;
      await runAction(page, 'assign', async () => {
        await page.getByTestId('assignee').click();
        await page.getByRole('option', { name: new RegExp(`^${myName}`) }).click();
      });
      await expect.poll(() => stateOf(page)).toBe('assigned');
      expect(await page.getByTestId('assignee-name').textContent()).toBe(myName);

      await page.getByTestId('action-answer').click();
      expect(await page.getByTestId('action-confirm').textContent()).toBe('Trình duyệt trả lời');
      await page.getByTestId('answer-input').fill(ANSWER);
      await shoot(page, '06-answer');
      await page.getByTestId('action-confirm').click();
      await page.getByTestId('action-done').waitFor();
      await expect.poll(() => stateOf(page)).toBe('answer_pending');
      expect(await page.getByTestId('action-approve').count()).toBe(0);
      const pending = await report(older.id);
      expect(pending.publishedAt).toBeNull();
      expect(pending.merged.map((m) => m.code)).toEqual([mine.code]);
      expect((await report(mine.id)).state).toBe('merged');
    },
    BUDGET,
  );

  it(
    'the leader approves: the answer is published on /phan-anh',
    async () => {
      const page = pages.leader;
      last = page;
      await page.goto(`${baseUrl}/xu-ly-phan-anh/${TRAN_PHU}?trang-thai=answer_pending`);
      await page.getByTestId('feedback-row').getByRole('link', { name: older.code }).click();
      await page.getByTestId('feedback-code').waitFor();
      await runAction(page, 'approve');
      await expect.poll(() => stateOf(page)).toBe('answered');
      await expect.poll(() => page.getByTestId('answer-public').textContent()).toBe(ANSWER);
      await shoot(page, '07-approved');
      const done = await report(older.id);
      expect(done.state).toBe('answered');
      expect(done.publishedAt).not.toBeNull();

      // The public list, searched without diacritics, on the citizen's phone.
      const citizen = pages.citizen;
      last = citizen;
      await citizen.goto(`${baseUrl}/phan-anh`);
      await citizen.getByTestId('public-search').fill('den duong hong o thon 3');
      const card = citizen.getByTestId('public-feedback').filter({ hasText: older.code });
      await card.waitFor();
      expect(await card.getByTestId('public-feedback-title').textContent()).toBe(OLDER_TITLE);
      expect(await card.getByTestId('public-feedback-answer').textContent()).toContain(ANSWER);
      expect(await xssRan(citizen)).toBeNull();
      await shoot(citizen, '08-published');
    },
    BUDGET,
  );

  it(
    'the citizen reads the answer with the code and PIN, says it is not resolved: the report reopens',
    async () => {
      const page = pages.citizen;
      last = page;
      await page.goto(`${baseUrl}/phan-anh/theo-doi`);
      await page.getByTestId('track-code').fill(mine.code.toLowerCase());
      await page.getByTestId('track-contact').fill(mine.pin);
      await page.getByTestId('track-submit').click();
      await expect(page.getByTestId('track-state').textContent()).resolves.toBe('Đã gộp với phản ánh khác');
      await page.getByTestId('track-answer').getByText(ANSWER).waitFor();
      await page.getByTestId('rate-no').check();
      // Two stars, chosen with the keyboard (Mantine's Rating: the hidden "no star" label lies over the first star
      // and takes a pointer's click at the star's centre).
      await page.getByTestId('rate-stars').locator('input[value="2"]').press('Space');
      await page.getByTestId('track-rate').getByRole('textbox').fill(COMMENT);
      await shoot(page, '09-rating');
      await page.getByTestId('rate-submit').click();
      await page.getByTestId('track-reopened').waitFor();
      expect(await page.getByTestId('track-your-rating').textContent()).toContain('chưa giải quyết');
      expect(await xssRan(page)).toBeNull();
      await shoot(page, '10-reopened');
      // Their verdict stays on their own report (it counts in the statistics); the report answered reopens.
      expect(await report(mine.id)).toMatchObject({
        state: 'merged',
        resolvedByReporter: false,
        rating: 2,
      });
      expect(await report(older.id)).toMatchObject({ state: 'reopened', reopenCount: 1 });

      // The specialist's page shows it reopened, with the citizen's comment; the answer can be written again.
      const staff = pages.specialist;
      last = staff;
      await staff.reload();
      await expect.poll(() => stateOf(staff)).toBe('reopened');
      await staff.getByTestId('history-note').filter({ hasText: COMMENT }).waitFor();
      // The history says whose answer reopened it: the reporter of the merged report, by its code.
      await staff
        .getByTestId('history-entry')
        .filter({ hasText: `${mine.code} (đã gộp vào đây) mở lại` })
        .waitFor();
      await staff.getByTestId('action-answer').waitFor();
      await shoot(staff, '11-staff-reopened');
      for (const [who, list] of Object.entries(errors)) expect(list, who).toEqual([]);
    },
    BUDGET,
  );
});
