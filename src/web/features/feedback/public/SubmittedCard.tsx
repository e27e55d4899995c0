import { Alert, Button, CopyButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SubmitFeedbackResult } from '../public-api';

function CopyValue({ value, label, testId }: { value: string; label: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="sm" wrap="wrap" align="center">
      <Text
        fw={700}
        fz={{ base: 22, sm: 28 }}
        ff="monospace"
        data-testid={testId}
        style={{ wordBreak: 'break-all' }}
      >
        {value}
      </Text>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Button
            size="xs"
            variant={copied ? 'filled' : 'light'}
            color={copied ? 'teal' : 'blue'}
            onClick={copy}
            aria-label={t('feedbackPublic.done.copyLabel', { what: label })}
          >
            {copied ? t('feedbackPublic.done.copied') : t('feedbackPublic.done.copy')}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}

/** After sending: the tracking code (and the PIN of an anonymous report, shown only this once), big and copyable. */
export function SubmittedCard({
  result,
  communeName,
  onAnother,
}: {
  result: SubmitFeedbackResult;
  communeName: string | null;
  onAnother: () => void;
}) {
  const { t } = useTranslation();
  const track = `/phan-anh/theo-doi?ma=${encodeURIComponent(result.code)}`;
  return (
    <Stack gap="md" maw={720}>
      <Title order={1}>{t('feedbackPublic.done.title')}</Title>
      <Paper withBorder p="md" data-testid="feedback-done">
        <Stack gap="sm">
          {communeName && <Text>{t('feedbackPublic.done.sentTo', { commune: communeName })}</Text>}
          <Text>{t('feedbackPublic.done.codeIs')}</Text>
          <CopyValue value={result.code} label={t('feedbackPublic.done.code')} testId="feedback-code" />
          {result.pin ? (
            <>
              <Text>{t('feedbackPublic.done.pinIs')}</Text>
              <CopyValue value={result.pin} label={t('feedbackPublic.done.pin')} testId="feedback-pin" />
              <Alert color="orange" variant="light" role="alert" data-testid="feedback-pin-warning">
                {t('feedbackPublic.done.pinWarning')}
              </Alert>
            </>
          ) : (
            <Text size="sm">{t('feedbackPublic.done.followWithContact')}</Text>
          )}
        </Stack>
      </Paper>
      <Group gap="sm">
        <Button component={Link} to={track} data-testid="feedback-track-link">
          {t('feedbackPublic.done.track')}
        </Button>
        <Button variant="subtle" onClick={onAnother}>
          {t('feedbackPublic.done.another')}
        </Button>
      </Group>
    </Stack>
  );
}
