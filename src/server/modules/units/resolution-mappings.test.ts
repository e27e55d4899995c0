/**
 * The partial merges extracted from the 2025 resolutions (data/resolution-mappings.json): Hà Tĩnh checked by hand
 * against the text of Nghị quyết 1665/NQ-UBTVQH15, every code checked against the package, and the file checked
 * to be exactly what scripts/extract-resolution-mappings.ts generates.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  classifyQualifier,
  type ExtractionResult,
  extractResolutionMappings,
  isComplete,
  OUTPUT_FILE,
  parseClause,
  parseMembers,
  type ResolutionMappingsFile,
  readResolutions,
  repairGlue,
  serialize,
} from '../../../../scripts/extract-resolution-mappings';
import { loadPackageSnapshot } from './package-data';

const file = JSON.parse(fs.readFileSync(OUTPUT_FILE, 'utf8')) as ResolutionMappingsFile;
const snapshot = loadPackageSnapshot();

/**
 * Hà Tĩnh, read by hand from Nghị quyết 1665/NQ-UBTVQH15, Điều 1. Only two former units are split:
 *  - khoản 59: "một phần diện tích tự nhiên, quy mô dân số của phường Đại Nài" → phường Thành Sen;
 *    khoản 61: "phần còn lại của phường Đại Nài sau khi sắp xếp theo quy định tại khoản 59" → phường Hà Huy Tập.
 *  - khoản 62: "toàn bộ diện tích tự nhiên của xã Kỳ Lợi" (area, not population) → phường Vũng Áng;
 *    khoản 63: "một phần quy mô dân số của xã Kỳ Lợi" → phường Sông Trí;
 *    khoản 64: "phần quy mô dân số còn lại của xã Kỳ Lợi sau khi sắp xếp theo quy định tại khoản 63" → phường
 *    Hoành Sơn.
 * Every other clause (1–58, 60, 65–67) merges whole units; khoản 68 leaves xã Sơn Kim 1 and Sơn Kim 2 unchanged.
 */
const HA_TINH: {
  unit: { code: string; name: string; district: string };
  targets: { code: string; name: string; clause: number }[];
}[] = [
  {
    unit: { code: '18082', name: 'Phường Đại Nài', district: 'Thành phố Hà Tĩnh' },
    targets: [
      { code: '18073', name: 'Phường Thành Sen', clause: 59 },
      { code: '18652', name: 'Phường Hà Huy Tập', clause: 61 },
    ],
  },
  {
    unit: { code: '18796', name: 'Xã Kỳ Lợi', district: 'Thị xã Kỳ Anh' },
    targets: [
      { code: '18823', name: 'Phường Vũng Áng', clause: 62 },
      { code: '18754', name: 'Phường Sông Trí', clause: 63 },
      { code: '18832', name: 'Phường Hoành Sơn', clause: 64 },
    ],
  },
];

describe('Hà Tĩnh (1665/NQ-UBTVQH15): every partial unit with its exact targets', () => {
  const rows = file.mappings.filter((m) => m.resolution === '1665/NQ-UBTVQH15');

  it('lists exactly the hand-read partial units', () => {
    expect([...new Set(rows.map((m) => m.formerUnitCode))].sort()).toEqual(
      HA_TINH.map((u) => u.unit.code).sort(),
    );
    expect(rows).toHaveLength(HA_TINH.reduce((n, u) => n + u.targets.length, 0));
  });

  it.each(HA_TINH)('$unit.name → $targets.length communes', ({ unit, targets }) => {
    const got = rows.filter((m) => m.formerUnitCode === unit.code);
    expect(got).toEqual(
      targets.map((t) => ({
        formerUnitCode: unit.code,
        formerUnitName: unit.name,
        districtName: unit.district,
        provinceName: 'Tỉnh Hà Tĩnh',
        communeCode: t.code,
        communeName: t.name,
        partial: true,
        resolution: '1665/NQ-UBTVQH15',
        clause: `Điều 1, khoản ${t.clause}`,
      })),
    );
  });

  it.each(HA_TINH.flatMap((u) => u.targets))('commune $code is $name in the package', ({ code, name }) => {
    expect(snapshot.communes.find((c) => c.code === code)?.name).toBe(name);
  });
});

describe('every mapping agrees with the package', () => {
  const communes = new Map(snapshot.communes.map((c) => [c.code, c]));
  const units = new Map(snapshot.formerUnits.map((u) => [u.code, u]));
  const provinceOfResolution = new Map<string, Set<string>>();
  for (const m of file.mappings) {
    const p = communes.get(m.communeCode)?.provinceCode;
    if (p)
      provinceOfResolution.set(m.resolution, (provinceOfResolution.get(m.resolution) ?? new Set()).add(p));
  }

  it('has mappings for most provinces', () => {
    expect(snapshot.communes).toHaveLength(3321);
    expect(file.generatedBy).toBe('scripts/extract-resolution-mappings.ts');
    expect(file.mappings.length).toBeGreaterThan(0);
  });

  it.each(
    file.mappings.map((m) => [`${m.formerUnitName} → ${m.communeName} (${m.clause}, ${m.resolution})`, m]),
  )('%s', (_label, m) => {
    const commune = communes.get(m.communeCode);
    expect(commune, 'commune code among the 3,321').toBeDefined();
    expect(commune?.name).toBe(m.communeName);
    const unit = units.get(m.formerUnitCode);
    expect(unit, 'former unit code among the package former units').toBeDefined();
    expect([unit?.name, unit?.districtName, unit?.provinceName]).toEqual([
      m.formerUnitName,
      m.districtName,
      m.provinceName,
    ]);
    expect(m.partial).toBe(true);
    expect(m.clause).toMatch(/^Điều 1, khoản \d+$/);
    expect(m.resolution).toMatch(/^16(5[4-9]|[67]\d|8[0-7])\/NQ-UBTVQH15$/);
  });

  it('each resolution maps into one new province', () => {
    for (const [resolution, provinces] of provinceOfResolution)
      expect([resolution, provinces.size]).toEqual([resolution, 1]);
  });

  const byUnit = new Map<string, typeof file.mappings>();
  for (const m of file.mappings) byUnit.set(m.formerUnitCode, [...(byUnit.get(m.formerUnitCode) ?? []), m]);

  it.each([...byUnit].map(([code, rows]) => [`${rows[0]?.formerUnitName} (${code})`, rows]))(
    '%s has ≥ 2 distinct targets from one resolution',
    (_label, rows) => {
      expect(rows.length).toBeGreaterThanOrEqual(2);
      expect(new Set(rows.map((r) => r.communeCode)).size).toBe(rows.length);
      expect(new Set(rows.map((r) => r.resolution)).size).toBe(1);
    },
  );
});

describe('the file is what the script generates', () => {
  let result: ExtractionResult;
  beforeAll(() => {
    result = extractResolutionMappings(readResolutions(), snapshot);
  });

  it('byte for byte', () => {
    expect(fs.readFileSync(OUTPUT_FILE, 'utf8')).toBe(serialize(result.file));
  });

  it('Hà Tĩnh is complete: 67 clauses, 69 communes, nothing unresolved', () => {
    const r = result.reports.find((x) => x.resolution === '1665/NQ-UBTVQH15');
    expect(r && isComplete(r)).toBe(true);
    expect(r).toMatchObject({
      provinceCode: '42',
      mergeClauses: 67,
      declaredFormed: 67,
      declaredTotal: 69,
      packageCommunes: 69,
      unchangedUnits: 2,
      partialFound: 2,
      partialWritten: 2,
      unresolved: [],
      wholeDisagree: [],
    });
  });

  it('parses all 34 resolutions into one province each', () => {
    expect(result.reports).toHaveLength(34);
    expect(new Set(result.reports.map((r) => r.provinceCode)).size).toBe(34);
    for (const r of result.reports)
      expect([r.resolution, r.mergeClauses]).toEqual([r.resolution, r.declaredFormed]);
  });
});

describe('parser', () => {
  it.each([
    ['toàn bộ diện tích tự nhiên, quy mô dân số của', 'whole'],
    ['toàn bộ diện tích tự nhiên và quy mô dân số của', 'whole'],
    ['toàn bộ', 'whole'],
    ['một phần diện tích tự nhiên, quy mô dân số của', 'part'],
    ['một phần diện tích tự nhiên, toàn bộ quy mô dân số của', 'part'],
    ['một phần diện tích tự nhiên của', 'part'],
    ['một phần quy mô dân số của', 'part'],
    ['toàn bộ diện tích tự nhiên của', 'part'],
    ['phần còn lại của', 'part'],
    ['phần quy mô dân số còn lại của', 'part'],
  ])('"%s" is %s', (qualifier, share) => {
    expect(classifyQualifier(qualifier)).toBe(share);
  });

  const read = (text: string) =>
    parseMembers(repairGlue(text), []).map(
      (m) =>
        `${m.share} ${m.kind} ${m.name}${m.hint ? ` (${m.hint})` : ''}${m.refs.length ? ` →${m.refs}` : ''}`,
    );

  it.each([
    [
      'a kind word shared by a list',
      'toàn bộ diện tích tự nhiên, quy mô dân số của các xã Tượng Sơn, Thạch Thắng và Thạch Lạc',
      ['whole xã Tượng Sơn', 'whole xã Thạch Thắng', 'whole xã Thạch Lạc'],
    ],
    [
      'whole and part in one clause, with the remainder reference',
      'toàn bộ diện tích tự nhiên, quy mô dân số của các xã Tân Lâm Hương, xãThạch Đài và phần còn lại của phường ' +
        'Đại Nài sau khi sắp xếp theo quy định tại khoản 59 Điều này',
      ['whole xã Tân Lâm Hương', 'whole xã Thạch Đài', 'part phường Đại Nài →59'],
    ],
    [
      'area only is a part',
      'toàn bộ diện tích tự nhiên, quy mô dân số của phường Kỳ Long, phường Kỳ Thịnh và toàn bộ diện tích tự ' +
        'nhiên của xã Kỳ Lợi',
      ['whole phường Kỳ Long', 'whole phường Kỳ Thịnh', 'part xã Kỳ Lợi'],
    ],
    [
      'a missing comma and glued words',
      'toàn bộ diện tích tự nhiên, quy mô dân số của thị trấn Thiên Cầm xã Nam Phúc Thăng và xã Cẩm Nhượng',
      ['whole thị trấn Thiên Cầm', 'whole xã Nam Phúc Thăng', 'whole xã Cẩm Nhượng'],
    ],
    [
      'glued "xã" and "và"',
      'toàn bộ diện tích tự nhiên, quy mô dân số của thị trấn Nghènxã Thiên Lộc vàxã Vượng Lộc',
      ['whole thị trấn Nghèn', 'whole xã Thiên Lộc', 'whole xã Vượng Lộc'],
    ],
    [
      'numbered wards with a district',
      'toàn bộ diện tích tự nhiên, quy mô dân số của Phường 1, Phường 2 và một phần diện tích tự nhiên, quy mô dân ' +
        'số của Phường 4 (Quận 3)',
      ['whole phường 1', 'whole phường 2', 'part phường 4 (Quận 3)'],
    ],
    [
      'a doubled kind word',
      'phần còn lại của xã xã Đông Hưng và Đông Thới sau khi sắp xếp theo quy định tại khoản 32 Điều này',
      ['part xã Đông Hưng', 'part xã Đông Thới →32'],
    ],
    [
      'an area that is not a former unit',
      'toàn bộ diện tích tự nhiên, quy mô dân số của xã Phong Vân và toàn bộ diện tích tự nhiên của Trường bắn TB1',
      ['whole xã Phong Vân', 'part other Trường bắn TB1'],
    ],
  ])('%s', (_what, text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it('reads the new commune of a clause with glued words', () => {
    const clause = parseClause(
      9,
      'Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của các xã Kỳ Thọ, Kỳ Thư và Kỳ Khangthành xã mới có tên gọi là xã Kỳ Khang.',
      [],
    );
    expect([clause.type, clause.newKind, clause.newName, clause.mentions.map((m) => m.name)]).toEqual([
      'merge',
      'xã',
      'Kỳ Khang',
      ['Kỳ Thọ', 'Kỳ Thư', 'Kỳ Khang'],
    ]);
  });
});
