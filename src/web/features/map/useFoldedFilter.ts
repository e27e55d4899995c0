import { useMemo } from 'react';
import { foldVietnamese } from '../../../common/text';

/** Items whose name contains the filter, with or without diacritics ("tran phu" finds "Phường Trần Phú"). */
export function useFoldedFilter<T>(
  items: readonly T[] | undefined,
  filter: string,
  nameOf: (item: T) => string,
): T[] {
  const folded = useMemo(
    () => (items ?? []).map((item) => ({ item, key: foldVietnamese(nameOf(item)) })),
    [items, nameOf],
  );
  const needle = foldVietnamese(filter);
  return useMemo(
    () => (needle ? folded.filter((f) => f.key.includes(needle)) : folded).map((f) => f.item),
    [folded, needle],
  );
}
