/** Small pure helpers of the dossier dashboard: months, rates and counts the Vietnamese way. */

/** '2026-03' → '03/2026'. */
export function formatMonth(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${m[2]}/${m[1]}` : month;
}

/** The `count` months up to the one of `today` ('YYYY-MM-DD'), newest first. */
export function recentMonths(today: string, count: number): string[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

const locale = (language: string) => (language === 'en' ? 'en-GB' : 'vi-VN');

/** 1234 → '1.234' (vi) or '1,234' (en). */
export function formatCount(n: number, language: string): string {
  return new Intl.NumberFormat(locale(language)).format(n);
}

/** 0.5556 → '55,6%' (vi) or '55.6%' (en); null → '—'. */
export function formatRate(rate: number | null, language: string): string {
  if (rate === null) return '—';
  return new Intl.NumberFormat(locale(language), {
    style: 'percent',
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  }).format(rate);
}

/** The change of a rate in percentage points, rounded to 0.1; null when either side is unknown. */
export function pointsChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null) return null;
  return Math.round((current - previous) * 1000) / 10;
}
