import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { QuorumView } from '../../../common/api/meetings';
import { thresholdText } from './format';
import { RuleBadge } from './Marks';

/**
 * The live quorum: present / required of the members of the day, reached or short (and by how many), vacancies,
 * and the rule applied with its confidence mark.
 */
export function QuorumCounter({ quorum: q, compact = false }: { quorum: QuorumView; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const short = Math.max(0, q.required - q.present);
  const state = (
    <Badge
      color={q.reached ? 'green' : 'red'}
      size={compact ? 'md' : 'xl'}
      variant="filled"
      data-testid="quorum-state"
    >
      {q.reached ? t('meetings.quorum.reached') : t('meetings.quorum.short', { n: short })}
    </Badge>
  );
  if (compact)
    return (
      <Stack gap={2}>
        <Text size="xs" c="dimmed">
          {t('meetings.quorum.title')}
        </Text>
        <Group gap="xs">
          <Text fw={600}>
            {t('meetings.quorum.counts', { present: q.present, required: q.required, members: q.members })}
          </Text>
          {state}
        </Group>
      </Stack>
    );
  return (
    <Card withBorder padding="md" data-testid="quorum-counter" bg={q.reached ? 'green.0' : 'red.0'}>
      <Group justify="space-between" align="center" wrap="wrap">
        <Stack gap={0}>
          <Text size="sm" c="dimmed">
            {t('meetings.quorum.title')}
          </Text>
          <Text fz={40} fw={800} lh={1.1} data-testid="quorum-present">
            {q.present}
            <Text span fz={24} c="dimmed">
              {' '}
              / {q.required}
            </Text>
          </Text>
          <Text size="sm">
            {t('meetings.quorum.detail', {
              present: q.present,
              required: q.required,
              members: q.members,
              seats: q.seats ?? q.members,
              vacancies: q.vacancies,
            })}
          </Text>
        </Stack>
        <Stack gap={4} align="flex-end">
          {state}
          <Group gap={4}>
            <Text size="xs">
              {t('meetings.quorum.rule', { rule: thresholdText(q.rule.value, i18n.language) })}
            </Text>
            <RuleBadge confidence={q.rule.confidence} source={q.rule.source} />
          </Group>
        </Stack>
      </Group>
    </Card>
  );
}
