import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, eq, isNotNull } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { listAuditEntries } from '../audit/service';
import { listProcedures } from '../procedures/service';
import { dossierAttachments, dossiers } from './schema';

type Proc = { id: string; code: string; requiredDocuments: unknown[] };
type Attachment = {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  documentIndex: number | null;
  digitised: boolean;
  uploadedAt: string;
};
type Problem = {
  status: number;
  code: string;
  detail: string;
  errors?: { field: string; message: string }[];
};

/** A one-page PDF made the way real ones are (pdfkit). */
function makePdf(line: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.text(line);
    doc.end();
  });
}
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A multipart/form-data body as a browser sends it (UTF-8 file names unescaped). */
function form(fields: Record<string, string>, file?: { name: string; bytes: Buffer; type?: string }) {
  const boundary = `----xaso${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe.each(ENGINES)('dossier attachments on %s', (engine) => {
  let t: TestApp;
  let dataDir: string;
  let officer: Record<string, string>; // motcua.tranphu
  let specialist: Record<string, string>; // chuyenvien.tranphu
  let foreignOfficer: Record<string, string>; // motcua.songtri
  let province: Record<string, string>; // tinh.hatinh
  let proc: Proc;
  let dossierId: string;
  let pdf: Buffer;
  let n = 0;

  const intake = async (headers: Record<string, string>, receivingCommuneCode = '18100') => {
    n += 1;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers,
      payload: {
        procedureId: proc.id,
        applicant: {
          fullName: 'Lê Văn Số Hoá',
          idNumber: `0420990${String(n).padStart(5, '0')}`,
          phone: `0913${String(n).padStart(6, '0')}`,
          address: 'Số 9, đường Phan Đình Phùng, phường Trần Phú, Hà Tĩnh',
        },
        receivingCommuneCode,
        competentCommuneCode: '18100',
        channel: 'counter',
        checklist: proc.requiredDocuments.map((_, index) => ({ index })),
      },
    });
    expect(res.statusCode).toBe(201);
    return json<{ id: string }>(res).id;
  };
  const upload = (
    id: string,
    headers: Record<string, string>,
    file: { name: string; bytes: Buffer; type?: string } | undefined,
    fields: Record<string, string> = {},
  ) => {
    const f = form(fields, file);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${id}/attachments`,
      headers: { ...headers, 'content-type': f.contentType },
      payload: f.payload,
    });
  };
  const list = (id: string, headers: Record<string, string>) =>
    t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/attachments`, headers });
  const download = (id: string, attachmentId: string, headers: Record<string, string>) =>
    t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/attachments/${attachmentId}`, headers });

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'xaso-attachments-'));
    t = await createTestApp(engine, { demo: true, env: { XASO_DATA_DIR: dataDir } });
    officer = await loginAs(t.app, 'motcua.tranphu');
    specialist = await loginAs(t.app, 'chuyenvien.tranphu');
    foreignOfficer = await loginAs(t.app, 'motcua.songtri');
    province = await loginAs(t.app, 'tinh.hatinh');
    proc = ((await listProcedures(t.database.db, {})) as unknown as Proc[]).find(
      (p) => p.code === '1.001193',
    )!;
    dossierId = await intake(officer);
    pdf = await makePdf('Tờ khai đăng ký khai sinh — bản quét');
  });
  afterAll(async () => {
    await t?.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('keeps a scanned PDF and a PNG with checksum, type from content, digitised, and gives the same bytes back', async () => {
    const a = await upload(
      dossierId,
      officer,
      { name: 'Tờ khai khai sinh.pdf', bytes: pdf },
      { documentIndex: '0' },
    );
    expect(a.statusCode).toBe(201);
    expect(json<Attachment>(a)).toMatchObject({
      fileName: 'Tờ khai khai sinh.pdf',
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: sha256(pdf),
      documentIndex: 0,
      digitised: true,
    });
    // The client's content type and extension are not believed: the PNG arrives as "octet-stream" named .jpg.
    const b = await upload(dossierId, specialist, {
      name: 'giay-chung-sinh.jpg',
      bytes: PNG,
      type: 'image/jpeg',
    });
    expect(b.statusCode).toBe(201);
    expect(json<Attachment>(b)).toMatchObject({
      fileName: 'giay-chung-sinh.jpg.png',
      contentType: 'image/png',
      documentIndex: null,
    });

    const items = json<{
      items: Attachment[];
      documents: { index: number; name: string }[];
      maxBytes: number;
    }>(await list(dossierId, specialist));
    expect(items.maxBytes).toBe(10 * 1024 * 1024);
    expect(items.documents.map((d) => d.index)).toEqual(proc.requiredDocuments.map((_, i) => i));
    expect(items.documents[0]!.name).toBe((proc.requiredDocuments[0] as { name: string }).name);
    expect(items.items.map((x) => [x.fileName, x.contentType, x.sizeBytes, x.sha256])).toEqual([
      ['Tờ khai khai sinh.pdf', 'application/pdf', pdf.length, sha256(pdf)],
      ['giay-chung-sinh.jpg.png', 'image/png', PNG.length, sha256(PNG)],
    ]);

    const got = await download(dossierId, items.items[0]!.id, province);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-disposition']).toBe(
      `inline; filename="to khai khai sinh.pdf"; filename*=UTF-8''${encodeURIComponent('Tờ khai khai sinh.pdf')}`,
    );
    expect(sha256(got.rawPayload)).toBe(sha256(pdf));
    const png = await download(dossierId, items.items[1]!.id, officer);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.equals(PNG)).toBe(true);
  });

  it('writes the audit entry of each upload in the dossier commune chain', async () => {
    const res = await upload(dossierId, officer, { name: 'cccd.png', bytes: PNG });
    const added = json<Attachment>(res);
    const entries = await listAuditEntries(t.database.db, {
      communeCodes: ['18100'],
      // The filter drops "_" (see listAuditEntries), so filter on the prefix and check the action below.
      action: 'dossier.attachment',
      entityId: dossierId,
      limit: 10,
    });
    expect(entries.items[0]).toMatchObject({
      action: 'dossier.attachment_added',
      actorName: 'motcua.tranphu',
      entityType: 'dossier',
      after: { attachmentId: added.id, sha256: sha256(PNG), digitised: true, contentType: 'image/png' },
    });
  });

  it('refuses a text file renamed .pdf, naming the field, and keeps nothing', async () => {
    const before = json<{ items: unknown[] }>(await list(dossierId, officer)).items.length;
    const res = await upload(dossierId, officer, {
      name: 'to-khai.pdf',
      bytes: Buffer.from('Đây là văn bản, không phải bản quét.'),
      type: 'application/pdf',
    });
    expect(res.statusCode).toBe(400);
    const p = json<Problem>(res);
    expect(p.errors?.map((e) => e.field)).toEqual(['body.file']);
    expect(p.detail).toContain('PDF, JPEG hay PNG');
    expect(json<{ items: unknown[] }>(await list(dossierId, officer)).items.length).toBe(before);
  });

  it('answers 413 for a file over 10 MB', async () => {
    const big = Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]);
    const res = await upload(dossierId, officer, { name: 'qua-lon.pdf', bytes: big });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(json<Problem>(res)).toMatchObject({ code: 'payload_too_large', errors: [{ field: 'body.file' }] });
  });

  it.each([
    ['99', 'body.documentIndex'],
    ['-1', 'body.documentIndex'],
    ['hai', 'body.documentIndex'],
  ])('refuses document index %s with a 400 naming %s', async (value, field) => {
    const res = await upload(dossierId, officer, { name: 'x.pdf', bytes: pdf }, { documentIndex: value });
    expect(res.statusCode).toBe(400);
    expect(json<Problem>(res).errors?.map((e) => e.field)).toEqual([field]);
  });

  it('refuses a form without a file, or with two', async () => {
    const none = await upload(dossierId, officer, undefined, { documentIndex: '0' });
    expect(json<Problem>(none).errors?.map((e) => e.field)).toEqual(['body.file']);
    const json400 = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${dossierId}/attachments`,
      headers: officer,
      payload: { file: 'x' },
    });
    expect(json400.statusCode).toBe(400);
    expect(json<Problem>(json400).errors?.map((e) => e.field)).toEqual(['body.file']);
  });

  it("hides another commune's dossier (404) and lets a reader who may not attach read only (403)", async () => {
    const [att] = json<{ items: Attachment[] }>(await list(dossierId, officer)).items;
    for (const res of [
      await upload(dossierId, foreignOfficer, { name: 'x.pdf', bytes: pdf }),
      await list(dossierId, foreignOfficer),
      await download(dossierId, att!.id, foreignOfficer),
    ])
      expect(res.statusCode).toBe(404);
    const byProvince = await upload(dossierId, province, { name: 'x.pdf', bytes: pdf });
    expect(byProvince.statusCode).toBe(403);
    // An attachment id under another dossier's id is not found either.
    const [other] = await t.database.db
      .select({ id: dossiers.id })
      .from(dossiers)
      .where(eq(dossiers.communeCode, '18100'))
      .limit(1);
    expect((await download(other!.id, att!.id, officer)).statusCode).toBe(404);
  });

  it('lets the receiving centre of another commune attach the scans it took (phi địa giới)', async () => {
    const id = await intake(foreignOfficer, '18754');
    const res = await upload(id, foreignOfficer, { name: 'scan.png', bytes: PNG });
    expect(res.statusCode).toBe(201);
    expect(json<Attachment>(res).digitised).toBe(true);
  });

  it('refuses attachments on a closed dossier (409)', async () => {
    const [closed] = await t.database.db
      .select({ id: dossiers.id })
      .from(dossiers)
      .where(and(eq(dossiers.communeCode, '18100'), isNotNull(dossiers.closedAt)))
      .limit(1);
    const res = await upload(closed!.id, officer, { name: 'muon.pdf', bytes: pdf });
    expect(res.statusCode).toBe(409);
    expect(json<Problem>(res).code).toBe('conflict');
  });

  it('stops at 30 files per dossier', async () => {
    const id = await intake(officer);
    for (let i = 0; i < 30; i++) {
      const res = await upload(id, officer, { name: `trang-${i}.png`, bytes: PNG });
      expect(res.statusCode).toBe(201);
    }
    const res = await upload(id, officer, { name: 'trang-31.png', bytes: PNG });
    expect(res.statusCode).toBe(409);
    expect(json<Problem>(res).detail).toContain('30');
  });

  it('reports a file damaged on disk instead of serving it', async () => {
    const res = await upload(dossierId, officer, { name: 'se-hong.pdf', bytes: await makePdf('sẽ hỏng') });
    const added = json<Attachment>(res);
    const [row] = await t.database.db
      .select({ key: dossierAttachments.storageKey })
      .from(dossierAttachments)
      .where(eq(dossierAttachments.id, added.id));
    const file = path.join(dataDir, 'files', row!.key);
    const bytes = await fs.readFile(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 10) ^ 0xff, bytes.length - 10);
    await fs.writeFile(file, bytes);
    const got = await download(dossierId, added.id, officer);
    expect(got.statusCode).toBe(500);
    expect(got.headers['content-type']).toContain('application/problem+json');
    expect(json<Problem>(got).detail).toContain('SHA-256');
    await fs.rm(file);
    expect(json<Problem>(await download(dossierId, added.id, officer)).detail).toContain('se-hong.pdf');
  });
});
