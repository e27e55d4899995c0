/**
 * The resolver's precomputed index: every name (old ward, old district, old province, new commune, new
 * province) folded into a token key, plus integer ids linking units to their districts, provinces and targets.
 * Built once per snapshot (≈ 50 ms for the whole country) and then shared read-only.
 */
import { foldVietnamese } from '../../../common/text';
import {
  type AccentForms,
  accentForms,
  FILLER_PHRASES,
  isNumericKey,
  nameKeys,
  splitKind,
  tokenize,
  type UnitKind,
} from './resolver-text';
import type { AdminMapSnapshot } from './types';

export interface IndexedProvince {
  code: string;
  name: string;
  kind: UnitKind;
}

export interface IndexedCommune {
  code: string;
  name: string;
  provinceId: number;
  kind: UnitKind;
  accent: AccentForms;
  /** Old districts and old provinces some of whose units went (wholly or partly) into this commune. */
  districtIds: Set<number>;
  oldProvinceIds: Set<number>;
}

export interface IndexedOldProvince {
  name: string;
  kind: UnitKind;
}

export interface IndexedDistrict {
  name: string;
  oldProvinceId: number;
  kind: UnitKind;
  accent: AccentForms;
}

export interface IndexedUnit {
  code: string;
  name: string;
  districtName: string;
  provinceName: string;
  districtId: number;
  oldProvinceId: number;
  kind: UnitKind;
  accent: AccentForms;
  /** Targets present in the snapshot's commune list (rows pointing at unknown codes are dropped). */
  targets: { commune: number; partial: boolean }[];
  /** New provinces of the targets, sorted, deduplicated. */
  targetProvinces: number[];
}

/** Everything a folded name key can stand for. Arrays hold ids into the index's tables. */
export interface NameEntry {
  wards: number[];
  communes: number[];
  /** Communes reached through a shortened name ("Lâm Viên" for "Phường Lâm Viên - Đà Lạt"). */
  communeAliases: number[];
  districts: number[];
  oldProvinces: number[];
  provinces: number[];
  filler: boolean;
  /** A bare number ("13" of "Phường 13"): only counts after a kind word. */
  numeric: boolean;
}

export interface ResolverIndex {
  provinces: IndexedProvince[];
  communes: IndexedCommune[];
  oldProvinces: IndexedOldProvince[];
  districts: IndexedDistrict[];
  units: IndexedUnit[];
  names: Map<string, NameEntry>;
  /** Longest name key, in tokens: bounds the span search. */
  maxNameTokens: number;
}

/** Informal names of provinces, keyed by the folded bare official name. */
const PROVINCE_ALIASES: Record<string, string[]> = {
  'ho chi minh': ['hcm', 'tphcm', 'tp hcm', 'sai gon', 'saigon', 'sg', 'hcmc'],
  'ha noi': ['hn', 'tphn'],
  hue: ['thua thien hue', 'tt hue'],
  'ba ria vung tau': ['brvt', 'ba ria', 'vung tau'],
};

function provinceKind(name: string): UnitKind {
  return foldVietnamese(name).startsWith('thanh pho') ? 'thanh pho' : 'tinh';
}

export function buildResolverIndex(snapshot: AdminMapSnapshot): ResolverIndex {
  const names = new Map<string, NameEntry>();
  let maxNameTokens = 1;
  const entry = (key: string): NameEntry => {
    let e = names.get(key);
    if (!e) {
      e = {
        wards: [],
        communes: [],
        communeAliases: [],
        districts: [],
        oldProvinces: [],
        provinces: [],
        filler: false,
        numeric: isNumericKey(key),
      };
      names.set(key, e);
      maxNameTokens = Math.max(maxNameTokens, key.split(' ').length);
    }
    return e;
  };
  const register = (bare: string, list: keyof Omit<NameEntry, 'filler' | 'numeric'>, id: number) => {
    for (const key of nameKeys(bare)) entry(key)[list].push(id);
  };
  const registerProvinceKeys = (bare: string, list: 'provinces' | 'oldProvinces', id: number) => {
    const keys = new Set(nameKeys(bare));
    for (const key of [...keys]) {
      keys.add(key.replace(/ /g, '')); // "hochiminh", "daklak"
      for (const alias of PROVINCE_ALIASES[key] ?? []) keys.add(alias);
    }
    for (const key of keys) entry(key)[list].push(id);
  };

  // New provinces and communes.
  const provinces: IndexedProvince[] = [];
  const provinceByCode = new Map<string, number>();
  for (const p of snapshot.provinces) {
    const id = provinces.length;
    provinces.push({ code: p.code, name: p.name, kind: provinceKind(p.name) });
    provinceByCode.set(p.code, id);
    registerProvinceKeys(splitKind(p.name, 'tinh').bare, 'provinces', id);
  }
  const communes: IndexedCommune[] = [];
  const communeByCode = new Map<string, number>();
  for (const c of snapshot.communes) {
    const provinceId = provinceByCode.get(c.provinceCode);
    if (provinceId === undefined) continue;
    const id = communes.length;
    const { kind, bare } = splitKind(c.name, 'xa');
    communes.push({
      code: c.code,
      name: c.name,
      provinceId,
      kind,
      accent: accentForms(bare),
      districtIds: new Set(),
      oldProvinceIds: new Set(),
    });
    communeByCode.set(c.code, id);
    register(bare, 'communes', id);
    const dash = bare.split(/\s+[-–]\s+/);
    if (dash.length > 1 && dash[0]) register(dash[0], 'communeAliases', id);
  }

  // Old provinces, districts and units.
  const oldProvinces: IndexedOldProvince[] = [];
  const oldProvinceByName = new Map<string, number>();
  const districts: IndexedDistrict[] = [];
  const districtByKey = new Map<string, number>();
  const units: IndexedUnit[] = [];
  for (const u of snapshot.formerUnits) {
    let oldProvinceId = oldProvinceByName.get(u.provinceName);
    if (oldProvinceId === undefined) {
      oldProvinceId = oldProvinces.length;
      oldProvinces.push({ name: u.provinceName, kind: provinceKind(u.provinceName) });
      oldProvinceByName.set(u.provinceName, oldProvinceId);
      registerProvinceKeys(splitKind(u.provinceName, 'tinh').bare, 'oldProvinces', oldProvinceId);
    }
    const districtKey = `${u.provinceName}|${u.districtName}`;
    let districtId = districtByKey.get(districtKey);
    if (districtId === undefined) {
      districtId = districts.length;
      const { kind, bare } = splitKind(u.districtName, 'huyen');
      districts.push({ name: u.districtName, oldProvinceId, kind, accent: accentForms(bare) });
      districtByKey.set(districtKey, districtId);
      register(bare, 'districts', districtId);
    }
    const targets: IndexedUnit['targets'] = [];
    const targetProvinces = new Set<number>();
    for (const t of u.targets) {
      const commune = communeByCode.get(t.communeCode);
      if (commune === undefined || targets.some((x) => x.commune === commune)) continue;
      targets.push({ commune, partial: t.partial });
      const c = communes[commune]!;
      targetProvinces.add(c.provinceId);
      c.districtIds.add(districtId);
      c.oldProvinceIds.add(oldProvinceId);
    }
    if (targets.length === 0) continue; // nowhere to send the user
    const { kind, bare } = splitKind(u.name, 'xa');
    const id = units.length;
    units.push({
      code: u.code,
      name: u.name,
      districtName: u.districtName,
      provinceName: u.provinceName,
      districtId,
      oldProvinceId,
      kind,
      accent: accentForms(bare),
      targets,
      targetProvinces: [...targetProvinces].sort((a, b) => a - b),
    });
    register(bare, 'wards', id);
  }

  for (const phrase of FILLER_PHRASES) {
    entry(
      tokenize(phrase)
        .map((t) => t.text)
        .join(' '),
    ).filler = true;
  }
  return { provinces, communes, oldProvinces, districts, units, names, maxNameTokens };
}
