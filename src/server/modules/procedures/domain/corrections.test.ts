/**
 * The catalogue corrections of issue 9 §4 against the catalogue as it was first shipped (the old facts written out
 * below): each one turns the old entry into the shipped one, exactly once, and leaves an edited entry alone.
 */
import { describe, expect, it } from 'vitest';
import type { Procedure } from '../../../../common/api/procedures';
import { CATALOGUE } from '../data/catalogue';
import { CATALOGUE_CORRECTIONS } from '../data/corrections';
import { type CurrentProcedure, correctionMarker, pendingCorrections } from './corrections';
import { diffProcedure } from './versioning';

const shipped = (code: string) => structuredClone(CATALOGUE.find((p) => p.nationalCode === code)!);

/** The entries as version 1 of a database loaded before the corrections (the facts the law has moved from). */
const OLD: Record<string, Procedure> = {
  '1.001193': (() => {
    const p = shipped('1.001193');
    p.requiredDocuments.push({
      name: 'Giấy chứng nhận kết hôn của cha, mẹ trẻ',
      form: 'original',
      count: 1,
      note: 'Xuất trình nếu cha, mẹ đã đăng ký kết hôn và thông tin chưa có trong cơ sở dữ liệu hộ tịch.',
    });
    p.legalBasis = p.legalBasis.filter((l) => !l.includes('07/2025'));
    p.confirmed = {
      status: 'confirmed',
      sources: ['XãSố domain-vn.md §7', 'Luật Hộ tịch 2014, Điều 16 và Điều 11'],
    };
    return p;
  })(),
  '1.000894': (() => {
    const p = shipped('1.000894');
    p.requiredDocuments.push({ name: 'Giấy xác nhận tình trạng hôn nhân', form: 'original', count: 1 });
    p.confirmed = { status: 'confirmed', sources: ['XãSố domain-vn.md §7', 'Luật Hộ tịch 2014, Điều 18'] };
    return p;
  })(),
  '1.004845': {
    ...shipped('1.004845'),
    fee: { kind: 'provincial', note: 'Lệ phí hộ tịch do HĐND tỉnh quy định.' },
  },
  '2.000927': {
    ...shipped('2.000927'),
    timeLimit: { kind: 'working_days', days: 2 },
    timeLimitNote: undefined,
    confirmed: {
      status: 'unconfirmed',
      sources: ['XãSố domain-vn.md §7', 'Thông tư 226/2016/TT-BTC'],
      note: '[U] Thời hạn chưa biết.',
    },
  },
  '1.001612': {
    ...shipped('1.001612'),
    legalBasis: [
      'Nghị định số 01/2021/NĐ-CP về đăng ký doanh nghiệp (hộ kinh doanh: Chương VIII)',
      shipped('1.001612').legalBasis[1]!,
    ],
    confirmed: {
      status: 'unconfirmed',
      sources: ['XãSố domain-vn.md §7', 'Nghị định 01/2021/NĐ-CP'],
      note: '[U] cũ',
    },
  },
  '1.004222': { ...shipped('1.004222'), outsideWorkflow: undefined },
  '1.004194': { ...shipped('1.004194'), outsideWorkflow: undefined },
};
for (const p of Object.values(OLD)) if (p.timeLimitNote === undefined) delete p.timeLimitNote;
for (const p of Object.values(OLD)) if (p.outsideWorkflow === undefined) delete p.outsideWorkflow;

const v1 = (code: string, data: Procedure, reasons: (string | null)[] = [null]): CurrentProcedure => ({
  code,
  version: reasons.length,
  data,
  reasons,
});

describe('catalogue corrections on a database loaded before them', () => {
  it.each(Object.keys(OLD))('%s: the old entry becomes the fact now in force, with its source', (code) => {
    const [pending, ...more] = pendingCorrections([v1(code, OLD[code]!)], CATALOGUE_CORRECTIONS);
    expect(more).toEqual([]);
    expect(pending).toMatchObject({ code, expectedVersion: 1 });
    const now = shipped(code);
    // The corrected facts are the shipped ones (sources may keep the old entry's own in front).
    const { confirmed: a, ...restA } = pending!.data;
    const { confirmed: b, ...restB } = now;
    expect(
      diffProcedure({ ...restA, confirmed: b } as Procedure, { ...restB, confirmed: b } as Procedure),
    ).toEqual([]);
    expect(a.status).toBe(b.status);
    for (const source of b.sources.slice(1)) expect(a.sources).toContain(source);
    expect(pending!.reason).toContain(correctionMarker(pending!.keys[0]!));
  });

  it('names the removed documents and the facts in the reason', () => {
    const [birth] = pendingCorrections([v1('1.001193', OLD['1.001193']!)], CATALOGUE_CORRECTIONS);
    expect(birth!.reason).toMatch(/Giấy chứng nhận kết hôn.*07\/2025/);
    expect(birth!.data.requiredDocuments.map((d) => d.name).join()).not.toMatch(/kết hôn/);
  });

  it('changes nothing in the shipped (already corrected) catalogue: a new installation gets version 1 only', () => {
    const current = CATALOGUE.map((p) => v1(p.nationalCode ?? p.name, p));
    expect(pendingCorrections(current, CATALOGUE_CORRECTIONS)).toEqual([]);
  });

  it('applies a correction once: its marker in any version’s reason stops it', () => {
    const [first] = pendingCorrections([v1('1.004845', OLD['1.004845']!)], CATALOGUE_CORRECTIONS);
    // The administrator later sets a provincial fee again on purpose: the correction does not undo it.
    const again = pendingCorrections(
      [v1('1.004845', OLD['1.004845']!, [null, first!.reason, 'Tỉnh quy định lại'])],
      CATALOGUE_CORRECTIONS,
    );
    expect(again).toEqual([]);
  });

  it('leaves an entry alone when the administrator already changed the old fact', () => {
    const edited = { ...OLD['2.000927']!, timeLimit: { kind: 'working_days', days: 1 } } as Procedure;
    const [pending] = pendingCorrections([v1('2.000927', edited)], CATALOGUE_CORRECTIONS);
    // Still a working-days limit: the correction applies (the law says same day) …
    expect(pending!.data.timeLimit).toEqual({ kind: 'same_day' });
    // … but a procedure whose limit is already same-day is not touched.
    expect(pendingCorrections([v1('2.000927', shipped('2.000927'))], CATALOGUE_CORRECTIONS)).toEqual([]);
  });

  it('keeps the administrator’s other edits while correcting', () => {
    const edited = structuredClone(OLD['1.001193']!);
    edited.requiredDocuments[0]!.note = 'Ghi chú của tỉnh';
    const [pending] = pendingCorrections([v1('1.001193', edited)], CATALOGUE_CORRECTIONS);
    expect(pending!.data.requiredDocuments[0]!.note).toBe('Ghi chú của tỉnh');
  });

  it('ignores procedures the corrections do not name, and names no procedure the catalogue lacks', () => {
    expect(pendingCorrections([v1('2.000815', shipped('2.000815'))], CATALOGUE_CORRECTIONS)).toEqual([]);
    const codes = new Set(CATALOGUE.map((p) => p.nationalCode));
    for (const c of CATALOGUE_CORRECTIONS) expect(codes.has(c.code), c.code).toBe(true);
  });
});
