import { Select, type SelectProps, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Official } from '../../../common/api/org';
import { foldVietnamese } from '../../../common/text';

export interface PersonOption {
  id: string;
  fullName: string;
  /** Current titles, shown under the name in the list. */
  titles: string[];
}

export const toPersonOption = (o: Official): PersonOption => ({
  id: o.id,
  fullName: o.fullName,
  titles: o.positions.filter((p) => p.current).map((p) => p.title),
});

type OfficialSelectProps = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'filter' | 'renderOption'> & {
  people: PersonOption[];
  value: string | null;
  onChange: (id: string | null) => void;
};

/** Chooses one of the commune's officials by typing part of the name, with or without diacritics. */
export function OfficialSelect({ people, value, onChange, ...props }: OfficialSelectProps) {
  const { t } = useTranslation();
  const byId = new Map(people.map((p) => [p.id, p]));
  return (
    <Select
      data={people.map((p) => ({ value: p.id, label: p.fullName }))}
      value={value}
      onChange={onChange}
      searchable
      // Typing replaces the chosen name instead of adding to it.
      onFocus={(e) => e.currentTarget.select()}
      nothingFoundMessage={t('official.noMatchShort')}
      filter={({ options, search }) => {
        const needle = foldVietnamese(search);
        return options.filter((o) => {
          if (!('value' in o)) return false;
          const person = byId.get(String(o.value));
          return foldVietnamese(`${o.label} ${person?.titles.join(' ') ?? ''}`).includes(needle);
        });
      }}
      renderOption={({ option }) => {
        const person = byId.get(String(option.value));
        return (
          <Stack gap={0}>
            <Text size="sm">{option.label}</Text>
            {person && person.titles.length > 0 && (
              <Text size="xs" c="dimmed">
                {person.titles.join(', ')}
              </Text>
            )}
          </Stack>
        );
      }}
      {...props}
    />
  );
}
