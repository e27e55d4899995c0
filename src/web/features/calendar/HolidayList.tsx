import { Badge, List, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { formatDate, weekdayKey } from '../../lib/dates';
import { useHolidays } from './api';

const KIND_COLORS = { statutory: 'blue', compensatory: 'grape', official: 'teal' } as const;

/** The days off of a year with their legal basis, then its make-up working days. */
export function HolidayList({ year }: { year: number }) {
  const { t, i18n } = useTranslation();
  const query = useHolidays(year);
  const lang = i18n.language === 'en' ? 'en' : 'vi';

  return (
    <Stack gap="sm" component="section">
      <Title order={2} size="h3">
        {t('calendar.daysOffHeading', { year })}
      </Title>
      {query.isPending && <Loading />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && (
        <>
          <Text size="sm" c="dimmed">
            {t('calendar.kindHelp')}
          </Text>
          <Table.ScrollContainer minWidth={520}>
            <Table striped data-testid="days-off">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('calendar.date')}</Table.Th>
                  <Table.Th scope="col">{t('calendar.weekday')}</Table.Th>
                  <Table.Th scope="col">{t('calendar.holiday')}</Table.Th>
                  <Table.Th scope="col">{t('calendar.dayKind')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.daysOff.map((d) => (
                  <Table.Tr key={d.date}>
                    <Table.Th scope="row" fw={500}>
                      {formatDate(d.date)}
                    </Table.Th>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{t(weekdayKey(d.date))}</Table.Td>
                    <Table.Td>{d.name[lang]}</Table.Td>
                    <Table.Td>
                      <Badge color={KIND_COLORS[d.kind]} variant="light">
                        {t(`calendar.kind.${d.kind}`)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Title order={3} size="h4" mt="sm">
            {t('calendar.makeUpHeading')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('calendar.makeUpIntro')}
          </Text>
          {query.data.makeUpWorkingDays.length === 0 ? (
            <Text>{t('calendar.noMakeUp', { year })}</Text>
          ) : (
            <List data-testid="make-up-days">
              {query.data.makeUpWorkingDays.map((date) => (
                <List.Item key={date}>
                  {t('calendar.dueWeekday', { weekday: t(weekdayKey(date)), date: formatDate(date) })}
                </List.Item>
              ))}
            </List>
          )}
        </>
      )}
    </Stack>
  );
}
