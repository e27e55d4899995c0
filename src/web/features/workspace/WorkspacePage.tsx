import { Alert, Anchor, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { foldedFilter } from '../../lib/foldedFilter';
import { useSession } from '../auth/session';
import { useProvinceCommunes, useProvinces } from '../map/api';
import { FilterInput } from '../map/FilterInput';
import { useFoldedFilter } from '../map/useFoldedFilter';
import { grantedProvinces } from './access';
import { useCommuneInfo, useCurrentCommune, type WorkCommune } from './communes';
import { ProvinceOverview } from './ProvinceOverview';

/** Shown once after a forced password change brought the user here. */
export function PasswordChangedNotice() {
  const { t } = useTranslation();
  const location = useLocation();
  if (!(location.state as { passwordChanged?: boolean } | null)?.passwordChanged) return null;
  return (
    <Alert color="green" role="status">
      {t('password.changedWelcome')}
    </Alert>
  );
}

/**
 * /lam-viec — where the login leads. Officials of one or a few communes go straight to their commune; province
 * officers see their province's communes that use XãSố with what is late in each; system administrators choose a
 * province, then a commune.
 */
export function WorkspaceIndexPage() {
  const { t } = useTranslation();
  usePageTitle(t('work.title'));
  const user = useSession().data;
  const location = useLocation();
  const { code, mine } = useCurrentCommune();
  const provinces = grantedProvinces(user);

  if (mine.isPending) return <Loading />;
  if (!mine.any && provinces.length === 0 && code)
    return <Navigate to={`/lam-viec/${code}`} replace state={location.state} />;

  return (
    <Stack gap="md">
      <PasswordChangedNotice />
      <Title order={1}>{t('work.title')}</Title>
      {!mine.any && provinces.map((p) => <ProvinceOverview key={p} provinceCode={p} />)}
      {mine.any ? (
        <AdminChooser />
      ) : provinces.length > 0 ? null : mine.communes.length > 0 ? (
        <>
          <Text>{t('work.chooseIntro')}</Text>
          <CommuneTable communes={mine.communes} />
        </>
      ) : (
        <Alert color="orange">{t('work.noRoles')}</Alert>
      )}
    </Stack>
  );
}

const communeName = (c: WorkCommune) => c.name;

function CommuneTable({ communes }: { communes: WorkCommune[] }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState('');
  const shown = useFoldedFilter(communes, filter, communeName);
  return (
    <>
      {communes.length > 8 && (
        <FilterInput label={t('map.communeFilter')} value={filter} onChange={setFilter} />
      )}
      <Table.ScrollContainer minWidth={320}>
        <Table striped highlightOnHover data-testid="work-communes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('common.commune')}</Table.Th>
              <Table.Th scope="col">{t('common.code')}</Table.Th>
              <Table.Th scope="col">{t('common.province')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((c) => (
              <Table.Tr key={c.code}>
                <Table.Th scope="row" fw={400}>
                  <Anchor component={Link} to={`/lam-viec/${c.code}`}>
                    {c.name}
                  </Anchor>
                </Table.Th>
                <Table.Td>{c.code}</Table.Td>
                <Table.Td>{c.provinceName}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}

/** System administrators: a province (that of the commune they worked in last, at first), then a commune. */
function AdminChooser() {
  const { t } = useTranslation();
  const provinces = useProvinces();
  const { code } = useCurrentCommune();
  const last = useCommuneInfo(code);
  const [chosen, setChosen] = useState<string | null>(null);
  const province = chosen ?? last.data?.province.code ?? null;
  if (provinces.isError)
    return <ErrorAlert error={provinces.error} onRetry={() => void provinces.refetch()} />;
  return (
    <Stack gap="md">
      <Text>{t('work.adminIntro')}</Text>
      <Select
        label={t('common.province')}
        data={(provinces.data?.items ?? []).map((p) => ({ value: p.code, label: p.name }))}
        value={province}
        onChange={setChosen}
        searchable
        allowDeselect={false}
        filter={foldedFilter}
        nothingFoundMessage={t('work.switcher.none')}
        maw={360}
      />
      {province && <ProvinceCommunes provinceCode={province} />}
    </Stack>
  );
}

function ProvinceCommunes({ provinceCode }: { provinceCode: string }) {
  const communes = useProvinceCommunes(provinceCode);
  if (communes.isPending) return <Loading />;
  if (communes.isError) return <ErrorAlert error={communes.error} onRetry={() => void communes.refetch()} />;
  const { province, items } = communes.data;
  return (
    <CommuneTable
      communes={items.map((c) => ({
        code: c.code,
        name: c.name,
        provinceCode: province.code,
        provinceName: province.name,
      }))}
    />
  );
}
