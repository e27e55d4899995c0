import { foldVietnamese } from '../../../common/text';

/** Name or code contains the search, with or without diacritics ("chung thuc" finds "Chứng thực"). */
export function matchesSearch(p: { name: string; code: string }, q: string): boolean {
  const needle = foldVietnamese(q);
  return !needle || foldVietnamese(p.name).includes(needle) || p.code.includes(needle);
}
