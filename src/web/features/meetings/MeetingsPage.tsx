import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { MeetingStatus } from '../../../common/api/meetings';
import { Loading } from '../../components/Loading';
import { LocalizedDates } from '../../components/LocalizedDates';
import { MorePages } from '../../components/MorePages';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../lib/dates';
import { useSession } from '../auth/session';
import { DateField } from '../calendar/DateField';
import { holdsIn } from '../workspace/access';
import { CommuneHeader } from '../workspace/CommuneHeader';
import { useCommuneInfo } from '../workspace/communes';
import { PageError } from '../workspace/PageError';
import { ArchiveRehearsals } from './ArchiveRehearsals';
import { type MeetingFilters, useMeetingBodies, useMeetingList } from './api';
import { BodySettingsPanel } from './BodySettingsPanel';
import { CreateMeetingForm } from './CreateMeetingForm';
import { MemberVotesPanel } from './MemberVotesPanel';
import { StatusBadge } from './StatusBadge';

/**
 * /ky-hop/:communeCode — the commune's meetings (HĐND sessions, UBND meetings, Party conferences), newest first,
 * filtered by body, status, dates and rehearsal; the secretary creates one here and sets each body's seats.
 * Province officers and every commune role read the list.
 */
export function MeetingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('meetings.list.title'));
  const { communeCode = '' } = useParams();
  const user = useSession().data;
  const commune = useCommuneInfo(communeCode);
  const canManage = holdsIn(user, 'meeting.manage', communeCode, commune.data?.province.code);
  const [params, setParams] = useSearchParams();
  const creating = params.get('tao') === '1';
  const filters: MeetingFilters = {
    bodyId: params.get('co-quan') ?? undefined,
    status: MeetingStatus.safeParse(params.get('trang-thai')).data,
    from: params.get('tu-ngay') ?? undefined,
    to: params.get('den-ngay') ?? undefined,
    rehearsal: (['true', 'false'] as const).find((v) => v === params.get('dien-tap')),
    archived: params.get('luu-tru') === '1' ? 'true' : undefined,
  };
  const bodies = useMeetingBodies(communeCode);
  const list = useMeetingList(communeCode, filters);
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

  if (list.isError && !list.data)
    return <PageError error={list.error} communeCode={communeCode} onRetry={() => void list.refetch()} />;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="md">
      <CommuneHeader
        communeCode={communeCode}
        title={t('meetings.list.title')}
        actions={
          canManage && !creating ? (
            <Button onClick={() => update({ tao: '1' })} data-testid="meeting-new">
              {t('meetings.list.create')}
            </Button>
          ) : null
        }
      />
      {!canManage && (
        <Text size="sm" c="dimmed" data-testid="meetings-readonly">
          {t('meetings.list.readOnly')}
        </Text>
      )}
      {creating && canManage && (
        <CreateMeetingForm
          communeCode={communeCode}
          bodies={bodies.data?.items ?? []}
          onClose={() => update({ tao: null })}
        />
      )}
      <LocalizedDates>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select
            label={t('meetings.filter.body')}
            placeholder={t('meetings.filter.anyBody')}
            data={(bodies.data?.items ?? []).map((b) => ({ value: b.bodyId, label: b.name }))}
            value={filters.bodyId ?? null}
            onChange={(v) => update({ 'co-quan': v })}
            clearable
            w={280}
            maw="100%"
          />
          <Select
            label={t('meetings.filter.status')}
            placeholder={t('meetings.filter.anyStatus')}
            data={MeetingStatus.options.map((s) => ({ value: s, label: t(`meetings.status.${s}`) }))}
            value={filters.status ?? null}
            onChange={(v) => update({ 'trang-thai': v })}
            clearable
            w={200}
          />
          <DateField
            label={t('meetings.filter.from')}
            value={filters.from ?? null}
            onChange={(v) => update({ 'tu-ngay': v })}
            clearable
            w={160}
          />
          <DateField
            label={t('meetings.filter.to')}
            value={filters.to ?? null}
            onChange={(v) => update({ 'den-ngay': v })}
            clearable
            w={160}
          />
          <Select
            label={t('meetings.filter.rehearsal')}
            data={[
              { value: 'all', label: t('meetings.filter.rehearsalAll') },
              { value: 'false', label: t('meetings.filter.rehearsalReal') },
              { value: 'true', label: t('meetings.filter.rehearsalOnly') },
            ]}
            value={filters.rehearsal ?? 'all'}
            onChange={(v) => update({ 'dien-tap': v === 'all' ? null : v })}
            allowDeselect={false}
            w={180}
          />
          <Switch
            label={t('meetings.filter.archived')}
            checked={filters.archived === 'true'}
            onChange={(e) => update({ 'luu-tru': e.currentTarget.checked ? '1' : null })}
            mb={8}
            data-testid="filter-archived"
          />
        </Group>
      </LocalizedDates>
      {list.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <Text role="status">{t('meetings.list.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover data-testid="meetings-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('meetings.list.when')}</Table.Th>
                <Table.Th scope="col">{t('meetings.list.meeting')}</Table.Th>
                <Table.Th scope="col">{t('meetings.list.body')}</Table.Th>
                <Table.Th scope="col">{t('meetings.list.status')}</Table.Th>
                <Table.Th scope="col">{t('meetings.list.responses')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((m) => (
                <Table.Tr key={m.id} data-testid="meeting-row">
                  <Table.Td>
                    {formatDate(m.meetingDate)} {m.startTime}
                  </Table.Td>
                  <Table.Th scope="row">
                    <Stack gap={2}>
                      <Anchor component={Link} to={`/hop/${m.id}`} fw={600}>
                        {m.title}
                      </Anchor>
                      <Group gap={4}>
                        <Text size="xs" c="dimmed">
                          {t(`meetings.kind.${m.kind}`)} · {m.place}
                        </Text>
                        {m.rehearsal && (
                          <Badge color="red" variant="filled" size="sm" data-testid="row-rehearsal">
                            {t('meetings.rehearsal.band')}
                          </Badge>
                        )}
                        {m.archived && (
                          <Badge color="gray" size="sm" data-testid="row-archived">
                            {t('meetings.list.archived')}
                          </Badge>
                        )}
                      </Group>
                    </Stack>
                  </Table.Th>
                  <Table.Td>{m.bodyName}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={m.status} />
                  </Table.Td>
                  <Table.Td>
                    {t('meetings.list.responseCounts', {
                      confirmed: m.confirmed,
                      apologised: m.apologised,
                      total: m.participants,
                    })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <MorePages query={list} />
      {canManage && (
        <Group gap="sm" data-testid="archive-section">
          <ArchiveRehearsals communeCode={communeCode} />
        </Group>
      )}
      <Card withBorder component="section" aria-labelledby="member-votes-title">
        {bodies.data ? (
          <MemberVotesPanel communeCode={communeCode} bodies={bodies.data.items} />
        ) : (
          <Loading />
        )}
      </Card>
      <Card withBorder component="section" aria-labelledby="bodies-title">
        <Stack gap="sm">
          <Title order={2} size="h3" id="bodies-title">
            {t('meetings.bodies.title')}
          </Title>
          {bodies.isError ? (
            <Alert color="red">{t('meetings.bodies.error')}</Alert>
          ) : bodies.data ? (
            <BodySettingsPanel communeCode={communeCode} bodies={bodies.data.items} canManage={canManage} />
          ) : (
            <Loading />
          )}
        </Stack>
      </Card>
    </Stack>
  );
}
