import { DateInput, type DateInputProps } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { parseDate } from '../../lib/dates';

type DateFieldProps = Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat' | 'dateParser'> & {
  /** 'YYYY-MM-DD' or null. */
  value: string | null;
  onChange: (value: string | null) => void;
};

/** A date typed as dd/mm/yyyy (or picked from the calendar); the value is ISO 'YYYY-MM-DD'. */
export function DateField({ value, onChange, ...props }: DateFieldProps) {
  const { t } = useTranslation();
  return (
    <DateInput
      value={value}
      onChange={(v) => onChange(v ? v.slice(0, 10) : null)}
      valueFormat="DD/MM/YYYY"
      dateParser={parseDate}
      placeholder={t('common.dateFormatHint')}
      ariaLabels={{
        nextMonth: t('dates.nextMonth'),
        previousMonth: t('dates.previousMonth'),
        nextYear: t('dates.nextYear'),
        previousYear: t('dates.previousYear'),
        nextDecade: t('dates.nextDecade'),
        previousDecade: t('dates.previousDecade'),
        monthLevelControl: t('dates.monthLevel'),
        yearLevelControl: t('dates.yearLevel'),
      }}
      {...props}
    />
  );
}
