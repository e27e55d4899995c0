import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDossierDashboard } from './dashboard-api';
import { formatCount, formatRate } from './dashboard-format';

/** On the commune's workspace home: how many dossiers are overdue or due soon, and this month's on-time rate. */
export function BacklogCard({ communeCode }: { communeCode: string }) {
  const { t, i18n } = useTranslation();
  const dashboard = useDossierDashboard(communeCode);
  const d = dashboard.data;
  const n = (v: number) => formatCount(v, i18n.language);
  return (
    <Card withBorder padding="lg" component="section" data-testid="backlog-card">
      <Stack gap="sm" h="100%">
        <Title order={2} size="h3">
          {t('dashboard.card.title')}
        </Title>
        {d ? (
          <>
            <Group gap="xs">
              <Badge color={d.backlog.overdue ? 'red' : 'gray'} variant="light">
                {t('dashboard.backlog.overdue', { n: n(d.backlog.overdue) })}
              </Badge>
              <Badge color={d.backlog.dueSoon ? 'orange' : 'gray'} variant="light">
                {t('dashboard.backlog.dueSoon', { n: n(d.backlog.dueSoon) })}
              </Badge>
            </Group>
            <Text size="sm">
              {t('dashboard.card.onTime', { rate: formatRate(d.current.onTimeRate, i18n.language) })}
            </Text>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {dashboard.isError ? t('errors.generic') : t('common.loading')}
          </Text>
        )}
        <Group gap="xs" mt="auto">
          <Button component={Link} to={`/ho-so/${communeCode}/tong-quan`} variant="light">
            {t('dashboard.card.open')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
