import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestApp } from '../../../../../tests/support/app';
import { ENGINES } from '../../../../../tests/support/database';
import type { InflightImportReport } from '../../../../common/api/inflight';
import { withImportLock } from '../../../db/import-lock';

const HEAD = [
  'Mã hồ sơ cũ',
  'Đơn vị cũ',
  'Mã thủ tục',
  'Họ tên người nộp',
  'Số giấy tờ',
  'Điện thoại',
  'Địa chỉ',
  'Ngày tiếp nhận',
  'Ngày hẹn trả',
  'Tình trạng',
  'Người xử lý',
  'Ghi chú quá trình',
];

/** Local (UTC+7) date `days` from today, as dd/mm/yyyy. */
function vnDate(days: number): string {
  const d = new Date(Date.now() + 7 * 3600_000 + days * 86_400_000);
  const iso = d.toISOString().slice(0, 10);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}
const csv = (rows: string[][]) =>
  Buffer.from(rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c}"` : c)).join(',')).join('\n')).toString(
    'base64',
  );

describe.each(ENGINES)('in-flight dossiers import (%s)', (engine) => {
  let t: TestApp;
  let leader: Record<string, string>;
  let unit: string;
  let run = 0;
  /** Codes unique to each test (the tests share one database). */
  const code = (n: number) =>
    `000.22.35.H42-2506${String(10 + run).padStart(2, '0')}-${String(n).padStart(4, '0')}`;
  const row = (n: number, patch: Partial<Record<number, string>> = {}) => {
    const base = [
      code(n),
      unit,
      '1.001193',
      `Trần Thị Cúc ${n}`,
      `04219000${String(1000 + n)}`,
      '0912 345 678',
      'Tổ 3, phường Trần Phú',
      vnDate(-10),
      vnDate(10),
      'Đang xử lý',
      'chuyenvien.tranphu',
      'Đã thẩm tra, chờ xác minh',
    ];
    return base.map((c, i) => patch[i] ?? c);
  };
  const post = (rows: string[][], dryRun: boolean, headers = leader, commune = '18100') =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/communes/${commune}/campaign/inflight/import`,
      headers,
      payload: { filename: 'ho-so.csv', contentBase64: csv([HEAD, ...rows]), dryRun },
    });

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    leader = await loginAs(t.app, 'lanhdao.tranphu');
    const commune = (await t.app.inject({ method: 'GET', url: '/api/v1/communes/18100' })).json() as {
      formerUnits: { name: string }[];
    };
    unit = commune.formerUnits[0]?.name ?? 'Phường Bắc Hà';
  });
  afterAll(async () => t?.close());

  it('a dry run reports each row (ok, or the field and the reason in both languages) and writes nothing', async () => {
    run = 1;
    const res = await post(
      [
        row(1),
        row(2, { 9: 'Có kết quả', 10: '', 8: vnDate(-2) }),
        row(3, { 7: vnDate(1) }),
        row(4, { 0: 'AB CD' }),
        row(1),
        row(6, { 1: 'Huyện Không Có' }),
      ],
      true,
    );
    expect(res.statusCode).toBe(200);
    const report = res.json() as InflightImportReport;
    expect(report).toMatchObject({ dryRun: true, valid: false, imported: false, rows: 6, okRows: 2 });
    expect(report.items[0]).toMatchObject({ ok: true, status: 'in_processing', overdue: false });
    expect(report.items[0]!.remainingWorkingDays).toBeGreaterThan(4);
    expect(report.items[1]).toMatchObject({ ok: true, status: 'result_ready', overdue: true });
    const reasons = report.items.slice(2).map((i) => i.problems.map((p) => [p.field, p.message.en]));
    expect(reasons[0]).toEqual([['receivedOn', 'The date received is after today.']]);
    expect(reasons[1]).toEqual([['originalCode', 'The code may not contain spaces.']]);
    expect(reasons[2]).toEqual([['originalCode', 'The code repeats row 2.']]);
    expect(reasons[3]?.[0]?.[0]).toBe('formerUnit');
    expect(report.items[2]!.problems[0]!.message.vi).toBe('Ngày tiếp nhận sau ngày hôm nay.');
    // A bad row still shows what could be read beside its problems.
    expect(report.items[2]).toMatchObject({
      ok: false,
      procedureName: 'Đăng ký khai sinh',
      status: 'in_processing',
    });
    expect(report.items[2]!.importedFrom).toContain(unit);
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/communes/18100/campaign/inflight?q=${encodeURIComponent(code(1))}`,
      headers: leader,
    });
    expect(list.json()).toMatchObject({ total: 0 });
  });

  it('all or nothing: one bad row and nothing is written (400 naming row and column)', async () => {
    run = 2;
    const res = await post([row(1), row(2, { 8: vnDate(-20) })], false);
    expect(res.statusCode).toBe(400);
    const problem = res.json();
    expect(problem.errors[0].field).toBe('file.rows.3.dueDate');
    const look = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/dossiers/${code(1)}?verifier=0912345678`,
    });
    expect(look.statusCode).toBe(404);
  });

  it('imports keeping the codes and dates; the citizen finds it by the old code; it is worked like any other', async () => {
    run = 3;
    const res = await post(
      [row(1), row(2, { 9: 'Đã tiếp nhận', 10: '', 0: code(2).toLowerCase() }), row(3, { 9: 'Chờ bổ sung' })],
      false,
    );
    expect(res.statusCode).toBe(200);
    const report = res.json() as InflightImportReport;
    expect(report).toMatchObject({ valid: true, imported: true, okRows: 3 });
    const [first, second] = report.items;
    expect(first!.dossierId).toBeTruthy();

    // The public look-up by the old code (typed in lower case, with the phone as the verifier).
    const look = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/dossiers/${code(1).toLowerCase()}?verifier=0912345678`,
    });
    expect(look.statusCode).toBe(200);
    expect(look.json()).toMatchObject({ code: code(1), status: 'in_processing', dueDate: first!.dueDate });
    expect(look.json().receivedAt).toBeTruthy();
    expect(look.json().timeline[0].label.vi).toMatch(/đơn vị cũ/);

    // The dossier: original code, receipt and due date, history starting with the import, remaining days counted.
    const specialist = await loginAs(t.app, 'chuyenvien.tranphu');
    const got = await t.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers/${first!.dossierId}`,
      headers: specialist,
    });
    expect(got.statusCode).toBe(200);
    const d = got.json();
    expect(d.code).toBe(code(1));
    expect(d.dueDate).toBe(first!.dueDate);
    expect(d.receivedAt.slice(0, 10) <= first!.receivedOn!).toBe(true);
    expect(d.history[0]).toMatchObject({
      action: 'import',
      note: `Từ ${first!.importedFrom}. Đã thẩm tra, chờ xác minh`,
    });
    expect(first!.importedFrom).toContain(unit);
    expect(d.lateness.remainingWorkingDays).toBe(first!.remainingWorkingDays);
    expect(d.nextActions).toContain('request_supplement');

    // In the specialist's own queue; the received one waits for assignment at the centre.
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/v1/dossiers?communeCode=18100&queue=mine&limit=200',
      headers: specialist,
    });
    expect(mine.json().items.map((i: { code: string }) => i.code)).toContain(code(1));
    const officer = await loginAs(t.app, 'motcua.tranphu');
    const toAssign = await t.app.inject({
      method: 'GET',
      url: '/api/v1/dossiers?communeCode=18100&queue=to_assign&limit=200',
      headers: officer,
    });
    expect(toAssign.json().items.map((i: { code: string }) => i.code)).toContain(code(2));
    const act = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${first!.dossierId}/actions`,
      headers: specialist,
      payload: {
        action: 'request_payment',
        version: d.version,
        reason: 'Lệ phí',
      },
    });
    expect(act.statusCode).toBe(200);
    expect(second!.originalCode).toBe(code(2));

    // Imported again: every code exists already.
    const again = await post([row(1)], true);
    expect(again.json().items[0].problems[0].message.en).toBe('A dossier with this code exists already.');

    // Listed among the commune's imported dossiers, filterable.
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/communes/18100/campaign/inflight?q=${encodeURIComponent('tran thi cuc 3')}`,
      headers: leader,
    });
    expect(list.json()).toMatchObject({
      total: 1,
      items: [{ code: code(3), status: 'supplement_requested' }],
    });
  });

  it('reads XLSX too, and serves the template in both formats', async () => {
    run = 4;
    const tpl = await t.app.inject({
      method: 'GET',
      url: '/api/v1/communes/18100/campaign/inflight/template?format=xlsx',
      headers: leader,
    });
    expect(tpl.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    sheet.spliceRows(2, 1, row(1));
    const content = Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/communes/18100/campaign/inflight/import',
      headers: leader,
      payload: { filename: 'mau.xlsx', contentBase64: content, dryRun: true },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ format: 'xlsx', valid: true, rows: 1 });
    const csvTpl = await t.app.inject({
      method: 'GET',
      url: '/api/v1/communes/18100/campaign/inflight/template?format=csv',
      headers: leader,
    });
    expect(csvTpl.body).toContain('Mã hồ sơ cũ (*)');
  });

  it("another commune's leader gets 403; other roles of the commune too", async () => {
    run = 5;
    const songtri = await loginAs(t.app, 'lanhdao.songtri');
    expect((await post([row(1)], true, songtri)).statusCode).toBe(403);
    const officer = await loginAs(t.app, 'motcua.tranphu');
    expect((await post([row(1)], true, officer)).statusCode).toBe(403);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/communes/18100/campaign/inflight',
      headers: songtri,
    });
    expect(list.statusCode).toBe(403);
    const other = await loginAs(t.app, 'tinh.hatinh');
    expect((await post([row(1)], true, other, '18100')).statusCode).toBe(403);
  });

  it('a second import of the same commune while one runs gets 409 (the staff list shares the lock)', async () => {
    run = 6;
    let open!: () => void;
    const closed = new Promise<void>((resolve) => {
      open = resolve;
    });
    // An import of Trần Phú in progress (any kind: the lock is the commune's).
    const held = withImportLock(t.database.db, { commune: '18100' }, () => closed);
    const refused = await post([row(1)], true);
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.json().detail).toMatch(/18100/);
    // Another commune's import is not held up.
    const songtri = await loginAs(t.app, 'lanhdao.songtri');
    expect((await post([row(1)], true, songtri, '18754')).statusCode).toBe(200);
    open();
    await held;
    expect((await post([row(1)], true)).statusCode).toBe(200);
  });

  it('huge, NUL, wrong-type and unreadable inputs get 4xx, never 500', async () => {
    run = 7;
    const send = (payload: unknown) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/communes/18100/campaign/inflight/import',
        headers: leader,
        payload: payload as object,
      });
    const cases: [unknown, number][] = [
      [{ filename: 'a.csv', contentBase64: 'x'.repeat(3_000_000), dryRun: true }, 400],
      [{ filename: 'a.csv', contentBase64: 12, dryRun: true }, 400],
      [{ filename: 'a.csv', contentBase64: csv([HEAD, row(1)]), dryRun: 'yes' }, 400],
      [{ filename: 'a\u0000.csv', contentBase64: csv([HEAD, row(1)]), dryRun: true }, 400],
      [{ filename: 'a.pdf', contentBase64: csv([HEAD, row(1)]), dryRun: true }, 400],
      [{ filename: 'a.csv', contentBase64: '!!!not base64!!!', dryRun: true }, 400],
      [{ filename: 'a.xlsx', contentBase64: csv([HEAD, row(1)]), dryRun: true }, 400],
      [
        {
          filename: 'a.csv',
          contentBase64: Buffer.from([0xff, 0xfe, 0x00]).toString('base64'),
          dryRun: true,
        },
        400,
      ],
      [
        { filename: 'a.csv', contentBase64: Buffer.alloc(2_100_000, 65).toString('base64'), dryRun: true },
        413,
      ],
    ];
    for (const [payload, status] of cases) {
      const res = await send(payload);
      expect({ payload: JSON.stringify(payload).slice(0, 80), status: res.statusCode }).toEqual({
        payload: JSON.stringify(payload).slice(0, 80),
        status,
      });
    }
    // A NUL byte inside the file is a per-row problem, not a database error.
    const nul = await post([row(1, { 3: 'Trần\u0000Cúc' })], false);
    expect(nul.statusCode).toBe(400);
    expect(nul.json().errors[0].field).toBe('file.rows.2.applicantName');
    // No rows at all: a report with the file's problem; the real run refuses.
    const empty = await post([], true);
    expect(empty.json()).toMatchObject({ valid: false, fileProblems: [{ field: 'file' }] });
    expect((await post([], false)).statusCode).toBe(400);
    // Too many rows.
    const tooMany = await post(
      Array.from({ length: 2001 }, (_, i) => row(i + 1)),
      true,
    );
    expect(tooMany.statusCode).toBe(413);
    // A bad commune code in the URL.
    expect([400, 403, 404]).toContain((await post([row(1)], true, leader, '1810x')).statusCode);
  });
});
