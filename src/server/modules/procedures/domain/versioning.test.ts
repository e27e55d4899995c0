import { describe, expect, it } from 'vitest';
import type { Procedure } from '../../../../common/api/procedures';
import { AppError } from '../../../http/errors';
import { CATALOGUE } from '../data/catalogue';
import {
  diffProcedure,
  findVersionAt,
  firstVersion,
  getLatest,
  getVersion,
  MAX_IMPORT_ROWS,
  planImport,
  reviseProcedure,
  validateImport,
} from './versioning';

const byName = (name: string): Procedure => structuredClone(CATALOGUE.find((p) => p.name === name)!);
const BIRTH = byName('Đăng ký khai sinh');
const SIGNATURE = byName('Chứng thực chữ ký');
const T1 = '2025-07-01T02:00:00.000Z';
const T2 = '2025-08-01T02:00:00.000Z';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  throw new Error('did not throw');
}

describe('versions', () => {
  const v1 = firstVersion('p-sig', SIGNATURE, { at: T1, by: 'admin' });

  it('starts at version 1', () => {
    expect(v1).toMatchObject({ procedureId: 'p-sig', version: 1, createdAt: T1, createdBy: 'admin' });
    expect(Object.isFrozen(v1)).toBe(true);
  });

  it('an edit appends version n+1 and leaves the old one as it was', () => {
    const edited = { ...SIGNATURE, fee: { kind: 'fixed', amount: 12_000 } };
    const r = reviseProcedure([v1], edited, {
      at: T2,
      by: 'admin',
      reason: 'NQ 12/2026',
      expectedVersion: 1,
    });
    expect(r.version).toMatchObject({ procedureId: 'p-sig', version: 2, reason: 'NQ 12/2026' });
    expect(r.history).toHaveLength(2);
    expect(r.history[0]).toBe(v1);
    expect(v1.data.fee).toEqual({ kind: 'fixed', amount: 10_000 });
    expect(r.changes.map((c) => [c.path, c.before, c.after])).toEqual([['fee.amount', 10_000, 12_000]]);
    // A dossier received under version 1 still reads version 1.
    expect(getVersion(r.history, 1).data.fee).toEqual({ kind: 'fixed', amount: 10_000 });
    expect(getLatest(r.history).version).toBe(2);
    expect(findVersionAt(r.history, '2025-07-15T00:00:00Z')?.version).toBe(1);
    expect(findVersionAt(r.history, T2)?.version).toBe(2);
    expect(findVersionAt(r.history, '2025-06-30T00:00:00Z')).toBeUndefined();
  });

  it('an edit made from an older version is a conflict, not an overwrite', () => {
    const r = reviseProcedure(
      [v1],
      { ...SIGNATURE, name: 'Chứng thực chữ ký (sửa)' },
      {
        at: T2,
        by: 'a',
        expectedVersion: 1,
      },
    );
    expect(codeOf(() => reviseProcedure(r.history, SIGNATURE, { at: T2, by: 'b', expectedVersion: 1 }))).toBe(
      'conflict',
    );
  });

  it('refuses an edit that changes nothing, and invalid data with the field path', () => {
    expect(codeOf(() => reviseProcedure([v1], SIGNATURE, { at: T2, by: 'a', expectedVersion: 1 }))).toBe(
      'bad_request',
    );
    const bad = { ...SIGNATURE, requiredDocuments: [{ name: 'Tờ khai', form: 'scan', count: 1 }] };
    try {
      reviseProcedure([v1], bad, { at: T2, by: 'a', expectedVersion: 1 });
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).code).toBe('validation_failed');
      expect((e as AppError).errors?.map((x) => x.field)).toEqual(['data.requiredDocuments.0.form']);
    }
  });

  it('an unknown version is a typed not-found', () => {
    expect(codeOf(() => getVersion([v1], 7))).toBe('not_found');
    expect(codeOf(() => getLatest([]))).toBe('not_found');
  });
});

describe('diffProcedure', () => {
  it.each<[string, (p: Procedure) => Procedure, string[]]>([
    ['nothing', (p) => p, []],
    ['name', (p) => ({ ...p, name: 'Đăng ký khai sinh cho trẻ em' }), ['name']],
    ['time limit kind', (p) => ({ ...p, timeLimit: { kind: 'working_days', days: 1 } }), ['timeLimit']],
    ['fee variant', (p) => ({ ...p, fee: { kind: 'fixed', amount: 5_000 } }), ['fee']],
    ['optional field removed', (p) => ({ ...p, timeLimitNote: undefined }), ['timeLimitNote']],
    [
      'one document field',
      (p) => ({
        ...p,
        requiredDocuments: p.requiredDocuments.map((d, i) => (i === 1 ? { ...d, form: 'copy' as const } : d)),
      }),
      ['requiredDocuments.1.form'],
    ],
    [
      'document added',
      (p) => ({
        ...p,
        requiredDocuments: [...p.requiredDocuments, { name: 'Ảnh', form: 'original', count: 2 }],
      }),
      [`requiredDocuments.${BIRTH.requiredDocuments.length}`],
    ],
    ['step removed', (p) => ({ ...p, steps: p.steps.slice(0, -1) }), [`steps.${BIRTH.steps.length - 1}`]],
    [
      'two shares moved',
      (p) => ({
        ...p,
        steps: p.steps.map((s, i) =>
          i === 0 ? { ...s, shareOfTime: 0.2 } : i === 1 ? { ...s, shareOfTime: 0.5 } : s,
        ),
      }),
      ['steps.0.shareOfTime', 'steps.1.shareOfTime'],
    ],
    [
      'confirmation',
      (p) => ({ ...p, confirmed: { status: 'unconfirmed', sources: ['x'], note: '[U] y' } }),
      [
        'confirmed.status',
        ...BIRTH.confirmed.sources.map((_, i) => `confirmed.sources.${i}`),
        'confirmed.note',
      ],
    ],
    [
      'code and domain, in field order',
      (p) => ({ ...p, domain: 'khac', nationalCode: '1.000001' }),
      ['nationalCode', 'domain'],
    ],
  ])('%s', (_, edit, paths) => {
    const changes = diffProcedure(BIRTH, edit(structuredClone(BIRTH)));
    expect(changes.map((c) => c.path)).toEqual(paths);
  });

  it('gives before, after and the bilingual label of the field', () => {
    const [change] = diffProcedure(SIGNATURE, { ...SIGNATURE, fee: { kind: 'free' } });
    expect(change).toEqual({
      path: 'fee',
      field: 'fee',
      label: { vi: 'Phí, lệ phí', en: 'Fee' },
      before: { kind: 'fixed', amount: 10_000 },
      after: { kind: 'free' },
    });
  });
});

describe('validateImport', () => {
  it('accepts the shipped catalogue as an import file (JSON round trip)', () => {
    const r = validateImport(JSON.parse(JSON.stringify(CATALOGUE)));
    expect(r.ok && r.procedures.length).toBe(CATALOGUE.length);
  });

  it.each<[string, unknown, { row: number; path: string }[]]>([
    ['not an array', { name: 'x' }, [{ row: 0, path: '' }]],
    ['empty', [], [{ row: 0, path: '' }]],
    ['too many rows', Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => BIRTH), [{ row: 0, path: '' }]],
    ['missing name', [SIGNATURE, { ...BIRTH, name: undefined }], [{ row: 2, path: 'name' }]],
    ['bad national code', [{ ...BIRTH, nationalCode: '1001193' }], [{ row: 1, path: 'nationalCode' }]],
    [
      'negative fee',
      [{ ...SIGNATURE, fee: { kind: 'fixed', amount: -1 } }],
      [{ row: 1, path: 'fee.amount' }],
    ],
    [
      'fractional đồng',
      [{ ...SIGNATURE, fee: { kind: 'per_copy', amount: 8_000.5 } }],
      [{ row: 1, path: 'fee.amount' }],
    ],
    [
      'per-page cap below the first page',
      [{ ...SIGNATURE, fee: { kind: 'per_page', first: 2_000, next: 1_000, fromPage: 3, max: 1_000 } }],
      [{ row: 1, path: 'fee.max' }],
    ],
    [
      'shares not summing to 1',
      [{ ...BIRTH, steps: BIRTH.steps.map((s) => ({ ...s, shareOfTime: 0.1 })) }],
      [{ row: 1, path: 'steps' }],
    ],
    [
      'unconfirmed without a note',
      [{ ...BIRTH, confirmed: { status: 'unconfirmed', sources: ['x'] } }],
      [{ row: 1, path: 'confirmed.note' }],
    ],
    [
      'no sources',
      [{ ...BIRTH, confirmed: { status: 'confirmed', sources: [] } }],
      [{ row: 1, path: 'confirmed.sources' }],
    ],
    [
      'bad document form in row 3',
      [
        BIRTH,
        SIGNATURE,
        { ...byName('Đăng ký tạm trú'), requiredDocuments: [{ name: 'CT01', form: 'x', count: 0 }] },
      ],
      [
        { row: 3, path: 'requiredDocuments.0.form' },
        { row: 3, path: 'requiredDocuments.0.count' },
      ],
    ],
    ['duplicate code', [BIRTH, { ...BIRTH, name: 'Khai sinh' }], [{ row: 2, path: 'nationalCode' }]],
    [
      'duplicate name without diacritics',
      [SIGNATURE, { ...SIGNATURE, name: 'CHUNG THUC CHU KY', nationalCode: undefined }],
      [{ row: 2, path: 'name' }],
    ],
  ])('%s', (_, input, expected) => {
    const r = validateImport(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map(({ row, path }) => ({ row, path }))).toEqual(expected);
  });

  it('reports every bad row, and counts the valid ones', () => {
    const r = validateImport([BIRTH, { ...SIGNATURE, level: 'province' }, { ...SIGNATURE, name: '' }]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.validRows).toBe(1);
      expect(r.errors.map((e) => e.row)).toEqual([2, 3]);
      expect(r.errors.every((e) => e.message.length > 0)).toBe(true);
    }
  });
});

describe('planImport', () => {
  const current = [
    { procedureId: 'p1', data: BIRTH },
    { procedureId: 'p2', data: SIGNATURE },
    { procedureId: 'p3', data: { ...byName('Bổ sung hộ tịch') } },
  ];

  it('creates new ones, versions changed ones, leaves the rest', () => {
    const added = byName('Đăng ký tạm trú');
    const plan = planImport(current, [
      BIRTH,
      { ...SIGNATURE, fee: { kind: 'fixed', amount: 12_000 } },
      // no national code: matched by name, ignoring case and diacritics
      { ...byName('Bổ sung hộ tịch'), name: 'BO SUNG HO TICH', timeLimit: { kind: 'working_days', days: 1 } },
      added,
    ]);
    expect(plan.unchanged).toEqual(['p1']);
    expect(plan.update.map((u) => [u.procedureId, u.changes.map((c) => c.path)])).toEqual([
      ['p2', ['fee.amount']],
      ['p3', ['name', 'timeLimit']],
    ]);
    expect(plan.create).toEqual([added]);
  });

  it('matches by national code even when the name changed', () => {
    const plan = planImport(current, [{ ...BIRTH, name: 'Thủ tục đăng ký khai sinh' }]);
    expect(plan.update.map((u) => u.procedureId)).toEqual(['p1']);
    expect(plan.create).toEqual([]);
  });
});
