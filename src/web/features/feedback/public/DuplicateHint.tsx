import { Alert, Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DuplicateSuggestion } from '../../../../common/api/feedback';
import { formatDay, stateColour, useStateLabel } from './labels';

/**
 * "Có thể đã có người phản ánh việc này": similar open reports of the commune, found while the citizen writes. They
 * may follow one of them instead, or still send their own.
 */
export function DuplicateHint({
  suggestions,
  onFileAnyway,
}: {
  suggestions: DuplicateSuggestion[];
  onFileAnyway: () => void;
}) {
  const { t } = useTranslation();
  const stateLabel = useStateLabel();
  if (suggestions.length === 0) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      title={t('feedbackPublic.duplicates.title')}
      role="status"
      data-testid="feedback-duplicates"
    >
      <Stack gap="sm">
        {suggestions.map((s) => (
          <Stack key={s.id} gap={2} data-testid="feedback-duplicate">
            <Group gap={6} wrap="wrap">
              <Text fw={700} size="sm" style={{ wordBreak: 'break-all' }}>
                {s.code}
              </Text>
              <Badge size="sm" variant="light" color={stateColour(s.state)}>
                {stateLabel(s.state)}
              </Badge>
            </Group>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {s.title}
            </Text>
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {[
                s.placeText,
                t('feedbackPublic.duplicates.received', { date: formatDay(s.receivedAt) }),
                s.distanceM !== null
                  ? t('feedbackPublic.duplicates.distance', { metres: Math.round(s.distanceM) })
                  : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
            <Anchor component={Link} to={`/phan-anh?ma=${encodeURIComponent(s.code)}`} size="sm">
              {t('feedbackPublic.duplicates.follow')}
            </Anchor>
          </Stack>
        ))}
        <Button
          variant="default"
          size="sm"
          w="fit-content"
          onClick={onFileAnyway}
          data-testid="feedback-file-anyway"
        >
          {t('feedbackPublic.duplicates.fileAnyway')}
        </Button>
      </Stack>
    </Alert>
  );
}
