import { Alert, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { ErrorAlert } from './ErrorAlert';

/** The server's message for one input ('fullName' matches the problem's field 'body.fullName'). */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.errors.find((e) => e.field === field || e.field === `body.${field}`)?.message;
}

interface FormErrorProps {
  error: unknown;
  /** The problem fields shown on the form's inputs (e.g. 'body.fullName'); the rest are listed here. */
  shown: (field: string) => boolean;
  /** What a listed field is about, put before its message ("Chứng thực: …"). */
  about?: (field: string) => string | undefined;
}

/**
 * Under a form: when the server named the wrong inputs, their messages are on the inputs and this says so
 * (listing any it could not place); any other problem shows the server's `detail`.
 */
export function FormError({ error, shown, about }: FormErrorProps) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || error.code !== 'validation_failed' || error.errors.length === 0)
    return <ErrorAlert error={error} />;
  const rest = error.errors.filter((e) => !shown(e.field));
  const placed = rest.length < error.errors.length;
  // One problem: the server's sentence. Several: a list (the detail strings them together with field paths).
  const say = (e: { field: string; message: string }) => {
    const what = about?.(e.field);
    return what ? `${what}: ${e.message}` : e.message;
  };
  const intro = placed ? t('forms.fixBelow') : rest.length === 1 ? say(rest[0]!) : t('forms.problems');
  return (
    <Alert color="red" title={t('errors.title')} role="alert">
      <Stack gap="xs">
        <Text size="sm">{intro}</Text>
        {(placed ? rest.length > 0 : rest.length > 1) && (
          <List size="sm">
            {rest.map((e) => (
              <List.Item key={`${e.field}:${e.message}`}>{say(e)}</List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Alert>
  );
}
