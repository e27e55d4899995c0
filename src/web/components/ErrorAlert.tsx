import { Alert, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

interface ErrorAlertProps {
  error: unknown;
  /** Shown as a "Thử lại" button when given. */
  onRetry?: () => void;
}

/** What went wrong, in the server's words (problem `detail`) or ours for a network failure, and what to do. */
export function ErrorAlert({ error, onRetry }: ErrorAlertProps) {
  const { t } = useTranslation();
  const isApi = error instanceof ApiError;
  const message = isApi ? error.detail || t('errors.generic') : t('errors.network');
  // Asking again helps after a network failure, a server error or a rate limit, not after a refusal.
  const retryable = !isApi || error.status >= 500 || error.status === 429;
  return (
    <Alert color="red" title={t('errors.title')} role="alert">
      <Stack gap="xs">
        <Text size="sm">{message}</Text>
        {onRetry && retryable && (
          <Button variant="white" color="red" size="xs" onClick={onRetry} w="fit-content">
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
