/**
 * Browser checks of the meetings screens around the session itself, on the demo meetings of Trần Phú (the closed
 * rehearsal first HĐND session of 20/06/2025 with its draft working regulations, a passed resolution vote and an open
 * follow-up task; a real UBND meeting in preparation): the secretary answers a comment and reports a task done in a
 * dialog (too short is said before sending), adopts the regulations by the vote that passed them and publishes them
 * (the public text is then readable without an account). PGlite only: the API behind it is tested on both engines.
 * Screenshots, when XASO_SCREENSHOTS names a directory: meetings-extras-*.png there.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MeetingList } from '../../src/common/api/meetings';
import { createTestApp, type TestApp } from '../support/app';
import { ensureWebBuild, launchChromium, shoot, signInAs, WEB_DIR } from '../support/browser';

let browser: Browser;
let server: TestApp;
let baseUrl: string;
const contexts: BrowserContext[] = [];
let sp: Page;
let rehearsalId: string;

/** A Mantine select or text input by its label (a select is a textbox or a combobox depending on its options). */
const field = (scope: Page | Locator, name: string | RegExp) =>
  scope.getByRole('textbox', { name }).or(scope.getByRole('combobox', { name })).first();

beforeAll(async () => {
  await ensureWebBuild();
  browser = await launchChromium();
  server = await createTestApp('pglite', {
    demo: true,
    demoMeetings: true,
    env: { XASO_WEB_DIR: WEB_DIR },
  });
  baseUrl = await server.app.listen({ port: 0, host: '127.0.0.1' });
  const secretary = await signInAs(browser, baseUrl, 'thuky.tranphu', { width: 1366 });
  contexts.push(secretary.context);
  sp = secretary.page;
  const list = (await (
    await sp.request.get(`${baseUrl}/api/v1/communes/18100/meetings?rehearsal=true`)
  ).json()) as MeetingList;
  rehearsalId = list.items.find((m) => m.rehearsal)!.id;
  expect(rehearsalId).toBeDefined();
}, 180_000);

afterAll(async () => {
  for (const c of contexts.splice(0)) await c.close();
  await server?.close();
  await browser?.close();
});

describe('Meetings: dialogs, adoption, member votes, archive, rules (Trần Phú demo)', () => {
  beforeEach((ctx) => {
    ctx.onTestFailed(async () => {
      await shoot(sp, `failed-${ctx.task.name.slice(0, 30)}`).catch(() => {});
    });
  });

  it('answers a comment in a dialog, adopts the regulations by their vote and publishes them', async () => {
    await sp.goto(`${baseUrl}/hop/${rehearsalId}`);
    await sp.getByTestId('tab-agenda').click();
    const paper = sp.getByTestId('paper').filter({ hasText: 'Dự thảo Quy chế làm việc' });
    await paper.getByTestId('paper-open').click();
    // The secretary records a comment on Điều 1, then answers it in the dialog.
    const article1 = paper.getByTestId('paper-article').first();
    await article1.getByRole('button', { name: /^Góp ý Điều 1/ }).click();
    await article1.getByLabel(/^Góp ý Điều 1/).fill('Đề nghị nêu rõ phạm vi áp dụng đối với Thường trực.');
    await article1.getByRole('button', { name: 'Gửi góp ý' }).click();
    const comment = paper.getByTestId('paper-comment').filter({ hasText: 'phạm vi áp dụng' });
    await comment.getByTestId('comment-answer').click();
    const dialog = sp.getByRole('dialog', { name: /Trả lời góp ý/ });
    await dialog.getByTestId('answer-modal-submit').click();
    await dialog.getByText('Cần ít nhất 1 ký tự.').waitFor();
    await dialog.getByLabel('Nội dung trả lời').fill('Tiếp thu, bổ sung tại khoản 2 Điều 1.');
    await shoot(sp, '01-answer-dialog');
    await dialog.getByTestId('answer-modal-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    await comment.getByText(/Tiếp thu, bổ sung tại khoản 2 Điều 1/).waitFor();

    // Adoption by the vote that passed the resolution on the regulations.
    await paper.getByTestId('paper-adopt').click();
    const adopt = sp.getByRole('dialog', { name: /Thông qua/ });
    expect(await field(adopt, 'Phiên bản được thông qua').inputValue()).toMatch(/bản 2/);
    await field(adopt, 'Theo kết quả biểu quyết').click();
    await sp
      .getByRole('option', { name: /Quy chế làm việc/ })
      .first()
      .click();
    await shoot(sp, '02-adopt-dialog');
    await adopt.getByTestId('paper-adopt-confirm').click();
    await adopt.waitFor({ state: 'hidden' });
    await expect.poll(() => paper.getByTestId('paper-adopted').textContent()).toContain('Đã thông qua bản 2');
    expect(await paper.getByTestId('paper-adopt').count()).toBe(0);

    // Publication asks first, then links to the public text.
    await paper.getByTestId('paper-publish').click();
    const publish = sp.getByRole('dialog', { name: /Công bố/ });
    await publish.getByText(/ai cũng đọc được/).waitFor();
    await publish.getByTestId('paper-publish-confirm').click();
    await publish.waitFor({ state: 'hidden' });
    const link = paper.getByTestId('paper-public-link');
    await link.waitFor();
    await shoot(sp, '03-paper-published');
    const href = (await link.getAttribute('href'))!;
    const anonymous = await browser.newContext();
    contexts.push(anonymous);
    const res = await anonymous.request.get(`${baseUrl}${href}`);
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { version: number; title: string; rehearsal: boolean };
    expect(body).toMatchObject({ version: 2, title: 'Dự thảo Quy chế làm việc của Hội đồng nhân dân' });
  });

  it('reports a follow-up task done in a dialog', async () => {
    await sp.goto(`${baseUrl}/hop/${rehearsalId}`);
    await sp.getByTestId('tab-after').click();
    await sp.getByTestId('task-done').first().click();
    const dialog = sp.getByRole('dialog', { name: 'Báo nhiệm vụ đã xong' });
    await dialog.getByText(/Kiểm tra, khắc phục mạng nội bộ/).waitFor();
    await dialog.getByLabel('Kết quả thực hiện').fill('x');
    await dialog.getByTestId('task-done-modal-submit').click();
    await dialog.getByText('Cần ít nhất 2 ký tự.').waitFor();
    await dialog.getByLabel('Kết quả thực hiện').fill('Đã thay bộ chuyển mạch, mạng hội trường ổn định.');
    await dialog.getByTestId('task-done-modal-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    await sp
      .getByRole('row', { name: /Kiểm tra, khắc phục mạng nội bộ/ })
      .getByText('Đã xong')
      .waitFor();
    await shoot(sp, '04-task-done');
  });
  it('shows how a delegate voted, from the meetings list', async () => {
    const detail = (await (await sp.request.get(`${baseUrl}/api/v1/meetings/${rehearsalId}`)).json()) as {
      title: string;
      participants: { fullName: string; role: string; response: string; officialId: string | null }[];
    };
    const delegate = detail.participants.find((p) => p.role === 'member' && p.response === 'confirmed')!;
    await sp.goto(`${baseUrl}/ky-hop/18100`);
    const panel = sp.getByTestId('member-votes');
    await field(panel, 'Cơ quan').click();
    await sp
      .getByRole('option', { name: /^Hội đồng nhân dân/ })
      .first()
      .click();
    await field(panel, 'Thành viên').fill(delegate.fullName);
    await sp
      .getByRole('option', { name: new RegExp(`^${delegate.fullName}`) })
      .first()
      .click();
    const row = panel.getByTestId('member-vote-row').filter({ hasText: 'Quy chế làm việc' });
    await row.waitFor();
    expect(await row.textContent()).toContain(detail.title);
    expect(await row.getByTestId('member-vote-choice').textContent()).toMatch(
      /^(Tán thành|Không tán thành|Không biểu quyết)$/,
    );
    // The secret ballot (the chair's election) is never listed against a member.
    expect(await panel.getByTestId('member-vote-row').filter({ hasText: 'Bầu' }).count()).toBe(0);
    await panel.scrollIntoViewIfNeeded();
    await shoot(sp, '05-member-votes');
  });

  it('sets a [U] rule of the council, shows the refusal naming the rule, and resets it to the default', async () => {
    await sp.goto(`${baseUrl}/ky-hop/18100`);
    await sp
      .getByTestId('body-settings')
      .getByRole('button', { name: /^Hội đồng nhân dân/ })
      .first()
      .click();
    // Everything in the council's open panel (the other bodies' panels, each with the same fields, may be mounted).
    const panel = sp.getByTestId('body-settings').getByRole('region', { name: /^Hội đồng nhân dân/ });
    const rule = panel.getByTestId('rule-quorum');
    await rule.waitFor();
    const save = panel.getByTestId('body-save');
    // Laws [C] are not editable: the council's strict rules have no editor.
    expect(await panel.getByTestId('rule-strictPass').count()).toBe(0);
    const quorumRow = () =>
      panel
        .getByTestId('rules-table')
        .getByRole('row', { name: /túc số/ })
        .textContent();
    expect(await quorumRow()).toContain('ít nhất 2/3');
    // 4/3 is no fraction of the members: the server refuses it, naming the rule.
    await rule.getByLabel(/tử số/).fill('4');
    await save.click();
    await rule
      .getByRole('alert')
      .filter({ hasText: /1 ≤ n ≤ d/ })
      .waitFor();
    await shoot(sp, '08-rule-refused');
    await field(rule, /túc số/).click();
    await sp.getByRole('option', { name: /^quá/ }).click();
    await rule.getByLabel(/tử số/).fill('1');
    await rule.getByLabel(/mẫu số/).fill('2');
    await save.click();
    await expect.poll(quorumRow).toContain('quá 1/2');
    await shoot(sp, '09-rule-set');
    await rule.getByTestId('rule-quorum-reset').click();
    await save.click();
    await expect.poll(quorumRow).toContain('ít nhất 2/3');
  });

  it('archives the rehearsal data after a confirmation and lists it again on request, marked', async () => {
    await sp.goto(`${baseUrl}/ky-hop/18100`);
    await sp.getByTestId('meetings-table').waitFor();
    const rehearsalRows = sp.getByTestId('meeting-row').filter({ has: sp.getByTestId('row-rehearsal') });
    expect(await rehearsalRows.count()).toBe(1);
    await sp.getByTestId('archive-rehearsals').click();
    const dialog = sp.getByRole('dialog', { name: 'Lưu trữ dữ liệu diễn tập của xã' });
    await dialog.getByText(/Không thể hoàn tác/).waitFor();
    await shoot(sp, '06-archive-confirm');
    await dialog.getByTestId('archive-confirm').click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await sp.getByTestId('archive-done').textContent()).toBe('Đã lưu trữ 1 kỳ họp diễn tập.');
    await expect.poll(() => rehearsalRows.count()).toBe(0);
    expect(await sp.getByTestId('meeting-row').count()).toBeGreaterThan(0);
    await sp.getByTestId('filter-archived').click();
    await expect.poll(() => rehearsalRows.count()).toBe(1);
    await rehearsalRows.getByTestId('row-archived').waitFor();
    expect(sp.url()).toContain('luu-tru=1');
    await shoot(sp, '07-archived-list');
  });
});
