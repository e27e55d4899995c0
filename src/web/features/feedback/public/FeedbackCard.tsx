import { Anchor, Badge, Button, Group, Image, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PublicFeedbackItem, publicPhotoUrl } from '../public-api';
import { formatDay, stateColour, useStateLabel } from './labels';

const LONG = 280;

/** One published report and its answer (personal data already masked by the server); stored text shown as text. */
export function FeedbackCard({ item, highlight }: { item: PublicFeedbackItem; highlight?: boolean }) {
  const { t } = useTranslation();
  const stateLabel = useStateLabel();
  const [open, setOpen] = useState(false);
  const long = item.content.length > LONG;
  return (
    <Paper
      withBorder
      p="md"
      data-testid="public-feedback"
      style={highlight ? { borderColor: 'var(--mantine-color-blue-5)', borderWidth: 2 } : undefined}
    >
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Text size="sm" fw={700} ff="monospace" style={{ wordBreak: 'break-all' }}>
            {item.code}
          </Text>
          <Badge size="sm" variant="light" color={stateColour(item.state)}>
            {stateLabel(item.state)}
          </Badge>
        </Group>
        <Title order={3} size="h5" style={{ overflowWrap: 'anywhere' }} data-testid="public-feedback-title">
          {item.title}
        </Title>
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {[
            item.categoryName,
            item.communeName,
            item.placeText,
            t('feedbackPublic.list.received', { date: formatDay(item.receivedAt) }),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        <Text
          size="sm"
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
          lineClamp={long && !open ? 4 : undefined}
          data-testid="public-feedback-content"
        >
          {item.content}
        </Text>
        {long && (
          <Button variant="subtle" size="compact-xs" w="fit-content" onClick={() => setOpen((o) => !o)}>
            {open ? t('feedbackPublic.list.less') : t('feedbackPublic.list.moreText')}
          </Button>
        )}
        {item.photos.length > 0 && (
          <Group gap={6} data-testid="public-feedback-photos">
            {item.photos.map((p) => (
              <Anchor key={p.id} href={publicPhotoUrl(item.code, p.id)} target="_blank" rel="noopener">
                <Image
                  src={publicPhotoUrl(item.code, p.id)}
                  alt={p.name}
                  w={96}
                  h={72}
                  fit="cover"
                  radius="sm"
                  loading="lazy"
                />
              </Anchor>
            ))}
          </Group>
        )}
        {item.answer && (
          <Paper bg="green.0" p="sm" radius="sm" data-testid="public-feedback-answer">
            <Text size="sm" fw={600}>
              {item.answeredAt
                ? t('feedbackPublic.list.answeredOn', { date: formatDay(item.answeredAt) })
                : t('feedbackPublic.list.answer')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {item.answer}
            </Text>
          </Paper>
        )}
      </Stack>
    </Paper>
  );
}
