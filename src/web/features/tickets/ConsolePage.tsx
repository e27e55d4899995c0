import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { useEventStream } from '../../lib/useEventStream';
import { useSession } from '../auth/session';
import { lastIntake } from '../dossiers/last-intake';
import { holdsIn } from '../workspace/access';
import { CommuneHeader } from '../workspace/CommuneHeader';
import { PageError } from '../workspace/PageError';
import { eventsUrl, type QueueConsole, type QueueTicket, useQueueActions, useQueueConsole } from './api';
import { formatWait, localClock } from './format';
import { QueueSettingsPanel } from './QueueSettingsPanel';

const counterKey = (communeCode: string) => `xaso.queue.counter.${communeCode}`;

function savedCounter(communeCode: string): string | null {
  try {
    return window.localStorage.getItem(counterKey(communeCode));
  } catch {
    return null;
  }
}

/**
 * /xep-hang/:communeCode/quay — the one-stop officer's queue console: pick my counter once (remembered in this
 * browser), call the next number (priority first), recall it, then mark it served or absent; the waiting list
 * follows the kiosk live.
 */
export function ConsolePage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('tickets.console.title'));
  const { communeCode = '' } = useParams();
  const user = useSession().data;
  const view = useQueueConsole(communeCode);
  const actions = useQueueActions(communeCode);
  const client = useQueryClient();
  const [counterId, setCounterId] = useState<string | null>(() => savedCounter(communeCode));
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const refresh = () => void client.invalidateQueries({ queryKey: ['queue', 'console', communeCode] });
  useEventStream(/^\d{5}$/.test(communeCode) ? eventsUrl(communeCode) : null, {
    'ticket.issued': refresh,
    'ticket.called': refresh,
    'ticket.closed': refresh,
  });

  if (view.isError)
    return <PageError error={view.error} communeCode={communeCode} onRetry={() => void view.refetch()} />;
  const d = view.data;
  const counters = d?.counters.filter((c) => c.active) ?? [];
  const mine = counters.find((c) => c.id === counterId) ?? null;
  const pick = (id: string) => {
    setCounterId(id);
    try {
      window.localStorage.setItem(counterKey(communeCode), id);
    } catch {
      // remembered for this page only
    }
  };
  const groupOf = (ticket: QueueTicket) => d?.groups.find((g) => g.id === ticket.groupId);
  const mutationError = actions.callNext.error ?? actions.recall.error ?? actions.finish.error;
  const busy = actions.callNext.isPending || actions.recall.isPending || actions.finish.isPending;
  const canManage = holdsIn(user, 'queue.manage', communeCode);

  return (
    <Stack gap="lg">
      <CommuneHeader
        communeCode={communeCode}
        title={t('tickets.console.title')}
        actions={
          <Group gap="xs">
            <Button component="a" href={`/xep-hang/${communeCode}/kiosk`} target="_blank" variant="light">
              {t('tickets.console.openKiosk')}
            </Button>
            <Button component="a" href={`/xep-hang/${communeCode}/man-hinh`} target="_blank" variant="light">
              {t('tickets.console.openBoard')}
            </Button>
          </Group>
        }
      />
      {!d ? (
        <Loading />
      ) : counters.length === 0 ? (
        <>
          <Text>{t('tickets.console.noCounters')}</Text>
          {canManage && <QueueSettingsPanel console={d} />}
        </>
      ) : (
        <>
          <Stack gap={4}>
            <Text fw={600} id="my-counter">
              {t('tickets.console.myCounter')}
            </Text>
            <SegmentedControl
              aria-labelledby="my-counter"
              value={mine?.id ?? ''}
              onChange={pick}
              data={counters.map((c) => ({ value: c.id, label: c.name }))}
              size="md"
              data-testid="console-counter"
            />
            {mine && (
              <Text size="sm" c="dimmed">
                {t('tickets.console.serves', {
                  groups: mine.groupIds
                    .map((id) => d.groups.find((g) => g.id === id))
                    .filter((g) => g)
                    .map((g) => `${g!.letter} — ${g!.name}`)
                    .join(', '),
                })}
              </Text>
            )}
          </Stack>
          {mine && (
            <CounterCard
              console={d}
              communeCode={communeCode}
              counterId={mine.id}
              busy={busy}
              actions={actions}
            />
          )}
          {mutationError && <ErrorAlert error={mutationError} />}
          <Stack gap="sm" component="section" aria-labelledby="console-waiting">
            <Title order={2} size="h3" id="console-waiting">
              {t('tickets.console.waitingTitle', { n: d.waiting.length })}
            </Title>
            <Text size="sm" c="dimmed">
              {d.priorityFirst ? t('tickets.console.rulePriorityFirst') : t('tickets.console.ruleInOrder')}
            </Text>
            {d.waiting.length === 0 ? (
              <Text>{t('tickets.console.nobodyWaiting')}</Text>
            ) : (
              <Table striped data-testid="console-waiting">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('tickets.console.number')}</Table.Th>
                    <Table.Th scope="col">{t('tickets.console.group')}</Table.Th>
                    <Table.Th scope="col">{t('tickets.console.takenAt')}</Table.Th>
                    <Table.Th scope="col">{t('tickets.console.waited')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.waiting.map((w) => (
                    <Table.Tr key={w.id}>
                      <Table.Th scope="row">
                        <Group gap="xs">
                          {w.number}
                          {w.priorityReason && (
                            <Badge color="orange" variant="light">
                              {t(`tickets.priority.${w.priorityReason}`)}
                            </Badge>
                          )}
                        </Group>
                      </Table.Th>
                      <Table.Td>{groupOf(w)?.name}</Table.Td>
                      <Table.Td>{localClock(w.issuedAt)}</Table.Td>
                      <Table.Td>{formatWait((now - Date.parse(w.issuedAt)) / 1000, i18n.language)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
          {canManage && <QueueSettingsPanel console={d} />}
          <Text size="sm">
            <Anchor href={`/xep-hang/${communeCode}/kiosk`} target="_blank">
              /xep-hang/{communeCode}/kiosk
            </Anchor>{' '}
            ·{' '}
            <Anchor href={`/xep-hang/${communeCode}/man-hinh`} target="_blank">
              /xep-hang/{communeCode}/man-hinh
            </Anchor>
          </Text>
        </>
      )}
    </Stack>
  );
}

function CounterCard({
  console: d,
  communeCode,
  counterId,
  busy,
  actions,
}: {
  console: QueueConsole;
  communeCode: string;
  counterId: string;
  busy: boolean;
  actions: ReturnType<typeof useQueueActions>;
}) {
  const { t } = useTranslation();
  const counter = d.counters.find((c) => c.id === counterId)!;
  const current = counter.current;
  const waitingHere = d.waiting.filter((w) => counter.groupIds.includes(w.groupId)).length;
  const [empty, setEmpty] = useState(false);
  const [linked, setLinked] = useState<{ number: string; code: string } | null>(null);
  // The dossier received last in this browser (the intake form may be open in another tab).
  const [received, setReceived] = useState(() => lastIntake(communeCode));
  useEffect(() => {
    setReceived(lastIntake(communeCode));
    const reread = () => setReceived(lastIntake(communeCode));
    window.addEventListener('storage', reread);
    window.addEventListener('focus', reread);
    return () => {
      window.removeEventListener('storage', reread);
      window.removeEventListener('focus', reread);
    };
  }, [communeCode]);
  // Offered only for the citizen called before that dossier was received.
  const link =
    current && received && Date.parse(received.receivedAt) > Date.parse(current.calledAt ?? current.issuedAt)
      ? received
      : null;
  return (
    <Card withBorder padding="lg" data-testid="console-current">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="lg">
        <Stack gap={4}>
          <Text c="dimmed">{t('tickets.console.serving', { counter: counter.name })}</Text>
          <Text fz={56} fw={800} lh={1} data-testid="console-number">
            {current?.number ?? '—'}
          </Text>
          {current && (
            <Text size="sm">
              {t('tickets.console.calledAt', { at: localClock(current.calledAt ?? current.issuedAt) })}
              {current.recalls > 0 && ` · ${t('tickets.console.recalls', { n: current.recalls })}`}
            </Text>
          )}
          {linked && !current && (
            <Text c="green.8" role="status" data-testid="console-linked">
              {t('tickets.console.linked', linked)}
            </Text>
          )}
          {empty && !current && (
            <Text c="dimmed" role="status">
              {t('tickets.console.nobodyForCounter')}
            </Text>
          )}
        </Stack>
        <Stack gap="sm">
          <Button
            size="lg"
            loading={actions.callNext.isPending}
            disabled={busy}
            onClick={() => {
              setLinked(null);
              actions.callNext.mutate(counter.id, { onSuccess: (r) => setEmpty(r.ticket === null) });
            }}
            data-testid="console-call-next"
          >
            {t('tickets.console.callNext', { n: waitingHere })}
          </Button>
          {current && link && (
            <Button
              color="green"
              disabled={busy}
              onClick={() =>
                actions.finish.mutate(
                  { ticketId: current.id, outcome: 'served', dossierId: link.id },
                  { onSuccess: () => setLinked({ number: current.number, code: link.code }) },
                )
              }
              data-testid="console-served-dossier"
            >
              {t('tickets.console.servedWithDossier', { code: link.code })}
            </Button>
          )}
          {current && (
            <Group gap="xs">
              <Button variant="light" disabled={busy} onClick={() => actions.recall.mutate(current.id)}>
                {t('tickets.console.recall')}
              </Button>
              <Button
                variant="light"
                color="green"
                disabled={busy}
                onClick={() => actions.finish.mutate({ ticketId: current.id, outcome: 'served' })}
                data-testid="console-served"
              >
                {t('tickets.console.served')}
              </Button>
              <Button
                variant="light"
                color="gray"
                disabled={busy}
                onClick={() => actions.finish.mutate({ ticketId: current.id, outcome: 'no_show' })}
              >
                {t('tickets.console.noShow')}
              </Button>
            </Group>
          )}
        </Stack>
      </Group>
    </Card>
  );
}
