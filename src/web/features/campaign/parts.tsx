import { Button, Card, Checkbox, Group, Select, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RECOMMENDATION_CATEGORIES,
  RECOMMENDATION_STATUSES,
} from '../../../common/api/campaign-recommendations';
import { FormError } from '../../components/FormError';
import { formatDate } from '../../lib/dates';
import { useTrials } from './trials-api';

/**
 * A "new …" form of the campaign in its card: the title, the fields, the server's problems that no field shows,
 * then Save and Cancel. `name` makes the test ids (`trial` → trial-form, trial-save) and the title's id.
 */
export function NewItemCard({
  name,
  title,
  mutation,
  err,
  onSubmit,
  onCancel,
  disabled,
  children,
}: {
  name: string;
  title: string;
  mutation: { isError: boolean; error: unknown; isPending: boolean };
  /** The message the server gave a field, shown on that field's input. */
  err: (field: string) => string | undefined;
  onSubmit: () => void;
  onCancel: () => void;
  disabled?: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder component="section" aria-labelledby={`${name}-form-title`} data-testid={`${name}-form`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
        noValidate
      >
        <Stack gap="sm">
          <Title order={3} id={`${name}-form-title`}>
            {title}
          </Title>
          {children}
          {mutation.isError && (
            <FormError error={mutation.error} shown={(f) => !!err(f.replace(/^body\./, ''))} />
          )}
          <Group>
            <Button
              type="submit"
              loading={mutation.isPending}
              disabled={disabled}
              data-testid={`${name}-save`}
            >
              {t('campaignTrials.save')}
            </Button>
            <Button variant="default" onClick={() => onCancel()}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** Which of the commune's trial plans something belongs to (none by default): "dd/mm/yyyy — half-day". */
export function TrialSelect({
  communeCode,
  label,
  value,
  onChange,
  error,
}: {
  communeCode: string;
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const trials = useTrials(communeCode);
  return (
    <Select
      label={label}
      data={(trials.data?.items ?? []).map((p) => ({
        value: p.id,
        label: `${formatDate(p.trialDate)} — ${t(`campaignTrials.halfDay.${p.halfDay}`)}`,
      }))}
      value={value}
      onChange={onChange}
      clearable
      placeholder={t('campaignTrials.none')}
      error={error}
    />
  );
}

/** The first filters of a list of recommendations: its state and its category (each clearable). */
export function RecStatusCategoryFilters({
  status,
  onStatus,
  category,
  onCategory,
}: {
  status: string | null;
  onStatus: (v: string | null) => void;
  category: string | null;
  onCategory: (v: string | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Select
        placeholder={t('campaignRecs.filters.status')}
        aria-label={t('campaignRecs.filters.status')}
        data={RECOMMENDATION_STATUSES.map((s) => ({ value: s, label: t(`campaignRecs.status.${s}`) }))}
        value={status}
        onChange={onStatus}
        clearable
      />
      <Select
        placeholder={t('campaignRecs.filters.category')}
        aria-label={t('campaignRecs.filters.category')}
        data={RECOMMENDATION_CATEGORIES.map((c) => ({ value: c, label: t(`campaignRecs.category.${c}`) }))}
        value={category}
        onChange={onCategory}
        clearable
      />
    </>
  );
}

/** "Quá hạn": only the overdue ones (recommendations, directives). */
export function OverdueFilter({ checked, onChange }: { checked: boolean; onChange: (v: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <Checkbox
      label={t('campaignRecs.filters.overdue')}
      checked={checked}
      onChange={(e) => onChange(e.currentTarget.checked)}
    />
  );
}
