import { Alert, Anchor, Badge, Button, Group, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { LocalizedDates } from '../../../components/LocalizedDates';
import { formatDate, todayInVietnam } from '../../../lib/dates';
import { formatDateTime } from '../../../lib/datetime';
import { useSession } from '../../auth/session';
import { DateField } from '../../calendar/DateField';
import { useLabel } from '../../dossiers/labels';
import { RehearsalBadge, RehearsalBand } from '../../dossiers/Rehearsal';
import { useRehearsalMode, useSetRehearsalMode } from '../../dossiers/rehearsal-api';
import { holdsIn } from '../../workspace/access';
import type { CommuneTabProps } from '../CampaignPage';

/**
 * "Một cửa diễn tập": the leader switches the one-stop centre's rehearsal mode (asked to confirm, refused once the
 * commune is live), everyone sees its state and the rehearsal dossiers of a day, each a link to the dossier.
 */
export function RehearsalModeTab({ communeCode }: CommuneTabProps) {
  const { t } = useTranslation();
  const label = useLabel();
  const user = useSession().data;
  const [day, setDay] = useState(todayInVietnam());
  const mode = useRehearsalMode(communeCode, { day });
  const change = useSetRehearsalMode(communeCode);
  const [opened, { open, close }] = useDisclosure(false);
  const mayManage = holdsIn(user, 'campaign.manage', communeCode);

  if (mode.isPending) return <Loading />;
  if (mode.isError) return <ErrorAlert error={mode.error} onRetry={() => void mode.refetch()} />;
  const m = mode.data;
  const next = !m.enabled;

  return (
    <Stack gap="md" data-testid="rehearsal-mode-tab">
      {m.enabled && <RehearsalBand text={t('rehearsal.modeBand')} />}
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Group justify="space-between" align="flex-start">
            <Stack gap={4} maw={720}>
              <Title order={2} size="h3">
                {t('rehearsal.tab.title')}
              </Title>
              <Text size="sm">{t('rehearsal.tab.intro')}</Text>
            </Stack>
            <Badge
              size="xl"
              color={m.enabled ? 'red' : 'gray'}
              variant={m.enabled ? 'filled' : 'light'}
              data-testid="rehearsal-mode-state"
            >
              {t('rehearsal.tab.switchLabel')}:{' '}
              {m.enabled ? t('rehearsal.tab.stateOn') : t('rehearsal.tab.stateOff')}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {m.changedAt
              ? t('rehearsal.tab.changed', { at: formatDateTime(m.changedAt), by: m.changedBy ?? '—' })
              : t('rehearsal.tab.never')}
          </Text>
          {m.live && (
            <Alert color="blue" role="status" data-testid="rehearsal-live">
              {t('rehearsal.tab.live')}
            </Alert>
          )}
          {mayManage ? (
            <Group>
              <Button
                color={next ? 'red' : 'gray'}
                onClick={open}
                loading={change.isPending}
                disabled={next && m.live}
                data-testid="rehearsal-mode-toggle"
              >
                {next ? t('rehearsal.tab.turnOn') : t('rehearsal.tab.turnOff')}
              </Button>
              {m.enabled && (
                <Button component={Link} to={`/ho-so/${communeCode}/tiep-nhan`} variant="default">
                  {t('rehearsal.tab.openIntake')}
                </Button>
              )}
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              {t('rehearsal.tab.onlyLeader')}
            </Text>
          )}
          {change.isError && <ErrorAlert error={change.error} />}
        </Stack>
      </Paper>
      <Modal
        opened={opened}
        onClose={close}
        title={next ? t('rehearsal.tab.turnOn') : t('rehearsal.tab.turnOff')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Text size="sm" mb="md">
          {next ? t('rehearsal.tab.confirmOn') : t('rehearsal.tab.confirmOff')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            color={next ? 'red' : 'gray'}
            data-testid="rehearsal-mode-confirm"
            onClick={() => {
              close();
              change.mutate(next);
            }}
          >
            {next ? t('rehearsal.tab.turnOn') : t('rehearsal.tab.turnOff')}
          </Button>
        </Group>
      </Modal>

      <Paper withBorder p="md">
        <Stack gap="sm">
          <Group justify="space-between" align="flex-end">
            <Title order={3} size="h4">
              {t('rehearsal.tab.today', { date: formatDate(m.day) })}
            </Title>
            <LocalizedDates>
              <DateField
                label={t('rehearsal.tab.day')}
                value={day}
                onChange={(v) => setDay(v ?? todayInVietnam())}
                w={170}
              />
            </LocalizedDates>
          </Group>
          {m.dossiers.length === 0 ? (
            <Text size="sm" role="status">
              {t('rehearsal.tab.none')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table striped data-testid="rehearsal-dossiers">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('dossier.code')}</Table.Th>
                    <Table.Th scope="col">{t('dossier.applicant')}</Table.Th>
                    <Table.Th scope="col">{t('dossier.procedure')}</Table.Th>
                    <Table.Th scope="col">{t('dossier.status')}</Table.Th>
                    <Table.Th scope="col">{t('dossier.receivedAt')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {m.dossiers.map((d) => (
                    <Table.Tr key={d.id}>
                      <Table.Th scope="row" fw={400}>
                        <Group gap={6} wrap="nowrap">
                          <Anchor component={Link} to={`/ho-so/chi-tiet/${d.id}`}>
                            {d.code}
                          </Anchor>
                          <RehearsalBadge archivedAt={d.archivedAt} />
                        </Group>
                      </Table.Th>
                      <Table.Td>{d.applicantName}</Table.Td>
                      <Table.Td>{d.procedureName}</Table.Td>
                      <Table.Td>{label(d.statusLabel)}</Table.Td>
                      <Table.Td>{formatDateTime(d.receivedAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Group justify="space-between">
            <Text size="sm" c="dimmed" data-testid="rehearsal-totals">
              {t('rehearsal.tab.totals', { active: m.activeTotal, archived: m.archivedTotal })}
            </Text>
            <Anchor component={Link} to={`/ho-so/${communeCode}?hang-doi=all&dien-tap=dien-tap`} size="sm">
              {t('rehearsal.tab.openQueue')}
            </Anchor>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
