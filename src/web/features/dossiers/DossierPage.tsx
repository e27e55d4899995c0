import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../lib/dates';
import { formatDateTime } from '../../lib/datetime';
import { useRememberCommune } from '../workspace/communes';
import { PageError } from '../workspace/PageError';
import { AttachmentsPanel } from './AttachmentsPanel';
import { type DossierView, useDossier } from './api';
import { ChecklistPanel } from './ChecklistPanel';
import { DossierActions } from './DossierActions';
import { LATENESS_COLOR } from './format';
import { HistoryPanel } from './HistoryPanel';
import { useLabel } from './labels';
import { RehearsalBadge, RehearsalBand } from './Rehearsal';
import { SlipLinks } from './SlipLinks';
import { StepsPanel } from './StepsPanel';

/** /ho-so/chi-tiet/:id — one dossier: applicant, status, due date, history, one button per allowed action. */
export function DossierPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const dossier = useDossier(id);
  usePageTitle(dossier.data?.code ?? t('dossier.title'));
  useRememberCommune(dossier.data?.communeCode);
  if (dossier.isPending) return <Loading />;
  if (dossier.isError) return <PageError error={dossier.error} onRetry={() => void dossier.refetch()} />;
  return <DossierDetail dossier={dossier.data} />;
}

/**
 * Where "Về danh sách hồ sơ" leads: the commune's list the dossier was opened from (its tab and filters, passed by
 * QueueList as the link's state), or the commune's list.
 */
function backTo(communeCode: string, state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  const ofCommune = new RegExp(`^/ho-so/${communeCode}(?:[/?]|$)`);
  return typeof from === 'string' && ofCommune.test(from) ? from : `/ho-so/${communeCode}`;
}

function DossierDetail({ dossier: d }: { dossier: DossierView }) {
  const { t } = useTranslation();
  const location = useLocation();
  const label = useLabel();
  const level = d.lateness?.level ?? 'none';
  return (
    <Stack gap="md">
      <Anchor
        component={Link}
        to={backTo(d.communeCode, location.state)}
        size="sm"
        data-testid="dossier-back"
      >
        {t('dossier.back')}
      </Anchor>
      {d.rehearsal && <RehearsalBand archivedAt={d.archivedAt} />}
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm" align="center">
            <Title order={1} data-testid="dossier-code">
              {d.code}
            </Title>
            {d.rehearsal && <RehearsalBadge archivedAt={d.archivedAt} />}
          </Group>
          <Text>{d.procedure.name}</Text>
        </Stack>
        <SlipLinks dossier={d} />
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">
            {t('dossier.applicant')}
          </Title>
          <dl style={{ margin: 0 }}>
            <Field term={t('dossier.fullName')} value={d.applicant.fullName} />
            <Field term={t('dossier.idNumber')} value={d.applicant.idNumber} />
            <Field term={t('dossier.phone')} value={d.applicant.phone} />
            <Field term={t('dossier.address')} value={d.applicant.address} />
          </dl>
        </Paper>
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">
            {t('dossier.status')}
          </Title>
          <dl style={{ margin: 0 }}>
            <Field
              term={t('dossier.status')}
              value={t('dossier.statusWithCode', { label: label(d.statusLabel), code: d.nationalStatusCode })}
              testId="dossier-status"
            />
            <Field term={t('dossier.receivedAt')} value={formatDateTime(d.receivedAt)} />
            <Field term={t('dossier.dueDate')} value={d.dueDate ? formatDate(d.dueDate) : '—'} />
          </dl>
          {d.lateness && (
            <Group gap="xs" mt="xs">
              <Badge color={LATENESS_COLOR[level]} variant="light">
                {t(`dossier.lateness.${level}`)}
              </Badge>
              <Text size="sm">
                {d.lateness.remainingWorkingDays >= 0
                  ? t('dossier.remaining', { count: d.lateness.remainingWorkingDays })
                  : t('dossier.remainingLate', { count: -d.lateness.remainingWorkingDays })}
              </Text>
              {d.lateness.paused && <Text size="sm">{t('dossier.paused')}</Text>}
            </Group>
          )}
          {d.transferredFrom && (
            <Text size="sm" mt="xs" data-testid="transferred-from">
              {t('dossier.transferredFrom')}{' '}
              <Anchor component={Link} to={`/ho-so/chi-tiet/${d.transferredFrom.id}`}>
                {d.transferredFrom.code}
              </Anchor>
            </Text>
          )}
          {d.continuedAs && (
            <Text size="sm" mt="xs" data-testid="continued-as">
              {t('dossier.continuedAs')}{' '}
              <Anchor component={Link} to={`/ho-so/chi-tiet/${d.continuedAs.id}`}>
                {d.continuedAs.code}
              </Anchor>
            </Text>
          )}
          {d.countsAsLate && (
            <Text size="sm" c="red" mt="xs">
              {t('dossier.countsAsLate')}
            </Text>
          )}
        </Paper>
      </SimpleGrid>
      <DossierActions dossier={d} />
      <StepsPanel dossier={d} />
      <ChecklistPanel dossierId={d.id} channel={d.channel} />
      <AttachmentsPanel
        dossierId={d.id}
        communeCode={d.communeCode}
        receivingCommuneCode={d.receivingCommuneCode}
        closed={d.closedAt !== null}
      />
      <HistoryPanel dossier={d} />
    </Stack>
  );
}

function Field({ term, value, testId }: { term: string; value: string; testId?: string }) {
  return (
    <Group gap="xs" align="baseline" wrap="nowrap">
      <Text component="dt" size="sm" c="dimmed" miw={130}>
        {term}
      </Text>
      <Text component="dd" m={0} data-testid={testId}>
        {value}
      </Text>
    </Group>
  );
}
