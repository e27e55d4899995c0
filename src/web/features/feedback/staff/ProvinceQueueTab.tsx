import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { MorePages } from '../../../components/MorePages';
import { useProvinceCommunes } from '../../map/api';
import type { ProvinceFeedbackTabProps } from '../ProvinceFeedbackPage';
import { useProvinceFeedbackQueue } from '../staff-api';
import { FeedbackTable } from './QueueTab';

/** The reports escalated to the province (the officer answers or returns them), or overdue in any commune. */
export function ProvinceQueueTab({ provinceCode }: ProvinceFeedbackTabProps) {
  const { t } = useTranslation();
  const [state, setState] = useState<'escalated' | 'overdue'>('escalated');
  const list = useProvinceFeedbackQueue(provinceCode, state);
  const communes = useProvinceCommunes(provinceCode);
  const names = new Map((communes.data?.items ?? []).map((c) => [c.code, c.name]));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="md">
      <SegmentedControl
        w="fit-content"
        value={state}
        onChange={(v) => setState(v === 'overdue' ? 'overdue' : 'escalated')}
        data={[
          { value: 'escalated', label: t('feedbackStaff.province.escalatedQueue') },
          { value: 'overdue', label: t('feedbackStaff.province.overdueQueue') },
        ]}
        data-testid="province-queue-switch"
      />
      {list.isPending ? (
        <Loading />
      ) : list.isError && !list.data ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Text role="status" data-testid="province-queue-none">
          {state === 'escalated'
            ? t('feedbackStaff.province.noneEscalated')
            : t('feedbackStaff.province.noneOverdue')}
        </Text>
      ) : (
        <FeedbackTable items={items} communeName={(code) => names.get(code) ?? code} />
      )}
      <MorePages query={list} />
    </Stack>
  );
}
