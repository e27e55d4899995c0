/**
 * The slip buttons of the dossier page in Chromium: exactly the slips that fit the dossier's state, each opening
 * its PDF; the guidance slip of an online filing asks what to complete first.
 * Screenshots, when XASO_SCREENSHOTS names a directory: slips-*.png there.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listAccounts } from '../../src/server/modules/auth/accounts';
import { pdfText } from '../../src/server/modules/org/pdf-text';
import { listProcedures } from '../../src/server/modules/procedures/service';
import { createTestApp, json, loginAs, type TestApp } from '../support/app';
import { ensureWebBuild, launchChromium, type Session, shoot, signInAs, WEB_DIR } from '../support/browser';

let server: TestApp;
let browser: Browser;
let baseUrl: string;
let context: BrowserContext | undefined;

type Proc = {
  id: string;
  code: string;
  requiredDocuments: unknown[];
  timeLimit: { kind: string };
  outsideWorkflow?: unknown;
};
const applicant = (n: number) => ({
  fullName: 'Lê Thị Thu Hà',
  idNumber: `0421970${String(n).padStart(5, '0')}`,
  phone: `0914${String(n).padStart(6, '0')}`,
  address: 'Số 3, đường Phan Đình Phùng, phường Trần Phú, Hà Tĩnh',
});

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
  const session = await signInAs(browser, baseUrl, username);
  context = session.context;
  return session;
}

describe('slip buttons on the dossier page', () => {
  it('shows the slips that fit a dossier with an open supplement request, each opening its PDF', async () => {
    const app = server.app;
    const officer = await loginAs(app, 'motcua.tranphu');
    const specialist = await loginAs(app, 'chuyenvien.tranphu');
    const procedures = (await listProcedures(server.database.db, {})) as unknown as Proc[];
    const p = procedures.find((x) => x.timeLimit.kind === 'working_days' && !x.outsideWorkflow)!;
    const intake = await app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: officer,
      payload: {
        procedureId: p.id,
        applicant: applicant(1),
        receivingCommuneCode: '18100',
        competentCommuneCode: '18100',
        channel: 'counter',
        checklist: p.requiredDocuments.map((_, index) => ({ index })),
      },
    });
    const { id } = json<{ id: string }>(intake);
    const who = (await listAccounts(server.database.db, { q: 'chuyenvien.tranphu', limit: 5 })).items[0]!;
    const act = (headers: Record<string, string>, payload: object) =>
      app.inject({ method: 'POST', url: `/api/v1/dossiers/${id}/actions`, headers, payload });
    await act(officer, { action: 'assign', version: 1, assigneeId: who.id });
    await act(specialist, { action: 'start_processing', version: 2 });
    await act(specialist, {
      action: 'request_supplement',
      version: 3,
      reason: 'Thiếu giấy tờ',
      items: ['Bản sao sổ hộ khẩu có chứng thực'],
    });

    const { page, errors } = await signIn('motcua.tranphu');
    await page.goto(`${baseUrl}/ho-so/chi-tiet/${id}`);
    const links = page.getByTestId('slip-links');
    await links.getByRole('link').first().waitFor();
    expect(await links.getByRole('link').allTextContents()).toEqual([
      'Giấy tiếp nhận và hẹn trả kết quả',
      'Phiếu yêu cầu bổ sung, hoàn thiện',
      'Phiếu kiểm soát quá trình giải quyết',
    ]);
    const href = await links
      .getByRole('link', { name: 'Phiếu yêu cầu bổ sung, hoàn thiện' })
      .getAttribute('href');
    const pdf = await page.request.get(`${baseUrl}${href}`);
    expect(pdf.status()).toBe(200);
    const text = pdfText(await pdf.body()).replace(/\s+/g, ' ');
    expect(text).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(text).toContain('1. Bản sao sổ hộ khẩu có chứng thực');
    await shoot(page, 'dossier-page-slips');
    expect(errors).toEqual([]);
  });

  it('asks what to complete before printing the guidance slip of an online filing', async () => {
    const procedures = (await listProcedures(server.database.db, {})) as unknown as Proc[];
    const p = procedures.find((x) => x.code === '1.001193')!;
    const filed = await server.app.inject({
      method: 'POST',
      url: '/api/v1/public/dossiers',
      payload: {
        procedureId: p.id,
        applicant: applicant(2),
        competentCommuneCode: '18100',
        checklist: p.requiredDocuments.map((_, index) => ({ index })),
      },
    });
    const { code } = json<{ code: string }>(filed);
    const { page, errors } = await signIn('motcua.tranphu');
    const list = await page.request.get(`${baseUrl}/api/v1/dossiers?q=${encodeURIComponent(code)}`);
    const id = ((await list.json()) as { items: { id: string }[] }).items[0]!.id;
    await page.goto(`${baseUrl}/ho-so/chi-tiet/${id}`);
    const links = page.getByTestId('slip-links');
    await links.getByRole('button', { name: 'Phiếu hướng dẫn hoàn thiện hồ sơ' }).click();
    const dialog = page.getByRole('dialog', { name: 'Phiếu hướng dẫn hoàn thiện hồ sơ' });
    const print = dialog.getByRole('link', { name: 'In phiếu' });
    expect(await print.getAttribute('data-disabled')).toBe('true');
    await dialog
      .getByLabel('Nội dung cần bổ sung, hoàn thiện')
      .fill('Ảnh chụp giấy chứng sinh rõ nét\nBản chụp mặt sau CCCD');
    await shoot(page, 'dossier-page-guidance');
    const href = (await print.getAttribute('href')) ?? '';
    expect(href).toContain('items=');
    const pdf = await page.request.get(`${baseUrl}${href}`);
    expect(pdf.status()).toBe(200);
    const text = pdfText(await pdf.body()).replace(/\s+/g, ' ');
    expect(text).toContain('1. Ảnh chụp giấy chứng sinh rõ nét');
    expect(text).toContain('2. Bản chụp mặt sau CCCD');
    expect(errors).toEqual([]);
  });
});
