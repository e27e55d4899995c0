/**
 * Chuyển xã có thẩm quyền: a dossier received for the wrong commune is closed there (national status 8) and
 * carried on at the competent commune as a new dossier, with the scans, a code of its own and a new clock; the
 * citizen's look-up of the old code names the new one, found with the same phone.
 */
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { procedureByCode, receiveDossier, type TestProcedure } from '../../../../tests/support/dossiers';
import { countAuditEntries } from '../audit/service';

type View = {
  id: string;
  code: string;
  communeCode: string;
  receivingCommuneCode: string;
  status: string;
  nationalStatusCode: number;
  version: number;
  dueDate: string | null;
  transferredFrom: { id: string; code: string } | null;
  continuedAs: { id: string; code: string } | null;
  history: { action: string; note: string | null }[];
};

function pdf(): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.text('ban quet');
    doc.end();
  });
}

describe.each(ENGINES)('transfer to the competent commune on %s', (engine) => {
  let t: TestApp;
  let officer: Record<string, string>; // motcua.tranphu (18100)
  let other: Record<string, string>; // motcua.songtri (18754)
  let procedure: TestProcedure;
  const phone = '0912777001';

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    officer = await loginAs(t.app, 'motcua.tranphu');
    other = await loginAs(t.app, 'motcua.songtri');
    procedure = await procedureByCode(t.database.db, '1.001193');
  });
  afterAll(() => t?.close());

  const receive = () =>
    receiveDossier(t.app, officer, procedure, {
      fullName: 'Đinh Văn Chuyển',
      idNumber: '042077000111',
      phone,
      address: 'Sông Trí, Hà Tĩnh',
    });
  const view = async (id: string, headers: Record<string, string>) =>
    t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers });
  const transfer = (id: string, payload: object) =>
    t.app.inject({ method: 'POST', url: `/api/v1/dossiers/${id}/actions`, headers: officer, payload });

  it('closes the dossier here and carries it on at the competent commune with its scans', async () => {
    const d = await receive();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await pdf())], { type: 'application/pdf' }), 'cccd.pdf');
    const upload = await fetchInject(`/api/v1/dossiers/${d.id}/attachments`, form);
    expect(upload).toBe(201);
    const audits = await countAuditEntries(t.database.db, 'dossier');

    const res = await transfer(d.id, {
      action: 'transfer',
      version: 1,
      toCommuneCode: '18754',
      reason: 'Người nộp thường trú tại phường Sông Trí.',
    });
    expect(res.statusCode).toBe(200);
    const old = json<View>(res);
    expect(old).toMatchObject({ status: 'transferred', nationalStatusCode: 8, communeCode: '18100' });
    expect(old.continuedAs?.code).toMatch(/^000\.00\.18100\.H42-\d{6}-\d{4}$/); // code of the receiving centre
    expect(await countAuditEntries(t.database.db, 'dossier')).toBe(audits + 2); // the transfer and the new receipt

    // The competent commune sees it as received, with the hand-over in its history and the scan.
    const fresh = await view(old.continuedAs!.id, other);
    expect(fresh.statusCode).toBe(200);
    const carried = json<View>(fresh);
    expect(carried).toMatchObject({
      communeCode: '18754',
      receivingCommuneCode: '18100',
      status: 'received',
      transferredFrom: { id: d.id, code: d.code },
    });
    expect(carried.dueDate).not.toBeNull();
    expect(carried.history[0]!.note).toContain(d.code);
    const scans = await t.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers/${carried.id}/attachments`,
      headers: other,
    });
    expect(json<{ items: { fileName: string }[] }>(scans).items.map((a) => a.fileName)).toEqual(['cccd.pdf']);
    // The old dossier stays with the commune that received it; the new one is not its business to process.
    expect((await view(d.id, other)).statusCode).toBe(404);

    // The citizen's look-up of the old code names the new one, which the same phone opens.
    const look = async (code: string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/public/dossiers/${encodeURIComponent(code)}?verifier=${phone}`,
      });
    expect(json<{ transferredTo: { code: string } | null }>(await look(d.code)).transferredTo).toEqual({
      code: carried.code,
    });
    expect(json<{ statusLabel: { vi: string } }>(await look(carried.code)).statusLabel.vi).toBe(
      'Đã tiếp nhận',
    );
  });

  it('lets the centre that received a dossier for another commune follow it, acting left to the competent one', async () => {
    const { id } = await receiveDossier(
      t.app,
      officer,
      procedure,
      { fullName: 'Lê Thị Phi', idNumber: '042077000222', phone, address: 'Sông Trí, Hà Tĩnh' },
      { receiving: '18100', competent: '18754' },
    );
    const seenHere = await view(id, officer);
    expect(seenHere.statusCode).toBe(200);
    expect(json<{ nextActions: string[] }>(seenHere).nextActions).toEqual([]);
    expect(json<{ nextActions: string[] }>(await view(id, other)).nextActions).toContain('assign');
  });

  it('refuses a transfer to the same commune or outside the province, writing nothing', async () => {
    const d = await receive();
    const same = await transfer(d.id, {
      action: 'transfer',
      version: 1,
      toCommuneCode: '18100',
      reason: 'x',
    });
    expect(same.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(same).errors[0]!.field).toBe('body.toCommuneCode');
    const hanoi = await transfer(d.id, {
      action: 'transfer',
      version: 1,
      toCommuneCode: '00004',
      reason: 'x',
    });
    expect(hanoi.statusCode).toBe(400);
    expect(json<View>(await view(d.id, officer))).toMatchObject({ status: 'received', version: 1 });
  });

  async function fetchInject(url: string, form: FormData) {
    const req = new Request('http://x', { method: 'POST', body: form });
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: { ...officer, 'content-type': req.headers.get('content-type')! },
      payload: Buffer.from(await req.arrayBuffer()),
    });
    return res.statusCode;
  }
});
