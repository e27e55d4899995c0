import { Button, Group, Paper, Radio, Rating, Stack, Text, Textarea, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrackedFeedback } from '../../../../common/api/feedback';
import { FormError } from '../../../components/FormError';
import { type TrackLookup, useRateFeedback } from '../public-api';

/**
 * "Đã được giải quyết chưa?" after the answer: yes or no, 1–5 stars and a comment. "No" reopens the report (the
 * commune handles it again), and the page says so.
 */
export function RateForm({
  lookup,
  onRated,
}: {
  lookup: TrackLookup;
  onRated: (answer: TrackedFeedback, resolved: boolean) => void;
}) {
  const { t } = useTranslation();
  const rate = useRateFeedback();
  const [resolved, setResolved] = useState<'yes' | 'no' | null>(null);
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!resolved) return;
    const yes = resolved === 'yes';
    rate.mutate(
      {
        lookup,
        body: {
          resolved: yes,
          ...(rating > 0 ? { rating } : {}),
          ...(comment.trim() ? { comment: comment.trim() } : {}),
        },
      },
      { onSuccess: (answer) => onRated(answer, yes) },
    );
  };
  return (
    <Paper withBorder p="md" data-testid="track-rate">
      <form onSubmit={submit} aria-label={t('feedbackPublic.rate.title')}>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('feedbackPublic.rate.title')}
          </Title>
          <Radio.Group value={resolved} onChange={(v) => setResolved(v as 'yes' | 'no')} required>
            <Group gap="lg">
              <Radio value="yes" label={t('feedbackPublic.rate.yes')} data-testid="rate-yes" />
              <Radio value="no" label={t('feedbackPublic.rate.no')} data-testid="rate-no" />
            </Group>
          </Radio.Group>
          {resolved === 'no' && (
            <Text size="sm" c="orange.8">
              {t('feedbackPublic.rate.noHint')}
            </Text>
          )}
          <Stack gap={4}>
            <Text size="sm" id="rate-stars-label">
              {t('feedbackPublic.rate.stars')}
            </Text>
            <Rating
              value={rating}
              onChange={setRating}
              size="lg"
              getSymbolLabel={(value) => `${value}/5`}
              aria-labelledby="rate-stars-label"
              data-testid="rate-stars"
            />
          </Stack>
          <Textarea
            label={t('feedbackPublic.rate.comment')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
          />
          <Group>
            <Button type="submit" disabled={!resolved} loading={rate.isPending} data-testid="rate-submit">
              {t('feedbackPublic.rate.submit')}
            </Button>
          </Group>
          {rate.isError && <FormError error={rate.error} shown={() => false} />}
        </Stack>
      </form>
    </Paper>
  );
}
