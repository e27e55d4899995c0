import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface FilterInputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
}

/** A filter box for a list shown on the page (filters as you type, diacritics optional). */
export function FilterInput({ label, value, onChange }: FilterInputProps) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={label}
      description={t('map.filterHint')}
      type="search"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      maw={420}
      spellCheck={false}
      autoComplete="off"
    />
  );
}
