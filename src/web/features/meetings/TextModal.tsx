import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/FormError';
import { fieldErrorOf } from './errors';

interface TextModalProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  /** Shown above the text box (what is answered, which task…). */
  context?: ReactNode;
  label: string;
  /** The request body's field the text goes in: the server's message for it shows on the text box. */
  field: string;
  minLength: number;
  maxLength: number;
  submitLabel: string;
  loading: boolean;
  /** The refusal of the last attempt (problem+json), shown on the box or under it. */
  error: unknown;
  /** Sends the text; `done` closes the dialog after the server took it. */
  onSubmit: (text: string, done: () => void) => void;
  testId?: string;
}

/**
 * A dialog asking for one text (an answer to a comment, the result of a task): a text box that says when the text
 * is too short before sending, and the server's refusal on the box (its field) or under it.
 */
export function TextModal({
  opened,
  onClose,
  title,
  context,
  label,
  field,
  minLength,
  maxLength,
  submitLabel,
  loading,
  error,
  onSubmit,
  testId,
}: TextModalProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  useEffect(() => {
    if (opened) {
      setText('');
      setTried(false);
    }
  }, [opened]);
  const trimmed = text.trim();
  const local =
    trimmed.length < minLength
      ? t('meetings.textModal.tooShort', { n: minLength })
      : trimmed.length > maxLength
        ? t('meetings.textModal.tooLong', { n: maxLength })
        : undefined;
  const server = fieldErrorOf(error, field);
  const submit = () => {
    setTried(true);
    if (local) return;
    onSubmit(trimmed, onClose);
  };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      data-testid={testId}
    >
      <Stack gap="sm">
        {context && (
          <Text size="sm" c="dimmed">
            {context}
          </Text>
        )}
        <Textarea
          label={label}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={3}
          maxRows={12}
          data-autofocus
          error={(tried && local) || server}
        />
        {!!error && (
          <FormError error={error} shown={(f) => f === `body.${field}` || f.endsWith(`.${field}`)} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={loading} onClick={submit} data-testid={testId ? `${testId}-submit` : undefined}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
