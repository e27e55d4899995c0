import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../lib/dates';
import { PageError } from '../workspace/PageError';
import { useMyMeetings } from './api';
import { ResponseButtons } from './MemberMeetingPage';
import classes from './meetings.module.css';
import { StatusBadge } from './StatusBadge';

/**
 * /hop-cua-toi — "Kỳ họp của tôi": the meetings the signed-in member is invited to, the next first, each with
 * their response (confirm / apologise) and a large button into the meeting.
 */
export function MyMeetingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('meetings.member.listTitle'));
  const mine = useMyMeetings();
  if (mine.isError) return <PageError error={mine.error} onRetry={() => void mine.refetch()} />;
  const items = mine.data?.items ?? [];
  return (
    <Stack gap="md" className={classes.memberPage}>
      <Title order={1}>{t('meetings.member.listTitle')}</Title>
      {mine.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <Text role="status">{t('meetings.member.none')}</Text>
      ) : (
        items.map((m) => (
          <Card key={m.id} withBorder padding="md" data-testid="my-meeting">
            <Stack gap="sm">
              {m.rehearsal && (
                <Badge color="red" size="xl" variant="filled" fullWidth>
                  {t('meetings.rehearsal.band')}
                </Badge>
              )}
              <Stack gap={2}>
                <Text size="sm" c="dimmed">
                  {m.bodyName}
                </Text>
                <Text fz="lg" fw={700}>
                  {m.title}
                </Text>
                <Text>
                  {formatDate(m.meetingDate)} · {m.startTime} · {m.place}
                </Text>
                <Group gap="xs">
                  <StatusBadge status={m.status} />
                </Group>
              </Stack>
              {(m.status === 'invited' || m.status === 'draft') && (
                <ResponseButtons meetingId={m.id} response={m.response} reason={m.apologyReason} />
              )}
              <Button component={Link} to={`/hop-cua-toi/${m.id}`} size="lg" h={56} variant="light" fullWidth>
                {m.status === 'in_progress' ? t('meetings.member.join') : t('meetings.member.open')}
              </Button>
            </Stack>
          </Card>
        ))
      )}
    </Stack>
  );
}
