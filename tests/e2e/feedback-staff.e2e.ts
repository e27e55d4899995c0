/**
 * The staff's feedback pages in Chromium (issue 13 §1–3, §5) on the small demo (PGlite; the routes behind each step
 * are tested on both engines by their own integration tests). Trần Phú's one-stop officer records a phone report
 * through "Ghi nhận phản ánh" and sees the similar open report suggested (but may not merge it); the leader merges
 * it from the report's page; a specialist finds a denunciation under "Giao cho tôi" (the filter kept in the
 * address), writes an answer whose public version masks the reporter's name and phone as they type, and submits it;
 * the leader approves it; a change made meanwhile by someone else is reported as "reload" (409), not applied; the
 * province officer answers a report escalated to the province from the province's queue.
 *
 * Through the API (not the UI), said where done: the reports the steps start from (the public submission page has
 * its own journey), and the acceptance/assignment before the specialist's step.
 * Screenshots, when XASO_SCREENSHOTS names a directory: feedback-staff-*.png there.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FeedbackDetail } from '../../src/common/api/feedback';
import { createTestApp, json, loginAs, type TestApp } from '../support/app';
import { ensureWebBuild, launchChromium, shoot, signInAs, WEB_DIR } from '../support/browser';

/** Per step: about 15 s alone, more on a loaded machine. */
const BUDGET = 90_000;
const TRAN_PHU = '18100';
let browser: Browser;
let server: TestApp;
let baseUrl: string;
const contexts: BrowserContext[] = [];
const pages: Record<'oneStop' | 'leader' | 'specialist' | 'province', Page> = {} as never;
let last: Page | undefined;
let categories: { id: string; key: string }[] = [];
/** The report the one-stop officer's phone report duplicates. */
let lamp: { id: string; code: string };

const categoryId = (key: string) => categories.find((c) => c.key === key)!.id;

/** A report recorded at the counter through the API (multipart, as the form sends it). */
async function record(data: Record<string, unknown>): Promise<{ id: string; code: string }> {
  const h = await loginAs(server.app, 'motcua.tranphu');
  const form = new FormData();
  form.set('data', JSON.stringify({ channel: 'counter', ...data }));
  const res = await fetch(`${baseUrl}/api/v1/communes/${TRAN_PHU}/feedback`, {
    method: 'POST',
    headers: h,
    body: form,
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return (await res.json()) as { id: string; code: string };
}

async function report(id: string, username = 'lanhdao.tranphu'): Promise<FeedbackDetail> {
  const h = await loginAs(server.app, username);
  return json<FeedbackDetail>(await server.app.inject({ url: `/api/v1/feedback/${id}`, headers: h }));
}

async function act(id: string, action: string, body: Record<string, unknown>, username = 'lanhdao.tranphu') {
  const h = await loginAs(server.app, username);
  const { version } = await report(id, username);
  const res = await server.app.inject({
    method: 'POST',
    url: `/api/v1/feedback/${id}/actions/${action}`,
    headers: h,
    payload: { version, ...body },
  });
  expect(res.statusCode, res.body).toBe(200);
  return json<FeedbackDetail>(res);
}

const openReport = async (page: Page, id: string) => {
  await page.goto(`${baseUrl}/xu-ly-phan-anh/chi-tiet/${id}`);
  await page.getByTestId('feedback-code').waitFor();
};

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
  server = await createTestApp('pglite', { demo: true, env: { XASO_WEB_DIR: WEB_DIR } });
  baseUrl = await server.app.listen({ port: 0, host: '127.0.0.1' });
  const list = json<{ items: { id: string; key: string }[] }>(
    await server.app.inject({ url: `/api/v1/public/feedback/categories?communeCode=${TRAN_PHU}` }),
  );
  categories = list.items;
  for (const [key, username] of [
    ['oneStop', 'motcua.tranphu'],
    ['leader', 'lanhdao.tranphu'],
    ['specialist', 'chuyenvien.tranphu'],
    ['province', 'tinh.hatinh'],
  ] as const) {
    const s = await signInAs(browser, baseUrl, username, { width: 1366 });
    contexts.push(s.context);
    pages[key] = s.page;
  }
}, 600_000);

afterAll(async () => {
  for (const c of contexts.splice(0)) await c.close();
  await server?.close();
  await browser?.close();
});

describe('Feedback staff pages (Trần Phú, Hà Tĩnh)', () => {
  beforeEach((ctx) => {
    ctx.onTestFailed(async () => {
      if (last) await shoot(last, `failed-${ctx.task.name.slice(0, 30)}`).catch(() => {});
    });
  });

  it(
    'the one-stop officer records a phone report and sees the similar open report, without a merge button',
    async () => {
      lamp = await record({
        categoryId: categoryId('infrastructure'),
        title: 'Đèn đường hỏng trên đường Phan Đình Phùng',
        content: 'Đèn đường trước số 12 Phan Đình Phùng bị hỏng ba ngày nay, buổi tối rất tối.',
        placeText: '12 Phan Đình Phùng',
      });
      const page = pages.oneStop;
      last = page;
      await page.goto(`${baseUrl}/xu-ly-phan-anh/${TRAN_PHU}`);
      await page.getByTestId('feedback-row').first().waitFor();
      await page.getByTestId('feedback-receive-open').click();
      await page.getByTestId('receive-channel').getByText('Điện thoại').click();
      await page.getByTestId('receive-category').click();
      await page.getByRole('option', { name: 'Hạ tầng, giao thông, đô thị' }).click();
      await page.getByTestId('receive-title').fill('Đèn đường Phan Đình Phùng không sáng');
      await page
        .getByTestId('receive-content')
        .fill('Người gọi báo đèn đường gần số 14 Phan Đình Phùng không sáng.');
      await page.getByTestId('receive-place').fill('14 Phan Đình Phùng');
      await page.getByTestId('receive-phone').fill('0912345678');
      await page.getByTestId('receive-submit').click();
      await page.getByTestId('receive-done').waitFor();
      await expect
        .poll(() => page.getByTestId('receive-code').textContent())
        .toMatch(/^PA-18100-\d{6}-\d{4}$/);
      const suggestion = page.getByTestId('duplicate').filter({ hasText: lamp.code });
      await suggestion.waitFor();
      expect(await suggestion.getByTestId('merge').count()).toBe(0);
      await shoot(page, '01-received-with-duplicate');
    },
    BUDGET,
  );

  it(
    'the leader merges the new report into the older one from its page',
    async () => {
      const page = pages.leader;
      last = page;
      await page.goto(`${baseUrl}/xu-ly-phan-anh/${TRAN_PHU}?q=khong%20sang`);
      const row = page.getByTestId('feedback-row').filter({ hasText: 'không sáng' });
      await row.first().waitFor();
      await row.first().getByRole('link').click();
      await page.getByTestId('feedback-code').waitFor();
      const duplicate = page.getByTestId('duplicate').filter({ hasText: lamp.code });
      await duplicate.getByTestId('merge').click();
      await duplicate.getByTestId('merge-confirm').click();
      await expect
        .poll(() => page.getByTestId('feedback-state').first().getAttribute('data-state'))
        .toBe('merged');
      const older = await report(lamp.id);
      expect(older.merged.map((m) => m.title)).toEqual(['Đèn đường Phan Đình Phùng không sáng']);
      await openReport(page, lamp.id);
      await page.getByTestId('feedback-merged').getByText('Đèn đường Phan Đình Phùng không sáng').waitFor();
      await shoot(page, '02-merged');
    },
    BUDGET,
  );

  it(
    "a specialist answers a denunciation from 'Giao cho tôi': the public version masks the reporter as they type",
    async () => {
      const denunciation = await record({
        categoryId: categoryId('denunciation'),
        title: 'Tố cáo thu tiền sai quy định',
        content: 'Cán bộ thu thêm tiền khi làm thủ tục đất đai.',
        reporterName: 'Phạm Văn Dũng',
        reporterPhone: '0987654321',
      });
      const assignees = json<{ items: { accountId: string; name: string }[] }>(
        await server.app.inject({
          url: `/api/v1/feedback/${denunciation.id}/assignees`,
          headers: await loginAs(server.app, 'lanhdao.tranphu'),
        }),
      );
      const me = json<{ id: string }>(
        await server.app.inject({
          url: '/api/v1/me',
          headers: await loginAs(server.app, 'chuyenvien.tranphu'),
        }),
      );
      const specialistId = me.id;
      expect(assignees.items.map((a) => a.accountId)).toContain(specialistId);
      await act(denunciation.id, 'accept', {});
      await act(denunciation.id, 'assign', { accountId: specialistId });

      const page = pages.specialist;
      last = page;
      await page.goto(`${baseUrl}/xu-ly-phan-anh/${TRAN_PHU}?cua-toi=1`);
      expect(await page.getByTestId('filter-mine').isChecked()).toBe(true);
      const row = page.getByTestId('feedback-row').filter({ hasText: denunciation.code });
      await row.waitFor();
      await row.getByRole('link', { name: denunciation.code }).click();
      await page.getByTestId('feedback-code').waitFor();
      await page.getByTestId('action-answer').click();
      await page
        .getByTestId('answer-input')
        .fill('Kính gửi ông Phạm Văn Dũng (0987 654 321): khoản thu sai đã được hoàn trả.');
      const preview = page.getByTestId('public-preview');
      await expect.poll(() => preview.textContent()).toContain('[số điện thoại]');
      expect(await preview.textContent()).not.toContain('Phạm Văn Dũng');
      expect(await page.getByTestId('action-confirm').textContent()).toBe('Trình duyệt trả lời');
      await shoot(page, '03-answer-preview');
      await page.getByTestId('action-confirm').click();
      await page.getByTestId('action-done').waitFor();
      await expect.poll(async () => (await report(denunciation.id)).state).toBe('answer_pending');
      // The specialist has no approve button; the leader does.
      expect(await page.getByTestId('action-approve').count()).toBe(0);

      const leader = pages.leader;
      last = leader;
      await leader.goto(`${baseUrl}/xu-ly-phan-anh/${TRAN_PHU}?trang-thai=answer_pending`);
      await leader.getByTestId('feedback-row').filter({ hasText: denunciation.code }).waitFor();
      const states = await leader
        .getByTestId('feedback-row')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state')));
      expect(new Set(states)).toEqual(new Set(['answer_pending']));
      await openReport(leader, denunciation.id);
      await runAction(leader, 'approve');
      await expect.poll(() => leader.getByTestId('answer-public').textContent()).toContain('[họ tên]');
      const done = await report(denunciation.id);
      expect(done.state).toBe('answered');
      expect(done.answerPublicText).not.toContain('0987');
      await shoot(leader, '04-approved');
    },
    BUDGET,
  );

  it(
    'a change made meanwhile by someone else is reported for reloading, not applied',
    async () => {
      const other = await record({
        categoryId: categoryId('other'),
        title: 'Phản ánh về giờ làm việc của bộ phận một cửa',
        content: 'Bộ phận một cửa mở cửa muộn.',
      });
      const page = pages.leader;
      last = page;
      await openReport(page, other.id);
      await act(other.id, 'accept', {}, 'chuyenvien.tranphu');
      await page.getByTestId('action-accept').click();
      await page.getByTestId('action-confirm').click();
      await page.getByTestId('conflict').waitFor();
      await shoot(page, '05-conflict');
      await page.getByTestId('conflict-reload').click();
      await expect
        .poll(() => page.getByTestId('feedback-state').first().getAttribute('data-state'))
        .toBe('accepted');
      expect((await report(other.id)).actions.filter((a) => a.action === 'accept')).toHaveLength(1);
    },
    BUDGET,
  );

  it(
    'the province officer answers a report escalated to the province from its queue',
    async () => {
      const noise = await record({
        categoryId: categoryId('security_order'),
        title: 'Tiếng ồn karaoke ban đêm',
        content: 'Quán karaoke hát đến 1 giờ sáng mỗi đêm.',
        reporterEmail: 'dan@example.vn',
      });
      await act(noise.id, 'accept', {});
      await act(noise.id, 'escalate', { reason: 'Cần công an tỉnh phối hợp.' });
      const page = pages.province;
      last = page;
      await page.goto(`${baseUrl}/tinh/42/phan-anh?muc=chuyen-len-tinh`);
      const row = page.getByTestId('feedback-row').filter({ hasText: noise.code });
      await row.waitFor();
      await shoot(page, '06-province-queue');
      await row.getByRole('link', { name: noise.code }).click();
      await page.getByTestId('feedback-code').waitFor();
      // The province answers or returns; the commune's own steps are not offered to it.
      expect(await page.getByTestId('action-accept').count()).toBe(0);
      await runAction(page, 'answer', () =>
        page.getByTestId('answer-input').fill('Công an tỉnh đã phối hợp xử lý quán karaoke.'),
      );
      expect((await report(noise.id)).state).toBe('answered');
      await shoot(page, '07-province-answered');
    },
    BUDGET,
  );
});
