/** Calendar dates as the API sends them ('YYYY-MM-DD'), shown the Vietnamese way (dd/mm/yyyy). */

/** '2025-04-30' → '30/04/2025'; anything else is returned unchanged. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** 0 = Sunday … 6 = Saturday, independent of the browser's time zone. */
export function weekdayOf(iso: string): 0 | 1 | 2 | 3 | 4 | 5 | 6 {
  return new Date(`${iso}T00:00:00Z`).getUTCDay() as 0 | 1 | 2 | 3 | 4 | 5 | 6;
}

/** i18n key of a weekday name. */
export function weekdayKey(iso: string) {
  return `weekday.d${weekdayOf(iso)}` as const;
}

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Accepts 'dd/mm/yyyy' (also d/m/yyyy, with '-' or '.') or 'yyyy-mm-dd'; returns 'YYYY-MM-DD' or null. */
export function parseDate(text: string): string | null {
  const s = text.trim();
  let y: number;
  let m: number;
  let d: number;
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (vn) [d, m, y] = [Number(vn[1]), Number(vn[2]), Number(vn[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  if (!isRealDate(y, m, d)) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Today in Vietnam (UTC+7), as 'YYYY-MM-DD'. */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
