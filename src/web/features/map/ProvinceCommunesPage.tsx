import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { CommuneSummary } from '../../../common/api/units';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { useProvinceCommunes } from './api';
import { FilterInput } from './FilterInput';
import { useKindLabel } from './labels';
import { MapBreadcrumbs } from './MapBreadcrumbs';
import { useFoldedFilter } from './useFoldedFilter';

const communeName = (c: CommuneSummary) => c.name;

/** /ban-do/:provinceCode — the communes of one province, filtered on the page. */
export function ProvinceCommunesPage() {
  const { t } = useTranslation();
  const { provinceCode = '' } = useParams();
  const query = useProvinceCommunes(provinceCode);
  const kindLabel = useKindLabel();
  const [filter, setFilter] = useState('');
  const shown = useFoldedFilter(query.data?.items, filter, communeName);
  usePageTitle(query.data?.province.name ?? t('map.title'));

  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const { province, items } = query.data;

  return (
    <Stack gap="md">
      <MapBreadcrumbs items={[{ label: province.name }]} />
      <Title order={1}>{province.name}</Title>
      <Text data-testid="commune-count">{t('map.communeCount', { count: items.length })}</Text>
      <FilterInput label={t('map.communeFilter')} value={filter} onChange={setFilter} />
      <Text size="sm" c="dimmed" role="status">
        {filter ? t('map.shown', { shown: shown.length, total: items.length }) : ''}
      </Text>
      {shown.length === 0 ? (
        <Text>{t('map.noMatch', { q: filter })}</Text>
      ) : (
        <Table.ScrollContainer minWidth={320}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('common.commune')}</Table.Th>
                <Table.Th scope="col">{t('common.kind')}</Table.Th>
                <Table.Th scope="col">{t('common.code')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((c) => (
                <Table.Tr key={c.code}>
                  <Table.Th scope="row" fw={400}>
                    <Anchor component={Link} to={`/xa/${c.code}`}>
                      {c.name}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{kindLabel(c.kind)}</Table.Td>
                  <Table.Td>{c.code}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
