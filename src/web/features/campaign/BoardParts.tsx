/** Cells of the campaign board shared by the province's table and a commune's own card. */
import { Badge, Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/dates';
import type { BoardRow } from './board-api';

/** A short warning beside a count ("1 quá hạn"), red, never cut off. */
function Warn({ children, testId }: { children: string; testId: string }) {
  return (
    <Text span size="xs" c="red.8" fw={700} data-testid={testId} style={{ whiteSpace: 'nowrap' }}>
      {children}
    </Text>
  );
}

const readinessColor = (p: number | null) =>
  p === null ? 'gray' : p >= 90 ? 'teal' : p >= 60 ? 'yellow' : 'red';

export function ReadinessCell({ row }: { row: BoardRow }) {
  const { t } = useTranslation();
  const p = row.readiness.percent;
  return (
    <Stack gap={2} miw={110}>
      <Group gap={6} justify="space-between" wrap="nowrap">
        <Text size="sm" fw={600} data-testid="board-readiness">
          {p === null ? t('campaignBoard.noChecklist') : `${p.toLocaleString('vi-VN')} %`}
        </Text>
        {row.readiness.total > 0 && (
          <Text size="xs" c="dimmed">
            {row.readiness.done}/{row.readiness.total}
          </Text>
        )}
      </Group>
      <Progress
        value={p ?? 0}
        color={readinessColor(p)}
        size="sm"
        aria-label={t('campaignBoard.col.readiness')}
      />
    </Stack>
  );
}

export function BlockersCell({ row }: { row: BoardRow }) {
  const { t } = useTranslation();
  const n = row.readiness.blockers;
  if (!n)
    return (
      <Text size="sm" c="dimmed">
        0
      </Text>
    );
  return (
    <Tooltip label={row.readiness.blockerTitles.join(' · ')} multiline w={280} withArrow>
      <Text size="sm" c="red.8" fw={600} data-testid="board-blockers" style={{ whiteSpace: 'nowrap' }}>
        {t('campaignBoard.blockers', { count: n })}
      </Text>
    </Tooltip>
  );
}

export function TrialsCell({ row }: { row: BoardRow }) {
  const { t } = useTranslation();
  const { held, planned, next, lastHeld } = row.trials;
  if (!held && !planned)
    return (
      <Text size="sm" c="dimmed">
        {t('campaignBoard.noTrial')}
      </Text>
    );
  const line = (text: string, date: string | null, dim: boolean) => (
    <Text size="sm" c={dim ? 'dimmed' : undefined} lh={1.3}>
      {text}
      {date && (
        <Text span display="block" size="xs" c="dimmed">
          {formatDate(date)}
        </Text>
      )}
    </Text>
  );
  return (
    <Stack gap={0}>
      {held > 0 && line(t('campaignBoard.trialsHeld', { count: held }), lastHeld, false)}
      {planned > 0 && line(t('campaignBoard.trialsPlanned', { count: planned }), next, held > 0)}
    </Stack>
  );
}

export function IncidentsCell({ row }: { row: BoardRow }) {
  const { t } = useTranslation();
  const { open, blocking, bySeverity } = row.incidents;
  if (!open)
    return (
      <Text size="sm" c="dimmed">
        0
      </Text>
    );
  return (
    <Tooltip
      label={(['critical', 'high', 'medium', 'low'] as const)
        .filter((s) => bySeverity[s])
        .map((s) => `${t(`campaignBoard.severity.${s}`)}: ${bySeverity[s]}`)
        .join(' · ')}
      withArrow
    >
      <Group gap={4} wrap="nowrap">
        <Text size="sm">{open}</Text>
        {blocking > 0 && (
          <Warn testId="board-blocking-incidents">
            {t('campaignBoard.blockingIncidents', { count: blocking })}
          </Warn>
        )}
      </Group>
    </Tooltip>
  );
}

export function RecommendationsCell({ row }: { row: BoardRow }) {
  const { t } = useTranslation();
  const r = row.recommendations;
  const states = (['sent', 'received', 'assigned', 'answered', 'reopened', 'closed'] as const).filter(
    (s) => r.byStatus[s],
  );
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="nowrap">
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {t('campaignBoard.recsOpen', { count: r.open })}
        </Text>
        {r.overdue > 0 && (
          <Warn testId="board-overdue-recs">{t('campaignBoard.overdue', { count: r.overdue })}</Warn>
        )}
      </Group>
      {states.length > 0 && (
        <Text size="xs" c="dimmed">
          {states.map((s) => `${t(`campaignBoard.recState.${s}`)} ${r.byStatus[s]}`).join(' · ')}
        </Text>
      )}
      {r.oldestOpenDays !== null && (
        <Text size="xs" c="dimmed">
          {t('campaignBoard.oldestDays', { count: r.oldestOpenDays })}
        </Text>
      )}
    </Stack>
  );
}

export function DirectivesCell({ row }: { row: BoardRow }) {
  const { t } = useTranslation();
  const d = row.directives;
  if (!d.open)
    return (
      <Text size="sm" c="dimmed">
        0
      </Text>
    );
  return (
    <Group gap={4} wrap="nowrap">
      <Text size="sm">{d.open}</Text>
      {d.overdue > 0 && (
        <Warn testId="board-overdue-directives">{t('campaignBoard.overdue', { count: d.overdue })}</Warn>
      )}
    </Group>
  );
}

export function GoLiveCell({ row }: { row: BoardRow }) {
  const { t } = useTranslation();
  return row.goLive.status === 'live' ? (
    <Badge
      color="teal"
      variant="filled"
      data-testid="board-live"
      style={{ minWidth: 'max-content' }}
      tt="none"
    >
      {row.goLive.liveFrom
        ? t('campaignBoard.liveFrom', { date: formatDate(row.goLive.liveFrom) })
        : t('campaignBoard.live')}
    </Badge>
  ) : (
    <Badge
      color="gray"
      variant="light"
      data-testid="board-preparing"
      style={{ minWidth: 'max-content' }}
      tt="none"
    >
      {t('campaignBoard.preparing')}
    </Badge>
  );
}
