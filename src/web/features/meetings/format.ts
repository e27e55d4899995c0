/** Pure helpers of the meeting screens: thresholds, quorum lines, local times, the planned agenda's length. */

export interface ThresholdLike {
  comparison: 'at_least' | 'more_than';
  numerator: number;
  denominator: number;
}

/** "quá 1/2" / "ít nhất 2/3" (vi), "more than 1/2" / "at least 2/3" (en). */
export function thresholdText(t: ThresholdLike, lang: string): string {
  const fraction = `${t.numerator}/${t.denominator}`;
  if (lang.startsWith('en')) return `${t.comparison === 'at_least' ? 'at least' : 'more than'} ${fraction}`;
  return `${t.comparison === 'at_least' ? 'ít nhất' : 'quá'} ${fraction}`;
}

/** Votes needed out of a base: at_least → ceil(base·n/d); more_than → floor(base·n/d)+1 (as rules.ts). */
export function requiredOf(base: number, t: ThresholdLike): number {
  const exact = (base * t.numerator) / t.denominator;
  return t.comparison === 'at_least' ? Math.ceil(exact - 1e-9) : Math.floor(exact + 1e-9) + 1;
}

/** Local clock (UTC+7) of an instant: '08:05'. */
export function clockOf(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  return new Date(ms + 7 * 3600_000).toISOString().slice(11, 16);
}

/** mm:ss of a running timer, from whole seconds (negative shows as 00:00). */
export function timerText(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const m = Math.floor(s / 60);
  return `${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** The articles of a paper's text ("Điều 1. …" headings) for comments on an article. */
export function articlesOf(body: string | null | undefined): { anchor: string; text: string }[] {
  if (!body) return [];
  const out: { anchor: string; text: string }[] = [];
  const lines = body.split(/\r?\n/);
  let current: { anchor: string; lines: string[] } | null = null;
  for (const line of lines) {
    const m = /^\s*(Điều\s+\d+[a-zđ]?)\b\.?/iu.exec(line);
    if (m) {
      if (current) out.push({ anchor: current.anchor, text: current.lines.join('\n').trim() });
      current = { anchor: m[1]!.replace(/\s+/g, ' '), lines: [line] };
    } else if (current) current.lines.push(line);
  }
  if (current) out.push({ anchor: current.anchor, text: current.lines.join('\n').trim() });
  return out;
}

/** Local date + time (Asia/Ho_Chi_Minh) to an ISO instant: '2025-06-20', '08:00' → '2025-06-20T01:00:00.000Z'. */
export function localToInstant(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{1,2}:\d{2}$/.test(time)) return null;
  const [h, m] = time.split(':').map(Number) as [number, number];
  if (h > 23 || m > 59) return null;
  const ms = Date.parse(`${date}T00:00:00Z`) + (h * 60 + m - 7 * 60) * 60_000;
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
