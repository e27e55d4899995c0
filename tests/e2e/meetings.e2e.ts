/**
 * Browser journey of a People's Council session (kỳ họp thứ nhất HĐND, in rehearsal), on both engines: the council
 * secretary creates it, builds the agenda, adds the draft working regulations by article and sends the
 * invitations; a delegate confirms on their phone (390 px) and comments on an article; in session, the secretary
 * checks delegates in one short of the quorum and the vote is blocked, the delegate checks in on the phone and the
 * quorum is reached; the chair is elected by secret (paper) ballot; one resolution passes and another fails under
 * the all-delegates rule although most of those present voted for it; the hall screen (a second page, no account)
 * shows each result as it closes; the minutes are locked and their PDF text and DOCX read back.
 * Screenshots of each screen (secretary, member at 390 px, hall), when XASO_SCREENSHOTS names a directory:
 * meetings-*.png there.
 */
import JSZip from 'jszip';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { MeetingDetail } from '../../src/common/api/meetings';
import type { EngineKind } from '../../src/server/db/database';
import { pdfText } from '../../src/server/modules/org/pdf-text';
import { createTestApp, type TestApp } from '../support/app';
import {
  ensureWebBuild,
  launchChromium,
  openSession,
  pickOption,
  type Session,
  shoot,
  signInAs,
  WEB_DIR,
} from '../support/browser';

let browser: Browser;
let server: TestApp;
let baseUrl: string;
const contexts: BrowserContext[] = [];

const PAPER = [
  'QUY CHẾ LÀM VIỆC CỦA HỘI ĐỒNG NHÂN DÂN PHƯỜNG TRẦN PHÚ',
  'Điều 1. Phạm vi điều chỉnh',
  'Quy chế này quy định về chế độ làm việc của Hội đồng nhân dân phường.',
  'Điều 2. Nguyên tắc làm việc',
  '1. Hội đồng nhân dân làm việc theo chế độ hội nghị và quyết định theo đa số.',
  '2. Đại biểu tham dự đầy đủ các kỳ họp.',
  'Điều 3. Kỳ họp',
  'Hội đồng nhân dân họp thường lệ mỗi năm ít nhất hai kỳ.',
].join('\n');

/** Waits as long as a locator would (PGlite answers in a few hundred ms on a busy machine). */
const POLL = { timeout: 10_000 };
const todayVn = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const vnDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

const pages: [string, Page][] = [];
async function track(session: Session, name: string): Promise<Session> {
  contexts.push(session.context);
  pages.push([name, session.page]);
  return session;
}

async function docxText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml
    .replace(/<w:p[ >]/g, '\n$&')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&');
}

/** A Mantine select: open it by its label, then choose the option. */
async function choose(scope: Page | Locator, page: Page, label: string, option: string | RegExp) {
  await scope
    .getByRole('textbox', { name: label })
    .or(scope.getByRole('combobox', { name: label }))
    .first()
    .click();
  await page.getByRole('option', { name: option }).first().click();
}

beforeAll(async () => {
  await ensureWebBuild();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

// One engine for this long journey (about 90 s): the API under it runs on both engines in the meetings
// integration tests, and meetings-extras.e2e.ts drives the other screens on PGlite.
describe.each(['postgres'] as EngineKind[])('Kỳ họp thứ nhất HĐND (%s)', (kind) => {
  beforeAll(async () => {
    server = await createTestApp(kind, { demo: true, env: { XASO_WEB_DIR: WEB_DIR } });
    baseUrl = await server.app.listen({ port: 0, host: '127.0.0.1' });
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts.splice(0)) await c.close();
    await server?.close();
  });

  it('prepares, holds and records a first session with quorum, an election and two resolutions', async () => {
    const tag = kind === 'pglite' ? '' : '-pg';
    // What each page showed when a step failed.
    onTestFailed(async () => {
      for (const [name, page] of pages.splice(0)) await shoot(page, `failed-${name}${tag}`).catch(() => {});
    });
    // ——— 1. The secretary creates the session (rehearsal) ———
    const secretary = await track(
      await signInAs(browser, baseUrl, 'thuky.tranphu', { width: 1366 }),
      'secretary',
    );
    const sp = secretary.page;
    await sp.goto(`${baseUrl}/ky-hop/18100`);
    await sp
      .getByRole('navigation', { name: 'Công việc' })
      .getByRole('link', { name: 'Kỳ họp', exact: true })
      .waitFor();
    await sp.getByTestId('body-settings').waitFor();
    await sp.getByTestId('meeting-new').click();
    const form = sp.getByTestId('meeting-create');
    await choose(form, sp, 'Cơ quan họp', /^Hội đồng nhân dân/);
    await choose(form, sp, 'Loại kỳ họp', 'Kỳ họp thứ nhất');
    expect(await form.getByLabel('Tên kỳ họp').inputValue()).toMatch(/^Kỳ họp thứ nhất Hội đồng nhân dân/);
    await form.getByLabel('Ngày họp').fill(vnDate(todayVn()));
    await form.getByLabel('Giờ khai mạc').fill('07:30');
    await form.getByLabel('Địa điểm').fill('Hội trường UBND phường Trần Phú');
    // The session is chaired by the council's chair (Chủ tịch HĐND) until it elects the new one.
    const officials = (await (
      await sp.request.get(`${baseUrl}/api/v1/communes/18100/officials?status=active&limit=200`)
    ).json()) as {
      items: { fullName: string; positions: { title: string; current: boolean }[] }[];
    };
    const chair = officials.items.find((o) =>
      o.positions.some((p) => p.current && p.title === 'Chủ tịch HĐND'),
    )!;
    expect(chair).toBeDefined();
    await pickOption(sp, form.getByLabel('Chủ tọa', { exact: true }), chair.fullName);
    await form.getByRole('switch', { name: 'Diễn tập' }).check({ force: true });
    await shoot(sp, `01-secretary-create${tag}`);
    await form.getByRole('button', { name: 'Tạo kỳ họp' }).click();
    await sp.waitForURL(/\/hop\/[0-9a-f-]{36}/);
    const meetingId = new URL(sp.url()).pathname.split('/')[2]!;
    await sp.getByTestId('rehearsal-banner').waitFor();

    // ——— 2. Agenda: the election and two resolutions; the draft working regulations by article ———
    await sp.getByTestId('tab-agenda').click();
    const addItem = async (title: string, decision: string) => {
      const f = sp.getByTestId('agenda-add');
      await f.getByLabel('Tên nội dung').fill(title);
      await choose(f, sp, 'Hình thức', decision);
      await f.getByRole('button', { name: 'Thêm vào chương trình' }).click();
      await sp.getByTestId('agenda-table').getByText(title).waitFor();
    };
    await addItem('Bầu Chủ tịch Hội đồng nhân dân phường', 'Bầu cử');
    await addItem('Nghị quyết ban hành Quy chế làm việc của HĐND', 'Biểu quyết công khai');
    await addItem('Nghị quyết về chương trình giám sát năm 2027', 'Biểu quyết công khai');
    const paperForm = sp.getByTestId('paper-new');
    await paperForm.getByLabel('Tên tài liệu').fill('Dự thảo Quy chế làm việc của HĐND phường Trần Phú');
    await choose(paperForm, sp, 'Thuộc nội dung', /Quy chế làm việc/);
    await paperForm.getByRole('button', { name: 'Thêm tài liệu' }).click();
    const versionForm = sp.getByTestId('paper-version-form');
    await versionForm.getByLabel('Nội dung (theo Điều)').fill(PAPER);
    await versionForm.getByRole('button', { name: 'Lưu bản 1' }).click();
    await sp.getByTestId('paper').getByText('bản 1').waitFor();
    await shoot(sp, `02-secretary-agenda${tag}`);

    // ——— 3. Invitations: the council's members of the day (delegates and the standing committee) ———
    await sp.getByTestId('tab-info').click();
    await sp.getByTestId('send-invitations').click();
    await expect.poll(() => sp.getByTestId('participant-row').count(), POLL).toBeGreaterThan(10);
    await expect
      .poll(() => sp.getByTestId('meeting-status').first().textContent(), POLL)
      .toBe('Đã gửi giấy mời');
    await shoot(sp, `03-secretary-invitations${tag}`);

    // ——— 4. A delegate on their phone: confirms, reads the draft and comments on Điều 2 ———
    const member = await track(await signInAs(browser, baseUrl, 'daibieu.tranphu', { width: 390 }), 'member');
    const mp = member.page;
    await mp.setViewportSize({ width: 390, height: 844 });
    await mp.goto(`${baseUrl}/hop-cua-toi`);
    const mine = mp
      .getByTestId('my-meeting')
      .filter({ has: mp.locator(`a[href="/hop-cua-toi/${meetingId}"]`) });
    await mine.waitFor();
    expect(await mine.textContent()).toContain('DIỄN TẬP');
    await mine.getByTestId('confirm-attendance').click();
    await mine.getByText('Xác nhận dự họp', { exact: true }).last().waitFor();
    await shoot(mp, `04-member-my-meetings${tag}`);
    await mine.getByRole('link', { name: 'Xem chương trình và tài liệu' }).click();
    await mp.getByTestId('member-view').waitFor();
    await mp.getByTestId('paper-open').click();
    const article2 = mp.getByTestId('paper-article').filter({ hasText: 'Nguyên tắc làm việc' });
    await article2.getByRole('button', { name: 'Góp ý Điều 2' }).click();
    await article2.getByLabel('Góp ý Điều 2').fill('Đề nghị bổ sung nguyên tắc công khai, minh bạch.');
    await article2.getByRole('button', { name: 'Gửi góp ý' }).click();
    await article2.getByTestId('paper-comment').filter({ hasText: 'công khai, minh bạch' }).waitFor();
    expect(await mp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shoot(mp, `05-member-paper-comment${tag}`);

    // The secretary sees the comment on the article.
    await sp.getByTestId('tab-agenda').click();
    await sp.getByTestId('paper-open').click();
    const comment = sp.getByTestId('paper-comment').filter({ hasText: 'công khai, minh bạch' });
    await comment.waitFor();
    await comment.getByRole('button', { name: 'Trả lời góp ý' }).click();
    const answerDialog = sp.getByRole('dialog', { name: /Trả lời góp ý/ });
    await answerDialog.getByLabel('Nội dung trả lời').fill('Tiếp thu, bổ sung vào khoản 1 Điều 2.');
    await answerDialog.getByRole('button', { name: 'Gửi trả lời' }).click();
    await answerDialog.waitFor({ state: 'hidden' });
    await comment.getByText(/Tiếp thu, bổ sung vào khoản 1 Điều 2/).waitFor();

    // ——— 5. The hall screen on the projector (no account) ———
    const hall = await track(await openSession(browser, { width: 1920, height: 1080 }), 'hall');
    const hp = hall.page;
    await hp.goto(`${baseUrl}/hop/${meetingId}/man-hinh`);
    await hp.getByTestId('hall-title').filter({ hasText: 'Kỳ họp thứ nhất' }).waitFor();
    await hp.getByTestId('rehearsal-banner').waitFor();

    // ——— 6. In session: one short of the quorum, the vote is blocked ———
    await sp.getByTestId('tab-console').click();
    await sp.getByTestId('session-open').click();
    await sp.getByTestId('session-close').waitFor();
    const detail = async () =>
      (await (await sp.request.get(`${baseUrl}/api/v1/meetings/${meetingId}`)).json()) as MeetingDetail;
    /** A write as the secretary's page sends it (her session's cookie and CSRF token). */
    const { csrfToken } = (await (await sp.request.get(`${baseUrl}/api/v1/me`)).json()) as {
      csrfToken: string;
    };
    const write = async (url: string, data: unknown) => {
      const res = await sp.request.post(`${baseUrl}${url}`, { data, headers: { 'x-csrf-token': csrfToken } });
      expect(res.status(), await res.text()).toBeLessThan(300);
    };
    const d0 = await detail();
    const { members, required } = d0.quorum;
    const pass = Math.floor(members / 2) + 1; // a resolution: more than half of ALL delegates
    expect(required).toBeGreaterThan(pass);
    const memberRow = d0.participants.find(
      (p) => p.id !== undefined && p.role === 'member' && p.response === 'confirmed',
    );
    expect(memberRow).toBeDefined();
    const others = d0.participants.filter((p) => p.role === 'member' && p.id !== memberRow!.id);
    // The console's buttons check the last two in; the others go through the request those buttons send (a click
    // per delegate proves nothing more), and the console's count below shows them all.
    const arriving = others.slice(0, required - 1);
    for (const p of arriving.slice(0, -2)) {
      await write(`/api/v1/meetings/${meetingId}/attendance`, { participantId: p.id, action: 'check_in' });
    }
    for (const p of arriving.slice(-2)) {
      await sp.getByRole('button', { name: `Điểm danh ${p.fullName}` }).click();
      await sp
        .getByRole('button', { name: 'Rời phiên' })
        .and(sp.getByTestId(`leave-${p.id}`))
        .waitFor();
    }
    await expect
      .poll(() => sp.getByTestId('quorum-present').textContent(), POLL)
      .toContain(String(required - 1));
    expect(await sp.getByTestId('quorum-state').first().textContent()).toContain('CHƯA ĐỦ');
    const electionItem = sp.getByTestId('console-item').filter({ hasText: 'Bầu Chủ tịch' });
    expect(await electionItem.getByTestId('vote-open').isDisabled()).toBe(true);
    expect(await electionItem.getByTestId('vote-blocked').textContent()).toContain(
      `${required - 1}/${required}`,
    );
    await expect.poll(() => hp.getByTestId('hall-quorum-state').textContent(), POLL).toContain('CHƯA ĐỦ');
    await shoot(sp, `06-secretary-no-quorum${tag}`);
    await shoot(hp, `07-hall-no-quorum${tag}`);

    // The delegate checks in on the phone: quorum reached, on the console and in the hall.
    await mp.getByTestId('member-checkin').click();
    await mp.getByTestId('my-checkin').getByText('Đã điểm danh').waitFor();
    await expect.poll(() => hp.getByTestId('hall-present').textContent(), POLL).toBe(String(required));
    expect(await hp.getByTestId('hall-quorum-state').textContent()).toContain('ĐỦ TÚC SỐ');
    await expect
      .poll(() => sp.getByTestId('quorum-state').first().textContent(), POLL)
      .toContain('ĐỦ TÚC SỐ');
    await shoot(mp, `08-member-checked-in${tag}`);

    // ——— 7. The chair is elected by secret ballot (paper ballots tallied by the counting committee) ———
    await electionItem.getByTestId('item-start').click();
    const current = sp.getByTestId('current-item');
    await current.getByText('Bầu Chủ tịch').waitFor();
    // The speaker timer: the hall sees who speaks on the item.
    await current.getByLabel('hoặc tên khách mời').fill('Trần Văn Giới Thiệu');
    await current.getByRole('button', { name: 'Bắt đầu tính giờ' }).click();
    await current.getByTestId('speaker').filter({ hasText: 'Trần Văn Giới Thiệu' }).waitFor();
    await hp.getByTestId('hall-speaker').filter({ hasText: 'Trần Văn Giới Thiệu' }).waitFor();
    await hp.getByTestId('hall-item').getByText('Bầu Chủ tịch').waitFor();
    await shoot(hp, `08b-hall-speaker${tag}`);
    await current.getByRole('button', { name: 'Dừng' }).click();
    await current.getByText(/Đã phát biểu: Trần Văn Giới Thiệu/).waitFor();
    const candidate = others[0]!;
    await electionItem.getByText('Phiếu giấy', { exact: false }).click();
    await pickOption(sp, electionItem.getByLabel('Ứng cử viên', { exact: true }), candidate.fullName);
    await electionItem.getByLabel('Chức danh bầu').fill('Chủ tịch HĐND');
    await electionItem.getByRole('button', { name: 'Thêm ứng cử viên' }).click();
    await electionItem.getByTestId('vote-open').click();
    const tally = electionItem.getByTestId('paper-tally');
    await tally.waitFor();
    await tally.getByLabel(candidate.fullName).fill(String(required - 1));
    await tally.getByLabel('Phiếu không hợp lệ').fill('0');
    await tally.getByTestId('tally-save').click();
    await tally.getByText('Đã lưu kiểm phiếu').waitFor();
    await electionItem.getByTestId('vote-close').click();
    const electionResult = electionItem.getByTestId('vote-result');
    await electionResult.waitFor();
    expect(await electionResult.textContent()).toContain('Trúng cử');
    await expect.poll(() => hp.getByTestId('hall-outcome').textContent(), POLL).toBe('KẾT QUẢ BẦU CỬ');
    expect(await hp.getByTestId('hall-result').textContent()).toContain(candidate.fullName);
    await shoot(sp, `09-secretary-election${tag}`);
    await shoot(hp, `10-hall-election${tag}`);

    // ——— 8. Two resolutions by show of hands: the delegate votes on the phone, the secretary enters the rest ———
    const holdVote = async (title: string, forVotes: number) => {
      const item = sp.getByTestId('console-item').filter({ hasText: title });
      await item.getByTestId('item-start').click();
      await item.getByTestId('vote-open').click();
      await item.getByTestId('show-of-hands').waitFor();
      // The delegate's own vote, on their device.
      await mp.getByTestId('member-vote').getByTestId('ballot-for').click();
      await mp.getByTestId('ballot-done').waitFor();
      const present = (await detail()).participants.filter((p) => p.role === 'member' && p.present);
      const rest = present.filter((p) => p.id !== memberRow!.id);
      const choiceOf = (i: number) => (i < forVotes - 1 ? 'for' : 'against');
      // The secretary enters the first (for) and the last (against) hand on the console; the hands between go
      // through the request those buttons send (the result below counts them all).
      const votes = (await (
        await sp.request.get(`${baseUrl}/api/v1/meetings/${meetingId}/votes`)
      ).json()) as {
        items: { id: string; itemId: string; status: string }[];
      };
      const open = votes.items.find((v) => v.status === 'open')!;
      for (const [i, p] of rest.entries()) {
        if (i === 0 || i === rest.length - 1) continue;
        await write(`/api/v1/meeting-votes/${open.id}/ballots`, {
          officialId: p.officialId,
          choice: choiceOf(i),
        });
      }
      for (const i of [0, rest.length - 1]) {
        const p = rest[i]!;
        const choice = choiceOf(i) === 'for' ? 'Tán thành' : 'Không tán thành';
        await item.getByRole('button', { name: `${choice}: ${p.fullName}`, exact: true }).click();
        await expect.poll(() => item.getByTestId(`choice-${p.officialId}`).textContent(), POLL).toBe(choice);
      }
      await item.getByTestId('vote-close').click();
      const result = item.getByTestId('vote-result');
      await result.waitFor();
      return { item, result, present: present.length };
    };
    const first = await holdVote('Quy chế làm việc', pass);
    expect(await first.result.getByTestId('vote-outcome').textContent()).toBe('THÔNG QUA');
    await expect.poll(() => hp.getByTestId('hall-outcome').textContent(), POLL).toBe('THÔNG QUA');
    await shoot(hp, `11-hall-passed${tag}`);

    // Most of those present vote for it, but fewer than half of ALL delegates: not passed.
    const second = await holdVote('chương trình giám sát', pass - 1);
    expect(pass - 1).toBeGreaterThan(second.present / 2);
    expect(await second.result.getByTestId('vote-outcome').textContent()).toBe('KHÔNG THÔNG QUA');
    expect(await second.result.getByTestId('vote-counts').textContent()).toContain(`Tán thành ${pass - 1}`);
    await expect.poll(() => hp.getByTestId('hall-outcome').textContent(), POLL).toBe('KHÔNG THÔNG QUA');
    expect(await hp.getByTestId('hall-counts').textContent()).toContain(`Tán thành ${pass - 1}`);
    expect(await hp.getByTestId('hall-result').textContent()).toContain(String(members));
    await shoot(sp, `12-secretary-votes${tag}`);
    await shoot(hp, `13-hall-failed${tag}`);
    await shoot(mp, `14-member-results${tag}`);

    // ——— 9. Closing, the minutes locked, the PDF and DOCX read back ———
    sp.once('dialog', (dialog) => void dialog.accept());
    await sp.getByTestId('session-close').click();
    await expect.poll(() => sp.getByTestId('meeting-status').first().textContent(), POLL).toBe('Đã bế mạc');
    await sp.getByTestId('tab-after').click();
    // The resolution that passed, issued: a rehearsal never takes an official number.
    const docForm = sp.getByTestId('document-new');
    await choose(docForm, sp, 'Theo kết quả biểu quyết', /Quy chế làm việc/);
    await docForm
      .getByLabel('Trích yếu')
      .fill('Ban hành Quy chế làm việc của Hội đồng nhân dân phường Trần Phú');
    await docForm.getByRole('button', { name: 'Lưu dự thảo' }).click();
    const doc = sp.getByTestId('meeting-document').filter({ hasText: 'Ban hành Quy chế làm việc' });
    await doc.getByTestId('document-issue').click();
    await doc.getByText('Đã ban hành').waitFor();
    expect(await doc.getByTestId('document-number').textContent()).toBe('DIỄN TẬP');
    const minutes = sp.getByTestId('minutes');
    await minutes.waitFor();
    await minutes.getByLabel('Khai mạc').fill('Chủ tọa tuyên bố lý do, giới thiệu đại biểu tham dự.');
    await minutes.getByTestId('minutes-save').click();
    await expect
      .poll(() => minutes.getByTestId('minutes-preview').textContent(), POLL)
      .toContain('giới thiệu đại biểu tham dự');
    await minutes.getByLabel(/Chủ tọa đã duyệt/).check();
    await minutes.getByTestId('minutes-lock').click();
    await expect.poll(() => minutes.getByTestId('minutes-status').textContent(), POLL).toBe('Đã khóa');
    await shoot(sp, `15-secretary-minutes${tag}`);

    const pdf = await sp.request.get(`${baseUrl}/api/v1/meetings/${meetingId}/minutes/pdf`);
    expect(pdf.status()).toBe(200);
    const text = pdfText(await pdf.body()).replace(/\s+/g, ' ');
    expect(text).toContain('BIÊN BẢN');
    expect(text).toContain('DIỄN TẬP');
    expect(text).toContain('giới thiệu đại biểu tham dự');
    expect(text).toContain(candidate.fullName);
    const docx = await sp.request.get(`${baseUrl}/api/v1/meetings/${meetingId}/minutes/docx`);
    expect(docx.status()).toBe(200);
    const words = (await docxText(Buffer.from(await docx.body()))).replace(/\s+/g, ' ');
    expect(words).toContain('BIÊN BẢN');
    expect(words).toContain('DIỄN TẬP');
    expect(words).toContain('Quy chế làm việc');

    // ——— 10. A province officer reads the commune's meetings, without a button that would act ———
    const province = await track(
      await signInAs(browser, baseUrl, 'tinh.hatinh', { width: 1366 }),
      'province',
    );
    const pp = province.page;
    await pp.goto(`${baseUrl}/ky-hop/18100`);
    await pp.getByTestId('meetings-readonly').waitFor();
    await pp.getByTestId('meeting-row').filter({ hasText: 'Kỳ họp thứ nhất' }).first().waitFor();
    expect(await pp.getByTestId('meeting-new').count()).toBe(0);
    await shoot(pp, `16-province-list${tag}`);
    await pp.goto(`${baseUrl}/hop/${meetingId}?tab=dieu-hanh`);
    await pp.getByTestId('meeting-readonly').waitFor();
    await pp.getByTestId('vote-result').first().waitFor();
    expect(await pp.getByTestId('vote-close').count()).toBe(0);
    expect(await pp.getByRole('button', { name: /^Điểm danh / }).count()).toBe(0);
    await shoot(pp, `17-province-meeting${tag}`);

    expect([...secretary.errors, ...member.errors, ...hall.errors, ...province.errors]).toEqual([]);
  }, 240_000);
});
