import { foldVietnamese } from '../../../common/text';

/**
 * The checklist document a supplement request asks for, so the citizen's scan is filed under it by default: the
 * first document whose name the officer's first matching item contains (with or without diacritics, e.g. the item
 * "Giấy chứng sinh (bản chụp rõ dấu)" names "Giấy chứng sinh"). The longest name wins when several fit. Undefined
 * when no item names a document (the items are free text).
 */
export function requestedDocument(
  documents: readonly { index: number; name: string }[],
  items: readonly string[],
): number | undefined {
  for (const item of items) {
    const asked = foldVietnamese(item);
    const named = documents
      .filter((d) => d.name.trim() !== '' && asked.includes(foldVietnamese(d.name)))
      .sort((a, b) => b.name.length - a.name.length);
    if (named[0]) return named[0].index;
  }
  return undefined;
}
