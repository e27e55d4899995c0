/**
 * The exceptions a counter meets: a checklist that names a document the procedure does not have or names one
 * twice, a competent commune of another province (each refused naming the field, nothing written); receiving
 * for another commune of the province (phi địa giới); and the checklist answers — received, not applicable,
 * missing — read back for the dossier page whichever channel filed it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { procedureByCode, type TestProcedure } from '../../../../tests/support/dossiers';
import { countAuditEntries } from '../audit/service';
import { pdfText } from '../org/pdf-text';

type Problem = { status: number; code: string; detail: string; errors: { field: string; message: string }[] };
type Checklist = {
  procedure: { id: string; version: number; name: string };
  items: { index: number; name: string; note: string | null; answer: string }[];
};

describe.each(ENGINES)('intake exceptions on %s', (engine) => {
  let t: TestApp;
  let officer: Record<string, string>; // motcua.tranphu (18100)
  let songTri: Record<string, string>; // motcua.songtri (18754)
  let birth: TestProcedure; // Đăng ký khai sinh
  let docs: { name: string; note?: string }[];

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    officer = await loginAs(t.app, 'motcua.tranphu');
    songTri = await loginAs(t.app, 'motcua.songtri');
    birth = await procedureByCode(t.database.db, '1.001193');
    docs = birth.requiredDocuments as { name: string; note?: string }[];
  });
  afterAll(() => t?.close());

  const applicant = (n: number) => ({
    fullName: 'Phan Văn Ngoại',
    idNumber: `04208800${String(n).padStart(4, '0')}`,
    phone: `0913${String(n).padStart(6, '0')}`,
    address: 'Xóm 3, Phường Trần Phú, Hà Tĩnh',
  });
  const all = () => docs.map((_, index) => ({ index, status: 'received' }));
  const body = (n: number, extra: object = {}) => ({
    procedureId: birth.id,
    applicant: applicant(n),
    receivingCommuneCode: '18100',
    competentCommuneCode: '18100',
    channel: 'counter',
    checklist: all(),
    ...extra,
  });
  const post = (url: string, payload: object, headers = officer) =>
    t.app.inject({ method: 'POST', url, headers, payload });
  const get = (url: string, headers = officer) => t.app.inject({ method: 'GET', url, headers });
  const found = async (phone: string, headers = officer) => {
    const res = await get(`/api/v1/dossiers?q=${phone}&limit=5`, headers);
    expect({ status: res.statusCode, body: res.statusCode === 200 ? null : res.body }).toEqual({
      status: 200,
      body: null,
    });
    return json<{ items: { id: string }[] }>(res).items;
  };

  /** 400 naming exactly `field`, in Vietnamese and in English, with no dossier and no audit entry written. */
  async function refused(payload: ReturnType<typeof body>, field: string, vi: RegExp, en: RegExp) {
    const before = await countAuditEntries(t.database.db, 'dossier');
    const res = await post('/api/v1/dossiers', payload);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const p = json<Problem>(res);
    expect(p.errors.map((e) => e.field)).toEqual([field]);
    expect(p.errors[0]!.message).toMatch(vi);
    const english = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { ...officer, 'accept-language': 'en' },
      payload,
    });
    expect(json<Problem>(english).errors[0]!.message).toMatch(en);
    // The guidance slip reads the same checklist: the same refusal, not a slip.
    const slip = await post('/api/v1/dossiers/guidance-slip.pdf', payload);
    expect(slip.statusCode).toBe(400);
    expect(json<Problem>(slip).errors.map((e) => e.field)).toEqual([field]);
    expect(await countAuditEntries(t.database.db, 'dossier')).toBe(before);
    expect(await found(payload.applicant.phone)).toHaveLength(0);
  }

  it('refuses a checklist index the procedure does not have, naming its place in the list', async () => {
    const checklist = [...all(), { index: docs.length, status: 'received' }];
    await refused(
      body(1, { checklist }),
      `body.checklist.${docs.length}.index`,
      new RegExp(`không có giấy tờ số ${docs.length}`),
      new RegExp(`no document ${docs.length}`),
    );
  });

  it('refuses a document listed twice, even with two different answers', async () => {
    const checklist = [...all(), { index: 1, status: 'not_applicable' }];
    await refused(
      body(2, { checklist }),
      `body.checklist.${docs.length}.index`,
      /số 1 được khai hai lần/,
      /listed twice/,
    );
  });

  it('refuses a competent commune outside the receiving commune’s province', async () => {
    await refused(
      body(3, { competentCommuneCode: '00004' }), // Phường Ba Đình, Hà Nội
      'body.competentCommuneCode',
      /cùng tỉnh/,
      /same province/,
    );
  });

  it('receives for another commune of the province: the competent one processes it, both can read it', async () => {
    const before = await countAuditEntries(t.database.db, 'dossier');
    const checklist = docs.map((_, index) => ({
      index,
      status: index === docs.length - 1 ? 'not_applicable' : 'received',
    }));
    const res = await post('/api/v1/dossiers', body(4, { competentCommuneCode: '18754', checklist }));
    expect(res.statusCode).toBe(201);
    const d = json<{ id: string; code: string; status: string; nationalStatusCode: number }>(res);
    // The code is the receiving centre's (its agency e-ID and its daily counter).
    expect(d).toMatchObject({ status: 'received', nationalStatusCode: 2 });
    expect(d.code).toMatch(/^000\.00\.18100\.H42-\d{6}-\d{4}$/);
    expect(await countAuditEntries(t.database.db, 'dossier')).toBe(before + 1);

    const view = json<{ communeCode: string; receivingCommuneCode: string; nextActions: string[] }>(
      await get(`/api/v1/dossiers/${d.id}`, songTri),
    );
    expect(view).toMatchObject({ communeCode: '18754', receivingCommuneCode: '18100' });
    expect(view.nextActions).toContain('assign');
    // Sông Trí's queue lists it; Trần Phú's centre follows what it received.
    expect((await found(applicant(4).phone, songTri)).map((x) => x.id)).toEqual([d.id]);
    expect((await get(`/api/v1/dossiers/${d.id}`)).statusCode).toBe(200);

    // The answers given at the counter, with the catalogue's condition notes, for both communes.
    for (const headers of [officer, songTri]) {
      const c = json<Checklist>(await get(`/api/v1/dossiers/${d.id}/checklist`, headers));
      expect(c.procedure).toMatchObject({ id: birth.id, name: 'Đăng ký khai sinh' });
      expect(c.items.map((i) => i.answer)).toEqual(checklist.map((x) => x.status));
      expect(c.items.map((i) => i.name)).toEqual(docs.map((x) => x.name));
      expect(c.items.map((i) => i.note)).toEqual(docs.map((x) => x.note ?? null));
    }
  });

  it('prints the guidance slip for another commune: the receiving centre’s slip, exactly what is missing', async () => {
    const missing = docs.length - 1;
    const checklist = docs.slice(0, missing).map((_, index) => ({ index, status: 'received' }));
    const res = await post(
      '/api/v1/dossiers/guidance-slip.pdf',
      body(5, { competentCommuneCode: '18754', checklist }),
    );
    expect(res.statusCode).toBe(200);
    const text = pdfText(res.rawPayload).replace(/\s+/g, ' ');
    expect(text).toMatch(/PHIẾU (HƯỚNG DẪN|YÊU CẦU) BỔ SUNG, HOÀN THIỆN HỒ SƠ/);
    expect(text).toContain('PHƯỜNG TRẦN PHÚ');
    expect(text).toContain(`1. ${docs[missing]!.name}`);
    expect(text).not.toContain(docs[0]!.name);
    expect(await found(applicant(5).phone)).toHaveLength(0);
  });

  it('shows the checklist answers of an online filing, and 404 for an unknown dossier', async () => {
    const checklist = docs.map((_, index) => ({
      index,
      status: index === 0 ? 'received' : 'not_applicable',
    }));
    const filed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/dossiers',
      payload: {
        procedureId: birth.id,
        competentCommuneCode: '18100',
        applicant: applicant(6),
        checklist,
      },
    });
    expect(filed.statusCode).toBe(201);
    const [d] = await found(applicant(6).phone);
    const c = json<Checklist>(await get(`/api/v1/dossiers/${d!.id}/checklist`));
    expect(c.items.map((i) => i.answer)).toEqual(checklist.map((x) => x.status));
    const unknown = await get('/api/v1/dossiers/00000000-0000-7000-8000-000000000000/checklist');
    expect(unknown.statusCode).toBe(404);
  });
});
