import { Alert, Button, Drawer, Stack, Tabs } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/usePageTitle';
import { CommuneHeader } from '../workspace/CommuneHeader';
import { useCommuneInfo } from '../workspace/communes';
import { filtersFromParams } from './staff/filters';
import { useFeedbackRights } from './staff/parts';
import { QueueTab } from './staff/QueueTab';
import { feedbackExportUrl } from './staff-api';

const StatisticsTab = lazy(async () => ({ default: (await import('./staff/StatisticsTab')).StatisticsTab }));
const ReceiveForm = lazy(async () => ({ default: (await import('./staff/ReceiveForm')).ReceiveForm }));

/**
 * /xu-ly-phan-anh/:communeCode — the commune's citizen feedback: the queue (filters kept in the address, counts
 * per state, overdue and escalated marks, the list as filtered in XLSX), the statistics, and "Ghi nhận phản ánh"
 * for a report made at the counter or by phone.
 */
export function FeedbackQueuePage() {
  const { t } = useTranslation();
  usePageTitle(t('feedbackStaff.title'));
  const { communeCode = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const commune = useCommuneInfo(communeCode);
  const provinceCode = commune.data?.province.code ?? '';
  const rights = useFeedbackRights(communeCode, provinceCode || undefined);
  const [receiving, receive] = useDisclosure(false);
  const tab = params.get('muc') === 'thong-ke' ? 'thong-ke' : 'danh-sach';
  const filters = filtersFromParams(params);

  if (!rights.read) return <Alert color="red">{t('feedbackStaff.noRight')}</Alert>;
  return (
    <Stack gap="md">
      <CommuneHeader
        communeCode={communeCode}
        title={t('feedbackStaff.title')}
        actions={
          <>
            <Button
              component="a"
              variant="default"
              href={feedbackExportUrl(communeCode, filters)}
              download
              data-testid="feedback-export"
            >
              {t('feedbackStaff.export')}
            </Button>
            {rights.receive && (
              <Button onClick={receive.open} data-testid="feedback-receive-open">
                {t('feedbackStaff.receive.open')}
              </Button>
            )}
          </>
        }
      />
      <Tabs
        value={tab}
        onChange={(value) =>
          setParams(
            (p) => {
              const next = new URLSearchParams(p);
              if (value === 'thong-ke') next.set('muc', value);
              else next.delete('muc');
              return next;
            },
            { replace: true },
          )
        }
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="danh-sach" data-testid="feedback-tab-queue">
            {t('feedbackStaff.tabs.queue')}
          </Tabs.Tab>
          <Tabs.Tab value="thong-ke" data-testid="feedback-tab-statistics">
            {t('feedbackStaff.tabs.statistics')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="danh-sach" pt="md">
          <QueueTab communeCode={communeCode} provinceCode={provinceCode} />
        </Tabs.Panel>
        <Tabs.Panel value="thong-ke" pt="md">
          <Suspense fallback={<Loading />}>
            <StatisticsTab communeCode={communeCode} />
          </Suspense>
        </Tabs.Panel>
      </Tabs>
      <Drawer
        opened={receiving}
        onClose={receive.close}
        position="right"
        size="lg"
        title={t('feedbackStaff.receive.title')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Suspense fallback={<Loading />}>
          {receiving && (
            <ReceiveForm communeCode={communeCode} provinceCode={provinceCode} onClose={receive.close} />
          )}
        </Suspense>
      </Drawer>
    </Stack>
  );
}
