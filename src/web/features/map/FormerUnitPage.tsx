import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { useIsSystemAdmin } from '../auth/session';
import { useFormerUnit } from './api';
import { FormerUnitTargetsForm } from './FormerUnitTargetsForm';
import { ScopeBadge, SourceLabel } from './labels';
import { MapBreadcrumbs } from './MapBreadcrumbs';

/** /don-vi-cu/:code — where a former (pre-2025) unit went. */
export function FormerUnitPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const query = useFormerUnit(code);
  const isAdmin = useIsSystemAdmin();
  usePageTitle(query.data?.name ?? t('map.formerUnit'));

  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const unit = query.data;
  const shownCode = unit.code.startsWith('~') ? '—' : unit.code;

  return (
    <Stack gap="md">
      <MapBreadcrumbs items={[{ label: t('map.formerUnitCrumb', { name: unit.name }) }]} />
      <Title order={1}>{unit.name}</Title>
      <Text>
        {t('map.formerUnitHeading', {
          district: unit.districtName,
          province: unit.provinceName,
          code: shownCode,
        })}
      </Text>
      <Title order={2} size="h3" mt="md">
        {t('map.targetsHeading')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('map.targetsIntro', { count: unit.targets.length })}
      </Text>
      <Table.ScrollContainer minWidth={640}>
        <Table striped data-testid="targets">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('map.newCommune')}</Table.Th>
              <Table.Th scope="col">{t('common.province')}</Table.Th>
              <Table.Th scope="col">{t('common.scope')}</Table.Th>
              <Table.Th scope="col">{t('common.source')}</Table.Th>
              <Table.Th scope="col">{t('common.note')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {unit.targets.map((target) => (
              <Table.Tr key={target.commune.code}>
                <Table.Th scope="row" fw={400}>
                  <Anchor component={Link} to={`/xa/${target.commune.code}`}>
                    {target.commune.name}
                  </Anchor>
                </Table.Th>
                <Table.Td>{target.commune.provinceName}</Table.Td>
                <Table.Td>
                  <ScopeBadge partial={target.partial} />
                </Table.Td>
                <Table.Td>
                  <SourceLabel source={target.source} />
                </Table.Td>
                <Table.Td>{target.note ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {isAdmin && <FormerUnitTargetsForm unit={unit} />}
    </Stack>
  );
}
