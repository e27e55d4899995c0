import { Anchor, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useQueueStats } from './api';
import { formatWait } from './format';

/** On the commune dashboard: today's queue per service group — issued, served, waiting, average and p90 wait. */
export function TicketWaitCard({ communeCode }: { communeCode: string }) {
  const { t, i18n } = useTranslation();
  const stats = useQueueStats(communeCode);
  const groups = stats.data?.groups ?? [];
  if (stats.isError || (stats.data && groups.length === 0)) return null; // a commune without a queue
  return (
    <Card withBorder component="section" aria-labelledby="dash-queue" data-testid="ticket-wait-card">
      <Group justify="space-between" align="baseline">
        <Title order={2} size="h4" id="dash-queue">
          {t('tickets.stats.title')}
        </Title>
        <Group gap="md">
          <Anchor component={Link} to={`/xep-hang/${communeCode}/quay`}>
            {t('tickets.stats.console')}
          </Anchor>
          <Anchor href={`/xep-hang/${communeCode}/man-hinh`} target="_blank">
            {t('tickets.console.openBoard')}
          </Anchor>
        </Group>
      </Group>
      {!stats.data ? (
        <Text size="sm" c="dimmed">
          {t('common.loading')}
        </Text>
      ) : (
        <Stack gap="xs" mt="sm">
          <Table.ScrollContainer minWidth={600}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('tickets.console.group')}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('tickets.stats.issued')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('tickets.stats.served')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('tickets.stats.waiting')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('tickets.stats.average')}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t('tickets.stats.p90')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {groups.map((g) => (
                  <Table.Tr key={g.groupId}>
                    <Table.Th scope="row" fw={400}>
                      {g.letter} — {g.name}
                    </Table.Th>
                    <Table.Td ta="right">{g.issued}</Table.Td>
                    <Table.Td ta="right">{g.served}</Table.Td>
                    <Table.Td ta="right">{g.waiting}</Table.Td>
                    <Table.Td ta="right">{formatWait(g.averageWaitSeconds, i18n.language)}</Table.Td>
                    <Table.Td ta="right">{formatWait(g.p90WaitSeconds, i18n.language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Text size="xs" c="dimmed">
            {t('tickets.stats.note')}
          </Text>
        </Stack>
      )}
    </Card>
  );
}
