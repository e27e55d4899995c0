import { Alert, Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Vote } from './api';

/** A closed vote's result as the system computed it: passed/failed or elected, counts and the explanation. */
export function VoteResult({ vote: v }: { vote: Vote }) {
  const { t, i18n } = useTranslation();
  const r = v.result;
  if (!r) return null;
  const en = i18n.language.startsWith('en');
  const passed = r.passed;
  const color = passed === null ? 'blue' : passed ? 'green' : 'red';
  return (
    <Alert
      color={color}
      variant="light"
      title={
        <Group gap="xs">
          <Badge color={color} size="lg" variant="filled" data-testid="vote-outcome">
            {passed === null
              ? t('meetings.vote.held')
              : passed
                ? t('meetings.vote.passed')
                : t('meetings.vote.failed')}
          </Badge>
          <Text fw={600}>{v.question}</Text>
        </Group>
      }
      data-testid="vote-result"
    >
      <Stack gap="xs">
        {v.counts && v.voteType !== 'election' && (
          <Text size="sm" data-testid="vote-counts">
            {t('meetings.vote.counts', {
              for: v.counts.for,
              against: v.counts.against,
              abstain: v.counts.abstain,
              notVoting: v.counts.notVoting,
            })}
          </Text>
        )}
        {v.voteType === 'election' && v.candidates.length > 0 && (
          <Stack gap={4}>
            {v.candidates.map((c) => (
              <Group key={c.id} gap="xs" wrap="wrap" data-testid="candidate-result">
                <Badge color={c.elected ? 'green' : 'gray'} variant="light">
                  {c.elected ? t('meetings.vote.elected') : t('meetings.vote.notElected')}
                </Badge>
                <Text size="sm" fw={600}>
                  {c.fullName}
                </Text>
                <Text size="sm">
                  {c.title} · {t('meetings.vote.votes', { n: c.votes ?? 0 })}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
        <Text size="sm" data-testid="vote-explanation">
          {en ? r.explanation.en : r.explanation.vi}
        </Text>
        {r.note && (
          <Text size="sm" c="dimmed">
            {en ? r.note.en : r.note.vi}
          </Text>
        )}
        {v.paperTally && (
          <Text size="xs" c="dimmed">
            {t('meetings.vote.paperFigures', v.paperTally)}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
