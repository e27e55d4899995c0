import { Anchor, Badge, Card, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate, todayInVietnam } from '../../lib/dates';
import { TicketWaitCard } from '../tickets/TicketWaitCard';
import { CommuneHeader } from '../workspace/CommuneHeader';
import { PageError } from '../workspace/PageError';
import { type CommuneDashboard, useDossierDashboard } from './dashboard-api';
import { formatCount, formatMonth, formatRate, pointsChange, recentMonths } from './dashboard-format';

type Figures = CommuneDashboard['current'];
type Backlog = CommuneDashboard['backlog'];

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * /ho-so/:communeCode/tong-quan — the leader's "is anything stuck?" screen: the anti-backlog list first, then
 * the month's figures against the month before, by procedure and by official, satisfaction and digitisation.
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('dashboard.title'));
  const { communeCode = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const raw = params.get('thang');
  const month = raw && MONTH.test(raw) ? raw : undefined;
  const dashboard = useDossierDashboard(communeCode, month);
  const months = recentMonths(todayInVietnam(), 24);

  if (dashboard.isError)
    return (
      <PageError error={dashboard.error} communeCode={communeCode} onRetry={() => void dashboard.refetch()} />
    );

  const d = dashboard.data;
  const n = (v: number) => formatCount(v, i18n.language);
  return (
    <Stack gap="lg">
      <CommuneHeader
        communeCode={communeCode}
        title={t('dashboard.title')}
        actions={
          <Select
            label={t('dashboard.month')}
            data={months.map((m) => ({ value: m, label: formatMonth(m) }))}
            value={month ?? months[0] ?? null}
            allowDeselect={false}
            onChange={(value) =>
              value &&
              setParams(
                (p) => {
                  const next = new URLSearchParams(p);
                  if (value === months[0]) next.delete('thang');
                  else next.set('thang', value);
                  return next;
                },
                { replace: true },
              )
            }
            w={140}
            data-testid="dashboard-month"
          />
        }
      />
      {!d ? (
        <Loading />
      ) : (
        <>
          <BacklogSection backlog={d.backlog} />
          <TicketWaitCard communeCode={communeCode} />
          <Tiles current={d.current} previous={d.previous} previousMonth={d.previousMonth} />
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder component="section" aria-labelledby="dash-satisfaction">
              <Title order={2} size="h4" id="dash-satisfaction">
                {t('dashboard.satisfaction.title')}
              </Title>
              <Group gap="lg" mt="sm">
                <Stat label={t('dashboard.satisfaction.satisfied')} value={n(d.satisfaction.satisfied)} />
                <Stat label={t('dashboard.satisfaction.neutral')} value={n(d.satisfaction.neutral)} />
                <Stat label={t('dashboard.satisfaction.unsatisfied')} value={n(d.satisfaction.unsatisfied)} />
              </Group>
              {d.satisfaction.byOfficial.length > 0 && (
                <Table mt="sm" data-testid="satisfaction-by-official">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('dashboard.satisfaction.official')}</Table.Th>
                      <Table.Th scope="col">{t('dashboard.satisfaction.satisfied')}</Table.Th>
                      <Table.Th scope="col">{t('dashboard.satisfaction.neutral')}</Table.Th>
                      <Table.Th scope="col">{t('dashboard.satisfaction.unsatisfied')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {d.satisfaction.byOfficial.map((o) => (
                      <Table.Tr key={o.accountId ?? 'none'}>
                        <Table.Th scope="row" fw={400}>
                          {o.displayName ?? t('dashboard.satisfaction.noOfficial')}
                        </Table.Th>
                        <Table.Td>{n(o.satisfied)}</Table.Td>
                        <Table.Td>{n(o.neutral)}</Table.Td>
                        <Table.Td>{n(o.unsatisfied)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Card>
            <Card withBorder component="section" aria-labelledby="dash-digitisation">
              <Title order={2} size="h4" id="dash-digitisation">
                {t('dashboard.digitisation.title')}
              </Title>
              <Stat
                label={t('dashboard.digitisation.rate')}
                value={formatRate(d.digitisation.rate, i18n.language)}
              />
              <Text size="sm" c="dimmed">
                {t('dashboard.digitisation.detail', {
                  digitised: n(d.digitisation.digitised),
                  total: n(d.digitisation.counterReceived),
                })}
              </Text>
            </Card>
          </SimpleGrid>
          <BreakdownTable
            title={t('dashboard.byProcedure')}
            first={t('dossier.procedure')}
            rows={d.byProcedure.map((r) => ({ key: r.procedureId, name: r.procedureName, figures: r }))}
            testId="dashboard-procedures"
          />
          <BreakdownTable
            title={t('dashboard.byOfficial')}
            first={t('dashboard.official')}
            rows={d.byOfficial.map((r) => ({
              key: r.accountId ?? 'none',
              name: r.displayName ?? t('dashboard.unassigned'),
              figures: r,
            }))}
            testId="dashboard-officials"
          />
          <Text size="sm" c="dimmed">
            {t('dashboard.formula')}
          </Text>
        </>
      )}
    </Stack>
  );
}

function Stat({ label, value, note }: { label: string; value: string; note?: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700} lh={1.2}>
        {value}
      </Text>
      {note}
    </Stack>
  );
}

function Tile({ label, value, note, warn }: { label: string; value: string; note?: string; warn?: boolean }) {
  return (
    <Card withBorder padding="md">
      <Stat
        label={label}
        value={value}
        note={
          note && (
            <Text size="xs" c={warn ? 'red.8' : 'dimmed'}>
              {note}
            </Text>
          )
        }
      />
    </Card>
  );
}

interface TilesProps {
  current: Figures;
  previous: Figures;
  previousMonth: string;
}

function Tiles({ current, previous, previousMonth }: TilesProps) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatCount(v, i18n.language);
  const change = pointsChange(current.onTimeRate, previous.onTimeRate);
  const changeText =
    change === null
      ? t('dashboard.noComparison')
      : t('dashboard.vsPrevious', {
          points: `${change > 0 ? '+' : ''}${n(change)}`,
          month: formatMonth(previousMonth),
          rate: formatRate(previous.onTimeRate, i18n.language),
        });
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} data-testid="dashboard-tiles">
      <Tile
        label={t('dashboard.tiles.received')}
        value={n(current.received)}
        note={t('dashboard.tiles.carriedOver', { n: n(current.carriedOver) })}
      />
      <Tile
        label={t('dashboard.tiles.resolved')}
        value={n(current.resolved)}
        note={t('dashboard.tiles.resolvedOnTime', { n: n(current.resolvedOnTime) })}
      />
      <Tile
        label={t('dashboard.tiles.onTimeRate')}
        value={formatRate(current.onTimeRate, i18n.language)}
        note={changeText}
        warn={change !== null && change < 0}
      />
      <Tile
        label={t('dashboard.tiles.late')}
        value={n(current.resolvedLate + current.inProgressLate)}
        note={t('dashboard.tiles.lateDetail', {
          done: n(current.resolvedLate),
          open: n(current.inProgressLate),
        })}
      />
      <Tile label={t('dashboard.tiles.inProgress')} value={n(current.inProgress)} />
      <Tile
        label={t('dashboard.tiles.waiting')}
        value={n(current.waiting)}
        note={t('dashboard.tiles.closed', {
          withdrawn: n(current.withdrawn),
          refused: n(current.refused),
          transferred: n(current.transferred),
        })}
      />
    </SimpleGrid>
  );
}

/** Chống ùn tắc: what is overdue or due within a working day, who holds it, oldest risk first. */
function BacklogSection({ backlog }: { backlog: Backlog }) {
  const { t, i18n } = useTranslation();
  const today = todayInVietnam();
  const n = (v: number) => formatCount(v, i18n.language);
  return (
    <Stack gap="sm" component="section" aria-labelledby="dash-backlog">
      <Group gap="sm" align="baseline">
        <Title order={2} size="h3" id="dash-backlog">
          {t('dashboard.backlog.title')}
        </Title>
        <Badge color="red" variant="light" data-testid="backlog-overdue">
          {t('dashboard.backlog.overdue', { n: n(backlog.overdue) })}
        </Badge>
        <Badge color="orange" variant="light" data-testid="backlog-due-soon">
          {t('dashboard.backlog.dueSoon', { n: n(backlog.dueSoon) })}
        </Badge>
      </Group>
      {backlog.items.length === 0 ? (
        <Text role="status">{t('dashboard.backlog.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover data-testid="backlog">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('dossier.code')}</Table.Th>
                <Table.Th scope="col">{t('dossier.procedure')}</Table.Th>
                <Table.Th scope="col">{t('dossier.applicant')}</Table.Th>
                <Table.Th scope="col">{t('dashboard.backlog.holder')}</Table.Th>
                <Table.Th scope="col">{t('dossier.dueDate')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('dashboard.backlog.daysLate')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {backlog.items.map((i) => (
                <Table.Tr key={i.id} data-testid="backlog-row" data-level={i.level}>
                  <Table.Th scope="row" fw={400}>
                    <Anchor component={Link} to={`/ho-so/chi-tiet/${i.id}`}>
                      {i.code}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{i.procedureName}</Table.Td>
                  <Table.Td>{i.applicantName}</Table.Td>
                  <Table.Td>{i.holderName ?? t('dashboard.unassigned')}</Table.Td>
                  <Table.Td>
                    <Stack gap={4} align="flex-start">
                      <span>{formatDate(i.dueDate)}</span>
                      <Badge color={i.level === 'overdue' ? 'red' : 'orange'} variant="light">
                        {i.level === 'overdue'
                          ? t('dashboard.backlog.late')
                          : i.dueDate === today
                            ? t('dashboard.backlog.today')
                            : t('dashboard.backlog.soon')}
                      </Badge>
                    </Stack>
                  </Table.Td>
                  <Table.Td ta="right">{i.level === 'overdue' ? n(i.daysLate) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {backlog.overdue + backlog.dueSoon > backlog.items.length && (
        <Text size="sm" c="dimmed">
          {t('dashboard.backlog.more', {
            shown: n(backlog.items.length),
            total: n(backlog.overdue + backlog.dueSoon),
          })}
        </Text>
      )}
    </Stack>
  );
}

interface BreakdownRow {
  key: string;
  name: string;
  figures: Figures;
}

/** The count columns of the breakdowns, in order; the on-time rate comes last. */
const COUNT_COLUMNS = [
  ['carriedOver', 'carriedOver'],
  ['received', 'received'],
  ['onTime', 'resolvedOnTime'],
  ['resolvedLate', 'resolvedLate'],
  ['inProgress', 'inProgress'],
  ['inProgressLate', 'inProgressLate'],
] as const;

function BreakdownTable(props: { title: string; first: string; rows: BreakdownRow[]; testId: string }) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatCount(v, i18n.language);
  return (
    <Stack gap="sm" component="section">
      <Title order={2} size="h3">
        {props.title}
      </Title>
      {props.rows.length === 0 ? (
        <Text>{t('dashboard.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped data-testid={props.testId}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{props.first}</Table.Th>
                {COUNT_COLUMNS.map(([label]) => (
                  <Table.Th key={label} scope="col" ta="right">
                    {t(`dashboard.cols.${label}`)}
                  </Table.Th>
                ))}
                <Table.Th scope="col" ta="right">
                  {t('dashboard.cols.onTimeRate')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {props.rows.map(({ key, name, figures: f }) => (
                <Table.Tr key={key}>
                  <Table.Th scope="row" fw={400}>
                    {name}
                  </Table.Th>
                  {COUNT_COLUMNS.map(([label, field]) => (
                    <Table.Td
                      key={label}
                      ta="right"
                      c={field === 'inProgressLate' && f[field] ? 'red.8' : undefined}
                    >
                      {n(f[field])}
                    </Table.Td>
                  ))}
                  <Table.Td ta="right">{formatRate(f.onTimeRate, i18n.language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
