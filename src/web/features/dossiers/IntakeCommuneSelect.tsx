import { Loader, Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { foldVietnamese } from '../../../common/text';
import { useCommune, useProvinceCommunes } from '../map/api';

/**
 * A commune of the same province as `communeCode`, from the province's list, searched by name or code with or
 * without diacritics. `includeHere` keeps the commune itself as a choice (marked as such). The intake's
 * competent commune and the dossier page's transfer both pick with it.
 */
export function ProvinceCommuneSelect({
  communeCode,
  value,
  onChange,
  label,
  description,
  hereSuffix,
  includeHere = false,
  error,
}: {
  communeCode: string;
  value: string;
  onChange: (code: string) => void;
  label: string;
  description?: string;
  /** Appended to the commune's own name when it is offered, e.g. "nơi tiếp nhận". */
  hereSuffix?: string;
  includeHere?: boolean;
  error?: string;
}) {
  const { t } = useTranslation();
  const here = useCommune(communeCode);
  const communes = useProvinceCommunes(here.data?.province.code ?? '');
  const options = (communes.data?.items ?? [])
    .filter((c) => includeHere || c.code !== communeCode)
    .map((c) => ({
      value: c.code,
      label:
        c.code === communeCode && hereSuffix
          ? `${c.name} (${c.code}) — ${hereSuffix}`
          : `${c.name} (${c.code})`,
    }));
  return (
    <Select
      label={label}
      description={description}
      data={options}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      searchable
      required
      allowDeselect={false}
      filter={({ options: list, search }) => {
        const q = foldVietnamese(search);
        return list.filter((o) => 'label' in o && foldVietnamese(o.label).includes(q));
      }}
      nothingFoundMessage={t('dossier.noCommune')}
      error={error}
      rightSection={communes.isPending && here.data ? <Loader size="xs" /> : undefined}
      limit={80}
    />
  );
}

/** Xã, phường giải quyết hồ sơ at the counter: the centre's own commune, or another of the province (phi địa giới). */
export function IntakeCompetentCommune({
  communeCode,
  value,
  onChange,
  error,
}: {
  communeCode: string;
  value: string;
  onChange: (code: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const competent = useCommune(value);
  const other = value !== '' && value !== communeCode;
  return (
    <div>
      <ProvinceCommuneSelect
        communeCode={communeCode}
        value={value}
        onChange={(code) => onChange(code || communeCode)}
        label={t('intake.competent')}
        description={t('intake.competentHint')}
        hereSuffix={t('intake.here')}
        includeHere
        error={error}
      />
      {other && (
        <Text size="sm" c="blue.8" mt={4} role="status" data-testid="intake-other-commune">
          {t('intake.otherCommune', { name: competent.data?.name ?? value })}
        </Text>
      )}
    </div>
  );
}
