import '@mantine/dates/styles.css';
import 'dayjs/locale/vi';
import 'dayjs/locale/en-gb';
import { NativeSelect, Stack, Text, Title } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { usePageTitle } from '../../components/usePageTitle';
import { todayInVietnam } from '../../lib/dates';
import { useIsSystemAdmin } from '../auth/session';
import { CalendarAdmin } from './CalendarAdmin';
import { DeadlineCalculator } from './DeadlineCalculator';
import { HolidayList } from './HolidayList';

function yearOptions(current: number, chosen: number): number[] {
  const years = new Set([current - 1, current, current + 1, current + 2, chosen]);
  return [...years].sort((a, b) => a - b);
}

/** /lich — days off and make-up days of a year, the deadline calculator, and (administrators) the announcements. */
export function CalendarPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('calendar.title'));
  const isAdmin = useIsSystemAdmin();
  const [params, setParams] = useSearchParams();
  const currentYear = Number(todayInVietnam().slice(0, 4));
  const asked = Number(params.get('nam'));
  const year = Number.isInteger(asked) && asked >= 1900 && asked <= 2199 ? asked : currentYear;

  return (
    <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en-gb' : 'vi', firstDayOfWeek: 1 }}>
      <Stack gap="lg">
        <Stack gap="xs">
          <Title order={1}>{t('calendar.title')}</Title>
          <Text>{t('calendar.intro')}</Text>
        </Stack>
        <NativeSelect
          label={t('calendar.year')}
          value={String(year)}
          onChange={(e) => setParams({ nam: e.currentTarget.value }, { replace: true })}
          data={yearOptions(currentYear, year).map(String)}
          w={160}
        />
        <HolidayList year={year} />
        <DeadlineCalculator />
        {isAdmin && <CalendarAdmin year={year} />}
      </Stack>
    </DatesProvider>
  );
}
