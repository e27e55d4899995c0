import { describe, expect, it } from 'vitest';
import { bodiesForCommune, splitCommuneName, titlesOf } from './template';

describe('body template per commune kind', () => {
  it.each([
    ['phuong', 'Phường Trần Phú', 'Phòng Kinh tế, Hạ tầng và Đô thị', ['Phòng Kinh tế', 'Hội Nông dân']],
    ['xa', 'Xã Hương Khê', 'Phòng Kinh tế', ['Phòng Kinh tế, Hạ tầng và Đô thị']],
    ['dac_khu', 'Đặc khu Côn Đảo', 'Phòng Kinh tế', ['Phòng Kinh tế, Hạ tầng và Đô thị', 'Hội Nông dân']],
  ] as const)('%s "%s" has %s and not %j', (kind, name, has, hasNot) => {
    const names = bodiesForCommune(kind, name).map((b) => b.name);
    expect(names).toContain(has);
    for (const n of hasNot) expect(names).not.toContain(n);
  });

  it.each([
    ['Phường Trần Phú', 'phuong', 'Ủy ban nhân dân phường Trần Phú'],
    ['Xã Hương Khê', 'xa', 'Đảng ủy xã Hương Khê'],
    ['Đặc khu Phú Quốc', 'dac_khu', 'Hội đồng nhân dân đặc khu Phú Quốc'],
  ] as const)('names the top bodies after the commune: %s', (name, kind, expected) => {
    expect(bodiesForCommune(kind, name).map((b) => b.name)).toContain(expected);
  });

  it('lists parents before children with unique keys, every child under a known parent', () => {
    for (const kind of ['xa', 'phuong', 'dac_khu'] as const) {
      const bodies = bodiesForCommune(kind, 'Xã Thử');
      const seen = new Set<string>();
      for (const b of bodies) {
        expect(seen.has(b.key)).toBe(false);
        if (b.parentKey) expect(seen.has(b.parentKey)).toBe(true);
        seen.add(b.key);
      }
    }
  });

  it('puts the specialised bodies and the service center under the UBND, mass organisations under the Front', () => {
    const bodies = bodiesForCommune('xa', 'Xã Thử');
    const parentOf = (key: string) => bodies.find((b) => b.key === key)?.parentKey;
    expect(['van_phong', 'phong_kinh_te', 'phong_vhxh', 'ttpvhcc'].map(parentOf)).toEqual([
      'ubnd',
      'ubnd',
      'ubnd',
      'ubnd',
    ]);
    expect(['hoi_lhpn', 'doan_tn', 'hoi_nong_dan', 'hoi_ccb'].map(parentOf)).toEqual([
      'mttq',
      'mttq',
      'mttq',
      'mttq',
    ]);
    expect(['dang_uy_bch', 'dang_uy_btv', 'dang_uy_tt'].map(parentOf)).toEqual([
      'dang_uy',
      'dang_uy',
      'dang_uy',
    ]);
    expect(['hdnd_tt', 'hdnd_ban_ktns', 'hdnd_ban_vhxh', 'hdnd_dai_bieu'].map(parentOf)).toEqual([
      'hdnd',
      'hdnd',
      'hdnd',
      'hdnd',
    ]);
  });

  it.each([
    ['Phường Trần Phú', 'phường', 'Trần Phú'],
    ['Xã Sơn Kim 1', 'xã', 'Sơn Kim 1'],
    ['Đặc khu Côn Đảo', 'đặc khu', 'Côn Đảo'],
    ['Ba Đình', '', 'Ba Đình'],
  ])('splits "%s"', (name, kindWord, place) => {
    expect(splitCommuneName(name)).toEqual({ kindWord, place });
  });

  it('offers the usual titles of a template body, none for bodies added by hand', () => {
    expect(titlesOf('ubnd')).toEqual(['Chủ tịch UBND', 'Phó Chủ tịch UBND', 'Ủy viên UBND']);
    expect(titlesOf('ttpvhcc')).toContain('Giám đốc');
    expect(titlesOf(null)).toEqual([]);
    expect(titlesOf('unknown')).toEqual([]);
  });
});
