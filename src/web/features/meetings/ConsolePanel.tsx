import {
  Alert,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  ScrollArea,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItem } from '../../../common/api/meetings';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useActiveOfficials } from '../org/api';
import { OfficialSelect, toPersonOption } from '../org/OfficialSelect';
import { type MeetingDetail, useMeetingActions, useMeetingVotes } from './api';
import { timerText } from './format';
import { useElapsed } from './live';
import { AttendanceText } from './ParticipantsPanel';
import { QuorumCounter } from './QuorumCounter';
import { VotePanel } from './VotePanel';

const VOTING = ['open_vote', 'secret_ballot', 'election'];

/**
 * The secretary's in-session console: open and close the session, check members in (late, left), the live quorum,
 * the agenda items one after the other with the speaker timer, and the votes of each item.
 */
export function ConsolePanel({ meeting: m }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const actions = useMeetingActions(m.id);
  const votes = useMeetingVotes(m.id);
  const running = m.status === 'in_progress';
  const manage = m.canManage && running;
  const items = [...m.agenda].sort((a, b) => a.position - b.position);
  const current = items.find((i) => i.id === m.currentItemId) ?? null;
  const members = m.participants.filter((p) => p.role === 'member');
  const error =
    actions.status.error ?? actions.attendance.error ?? actions.startItem.error ?? actions.endItem.error;

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Group gap="sm">
          {m.canManage && (m.status === 'draft' || m.status === 'invited') && (
            <Button
              size="md"
              color="green"
              onClick={() => actions.status.mutate('open')}
              loading={actions.status.isPending}
              data-testid="session-open"
            >
              {t('meetings.console.open')}
            </Button>
          )}
          {manage && (
            <Button
              size="md"
              color="dark"
              variant="outline"
              onClick={() => {
                if (window.confirm(t('meetings.console.closeConfirm'))) actions.status.mutate('close');
              }}
              data-testid="session-close"
            >
              {t('meetings.console.close')}
            </Button>
          )}
          {!running && (
            <Text c="dimmed">
              {m.status === 'closed' ? t('meetings.console.closed') : t('meetings.console.notOpen')}
            </Text>
          )}
        </Group>
      </Group>
      {error && <ErrorAlert error={error} />}
      <QuorumCounter quorum={m.quorum} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Card withBorder padding="sm" component="section" aria-labelledby="checkin-title">
            <Stack gap="xs">
              <Title order={2} size="h4" id="checkin-title">
                {t('meetings.console.checkIn', {
                  present: members.filter((p) => p.present).length,
                  total: members.length,
                })}
              </Title>
              <ScrollArea.Autosize mah={560}>
                <Table verticalSpacing={4} data-testid="checkin-table">
                  <Table.Tbody>
                    {members.map((p) => (
                      <Table.Tr key={p.id} data-testid="checkin-row">
                        <Table.Th scope="row" fw={500}>
                          {p.fullName}
                          {p.response === 'apologised' && (
                            <Badge ml={4} size="xs" color="orange" variant="light">
                              {t('meetings.response.apologised')}
                            </Badge>
                          )}
                        </Table.Th>
                        <Table.Td>
                          <AttendanceText p={p} />
                        </Table.Td>
                        {manage && (
                          <Table.Td>
                            {p.present ? (
                              <Button
                                size="compact-sm"
                                variant="subtle"
                                color="gray"
                                onClick={() =>
                                  actions.attendance.mutate({ participantId: p.id, action: 'leave' })
                                }
                                data-testid={`leave-${p.id}`}
                              >
                                {t('meetings.console.leave')}
                              </Button>
                            ) : (
                              <Button
                                size="compact-sm"
                                variant="light"
                                onClick={() =>
                                  actions.attendance.mutate({ participantId: p.id, action: 'check_in' })
                                }
                                aria-label={t('meetings.console.checkInFor', { name: p.fullName })}
                              >
                                {t('meetings.console.checkInButton')}
                              </Button>
                            )}
                          </Table.Td>
                        )}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea.Autosize>
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            {current && <CurrentItem meeting={m} item={current} manage={manage} actions={actions} />}
            <Card withBorder padding="sm" component="section" aria-labelledby="items-title">
              <Stack gap="xs">
                <Title order={2} size="h4" id="items-title">
                  {t('meetings.console.items')}
                </Title>
                {items.length === 0 && <Text c="dimmed">{t('meetings.agenda.none')}</Text>}
                {items.map((item, i) => {
                  const itemVotes = (votes.data?.items ?? []).filter((v) => v.itemId === item.id);
                  return (
                    <Card
                      key={item.id}
                      withBorder
                      padding="xs"
                      bg={item.id === m.currentItemId ? 'yellow.0' : undefined}
                      data-testid="console-item"
                    >
                      <Stack gap={6}>
                        <Group justify="space-between" wrap="wrap" gap="xs">
                          <Stack gap={0} style={{ flex: 1, minWidth: 220 }}>
                            <Text fw={600}>
                              {i + 1}. {item.title}
                            </Text>
                            <Text size="xs" c="dimmed">
                              {t(`meetings.decision.${item.decision}`)}
                              {item.presenterName ? ` · ${item.presenterName}` : ''}
                              {item.plannedMinutes
                                ? ` · ${t('meetings.agenda.plannedShort', { n: item.plannedMinutes })}`
                                : ''}
                            </Text>
                          </Stack>
                          <Group gap={4} wrap="nowrap">
                            <Badge
                              color={
                                item.status === 'current'
                                  ? 'yellow'
                                  : item.status === 'done'
                                    ? 'gray'
                                    : 'blue'
                              }
                              variant="light"
                            >
                              {t(`meetings.itemStatus.${item.status}`)}
                            </Badge>
                            {manage && item.id !== m.currentItemId && (
                              <Button
                                size="compact-sm"
                                variant="light"
                                onClick={() => actions.startItem.mutate(item.id)}
                                data-testid="item-start"
                              >
                                {t('meetings.console.startItem')}
                              </Button>
                            )}
                          </Group>
                        </Group>
                        {VOTING.includes(item.decision) && (
                          <VotePanel meeting={m} item={item} votes={itemVotes} actions={actions} />
                        )}
                      </Stack>
                    </Card>
                  );
                })}
              </Stack>
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function CurrentItem({
  meeting: m,
  item,
  manage,
  actions,
}: {
  meeting: MeetingDetail;
  item: AgendaItem;
  manage: boolean;
  actions: ReturnType<typeof useMeetingActions>;
}) {
  const { t } = useTranslation();
  const officials = useActiveOfficials(m.communeCode);
  const memberIds = new Set(m.participants.map((p) => p.officialId));
  const people = (officials.data?.items ?? [])
    .map(toPersonOption)
    .sort((a, b) => Number(memberIds.has(b.id)) - Number(memberIds.has(a.id)));
  const [speakerId, setSpeakerId] = useState<string | null>(null);
  const [speakerName, setSpeakerName] = useState('');
  const speech = item.speeches.find((s) => s.running) ?? null;
  const itemSeconds = useElapsed(item.startedAt);
  const speechSeconds = useElapsed(speech?.startedAt);
  const over = item.plannedMinutes ? itemSeconds > item.plannedMinutes * 60 : false;
  return (
    <Card withBorder padding="md" bg="yellow.0" data-testid="current-item">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={0}>
            <Text size="sm" c="dimmed">
              {t('meetings.console.current')}
            </Text>
            <Text fz="lg" fw={700}>
              {item.title}
            </Text>
          </Stack>
          <Stack gap={0} align="flex-end">
            <Text fz={28} fw={700} c={over ? 'red' : undefined} data-testid="item-timer">
              {timerText(itemSeconds)}
            </Text>
            {item.plannedMinutes && (
              <Text size="xs" c="dimmed">
                {t('meetings.agenda.plannedShort', { n: item.plannedMinutes })}
              </Text>
            )}
          </Stack>
        </Group>
        {speech ? (
          <Alert color="blue" variant="light">
            <Group justify="space-between">
              <Text fw={600} data-testid="speaker">
                {t('meetings.console.speaking', { name: speech.speakerName })}
              </Text>
              <Group gap="sm">
                <Text fz={24} fw={700} data-testid="speaker-timer">
                  {timerText(speechSeconds)}
                </Text>
                {manage && (
                  <Button size="compact-md" color="blue" onClick={() => actions.endSpeech.mutate(item.id)}>
                    {t('meetings.console.endSpeech')}
                  </Button>
                )}
              </Group>
            </Group>
          </Alert>
        ) : (
          manage && (
            <Group align="flex-end" wrap="wrap">
              <OfficialSelect
                label={t('meetings.console.speaker')}
                people={people}
                value={speakerId}
                onChange={(v) => {
                  setSpeakerId(v);
                  setSpeakerName('');
                }}
                clearable
                w={260}
              />
              <TextInput
                label={t('meetings.console.speakerOther')}
                value={speakerName}
                onChange={(e) => {
                  setSpeakerName(e.currentTarget.value);
                  setSpeakerId(null);
                }}
                w={220}
              />
              <Button
                disabled={!speakerId && speakerName.trim().length < 2}
                onClick={() =>
                  actions.startSpeech.mutate(
                    speakerId
                      ? { itemId: item.id, officialId: speakerId }
                      : { itemId: item.id, speakerName: speakerName.trim() },
                    {
                      onSuccess: () => {
                        setSpeakerId(null);
                        setSpeakerName('');
                      },
                    },
                  )
                }
              >
                {t('meetings.console.startSpeech')}
              </Button>
            </Group>
          )
        )}
        {item.speeches.filter((s) => !s.running).length > 0 && (
          <Text size="xs" c="dimmed">
            {t('meetings.console.spoke', {
              list: item.speeches
                .filter((s) => !s.running)
                .map((s) => `${s.speakerName} (${timerText(s.seconds ?? 0)})`)
                .join(', '),
            })}
          </Text>
        )}
        {(actions.startSpeech.error ?? actions.endSpeech.error) && (
          <ErrorAlert error={actions.startSpeech.error ?? actions.endSpeech.error} />
        )}
        {manage && (
          <Group>
            <Button variant="subtle" size="compact-sm" onClick={() => actions.endItem.mutate(item.id)}>
              {t('meetings.console.endItem')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
