import { Alert, Button, Card, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormError, fieldError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { formatDateTime } from '../../../lib/datetime';
import type { ProvinceFeedbackTabProps } from '../ProvinceFeedbackPage';
import { useFeedbackSettings, useSaveSettings } from '../staff-api';

/** The province's escalation settings: both are assumptions [U] the province may set. */
export function SettingsTab({ provinceCode, canEdit }: ProvinceFeedbackTabProps) {
  const { t } = useTranslation();
  const q = useFeedbackSettings(provinceCode);
  const save = useSaveSettings(provinceCode);
  const [escalation, setEscalation] = useState<number | string>('');
  const [dueSoon, setDueSoon] = useState<number | string>('');
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!q.data) return;
    setEscalation(q.data.provinceEscalationDays);
    setDueSoon(q.data.dueSoonDays);
  }, [q.data]);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    save.mutate(
      { provinceEscalationDays: Number(escalation), dueSoonDays: Number(dueSoon) },
      { onSuccess: () => setSaved(true) },
    );
  };
  return (
    <Card withBorder maw={720}>
      <form onSubmit={submit} aria-label={t('feedbackStaff.settings.title')} noValidate>
        <Stack>
          <Title order={2} size="h4">
            {t('feedbackStaff.settings.title')}
          </Title>
          <Alert color="blue">{t('feedbackStaff.settings.assumptions')}</Alert>
          <Text size="sm" c="dimmed">
            {q.data.customised && q.data.updatedAt
              ? t('feedbackStaff.settings.updatedAt', { at: formatDateTime(q.data.updatedAt) })
              : t('feedbackStaff.settings.onDefaults')}
          </Text>
          <NumberInput
            label={t('feedbackStaff.settings.escalationDays')}
            description={t('feedbackStaff.settings.escalationHint')}
            value={escalation}
            onChange={setEscalation}
            min={1}
            max={60}
            allowDecimal={false}
            disabled={!canEdit}
            error={fieldError(save.error, 'provinceEscalationDays')}
            w={360}
            data-testid="settings-escalation"
          />
          <NumberInput
            label={t('feedbackStaff.settings.dueSoonDays')}
            description={t('feedbackStaff.settings.dueSoonHint')}
            value={dueSoon}
            onChange={setDueSoon}
            min={0}
            max={20}
            allowDecimal={false}
            disabled={!canEdit}
            error={fieldError(save.error, 'dueSoonDays')}
            w={360}
            data-testid="settings-due-soon"
          />
          {save.isError && (
            <FormError
              error={save.error}
              shown={(f) => ['body.provinceEscalationDays', 'body.dueSoonDays'].includes(f)}
            />
          )}
          {saved && (
            <Alert color="green" role="status">
              {t('feedbackStaff.settings.saved')}
            </Alert>
          )}
          {canEdit && (
            <Group>
              <Button type="submit" loading={save.isPending} data-testid="settings-save">
                {t('feedbackStaff.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Card>
  );
}
