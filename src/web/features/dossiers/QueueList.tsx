import { Anchor, Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { QUEUE_DEADLINES } from '../../../common/api/dossiers';
import { formatDate } from '../../lib/dates';
import { formatDateTime } from '../../lib/datetime';
import type { ListItem } from './api';
import { useLabel } from './labels';
import { RehearsalBadge } from './Rehearsal';

type Deadline = (typeof QUEUE_DEADLINES)[number];

/** The server's standing of each dossier (the overdue and due-soon queues' own rule), as colours. */
const DEADLINE_COLOR: Record<Deadline, string> = {
  overdue: 'red',
  due_today: 'orange',
  due_soon: 'yellow',
  on_time: 'green',
  paused: 'blue',
  none: 'gray',
};

/** Phones (≤ 40em, about 640 px): one card per dossier with the key facts; a table above. */
const PHONE = '(max-width: 40em)';

/**
 * A dossier's page is opened with the list it was opened from (its tab, filters and page, in the address), so that
 * its "Về danh sách hồ sơ" leads back there rather than to the commune's first tab (DossierPage's backTo).
 */
function useFromHere(): { from: string } {
  const { pathname, search } = useLocation();
  return { from: `${pathname}${search}` };
}

function DeadlineBadge({ d }: { d: ListItem }) {
  const { t } = useTranslation();
  return (
    // max-content: a Mantine badge can shrink to nothing in a table's width sums (its label clips), so the
    // column came out narrower than the badge and it spilled over the procedure beside it.
    <Badge
      color={DEADLINE_COLOR[d.deadline]}
      variant="light"
      style={{ flexShrink: 0, minWidth: 'max-content' }}
      data-testid="deadline-badge"
    >
      {t(`queues.deadline.${d.deadline}`)}
    </Badge>
  );
}

/** The dossiers of a queue: code, applicant, status, due date first (the columns a phone keeps). */
export function QueueList({ items }: { items: ListItem[] }) {
  const phone = useMediaQuery(PHONE, typeof window !== 'undefined' && window.matchMedia(PHONE).matches, {
    getInitialValueInEffect: false,
  });
  return phone ? <QueueCards items={items} /> : <QueueTable items={items} />;
}

function QueueTable({ items }: { items: ListItem[] }) {
  const fromHere = useFromHere();
  const { t } = useTranslation();
  const label = useLabel();
  return (
    <Table.ScrollContainer minWidth={880}>
      <Table striped highlightOnHover data-testid="dossiers">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('dossier.code')}</Table.Th>
            <Table.Th scope="col">{t('dossier.applicant')}</Table.Th>
            <Table.Th scope="col">{t('dossier.status')}</Table.Th>
            <Table.Th scope="col">{t('dossier.dueDate')}</Table.Th>
            <Table.Th scope="col">{t('dossier.procedure')}</Table.Th>
            <Table.Th scope="col">{t('dossier.receivedAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((d) => (
            <Table.Tr
              key={d.id}
              data-testid="dossier-row"
              data-lateness={d.deadline}
              data-status={d.status}
              data-rehearsal={d.rehearsal || undefined}
              bg={d.rehearsal ? 'var(--mantine-color-red-light)' : undefined}
            >
              <Table.Th scope="row" fw={400}>
                <Group gap={6} wrap="nowrap">
                  <Anchor component={Link} to={`/ho-so/chi-tiet/${d.id}`} state={fromHere}>
                    {d.code}
                  </Anchor>
                  {d.rehearsal && <RehearsalBadge archivedAt={d.archivedAt} />}
                </Group>
              </Table.Th>
              <Table.Td>{d.applicantName}</Table.Td>
              <Table.Td data-testid="dossier-row-status">{label(d.statusLabel)}</Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <span>{d.dueDate ? formatDate(d.dueDate) : '—'}</span>
                  {d.deadline !== 'none' && <DeadlineBadge d={d} />}
                </Group>
              </Table.Td>
              <Table.Td>{d.procedureName}</Table.Td>
              <Table.Td>{formatDateTime(d.receivedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function QueueCards({ items }: { items: ListItem[] }) {
  const { t } = useTranslation();
  const fromHere = useFromHere();
  const label = useLabel();
  return (
    <Stack
      gap="xs"
      data-testid="dossiers"
      component="ul"
      style={{ listStyle: 'none', padding: 0, margin: 0 }}
    >
      {items.map((d) => (
        <Paper
          key={d.id}
          component="li"
          withBorder
          p="sm"
          data-testid="dossier-row"
          data-lateness={d.deadline}
          data-status={d.status}
          data-rehearsal={d.rehearsal || undefined}
          style={d.rehearsal ? { borderColor: 'var(--mantine-color-red-8)', borderWidth: 2 } : undefined}
        >
          <Stack gap={4}>
            {d.rehearsal && <RehearsalBadge archivedAt={d.archivedAt} />}
            <Anchor
              component={Link}
              to={`/ho-so/chi-tiet/${d.id}`}
              state={fromHere}
              fw={600}
              style={{ overflowWrap: 'anywhere' }}
            >
              {d.code}
            </Anchor>
            <Text fw={500}>{d.applicantName}</Text>
            <Text size="sm" data-testid="dossier-row-status">
              {label(d.statusLabel)}
            </Text>
            <Group gap="xs" justify="space-between" wrap="nowrap">
              <Text size="sm">
                {t('dossier.dueDate')}: {d.dueDate ? formatDate(d.dueDate) : '—'}
              </Text>
              {d.deadline !== 'none' && <DeadlineBadge d={d} />}
            </Group>
            <Text size="xs" c="dimmed" lineClamp={2}>
              {d.procedureName}
            </Text>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
