import { Alert, Button, Card, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormError, fieldError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { LocalizedDates } from '../../../components/LocalizedDates';
import { DateField } from '../../calendar/DateField';
import type { ProvinceTabProps } from '../ProvinceCampaignPage';
import { useSaveSettings, useSettings } from '../readiness-api';

type NumberKey = 'goLiveThreshold' | 'receiveDays' | 'answerDays' | 'urgentAnswerDays';
const NUMBERS: { key: NumberKey; min: number; max: number }[] = [
  { key: 'goLiveThreshold', min: 0, max: 100 },
  { key: 'receiveDays', min: 1, max: 60 },
  { key: 'answerDays', min: 1, max: 120 },
  { key: 'urgentAnswerDays', min: 1, max: 120 },
];

/** The province's campaign settings: each value an assumption [U] with its default beside it. */
export function SettingsTab({ provinceCode }: ProvinceTabProps) {
  const { t } = useTranslation();
  const q = useSettings(provinceCode);
  const save = useSaveSettings(provinceCode);
  const [values, setValues] = useState<Record<NumberKey, number | string>>({
    goLiveThreshold: '',
    receiveDays: '',
    answerDays: '',
    urgentAnswerDays: '',
  });
  const [officialDate, setOfficialDate] = useState<string | null>(null);
  useEffect(() => {
    if (!q.data) return;
    const { goLiveThreshold, receiveDays, answerDays, urgentAnswerDays } = q.data;
    setValues({ goLiveThreshold, receiveDays, answerDays, urgentAnswerDays });
    setOfficialDate(q.data.officialDate);
  }, [q.data]);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const s = q.data;
  return (
    <Card withBorder maw={720}>
      <Stack>
        <Title order={4}>{t('campaignReadiness.settings.title')}</Title>
        <Alert color="blue">{t('campaignReadiness.settings.assumptions')}</Alert>
        {!s.customised && (
          <Text size="sm" c="dimmed">
            {t('campaignReadiness.settings.onDefaults')}
          </Text>
        )}
        {NUMBERS.map(({ key, min, max }) => (
          <NumberInput
            key={key}
            label={`${t(`campaignReadiness.settings.${key}`)} [U]`}
            description={t('campaignReadiness.settings.default', { value: s.defaults[key] })}
            value={values[key]}
            onChange={(v) => setValues((old) => ({ ...old, [key]: v }))}
            min={min}
            max={max}
            allowDecimal={false}
            error={fieldError(save.error, key)}
            w={320}
          />
        ))}
        <LocalizedDates>
          <DateField
            label={t('campaignReadiness.settings.officialDate')}
            value={officialDate}
            onChange={setOfficialDate}
            clearable
            error={fieldError(save.error, 'officialDate')}
            w={220}
          />
        </LocalizedDates>
        {save.isError && (
          <FormError
            error={save.error}
            shown={(f) => [...NUMBERS.map((n) => `body.${n.key}`), 'body.officialDate'].includes(f)}
          />
        )}
        {save.isSuccess && <Text c="green">{t('common.saved')}</Text>}
        <Group>
          <Button
            loading={save.isPending}
            onClick={() =>
              save.mutate({
                goLiveThreshold: Number(values.goLiveThreshold),
                receiveDays: Number(values.receiveDays),
                answerDays: Number(values.answerDays),
                urgentAnswerDays: Number(values.urgentAnswerDays),
                officialDate,
              })
            }
          >
            {t('campaignReadiness.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
