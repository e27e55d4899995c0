/**
 * Before/after of an audit entry as a reader sees a change: only the fields that differ, each as old → new. Nested
 * objects are walked to their leaves ("applicant.phone"); lists are compared as whole values unless both are lists
 * of the same length (then item by item, "documents.2.note"). Pure.
 */
export interface FieldDiff {
  path: string;
  before: unknown;
  after: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function walk(path: string[], a: unknown, b: unknown, out: FieldDiff[]) {
  if (same(a, b)) return;
  if (isRecord(a) && isRecord(b)) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
    for (const k of keys) walk([...path, k], a[k], b[k], out);
    return;
  }
  if (isRecord(a) && b === undefined) {
    for (const k of Object.keys(a)) walk([...path, k], a[k], undefined, out);
    return;
  }
  if (a === undefined && isRecord(b)) {
    for (const k of Object.keys(b)) walk([...path, k], undefined, b[k], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    for (let i = 0; i < a.length; i++) walk([...path, String(i)], a[i], b[i], out);
    return;
  }
  out.push({ path: path.join('.'), before: a, after: b });
}

/** The changed fields from `before` to `after` (either may be null: a creation or a deletion). */
export function auditDiff(before: unknown, after: unknown): FieldDiff[] {
  const out: FieldDiff[] = [];
  const a = before ?? undefined;
  const b = after ?? undefined;
  if (a === undefined && b === undefined) return out;
  if (!isRecord(a) && !isRecord(b)) {
    if (!same(a, b)) out.push({ path: '', before: a, after: b });
    return out;
  }
  walk([], a, b, out);
  return out;
}

/** A value on one line: text as it is, nothing as "—", yes/no, lists and objects as compact JSON. */
export function formatValue(v: unknown, words: { none: string; yes: string; no: string }): string {
  if (v === undefined || v === null || v === '') return words.none;
  if (typeof v === 'boolean') return v ? words.yes : words.no;
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return JSON.stringify(v);
}
