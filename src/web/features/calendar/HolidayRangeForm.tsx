import { Alert, Button, Group, Select, Stack, Textarea, TextInput, Title } from '@mantine/core';
import type { UseMutationResult } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { HOLIDAY_KEYS, type HolidayKey, type HolidayRangeInput } from './api';
import { DateField } from './DateField';

interface HolidayRangeFormProps {
  mutation: UseMutationResult<{ id: string }, Error, HolidayRangeInput>;
}

/** Records a holiday period the Government announced (e.g. Tết 2026: 14/02–22/02). */
export function HolidayRangeForm({ mutation }: HolidayRangeFormProps) {
  const { t } = useTranslation();
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [key, setKey] = useState<HolidayKey>('tet');
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  const [checked, setChecked] = useState(false);

  const nameValid = name.trim().length >= 2 && name.trim().length <= 200;
  const orderValid = !from || !to || from <= to;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!from || !to || !orderValid || !nameValid) return;
    mutation.mutate(
      { from, to, key, name: name.trim(), ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: () => {
          setFrom(null);
          setTo(null);
          setName('');
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
          {t('calendarAdmin.addRangeHeading')}
        </Title>
        <Group align="flex-start" gap="sm">
          <DateField
            label={t('calendarAdmin.fromDate')}
            value={from}
            onChange={setFrom}
            required
            w={180}
            error={checked && !from ? t('calendar.invalidDate') : undefined}
          />
          <DateField
            label={t('calendarAdmin.toDate')}
            value={to}
            onChange={setTo}
            required
            w={180}
            error={
              checked && !to
                ? t('calendar.invalidDate')
                : !orderValid
                  ? t('calendarAdmin.rangeOrder')
                  : undefined
            }
          />
          <Select
            label={t('calendarAdmin.key')}
            data={HOLIDAY_KEYS.map((k) => ({ value: k, label: t(`holidayKey.${k}`) }))}
            value={key}
            onChange={(v) => v && setKey(v as HolidayKey)}
            allowDeselect={false}
            w={240}
          />
        </Group>
        <TextInput
          label={t('calendarAdmin.name')}
          placeholder={t('calendarAdmin.namePlaceholder')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
          maxLength={200}
          error={checked && !nameValid ? t('calendarAdmin.nameLength') : undefined}
        />
        <Textarea
          label={t('calendarAdmin.note')}
          description={t('common.optional')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          maxLength={500}
          autosize
          minRows={2}
        />
        {mutation.isError && <ErrorAlert error={mutation.error} />}
        {mutation.isSuccess && (
          <Alert color="green" role="status">
            {t('common.saved')}
          </Alert>
        )}
        <Button type="submit" loading={mutation.isPending} w="fit-content">
          {t('calendarAdmin.addRange')}
        </Button>
      </Stack>
    </form>
  );
}
