import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { systemContext } from '../../db/transaction';
import { seedDemoOrg } from '../../seed/demo-org';
import { countAuditEntries } from '../audit/service';
import { documentNumberSeries } from '../numbering/schema';
import { pdfText } from './pdf-text';

type Person = { id: string; fullName: string } | null;
type Announcement = {
  id: string;
  version: number;
  status: string;
  number: string | null;
  issuedOn: string | null;
  supersededById: string | null;
  items: { areaCode: string; label: string; inCharge: Person; deputy: Person }[];
  signer: { fullName: string; title: string } | null;
};
type Official = { id: string; fullName: string; positions: { title: string }[] };

describe.each(ENGINES)('task assignment on %s', (engine) => {
  let t: TestApp;
  let leader: Record<string, string>;
  let officials: Official[];
  const req = (
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ) => t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const byTitle = (title: string) => officials.find((o) => o.positions.some((p) => p.title === title))!;

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    await seedDemoOrg(systemContext(t.database.db, 'test seed'));
    leader = await loginAs(t.app, 'lanhdao.tranphu');
    officials = json<{ items: Official[] }>(
      await req('GET', '/api/v1/communes/18100/officials?limit=200', leader),
    ).items;
  });
  afterAll(() => t?.close());

  it('seeds the trial communes once: officials with former units, an issued announcement for Trần Phú', async () => {
    expect(officials.length).toBeGreaterThanOrEqual(8);
    const current = json<Announcement>(
      await req('GET', '/api/v1/communes/18100/assignments/current', leader),
    );
    expect(current).toMatchObject({ status: 'issued', number: '05/TB-UBND', issuedOn: '2025-06-20' });
    expect(current.signer?.title).toBe('CHỦ TỊCH');
    const again = await seedDemoOrg(systemContext(t.database.db, 'test seed'));
    expect(again.created).toBe(0);
    const xa = json<{ items: Official[] }>(
      await req('GET', '/api/v1/communes/18496/officials?limit=200', await loginAs(t.app, 'admin')),
    );
    expect(xa.items.length).toBeGreaterThanOrEqual(8);
  });

  it('answers 404 with a clear message when a commune has issued nothing', async () => {
    const admin = await loginAs(t.app, 'admin');
    const res = await req('GET', '/api/v1/communes/18073/assignments/current', {
      ...admin,
      'accept-language': 'en',
    });
    expect(res.statusCode).toBe(404);
    expect(json<{ detail: string }>(res).detail).toBe(
      'Commune 18073 has not issued any task assignment announcement yet.',
    );
  });

  it('drafts, edits, issues; the new one becomes current and the old one superseded; issued ones are frozen', async () => {
    const before = json<Announcement>(await req('GET', '/api/v1/communes/18100/assignments/current', leader));
    const auditBefore = await countAuditEntries(t.database.db, 'org_announcement');
    const created = await req('POST', '/api/v1/communes/18100/assignments', leader, {});
    expect(created.statusCode).toBe(201);
    const draft = json<Announcement>(created);
    expect(draft).toMatchObject({ status: 'draft', version: before.version + 1, number: null });
    expect(draft.items.map((i) => i.areaCode)).toEqual(before.items.map((i) => i.areaCode)); // copied from the current one

    const justice = byTitle('Công chức tư pháp - hộ tịch');
    const office = byTitle('Chánh Văn phòng');
    const items = [
      ...draft.items
        .filter((i) => i.areaCode !== 'tu_phap_ho_tich')
        .map((i) => ({
          areaCode: i.areaCode,
          inChargeId: i.inCharge?.id ?? null,
          deputyId: i.deputy?.id ?? null,
        })),
      {
        areaCode: 'tu_phap_ho_tich',
        inChargeId: office.id,
        deputyId: justice.id,
        duties: 'Hộ tịch, chứng thực',
      },
      { areaCode: 'ho_kinh_doanh', label: 'Đăng ký hộ kinh doanh', inChargeId: justice.id, deputyId: null },
    ];
    const edited = await req('PATCH', `/api/v1/assignments/${draft.id}`, leader, {
      items,
      title: 'Phân công nhiệm vụ (điều chỉnh)',
    });
    expect(edited.statusCode).toBe(200);
    const same = await req('PATCH', `/api/v1/assignments/${draft.id}`, leader, {
      items: [{ areaCode: 'x1', label: 'Thử', inChargeId: office.id, deputyId: office.id }],
    });
    expect(same.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(same).errors[0]!.field).toBe('body.items.0.deputyId');

    const chair = byTitle('Chủ tịch UBND');
    const badNumber = await req('POST', `/api/v1/assignments/${draft.id}/issue`, leader, {
      number: '6/TB-UBND',
      issuedOn: '2025-07-15',
      signerId: chair.id,
    });
    expect(badNumber.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(badNumber).errors[0]!.field).toBe('body.number');
    const usedNumber = await req('POST', `/api/v1/assignments/${draft.id}/issue`, leader, {
      number: '05/TB-UBND',
      issuedOn: '2025-07-15',
      signerId: chair.id,
    });
    expect(usedNumber.statusCode).toBe(400);
    const tooEarly = await req('POST', `/api/v1/assignments/${draft.id}/issue`, leader, {
      number: '12/TB-UBND',
      issuedOn: '2025-06-01',
      signerId: chair.id,
    });
    expect(json<{ errors: { field: string }[] }>(tooEarly).errors[0]!.field).toBe('body.issuedOn');

    const issued = await req('POST', `/api/v1/assignments/${draft.id}/issue`, leader, {
      number: '12/TB-UBND',
      issuedOn: '2025-07-15',
      signerId: chair.id,
    });
    expect(issued.statusCode).toBe(200);
    expect(json<Announcement>(issued)).toMatchObject({
      status: 'issued',
      number: '12/TB-UBND',
      signer: { fullName: chair.fullName, title: 'CHỦ TỊCH' },
    });
    const current = json<Announcement>(
      await req('GET', '/api/v1/communes/18100/assignments/current', leader),
    );
    expect(current.id).toBe(draft.id);
    const old = json<Announcement>(await req('GET', `/api/v1/assignments/${before.id}`, leader));
    expect(old).toMatchObject({ status: 'superseded', supersededById: draft.id });
    expect(
      (await req('PATCH', `/api/v1/assignments/${draft.id}`, leader, { title: 'Sửa sau khi ban hành' }))
        .statusCode,
    ).toBe(409);
    expect(
      (
        await req('POST', `/api/v1/assignments/${draft.id}/issue`, leader, {
          number: '13/TB-UBND',
          issuedOn: '2025-07-16',
          signerId: chair.id,
        })
      ).statusCode,
    ).toBe(409);

    // Renaming an official does not change what an issued announcement says.
    await req('PATCH', `/api/v1/officials/${justice.id}`, leader, { fullName: 'Tên Mới Hoàn Toàn' });
    const frozen = json<Announcement>(await req('GET', `/api/v1/assignments/${draft.id}`, leader));
    expect(frozen.items.find((i) => i.areaCode === 'ho_kinh_doanh')!.inCharge!.fullName).toBe(
      justice.fullName,
    );
    await req('PATCH', `/api/v1/officials/${justice.id}`, leader, { fullName: justice.fullName });

    const history = json<{ items: Announcement[] }>(
      await req('GET', '/api/v1/communes/18100/assignments', leader),
    );
    expect(history.items.map((a) => a.status)).toEqual(['issued', 'superseded']);
    expect(history.items.filter((a) => a.status === 'issued')).toHaveLength(1);
    expect(await countAuditEntries(t.database.db, 'org_announcement')).toBe(auditBefore + 4); // create, update, supersede, issue
  });

  it('answers who handles a field, by code or by name without diacritics, from the current announcement', async () => {
    const byCode = json<{ announcement: { number: string }; matches: Announcement['items'] }>(
      await req('GET', '/api/v1/communes/18100/who-handles?field=tu_phap_ho_tich', leader),
    );
    expect(byCode.announcement.number).toBe('12/TB-UBND');
    expect(byCode.matches).toHaveLength(1);
    expect(byCode.matches[0]!.inCharge!.id).toBe(byTitle('Chánh Văn phòng').id);
    const byName = json<{ matches: Announcement['items'] }>(
      await req('GET', '/api/v1/communes/18100/who-handles?field=ho%20tich', leader),
    );
    expect(byName.matches.map((m) => m.areaCode)).toContain('tu_phap_ho_tich');
    const specialist = await loginAs(t.app, 'chuyenvien.tranphu');
    expect(
      (await req('GET', '/api/v1/communes/18100/who-handles?field=dia%20chinh', specialist)).statusCode,
    ).toBe(200);
  });

  it('shows the workload of each official: areas in charge and as deputy, with counters', async () => {
    const res = json<{
      items: {
        official: { id: string };
        inCharge: { areaCode: string }[];
        deputy: { areaCode: string }[];
        counters: { key: string; value: number }[];
      }[];
    }>(await req('GET', '/api/v1/communes/18100/workload?limit=200', leader));
    const office = res.items.find((i) => i.official.id === byTitle('Chánh Văn phòng').id)!;
    expect(office.inCharge.map((a) => a.areaCode)).toContain('tu_phap_ho_tich');
    expect(office.counters.find((c) => c.key === 'areas_in_charge')!.value).toBe(office.inCharge.length);
    const justice = res.items.find((i) => i.official.id === byTitle('Công chức tư pháp - hộ tịch').id)!;
    expect(justice.deputy.map((a) => a.areaCode)).toContain('tu_phap_ho_tich');
  });

  it('prints the announcement as a PDF in the state format, drafts watermarked', async () => {
    const current = json<Announcement>(
      await req('GET', '/api/v1/communes/18100/assignments/current', leader),
    );
    const res = await req('GET', `/api/v1/assignments/${current.id}/pdf`, leader);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(res.rawPayload);
    for (const s of [
      'ỦY BAN NHÂN DÂN',
      'PHƯỜNG TRẦN PHÚ',
      'Số: 12/TB-UBND',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Trần Phú, ngày 15 tháng 7 năm 2025',
      'THÔNG BÁO',
      'Nơi nhận:',
      'Tư pháp - hộ tịch',
      'CHỦ TỊCH',
    ]) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain('DỰ THẢO');
    const draft = json<Announcement>(await req('POST', '/api/v1/communes/18100/assignments', leader, {}));
    const draftPdf = pdfText((await req('GET', `/api/v1/assignments/${draft.id}/pdf`, leader)).rawPayload);
    expect(draftPdf).toContain('DỰ THẢO');
  });

  it("keeps another commune's announcements out of reach", async () => {
    const foreign = await loginAs(t.app, 'lanhdao.songtri');
    const current = json<Announcement>(
      await req('GET', '/api/v1/communes/18100/assignments/current', leader),
    );
    expect((await req('GET', '/api/v1/communes/18100/assignments/current', foreign)).statusCode).toBe(403);
    expect((await req('GET', '/api/v1/communes/18100/who-handles?field=ho%20tich', foreign)).statusCode).toBe(
      403,
    );
    expect((await req('GET', `/api/v1/assignments/${current.id}`, foreign)).statusCode).toBe(404);
    expect((await req('GET', `/api/v1/assignments/${current.id}/pdf`, foreign)).statusCode).toBe(404);
    expect(
      (await req('PATCH', `/api/v1/assignments/${current.id}`, foreign, { title: 'Không được' })).statusCode,
    ).toBe(404);
    const own = json<Announcement>(await req('GET', '/api/v1/communes/18754/assignments/current', foreign));
    expect(own.number).toBe('05/TB-UBND');
  });

  it('numbers an announcement from the UBND TB series when the number is left empty; a typed number moves the series', async () => {
    const chair = byTitle('Chủ tịch UBND');
    const next = async (issuedOn: string) =>
      json<{ number: string; seq: number; year: number }>(
        await req('GET', `/api/v1/communes/18100/assignments/next-number?issuedOn=${issuedOn}`, leader),
      );
    const draft = async () =>
      json<Announcement>(await req('POST', '/api/v1/communes/18100/assignments', leader, {})).id;
    const issue = (id: string, body: object) =>
      req('POST', `/api/v1/assignments/${id}/issue`, leader, { signerId: chair.id, ...body });

    // 12/TB-UBND was typed earlier in this file: the series follows it.
    expect(await next('2025-07-20')).toEqual({ year: 2025, seq: 13, number: '13/TB-UBND' });
    const first = await draft();
    // A refused issue takes no number.
    const refused = await issue(first, {
      issuedOn: '2025-07-20',
      signerId: '00000000-0000-7000-8000-000000000000',
    });
    expect(refused.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(refused).errors.map((e) => e.field)).toEqual([
      'body.signerId',
    ]);
    expect((await next('2025-07-20')).number).toBe('13/TB-UBND');
    const taken = await issue(first, { issuedOn: '2025-07-20' });
    expect(taken.statusCode).toBe(200);
    expect(json<Announcement>(taken)).toMatchObject({ status: 'issued', number: '13/TB-UBND' });
    expect((await next('2025-07-21')).number).toBe('14/TB-UBND');

    // A number already given on paper: checked as before, and the series moves past it.
    const second = await draft();
    const short = await issue(second, { issuedOn: '2025-07-21', number: '7' });
    expect(json<{ errors: { field: string }[] }>(short).errors[0]!.field).toBe('body.number');
    expect((await issue(second, { issuedOn: '2025-07-21', number: '13/TB-UBND' })).statusCode).toBe(400);
    expect((await issue(second, { issuedOn: '2025-07-21', number: '20/TB-UBND' })).statusCode).toBe(200);
    expect((await next('2025-07-22')).number).toBe('21/TB-UBND');
    const third = await draft();
    const empty = await issue(third, { issuedOn: '2025-07-22', number: '  ' });
    expect(json<Announcement>(empty).number).toBe('21/TB-UBND');

    // Each year starts again at 01.
    expect(await next('2026-01-05')).toEqual({ year: 2026, seq: 1, number: '01/TB-UBND' });
    const fourth = await draft();
    expect(json<Announcement>(await issue(fourth, { issuedOn: '2026-01-05' })).number).toBe('01/TB-UBND');

    // Announcements typed before the series existed are not numbered twice.
    const foreign = await loginAs(t.app, 'lanhdao.songtri');
    await t.database.db.delete(documentNumberSeries).where(eq(documentNumberSeries.communeCode, '18754'));
    const nextThere = await req(
      'GET',
      '/api/v1/communes/18754/assignments/next-number?issuedOn=2025-08-01',
      foreign,
    );
    expect(json<{ number: string }>(nextThere).number).toBe('06/TB-UBND');
    const there = json<Announcement>(await req('POST', '/api/v1/communes/18754/assignments', foreign, {})).id;
    const theirChair = json<{ items: Official[] }>(
      await req('GET', '/api/v1/communes/18754/officials?limit=200', foreign),
    ).items.find((o) => o.positions.some((p) => p.title === 'Chủ tịch UBND'))!;
    const issuedThere = await req('POST', `/api/v1/assignments/${there}/issue`, foreign, {
      issuedOn: '2025-08-01',
      signerId: theirChair.id,
    });
    expect(json<Announcement>(issuedThere).number).toBe('06/TB-UBND');
    // Another commune's suggestion is out of reach; a bad date names the field.
    expect((await req('GET', '/api/v1/communes/18100/assignments/next-number', foreign)).statusCode).toBe(
      403,
    );
    const badDate = await req(
      'GET',
      '/api/v1/communes/18100/assignments/next-number?issuedOn=2025-13-01',
      leader,
    );
    expect(badDate.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(badDate).errors[0]!.field).toBe('query.issuedOn');
  });
});
