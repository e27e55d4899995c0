import { Anchor, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Announcement } from '../../../common/api/org';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../lib/dates';
import { useSession } from '../auth/session';
import { holdsIn } from '../workspace/access';
import { CommuneHeader } from '../workspace/CommuneHeader';
import { PageError } from '../workspace/PageError';
import { type Summary, useAnnouncementHistory, useCreateDraft, useCurrentAnnouncement } from './api';
import { AnnouncementMeta, AnnouncementStatusBadge, assignSections, ItemsTable, PdfButton } from './parts';

/** /phan-cong/:communeCode — the announcement in force, the versions before it, and the way to a new one. */
export function AssignmentPage() {
  const { t } = useTranslation();
  usePageTitle(t('work.nav.assignment'));
  const { communeCode = '' } = useParams();
  const user = useSession().data;
  const history = useAnnouncementHistory(communeCode);
  const current = useCurrentAnnouncement(communeCode);
  const create = useCreateDraft(communeCode);
  const navigate = useNavigate();

  if (history.isError)
    return (
      <PageError error={history.error} communeCode={communeCode} onRetry={() => void history.refetch()} />
    );
  if (history.isPending) return <Loading />;
  const canManage = holdsIn(user, 'assignment.manage', communeCode);
  const draft = history.data.items.find((a) => a.status === 'draft');

  const actions = canManage && (
    <>
      {draft && (
        <Button component={Link} to={`/thong-bao/${draft.id}`} variant="light">
          {t('assign.continueDraft', { version: draft.version })}
        </Button>
      )}
      <Button
        loading={create.isPending}
        onClick={() => create.mutate({}, { onSuccess: (a) => void navigate(`/thong-bao/${a.id}`) })}
      >
        {current.data ? t('assign.newDraftFromCurrent') : t('assign.newDraft')}
      </Button>
    </>
  );

  return (
    <Stack gap="lg">
      <CommuneHeader
        communeCode={communeCode}
        title={t('work.nav.assignment')}
        sections={assignSections(communeCode)}
        actions={actions}
      />
      {create.isError && <ErrorAlert error={create.error} />}
      {current.isPending ? (
        <Loading />
      ) : current.isError ? (
        <ErrorAlert error={current.error} onRetry={() => void current.refetch()} />
      ) : current.data ? (
        <CurrentAnnouncement announcement={current.data} />
      ) : (
        <Text>{t('assign.noneIssued')}</Text>
      )}
      <History items={history.data.items} />
    </Stack>
  );
}

function CurrentAnnouncement({ announcement: a }: { announcement: Announcement }) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      p="lg"
      component="section"
      aria-labelledby="current-heading"
      data-testid="current-announcement"
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Group gap="sm">
              <Title order={2} size="h3" id="current-heading">
                {t('assign.numbered', { number: a.number ?? '' })}
              </Title>
              <AnnouncementStatusBadge status={a.status} />
            </Group>
            <AnnouncementMeta announcement={a} />
            <Text fw={500}>{a.title}</Text>
          </Stack>
          <PdfButton id={a.id} />
        </Group>
        <ItemsTable items={a.items} />
      </Stack>
    </Paper>
  );
}

function History({ items }: { items: Summary[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" component="section" aria-labelledby="history-heading">
      <Title order={2} size="h3" id="history-heading">
        {t('assign.history')}
      </Title>
      {items.length === 0 ? (
        <Text>{t('assign.noHistory')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={680}>
          <Table striped highlightOnHover data-testid="announcement-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('assign.version')}</Table.Th>
                <Table.Th scope="col">{t('assign.number')}</Table.Th>
                <Table.Th scope="col">{t('assign.issuedOn')}</Table.Th>
                <Table.Th scope="col">{t('assign.signer')}</Table.Th>
                <Table.Th scope="col">{t('assign.itemCount')}</Table.Th>
                <Table.Th scope="col">{t('assign.statusLabel')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((a) => (
                <Table.Tr key={a.id} data-testid={`version-${a.version}`}>
                  <Table.Th scope="row" fw={400}>
                    <Anchor component={Link} to={`/thong-bao/${a.id}`}>
                      {t('assign.versionN', { version: a.version })}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{a.number ?? '—'}</Table.Td>
                  <Table.Td>{a.issuedOn ? formatDate(a.issuedOn) : '—'}</Table.Td>
                  <Table.Td>{a.signer?.fullName ?? '—'}</Table.Td>
                  <Table.Td>{a.itemCount}</Table.Td>
                  <Table.Td>
                    <AnnouncementStatusBadge status={a.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
