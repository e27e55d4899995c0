import { Anchor, Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { formatDateTime } from '../../lib/datetime';
import { useProvinceOverview } from '../dossiers/queue-api';

/**
 * A province officer's landing: the communes of the province that use XãSố (activated), those needing help
 * first, with what is overdue and due soon in each — the figures of their queues and dashboards. Each row opens
 * the commune's queues; no commune is chosen for them.
 */
export function ProvinceOverview({ provinceCode }: { provinceCode: string }) {
  const { t } = useTranslation();
  const overview = useProvinceOverview(provinceCode);
  if (overview.isPending) return <Loading />;
  if (overview.isError) return <ErrorAlert error={overview.error} onRetry={() => void overview.refetch()} />;
  const { province, communes, asOf } = overview.data;
  const count = (n: number, color: string) => (
    <Badge color={n > 0 ? color : 'gray'} variant={n > 0 ? 'filled' : 'light'}>
      {n}
    </Badge>
  );
  return (
    <Stack gap="sm" data-testid="province-overview">
      <Title order={2}>{t('queues.province.title', { name: province.name })}</Title>
      <Text>{t('queues.province.intro')}</Text>
      {communes.length === 0 ? (
        <Text role="status">{t('queues.province.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={300}>
          <Table striped highlightOnHover data-testid="province-communes">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('queues.province.commune')}</Table.Th>
                <Table.Th scope="col">{t('queues.province.overdue')}</Table.Th>
                <Table.Th scope="col">{t('queues.province.dueSoon')}</Table.Th>
                <Table.Th scope="col" visibleFrom="sm">
                  {t('queues.province.open')}
                </Table.Th>
                <Table.Th scope="col" visibleFrom="sm">
                  {t('queues.province.toIntake')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {communes.map((c) => (
                <Table.Tr key={c.code} data-testid="province-commune" data-commune={c.code}>
                  <Table.Th scope="row" fw={400}>
                    <Anchor
                      component={Link}
                      to={`/ho-so/${c.code}?hang-doi=${c.overdue ? 'overdue' : 'due_soon'}`}
                    >
                      {c.name}
                    </Anchor>
                  </Table.Th>
                  <Table.Td data-testid="commune-overdue">{count(c.overdue, 'red')}</Table.Td>
                  <Table.Td data-testid="commune-due-soon">{count(c.dueSoon, 'orange')}</Table.Td>
                  <Table.Td visibleFrom="sm">{c.open}</Table.Td>
                  <Table.Td visibleFrom="sm">{c.toIntake}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Text size="xs" c="dimmed">
        {t('queues.province.asOf', { time: formatDateTime(asOf) })}
      </Text>
    </Stack>
  );
}
