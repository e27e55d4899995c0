/**
 * Residence registration is the commune police's (catalogue `outsideWorkflow`): the catalogue lists it with the
 * note, and neither the counter nor the online form receives it into the UBND's one-stop workflow (a 400 naming
 * the procedure field, nothing written).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, loginAs, type TestApp } from '../../../../tests/support/app';
import { ENGINES } from '../../../../tests/support/database';
import { procedureByCode } from '../../../../tests/support/dossiers';
import { countAuditEntries } from '../audit/service';

const applicant = {
  fullName: 'Trần Văn Cư Trú',
  idNumber: '042093005555',
  phone: '0912555666',
  address: 'Phường Trần Phú, Hà Tĩnh',
};

describe.each(ENGINES)('procedures outside the UBND workflow on %s', (engine) => {
  let t: TestApp;
  let officer: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true });
    officer = await loginAs(t.app, 'motcua.tranphu');
  });
  afterAll(() => t?.close());

  it('lists residence registration with the commune police’s note', async () => {
    const res = await t.app.inject({ url: '/api/v1/procedures?q=thuong%20tru' });
    const items = json<{
      items: { code: string; outsideWorkflow: { agency: string; note: string } | null }[];
    }>(res).items;
    const permanent = items.find((p) => p.code === '1.004222')!;
    expect(permanent.outsideWorkflow?.agency).toMatch(/Công an xã/);
    expect(permanent.outsideWorkflow?.note).toMatch(/Công an xã/);
    const birth = json<{ items: { code: string; outsideWorkflow: unknown }[] }>(
      await t.app.inject({ url: '/api/v1/procedures?q=khai%20sinh' }),
    ).items.find((p) => p.code === '1.001193')!;
    expect(birth.outsideWorkflow).toBeNull();
  });

  it.each([
    ['1.004222', 'Đăng ký thường trú'],
    ['1.004194', 'Đăng ký tạm trú'],
  ])('refuses %s at the counter and online, naming the field, writing nothing', async (code, name) => {
    const procedure = await procedureByCode(t.database.db, code);
    const checklist = procedure.requiredDocuments.map((_, index) => ({ index, status: 'received' }));
    const before = await countAuditEntries(t.database.db, 'dossier');
    const atCounter = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: officer,
      payload: {
        procedureId: procedure.id,
        applicant,
        receivingCommuneCode: '18100',
        competentCommuneCode: '18100',
        channel: 'counter',
        checklist,
      },
    });
    const online = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/dossiers',
      headers: { 'accept-language': 'en' },
      payload: { procedureId: procedure.id, applicant, competentCommuneCode: '18100', checklist },
    });
    for (const res of [atCounter, online]) {
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(json<{ errors: { field: string }[] }>(res).errors.map((e) => e.field)).toContain(
        'body.procedureId',
      );
    }
    expect(json<{ errors: { message: string }[] }>(atCounter).errors[0]!.message).toContain(name);
    expect(json<{ errors: { message: string }[] }>(atCounter).errors[0]!.message).toMatch(/Công an xã/);
    expect(json<{ errors: { message: string }[] }>(online).errors[0]!.message).toMatch(/another agency/);
    expect(await countAuditEntries(t.database.db, 'dossier')).toBe(before);
  });
});
