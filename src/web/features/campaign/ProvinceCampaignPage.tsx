import { Alert, Anchor, Stack, Tabs, Text, Title } from '@mantine/core';
import type { ParseKeys } from 'i18next';
import { type ComponentType, lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ROLE_PERMISSIONS } from '../../../common/permissions';
import type { RoleGrant } from '../../../common/roles';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { type SessionUser, useSession } from '../auth/session';
import type { Permission } from '../workspace/access';

/** What every tab of the province's campaign page receives. */
export interface ProvinceTabProps {
  provinceCode: string;
}

interface TabDef {
  key: string;
  label: ParseKeys;
  permission: Permission;
  Panel: ComponentType<ProvinceTabProps>;
}

const tab = (load: () => Promise<ComponentType<ProvinceTabProps>>) =>
  lazy(async () => ({ default: await load() }));

const TABS: TabDef[] = [
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
  const [params, setParams] = useSearchParams();
  const tabs = TABS.filter((x) => holdsInProvince(user, x.permission, provinceCode));
  const active = tabs.find((x) => x.key === params.get('muc'))?.key ?? tabs[0]?.key ?? null;
  if (!tabs.length) return <Alert color="red">{t('campaign.noRight')}</Alert>;
  return (
    <Stack>
      <Anchor component={Link} to="/lam-viec" size="sm">
        <Text span>{t('campaign.provinceName', { code: provinceCode })}</Text>
      </Anchor>
      <Title order={1}>{t('campaign.provinceTitle')}</Title>
      <Tabs
        value={active}
        onChange={(value) => value && setParams({ muc: value }, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          {tabs.map((x) => (
            <Tabs.Tab key={x.key} value={x.key} data-testid={`province-tab-${x.key}`}>
              {t(x.label)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((x) => (
          <Tabs.Panel key={x.key} value={x.key} pt="md">
            <Suspense fallback={<Loading />}>
              <x.Panel provinceCode={provinceCode} />
            </Suspense>
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
