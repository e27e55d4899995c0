import { Alert, Button, Group, Stack, TextInput, Title } from '@mantine/core';
import type { UseMutationResult } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DateField } from './DateField';

interface MakeUpDayFormProps {
  mutation: UseMutationResult<{ date: string }, Error, { date: string; note?: string }>;
}

/** Records a make-up working Saturday (ngày làm bù). */
export function MakeUpDayForm({ mutation }: MakeUpDayFormProps) {
  const { t } = useTranslation();
  const [date, setDate] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [checked, setChecked] = useState(false);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!date) return;
    mutation.mutate(
      { date, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: () => {
          setDate(null);
          setNote('');
          setChecked(false);
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('calendarAdmin.addMakeUpHeading')}
        </Title>
        <Group align="flex-start" gap="sm">
          <DateField
            label={t('calendarAdmin.makeUpDate')}
            value={date}
            onChange={setDate}
            required
            w={180}
            error={checked && !date ? t('calendar.invalidDate') : undefined}
          />
          <TextInput
            label={t('calendarAdmin.note')}
            description={t('common.optional')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            maxLength={500}
            style={{ flex: '1 1 16rem' }}
          />
        </Group>
        {mutation.isError && <ErrorAlert error={mutation.error} />}
        {mutation.isSuccess && (
          <Alert color="green" role="status">
            {t('common.saved')}
          </Alert>
        )}
        <Button type="submit" loading={mutation.isPending} w="fit-content">
          {t('calendarAdmin.addMakeUp')}
        </Button>
      </Stack>
    </form>
  );
}
