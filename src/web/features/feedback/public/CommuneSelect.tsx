import { Select } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { foldVietnamese } from '../../../../common/text';
import { useOnlineCommunes } from '../../dossiers/online-api';

export interface PublicCommune {
  code: string;
  name: string;
  provinceCode: string;
  provinceName: string;
}

/** The communes that use XãSố (they have staff to answer), flattened with their province. */
export function usePublicCommunes() {
  const list = useOnlineCommunes();
  const communes = useMemo<PublicCommune[]>(
    () =>
      (list.data?.provinces ?? []).flatMap((p) =>
        p.communes.map((c) => ({ ...c, provinceCode: p.code, provinceName: p.name })),
      ),
    [list.data],
  );
  return { list, communes, provinces: list.data?.provinces ?? [] };
}

/**
 * A commune among those using XãSố, grouped by province, searched with or without diacritics ("ky anh" finds
 * "Phường Kỳ Anh"); optionally only those of one province.
 */
export function CommuneSelect({
  value,
  onChange,
  label,
  description,
  placeholder,
  error,
  provinceCode,
  required,
  clearable,
  testId,
}: {
  value: string | null;
  onChange: (commune: PublicCommune | null) => void;
  label: string;
  description?: string;
  placeholder?: string;
  error?: string;
  provinceCode?: string | null;
  required?: boolean;
  clearable?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { list, communes } = usePublicCommunes();
  const [search, setSearch] = useState('');
  const chosen = communes.find((c) => c.code === value) ?? null;
  const labelOf = (c: PublicCommune) => (provinceCode ? c.name : `${c.name}, ${c.provinceName}`);
  const words = foldVietnamese(search).split(' ').filter(Boolean);
  const showingChosen = chosen && search === labelOf(chosen);
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const c of communes) {
    if (provinceCode && c.provinceCode !== provinceCode) continue;
    const folded = foldVietnamese(`${c.name} ${c.provinceName}`);
    if (!showingChosen && !words.every((w) => folded.includes(w))) continue;
    const items = groups.get(c.provinceName) ?? [];
    items.push({ value: c.code, label: labelOf(c) });
    groups.set(c.provinceName, items);
  }
  return (
    <Select
      label={label}
      description={description}
      placeholder={placeholder}
      searchable
      required={required}
      clearable={clearable}
      data={[...groups].map(([group, items]) => ({ group, items }))}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onChange={(code) => onChange(communes.find((c) => c.code === code) ?? null)}
      error={error ?? (list.isError ? t('feedbackPublic.communesFailed') : undefined)}
      nothingFoundMessage={list.isPending ? t('common.loading') : t('feedbackPublic.noCommune')}
      maxDropdownHeight={320}
      limit={300}
      comboboxProps={{ withinPortal: true }}
      data-testid={testId}
    />
  );
}
