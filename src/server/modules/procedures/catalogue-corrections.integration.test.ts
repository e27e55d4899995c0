/**
 * A database loaded before the issue 9 corrections (version 1 of seven procedures holds the old facts) gets each
 * fact now in force as version 2 at the next start, audited, once; version 1, which dossiers received before keep,
 * is untouched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../../tests/support/database';
import type { Procedure } from '../../../common/api/procedures';
import { inTransaction, systemContext } from '../../db/transaction';
import { countAuditEntries } from '../audit/service';
import { CATALOGUE } from './data/catalogue';
import { getProcedure, getProcedureVersion, insertProcedure, loadCatalogue, procedureIdOf } from './service';

const shipped = (code: string) => structuredClone(CATALOGUE.find((p) => p.nationalCode === code)!);

/** The seven entries as first shipped (before Decree 07/2025, 168/2025 and the police note were in the catalogue). */
function oldEntries(): Procedure[] {
  const birth = shipped('1.001193');
  birth.requiredDocuments.push({
    name: 'Giấy chứng nhận kết hôn của cha, mẹ trẻ',
    form: 'original',
    count: 1,
  });
  const marriage = shipped('1.000894');
  marriage.requiredDocuments.push({ name: 'Giấy xác nhận tình trạng hôn nhân', form: 'original', count: 1 });
  const guardianship = {
    ...shipped('1.004845'),
    fee: { kind: 'provincial', note: 'HĐND tỉnh' },
  } as Procedure;
  const fix = { ...shipped('2.000927'), timeLimit: { kind: 'working_days', days: 2 } } as Procedure;
  delete fix.timeLimitNote;
  const business = shipped('1.001612');
  business.legalBasis = ['Nghị định số 01/2021/NĐ-CP về đăng ký doanh nghiệp (hộ kinh doanh: Chương VIII)'];
  const permanent = shipped('1.004222');
  delete permanent.outsideWorkflow;
  const temporary = shipped('1.004194');
  delete temporary.outsideWorkflow;
  return [birth, marriage, guardianship, fix, business, permanent, temporary];
}

describe.each(ENGINES)('catalogue corrections on an existing database (%s)', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const ctx = systemContext(database.db, 'catalogue');
    await inTransaction(ctx, async (tx, audit) => {
      for (const p of oldEntries()) await insertProcedure(tx, p, 'catalogue');
      await audit({ action: 'procedure.catalogue.load', entityType: 'procedure', entityId: 'catalogue' });
    });
  });
  afterAll(() => database?.dispose());

  it('writes each fact now in force as a new version, keeps version 1, and does it once', async () => {
    const auditBefore = await countAuditEntries(database.db, 'procedure');
    const first = await loadCatalogue(database.db);
    expect(first).toEqual({ created: CATALOGUE.length - 7, corrected: 7 });
    expect(await countAuditEntries(database.db, 'procedure')).toBe(auditBefore + 1 + 7);

    const current = async (code: string) =>
      (await getProcedureVersion(database.db, procedureIdOf(code))).data;
    const docs = (p: Procedure) => p.requiredDocuments.map((d) => d.name).join(' | ');
    expect(docs(await current('1.001193'))).not.toMatch(/Giấy chứng nhận kết hôn/);
    expect(docs(await current('1.000894'))).not.toMatch(/tình trạng hôn nhân/);
    expect((await current('1.004845')).fee.kind).toBe('free');
    expect((await current('2.000927')).timeLimit).toEqual({ kind: 'same_day' });
    expect((await current('1.001612')).legalBasis.join()).toMatch(/168\/2025\/NĐ-CP/);
    expect((await current('1.004222')).outsideWorkflow?.agency).toMatch(/Công an xã/);
    expect((await current('1.004194')).outsideWorkflow?.agency).toMatch(/Công an xã/);

    // What a dossier received under version 1 reads: the old facts, unchanged.
    const v1 = await getProcedureVersion(database.db, procedureIdOf('1.001193'), 1);
    expect(docs(v1.data)).toMatch(/Giấy chứng nhận kết hôn của cha, mẹ trẻ/);

    const birth = await getProcedure(database.db, procedureIdOf('1.001193'));
    expect(birth.version).toBe(2);
    expect(birth.versions[1]!.reason).toMatch(/Nghị định 07\/2025\/NĐ-CP.*\[nd07-2025-khai-sinh\]/);
    expect(birth.versions[1]!.changes.map((c) => c.path)).toContain('requiredDocuments.3');
    expect(birth.data.confirmed.sources.join()).toMatch(/481\/BTP-HTQTCT/);

    expect(await loadCatalogue(database.db)).toEqual({ created: 0, corrected: 0 });
    expect((await getProcedure(database.db, procedureIdOf('1.001193'))).version).toBe(2);
  });
});
