import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ROLE_PERMISSIONS } from '../../../common/permissions';
import type { RoleGrant } from '../../../common/roles';
import { type LazyTab, LazyTabs, lazyPanel } from '../../components/LazyTabs';
import { usePageTitle } from '../../components/usePageTitle';
import { type SessionUser, useSession } from '../auth/session';
import type { Permission } from '../workspace/access';

/** What every tab of the province's campaign page receives. */
export interface ProvinceTabProps {
  provinceCode: string;
}

const tab = lazyPanel<ProvinceTabProps>;

const TABS: LazyTab<ProvinceTabProps>[] = [
  {
    key: 'tong-hop',
    label: 'campaign.provinceTabs.board',
    permission: 'campaign.read',
    Panel: tab(async () => (await import('./province/BoardTab')).BoardTab),
  },
  {
    key: 'danh-muc',
    label: 'campaign.provinceTabs.templates',
    permission: 'campaign.province',
    Panel: tab(async () => (await import('./province/TemplatesTab')).TemplatesTab),
  },
  {
    key: 'kien-nghi',
    label: 'campaign.provinceTabs.recommendations',
    permission: 'campaign.answer',
    Panel: tab(async () => (await import('./province/RecommendationsInbox')).RecommendationsInbox),
  },
  {
    key: 'kiem-tra',
    label: 'campaign.provinceTabs.inspections',
    permission: 'campaign.province',
    Panel: tab(async () => (await import('./province/InspectionsTab')).InspectionsTab),
  },
  {
    key: 'bai-hoc',
    label: 'campaign.provinceTabs.lessons',
    permission: 'campaign.read',
    Panel: tab(async () => (await import('./LessonsTab')).ProvinceLessonsTab),
  },
  {
    key: 'cai-dat',
    label: 'campaign.provinceTabs.settings',
    permission: 'campaign.province',
    Panel: tab(async () => (await import('./province/SettingsTab')).SettingsTab),
  },
];

/** The user holds the permission over the whole province (province grant or administrator). */
export function holdsInProvince(
  user: SessionUser | null | undefined,
  permission: Permission,
  provinceCode: string,
) {
  return (user?.roles ?? []).some(
    (g: RoleGrant) =>
      ROLE_PERMISSIONS[g.role]?.includes(permission) &&
      (g.role === 'system_admin' || (!g.communeCode && g.provinceCode === provinceCode)),
  );
}

/**
 * /tinh/:provinceCode/van-hanh — the province's campaign: every commune's readiness, trials, incidents,
 * recommendations and go-live on one board; the checklist templates; the recommendations inbox (received,
 * assigned to a department, answered); inspections and their directives; the lessons of all communes.
 */
export function ProvinceCampaignPage() {
  const { t } = useTranslation();
  usePageTitle(t('campaign.provinceTitle'));
  const { provinceCode = '' } = useParams();
  const user = useSession().data;
  const tabs = TABS.filter((x) => holdsInProvince(user, x.permission, provinceCode));
  if (!tabs.length) return <Alert color="red">{t('campaign.noRight')}</Alert>;
  return (
    <Stack>
      <Anchor component={Link} to="/lam-viec" size="sm">
        <Text span>{t('campaign.provinceName', { code: provinceCode })}</Text>
      </Anchor>
      <Title order={1}>{t('campaign.provinceTitle')}</Title>
      <LazyTabs tabs={tabs} testIdPrefix="province-tab" props={{ provinceCode }} />
    </Stack>
  );
}
