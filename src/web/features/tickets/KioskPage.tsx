import { Alert, Badge, Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime } from '../../lib/datetime';
import {
  type IssuedTicket,
  type KioskView,
  type PriorityReason,
  ticketPdfUrl,
  useKiosk,
  useTakeTicket,
} from './api';
import classes from './tickets.module.css';

const PRIORITIES: PriorityReason[] = ['elderly', 'disabled', 'pregnant'];
/** The kiosk returns to the start by itself, for the next citizen. */
const RESET_MS = 30_000;

/**
 * /xep-hang/:communeCode/kiosk — the touch screen at the entrance of the one-stop centre: pick the service, say
 * whether a priority applies (elderly, disabled, pregnant), get a number to print. No account, large text.
 */
export function KioskPage() {
  const { t } = useTranslation();
  usePageTitle(t('tickets.kiosk.title'));
  const { communeCode = '' } = useParams();
  const kiosk = useKiosk(communeCode);
  const take = useTakeTicket(communeCode);
  const [group, setGroup] = useState<KioskView['groups'][number] | null>(null);
  const [ticket, setTicket] = useState<IssuedTicket | null>(null);

  const reset = () => {
    setGroup(null);
    setTicket(null);
    take.reset();
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: restart the timer on each step
  useEffect(() => {
    if (!group && !ticket) return;
    const timer = setTimeout(reset, RESET_MS);
    return () => clearTimeout(timer);
  }, [group, ticket]);

  const choose = (priority: PriorityReason | null) => {
    if (!group || take.isPending) return;
    take.mutate({ groupId: group.id, priority }, { onSuccess: (issued) => setTicket(issued) });
  };

  return (
    <main className={classes.kiosk} data-testid="kiosk">
      <Stack gap="xl" maw={1100} mx="auto">
        <Stack gap={4} ta="center">
          <Text fz="1.6rem" fw={600}>
            {kiosk.data ? t('tickets.kiosk.centre', { commune: kiosk.data.communeName }) : ' '}
          </Text>
          <Title order={1} fz="2.8rem">
            {t('tickets.kiosk.title')}
          </Title>
        </Stack>
        {kiosk.isError ? (
          <ErrorAlert error={kiosk.error} onRetry={() => void kiosk.refetch()} />
        ) : !kiosk.data ? (
          <Loading />
        ) : ticket ? (
          <IssuedView ticket={ticket} onDone={reset} />
        ) : group ? (
          <Stack gap="lg">
            <Text ta="center" fz="2rem" fw={600}>
              {t('tickets.kiosk.priorityQuestion', { group: `${group.letter} — ${group.name}` })}
            </Text>
            <Button
              size="xl"
              className={classes.bigChoice}
              onClick={() => choose(null)}
              loading={take.isPending}
              data-testid="kiosk-ordinary"
            >
              {t('tickets.kiosk.ordinary')}
            </Button>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {PRIORITIES.map((p) => (
                <Button
                  key={p}
                  size="xl"
                  color="orange"
                  variant="light"
                  className={classes.bigChoice}
                  onClick={() => choose(p)}
                  disabled={take.isPending}
                  data-testid={`kiosk-priority-${p}`}
                >
                  {t(`tickets.priority.${p}`)}
                </Button>
              ))}
            </SimpleGrid>
            <Text ta="center" fz="1.3rem" c="dimmed">
              {t('tickets.kiosk.priorityNote')}
            </Text>
            {take.isError && <ErrorAlert error={take.error} />}
            <Button size="xl" variant="subtle" onClick={reset}>
              {t('tickets.kiosk.back')}
            </Button>
          </Stack>
        ) : (
          <Stack gap="lg">
            <Text ta="center" fz="1.8rem">
              {t('tickets.kiosk.chooseGroup')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: kiosk.data.groups.length > 2 ? 3 : 2 }}>
              {kiosk.data.groups.map((g) => (
                <Button
                  key={g.id}
                  size="xl"
                  className={classes.groupButton}
                  styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }}
                  onClick={() => setGroup(g)}
                  data-testid={`kiosk-group-${g.letter}`}
                >
                  <Stack gap={6} align="center">
                    <span style={{ fontSize: '3.2rem', fontWeight: 800 }}>{g.letter}</span>
                    <span>{g.name}</span>
                    <span style={{ fontSize: '1.2rem', fontWeight: 400 }}>
                      {t('tickets.kiosk.waiting', { n: g.waiting })}
                    </span>
                  </Stack>
                </Button>
              ))}
            </SimpleGrid>
          </Stack>
        )}
      </Stack>
    </main>
  );
}

function IssuedView({ ticket, onDone }: { ticket: IssuedTicket; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" align="center" ta="center" data-testid="kiosk-ticket" role="status">
      <Text fz="1.8rem">{t('tickets.kiosk.yourNumber')}</Text>
      <div className={classes.ticketNumber} data-testid="kiosk-number">
        {ticket.number}
      </div>
      <Group gap="sm" justify="center">
        <Text fz="1.8rem" fw={600}>
          {ticket.groupLetter} — {ticket.groupName}
        </Text>
        {ticket.priorityReason && (
          <Badge size="xl" color="orange">
            {t(`tickets.priority.${ticket.priorityReason}`)}
          </Badge>
        )}
      </Group>
      <Text fz="1.8rem">{t('tickets.kiosk.ahead', { n: ticket.peopleAhead })}</Text>
      <Text fz="1.3rem" c="dimmed">
        {t('tickets.kiosk.issuedAt', { at: formatDateTime(ticket.issuedAt) })}
      </Text>
      <Alert color="blue" maw={700}>
        <Text fz="1.3rem">{t('tickets.kiosk.watchBoard')}</Text>
      </Alert>
      <Group gap="md">
        <Button size="xl" onClick={() => window.print()} data-testid="kiosk-print">
          {t('tickets.kiosk.print')}
        </Button>
        <Button size="xl" variant="light" component="a" href={ticketPdfUrl(ticket.id)} target="_blank">
          {t('tickets.kiosk.pdf')}
        </Button>
        <Button size="xl" variant="subtle" onClick={onDone}>
          {t('tickets.kiosk.done')}
        </Button>
      </Group>
      {/* What the browser prints (80 mm): the same facts as the PDF ticket. */}
      <div className={classes.printOnly} aria-hidden="true">
        <div>{t('tickets.kiosk.centre', { commune: ticket.communeName })}</div>
        <div>{t('tickets.kiosk.yourNumber')}</div>
        <div className={classes.printNumber}>{ticket.number}</div>
        <div>
          {ticket.groupLetter} — {ticket.groupName}
        </div>
        {ticket.priorityReason && <div>{t(`tickets.priority.${ticket.priorityReason}`)}</div>}
        <div>{t('tickets.kiosk.ahead', { n: ticket.peopleAhead })}</div>
        <div>{t('tickets.kiosk.issuedAt', { at: formatDateTime(ticket.issuedAt) })}</div>
      </div>
    </Stack>
  );
}
