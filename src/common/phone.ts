/**
 * Vietnamese phone numbers, one rule everywhere (filing, look-up, search): spaces, dots, dashes and brackets are
 * dropped, and the international prefix +84 / 0084 / 84 becomes the domestic 0. "+84 912.345.678",
 * "0912 345 678" and "84912345678" are all "0912345678". Whether the result is a valid number is
 * `isVietnamesePhone`'s business (mobile 03/05/07/08/09 + 8 digits, landline 02 + 9 digits).
 */
export function normalizePhone(input: string): string {
  let s = input.trim().replace(/[\s.\-()\u00a0]/g, '');
  if (s.startsWith('+84')) s = `0${s.slice(3)}`;
  else if (s.startsWith('0084')) s = `0${s.slice(4)}`;
  else if (/^84\d{9,10}$/.test(s)) s = `0${s.slice(2)}`;
  return s;
}

export const VIETNAMESE_PHONE = /^(0[35789]\d{8}|02\d{9})$/;

export function isVietnamesePhone(normalized: string): boolean {
  return VIETNAMESE_PHONE.test(normalized);
}
