/** Instants (ISO timestamps from the API) shown in Vietnam time as dd/mm/yyyy HH:mm:ss. */

/** '2025-06-20T02:03:04.000Z' → '20/06/2025 09:03:04' (UTC+7, no daylight saving). */
export function formatDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const v = new Date(ms + 7 * 3600_000).toISOString();
  return `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)} ${v.slice(11, 19)}`;
}
