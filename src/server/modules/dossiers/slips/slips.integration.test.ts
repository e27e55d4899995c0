import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { toBuffer as qrPng } from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../../tests/support/app';
import { ENGINES } from '../../../../../tests/support/database';
import { systemContext } from '../../../db/transaction';
import { countAuditEntries } from '../../audit/service';
import { listAccounts } from '../../auth/accounts';
import { pdfText } from '../../org/pdf-text';
import { listProcedures } from '../../procedures/service';
import { intakeDossier } from '../intake';
import { actOnDossier, type Caller } from '../service';
import { holderOf } from './data';
import { QR_OPTIONS } from './render';

type Intake = { id: string; code: string; dueDate: string };
type View = { id: string; version: number; status: string; slips: string[]; history: { action: string }[] };
type Proc = {
  id: string;
  code: string;
  name: string;
  timeLimit: { kind: string; days?: number };
  requiredDocuments: { name: string }[];
};

const PUBLIC_URL = 'https://dichvucong.tranphu.example.vn';
const vn = (local: string) => new Date(`${local}+07:00`);
const text = (res: { rawPayload: Buffer }) => pdfText(res.rawPayload).replace(/\s+/g, ' ');
/** The pixels pdfkit writes for a PNG: its image streams, inflated, leaving out uniform ones (an opaque mask). */
async function pdfPixelsOf(png: Buffer): Promise<Buffer[]> {
  const doc = new PDFDocument();
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.image(png, 0, 0, { width: 90 });
  doc.end();
  return inflatedStreams(await done).filter((b) => b.length > 1000 && b.some((x) => x !== b[0]));
}

/** Every stream of a PDF that inflates. */
function inflatedStreams(pdf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = pdf.indexOf('stream\n'); at >= 0; at = pdf.indexOf('stream\n', at + 1)) {
    const end = pdf.indexOf('\nendstream', at);
    try {
      out.push(inflateSync(pdf.subarray(at + 7, end)));
    } catch {
      // not deflated
    }
  }
  return out;
}

/** The text without any white space (a link may wrap at the end of a line). */
const compact = (s: string) => s.replace(/\s+/g, '');
const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;

describe.each(ENGINES)('the slips of a dossier on %s', (engine) => {
  let t: TestApp;
  let officer: Record<string, string>; // motcua.tranphu
  let specialist: Record<string, string>;
  let leader: Record<string, string>;
  let foreign: Record<string, string>; // motcua.songtri
  let inDays: Proc; // a limit of 3 working days
  let sameDay: Proc; // Đăng ký khai sinh
  let callers: Record<'officer' | 'specialist', Caller & { name: string }>;

  const applicant = (n: number) => ({
    fullName: 'Trần Thị Mai Anh',
    idNumber: `0421980${String(n).padStart(5, '0')}`,
    phone: `0913${String(n).padStart(6, '0')}`,
    address: 'Số 12, đường Nguyễn Du, phường Trần Phú, Hà Tĩnh',
  });
  const counterBody = (p: Proc, n: number, extra: object = {}) => ({
    procedureId: p.id,
    applicant: applicant(n),
    receivingCommuneCode: '18100',
    competentCommuneCode: '18100',
    channel: 'counter',
    checklist: p.requiredDocuments.map((_, index) => ({ index })),
    ...extra,
  });
  const intake = async (p: Proc, n: number) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: officer,
      payload: counterBody(p, n),
    });
    expect(res.statusCode, res.body).toBe(201);
    return json<Intake>(res);
  };
  const online = async (
    p: Proc,
    n: number,
    checklist = p.requiredDocuments.map((_, index) => ({ index })),
  ) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/dossiers',
      payload: { procedureId: p.id, applicant: applicant(n), competentCommuneCode: '18100', checklist },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { code } = json<{ code: string }>(res);
    const list = json<{ items: { id: string; code: string }[] }>(
      await get(`/api/v1/dossiers?q=${encodeURIComponent(code)}&limit=5`, officer),
    );
    return { code, id: list.items.find((d) => d.code === code)!.id };
  };
  const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });
  const slip = (id: string, kind: string, headers = officer) =>
    get(`/api/v1/dossiers/${id}/slips/${kind}.pdf`, headers);
  const act = async (id: string, headers: Record<string, string>, payload: object) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${id}/actions`,
      headers,
      payload,
    });
    expect(res.statusCode).toBe(200);
    return json<View>(res);
  };
  const view = async (id: string) => json<View>(await get(`/api/v1/dossiers/${id}`, officer));
  const caller = async (username: string) => {
    const a = (await listAccounts(t.database.db, { q: username, limit: 5 })).items.find(
      (x) => x.username === username,
    )!;
    return { accountId: a.id, grants: a.grants, name: a.displayName };
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true, env: { XASO_PUBLIC_URL: `${PUBLIC_URL}/` } });
    officer = await loginAs(t.app, 'motcua.tranphu');
    specialist = await loginAs(t.app, 'chuyenvien.tranphu');
    leader = await loginAs(t.app, 'lanhdao.tranphu');
    foreign = await loginAs(t.app, 'motcua.songtri');
    const all = (await listProcedures(t.database.db, {})) as unknown as Proc[];
    sameDay = all.find((p) => p.code === '1.001193')!;
    // Not one another agency receives (residence: the commune police; intake refuses those).
    inDays = all.find(
      (p) =>
        p.timeLimit.kind === 'working_days' &&
        p.timeLimit.days === 3 &&
        !(p as { outsideWorkflow?: unknown }).outsideWorkflow,
    )!;
    callers = { officer: await caller('motcua.tranphu'), specialist: await caller('chuyenvien.tranphu') };
  });
  afterAll(() => t?.close());

  it('prints the receipt (form 01): centre heading, place and date, the appointment with its hour, the officer who received', async () => {
    const d = await intake(inDays, 1);
    const res = await slip(d.id, 'receipt');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const s = text(res);
    const [y, m, day] = d.dueDate.split('-');
    for (const expected of [
      'ỦY BAN NHÂN DÂN PHƯỜNG TRẦN PHÚ',
      'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Phường Trần Phú, ngày',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      `Mã hồ sơ: ${d.code}`,
      'Trần Thị Mai Anh',
      'NGƯỜI NỘP HỒ SƠ',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      callers.officer.name,
    ]) {
      expect(s).toContain(expected);
    }
    expect(s).toMatch(
      new RegExp(
        `5\\. Thời gian trả kết quả giải quyết hồ sơ: \\d{2} giờ \\d{2} phút, ngày ${day} tháng ${m} năm ${y}`,
      ),
    );
    expect(s).toMatch(/4\. Thời gian nhận hồ sơ: \d{2} giờ \d{2} phút, ngày \d{2}\/\d{2}\/\d{4}/);
    expect(s).not.toContain('THỦ TRƯỞNG');
    expect(res.rawPayload.includes(Buffer.from('/Subtype /Image'))).toBe(true); // the QR code
    expect(pages(res.rawPayload)).toBe(1);
  });

  it('prints the configured public address on the slip, whatever Host or X-Forwarded-Host the request carries', async () => {
    const d = await intake(inDays, 2);
    const res = await slip(d.id, 'receipt', {
      ...officer,
      host: 'intranet-host:3000',
      'x-forwarded-host': 'phishing.example.com',
      'x-forwarded-proto': 'http',
    });
    expect(res.statusCode).toBe(200);
    const s = text(res);
    expect(compact(s)).toContain(`${PUBLIC_URL}/tra-cuu-ho-so?ma=${encodeURIComponent(d.code)}`);
    expect(s).not.toContain('phishing.example.com');
    expect(s).not.toContain('intranet-host');
    // The QR code is the one of the configured address (pdfkit embeds the PNG's image data as it is).
    const images = inflatedStreams(res.rawPayload);
    const printed = async (url: string) => {
      const qr = await qrPng(`${url}/tra-cuu-ho-so?ma=${encodeURIComponent(d.code)}`, QR_OPTIONS);
      const pixels = await pdfPixelsOf(qr);
      return pixels.length > 0 && pixels.every((p) => images.some((i) => i.equals(p)));
    };
    expect(await printed(PUBLIC_URL)).toBe(true);
    expect(await printed('http://phishing.example.com')).toBe(false);
    expect(await printed('http://intranet-host:3000')).toBe(false);
  });

  it('refuses a receipt for a dossier not yet received or refused at intake: 409 naming the state, in Vietnamese or English; nothing changes', async () => {
    const filed = await online(inDays, 3);
    const audit = await countAuditEntries(t.database.db, 'dossier');
    const res = await slip(filed.id, 'receipt');
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(json<{ detail: string }>(res).detail).toBe(
      'Không cấp giấy tiếp nhận hồ sơ và hẹn trả kết quả cho hồ sơ ở trạng thái "Mới đăng ký trực tuyến, chờ tiếp nhận".',
    );
    const en = await slip(filed.id, 'receipt', { ...officer, 'accept-language': 'en' });
    expect(json<{ detail: string }>(en).detail).toContain('Submitted online, awaiting intake');
    for (const kind of ['control', 'refusal', 'supplement', 'apology'])
      expect((await slip(filed.id, kind)).statusCode).toBe(409);
    expect((await view(filed.id)).slips).toEqual(['guidance']);

    await act(filed.id, officer, {
      action: 'refuse_intake',
      version: 1,
      reason: 'Hồ sơ không thuộc thẩm quyền',
    });
    const refused = await slip(filed.id, 'receipt');
    expect(refused.statusCode).toBe(409);
    expect(json<{ detail: string }>(refused).detail).toContain('"Từ chối tiếp nhận"');
    expect((await view(filed.id)).slips).toEqual(['refusal']);
    expect(await countAuditEntries(t.database.db, 'dossier')).toBe(audit + 1); // the refusal only
    expect((await view(filed.id)).version).toBe(2);
  });

  it('prints the refusal (form 03) signed by the centre director, with the reason', async () => {
    const filed = await online(inDays, 4);
    await act(filed.id, officer, {
      action: 'refuse_intake',
      version: 1,
      reason: 'Thủ tục không thuộc thẩm quyền của xã',
    });
    const res = await slip(filed.id, 'refusal');
    expect(res.statusCode).toBe(200);
    const s = text(res);
    const director = await holderOf(t.database.db, '18100', 'ttpvhcc', 'Giám đốc', '2099-01-01');
    for (const expected of [
      'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
      'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG',
      'Thủ tục không thuộc thẩm quyền của xã',
      'Trần Thị Mai Anh',
      filed.code,
      'GIÁM ĐỐC',
      'Phường Trần Phú, ngày',
    ]) {
      expect(s).toContain(expected);
    }
    expect(director).toBeTruthy();
    expect(s).toContain(director!);
    expect(s).not.toContain('THỦ TRƯỞNG');
  });

  it('prints the supplement request (form 02) with the items the processor asked for, only while it is open', async () => {
    const d = await intake(inDays, 5);
    expect((await slip(d.id, 'supplement')).statusCode).toBe(409);
    await act(d.id, officer, { action: 'assign', version: 1, assigneeId: callers.specialist.accountId });
    await act(d.id, specialist, { action: 'start_processing', version: 2 });
    const asked = await act(d.id, specialist, {
      action: 'request_supplement',
      version: 3,
      reason: 'Giấy tờ chưa rõ nét',
      items: ['Bản sao giấy khai sinh có chứng thực', 'Ảnh chụp CCCD mặt sau'],
    });
    expect(asked.slips).toEqual(['receipt', 'supplement', 'control']);
    const res = await slip(d.id, 'supplement');
    expect(res.statusCode).toBe(200);
    const s = text(res);
    for (const expected of [
      'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      `Mã hồ sơ: ${d.code}`,
      '1. Bản sao giấy khai sinh có chứng thực',
      '2. Ảnh chụp CCCD mặt sau',
      'Lý do: Giấy tờ chưa rõ nét',
      'NGƯỜI HƯỚNG DẪN',
      callers.specialist.name,
    ]) {
      expect(s).toContain(expected);
    }
    expect(compact(s)).toContain(`${PUBLIC_URL}/tra-cuu-ho-so?ma=${encodeURIComponent(d.code)}`);
    await act(d.id, officer, { action: 'supplement_received', version: 4 });
    expect((await slip(d.id, 'supplement')).statusCode).toBe(409);
  });

  it('prints the guidance for an online filing awaiting intake with what the officer asks to complete; 400 naming the field without it, 409 once received', async () => {
    const filed = await online(sameDay, 6);
    expect((await view(filed.id)).slips).toEqual(['guidance']);
    const url = `/api/v1/dossiers/${filed.id}/slips/guidance.pdf`;
    const items = ['Ảnh chụp giấy chứng sinh rõ nét hơn', 'Bản chụp mặt sau thẻ Căn cước'];
    const res = await get(`${url}?${items.map((i) => `items=${encodeURIComponent(i)}`).join('&')}`, officer);
    expect(res.statusCode, res.body).toBe(200);
    const s = text(res);
    for (const expected of [
      'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      `Mã hồ sơ: ${filed.code}`,
      `1. ${items[0]}`,
      `2. ${items[1]}`,
      'NGƯỜI HƯỚNG DẪN',
      callers.officer.name,
    ])
      expect(s).toContain(expected);
    expect(compact(s)).toContain(`${PUBLIC_URL}/tra-cuu-ho-so?ma=${encodeURIComponent(filed.code)}`);
    const none = await get(url, officer);
    expect(none.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(none).errors[0]!.field).toBe('query.items');
    expect((await get(`${url}?items=${'x'.repeat(301)}`, officer)).statusCode).toBe(400);
    await act(filed.id, officer, { action: 'receive', version: 1 });
    expect((await get(`${url}?items=abc`, officer)).statusCode).toBe(409);
  });

  it('prints the counter guidance slip before intake, listing exactly the missing documents and creating no dossier; bad input is a 400 naming the field', async () => {
    const docs = sameDay.requiredDocuments;
    const post = (payload: object, headers = officer) =>
      t.app.inject({ method: 'POST', url: '/api/v1/dossiers/guidance-slip.pdf', headers, payload });
    const audit = await countAuditEntries(t.database.db, 'dossier');
    const res = await post(counterBody(sameDay, 8, { checklist: [{ index: 0 }] }));
    expect(res.statusCode, res.body).toBe(200);
    const s = text(res);
    expect(s).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    docs.slice(1).forEach((d, i) => {
      expect(s).toContain(`${i + 1}. ${d.name}`);
    });
    expect(s).not.toContain(`${docs[0]!.name} (`);
    expect(s).not.toContain(`${docs.length}. `);
    expect(s).toContain(callers.officer.name);
    expect(s).toContain('Phường Trần Phú, ngày');
    expect((await post(counterBody(sameDay, 9))).statusCode).toBe(409);
    const bad = await post(counterBody(sameDay, 10, { applicant: { ...applicant(10), fullName: '' } }));
    expect(bad.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(bad).errors.map((e) => e.field)).toContain(
      'body.applicant.fullName',
    );
    expect((await post(counterBody(sameDay, 11, { checklist: [] }), foreign)).statusCode).toBe(403);
    expect(await countAuditEntries(t.database.db, 'dossier')).toBe(audit);
    const found = json<{ items: unknown[] }>(
      await get(`/api/v1/dossiers?q=${applicant(8).phone}&limit=5`, officer),
    );
    expect(found.items).toHaveLength(0);
  });

  it('prints the control slip (form 06) as the hand-over table: giver, receiver, time, on time or late', async () => {
    const ctx = systemContext(t.database.db, 'test');
    const d = await intakeDossier(ctx, callers.officer, counterBody(inDays, 12) as never, {
      now: vn('2026-03-02T09:00:00'),
    });
    expect(d.dueDate).toBe('2026-03-05');
    await actOnDossier(
      ctx,
      callers.officer,
      d.id,
      { action: 'assign', version: 1, assigneeId: callers.specialist.accountId },
      { now: vn('2026-03-02T10:30:00') },
    );
    await actOnDossier(
      ctx,
      callers.specialist,
      d.id,
      { action: 'start_processing', version: 2 },
      { now: vn('2026-03-03T08:00:00') },
    );
    await actOnDossier(
      ctx,
      callers.specialist,
      d.id,
      { action: 'submit_for_approval', version: 3 },
      { now: vn('2026-03-10T14:15:00') },
    );
    const res = await slip(d.id, 'control');
    expect(res.statusCode).toBe(200);
    const s = text(res);
    for (const expected of [
      'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
      'BÊN GIAO - BÊN NHẬN',
      'THỜI GIAN GIAO, NHẬN HỒ SƠ',
      'KẾT QUẢ (Trước hạn/ Đúng hạn/ Quá hạn)',
      'GHI CHÚ',
      `1. Giao: Người nộp hồ sơ — Trần Thị Mai Anh Nhận: Công chức Bộ phận một cửa — ${callers.officer.name}`,
      `2. Giao: Công chức Bộ phận một cửa — ${callers.officer.name} Nhận: Công chức chuyên môn — ${callers.specialist.name}`,
      `3. Giao: Công chức chuyên môn — ${callers.specialist.name} Nhận: Lãnh đạo UBND xã`,
      '10 giờ 30 phút, ngày 02/03/2026',
      '14 giờ 15 phút, ngày 10/03/2026',
      'Trước hạn',
      'Quá hạn',
      'Cơ quan giải quyết hồ sơ: Ủy ban nhân dân phường Trần Phú',
    ]) {
      expect(s).toContain(expected);
    }
    // Processing started in the specialist's own hands is not a hand-over.
    expect(s).not.toContain('Bắt đầu xử lý');
    expect((await slip(d.id, 'control', foreign)).statusCode).toBe(404);
  });

  it('runs a long control slip onto more pages, numbered from the second', async () => {
    const d = await intake(inDays, 13);
    let version = 1;
    await act(d.id, officer, {
      action: 'assign',
      version: version++,
      assigneeId: callers.specialist.accountId,
    });
    await act(d.id, specialist, { action: 'start_processing', version: version++ });
    for (let i = 0; i < 8; i += 1) {
      await act(d.id, specialist, { action: 'submit_for_approval', version: version++ });
      await act(d.id, leader, {
        action: 'send_back',
        version: version++,
        reason: `Bổ sung căn cứ pháp lý, lần ${i + 1}`,
      });
    }
    const res = await slip(d.id, 'control');
    expect(res.statusCode).toBe(200);
    expect(pages(res.rawPayload)).toBeGreaterThanOrEqual(2);
    // The leader who took each submission is named (the one who sent it back).
    const leaderName = (await caller('lanhdao.tranphu')).name;
    expect(text(res)).toContain(
      `Giao: Công chức chuyên môn — ${callers.specialist.name} Nhận: Lãnh đạo UBND xã — ${leaderName}`,
    );
    // The header row is repeated on the next page.
    expect(text(res).match(/BÊN GIAO - BÊN NHẬN/g)!.length).toBe(pages(res.rawPayload));
  });

  it('prints the apology (form 04) from the commune UBND, signed TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH, only once recorded', async () => {
    const d = await intake(inDays, 14);
    const none = await slip(d.id, 'apology');
    expect(none.statusCode).toBe(409);
    expect(json<{ detail: string }>(none).detail).toContain('phiếu xin lỗi');
    await act(d.id, officer, { action: 'assign', version: 1, assigneeId: callers.specialist.accountId });
    const recorded = await act(d.id, leader, {
      action: 'record_apology',
      version: 2,
      reason: 'Chờ xác minh của cơ quan khác',
      newDueDate: '2099-12-31',
    });
    expect(recorded.slips).toContain('apology');
    const res = await slip(d.id, 'apology');
    expect(res.statusCode).toBe(200);
    const s = text(res);
    const [y, m, day] = d.dueDate.split('-');
    const chair = await holderOf(t.database.db, '18100', 'ubnd', 'Chủ tịch UBND', '2099-01-01');
    for (const expected of [
      'ỦY BAN NHÂN DÂN PHƯỜNG TRẦN PHÚ',
      'Số: /UBND',
      'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ',
      'Chờ xác minh của cơ quan khác',
      'ngày 31 tháng 12 năm 2099',
      `ngày ${day} tháng ${m} năm ${y}`,
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
      'Nơi nhận:',
      'Phường Trần Phú, ngày',
    ]) {
      expect(s).toContain(expected);
    }
    expect(chair).toBeTruthy();
    expect(s).toContain(chair!);
    expect(s).not.toContain('THỦ TRƯỞNG');
  });
});
