import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { countAuditEntries } from '../audit/service';

type Report = {
  valid: boolean;
  imported: boolean;
  rows: number;
  officialsCreated: number;
  officialsExisting: number;
  positionsCreated: number;
  errors: { row: number; column: string; field: string; message: { vi: string; en: string } }[];
};
type Official = {
  fullName: string;
  phone: string | null;
  formerUnit: { code: string } | null;
  formerDistrictName: string | null;
  positions: { title: string; bodyName: string }[];
};

const HEADINGS = [
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Điện thoại',
  'Email',
  'Đơn vị cũ',
  'Chức vụ',
  'Cơ quan',
  'Ngày bắt đầu',
];
const CSV = [
  HEADINGS.join(','),
  'Nhập Khẩu Văn Một,05/03/1982,Nam,0912 000 111,,Phường Đồng Môn,Phó Chủ tịch UBND,UBND,01/07/2025',
  'Nhập Khẩu Thị Hai,1/12/1990,Nữ,,hai@example.com,Hộ Độ,Công chức tư pháp - hộ tịch,Văn phòng HĐND và UBND,01/07/2025',
  'Nhập Khẩu Văn Một,05/03/1982,Nam,,,,Ủy viên Ban Thường vụ Đảng ủy,Ban Thường vụ Đảng ủy,01/07/2025',
  'Nhập Khẩu Văn Ba,20/10/1975,Nam,,,Thành phố Hà Tĩnh,,,',
  ',,,,,,,,',
].join('\r\n');

async function xlsx(rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(['DANH SÁCH CÁN BỘ, CÔNG CHỨC PHƯỜNG TRẦN PHÚ']); // a title row above the headings, as HR offices do
  ws.addRow(HEADINGS);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe.each(ENGINES)('staff list import on %s', (engine) => {
  let t: TestApp;
  let leader: Record<string, string>;
  const post = (payload: object, headers = leader) =>
    t.app.inject({ method: 'POST', url: '/api/v1/communes/18100/officials/import', headers, payload });
  const find = async (q: string) =>
    json<{ items: Official[] }>(
      await t.app.inject({
        url: `/api/v1/communes/18100/officials?q=${encodeURIComponent(q)}`,
        headers: leader,
      }),
    ).items;

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    leader = await loginAs(t.app, 'lanhdao.tranphu');
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/communes/18100/activate',
      headers: leader,
      payload: {},
    });
  });
  afterAll(() => t?.close());

  it('checks a CSV in a dry run without importing anything', async () => {
    const res = await post({
      filename: 'danh-sach.csv',
      contentBase64: Buffer.from(`\uFEFF${CSV}`).toString('base64'),
      dryRun: true,
    });
    expect(res.statusCode).toBe(200);
    expect(json<Report>(res)).toMatchObject({
      valid: true,
      imported: false,
      rows: 4,
      officialsCreated: 3,
      positionsCreated: 3,
      errors: [],
    });
    expect(await find('nhap khau')).toHaveLength(0);
  });

  it('imports a CSV: one official per person, several positions, former units resolved; again changes nothing', async () => {
    const auditBefore = await countAuditEntries(t.database.db, 'org_official');
    const res = await post({ filename: 'danh-sach.csv', contentBase64: Buffer.from(CSV).toString('base64') });
    expect(res.statusCode).toBe(200);
    expect(json<Report>(res)).toMatchObject({
      valid: true,
      imported: true,
      officialsCreated: 3,
      positionsCreated: 3,
    });
    const people = await find('nhap khau');
    expect(people.map((p) => p.fullName).sort()).toEqual([
      'Nhập Khẩu Thị Hai',
      'Nhập Khẩu Văn Ba',
      'Nhập Khẩu Văn Một',
    ]);
    const mot = people.find((p) => p.fullName === 'Nhập Khẩu Văn Một')!;
    expect(mot).toMatchObject({ phone: '0912000111', formerUnit: { code: '18103' } });
    expect(mot.positions.map((p) => p.bodyName).sort()).toEqual([
      'Ban Thường vụ Đảng ủy',
      'Ủy ban nhân dân phường Trần Phú',
    ]);
    expect(people.find((p) => p.fullName === 'Nhập Khẩu Văn Ba')!.formerDistrictName).toBe(
      'Thành phố Hà Tĩnh',
    );
    expect(await countAuditEntries(t.database.db, 'org_official')).toBe(auditBefore + 3);
    expect(await countAuditEntries(t.database.db, 'org_import')).toBe(1);

    const again = json<Report>(
      await post({ filename: 'danh-sach.csv', contentBase64: Buffer.from(CSV).toString('base64') }),
    );
    expect(again).toMatchObject({
      imported: true,
      officialsCreated: 0,
      officialsExisting: 3,
      positionsCreated: 0,
    });
    expect(await find('nhap khau')).toHaveLength(3);
  });

  it('imports nothing from an XLSX with one bad row, and names the row and the column', async () => {
    const contentBase64 = await xlsx([
      [
        'Bảng Tính Văn Đúng',
        new Date(Date.UTC(1988, 3, 9)),
        'Nam',
        912345678,
        null,
        'Phường Thạch Hạ',
        'Giám đốc',
        'TTPVHCC',
        '01/07/2025',
      ],
      [
        'Bảng Tính Thị Sai',
        '31/02/1990',
        'X',
        '0123',
        null,
        'Thạch Trung',
        'Trưởng phòng',
        'Phòng Không Có',
        null,
      ],
    ]);
    const res = await post({ filename: 'ds.xlsx', contentBase64 }, { ...leader, 'accept-language': 'en' });
    expect(res.statusCode).toBe(400);
    const problem = json<{ code: string; errors: { field: string; message: string }[] }>(res);
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((e) => e.field)).toEqual(
      expect.arrayContaining(['file.rows.4.dateOfBirth', 'file.rows.4.gender', 'file.rows.4.phone']),
    );
    expect(problem.errors.find((e) => e.field === 'file.rows.4.dateOfBirth')!.message).toContain('Ngày sinh');
    expect(await find('bang tinh')).toHaveLength(0);

    const dry = json<Report>(await post({ filename: 'ds.xlsx', contentBase64, dryRun: true }));
    expect(dry.valid).toBe(false);
    expect(dry.errors.every((e) => e.row === 4)).toBe(true);
    expect(dry.errors.find((e) => e.field === 'dateOfBirth')).toMatchObject({
      column: 'Ngày sinh',
      message: { vi: expect.stringContaining('31/02/1990') },
    });

    const fixed = await xlsx([
      [
        'Bảng Tính Văn Đúng',
        new Date(Date.UTC(1988, 3, 9)),
        'Nam',
        912345678,
        null,
        'Phường Thạch Hạ',
        'Giám đốc',
        'TTPVHCC',
        '01/07/2025',
      ],
    ]);
    const ok = json<Report>(await post({ filename: 'ds.xlsx', contentBase64: fixed }));
    expect(ok).toMatchObject({ imported: true, officialsCreated: 1, positionsCreated: 1 });
    const [dung] = await find('bang tinh van dung');
    expect(dung).toMatchObject({
      phone: '0912345678',
      positions: [{ title: 'Giám đốc', bodyName: 'Trung tâm Phục vụ hành chính công' }],
    });
  });

  it('reports a missing column, a former unit of another commune and an unknown body', async () => {
    const noGender = `Họ và tên;Ngày sinh\nA B;01/01/1990`;
    const r1 = json<Report>(
      await post({
        filename: 'x.csv',
        contentBase64: Buffer.from(noGender).toString('base64'),
        dryRun: true,
      }),
    );
    expect(r1.errors).toEqual([expect.objectContaining({ row: 1, column: 'Giới tính', field: 'file' })]);
    const elsewhere = `${HEADINGS.join(',')}\nMơ Hồ Văn Tên,01/01/1990,Nam,,,Kỳ Châu,Trưởng phòng,Phòng Không Có,`;
    const r2 = json<Report>(
      await post({
        filename: 'x.csv',
        contentBase64: Buffer.from(elsewhere).toString('base64'),
        dryRun: true,
      }),
    );
    expect(r2.errors.map((e) => e.field).sort()).toEqual(['body', 'formerUnit']);
  });

  it('refuses other formats, files over 2 MB and other communes', async () => {
    expect((await post({ filename: 'x.pdf', contentBase64: 'JVBERi0=' })).statusCode).toBe(400);
    const big = Buffer.alloc(2 * 1024 * 1024 + 10, 0x41).toString('base64');
    expect((await post({ filename: 'x.csv', contentBase64: big })).statusCode).toBe(413);
    const foreign = await loginAs(t.app, 'lanhdao.songtri');
    expect(
      (await post({ filename: 'x.csv', contentBase64: Buffer.from(CSV).toString('base64') }, foreign))
        .statusCode,
    ).toBe(403);
  });
});
