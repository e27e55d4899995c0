/**
 * Text handling for the address resolver: tokenising free-text addresses (keeping offsets into the input so the
 * street part can be returned verbatim), folding tokens, and the vocabulary of unit-kind words ("phường", "P.",
 * "TX.", …). Pure and dependency-free apart from `foldVietnamese`.
 */
import { foldVietnamese } from '../../../common/text';

/** A token of the query: `text` is folded (lower case, no diacritics); start/end index the NFC input. */
export interface Token {
  text: string;
  start: number;
  end: number;
  /** A comma-like separator (or the start of the text) comes before this token. */
  boundary: boolean;
}

/** Canonical kind of an administrative unit, as a folded word. */
export type UnitKind =
  | 'xa'
  | 'phuong'
  | 'thi tran'
  | 'dac khu'
  | 'quan'
  | 'huyen'
  | 'thi xa'
  | 'thanh pho'
  | 'tinh';

export const WARD_KINDS: ReadonlySet<UnitKind> = new Set<UnitKind>(['xa', 'phuong', 'thi tran', 'dac khu']);
export const DISTRICT_KINDS: ReadonlySet<UnitKind> = new Set<UnitKind>([
  'quan',
  'huyen',
  'thi xa',
  'thanh pho',
]);
export const PROVINCE_KINDS: ReadonlySet<UnitKind> = new Set<UnitKind>(['tinh', 'thanh pho']);

/** Surface forms (folded, space-separated tokens) of kind words, including the usual abbreviations. */
const KIND_WORDS: Record<string, UnitKind> = {
  xa: 'xa',
  x: 'xa',
  phuong: 'phuong',
  p: 'phuong',
  ph: 'phuong',
  f: 'phuong',
  'thi tran': 'thi tran',
  tt: 'thi tran',
  thitran: 'thi tran',
  'dac khu': 'dac khu',
  dk: 'dac khu',
  quan: 'quan',
  q: 'quan',
  huyen: 'huyen',
  h: 'huyen',
  'thi xa': 'thi xa',
  tx: 'thi xa',
  thixa: 'thi xa',
  'thanh pho': 'thanh pho',
  tp: 'thanh pho',
  thanhpho: 'thanh pho',
  tinh: 'tinh',
  t: 'tinh',
};

/** Words that may close an address without meaning anything to the resolver. */
export const FILLER_PHRASES: readonly string[] = ['viet nam', 'vietnam', 'vn', 'nuoc chxhcn viet nam'];

export interface KindMatch {
  kind: UnitKind;
  start: number; // token index
  end: number; // exclusive
}

const BOUNDARY_RE = /[,;()|\n\-–—]/;
const TOKEN_RE = /[\p{L}\p{N}\p{M}'’ʼ‘`´]+/gu;
const APOSTROPHES_RE = /['’ʼ‘`´]/g;
const HAS_APOSTROPHE_RE = /['’ʼ‘`´]/;
/** "P13", "Q1", "F.7" once split on the dot: a kind abbreviation glued to a number. */
const GLUED_NUMBER_RE = /^(p|f|q|phuong|quan|x|xa)(\d+)$/;
const FOLD_CACHE_LIMIT = 50_000;
const foldCache = new Map<string, string>();

/** Folds one raw token ("Đại" → "dai", "M'Gar" → "mgar", "05" → "5"), memoised. */
export function foldToken(raw: string): string {
  let folded = foldCache.get(raw);
  if (folded !== undefined) return folded;
  folded = foldVietnamese(raw.replace(APOSTROPHES_RE, ''));
  if (/^\d+$/.test(folded)) folded = folded.replace(/^0+(?=\d)/, '');
  if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache.clear();
  foldCache.set(raw, folded);
  return folded;
}

/** Splits text into folded tokens; punctuation (",", ".", "-", "/") only separates. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const m of text.matchAll(TOKEN_RE)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const folded = foldToken(m[0]);
    if (!folded) continue;
    const boundary = tokens.length === 0 || BOUNDARY_RE.test(text.slice(previousEnd, start));
    previousEnd = end;
    const glued = GLUED_NUMBER_RE.exec(folded);
    if (glued?.[1] && glued[2]) {
      tokens.push({ text: glued[1], start, end: start + glued[1].length, boundary });
      tokens.push({
        text: glued[2].replace(/^0+(?=\d)/, ''),
        start: start + glued[1].length,
        end,
        boundary: false,
      });
      continue;
    }
    // A folded token can contain spaces only if the input had odd whitespace inside a match; be safe.
    for (const part of folded.split(' ')) if (part) tokens.push({ text: part, start, end, boundary });
  }
  return tokens;
}

/** Folded name keys of a unit name, with the variants people type for names containing apostrophes. */
export function nameKeys(bareName: string): string[] {
  const variants = new Set<string>();
  const add = (text: string) => {
    const key = tokenize(text)
      .map((t) => t.text)
      .join(' ');
    if (key) variants.add(key);
  };
  add(bareName); // "Ea M'Doal" → "ea mdoal", "Ea M' Doal" → "ea m doal"
  if (HAS_APOSTROPHE_RE.test(bareName)) {
    add(bareName.replace(/['’ʼ‘`´]\s*/g, '')); // "M' Doal" → "mdoal"
    add(bareName.replace(APOSTROPHES_RE, ' ')); // "M'Doal" → "m doal"
  }
  return [...variants];
}

const NAME_PREFIXES: readonly [string, UnitKind][] = [
  ['thi tran ', 'thi tran'],
  ['thi xa ', 'thi xa'],
  ['thanh pho ', 'thanh pho'],
  ['dac khu ', 'dac khu'],
  ['phuong ', 'phuong'],
  ['xa ', 'xa'],
  ['quan ', 'quan'],
  ['huyen ', 'huyen'],
  ['tinh ', 'tinh'],
];

/** "Thị xã Kỳ Anh" → { kind: 'thi xa', bare: "Kỳ Anh" } (bare keeps the original spelling). */
export function splitKind(name: string, fallback: UnitKind): { kind: UnitKind; bare: string } {
  const folded = foldVietnamese(name);
  for (const [prefix, kind] of NAME_PREFIXES) {
    if (folded.startsWith(prefix) && folded.length > prefix.length) {
      const words = prefix.trim().split(' ').length;
      return { kind, bare: name.trim().split(/\s+/).slice(words).join(' ') };
    }
  }
  return { kind: fallback, bare: name.trim() };
}

/** Kind words starting at each token position (one- and two-token forms). */
export function findKindWords(tokens: readonly Token[]): KindMatch[] {
  const found: KindMatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const one = tokens[i]!.text;
    const single = KIND_WORDS[one];
    if (single) found.push({ kind: single, start: i, end: i + 1 });
    const next = tokens[i + 1];
    if (next) {
      const double = KIND_WORDS[`${one} ${next.text}`];
      if (double) found.push({ kind: double, start: i, end: i + 2 });
    }
  }
  return found;
}

/** Spellings of a name for tie-breaking on diacritics ("Hoằng Quý" vs "Hoằng Quỳ", "Yên Hoà" vs "Yên Hòa"). */
export interface AccentForms {
  exact: string; // NFC, apostrophes dropped, separators → one space
  lower: string;
  tone: string; // lower, with old-style tone placement ("hoà", "thuỷ") rewritten to the new one
  plain: boolean; // typed without diacritics: nothing to compare
}

const OLD_TONE: Record<string, string> = {
  oà: 'òa',
  oá: 'óa',
  oả: 'ỏa',
  oã: 'õa',
  oạ: 'ọa',
  oè: 'òe',
  oé: 'óe',
  oẻ: 'ỏe',
  oẽ: 'õe',
  oẹ: 'ọe',
  uỳ: 'ùy',
  uý: 'úy',
  uỷ: 'ủy',
  uỹ: 'ũy',
  uỵ: 'ụy',
};
const OLD_TONE_RE = new RegExp(Object.keys(OLD_TONE).join('|'), 'g');

/** `plain` defaults to "the text has no diacritics"; pass the whole query's verdict for a span of it. */
export function accentForms(text: string, plain?: boolean): AccentForms {
  const exact = text
    .normalize('NFC')
    .replace(APOSTROPHES_RE, '')
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .trim();
  const lower = exact.toLowerCase();
  return {
    exact,
    lower,
    tone: lower.replace(OLD_TONE_RE, (m) => OLD_TONE[m] ?? m),
    plain: plain ?? foldVietnamese(lower) === lower,
  };
}

/** True when the text carries no diacritics (typed on a plain keyboard): "Thanh" then says nothing. */
export function isPlainText(text: string): boolean {
  return !/[^\p{ASCII}]/u.test(text);
}

/** A small bonus when the query's diacritics agree with the name's; 0 for queries typed without them. */
export function accentBonus(query: AccentForms, name: AccentForms): number {
  if (query.plain) return 0;
  if (query.exact === name.exact) return 0.06;
  if (query.lower === name.lower) return 0.05;
  if (query.tone === name.tone) return 0.03;
  return 0;
}

export function isNumericKey(key: string): boolean {
  return /^\d+$/.test(key);
}
