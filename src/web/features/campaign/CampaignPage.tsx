import { Alert, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { type LazyTab, LazyTabs, lazyPanel } from '../../components/LazyTabs';
import { usePageTitle } from '../../components/usePageTitle';
import { useSession } from '../auth/session';
import { holdsIn } from '../workspace/access';
import { CommuneHeader } from '../workspace/CommuneHeader';
import { useCommuneInfo } from '../workspace/communes';
import { CommuneSummary } from './CommuneSummary';

/** What every tab of the commune's campaign page receives. */
export interface CommuneTabProps {
  communeCode: string;
  provinceCode: string;
}

const tab = lazyPanel<CommuneTabProps>;

/** The tabs, in the order of the campaign: get ready, rehearse, fix, learn, ask the province, go live. */
const TABS: LazyTab<CommuneTabProps>[] = [
  {
    key: 'san-sang',
    label: 'campaign.tabs.readiness',
    permission: 'campaign.read',
    Panel: tab(async () => (await import('./commune/ReadinessTab')).ReadinessTab),
  },
  {
    key: 'dien-tap',
    label: 'campaign.tabs.trials',
    permission: 'campaign.read',
    Panel: tab(async () => (await import('./commune/TrialsTab')).TrialsTab),
  },
  {
    key: 'mot-cua-dien-tap',
    label: 'campaign.tabs.rehearsalMode',
    permission: 'campaign.read',
    Panel: tab(async () => (await import('./commune/RehearsalModeTab')).RehearsalModeTab),
  },
  {
    key: 'su-co',
    label: 'campaign.tabs.incidents',
    permission: 'campaign.read',
    Panel: tab(async () => (await import('./commune/IncidentsTab')).IncidentsTab),
  },
  {
    key: 'bai-hoc',
    label: 'campaign.tabs.lessons',
    permission: 'campaign.read',
    Panel: tab(async () => (await import('./LessonsTab')).CommuneLessonsTab),
  },
  {
    key: 'kien-nghi',
    label: 'campaign.tabs.recommendations',
    permission: 'campaign.read',
    Panel: tab(async () => (await import('./commune/RecommendationsTab')).RecommendationsTab),
  },
  {
    key: 'chi-dao',
    label: 'campaign.tabs.directives',
    permission: 'campaign.read',
    Panel: tab(async () => (await import('./commune/DirectivesTab')).DirectivesTab),
  },
  {
    key: 'ho-so-chuyen-tiep',
    label: 'campaign.tabs.inflight',
    permission: 'campaign.manage',
    Panel: tab(async () => (await import('./commune/InflightImportTab')).InflightImportTab),
  },
  {
    key: 'van-hanh-chinh-thuc',
    label: 'campaign.tabs.goLive',
    permission: 'campaign.read',
    Panel: tab(async () => (await import('./commune/GoLiveTab')).GoLiveTab),
  },
];

/**
 * /van-hanh/:communeCode — the commune's trial operation and go-live: readiness checklist, trial plans and the
 * one-stop centre's rehearsal mode, incidents, lessons (the province's too), recommendations to the province,
 * the inspections' directives, in-flight dossiers from the former units, and the switch to official operation.
 * The tab is in the address (?muc=…) so a link opens the right one.
 */
export function CampaignPage() {
  const { t } = useTranslation();
  usePageTitle(t('campaign.title'));
  const { communeCode = '' } = useParams();
  const user = useSession().data;
  const commune = useCommuneInfo(communeCode);
  const provinceCode = commune.data?.province.code ?? '';
  const tabs = TABS.filter((x) => holdsIn(user, x.permission, communeCode, provinceCode || undefined));
  if (!tabs.length) return <Alert color="red">{t('campaign.noRight')}</Alert>;
  return (
    <Stack>
      <CommuneHeader communeCode={communeCode} title={t('campaign.title')} />
      <CommuneSummary communeCode={communeCode} />
      <LazyTabs
        tabs={tabs}
        testIdPrefix="campaign-tab"
        props={provinceCode ? { communeCode, provinceCode } : null}
      />
    </Stack>
  );
}
