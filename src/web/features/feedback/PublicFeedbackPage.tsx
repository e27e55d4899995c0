import { Alert, Button, Group, Select, SimpleGrid, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { MorePages } from '../../components/MorePages';
import { usePageTitle } from '../../components/usePageTitle';
import { currentLanguage } from '../../i18n';
import { CommuneSelect, usePublicCommunes } from './public/CommuneSelect';
import { FeedbackCard } from './public/FeedbackCard';
import { useStateLabel } from './public/labels';
import {
  type PublicFilters,
  useFeedbackCategories,
  useFeedbackMap,
  usePublicFeedbackList,
  usePublishedFeedback,
} from './public-api';

const ReportMap = lazy(async () => ({ default: (await import('../../components/ReportMap')).ReportMap }));

/**
 * /phan-anh — published answers to citizens' reports: searched without diacritics, filtered by province, commune
 * and category (all in the URL, so a filtered list can be shared), newest first with "more"; a map tab of located
 * reports. ?ma=<code> shows one report on top (e.g. a duplicate suggested while writing).
 */
export function PublicFeedbackPage() {
  const { t } = useTranslation();
  usePageTitle(t('feedbackPublic.list.title'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const provinceCode = params.get('tinh') ?? '';
  const communeCode = params.get('xa') ?? '';
  const categoryKey = params.get('loai') ?? '';
  const tab = params.get('xem') === 'ban-do' ? 'map' : 'list';
  const code = params.get('ma');

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );

  const [search, setSearch] = useState(q);
  const [debounced] = useDebouncedValue(search.trim(), 400);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the URL follows the typed words, not the reverse
  useEffect(() => {
    if (debounced !== q) update({ q: debounced || null });
  }, [debounced]);

  const { provinces } = usePublicCommunes();
  // The categories are the province's: asked through the chosen commune, or any commune of the province.
  const probe = communeCode || provinces.find((p) => p.code === provinceCode)?.communes[0]?.code || null;
  const categories = useFeedbackCategories(probe);
  const lang = currentLanguage();

  const filters: PublicFilters = {
    ...(q ? { q } : {}),
    ...(provinceCode ? { provinceCode } : {}),
    ...(communeCode ? { communeCode } : {}),
    ...(categoryKey ? { categoryKey } : {}),
  };

  return (
    <Stack gap="md" maw={960}>
      <Title order={1}>{t('feedbackPublic.list.title')}</Title>
      <Text>{t('feedbackPublic.list.intro')}</Text>
      <Group gap="sm">
        <Button component={Link} to="/phan-anh/gui" data-testid="public-to-submit">
          {t('feedbackPublic.list.toSubmit')}
        </Button>
        <Button component={Link} to="/phan-anh/theo-doi" variant="light" data-testid="public-to-track">
          {t('feedbackPublic.list.toTrack')}
        </Button>
      </Group>

      {code && <OneReport code={code} onClose={() => update({ ma: null })} />}

      <search>
        <Stack gap="sm">
          <TextInput
            label={t('feedbackPublic.list.search')}
            placeholder={t('feedbackPublic.list.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            type="search"
            enterKeyHint="search"
            data-testid="public-search"
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <Select
              label={t('common.province')}
              placeholder={t('feedbackPublic.list.all')}
              data={provinces.map((p) => ({ value: p.code, label: p.name }))}
              value={provinceCode || null}
              onChange={(v) => update({ tinh: v, xa: null, loai: null })}
              clearable
              searchable
              comboboxProps={{ withinPortal: true }}
              data-testid="public-province"
            />
            <CommuneSelect
              value={communeCode || null}
              onChange={(c) =>
                update({ xa: c?.code ?? null, tinh: c?.provinceCode ?? (provinceCode || null) })
              }
              label={t('common.commune')}
              placeholder={t('feedbackPublic.list.all')}
              provinceCode={provinceCode || null}
              clearable
              testId="public-commune"
            />
            <Select
              label={t('feedbackPublic.list.category')}
              placeholder={probe ? t('feedbackPublic.list.all') : t('feedbackPublic.list.provinceFirst')}
              data={(categories.data ?? []).map((c) => ({
                value: c.key,
                label: lang === 'en' ? c.nameEn : c.nameVi,
              }))}
              value={categoryKey || null}
              onChange={(v) => update({ loai: v })}
              disabled={!probe}
              clearable
              comboboxProps={{ withinPortal: true }}
              data-testid="public-category"
            />
          </SimpleGrid>
        </Stack>
      </search>

      <Tabs value={tab} onChange={(v) => update({ xem: v === 'map' ? 'ban-do' : null })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="list" data-testid="public-tab-list">
            {t('feedbackPublic.list.tabList')}
          </Tabs.Tab>
          <Tabs.Tab value="map" data-testid="public-tab-map">
            {t('feedbackPublic.list.tabMap')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="list" pt="md">
          <List filters={filters} />
        </Tabs.Panel>
        <Tabs.Panel value="map" pt="md">
          <MapPanel provinceCode={provinceCode} communeCode={communeCode} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function List({ filters }: { filters: PublicFilters }) {
  const { t } = useTranslation();
  const list = usePublicFeedbackList(filters);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  if (list.isPending) return <Loading />;
  return (
    <Stack gap="sm" data-testid="public-list" style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
      {items.length === 0 && !list.isError && (
        <Text c="dimmed" data-testid="public-empty">
          {t('feedbackPublic.list.empty')}
        </Text>
      )}
      {items.map((item) => (
        <FeedbackCard key={item.code} item={item} />
      ))}
      <MorePages query={list} />
    </Stack>
  );
}

function MapPanel({ provinceCode, communeCode }: { provinceCode: string; communeCode: string }) {
  const { t } = useTranslation();
  const stateLabel = useStateLabel();
  const map = useFeedbackMap({
    ...(provinceCode ? { provinceCode } : {}),
    ...(communeCode ? { communeCode } : {}),
  });
  if (!provinceCode && !communeCode)
    return (
      <Text c="dimmed" data-testid="public-map-choose">
        {t('feedbackPublic.list.mapChoose')}
      </Text>
    );
  if (map.isError) return <ErrorAlert error={map.error} onRetry={() => void map.refetch()} />;
  if (map.isPending) return <Loading />;
  return (
    <Suspense fallback={<Loading />}>
      <ReportMap
        points={map.data.points}
        stateLabel={stateLabel}
        linkOf={(c) => `/phan-anh?ma=${encodeURIComponent(c)}`}
      />
    </Suspense>
  );
}

/** The report asked for by its code, when published; otherwise says it is still being handled. */
function OneReport({ code, onClose }: { code: string; onClose: () => void }) {
  const { t } = useTranslation();
  const one = usePublishedFeedback(code);
  const notPublished = one.error instanceof ApiError && one.error.status === 404;
  return (
    <Stack gap="xs" data-testid="public-one">
      {one.isPending && <Loading />}
      {notPublished && (
        <Alert color="blue" variant="light" data-testid="public-one-unpublished">
          {t('feedbackPublic.list.notPublished', { code })}
        </Alert>
      )}
      {one.isError && !notPublished && <ErrorAlert error={one.error} onRetry={() => void one.refetch()} />}
      {one.data && <FeedbackCard item={one.data} highlight />}
      <Button variant="subtle" size="compact-sm" w="fit-content" onClick={onClose}>
        {t('feedbackPublic.list.closeOne')}
      </Button>
    </Stack>
  );
}
