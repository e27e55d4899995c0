import { Badge, NativeSelect, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QUEUE_TABS } from '../../../common/api/dossiers';
import type { Counts, QueueTab } from './queue-api';

export const isQueueTab = (s: string | null): s is QueueTab =>
  !!s && (QUEUE_TABS as readonly string[]).includes(s);

interface QueueTabsProps {
  queue: QueueTab;
  counts: Counts | undefined;
  /** Rehearsal dossiers of each tab (DIỄN TẬP), counted apart from the official counts. */
  rehearsal?: Counts | undefined;
  onChange: (queue: QueueTab) => void;
}

/** The queues as tabs with their counts (wrapping on a tablet), a select on a phone. */
export function QueueTabs({ queue, counts, rehearsal, onChange }: QueueTabsProps) {
  const { t } = useTranslation();
  const count = (k: QueueTab) => (counts ? counts[k] : undefined);
  const mock = (k: QueueTab) => rehearsal?.[k] ?? 0;
  return (
    <>
      <Tabs
        value={queue}
        onChange={(value) => isQueueTab(value) && onChange(value)}
        visibleFrom="sm"
        keepMounted={false}
      >
        <Tabs.List aria-label={t('dossier.queues')}>
          {QUEUE_TABS.map((k) => (
            <Tabs.Tab
              key={k}
              value={k}
              data-testid={`queue-tab-${k}`}
              rightSection={
                count(k) === undefined ? undefined : (
                  <>
                    <Badge
                      size="sm"
                      variant={queue === k ? 'filled' : 'light'}
                      color={k === 'overdue' && count(k) ? 'red' : undefined}
                      data-testid="queue-count"
                      aria-label={t('queues.count', { count: count(k) })}
                    >
                      {count(k)}
                    </Badge>
                    {mock(k) > 0 && (
                      <Badge
                        size="sm"
                        ml={4}
                        color="red"
                        variant="outline"
                        data-testid="queue-rehearsal-count"
                        title={t('rehearsal.tabCount', { count: mock(k) })}
                      >
                        {t('rehearsal.tabCount', { count: mock(k) })}
                      </Badge>
                    )}
                  </>
                )
              }
            >
              {t(`dossier.queue.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <NativeSelect
        hiddenFrom="sm"
        label={t('queues.chooseQueue')}
        value={queue}
        onChange={(e) => isQueueTab(e.currentTarget.value) && onChange(e.currentTarget.value)}
        data={QUEUE_TABS.map((k) => ({
          value: k,
          label:
            count(k) === undefined
              ? t(`dossier.queue.${k}`)
              : `${t(`dossier.queue.${k}`)} (${count(k)}${mock(k) ? ` ${t('rehearsal.tabCount', { count: mock(k) })}` : ''})`,
        }))}
        data-testid="queue-select"
      />
    </>
  );
}
