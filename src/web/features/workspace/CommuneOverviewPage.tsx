import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../lib/dates';
import { useAnnouncementHistory } from '../assignment/api';
import { useSession } from '../auth/session';
import { BacklogCard } from '../dossiers/BacklogCard';
import { holdsIn } from './access';
import { CommuneHeader } from './CommuneHeader';
import { useCommuneInfo } from './communes';
import { PageError } from './PageError';
import { PasswordChangedNotice } from './WorkspacePage';

/** /lam-viec/:communeCode — the commune's workspace: what the user may do here, at a glance. */
export function CommuneOverviewPage() {
  const { t } = useTranslation();
  const { communeCode = '' } = useParams();
  const user = useSession().data;
  const commune = useCommuneInfo(communeCode);
  const history = useAnnouncementHistory(communeCode);
  usePageTitle(commune.data?.name ?? t('work.title'));

  if (history.isError)
    return (
      <PageError error={history.error} communeCode={communeCode} onRetry={() => void history.refetch()} />
    );
  if (history.isPending) return <Loading />;

  const province = commune.data?.province.code;
  const may = (p: Parameters<typeof holdsIn>[1]) => holdsIn(user, p, communeCode, province);
  const roles = (user?.roles ?? []).filter(
    (g) =>
      g.role === 'system_admin' ||
      g.communeCode === communeCode ||
      (!g.communeCode && !!g.provinceCode && g.provinceCode === province),
  );
  const current = history.data.items.find((a) => a.status === 'issued');
  const draft = history.data.items.find((a) => a.status === 'draft');

  return (
    <Stack gap="lg">
      <PasswordChangedNotice />
      <CommuneHeader communeCode={communeCode} title={t('work.title')} />
      <Group gap="xs">
        <Text size="sm">{t('work.yourRoles')}</Text>
        {roles.map((g) => (
          <Badge key={`${g.role}:${g.communeCode ?? g.provinceCode}`} variant="light">
            {t(`roles.${g.role}`)}
          </Badge>
        ))}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {may('dossier.read') && <BacklogCard communeCode={communeCode} />}
        <WorkCard title={t('work.nav.org')} text={t('work.orgText')}>
          <Button component={Link} to={`/to-chuc/${communeCode}`} variant="light">
            {t('org.tabs.chart')}
          </Button>
          <Button component={Link} to={`/to-chuc/${communeCode}/can-bo`} variant="default">
            {t('org.tabs.officials')}
          </Button>
        </WorkCard>
        <WorkCard
          title={t('work.nav.assignment')}
          text={
            current
              ? t('work.currentAnnouncement', {
                  number: current.number ?? '',
                  date: formatDate(current.issuedOn ?? ''),
                })
              : t('assign.noneIssued')
          }
          note={draft ? t('work.draftPending', { version: draft.version }) : undefined}
        >
          <Button component={Link} to={`/phan-cong/${communeCode}`} variant="light">
            {t('assign.tabs.current')}
          </Button>
          <Button component={Link} to={`/phan-cong/${communeCode}/khoi-luong`} variant="default">
            {t('assign.tabs.workload')}
          </Button>
        </WorkCard>
        <WhoHandlesCard communeCode={communeCode} />
        {may('audit.read') && (
          <WorkCard title={t('work.nav.audit')} text={t('work.auditText')}>
            <Button component={Link} to={`/nhat-ky?xa=${communeCode}`} variant="light">
              {t('work.nav.audit')}
            </Button>
          </WorkCard>
        )}
      </SimpleGrid>
    </Stack>
  );
}

interface WorkCardProps {
  title: string;
  text: string;
  note?: string;
  children: ReactNode;
}

function WorkCard({ title, text, note, children }: WorkCardProps) {
  return (
    <Card withBorder padding="lg" component="section">
      <Stack gap="sm" h="100%">
        <Title order={2} size="h3">
          {title}
        </Title>
        <Text size="sm">{text}</Text>
        {note && (
          <Text size="sm" c="orange.9">
            {note}
          </Text>
        )}
        <Group gap="xs" mt="auto">
          {children}
        </Group>
      </Stack>
    </Card>
  );
}

/** "Ai phụ trách?" from the workspace: type a field, see who handles it. */
function WhoHandlesCard({ communeCode }: { communeCode: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [field, setField] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const q = field.trim();
    void navigate(
      `/phan-cong/${communeCode}/ai-phu-trach${q ? `?${new URLSearchParams({ 'linh-vuc': q })}` : ''}`,
    );
  };
  return (
    <Card withBorder padding="lg" component="section">
      <form onSubmit={onSubmit}>
        <Stack gap="sm">
          <Title order={2} size="h3">
            {t('assign.who.title')}
          </Title>
          <TextInput
            label={t('assign.who.field')}
            description={t('assign.who.hint')}
            value={field}
            onChange={(e) => setField(e.currentTarget.value)}
            spellCheck={false}
          />
          <Button type="submit" variant="light" w="fit-content">
            {t('assign.who.submit')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
