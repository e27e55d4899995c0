import { Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { formatDate } from '../../lib/dates';
import {
  BlockersCell,
  DirectivesCell,
  GoLiveCell,
  IncidentsCell,
  ReadinessCell,
  RecommendationsCell,
  TrialsCell,
} from './BoardParts';
import { useCommuneCampaignSummary } from './board-api';

function Cell({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {children}
    </Stack>
  );
}

/**
 * The commune's own column of the province's campaign board, as a compact card at the top of its campaign page:
 * readiness and blockers, trials, open incidents, recommendations, directives, live or not.
 */
export function CommuneSummary({ communeCode }: { communeCode: string }) {
  const { t } = useTranslation();
  const summary = useCommuneCampaignSummary(communeCode);
  if (summary.isError) return <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />;
  const row = summary.data;
  if (!row) return <Loading />;
  return (
    <Card withBorder padding="sm" data-testid="campaign-summary">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Text fw={600}>{t('campaignBoard.summary.title')}</Text>
          <Group gap="xs">
            <Text size="xs" c="dimmed">
              {t('campaignBoard.totals.asOf', { date: formatDate(row.asOf) })}
            </Text>
            <GoLiveCell row={row} />
          </Group>
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
          <Cell label={t('campaignBoard.col.readiness')}>
            <ReadinessCell row={row} />
          </Cell>
          <Cell label={t('campaignBoard.col.blockers')}>
            <BlockersCell row={row} />
          </Cell>
          <Cell label={t('campaignBoard.col.trials')}>
            <TrialsCell row={row} />
          </Cell>
          <Cell label={t('campaignBoard.col.incidents')}>
            <IncidentsCell row={row} />
          </Cell>
          <Cell label={t('campaignBoard.col.recommendations')}>
            <RecommendationsCell row={row} />
          </Cell>
          <Cell label={t('campaignBoard.col.directives')}>
            <DirectivesCell row={row} />
          </Cell>
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
