import type { ComboboxParsedItem, OptionsFilter } from '@mantine/core';
import { foldVietnamese } from '../../common/text';

/** Select/Autocomplete filter matching labels with or without diacritics ("tran phu" finds "Phường Trần Phú"). */
export const foldedFilter: OptionsFilter<string> = ({ options, search }) => {
  const needle = foldVietnamese(search);
  return options.filter(
    (o): o is ComboboxParsedItem<string> => 'label' in o && foldVietnamese(o.label).includes(needle),
  );
};
