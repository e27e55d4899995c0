import { Alert, Anchor, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Announcement } from '../../../common/api/org';
import { Loading } from '../../components/Loading';
import { LocalizedDates } from '../../components/LocalizedDates';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../lib/dates';
import { useSession } from '../auth/session';
import { holdsIn } from '../workspace/access';
import { CommuneHeader } from '../workspace/CommuneHeader';
import { useRememberCommune } from '../workspace/communes';
import { PageError } from '../workspace/PageError';
import { useAnnouncement } from './api';
import { DraftEditor } from './DraftEditor';
import { AnnouncementMeta, AnnouncementStatusBadge, assignSections, ItemsTable, PdfButton } from './parts';

/** /thong-bao/:id — one version of the announcement: read it, or (a draft, for a leader) edit and issue it. */
export function AnnouncementPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const user = useSession().data;
  const query = useAnnouncement(id);
  const a = query.data;
  useRememberCommune(a?.communeCode);
  const heading = !a
    ? t('assign.announcement')
    : a.status === 'draft'
      ? t('assign.draftTitle', { version: a.version })
      : t('assign.numbered', { number: a.number ?? '' });
  usePageTitle(heading);

  if (query.isError) return <PageError error={query.error} onRetry={() => void query.refetch()} />;
  if (!a) return <Loading />;
  const editable = a.status === 'draft' && holdsIn(user, 'assignment.manage', a.communeCode);

  return (
    <LocalizedDates>
      <Stack gap="md">
        <CommuneHeader
          communeCode={a.communeCode}
          title={heading}
          sections={assignSections(a.communeCode)}
          actions={
            <>
              <AnnouncementStatusBadge status={a.status} />
              <PdfButton id={a.id} draft={a.status === 'draft'} />
            </>
          }
        />
        <AnnouncementMeta announcement={a} />
        {a.status === 'superseded' && (
          <Alert color="gray" role="status">
            <Group gap={4}>
              <Text size="sm">
                {t('assign.supersededOn', { date: a.supersededOn ? formatDate(a.supersededOn) : '—' })}
              </Text>
              {a.supersededById && (
                <Anchor component={Link} to={`/thong-bao/${a.supersededById}`} size="sm">
                  {t('assign.seeReplacement')}
                </Anchor>
              )}
            </Group>
          </Alert>
        )}
        {editable ? <DraftEditor key={a.id} announcement={a} /> : <ReadOnly announcement={a} />}
      </Stack>
    </LocalizedDates>
  );
}

function ReadOnly({ announcement: a }: { announcement: Announcement }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {a.title}
        </Title>
        {a.preamble && <Text>{a.preamble}</Text>}
        <ItemsTable items={a.items} />
        {a.recipients.length > 0 && (
          <>
            <Text fw={600}>{t('assign.recipients')}</Text>
            <List size="sm">
              {a.recipients.map((r) => (
                <List.Item key={r}>{r}</List.Item>
              ))}
            </List>
          </>
        )}
      </Stack>
    </Paper>
  );
}
