import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { useCommune } from './api';
import { ScopeBadge, SourceLabel, useKindLabel } from './labels';
import { MapBreadcrumbs } from './MapBreadcrumbs';

/** /xa/:communeCode — a new commune and the former units it was formed from. */
export function CommunePage() {
  const { t } = useTranslation();
  const { communeCode = '' } = useParams();
  const query = useCommune(communeCode);
  const kindLabel = useKindLabel();
  usePageTitle(query.data?.name ?? t('map.title'));

  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const commune = query.data;

  return (
    <Stack gap="md">
      <MapBreadcrumbs
        items={[
          { label: commune.province.name, to: `/ban-do/${commune.province.code}` },
          { label: commune.name },
        ]}
      />
      <Title order={1}>{commune.name}</Title>
      <Text>
        {t('map.communeHeading', {
          kind: kindLabel(commune.kind),
          code: commune.code,
          province: commune.province.name,
        })}
      </Text>
      <Title order={2} size="h3" mt="md">
        {t('map.formerUnitsHeading')}
      </Title>
      {commune.formerUnits.length === 0 ? (
        <Text>{t('map.noFormerUnits')}</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('map.formerUnitsIntro')}
          </Text>
          <Table.ScrollContainer minWidth={640}>
            <Table striped data-testid="former-units">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('map.formerUnit')}</Table.Th>
                  <Table.Th scope="col">{t('common.district')}</Table.Th>
                  <Table.Th scope="col">{t('common.oldProvince')}</Table.Th>
                  <Table.Th scope="col">{t('common.scope')}</Table.Th>
                  <Table.Th scope="col">{t('common.source')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {commune.formerUnits.map((u) => (
                  <Table.Tr key={u.code}>
                    <Table.Th scope="row" fw={400}>
                      <Anchor component={Link} to={`/don-vi-cu/${encodeURIComponent(u.code)}`}>
                        {u.name}
                      </Anchor>
                    </Table.Th>
                    <Table.Td>{u.districtName}</Table.Td>
                    <Table.Td>{u.provinceName}</Table.Td>
                    <Table.Td>
                      <ScopeBadge partial={u.partial} />
                    </Table.Td>
                    <Table.Td>
                      <SourceLabel source={u.source} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
