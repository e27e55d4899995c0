import { Tabs } from '@mantine/core';
import type { ParseKeys } from 'i18next';
import { type ComponentType, lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Permission } from '../features/workspace/access';
import { Loading } from './Loading';

/** One tab of a page: its key in the address (?muc=…), its label, who sees it, and its panel (loaded lazily). */
export interface LazyTab<P> {
  key: string;
  label: ParseKeys;
  permission: Permission;
  Panel: ComponentType<P>;
}

/** A panel loaded on first show, from its own chunk. */
export const lazyPanel = <P,>(load: () => Promise<ComponentType<P>>) =>
  lazy(async () => ({ default: await load() }));

/**
 * The tabs a user may see (not empty), the open one in the address (?muc=…) so that a link opens the right one;
 * only the open panel is mounted. Without `props` yet (still loading what the panels need) a panel shows Loading.
 */
export function LazyTabs<P extends object>({
  tabs,
  testIdPrefix,
  props,
}: {
  tabs: LazyTab<P>[];
  testIdPrefix: string;
  props: P | null;
}) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const active = tabs.find((x) => x.key === params.get('muc'))?.key ?? tabs[0]?.key ?? null;
  return (
    <Tabs
      value={active}
      onChange={(value) => value && setParams({ muc: value }, { replace: true })}
      keepMounted={false}
    >
      <Tabs.List>
        {tabs.map((x) => (
          <Tabs.Tab key={x.key} value={x.key} data-testid={`${testIdPrefix}-${x.key}`}>
            {t(x.label)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {tabs.map((x) => (
        <Tabs.Panel key={x.key} value={x.key} pt="md">
          {props ? (
            <Suspense fallback={<Loading />}>
              <x.Panel {...props} />
            </Suspense>
          ) : (
            <Loading />
          )}
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
