import {
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { formatDate } from '../../../lib/dates';
import { foldedFilter } from '../../../lib/foldedFilter';
import {
  BlockersCell,
  DirectivesCell,
  GoLiveCell,
  IncidentsCell,
  ReadinessCell,
  RecommendationsCell,
  TrialsCell,
} from '../BoardParts';
import { type BoardQuery, boardPaths, useBoard } from '../board-api';
import type { ProvinceTabProps } from '../ProvinceCampaignPage';
import { BoardChart, MAX_CHART_COMMUNES } from './BoardChart';

/** Address parameters of the board (Vietnamese, like the rest of the app); the tab itself is ?muc=tong-hop. */
const P = {
  district: 'huyen-cu',
  q: 'tim',
  live: 'van-hanh',
  below: 'san-sang-duoi',
  blockers: 'vuong-mac',
  incidents: 'su-co',
  overdue: 'kien-nghi-qua-han',
  sort: 'sap-xep',
  from: 'tu-ngay',
  to: 'den-ngay',
  chart: 'bieu-do',
} as const;

/** Rows shown at first; "Xem thêm" shows the next ones (a province has at most a few hundred communes). */
const PAGE = 30;

const SORTS = ['needs_help', 'name', 'readiness_asc', 'readiness_desc'] as const;

function queryOf(params: URLSearchParams): BoardQuery {
  const below = Number(params.get(P.below));
  const flag = (key: string) => (params.get(key) === '1' ? ('true' as const) : undefined);
  const live = params.get(P.live);
  return {
    district: params.get(P.district) || undefined,
    q: params.get(P.q) || undefined,
    live: live === 'live' || live === 'preparing' ? live : undefined,
    readinessBelow: params.get(P.below) && below >= 0 && below <= 100 ? below : undefined,
    hasBlockers: flag(P.blockers),
    hasOpenIncidents: flag(P.incidents),
    hasOverdueRecommendations: flag(P.overdue),
    sort: SORTS.find((x) => x !== 'needs_help' && x === params.get(P.sort)),
  };
}

function Stat({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: string;
  hint?: string;
  testId: string;
}) {
  return (
    <Card withBorder padding="sm" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

/**
 * Tổng hợp: every commune of the province in one table, sorted by what needs help first — readiness and
 * blockers, trials, open incidents, recommendations by state and age, directives, live or not — filtered by
 * former district and state (the filters live in the address), totals on top, each commune linking to its own
 * campaign page, the readiness chart over time, and the same table as XLSX and PDF.
 */
export function BoardTab({ provinceCode }: ProvinceTabProps) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = queryOf(params);
  const board = useBoard(provinceCode, query);
  const [pageSize, setPageSize] = useState(PAGE);
  const [text, setText] = useState(query.q ?? '');
  const update = (change: Record<string, string | null>) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [key, value] of Object.entries(change)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  const search = useDebouncedCallback(
    (value: string) => update({ [P.q]: value.trim().slice(0, 200) || null }),
    300,
  );
  const selected = (params.get(P.chart) ?? '')
    .split(',')
    .filter((c) => /^\d{5}$/.test(c))
    .slice(0, MAX_CHART_COMMUNES);

  if (board.isError && !board.data)
    return <ErrorAlert error={board.error} onRetry={() => void board.refetch()} />;
  const b = board.data;
  const totals = b?.totals;
  const filtered = Object.entries(query).some(([k, v]) => k !== 'sort' && v !== undefined);
  const check = (key: string, label: string) => (
    <Checkbox
      label={label}
      checked={params.get(key) === '1'}
      onChange={(e) => update({ [key]: e.currentTarget.checked ? '1' : null })}
      data-testid={`board-filter-${key}`}
    />
  );

  return (
    <Stack gap="md">
      {b && totals && (
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
          <Stat
            testId="board-total-live"
            label={t('campaignBoard.totals.live')}
            value={`${totals.live}/${totals.communes}`}
            hint={t('campaignBoard.totals.asOf', { date: formatDate(b.asOf) })}
          />
          <Stat
            testId="board-total-readiness"
            label={t('campaignBoard.totals.averageReadiness')}
            value={
              totals.averageReadiness === null ? '—' : `${totals.averageReadiness.toLocaleString('vi-VN')} %`
            }
            hint={t('campaignBoard.totals.withBlockers', { count: totals.withBlockers })}
          />
          <Stat
            testId="board-total-incidents"
            label={t('campaignBoard.totals.openIncidents')}
            value={String(totals.openIncidents)}
            hint={t('campaignBoard.totals.blockingIncidents', { count: totals.blockingIncidents })}
          />
          <Stat
            testId="board-total-overdue"
            label={t('campaignBoard.totals.overdueRecommendations')}
            value={String(totals.overdueRecommendations)}
            hint={t('campaignBoard.totals.openRecommendations', { count: totals.openRecommendations })}
          />
        </SimpleGrid>
      )}

      <BoardChart
        provinceCode={provinceCode}
        from={params.get(P.from) ?? undefined}
        to={params.get(P.to) ?? undefined}
        selected={selected}
        onChange={(c) =>
          update({
            ...(c.from !== undefined ? { [P.from]: c.from } : {}),
            ...(c.to !== undefined ? { [P.to]: c.to } : {}),
            ...(c.selected ? { [P.chart]: c.selected.join(',') } : {}),
          })
        }
      />

      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label={t('campaignBoard.filter.district')}
          placeholder={t('campaignBoard.filter.anyDistrict')}
          data={b?.districts ?? (query.district ? [query.district] : [])}
          value={query.district ?? null}
          onChange={(v) => update({ [P.district]: v })}
          searchable
          filter={foldedFilter}
          clearable
          w={260}
          maw="100%"
          data-testid="board-filter-district"
        />
        <TextInput
          label={t('campaignBoard.filter.search')}
          placeholder={t('campaignBoard.filter.searchHint')}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            search(e.currentTarget.value);
          }}
          maxLength={200}
          w={220}
          data-testid="board-filter-q"
        />
        <Select
          label={t('campaignBoard.filter.live')}
          data={[
            { value: 'all', label: t('campaignBoard.filter.liveAll') },
            { value: 'preparing', label: t('campaignBoard.preparing') },
            { value: 'live', label: t('campaignBoard.live') },
          ]}
          value={query.live ?? 'all'}
          onChange={(v) => update({ [P.live]: v === 'all' ? null : v })}
          allowDeselect={false}
          w={200}
          data-testid="board-filter-live"
        />
        <NumberInput
          label={t('campaignBoard.filter.readinessBelow')}
          value={query.readinessBelow ?? ''}
          onChange={(v) => update({ [P.below]: v === '' ? null : String(v) })}
          min={0}
          max={100}
          clampBehavior="strict"
          suffix=" %"
          w={150}
          data-testid="board-filter-below"
        />
        <Select
          label={t('campaignBoard.sort.label')}
          data={SORTS.map((x) => ({ value: x, label: t(`campaignBoard.sort.${x}`) }))}
          value={query.sort ?? 'needs_help'}
          onChange={(v) => update({ [P.sort]: v === 'needs_help' ? null : v })}
          allowDeselect={false}
          w={230}
          data-testid="board-sort"
        />
        <Stack gap={6} pb={4}>
          {check(P.blockers, t('campaignBoard.filter.hasBlockers'))}
          {check(P.incidents, t('campaignBoard.filter.hasOpenIncidents'))}
          {check(P.overdue, t('campaignBoard.filter.hasOverdueRecommendations'))}
        </Stack>
        <Group gap="xs" ml="auto">
          {filtered && (
            <Button
              variant="subtle"
              onClick={() => {
                setText('');
                // Every filter (the order and the chart stay).
                update(
                  Object.fromEntries(
                    Object.values(P)
                      .slice(0, 7)
                      .map((k) => [k, null]),
                  ),
                );
              }}
            >
              {t('campaignBoard.filter.clear')}
            </Button>
          )}
          <Button
            component="a"
            href={boardPaths.xlsx(provinceCode, query)}
            variant="light"
            data-testid="board-xlsx"
          >
            {t('campaignBoard.exportXlsx')}
          </Button>
          <Button
            component="a"
            href={boardPaths.pdf(provinceCode, query)}
            target="_blank"
            rel="noopener"
            variant="light"
            data-testid="board-pdf"
          >
            {t('campaignBoard.exportPdf')}
          </Button>
        </Group>
      </Group>

      {!b ? (
        <Loading />
      ) : b.rows.length === 0 ? (
        <Text role="status" data-testid="board-empty">
          {filtered ? t('campaignBoard.noneFiltered') : t('campaignBoard.none')}
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('campaignBoard.shown', { shown: b.rows.length, total: b.communeCount })}
          </Text>
          <Table.ScrollContainer minWidth={1000}>
            <Table striped highlightOnHover data-testid="board-table" verticalSpacing="xs">
              <Table.Thead style={{ whiteSpace: 'nowrap' }}>
                <Table.Tr>
                  <Table.Th scope="col">{t('campaignBoard.col.commune')}</Table.Th>
                  <Table.Th scope="col">{t('campaignBoard.col.readiness')}</Table.Th>
                  <Table.Th scope="col">{t('campaignBoard.col.blockers')}</Table.Th>
                  <Table.Th scope="col">{t('campaignBoard.col.trials')}</Table.Th>
                  <Table.Th scope="col">{t('campaignBoard.col.incidents')}</Table.Th>
                  <Table.Th scope="col">{t('campaignBoard.col.recommendations')}</Table.Th>
                  <Table.Th scope="col">{t('campaignBoard.col.directives')}</Table.Th>
                  <Table.Th scope="col">{t('campaignBoard.col.goLive')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {b.rows.slice(0, pageSize).map((r) => (
                  <Table.Tr key={r.code} data-testid="board-row" data-code={r.code}>
                    <Table.Th scope="row" fw={400}>
                      <Anchor component={Link} to={`/van-hanh/${r.code}`} fw={600}>
                        {r.name}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {r.formerDistricts.join(' · ') || r.code}
                      </Text>
                    </Table.Th>
                    <Table.Td>
                      <ReadinessCell row={r} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <BlockersCell row={r} />
                    </Table.Td>
                    <Table.Td>
                      <TrialsCell row={r} />
                    </Table.Td>
                    <Table.Td>
                      <IncidentsCell row={r} />
                    </Table.Td>
                    <Table.Td>
                      <RecommendationsCell row={r} />
                    </Table.Td>
                    <Table.Td>
                      <DirectivesCell row={r} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <GoLiveCell row={r} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {b.rows.length > pageSize && (
            <Button
              variant="light"
              onClick={() => setPageSize((n) => n + PAGE)}
              w="fit-content"
              data-testid="board-more"
            >
              {t('campaignBoard.more', { count: Math.min(PAGE, b.rows.length - pageSize) })}
            </Button>
          )}
        </>
      )}
    </Stack>
  );
}
