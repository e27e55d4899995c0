/**
 * The applicant's own scans of an online submission: by code + phone (or ID number), while the dossier awaits
 * intake; not digitised, no official as uploader; a wrong pair answers like an unknown code.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { listAuditEntries } from '../audit/service';
import { listProcedures } from '../procedures/service';
import { dossiers } from './schema';

type Problem = { status: number; code: string; detail: string; errors?: { field: string }[] };
type Attachment = {
  id: string;
  fileName: string;
  contentType: string;
  documentIndex: number | null;
  digitised: boolean;
  uploadedBy?: string | null;
  dossierId?: string;
};

/** The smallest file that is a PDF by its content. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe.each(ENGINES)('applicant uploads of an online submission on %s', (engine) => {
  let t: TestApp;
  let officer: Record<string, string>;
  let procedureId: string;
  let documents: number;
  let n = 0;

  const applicant = () => ({
    fullName: 'Hồ Thị Trực Tuyến',
    idNumber: `04219500${String(n).padStart(4, '0')}`,
    phone: `0978${String(n).padStart(6, '0')}`,
    address: 'Số 3, đường Nguyễn Du, phường Trần Phú, Hà Tĩnh',
  });

  /** Submits online and returns the code with the applicant's phone and ID number. */
  const submit = async () => {
    n += 1;
    const who = applicant();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/dossiers',
      payload: {
        procedureId,
        applicant: who,
        competentCommuneCode: '18100',
        checklist: Array.from({ length: documents }, (_, index) => ({ index })),
      },
    });
    expect(res.statusCode).toBe(201);
    return { code: json<{ code: string }>(res).code, phone: who.phone, idNumber: who.idNumber };
  };

  const upload = (code: string, verifier: string, file: { name: string; bytes: Buffer }, index?: string) => {
    const form = new FormData();
    if (index !== undefined) form.append('documentIndex', index);
    form.append('file', new Blob([new Uint8Array(file.bytes)]), file.name);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/public/dossiers/${encodeURIComponent(code)}/attachments?verifier=${encodeURIComponent(verifier)}`,
      payload: form,
    });
  };

  const idOf = async (code: string) => {
    const [row] = await t.database.db
      .select({ id: dossiers.id })
      .from(dossiers)
      .where(eq(dossiers.code, code));
    return row!.id;
  };

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    officer = await loginAs(t.app, 'motcua.tranphu');
    const proc = (
      (await listProcedures(t.database.db, {})) as unknown as {
        id: string;
        code: string;
        requiredDocuments: unknown[];
      }[]
    ).find((p) => p.code === '1.001193')!;
    procedureId = proc.id;
    documents = proc.requiredDocuments.length;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("takes the applicant's scan with the phone, not digitised, listed for the officials and audited", async () => {
    const d = await submit();
    // The phone as people write it, with spaces.
    const spaced = `${d.phone.slice(0, 4)} ${d.phone.slice(4, 7)} ${d.phone.slice(7)}`;
    const res = await upload(d.code, spaced, { name: 'Tờ khai.pdf', bytes: PDF }, '0');
    expect(res.statusCode).toBe(201);
    const added = json<Attachment>(res);
    expect(added).toMatchObject({
      fileName: 'Tờ khai.pdf',
      contentType: 'application/pdf',
      documentIndex: 0,
      digitised: false,
    });
    // The public answer carries no internal ids of the dossier or of officials.
    expect(added.dossierId).toBeUndefined();
    expect(added.uploadedBy).toBeUndefined();
    // The ID number is a verifier too.
    const byId = await upload(d.code, d.idNumber.toLowerCase(), { name: 'cccd.pdf', bytes: PDF });
    expect(byId.statusCode).toBe(201);

    const id = await idOf(d.code);
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers/${id}/attachments`,
      headers: officer,
    });
    expect(list.statusCode).toBe(200);
    const items = json<{ items: Attachment[] }>(list).items;
    expect(items.map((a) => [a.fileName, a.digitised, a.uploadedBy, a.documentIndex])).toEqual([
      ['Tờ khai.pdf', false, null, 0],
      ['cccd.pdf', false, null, null],
    ]);

    const entries = await listAuditEntries(t.database.db, {
      communeCodes: ['18100'],
      action: 'dossier.attachment_added',
      entityId: id,
      limit: 10,
    });
    expect(entries.items).toHaveLength(2);
    expect(entries.items[0]).toMatchObject({
      action: 'dossier.attachment_added',
      actorName: 'anonymous',
      entityType: 'dossier',
      after: { digitised: false, contentType: 'application/pdf' },
    });
  });

  it('answers a wrong verifier exactly like an unknown code', async () => {
    const d = await submit();
    const wrong = await upload(d.code, '0999999999', { name: 'x.pdf', bytes: PDF });
    const unknown = await upload('000.00.00.H00-250101-9999', d.phone, { name: 'x.pdf', bytes: PDF });
    expect(wrong.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    const strip = (p: Problem & { instance?: string }) => ({ ...p, instance: undefined });
    expect(strip(json<Problem>(wrong))).toEqual(strip(json<Problem>(unknown)));
    // Nothing was kept.
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers/${await idOf(d.code)}/attachments`,
      headers: officer,
    });
    expect(json<{ items: unknown[] }>(list).items).toEqual([]);
  });

  it('refuses a text file with a 400 naming the file field', async () => {
    const d = await submit();
    const res = await upload(d.code, d.phone, {
      name: 'giay-to.pdf',
      bytes: Buffer.from('Đây là văn bản, không phải bản quét.'),
    });
    expect(res.statusCode).toBe(400);
    const p = json<Problem>(res);
    expect(p.errors?.map((e) => e.field)).toEqual(['body.file']);
    expect(p.detail).toContain('PDF, JPEG hay PNG');
  });

  it('refuses uploads once the counter has received the dossier (409)', async () => {
    const d = await submit();
    const look = async () =>
      json<{ documents: { index: number; name: string }[] }>(
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/public/dossiers/${encodeURIComponent(d.code)}?verifier=${d.idNumber}`,
        }),
      );
    // While it awaits intake, the look-up names the documents the scans can stand for (the page offers the upload).
    const declared = (await look()).documents;
    expect(declared.map((x) => x.index)).toEqual(Array.from({ length: documents }, (_, i) => i));
    expect(declared[0]!.name).toContain('Tờ khai');
    expect((await upload(d.code, d.phone, { name: 'truoc.pdf', bytes: PDF })).statusCode).toBe(201);
    const received = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${await idOf(d.code)}/actions`,
      headers: officer,
      payload: { action: 'receive', version: 1 },
    });
    expect(received.statusCode).toBe(200);
    expect((await look()).documents).toEqual([]);
    const res = await upload(d.code, d.phone, { name: 'sau.pdf', bytes: PDF });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const p = json<Problem>(res);
    expect(p.code).toBe('conflict');
    expect(p.detail).toContain('đã được tiếp nhận');
    expect(p.detail).toContain(d.code);
  });
});
