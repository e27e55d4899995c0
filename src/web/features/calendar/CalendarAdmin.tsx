import { List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../lib/dates';
import { HOLIDAY_KEYS, type HolidayKey, useCalendarAdmin, useHolidays } from './api';
import { HolidayRangeForm } from './HolidayRangeForm';
import { MakeUpDayForm } from './MakeUpDayForm';

/** System administrators: the Government's announcements recorded for the year, and forms to add or delete them. */
export function CalendarAdmin({ year }: { year: number }) {
  const { t } = useTranslation();
  const holidays = useHolidays(year);
  const admin = useCalendarAdmin();
  const ranges = holidays.data?.announcements.holidayRanges ?? [];
  const makeUpDays = holidays.data?.announcements.makeUpDays ?? [];
  const keyLabel = (key: string) =>
    HOLIDAY_KEYS.includes(key as HolidayKey) ? t(`holidayKey.${key as HolidayKey}`) : key;
  const deleteError = admin.deleteRange.error ?? admin.deleteMakeUpDay.error;

  return (
    <Paper withBorder p="lg" component="section" data-testid="calendar-admin">
      <Stack gap="md">
        <Title order={2} size="h3">
          {t('calendarAdmin.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('calendarAdmin.intro')}
        </Text>

        <Title order={3} size="h4">
          {t('calendarAdmin.rangesHeading', { year })}
        </Title>
        {ranges.length === 0 ? (
          <Text size="sm">{t('calendarAdmin.noRanges', { year })}</Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('calendarAdmin.fromDate')}</Table.Th>
                  <Table.Th scope="col">{t('calendarAdmin.toDate')}</Table.Th>
                  <Table.Th scope="col">{t('calendarAdmin.key')}</Table.Th>
                  <Table.Th scope="col">{t('calendarAdmin.name')}</Table.Th>
                  <Table.Th scope="col">{t('common.note')}</Table.Th>
                  <Table.Th scope="col">{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {ranges.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{formatDate(r.from)}</Table.Td>
                    <Table.Td>{formatDate(r.to)}</Table.Td>
                    <Table.Td>{keyLabel(r.key)}</Table.Td>
                    <Table.Td>{r.name}</Table.Td>
                    <Table.Td>{r.note ?? ''}</Table.Td>
                    <Table.Td>
                      <ConfirmButton
                        label={t('calendarAdmin.deleteRange', { name: r.name })}
                        title={t('calendarAdmin.confirmTitle')}
                        message={t('calendarAdmin.confirmText')}
                        loading={admin.deleteRange.isPending && admin.deleteRange.variables === r.id}
                        onConfirm={() => admin.deleteRange.mutate(r.id)}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}

        <Title order={3} size="h4">
          {t('calendarAdmin.makeUpHeading', { year })}
        </Title>
        {makeUpDays.length === 0 ? (
          <Text size="sm">{t('calendar.noMakeUp', { year })}</Text>
        ) : (
          <List spacing="xs">
            {makeUpDays.map((d) => (
              <List.Item key={d.date}>
                {[formatDate(d.date), d.note].filter(Boolean).join(' — ')}{' '}
                <ConfirmButton
                  label={t('calendarAdmin.deleteMakeUp', { date: formatDate(d.date) })}
                  title={t('calendarAdmin.confirmTitle')}
                  message={t('calendarAdmin.confirmText')}
                  loading={admin.deleteMakeUpDay.isPending && admin.deleteMakeUpDay.variables === d.date}
                  onConfirm={() => admin.deleteMakeUpDay.mutate(d.date)}
                />
              </List.Item>
            ))}
          </List>
        )}
        {deleteError && <ErrorAlert error={deleteError} />}

        <HolidayRangeForm mutation={admin.addRange} />
        <MakeUpDayForm mutation={admin.addMakeUpDay} />
      </Stack>
    </Paper>
  );
}
