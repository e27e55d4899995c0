import { Badge, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../lib/dates';
import { useEventStream } from '../../lib/useEventStream';
import { localClock } from '../tickets/format';
import { fetchHall, type HallView, paths } from './api';
import { timerText } from './format';
import { MEETING_EVENTS, useElapsed } from './live';
import { RehearsalBanner } from './Marks';
import classes from './meetings.module.css';

interface StoredVoteResult {
  kind?: 'vote' | 'election';
  passed?: boolean;
  required?: number;
  base?: number;
  counts?: { for: number; against: number; abstain: number; notVoting?: number };
  explanation?: { vi: string; en: string };
  candidates?: { candidateId: string; fullName: string; title: string; votes: number; elected: boolean }[];
}

const isHall = (d: unknown): d is HallView =>
  typeof d === 'object' && d !== null && 'meetingId' in d && 'present' in d;

/**
 * /hop/:id/man-hinh — the hall screen for the projector (public, no account): body and title, DIỄN TẬP, the item
 * under discussion and the speaker with the time they have spoken, present / members / required and the quorum,
 * and the last vote's result the moment the secretary closes it; live from the meeting's event stream.
 */
export function HallPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const [hall, setHall] = useState<HallView | null>(null);
  const [missing, setMissing] = useState(false);
  const [now, setNow] = useState(() => new Date());
  usePageTitle(hall?.title ?? t('meetings.hall.title'));
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 10_000);
    return () => clearInterval(timer);
  }, []);
  const refresh = useCallback(() => {
    fetchHall(id).then(
      (h) => {
        setHall(h);
        setMissing(false);
      },
      () => setMissing(true),
    );
  }, [id]);
  const handlers = Object.fromEntries(
    MEETING_EVENTS.map((e) => [e, (data: unknown) => (isHall(data) ? setHall(data) : refresh())]),
  );
  const { connected } = useEventStream(/^[0-9a-f-]{36}$/i.test(id) ? paths.events(id) : null, {
    ...handlers,
    snapshot: (data) => (isHall(data) ? setHall(data) : refresh()),
  });
  useEffect(() => {
    // The stream's snapshot normally arrives first; without a stream the page still shows the meeting.
    if (!connected) refresh();
  }, [connected, refresh]);
  const speakerSeconds = useElapsed(hall?.speaker?.startedAt);

  if (!hall)
    return (
      <main className={classes.hall} data-testid="hall">
        <Text fz="2rem">{missing ? t('meetings.hall.notFound') : t('common.loading')}</Text>
      </main>
    );
  const vote = hall.lastVote;
  const r = (vote?.result ?? null) as StoredVoteResult | null;
  const en = i18n.language.startsWith('en');
  const passed = r?.kind === 'election' ? null : (r?.passed ?? vote?.outcome === 'passed');
  return (
    <main className={classes.hall} data-testid="hall">
      {hall.rehearsal && <RehearsalBanner size="xl" />}
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Text fz="1.8rem" c="gray.3" data-testid="hall-body">
            {hall.bodyName}
          </Text>
          <Title order={1} fz="3rem" c="white" lh={1.1} data-testid="hall-title">
            {hall.title}
          </Title>
          <Text fz="1.5rem" c="gray.4">
            {formatDate(hall.meetingDate)} · {hall.startTime} · {hall.place}
          </Text>
        </Stack>
        <Stack gap={4} align="flex-end">
          <Text fz="3rem" fw={700}>
            {localClock(now.toISOString())}
          </Text>
          <Badge size="xl" color={hall.status === 'in_progress' ? 'green' : 'gray'}>
            {t(`meetings.status.${hall.status}`)}
          </Badge>
          {!connected && (
            <Badge color="red" size="xl" data-testid="hall-offline">
              {t('meetings.hall.offline')}
            </Badge>
          )}
        </Stack>
      </Group>
      <Grid gap="xl">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <div className={classes.hallPanel} data-testid="hall-item">
            <Text fz="1.6rem" c="gray.3">
              {t('meetings.hall.currentItem')}
            </Text>
            <Text fz="2.6rem" fw={700} lh={1.2} mt="xs">
              {hall.currentItem ? `${hall.currentItem.position}. ${hall.currentItem.title}` : '—'}
            </Text>
            {hall.speaker && (
              <Group mt="lg" gap="lg" data-testid="hall-speaker">
                <Text fz="2rem">{t('meetings.hall.speaking', { name: hall.speaker.name })}</Text>
                <Text fz="2.6rem" fw={800} c="yellow.4">
                  {timerText(speakerSeconds)}
                </Text>
              </Group>
            )}
          </div>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <div className={classes.hallPanel} data-testid="hall-quorum">
            <Text fz="1.6rem" c="gray.3">
              {t('meetings.hall.present')}
            </Text>
            <Group align="baseline" gap="md">
              <span className={classes.hallBig} data-testid="hall-present">
                {hall.present}
              </span>
              <Text fz="2.4rem" c="gray.3">
                / {hall.members}
              </Text>
            </Group>
            <Text fz="1.6rem">
              {t('meetings.hall.required', { n: hall.required, seats: hall.seats ?? hall.members })}
            </Text>
            <Badge
              mt="md"
              size="xl"
              h={48}
              fz="1.4rem"
              color={hall.quorumReached ? 'green' : 'red'}
              data-testid="hall-quorum-state"
            >
              {hall.quorumReached
                ? t('meetings.quorum.reached')
                : t('meetings.quorum.short', { n: Math.max(0, hall.required - hall.present) })}
            </Badge>
          </div>
        </Grid.Col>
      </Grid>
      {vote && r && (
        <div
          key={vote.id}
          className={`${classes.hallResult} ${classes.hallFlash}`}
          style={{ background: passed === null ? '#1c4f8a' : passed ? '#2b8a3e' : '#c92a2a' }}
          aria-live="assertive"
          data-testid="hall-result"
        >
          <Group justify="space-between" align="flex-start" wrap="wrap">
            <Stack gap={4} style={{ flex: 1 }}>
              <Text fz="1.6rem">{vote.question}</Text>
              <Text fz="3.6rem" fw={900} lh={1} data-testid="hall-outcome">
                {passed === null
                  ? t('meetings.hall.electionResult')
                  : passed
                    ? t('meetings.hall.passed')
                    : t('meetings.hall.failed')}
              </Text>
            </Stack>
            {r.counts && r.kind !== 'election' && (
              <Stack gap={0} align="flex-end">
                <Text fz="2rem" fw={700} data-testid="hall-counts">
                  {t('meetings.hall.counts', {
                    for: r.counts.for,
                    against: r.counts.against,
                    abstain: r.counts.abstain,
                  })}
                </Text>
                {r.required !== undefined && (
                  <Text fz="1.4rem">
                    {t('meetings.hall.needed', { n: r.required, base: r.base ?? hall.members })}
                  </Text>
                )}
              </Stack>
            )}
          </Group>
          {r.kind === 'election' && r.candidates && (
            <Stack gap={4} mt="md">
              {r.candidates.map((c) => (
                <Text key={c.candidateId} fz="2rem" fw={c.elected ? 800 : 400}>
                  {c.elected ? '✓ ' : '✗ '}
                  {c.fullName} — {c.title}: {t('meetings.vote.votes', { n: c.votes })}
                </Text>
              ))}
            </Stack>
          )}
          {r.explanation && (
            <Text fz="1.4rem" mt="sm" data-testid="hall-explanation">
              {en ? r.explanation.en : r.explanation.vi}
            </Text>
          )}
        </div>
      )}
    </main>
  );
}
