/** A work queue exported to Excel: the same dossiers as the list, within the caller's communes only. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';

describe.each(ENGINES)('queue export on %s', (engine) => {
  let t: TestApp;
  let leader: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    leader = await loginAs(t.app, 'lanhdao.tranphu');
  });
  afterAll(() => t?.close());

  const sheet = async (query: string, headers = leader) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/export.xlsx?${query}`, headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Hồ sơ')!;
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    return rows;
  };
  const listed = async (query: string, headers = leader) =>
    json<{ items: { code: string }[] }>(
      await t.app.inject({ method: 'GET', url: `/api/v1/dossiers?limit=200&${query}`, headers }),
    ).items.map((i) => i.code);

  it('holds the same dossiers as the queue, with the columns an officer needs', async () => {
    const rows = await sheet('queue=overdue&communeCode=18100');
    expect(rows[0]).toEqual([
      'Mã hồ sơ',
      'Người nộp',
      'Thủ tục',
      'Trạng thái',
      'Mã trạng thái',
      'Xã có thẩm quyền',
      'Nơi tiếp nhận',
      'Ngày tiếp nhận',
      'Hẹn trả kết quả',
      'Tình trạng hạn',
      'Diễn tập', // mock dossiers of a trial day are marked, never passed off as official
    ]);
    const codes = rows.slice(1).map((r) => r[0]);
    expect(codes.length).toBeGreaterThan(0); // the demo data has overdue dossiers
    expect(codes.sort()).toEqual((await listed('queue=overdue&communeCode=18100')).sort());
    expect(rows.slice(1).every((r) => r[9] === 'Quá hạn')).toBe(true);
    expect(rows[1]![7]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
  });

  it("leaves out other communes' dossiers, and names a bad filter", async () => {
    const foreign = await loginAs(t.app, 'lanhdao.songtri');
    const theirs = (await sheet('', foreign)).slice(1);
    expect(theirs.length).toBeGreaterThan(0);
    // Their own dossiers, and what their centre received for Trần Phú (phi địa giới) — nothing else of Trần Phú.
    expect(theirs.every((r) => r[5] === '18754' || r[6] === '18754')).toBe(true);
    expect(theirs.some((r) => r[5] === '18100')).toBe(true);
    // Naming a commune they have no rights in is refused, as a commune in the URL is.
    const refused = await t.app.inject({
      method: 'GET',
      url: '/api/v1/dossiers/export.xlsx?communeCode=18100&receivedFrom=2000-01-01',
      headers: foreign,
    });
    expect(refused.statusCode).toBe(403);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/dossiers/export.xlsx?receivedFrom=2026-13-01',
      headers: leader,
    });
    expect(bad.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(bad).errors[0]!.field).toBe('query.receivedFrom');
  });
});
