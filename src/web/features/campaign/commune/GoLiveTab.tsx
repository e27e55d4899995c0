import { Alert, Badge, Button, Card, Group, List, Modal, Stack, Text, Textarea, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuardReason } from '../../../../common/api/campaign-golive';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormError, fieldError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { LocalizedDates } from '../../../components/LocalizedDates';
import { formatDate } from '../../../lib/dates';
import { formatDateTime } from '../../../lib/datetime';
import { DateField } from '../../calendar/DateField';
import type { CommuneTabProps } from '../CampaignPage';
import { useGoLive, useGoLiveActions } from '../readiness-api';

/** The switch to official operation: the guard's verdict, the leader's cutover, the province's override, the state. */
export function GoLiveTab({ communeCode }: CommuneTabProps) {
  const { t } = useTranslation();
  const q = useGoLive(communeCode);
  const actions = useGoLiveActions(communeCode);
  const [liveFrom, setLiveFrom] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [opened, { open, close }] = useDisclosure(false);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const v = q.data;
  const date = liveFrom ?? v.today;

  const reasonText = (r: GuardReason) => {
    switch (r.code) {
      case 'already_live':
        return t('campaignReadiness.golive.reason.already_live');
      case 'no_checklist':
        return t('campaignReadiness.golive.reason.no_checklist');
      case 'below_threshold':
        return t('campaignReadiness.golive.reason.below_threshold', {
          percent: r.percent,
          threshold: r.threshold,
        });
      case 'blockers_open':
        return t('campaignReadiness.golive.reason.blockers_open', { count: r.blockers.length });
    }
  };

  if (v.status === 'live')
    return (
      <Card withBorder>
        <Stack gap="xs">
          <Group>
            <Title order={4}>{t('campaignReadiness.golive.liveTitle')}</Title>
            <Badge color="green" size="lg" data-testid="golive-status">
              {t('campaignReadiness.golive.live')}
            </Badge>
          </Group>
          <Text>{t('campaignReadiness.golive.liveFrom', { date: formatDate(v.liveFrom ?? '') })}</Text>
          <Text size="sm" c="dimmed">
            {t('campaignReadiness.golive.wentLive', {
              at: v.wentLiveAt ? formatDateTime(v.wentLiveAt) : '',
              by: v.wentLiveBy ?? '',
              percent: v.readinessAtCutover ?? 0,
            })}
          </Text>
          {v.override && (
            <Text size="sm">
              {t('campaignReadiness.golive.overrideUsed', {
                reason: v.override.reason,
                by: v.override.by ?? '',
              })}
            </Text>
          )}
          <Text size="sm">{t('campaignReadiness.golive.afterCutover')}</Text>
        </Stack>
      </Card>
    );

  return (
    <Stack>
      <Card withBorder>
        <Stack gap="xs">
          <Group>
            <Title order={4}>{t('campaignReadiness.golive.title', { name: v.communeName })}</Title>
            <Badge color="gray" data-testid="golive-status">
              {t('campaignReadiness.golive.preparing')}
            </Badge>
          </Group>
          <Text>
            {t('campaignReadiness.golive.readinessVsThreshold', {
              percent: v.readiness.percent,
              threshold: v.threshold,
            })}
          </Text>
          {v.verdict.allowed && !v.verdict.overridden && (
            <Alert color="green" data-testid="golive-verdict">
              {t('campaignReadiness.golive.allowed')}
            </Alert>
          )}
          {v.verdict.reasons.length > 0 && (
            <Alert
              color={v.verdict.overridden ? 'yellow' : 'red'}
              title={
                v.verdict.overridden
                  ? t('campaignReadiness.golive.overriddenTitle')
                  : t('campaignReadiness.golive.refusedTitle')
              }
              data-testid="golive-verdict"
            >
              <List size="sm">
                {v.verdict.reasons.map((r) => (
                  <List.Item key={r.code}>
                    {reasonText(r)}
                    {r.code === 'blockers_open' && (
                      <List size="sm" withPadding>
                        {r.blockers.map((b) => (
                          <List.Item key={b.itemKey}>
                            {b.title} — {b.reason}
                          </List.Item>
                        ))}
                      </List>
                    )}
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}
          {v.override && (
            <Text size="sm">
              {t('campaignReadiness.golive.overrideOnRecord', {
                reason: v.override.reason,
                by: v.override.by ?? '',
                at: v.override.at ? formatDateTime(v.override.at) : '',
              })}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {t('campaignReadiness.golive.pending', {
              meetings: v.pending.rehearsalMeetings,
              dossiers: v.pending.rehearsalDossiers,
            })}
            {v.pending.rehearsalMode ? ` ${t('campaignReadiness.golive.modeOn')}` : ''}
          </Text>
        </Stack>
      </Card>

      {v.canGoLive && (
        <Card withBorder>
          <Stack gap="xs">
            <Title order={5}>{t('campaignReadiness.golive.cutoverTitle')}</Title>
            <LocalizedDates>
              <DateField
                label={t('campaignReadiness.golive.liveFromLabel')}
                description={t('campaignReadiness.golive.liveFromHint')}
                value={date}
                onChange={setLiveFrom}
                minDate={v.today}
                error={fieldError(actions.goLive.error, 'liveFrom')}
                w={220}
              />
            </LocalizedDates>
            <Button color="green" w="fit-content" onClick={open} data-testid="golive-open">
              {t('campaignReadiness.golive.cutoverButton')}
            </Button>
            {actions.goLive.isError && (
              <FormError error={actions.goLive.error} shown={(f) => f === 'body.liveFrom'} />
            )}
          </Stack>
        </Card>
      )}
      {!v.canGoLive && !v.canOverride && !v.verdict.allowed && (
        <Text size="sm" c="dimmed">
          {t('campaignReadiness.golive.askProvince')}
        </Text>
      )}

      {v.canOverride && (
        <Card withBorder>
          <Stack gap="xs">
            <Title order={5}>{t('campaignReadiness.golive.overrideTitle')}</Title>
            <Text size="sm" c="dimmed">
              {t('campaignReadiness.golive.overrideHint')}
            </Text>
            <Textarea
              label={t('campaignReadiness.golive.overrideReason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              maxLength={2000}
              autosize
              minRows={2}
              error={
                fieldError(actions.override.error, 'reason') ??
                (reason.length > 0 && reason.trim().length < 10
                  ? t('campaignReadiness.golive.reasonShort')
                  : undefined)
              }
            />
            <Group>
              <Button
                w="fit-content"
                disabled={reason.trim().length < 10}
                loading={actions.override.isPending}
                onClick={() => actions.override.mutate(reason.trim(), { onSuccess: () => setReason('') })}
              >
                {t('campaignReadiness.golive.overrideButton')}
              </Button>
              {v.override && (
                <Button
                  variant="subtle"
                  color="red"
                  loading={actions.withdraw.isPending}
                  onClick={() => actions.withdraw.mutate()}
                >
                  {t('campaignReadiness.golive.withdraw')}
                </Button>
              )}
            </Group>
            {actions.override.isError && (
              <FormError error={actions.override.error} shown={(f) => f === 'body.reason'} />
            )}
            {actions.withdraw.isError && <ErrorAlert error={actions.withdraw.error} />}
          </Stack>
        </Card>
      )}

      <Modal
        opened={opened}
        onClose={close}
        title={t('campaignReadiness.golive.confirmTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="xs">
          <Text size="sm">
            {t('campaignReadiness.golive.confirmIntro', { name: v.communeName, date: formatDate(date) })}
          </Text>
          <List size="sm">
            <List.Item>
              {t('campaignReadiness.golive.confirmMeetings', { count: v.pending.rehearsalMeetings })}
            </List.Item>
            <List.Item>
              {t('campaignReadiness.golive.confirmDossiers', { count: v.pending.rehearsalDossiers })}
            </List.Item>
            <List.Item>{t('campaignReadiness.golive.confirmMode')}</List.Item>
            <List.Item>{t('campaignReadiness.golive.confirmNumbering')}</List.Item>
          </List>
          <Text size="sm" fw={600}>
            {t('campaignReadiness.golive.confirmFinal')}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              color="green"
              loading={actions.goLive.isPending}
              data-testid="golive-confirm"
              onClick={() => actions.goLive.mutate(date, { onSettled: close })}
            >
              {t('campaignReadiness.golive.confirmButton')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
