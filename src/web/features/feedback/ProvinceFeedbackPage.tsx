import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type LazyTab, LazyTabs, lazyPanel } from '../../components/LazyTabs';
import { usePageTitle } from '../../components/usePageTitle';
import { useSession } from '../auth/session';
import { useProvinceCommunes } from '../map/api';
import { holdsInProvince } from './staff/parts';

/** What every tab of the province's feedback page receives. */
export interface ProvinceFeedbackTabProps {
  provinceCode: string;
  /** The officer may change categories and settings (feedback.province). */
  canEdit: boolean;
}

const tab = lazyPanel<ProvinceFeedbackTabProps>;

const TABS: LazyTab<ProvinceFeedbackTabProps>[] = [
  {
    key: 'tong-quan',
    label: 'feedbackStaff.province.tabs.overview',
    permission: 'feedback.read',
    Panel: tab(async () => (await import('./staff/ProvinceOverviewTab')).ProvinceOverviewTab),
  },
  {
    key: 'chuyen-len-tinh',
    label: 'feedbackStaff.province.tabs.escalated',
    permission: 'feedback.province',
    Panel: tab(async () => (await import('./staff/ProvinceQueueTab')).ProvinceQueueTab),
  },
  {
    key: 'linh-vuc',
    label: 'feedbackStaff.province.tabs.categories',
    permission: 'feedback.read',
    Panel: tab(async () => (await import('./staff/CategoriesTab')).CategoriesTab),
  },
  {
    key: 'cai-dat',
    label: 'feedbackStaff.province.tabs.settings',
    permission: 'feedback.province',
    Panel: tab(async () => (await import('./staff/SettingsTab')).SettingsTab),
  },
];

/**
 * /tinh/:provinceCode/phan-anh — the province's view of citizen feedback: every commune's open, overdue and
 * escalated reports; the reports escalated to the province (answer or return them); the categories with their
 * deadlines, approval and responsible body; the escalation settings.
 */
export function ProvinceFeedbackPage() {
  const { t } = useTranslation();
  usePageTitle(t('feedbackStaff.province.title'));
  const { provinceCode = '' } = useParams();
  const user = useSession().data;
  const province = useProvinceCommunes(provinceCode);
  const tabs = TABS.filter((x) => holdsInProvince(user, x.permission, provinceCode));
  if (!tabs.length) return <Alert color="red">{t('feedbackStaff.noRight')}</Alert>;
  const canEdit = holdsInProvince(user, 'feedback.province', provinceCode);
  return (
    <Stack>
      <Anchor component={Link} to="/lam-viec" size="sm">
        <Text span>{province.data?.province.name ?? provinceCode}</Text>
      </Anchor>
      <Title order={1}>{t('feedbackStaff.province.title')}</Title>
      <LazyTabs tabs={tabs} testIdPrefix="feedback-province-tab" props={{ provinceCode, canEdit }} />
    </Stack>
  );
}
