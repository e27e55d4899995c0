/** A file size as people read it: "850 KB", "1,2 MB" (Vietnamese decimal comma) or "1.2 MB". */
export function formatFileSize(bytes: number, lang: 'vi' | 'en' = 'vi'): string {
  const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
  const fmt = (n: number, digits: number) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
  if (bytes < 1024) return `${fmt(bytes, 0)} B`;
  if (bytes < 1024 * 1024) return `${fmt(Math.round(bytes / 1024), 0)} KB`;
  return `${fmt(bytes / 1024 / 1024, 1)} MB`;
}
