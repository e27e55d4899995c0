import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Province } from '../../../common/api/units';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { useProvinces } from './api';
import { FilterInput } from './FilterInput';
import { useFoldedFilter } from './useFoldedFilter';

const provinceName = (p: Province) => p.name;

/** /ban-do: the 34 provinces with their number of communes. */
export function ProvincesPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('map.title'));
  const provinces = useProvinces();
  const [filter, setFilter] = useState('');
  const items = provinces.data?.items;
  const shown = useFoldedFilter(items, filter, provinceName);
  const number = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'vi-VN');

  return (
    <Stack gap="md">
      <Title order={1}>{t('map.title')}</Title>
      <Text>{t('map.intro')}</Text>
      {provinces.isPending && <Loading />}
      {provinces.isError && <ErrorAlert error={provinces.error} onRetry={() => void provinces.refetch()} />}
      {items && (
        <>
          <FilterInput label={t('map.provinceFilter')} value={filter} onChange={setFilter} />
          <Text size="sm" c="dimmed" role="status">
            {filter ? t('map.shown', { shown: shown.length, total: items.length }) : ''}
          </Text>
          {shown.length === 0 ? (
            <Text>{t('map.noMatch', { q: filter })}</Text>
          ) : (
            <Table.ScrollContainer minWidth={360}>
              <Table striped highlightOnHover data-testid="provinces">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('common.province')}</Table.Th>
                    <Table.Th scope="col">{t('map.placeType')}</Table.Th>
                    <Table.Th scope="col" ta="right">
                      {t('map.communeCountHeader')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {shown.map((p) => (
                    <Table.Tr key={p.code}>
                      <Table.Th scope="row" fw={400}>
                        <Anchor component={Link} to={`/ban-do/${p.code}`}>
                          {p.name}
                        </Anchor>
                      </Table.Th>
                      <Table.Td>{p.placeType}</Table.Td>
                      <Table.Td ta="right">{number.format(p.communeCount)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      )}
    </Stack>
  );
}
