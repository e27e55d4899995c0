import { Alert, Badge, Group, Paper, Rating, Stack, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TrackedFeedback } from '../../../../common/api/feedback';
import { formatDate } from '../../../lib/dates';
import { formatDateTime } from '../../../lib/datetime';
import { stateColour, useActionLabel, useStateLabel } from './labels';

/** Where the report is: its state, due date, the answer (as text), and every step so far. */
export function TrackedView({ data }: { data: TrackedFeedback }) {
  const { t } = useTranslation();
  const stateLabel = useStateLabel();
  const actionLabel = useActionLabel();
  return (
    <Paper withBorder p="md" data-testid="track-result">
      <Stack gap="sm">
        <Title order={2} size="h3" style={{ overflowWrap: 'anywhere' }}>
          {data.title}
        </Title>
        <Group gap="xs" wrap="wrap">
          <Text fw={700} ff="monospace" style={{ wordBreak: 'break-all' }}>
            {data.code}
          </Text>
          <Badge color={stateColour(data.state)} variant="light" data-testid="track-state">
            {stateLabel(data.state)}
          </Badge>
        </Group>
        <Text size="sm">
          {data.categoryName} · {data.communeName}
        </Text>
        <Text size="sm">
          {t('feedbackPublic.track.receivedAt')}: {formatDateTime(data.receivedAt)}
        </Text>
        {data.answerDueDate && !data.answeredAt && (
          <Text data-testid="track-due">
            {t('feedbackPublic.track.due')}: <strong>{formatDate(data.answerDueDate)}</strong>
          </Text>
        )}
        {data.rejectReason && (
          <Alert color="red" title={t('feedbackPublic.track.rejected')} data-testid="track-reject">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {data.rejectReason}
            </Text>
          </Alert>
        )}
        {data.answer && (
          <Alert
            color="green"
            variant="light"
            title={t('feedbackPublic.track.answer')}
            data-testid="track-answer"
          >
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {data.answer}
            </Text>
            {data.answeredAt && (
              <Text size="xs" c="dimmed" mt={6}>
                {t('feedbackPublic.track.answeredAt', { at: formatDateTime(data.answeredAt) })}
              </Text>
            )}
          </Alert>
        )}
        {data.resolvedByReporter !== null && (
          <Group gap="xs" data-testid="track-your-rating">
            <Text size="sm">
              {data.resolvedByReporter ? t('feedbackPublic.rate.saidYes') : t('feedbackPublic.rate.saidNo')}
            </Text>
            {data.rating !== null && <Rating value={data.rating} readOnly size="sm" />}
          </Group>
        )}
        <Title order={3} size="h4">
          {t('feedbackPublic.track.timeline')}
        </Title>
        <Timeline active={data.history.length - 1} bulletSize={14} lineWidth={2} data-testid="track-timeline">
          {data.history.map((h, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the history is append-only and shown in order
            <Timeline.Item key={i} title={actionLabel(h.action)}>
              <Text size="sm" c="dimmed">
                {formatDateTime(h.at)} · {stateLabel(h.toState)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      </Stack>
    </Paper>
  );
}
