/**
 * The applicant's own scans of an online submission: by code + phone (or ID number), while the dossier awaits
 * intake; not digitised, no official as uploader; a wrong pair answers like an unknown code.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { listAuditEntries } from '../audit/service';
import { listAccounts } from '../auth/accounts';
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

  describe('a fully online procedure (toàn trình)', () => {
    let specialist: Record<string, string>;
    let leader: Record<string, string>;
    let specialistId: string;
    const PNG = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    const RESULT = Buffer.from('%PDF-1.4\n% Trich luc khai sinh\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

    beforeAll(async () => {
      specialist = await loginAs(t.app, 'chuyenvien.tranphu');
      leader = await loginAs(t.app, 'lanhdao.tranphu');
      specialistId = (await listAccounts(t.database.db, { q: 'chuyenvien.tranphu', limit: 5 })).items.find(
        (a) => a.username === 'chuyenvien.tranphu',
      )!.id;
    });

    const act = async (code: string, headers: Record<string, string>, payload: object) => {
      const id = await idOf(code);
      const [row] = await t.database.db
        .select({ version: dossiers.version })
        .from(dossiers)
        .where(eq(dossiers.id, id));
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/dossiers/${id}/actions`,
        headers,
        payload: { version: row!.version, ...payload },
      });
      expect({ payload, status: res.statusCode }).toEqual({ payload, status: 200 });
    };
    const look = async (code: string, verifier: string) =>
      json<{
        status: string;
        canUpload: boolean;
        missing: string[];
        documents: { index: number }[];
        scans: { fileName: string; sizeBytes: number; byApplicant: boolean; uploadedAt: string }[];
        result: { fileName: string; sha256: string; sizeBytes: number } | null;
      }>(
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/public/dossiers/${encodeURIComponent(code)}?verifier=${encodeURIComponent(verifier)}`,
        }),
      );
    const officerUpload = (code: string, file: Buffer, fields: Record<string, string>, headers = officer) =>
      idOf(code).then((id) => {
        const form = new FormData();
        for (const [k, v] of Object.entries(fields)) form.append(k, v);
        form.append('file', new Blob([new Uint8Array(file)]), 'trich-luc-khai-sinh.pdf');
        return t.app.inject({
          method: 'POST',
          url: `/api/v1/dossiers/${id}/attachments`,
          headers,
          payload: form,
        });
      });
    const download = (code: string, verifier: string) =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/public/dossiers/${encodeURIComponent(code)}/result?verifier=${encodeURIComponent(verifier)}`,
      });

    it('takes the supplement online while it is requested, lists the scans, and serves the result only after return', async () => {
      const d = await submit();
      expect((await upload(d.code, d.phone, { name: 'to-khai.pdf', bytes: PDF }, '0')).statusCode).toBe(201);
      await act(d.code, officer, { action: 'receive' });
      await act(d.code, officer, { action: 'assign', assigneeId: specialistId });
      await act(d.code, specialist, { action: 'start_processing' });
      // Received, not waiting for the applicant: no online upload.
      expect((await upload(d.code, d.phone, { name: 'som.pdf', bytes: PDF })).statusCode).toBe(409);
      await act(d.code, specialist, {
        action: 'request_supplement',
        reason: 'Giấy chứng sinh bị mờ.',
        items: ['Giấy chứng sinh (bản rõ nét)'],
      });
      const waiting = await look(d.code, d.phone);
      expect(waiting).toMatchObject({
        status: 'supplement_requested',
        canUpload: true,
        missing: ['Giấy chứng sinh (bản rõ nét)'],
      });
      expect(waiting.documents.length).toBe(documents);
      const sent = await upload(d.code, d.phone, { name: 'giay-chung-sinh.png', bytes: PNG }, '1');
      expect(sent.statusCode).toBe(201);
      expect(json<Attachment>(sent)).toMatchObject({ digitised: false, documentIndex: 1 });
      // The look-up lists what was sent: names, sizes, dates, never the bytes nor who at the centre.
      const listed = (await look(d.code, d.idNumber)).scans;
      expect(listed.map((x) => [x.fileName, x.sizeBytes, x.byApplicant])).toEqual([
        ['to-khai.pdf', PDF.length, true],
        ['giay-chung-sinh.png', PNG.length, true],
      ]);
      expect(Object.keys(listed[0]!).sort()).toEqual([
        'byApplicant',
        'documentIndex',
        'fileName',
        'sizeBytes',
        'uploadedAt',
      ]);
      const audit = await listAuditEntries(t.database.db, {
        communeCodes: ['18100'],
        action: 'dossier.attachment_added',
        entityId: await idOf(d.code),
        limit: 10,
      });
      expect(audit.items.map((e) => (e.after as { fileName: string }).fileName)).toContain(
        'giay-chung-sinh.png',
      );

      await act(d.code, specialist, { action: 'supplement_received' });
      expect((await upload(d.code, d.phone, { name: 'muon.pdf', bytes: PDF })).statusCode).toBe(409);
      // The result cannot be attached before a decision.
      const early = await officerUpload(d.code, RESULT, { purpose: 'result' });
      expect(early.statusCode).toBe(409);
      expect(json<Problem>(early).errors?.map((e) => e.field)).toEqual(['body.purpose']);
      await act(d.code, specialist, { action: 'submit_for_approval' });
      await act(d.code, leader, { action: 'approve' });

      const attached = await officerUpload(d.code, RESULT, { purpose: 'result' });
      expect(attached.statusCode).toBe(201);
      const result = json<Attachment & { purpose: string; sha256: string }>(attached);
      expect(result).toMatchObject({ purpose: 'result', digitised: false, documentIndex: null });
      const resultAudit = await listAuditEntries(t.database.db, {
        communeCodes: ['18100'],
        action: 'dossier.result_attached',
        entityId: await idOf(d.code),
        limit: 10,
      });
      expect(resultAudit.items).toHaveLength(1);
      // The result is not one of the applicant's documents on the look-up, and not downloadable before return.
      expect((await look(d.code, d.phone)).scans.map((x) => x.fileName)).not.toContain(
        'trich-luc-khai-sinh.pdf',
      );
      expect((await look(d.code, d.phone)).result).toBeNull();
      const before = await download(d.code, d.phone);
      expect(before.statusCode).toBe(409);
      expect(before.headers['content-type']).toContain('application/problem+json');

      await act(d.code, officer, { action: 'mark_result_ready' });
      await act(d.code, officer, { action: 'return_result' });
      const returned = await look(d.code, d.phone);
      expect(returned.result).toEqual({
        fileName: 'trich-luc-khai-sinh.pdf',
        sizeBytes: RESULT.length,
        sha256: result.sha256,
        uploadedAt: expect.any(String),
      });
      const got = await download(d.code, `${d.phone.slice(0, 4)} ${d.phone.slice(4)}`);
      expect(got.statusCode).toBe(200);
      expect(got.headers['content-type']).toBe('application/pdf');
      expect(got.headers['content-disposition']).toContain('attachment');
      expect(got.rawPayload.equals(RESULT)).toBe(true);
      expect(createHash('sha256').update(got.rawPayload).digest('hex')).toBe(returned.result!.sha256);
      // A wrong verifier answers exactly like an unknown code.
      const wrong = await download(d.code, '0999999999');
      const unknown = await download('000.00.00.H00-250101-9999', d.phone);
      expect(wrong.statusCode).toBe(404);
      const strip = (p: Problem & { instance?: string }) => ({ ...p, instance: undefined });
      expect(strip(json<Problem>(wrong))).toEqual(strip(json<Problem>(unknown)));
      // Closed: no more uploads of any kind.
      expect((await officerUpload(d.code, RESULT, { purpose: 'result' })).statusCode).toBe(409);
    });

    it('keeps the supplement at the counter for a procedure that is not fully online', async () => {
      const marriage = (
        (await listProcedures(t.database.db, {})) as unknown as {
          id: string;
          code: string;
          fullyOnline: boolean;
          requiredDocuments: unknown[];
        }[]
      ).find((p) => !p.fullyOnline && p.code === '1.000894')!;
      expect(marriage).toBeDefined();
      n += 1;
      const who = applicant();
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/public/dossiers',
        payload: {
          procedureId: marriage.id,
          applicant: who,
          competentCommuneCode: '18100',
          checklist: marriage.requiredDocuments.map((_, index) => ({ index })),
        },
      });
      expect(res.statusCode).toBe(201);
      const { code } = json<{ code: string }>(res);
      await act(code, officer, { action: 'receive' });
      await act(code, officer, { action: 'assign', assigneeId: specialistId });
      await act(code, specialist, { action: 'start_processing' });
      await act(code, specialist, { action: 'request_supplement', reason: 'Thiếu', items: ['Tờ khai'] });
      expect((await look(code, who.phone)).canUpload).toBe(false);
      const refused = await upload(code, who.phone, { name: 'bo-sung.pdf', bytes: PDF });
      expect(refused.statusCode).toBe(409);
    });

    it('refuses bad result uploads and bad look-up input with a 4xx naming the field, never a 500', async () => {
      const d = await submit();
      const badPurpose = await officerUpload(d.code, RESULT, { purpose: 'ket-qua' });
      expect(badPurpose.statusCode).toBe(400);
      expect(json<Problem>(badPurpose).errors?.map((e) => e.field)).toEqual(['body.purpose']);
      const withIndex = await officerUpload(d.code, RESULT, { purpose: 'result', documentIndex: '0' });
      expect(withIndex.statusCode).toBe(400);
      expect(json<Problem>(withIndex).errors?.map((e) => e.field)).toEqual(['body.documentIndex']);
      // The applicant cannot pass a scan off as the result.
      const form = new FormData();
      form.append('purpose', 'result');
      form.append('file', new Blob([new Uint8Array(PDF)]), 'ket-qua.pdf');
      const forged = await t.app.inject({
        method: 'POST',
        url: `/api/v1/public/dossiers/${encodeURIComponent(d.code)}/attachments?verifier=${d.phone}`,
        payload: form,
      });
      expect(forged.statusCode).toBe(400);
      expect(json<Problem>(forged).errors?.map((e) => e.field)).toEqual(['body.purpose']);
      // Another commune's officer: the dossier is not theirs (404, like any record of another commune).
      const foreign = await loginAs(t.app, 'motcua.songtri');
      expect((await officerUpload(d.code, RESULT, { purpose: 'result' }, foreign)).statusCode).toBe(404);
      for (const [url, field] of [
        [
          `/api/v1/public/dossiers/${encodeURIComponent(d.code)}/result?verifier=${'9'.repeat(31)}`,
          'query.verifier',
        ],
        [`/api/v1/public/dossiers/${encodeURIComponent(d.code)}/result?verifier=09%0012`, 'query.verifier'],
        [`/api/v1/public/dossiers/${'X'.repeat(81)}/result?verifier=${d.phone}`, 'path.code'],
        [`/api/v1/public/dossiers/${encodeURIComponent(d.code)}/result`, 'query.verifier'],
        [
          `/api/v1/public/dossiers/${encodeURIComponent(d.code)}/result?verifier=a&verifier=b`,
          'query.verifier',
        ],
      ] as const) {
        const res = await t.app.inject({ method: 'GET', url });
        expect({ url, status: res.statusCode }).toEqual({ url, status: 400 });
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(json<Problem>(res).errors?.map((e) => e.field)).toContain(field);
      }
    });

    it('rate-limits the result download like the other public routes', async () => {
      const limited = await createTestApp(engine, { map: false, env: { XASO_PUBLIC_RATE_LIMIT: '3' } });
      try {
        const codes: number[] = [];
        for (let i = 0; i < 5; i += 1) {
          const res = await limited.app.inject({
            method: 'GET',
            url: '/api/v1/public/dossiers/000.00.00.H00-250101-9999/result?verifier=0912345678',
            headers: { 'x-forwarded-for': '203.0.113.9' },
          });
          codes.push(res.statusCode);
        }
        expect(codes.slice(0, 3)).toEqual([404, 404, 404]);
        expect(codes.slice(3)).toEqual([429, 429]);
      } finally {
        await limited.close();
      }
    });
  });
});
