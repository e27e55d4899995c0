import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import type { CatalogueImportReport } from '../../../common/api/procedure-import';
import { countAuditEntries } from '../audit/service';
import { CATALOGUE } from './data/catalogue';

type Summary = {
  id: string;
  code: string;
  name: string;
  version: number;
  timeLimit: { kind: string; days?: number };
  requiredDocuments: unknown[];
};
type Problem = { status: number; code: string; errors: { field: string; message: string }[] };

/** A multipart/form-data body with one file, as the browser's FormData sends it. */
async function upload(bytes: Buffer, name: string) {
  const fd = new FormData();
  fd.append('file', new Blob([new Uint8Array(bytes)]), name);
  const req = new Request('http://localhost/', { method: 'POST', body: fd });
  return { payload: Buffer.from(await req.arrayBuffer()), type: req.headers.get('content-type')! };
}

/** The workbook with the cell under `heading` in the row of procedure `code` (sheet "Thủ tục") set to `value`. */
async function editXlsx(bytes: Buffer, code: string, heading: string, value: ExcelJS.CellValue) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Thủ tục')!;
  const headings = ws.getRow(1).values as ExcelJS.CellValue[];
  const col = headings.indexOf(heading);
  let rowNumber = 0;
  ws.eachRow((row, n) => {
    if (row.getCell(1).value === code) rowNumber = n;
  });
  if (col < 1 || !rowNumber) throw new Error(`no cell ${heading} for ${code}`);
  ws.getRow(rowNumber).getCell(col).value = value;
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), row: rowNumber };
}

describe.each(ENGINES)('catalogue import and export on %s', (engine) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let officer: Record<string, string>; // motcua.tranphu
  let target: Summary; // a procedure with a limit in working days

  const list = async () =>
    json<{ items: Summary[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/procedures' })).items;
  const exportXlsx = async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/procedures/export.xlsx' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    return res.rawPayload;
  };
  const importXlsx = async (bytes: Buffer, dryRun: boolean, headers = admin) => {
    const { payload, type } = await upload(bytes, 'thu-tuc.xlsx');
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/procedures/import?dryRun=${dryRun}`,
      headers: { ...headers, 'content-type': type },
      payload,
    });
  };
  const importJson = (payload: unknown, dryRun: boolean, headers = admin) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/procedures/import?dryRun=${dryRun}`,
      headers,
      payload: payload as object,
    });
  const versions = async () => Object.fromEntries((await list()).map((p) => [p.id, p.version]));

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    admin = await loginAs(t.app, 'admin');
    officer = await loginAs(t.app, 'motcua.tranphu');
    target = (await list()).find((p) => p.timeLimit.kind === 'working_days')!;
  });
  afterAll(() => t?.close());

  it('round trip: the exported XLSX and JSON import as "unchanged" for every procedure, writing nothing', async () => {
    const before = await countAuditEntries(t.database.db, 'procedure');
    const xlsx = json<CatalogueImportReport>(await importXlsx(await exportXlsx(), true));
    expect(xlsx).toMatchObject({ format: 'xlsx', valid: true, imported: false, created: [], updated: [] });
    expect(xlsx.errors).toEqual([]);
    expect(xlsx.unchanged).toHaveLength(CATALOGUE.length);

    const exported = json<unknown[]>(
      await t.app.inject({ method: 'GET', url: '/api/v1/procedures/export.json' }),
    );
    const res = await importJson(exported, false);
    expect(res.statusCode).toBe(200);
    expect(json<CatalogueImportReport>(res)).toMatchObject({ format: 'json', valid: true, imported: false });
    expect(json<CatalogueImportReport>(res).unchanged).toHaveLength(CATALOGUE.length);
    expect(await countAuditEntries(t.database.db, 'procedure')).toBe(before);
  });

  it('an edited time limit: the dry run shows the diff, the import makes version 2, a dossier keeps version 1', async () => {
    const intake = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: officer,
      payload: {
        procedureId: target.id,
        applicant: {
          fullName: 'Nguyễn Thị Hoà Bình',
          idNumber: '042098012345',
          phone: '0912000001',
          address: 'Số 5, đường Trần Phú, phường Trần Phú, Hà Tĩnh',
        },
        receivingCommuneCode: '18100',
        competentCommuneCode: '18100',
        channel: 'counter',
        checklist: target.requiredDocuments.map((_, index) => ({ index })),
      },
    });
    expect(intake.statusCode).toBe(201);
    const dossierId = json<{ id: string }>(intake).id;

    const days = target.timeLimit.days!;
    const { bytes } = await editXlsx(await exportXlsx(), target.code, 'Số ngày/giờ', days + 2);
    const plan = json<CatalogueImportReport>(await importXlsx(bytes, true));
    expect(plan).toMatchObject({ valid: true, imported: false, created: [] });
    expect(plan.updated).toEqual([
      expect.objectContaining({
        procedureId: target.id,
        fromVersion: 1,
        toVersion: 2,
        changes: [expect.objectContaining({ path: 'timeLimit.days', before: days, after: days + 2 })],
      }),
    ]);
    expect((await versions())[target.id]).toBe(1);

    const audits = await countAuditEntries(t.database.db, 'procedure');
    const done = await importXlsx(bytes, false);
    expect(done.statusCode).toBe(200);
    expect(json<CatalogueImportReport>(done)).toMatchObject({ imported: true, updated: [{ toVersion: 2 }] });
    expect(await countAuditEntries(t.database.db, 'procedure')).toBe(audits + 2); // the version, the import
    const detail = json<{
      version: number;
      timeLimit: { days: number };
      versions: { reason: string; changes: { path: string }[] }[];
    }>(await t.app.inject({ method: 'GET', url: `/api/v1/procedures/${target.id}` }));
    expect(detail).toMatchObject({ version: 2, timeLimit: { days: days + 2 } });
    expect(detail.versions.map((v) => v.changes.map((c) => c.path))).toEqual([[], ['timeLimit.days']]);
    expect(detail.versions[1]!.reason).toBe('Nhập từ tệp XLSX');

    const dossier = json<{ procedure: { id: string; version: number } }>(
      await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${dossierId}`, headers: officer }),
    );
    expect(dossier.procedure).toMatchObject({ id: target.id, version: 1 });
  });

  it('a bad row: 400 naming the sheet, row and field, and nothing written', async () => {
    const before = await versions();
    const audits = await countAuditEntries(t.database.db, 'procedure');
    const { bytes, row } = await editXlsx(await exportXlsx(), target.code, 'Số ngày/giờ', 0);
    const res = await importXlsx(bytes, false);
    expect(res.statusCode).toBe(400);
    const problem = json<Problem>(res);
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors).toEqual([
      { field: `file.Thủ tục.${row}.timeLimit.days`, message: expect.stringContaining(`dòng ${row}`) },
    ]);
    expect(problem.errors[0]!.message).toContain('Số ngày/giờ');

    const dry = json<CatalogueImportReport>(await importXlsx(bytes, true));
    expect(dry).toMatchObject({ valid: false, imported: false, updated: [] });
    expect(dry.errors).toEqual([
      expect.objectContaining({ sheet: 'Thủ tục', row, column: 'Số ngày/giờ', path: 'timeLimit.days' }),
    ]);

    const exported = json<Record<string, unknown>[]>(
      await t.app.inject({ method: 'GET', url: '/api/v1/procedures/export.json' }),
    );
    exported[3] = { ...exported[3], timeLimit: { kind: 'working_days', days: -1 } };
    exported[0] = { ...exported[0], name: `${exported[0]!.name} (sửa)` };
    const bad = await importJson(exported, false, { ...admin, 'accept-language': 'en' });
    expect(bad.statusCode).toBe(400);
    expect(json<Problem>(bad).errors.map((e) => e.field)).toEqual(['body.3.timeLimit.days']);

    expect(await versions()).toEqual(before);
    expect(await countAuditEntries(t.database.db, 'procedure')).toBe(audits);
  });

  it('creates a new procedure from the file, audited, as version 1', async () => {
    const exported = json<Record<string, unknown>[]>(
      await t.app.inject({ method: 'GET', url: '/api/v1/procedures/export.json' }),
    );
    const added = { ...exported[0]!, nationalCode: undefined, name: 'Xác nhận thử nghiệm nhập danh mục' };
    const audits = await countAuditEntries(t.database.db, 'procedure');
    const res = await importJson([...exported, added], false);
    expect(res.statusCode).toBe(200);
    const report = json<CatalogueImportReport>(res);
    expect(report.created).toEqual([
      expect.objectContaining({ code: 'xac-nhan-thu-nghiem-nhap-danh-muc', name: added.name }),
    ]);
    expect(report.unchanged).toHaveLength(exported.length);
    expect(await countAuditEntries(t.database.db, 'procedure')).toBe(audits + 2);
    expect((await list()).find((p) => p.name === added.name)).toMatchObject({ version: 1 });
  });

  it('refuses anyone but the administrator (403) and a file that is neither XLSX nor JSON (400)', async () => {
    const exported = json<unknown[]>(
      await t.app.inject({ method: 'GET', url: '/api/v1/procedures/export.json' }),
    );
    for (const username of ['lanhdao.tranphu', 'motcua.tranphu', 'tinh.hatinh']) {
      const headers = await loginAs(t.app, username);
      expect((await importJson(exported, true, headers)).statusCode).toBe(403);
      expect((await importXlsx(await exportXlsx(), false, headers)).statusCode).toBe(403);
    }
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/procedures/import', payload: [] })).statusCode,
    ).toBe(401);
    const { payload, type } = await upload(Buffer.from('Họ và tên;Ngày sinh'), 'danh-sach.csv');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/procedures/import',
      headers: { ...admin, 'content-type': type },
      payload,
    });
    expect(res.statusCode).toBe(400);
    expect(json<Problem>(res).errors[0]!.field).toBe('body.file');
  });
});
