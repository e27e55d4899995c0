import { LineChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { Card, Group, MultiSelect, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { LocalizedDates } from '../../../components/LocalizedDates';
import { formatDate } from '../../../lib/dates';
import { foldedFilter } from '../../../lib/foldedFilter';
import { DateField } from '../../calendar/DateField';
import { useBoardHistory } from '../board-api';

const COLORS = ['orange.6', 'grape.6', 'teal.6', 'red.6', 'cyan.7', 'lime.7', 'pink.6', 'indigo.4'];
export const MAX_CHART_COMMUNES = COLORS.length;

interface Props {
  provinceCode: string;
  from?: string;
  to?: string;
  selected: string[];
  onChange: (change: { from?: string | null; to?: string | null; selected?: string[] }) => void;
}

/** Readiness over time: the province average and the communes the officer picks (the last value carried forward). */
export function BoardChart({ provinceCode, from, to, selected, onChange }: Props) {
  const { t } = useTranslation();
  const history = useBoardHistory(provinceCode, { from, to });
  const h = history.data;
  const shown = (h?.communes ?? []).filter((c) => selected.includes(c.code));
  const data = (h?.days ?? []).map((d, i) => {
    const point: Record<string, string | number | null> = {
      day: formatDate(d.day).slice(0, 5),
      average: d.average,
    };
    for (const c of shown) point[`c${c.code}`] = c.values[i] ?? null;
    return point;
  });
  return (
    <Card withBorder data-testid="board-chart">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('campaignBoard.chart.title')}
        </Title>
        <LocalizedDates>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <DateField
              label={t('campaignBoard.chart.from')}
              value={from ?? h?.from ?? null}
              onChange={(v) => onChange({ from: v })}
              w={150}
            />
            <DateField
              label={t('campaignBoard.chart.to')}
              value={to ?? h?.to ?? null}
              onChange={(v) => onChange({ to: v })}
              w={150}
            />
            <MultiSelect
              label={t('campaignBoard.chart.communes')}
              placeholder={t('campaignBoard.chart.communesHint')}
              data={(h?.communes ?? []).map((c) => ({ value: c.code, label: c.name }))}
              value={selected}
              onChange={(v) => onChange({ selected: v })}
              maxValues={MAX_CHART_COMMUNES}
              searchable
              filter={foldedFilter}
              clearable
              miw={280}
              style={{ flex: 1 }}
              data-testid="board-chart-communes"
            />
          </Group>
        </LocalizedDates>
        {history.isError ? (
          <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />
        ) : !h ? (
          <Loading />
        ) : h.communes.length === 0 ? (
          <Text c="dimmed" role="status">
            {t('campaignBoard.chart.none')}
          </Text>
        ) : (
          <LineChart
            h={280}
            data={data}
            dataKey="day"
            unit=" %"
            yAxisProps={{ domain: [0, 100] }}
            withLegend
            curveType="linear"
            series={[
              { name: 'average', label: t('campaignBoard.chart.average'), color: 'blue.7' },
              ...shown.map((c, i) => ({
                name: `c${c.code}`,
                label: c.name,
                color: COLORS[i % COLORS.length]!,
                strokeDasharray: '5 3',
              })),
            ]}
          />
        )}
      </Stack>
    </Card>
  );
}
