import { BarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { Card, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { LocalizedDates } from '../../../components/LocalizedDates';
import { DateField } from '../../calendar/DateField';
import { useFeedbackStatistics } from '../staff-api';

const fmt = (n: number | null | undefined, digits = 1) =>
  n === null || n === undefined ? '—' : n.toLocaleString('vi-VN', { maximumFractionDigits: digits });

/**
 * Statistics of the commune over a period (kept in the address): received, answered on time and late, per
 * category (a bar chart and a table), the average working days to answer, and the reporters' ratings.
 */
export function StatisticsTab({ communeCode }: { communeCode: string }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const from = params.get('tu-ngay') ?? undefined;
  const to = params.get('den-ngay') ?? undefined;
  const stats = useFeedbackStatistics(communeCode, { from, to });
  const set = (key: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const s = stats.data;
  const byCategory = (s?.byCategory ?? []).map((c) => ({
    name: c.categoryName,
    received: c.received,
    onTime: c.answeredOnTime,
    late: c.answeredLate,
    open: c.open,
  }));
  return (
    <Stack gap="md" data-testid="feedback-statistics">
      <LocalizedDates>
        <Group align="flex-end" gap="sm">
          <DateField
            label={t('feedbackStaff.stats.from')}
            value={from ?? s?.from ?? null}
            onChange={(v) => set('tu-ngay', v)}
            clearable
            w={160}
          />
          <DateField
            label={t('feedbackStaff.stats.to')}
            value={to ?? s?.to ?? null}
            onChange={(v) => set('den-ngay', v)}
            clearable
            w={160}
          />
        </Group>
      </LocalizedDates>
      {stats.isError ? (
        <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} />
      ) : !s ? (
        <Loading />
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Figure
              label={t('feedbackStaff.stats.received')}
              value={fmt(s.received, 0)}
              testId="stat-received"
            />
            <Figure
              label={t('feedbackStaff.stats.onTime')}
              value={fmt(s.answeredOnTime, 0)}
              color="green"
              testId="stat-on-time"
            />
            <Figure
              label={t('feedbackStaff.stats.late')}
              value={fmt(s.answeredLate, 0)}
              color={s.answeredLate ? 'red' : undefined}
              testId="stat-late"
            />
            <Figure label={t('feedbackStaff.stats.open')} value={fmt(s.open, 0)} testId="stat-open" />
            <Figure
              label={t('feedbackStaff.stats.openOverdue')}
              value={fmt(s.openOverdue, 0)}
              color={s.openOverdue ? 'red' : undefined}
              testId="stat-open-overdue"
            />
            <Figure
              label={t('feedbackStaff.stats.averageDays')}
              value={fmt(s.averageWorkingDaysToAnswer)}
              testId="stat-average-days"
            />
            <Figure
              label={t('feedbackStaff.stats.rating')}
              value={s.ratings.count ? `${fmt(s.ratings.average)} / 5` : '—'}
              hint={t('feedbackStaff.stats.ratingCount', { count: s.ratings.count })}
              testId="stat-rating"
            />
            <Figure
              label={t('feedbackStaff.stats.unhappy')}
              value={fmt(s.ratings.unhappy, 0)}
              color={s.ratings.unhappy ? 'orange' : undefined}
              testId="stat-unhappy"
            />
          </SimpleGrid>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">
              {t('feedbackStaff.stats.byCategory')}
            </Title>
            {byCategory.length === 0 ? (
              <Text c="dimmed" role="status">
                {t('feedbackStaff.stats.none')}
              </Text>
            ) : (
              <Stack gap="md">
                <BarChart
                  h={Math.max(200, byCategory.length * 44)}
                  data={byCategory}
                  dataKey="name"
                  orientation="vertical"
                  yAxisProps={{ width: 200 }}
                  series={[
                    { name: 'received', label: t('feedbackStaff.stats.received'), color: 'blue.6' },
                    { name: 'onTime', label: t('feedbackStaff.stats.onTime'), color: 'green.6' },
                    { name: 'late', label: t('feedbackStaff.stats.late'), color: 'red.6' },
                  ]}
                  withLegend
                  data-testid="stats-chart"
                />
                <Table.ScrollContainer minWidth={480}>
                  <Table striped data-testid="stats-table">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('feedbackStaff.field.category')}</Table.Th>
                        <Table.Th scope="col">{t('feedbackStaff.stats.received')}</Table.Th>
                        <Table.Th scope="col">{t('feedbackStaff.stats.onTime')}</Table.Th>
                        <Table.Th scope="col">{t('feedbackStaff.stats.late')}</Table.Th>
                        <Table.Th scope="col">{t('feedbackStaff.stats.open')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {byCategory.map((c) => (
                        <Table.Tr key={c.name}>
                          <Table.Th scope="row" fw={400}>
                            {c.name}
                          </Table.Th>
                          <Table.Td>{c.received}</Table.Td>
                          <Table.Td>{c.onTime}</Table.Td>
                          <Table.Td>{c.late}</Table.Td>
                          <Table.Td>{c.open}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </Stack>
            )}
          </Card>
        </>
      )}
    </Stack>
  );
}

function Figure({
  label,
  value,
  hint,
  color,
  testId,
}: {
  label: string;
  value: string;
  hint?: string;
  color?: string;
  testId: string;
}) {
  return (
    <Paper withBorder p="sm" data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz={24} c={color}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}
