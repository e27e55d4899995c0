/** What the hall display shows and says. Pure. */

/**
 * The spoken call: "UA005" → "Mời số ưu tiên A 5 đến quầy 2" (a voice reads "A005" badly: letters apart, the
 * number as a number).
 */
export function spokenCall(number: string, counterNumber: number): string {
  const m = number.match(/^(U?)([A-Z])(\d+)$/);
  if (!m) return `Mời số ${number} đến quầy ${counterNumber}`;
  const [, priority, letter, digits] = m;
  return `Mời số ${priority ? 'ưu tiên ' : ''}${letter} ${Number(digits)} đến quầy ${counterNumber}`;
}

/** Seconds as "12 phút" / "1 giờ 05 phút"; "—" when unknown. Under a minute counts as "< 1 phút". */
export function formatWait(seconds: number | null, lang: string): string {
  if (seconds === null) return '—';
  const en = lang.startsWith('en');
  const minutes = Math.round(seconds / 60);
  if (seconds < 60) return en ? '< 1 min' : '< 1 phút';
  if (minutes < 60) return en ? `${minutes} min` : `${minutes} phút`;
  const h = Math.floor(minutes / 60);
  const mm = String(minutes % 60).padStart(2, '0');
  return en ? `${h} h ${mm} min` : `${h} giờ ${mm} phút`;
}

/** 'HH:mm' of an instant in Vietnam time (UTC+7). */
export function localClock(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  return new Date(ms + 7 * 3600_000).toISOString().slice(11, 16);
}
