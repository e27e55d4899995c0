/**
 * Vietnamese text folding: lower case, no diacritics, "đ" → "d", single spaces.
 * Used wherever people search names "with or without dấu" (server and web alike),
 * so "Trần Phú", "tran phu" and "TRAN  PHU" all fold to "tran phu".
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
