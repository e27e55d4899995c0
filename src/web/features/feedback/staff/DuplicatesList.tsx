import { Alert, Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../../api/client';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { formatDateTime } from '../../../lib/datetime';
import { type FeedbackDetail, useDuplicates, useFeedbackAction } from '../staff-api';
import { availableStaffActions } from './available';
import { StateBadge, useFeedbackRights } from './parts';

/**
 * The similar open reports of the commune (text and distance), each with "Gộp vào" when the caller may merge:
 * this report then closes as merged into that one, whose answer reaches this reporter too.
 */
export function DuplicatesList({
  report,
  onMerged,
}: {
  report: FeedbackDetail;
  onMerged?: (view: FeedbackDetail) => void;
}) {
  const { t } = useTranslation();
  const rights = useFeedbackRights(report.communeCode, report.provinceCode);
  const duplicates = useDuplicates(report.id);
  const act = useFeedbackAction(report.id);
  const [confirming, setConfirming] = useState<string | null>(null);
  const mayMerge = availableStaffActions(report.state, rights).includes('merge');
  if (duplicates.isPending) return <Loading />;
  if (duplicates.isError)
    return <ErrorAlert error={duplicates.error} onRetry={() => void duplicates.refetch()} />;
  const items = duplicates.data.filter((d) => d.id !== report.id);
  if (items.length === 0)
    return (
      <Text size="sm" c="dimmed" role="status" data-testid="duplicates-none">
        {t('feedbackStaff.duplicates.none')}
      </Text>
    );
  const conflict = act.error instanceof ApiError && act.error.status === 409;
  return (
    <Stack gap="xs" data-testid="duplicates">
      {!mayMerge && (
        <Text size="sm" c="dimmed">
          {t('feedbackStaff.duplicates.handlerMerges')}
        </Text>
      )}
      {items.map((d) => (
        <Paper key={d.id} withBorder p="xs" data-testid="duplicate">
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Group gap="xs">
                <Anchor component={Link} to={`/xu-ly-phan-anh/chi-tiet/${d.id}`} fw={600}>
                  {d.code}
                </Anchor>
                <StateBadge state={d.state} />
              </Group>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {d.title}
              </Text>
              <Text size="xs" c="dimmed">
                {[
                  d.placeText,
                  formatDateTime(d.receivedAt),
                  t('feedbackStaff.duplicates.similarity', { percent: Math.round(d.similarity * 100) }),
                  d.distanceM === null
                    ? null
                    : t('feedbackStaff.duplicates.distance', { metres: Math.round(d.distanceM) }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </Stack>
            {mayMerge &&
              (confirming === d.id ? (
                <Group gap={4} wrap="nowrap">
                  <Button
                    size="xs"
                    color="orange"
                    loading={act.isPending}
                    onClick={() =>
                      act.mutate(
                        { action: 'merge', body: { version: report.version, intoId: d.id } },
                        { onSuccess: (view) => onMerged?.(view) },
                      )
                    }
                    data-testid="merge-confirm"
                  >
                    {t('feedbackStaff.duplicates.confirmMerge', { code: d.code })}
                  </Button>
                  <Button size="xs" variant="default" onClick={() => setConfirming(null)}>
                    {t('common.cancel')}
                  </Button>
                </Group>
              ) : (
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => {
                    act.reset();
                    setConfirming(d.id);
                  }}
                  data-testid="merge"
                >
                  {t('feedbackStaff.duplicates.merge')}
                </Button>
              ))}
          </Group>
        </Paper>
      ))}
      {confirming && (
        <Text size="sm" c="dimmed">
          {t('feedbackStaff.duplicates.mergeHint', { code: report.code })}
        </Text>
      )}
      {conflict ? (
        <Alert color="orange" role="alert">
          {t('feedbackStaff.conflict')}
        </Alert>
      ) : (
        act.error && <ErrorAlert error={act.error} />
      )}
    </Stack>
  );
}
