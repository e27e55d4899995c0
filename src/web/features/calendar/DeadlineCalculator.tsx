import { Alert, Button, Group, List, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeadlineResponse } from '../../../common/api/calendar';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, todayInVietnam, weekdayKey } from '../../lib/dates';
import { type DeadlineInput, HOLIDAY_KEYS, type HolidayKey, useDeadline } from './api';
import { DateField } from './DateField';

const MAX_DAYS = 3650;

/** From a date of receipt and a number of working days to the due date, with the skipped days explained. */
export function DeadlineCalculator() {
  const { t } = useTranslation();
  const [from, setFrom] = useState<string | null>(todayInVietnam());
  const [days, setDays] = useState<string | number>(10);
  const [asked, setAsked] = useState<DeadlineInput | null>(null);
  const [checked, setChecked] = useState(false);
  const query = useDeadline(asked);
  const daysValid = typeof days === 'number' && Number.isInteger(days) && days >= 0 && days <= MAX_DAYS;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (from && typeof days === 'number' && daysValid) setAsked({ from, days });
  };

  return (
    <Paper withBorder p="lg" component="section">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('calendar.deadlineHeading')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('calendar.deadlineIntro')}
        </Text>
        <form onSubmit={onSubmit} noValidate>
          <Group align="flex-start" gap="sm">
            <DateField
              label={t('calendar.from')}
              value={from}
              onChange={setFrom}
              required
              w={240}
              error={checked && !from ? t('calendar.invalidDate') : undefined}
            />
            <NumberInput
              label={t('calendar.days')}
              value={days}
              onChange={setDays}
              min={0}
              max={MAX_DAYS}
              allowDecimal={false}
              allowNegative={false}
              required
              w={240}
              error={checked && !daysValid ? t('calendar.invalidDays') : undefined}
            />
            <Button type="submit" mt={{ base: 0, xs: 25 }} loading={query.isFetching}>
              {t('calendar.calculate')}
            </Button>
          </Group>
        </form>
        {query.isError && <ErrorAlert error={query.error} />}
        {query.data && <DeadlineResult result={query.data} />}
      </Stack>
    </Paper>
  );
}

function DeadlineResult({ result }: { result: DeadlineResponse }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const reasonLabel = (reason: string) =>
    HOLIDAY_KEYS.includes(reason as HolidayKey)
      ? t(`holidayKey.${reason as HolidayKey}`)
      : t('calendar.weekend');
  const day = (date: string) =>
    t('calendar.dueWeekday', { weekday: t(weekdayKey(date)), date: formatDate(date) });
  return (
    <Alert
      color="blue"
      title={t('calendar.due', { date: day(result.due) })}
      data-testid="deadline-result"
      role="status"
    >
      {result.skipped.length === 0 ? (
        <Text size="sm">{t('calendar.noneSkipped')}</Text>
      ) : (
        <>
          <Text size="sm">{t('calendar.skipped', { count: result.skipped.length })}</Text>
          <List size="sm">
            {result.skipped.map((s) => (
              <List.Item key={s.date}>
                {`${day(s.date)} — ${s.name?.[lang] ?? reasonLabel(s.reason)}`}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Alert>
  );
}
