/**
 * The shipped catalogue against the shared schema and against domain-vn.md §7, asserted by hand: each §7 row's
 * time limit and fee, and every [U] fact of §7 marked unconfirmed.
 */
import { describe, expect, it } from 'vitest';
import { type Fee, Procedure, SHARE_TOLERANCE, type TimeLimit } from '../../../../common/api/procedures';
import { foldVietnamese } from '../../../../common/text';
import { CATALOGUE, loadCatalogue } from '../data/catalogue';

const SAME_DAY: TimeLimit = { kind: 'same_day' };
const wd = (days: number): TimeLimit => ({ kind: 'working_days', days });
const fixed = (amount: number, onlineAmount?: number): Fee =>
  onlineAmount === undefined ? { kind: 'fixed', amount } : { kind: 'fixed', amount, onlineAmount };

type Row = {
  name: string;
  limit: TimeLimit;
  /** A fragment the time-limit note must contain (verification extensions). */
  limitNote?: string;
  fee: Fee['kind'] | Fee;
  /** [U] somewhere in the row (or no value given): the entry must be unconfirmed. */
  unconfirmed: boolean;
};

// domain-vn.md §7, row by row.
const SECTION_7: Row[] = [
  { name: 'Đăng ký khai sinh', limit: SAME_DAY, fee: 'free', unconfirmed: false },
  {
    name: 'Đăng ký kết hôn',
    limit: SAME_DAY,
    limitNote: '05 ngày làm việc',
    fee: 'free',
    unconfirmed: false,
  },
  { name: 'Đăng ký khai tử', limit: SAME_DAY, fee: 'free', unconfirmed: false },
  { name: 'Đăng ký giám hộ', limit: wd(3), fee: 'free', unconfirmed: false },
  { name: 'Chấm dứt giám hộ', limit: wd(2), fee: 'free', unconfirmed: false },
  {
    name: 'Nhận cha, mẹ, con',
    limit: wd(3),
    limitNote: 'thêm không quá 05',
    fee: 'provincial',
    unconfirmed: false,
  },
  {
    name: 'Thay đổi, cải chính hộ tịch',
    limit: wd(3),
    limitNote: 'thêm không quá 03',
    fee: 'provincial',
    unconfirmed: false,
  },
  { name: 'Bổ sung hộ tịch', limit: SAME_DAY, fee: 'provincial', unconfirmed: false },
  {
    name: 'Cấp bản sao trích lục hộ tịch',
    limit: SAME_DAY,
    fee: { kind: 'per_copy', amount: 8_000 },
    unconfirmed: false,
  },
  { name: 'Xác nhận tình trạng hôn nhân', limit: wd(3), fee: 'provincial', unconfirmed: true },
  {
    name: 'Chứng thực bản sao từ bản chính',
    limit: SAME_DAY,
    fee: { kind: 'per_page', first: 2_000, next: 1_000, fromPage: 3, max: 200_000 },
    unconfirmed: false,
  },
  { name: 'Chứng thực chữ ký', limit: SAME_DAY, fee: fixed(10_000), unconfirmed: false },
  { name: 'Chứng thực hợp đồng, giao dịch', limit: wd(2), fee: fixed(50_000), unconfirmed: false },
  {
    name: 'Sửa đổi, bổ sung, hủy bỏ hợp đồng đã chứng thực',
    limit: wd(2),
    fee: fixed(30_000),
    unconfirmed: true,
  },
  // Same day like every certification but the exceptions of Decree 23/2015 arts. 21, 33, 37.
  {
    name: 'Sửa lỗi sai sót trong hợp đồng đã chứng thực',
    limit: SAME_DAY,
    limitNote: 'sau 15 giờ',
    fee: fixed(25_000),
    unconfirmed: false,
  },
  { name: 'Cấp bản sao từ sổ gốc', limit: SAME_DAY, fee: 'provincial', unconfirmed: true },
  { name: 'Đăng ký thường trú', limit: wd(7), fee: fixed(20_000, 10_000), unconfirmed: true },
  { name: 'Đăng ký tạm trú', limit: wd(3), fee: fixed(15_000, 7_000), unconfirmed: true },
  { name: 'Đăng ký hộ kinh doanh', limit: wd(3), fee: 'provincial', unconfirmed: true },
];

const byName = new Map(CATALOGUE.map((p) => [p.name, p]));

describe('catalogue', () => {
  it('ships at least 20 procedures', () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(20);
  });

  it.each(CATALOGUE.map((p) => [p.name, p] as const))('%s matches the shared schema', (_, p) => {
    const result = Procedure.safeParse(p);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it('loads through the schema unchanged', () => {
    expect(loadCatalogue()).toEqual(CATALOGUE);
  });

  it('has unique names (also once folded without diacritics) and unique national codes', () => {
    const folded = CATALOGUE.map((p) => foldVietnamese(p.name));
    expect(new Set(folded).size).toBe(CATALOGUE.length);
    const codes = CATALOGUE.flatMap((p) => (p.nationalCode ? [p.nationalCode] : []));
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.each(CATALOGUE.map((p) => [p.name, p] as const))('%s: shares of time sum to 1', (_, p) => {
    const sum = p.steps.reduce((s, step) => s + step.shareOfTime, 0);
    expect(Math.abs(sum - 1)).toBeLessThanOrEqual(SHARE_TOLERANCE);
  });

  it.each(CATALOGUE.map((p) => [p.name, p] as const))(
    '%s: states its sources; unconfirmed says why',
    (_, p) => {
      expect(p.confirmed.sources.length).toBeGreaterThan(0);
      if (p.confirmed.status === 'unconfirmed') expect(p.confirmed.note).toMatch(/\[U\]/);
    },
  );

  it('every procedure outside §7 is unconfirmed', () => {
    const section7 = new Set(SECTION_7.map((r) => r.name));
    const others = CATALOGUE.filter((p) => !section7.has(p.name));
    expect(others.length).toBeGreaterThan(0);
    for (const p of others) expect(p.confirmed.status, p.name).toBe('unconfirmed');
  });

  it('every §7 procedure is a commune procedure with a checklist, steps and a result', () => {
    for (const row of SECTION_7) {
      const p = byName.get(row.name)!;
      expect(p.level).toBe('commune');
      expect(p.requiredDocuments.length).toBeGreaterThan(0);
      expect(p.steps.length).toBeGreaterThan(1);
      expect(p.resultDocument.length).toBeGreaterThan(0);
    }
  });
});

describe('domain-vn.md §7, by hand', () => {
  it.each(SECTION_7.map((r) => [r.name, r] as const))('%s', (name, row) => {
    const p = byName.get(name);
    expect(p, `missing: ${name}`).toBeDefined();
    expect(p!.timeLimit).toEqual(row.limit);
    if (row.limitNote) expect(p!.timeLimitNote).toContain(row.limitNote);
    if (typeof row.fee === 'string') expect(p!.fee.kind).toBe(row.fee);
    else expect(p!.fee).toEqual(row.fee);
    expect(p!.confirmed.status).toBe(row.unconfirmed ? 'unconfirmed' : 'confirmed');
  });

  it('birth and death are free only on time; the late case points to the provincial fee', () => {
    for (const name of ['Đăng ký khai sinh', 'Đăng ký khai tử']) {
      const fee = byName.get(name)!.fee;
      expect(fee.kind).toBe('free');
      expect(fee.kind === 'free' && fee.note).toMatch(/đúng hạn.*HĐND tỉnh/);
    }
  });

  it('civil-status procedures list the statutory exemptions', () => {
    for (const p of CATALOGUE.filter((x) => x.domain === 'ho_tich' && x.fee.kind === 'provincial')) {
      expect(p.exemptions, p.name).toMatch(/hộ nghèo.*khuyết tật/);
    }
  });
});

// Issue 9 §4: where the law moved, fact by fact, each with its source in confirmed.sources.
describe('procedure facts now in force', () => {
  const docs = (name: string) =>
    byName
      .get(name)!
      .requiredDocuments.map((d) => d.name)
      .join(' | ');
  const sources = (name: string) => byName.get(name)!.confirmed.sources.join(' | ');

  it.each<[string, (p: Procedure) => unknown, unknown, RegExp]>([
    [
      'Đăng ký khai sinh',
      (p) => /giấy chứng nhận kết hôn/i.test(p.requiredDocuments.map((d) => d.name).join()),
      false,
      /07\/2025\/NĐ-CP/,
    ],
    [
      'Đăng ký kết hôn',
      (p) => /tình trạng hôn nhân/i.test(p.requiredDocuments.map((d) => d.name).join()),
      false,
      /07\/2025\/NĐ-CP/,
    ],
    ['Chấm dứt giám hộ', (p) => p.fee.kind, 'free', /miễn lệ phí/],
    ['Sửa lỗi sai sót trong hợp đồng đã chứng thực', (p) => p.timeLimit, SAME_DAY, /23\/2015\/NĐ-CP, Điều 7/],
    [
      'Đăng ký hộ kinh doanh',
      (p) => p.legalBasis.some((l) => l.includes('168/2025/NĐ-CP')),
      true,
      /168\/2025/,
    ],
    ['Đăng ký thường trú', (p) => p.outsideWorkflow?.agency, 'Công an xã, phường, đặc khu', /Luật Cư trú/],
    ['Đăng ký tạm trú', (p) => p.outsideWorkflow?.agency, 'Công an xã, phường, đặc khu', /Luật Cư trú/],
  ])('%s', (name, fact, expected, source) => {
    const p = byName.get(name)!;
    expect(fact(p)).toEqual(expected);
    expect(sources(name)).toMatch(source);
  });

  it('household business no longer cites Decree 01/2021 (replaced by Decree 168/2025 from 1/7/2025)', () => {
    const p = byName.get('Đăng ký hộ kinh doanh')!;
    expect(p.legalBasis.join()).not.toMatch(/01\/2021/);
    expect(p.confirmed.sources.join()).toMatch(/hiệu lực 01\/7\/2025, thay thế Nghị định 01\/2021/);
  });

  it('birth and marriage keep what the registry cannot look up', () => {
    expect(docs('Đăng ký khai sinh')).toMatch(/Giấy chứng sinh/);
    expect(docs('Đăng ký kết hôn')).toMatch(/Tờ khai đăng ký kết hôn/);
  });

  it('only residence registration is outside the UBND workflow, and it says where to go', () => {
    const outside = CATALOGUE.filter((p) => p.outsideWorkflow).map((p) => p.name);
    expect(outside.sort()).toEqual(['Đăng ký tạm trú', 'Đăng ký thường trú'].sort());
    for (const name of outside) expect(byName.get(name)!.outsideWorkflow!.note).toMatch(/Công an xã/);
  });

  it('every same-day certification counts receipts after 15:00 to the next working day', () => {
    for (const p of CATALOGUE.filter((x) => x.domain === 'chung_thuc' && x.timeLimit.kind === 'same_day')) {
      expect(p.timeLimitNote, p.name).toMatch(/sau 15 giờ/i);
    }
  });
});
