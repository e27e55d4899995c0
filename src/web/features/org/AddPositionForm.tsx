import { Alert, Autocomplete, Button, Group, Paper, Select, Stack, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Official } from '../../../common/api/org';
import { FormError, fieldError } from '../../components/FormError';
import { todayInVietnam } from '../../lib/dates';
import { foldedFilter } from '../../lib/foldedFilter';
import { DateField } from '../calendar/DateField';
import { useAddPosition, useBodies } from './api';

const FIELDS = ['body.bodyId', 'body.title', 'body.startDate', 'body.endDate'];

/** Gives the official a position in one of the commune's bodies (a person may hold several at once). */
export function AddPositionForm({ official }: { official: Official }) {
  const { t } = useTranslation();
  const bodies = useBodies(official.communeCode);
  const add = useAddPosition(official.id);
  const [bodyId, setBodyId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [startDate, setStartDate] = useState<string | null>(todayInVietnam());
  const [endDate, setEndDate] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);
  const body = bodies.data?.items.find((b) => b.id === bodyId);
  const titleValid = title.trim().length >= 2;
  const orderValid = !startDate || !endDate || startDate <= endDate;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!bodyId || !titleValid || !startDate || !orderValid) return;
    add.mutate(
      { bodyId, title: title.trim(), startDate, endDate },
      {
        onSuccess: () => {
          setBodyId(null);
          setTitle('');
          setEndDate(null);
          setChecked(false);
        },
      },
    );
  };

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="add-position-heading">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="add-position-heading">
            {t('official.addPosition')}
          </Title>
          <Group align="flex-start" gap="sm" grow preventGrowOverflow={false}>
            <Select
              label={t('official.body')}
              data={(bodies.data?.items ?? []).map((b) => ({
                value: b.id,
                label: `${'— '.repeat(b.depth)}${b.name}`,
              }))}
              value={bodyId}
              onChange={setBodyId}
              searchable
              filter={foldedFilter}
              required
              miw={260}
              error={
                (checked && !bodyId ? t('official.bodyRequired') : undefined) ??
                fieldError(add.error, 'bodyId')
              }
            />
            <Autocomplete
              label={t('official.positionTitle')}
              description={body?.suggestedTitles.length ? t('official.titleHint') : undefined}
              data={body?.suggestedTitles ?? []}
              value={title}
              onChange={setTitle}
              required
              maxLength={200}
              miw={240}
              error={
                (checked && !titleValid ? t('official.titleRequired') : undefined) ??
                fieldError(add.error, 'title')
              }
            />
          </Group>
          <Group align="flex-start" gap="sm">
            <DateField
              label={t('official.startDate')}
              value={startDate}
              onChange={setStartDate}
              required
              w={200}
              error={
                (checked && !startDate ? t('calendar.invalidDate') : undefined) ??
                fieldError(add.error, 'startDate')
              }
            />
            <DateField
              label={t('official.endDate')}
              description={t('common.optional')}
              value={endDate}
              onChange={setEndDate}
              clearable
              w={200}
              error={
                (orderValid ? undefined : t('official.endBeforeStart')) ?? fieldError(add.error, 'endDate')
              }
            />
          </Group>
          {add.isError && <FormError error={add.error} shown={(f) => FIELDS.includes(f)} />}
          {add.isSuccess && (
            <Alert color="green" role="status">
              {t('official.positionAdded')}
            </Alert>
          )}
          <Button type="submit" loading={add.isPending} w="fit-content">
            {t('official.addPosition')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
