import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ParticipantResponse } from '../../../common/api/meetings';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../lib/dates';
import { formatDateTime } from '../../lib/datetime';
import { PageError } from '../workspace/PageError';
import { type MeetingDetail, useMeeting, useMeetingActions, useMeetingVotes } from './api';
import { useMeetingLive } from './live';
import { RehearsalBanner } from './Marks';
import classes from './meetings.module.css';
import { PapersPanel } from './PapersPanel';
import { QuorumCounter } from './QuorumCounter';
import { StatusBadge } from './StatusBadge';
import { MemberBallot } from './VotePanel';
import { VoteResult } from './VoteResult';

type Response = (typeof ParticipantResponse.options)[number];

/** Confirm or apologise (with the reason), large buttons for a phone. */
export function ResponseButtons({
  meetingId,
  response,
  reason,
}: {
  meetingId: string;
  response: Response;
  reason: string | null;
}) {
  const { t } = useTranslation();
  const actions = useMeetingActions(meetingId);
  const [apologising, setApologising] = useState(false);
  const [text, setText] = useState('');
  return (
    <Stack gap="xs" data-testid="my-response">
      <Group gap="xs">
        <Text>{t('meetings.member.yourResponse')}</Text>
        <Badge
          size="lg"
          color={response === 'confirmed' ? 'green' : response === 'apologised' ? 'orange' : 'gray'}
        >
          {t(`meetings.response.${response}`)}
        </Badge>
      </Group>
      {reason && response === 'apologised' && (
        <Text size="sm" c="dimmed">
          {t('meetings.participants.reason', { reason })}
        </Text>
      )}
      {apologising ? (
        <Stack gap="xs">
          <Textarea
            label={t('meetings.participants.apologyReason')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            autosize
            minRows={2}
            size="md"
          />
          <Group grow>
            <Button
              size="lg"
              color="orange"
              disabled={!text.trim()}
              loading={actions.respond.isPending}
              onClick={() =>
                actions.respond.mutate(
                  { response: 'apologised', reason: text.trim() },
                  { onSuccess: () => setApologising(false) },
                )
              }
            >
              {t('meetings.member.sendApology')}
            </Button>
            <Button size="lg" variant="default" onClick={() => setApologising(false)}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Group grow>
          {response !== 'confirmed' && (
            <Button
              size="lg"
              h={56}
              color="green"
              loading={actions.respond.isPending}
              onClick={() => actions.respond.mutate({ response: 'confirmed' })}
              data-testid="confirm-attendance"
            >
              {t('meetings.member.confirm')}
            </Button>
          )}
          {response !== 'apologised' && (
            <Button size="lg" h={56} variant="outline" color="orange" onClick={() => setApologising(true)}>
              {t('meetings.member.apologise')}
            </Button>
          )}
        </Group>
      )}
      {actions.respond.error && <ErrorAlert error={actions.respond.error} />}
    </Stack>
  );
}

/**
 * /hop-cua-toi/:id — a member's own view of a meeting on their phone or tablet: confirm or apologise, check in,
 * the item under discussion, the ballot of an open vote (for / against / abstain, secret ballot, election), the
 * results, and the papers to read and comment on by article. Large touch targets; works at 390 px.
 */
export function MemberMeetingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const meeting = useMeeting(id);
  usePageTitle(meeting.data?.title ?? t('meetings.member.title'));
  useMeetingLive(meeting.data ? id : null);
  if (meeting.isError) return <PageError error={meeting.error} onRetry={() => void meeting.refetch()} />;
  const m = meeting.data;
  if (!m) return <Loading />;
  return <MemberView meeting={m} />;
}

function MemberView({ meeting: m }: { meeting: MeetingDetail }) {
  const { t } = useTranslation();
  const actions = useMeetingActions(m.id);
  const votes = useMeetingVotes(m.id);
  const me = m.participants.find((p) => p.id === m.myParticipantId) ?? null;
  const current = m.agenda.find((a) => a.id === m.currentItemId) ?? null;
  const open = (votes.data?.items ?? []).filter((v) => v.status === 'open');
  const closed = (votes.data?.items ?? []).filter((v) => v.status === 'closed').reverse();
  const running = m.status === 'in_progress';
  return (
    <Stack gap="md" className={classes.memberPage} data-testid="member-view">
      {m.rehearsal && <RehearsalBanner />}
      <Anchor component={Link} to="/hop-cua-toi" size="sm">
        {t('meetings.member.back')}
      </Anchor>
      <Stack gap={4}>
        <Text c="dimmed">{m.bodyName}</Text>
        <Title order={1} size="h2">
          {m.title}
        </Title>
        <Text>
          {formatDate(m.meetingDate)} · {m.startTime} · {m.place}
        </Text>
        <Group gap="xs">
          <StatusBadge status={m.status} />
        </Group>
      </Stack>
      {!me ? (
        <Alert color="gray">{t('meetings.member.notInvited')}</Alert>
      ) : (
        <>
          {(m.status === 'invited' || m.status === 'draft' || (running && !me.checkedInAt)) && (
            <Card withBorder>
              <ResponseButtons meetingId={m.id} response={me.response} reason={me.apologyReason} />
            </Card>
          )}
          {running && (
            <Card withBorder data-testid="my-checkin">
              {me.present ? (
                <Group justify="space-between">
                  <Text fw={600} c="green.8">
                    {t('meetings.member.checkedIn', {
                      at: formatDateTime(me.checkedInAt ?? '').slice(11, 16),
                    })}
                    {me.late ? ` · ${t('meetings.attendance.late')}` : ''}
                  </Text>
                  <Button
                    variant="subtle"
                    color="gray"
                    onClick={() => {
                      if (window.confirm(t('meetings.member.leaveConfirm')))
                        actions.attendance.mutate({ action: 'leave' });
                    }}
                  >
                    {t('meetings.console.leave')}
                  </Button>
                </Group>
              ) : (
                <Button
                  size="xl"
                  h={80}
                  fullWidth
                  onClick={() => actions.attendance.mutate({ action: 'check_in' })}
                  loading={actions.attendance.isPending}
                  data-testid="member-checkin"
                >
                  {me.leftAt ? t('meetings.member.checkInAgain') : t('meetings.member.checkIn')}
                </Button>
              )}
              {actions.attendance.error && <ErrorAlert error={actions.attendance.error} />}
            </Card>
          )}
        </>
      )}
      {running && <QuorumCounter quorum={m.quorum} compact />}
      {current && (
        <Card withBorder bg="yellow.0">
          <Text size="sm" c="dimmed">
            {t('meetings.console.current')}
          </Text>
          <Text fz="lg" fw={700}>
            {current.title}
          </Text>
          {current.speeches.find((s) => s.running) && (
            <Text>
              {t('meetings.console.speaking', { name: current.speeches.find((s) => s.running)?.speakerName })}
            </Text>
          )}
        </Card>
      )}
      {open.map((v) => (
        <Card key={v.id} withBorder padding="md" bg="blue.0" data-testid="member-vote">
          <Stack gap="sm">
            <Badge color="blue" variant="filled" size="lg">
              {t(`meetings.voteType.${v.voteType}`)}
            </Badge>
            <Text fz="lg" fw={700}>
              {v.question}
            </Text>
            {me?.present ? (
              <MemberBallot vote={v} myOfficialId={me.officialId} />
            ) : (
              <Alert color="orange">{t('meetings.member.checkInToVote')}</Alert>
            )}
          </Stack>
        </Card>
      ))}
      {closed.map((v) => (
        <VoteResult key={v.id} vote={v} />
      ))}
      <PapersPanel meeting={m} large />
    </Stack>
  );
}
