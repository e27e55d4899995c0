import { Group, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../common/roles';
import { foldedFilter } from '../../lib/foldedFilter';
import { useProvinceCommunes, useProvinces } from '../map/api';
import type { GrantInput } from './api';

/** Where a role applies: system-wide, a province, or (every other role) one commune. */
export const scopeOf = (role: Role) =>
  role === 'system_admin'
    ? 'system'
    : role === 'province_officer' || role === 'province_department'
      ? 'province'
      : 'commune';

interface GrantFieldsProps {
  value: GrantInput;
  onChange: (grant: GrantInput) => void;
  /** Messages for the commune or province (ours when missing, or the server's). */
  scopeError?: string;
}

/** A role and where it applies: the province, then (for commune roles) the commune, both searchable. */
export function GrantFields({ value, onChange, scopeError }: GrantFieldsProps) {
  const { t } = useTranslation();
  const provinces = useProvinces();
  const scope = scopeOf(value.role);
  return (
    <Group align="flex-start" gap="sm">
      <Select
        label={t('accounts.role')}
        data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        value={value.role}
        onChange={(role) =>
          role &&
          onChange({ role: role as Role, provinceCode: value.provinceCode, communeCode: value.communeCode })
        }
        allowDeselect={false}
        w={240}
      />
      {scope !== 'system' && (
        <Select
          label={t('common.province')}
          data={(provinces.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))}
          value={value.provinceCode}
          onChange={(provinceCode) => onChange({ ...value, provinceCode, communeCode: null })}
          searchable
          filter={foldedFilter}
          nothingFoundMessage={t('work.switcher.none')}
          w={220}
          error={scope === 'province' ? scopeError : undefined}
        />
      )}
      {scope === 'commune' && (
        <CommuneSelect
          provinceCode={value.provinceCode}
          value={value.communeCode}
          onChange={(communeCode) => onChange({ ...value, communeCode })}
          error={scopeError}
        />
      )}
    </Group>
  );
}

interface CommuneSelectProps {
  provinceCode: string | null;
  value: string | null;
  onChange: (code: string | null) => void;
  error?: string;
}

function CommuneSelect({ provinceCode, value, onChange, error }: CommuneSelectProps) {
  const { t } = useTranslation();
  if (!provinceCode)
    return (
      <Select
        label={t('common.commune')}
        description={t('accounts.provinceFirst')}
        data={[]}
        value={null}
        disabled
        w={280}
        error={error}
      />
    );
  return (
    <ProvinceCommuneSelect provinceCode={provinceCode} value={value} onChange={onChange} error={error} />
  );
}

function ProvinceCommuneSelect({
  provinceCode,
  value,
  onChange,
  error,
}: CommuneSelectProps & { provinceCode: string }) {
  const { t } = useTranslation();
  const communes = useProvinceCommunes(provinceCode);
  return (
    <Select
      label={t('common.commune')}
      data={(communes.data?.items ?? []).map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))}
      value={value}
      onChange={onChange}
      searchable
      filter={foldedFilter}
      nothingFoundMessage={t('work.switcher.none')}
      w={280}
      error={error}
    />
  );
}

/** The grant's fields as the API takes them (only the scope its role uses). */
export function toGrant(g: GrantInput): GrantInput {
  const scope = scopeOf(g.role);
  return {
    role: g.role,
    provinceCode: scope === 'province' ? g.provinceCode : null,
    communeCode: scope === 'commune' ? g.communeCode : null,
  };
}

/** Whether the grant says where it applies. */
export function grantComplete(g: GrantInput): boolean {
  const scope = scopeOf(g.role);
  return scope === 'system' || (scope === 'province' ? !!g.provinceCode : !!g.communeCode);
}
