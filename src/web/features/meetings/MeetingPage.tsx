import { Anchor, Button, Card, Group, SimpleGrid, Stack, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../lib/dates';
import { useActiveOfficials } from '../org/api';
import { OfficialSelect, toPersonOption } from '../org/OfficialSelect';
import { CommuneHeader } from '../workspace/CommuneHeader';
import { useRememberCommune } from '../workspace/communes';
import { PageError } from '../workspace/PageError';
import { AfterPanel } from './AfterPanel';
import { AgendaPanel } from './AgendaPanel';
import { type MeetingDetail, useMeeting, useMeetingActions } from './api';
import { ConsolePanel } from './ConsolePanel';
import { useMeetingLive } from './live';
import { RehearsalBanner } from './Marks';
import { PapersPanel } from './PapersPanel';
import { ParticipantsPanel } from './ParticipantsPanel';
import { QuorumCounter } from './QuorumCounter';
import { StatusBadge } from './StatusBadge';

const TABS = ['thong-tin', 'chuong-trinh', 'dieu-hanh', 'van-ban'] as const;
type Tab = (typeof TABS)[number];

/**
 * /hop/:id — one meeting. The secretary prepares it (details, participants and invitations, agenda and papers),
 * runs it (session, check-in, quorum, items, speakers, votes) and closes it (documents, tasks, minutes); anyone
 * else with meeting.read (other commune roles, province officers) reads the same record without the buttons.
 */
export function MeetingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const meeting = useMeeting(id);
  usePageTitle(meeting.data?.title ?? t('meetings.list.title'));
  useRememberCommune(meeting.data?.communeCode);
  useMeetingLive(meeting.data ? id : null);
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(raw ?? '')
    ? (raw as Tab)
    : meeting.data?.status === 'in_progress'
      ? 'dieu-hanh'
      : meeting.data?.status === 'closed'
        ? 'van-ban'
        : 'thong-tin';

  if (meeting.isError) return <PageError error={meeting.error} onRetry={() => void meeting.refetch()} />;
  const m = meeting.data;
  if (!m) return <Loading />;

  return (
    <Stack gap="md">
      {m.rehearsal && <RehearsalBanner />}
      <CommuneHeader
        communeCode={m.communeCode}
        title={m.title}
        actions={
          <>
            {m.myParticipantId && (
              <Button component={Link} to={`/hop-cua-toi/${m.id}`} variant="light">
                {t('meetings.page.myView')}
              </Button>
            )}
            <Button
              component="a"
              href={`/hop/${m.id}/man-hinh`}
              target="_blank"
              variant="light"
              data-testid="open-hall"
            >
              {t('meetings.page.openHall')}
            </Button>
          </>
        }
      />
      <Anchor component={Link} to={`/ky-hop/${m.communeCode}`} size="sm">
        {t('meetings.page.back')}
      </Anchor>
      <DetailsCard meeting={m} />
      {!m.canManage && (
        <Text size="sm" c="dimmed" data-testid="meeting-readonly">
          {t('meetings.page.readOnly')}
        </Text>
      )}
      <Tabs
        value={tab}
        onChange={(v) =>
          setParams(
            (p) => {
              const next = new URLSearchParams(p);
              if (v) next.set('tab', v);
              return next;
            },
            { replace: true },
          )
        }
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="thong-tin" data-testid="tab-info">
            {t('meetings.page.tabInfo')}
          </Tabs.Tab>
          <Tabs.Tab value="chuong-trinh" data-testid="tab-agenda">
            {t('meetings.page.tabAgenda')}
          </Tabs.Tab>
          <Tabs.Tab value="dieu-hanh" data-testid="tab-console">
            {t('meetings.page.tabConsole')}
          </Tabs.Tab>
          <Tabs.Tab value="van-ban" data-testid="tab-after">
            {t('meetings.page.tabAfter')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="thong-tin" pt="md">
          <ParticipantsPanel meeting={m} />
        </Tabs.Panel>
        <Tabs.Panel value="chuong-trinh" pt="md">
          <Stack gap="lg">
            <AgendaPanel meeting={m} />
            <PapersPanel meeting={m} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="dieu-hanh" pt="md">
          <ConsolePanel meeting={m} />
        </Tabs.Panel>
        <Tabs.Panel value="van-ban" pt="md">
          <AfterPanel meeting={m} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function DetailsCard({ meeting: m }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  return (
    <Card withBorder data-testid="meeting-details">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        <Field label={t('meetings.page.body')} value={m.bodyName} />
        <Field label={t('meetings.page.kind')} value={t(`meetings.kind.${m.kind}`)} />
        <Field label={t('meetings.page.when')} value={`${formatDate(m.meetingDate)} ${m.startTime}`} />
        <Field label={t('meetings.page.place')} value={m.place} />
        {m.canManage && (m.status === 'draft' || m.status === 'invited') ? (
          <>
            <PersonField meeting={m} field="convenerId" label={t('meetings.page.convener')} />
            <PersonField meeting={m} field="chairId" label={t('meetings.page.chair')} />
          </>
        ) : (
          <>
            <Field label={t('meetings.page.convener')} value={m.convener?.fullName ?? '—'} />
            <Field label={t('meetings.page.chair')} value={m.chair?.fullName ?? '—'} />
          </>
        )}
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            {t('meetings.page.status')}
          </Text>
          <Group gap="xs">
            <StatusBadge status={m.status} />
          </Group>
        </Stack>
        <QuorumCounter quorum={m.quorum} compact />
      </SimpleGrid>
    </Card>
  );
}

/** The convener or the chair, changed by the secretary (e.g. the chair the session has just elected). */
function PersonField({
  meeting: m,
  field,
  label,
}: {
  meeting: MeetingDetail;
  field: 'convenerId' | 'chairId';
  label: string;
}) {
  const officials = useActiveOfficials(m.communeCode);
  const actions = useMeetingActions(m.id);
  const people = (officials.data?.items ?? []).map(toPersonOption);
  const current = field === 'chairId' ? m.chair : m.convener;
  return (
    <Stack gap={2}>
      <OfficialSelect
        label={label}
        size="xs"
        people={
          current && !people.some((p) => p.id === current.id)
            ? [...people, { id: current.id, fullName: current.fullName, titles: [] }]
            : people
        }
        value={current?.id ?? null}
        onChange={(id) => actions.update.mutate({ [field]: id })}
        clearable
        data-testid={`meeting-${field}`}
      />
      {actions.update.error && <ErrorAlert error={actions.update.error} />}
    </Stack>
  );
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={500}>{value}</Text>
    </Stack>
  );
}
