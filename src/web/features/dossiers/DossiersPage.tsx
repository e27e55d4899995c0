import { Alert, Button, Checkbox, Group, NativeSelect, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { QUEUE_TABS, REHEARSAL_FILTERS } from '../../../common/api/dossiers';
import { Loading } from '../../components/Loading';
import { LocalizedDates } from '../../components/LocalizedDates';
import { MorePages } from '../../components/MorePages';
import { usePageTitle } from '../../components/usePageTitle';
import { type SessionUser, useSession } from '../auth/session';
import { DateField } from '../calendar/DateField';
import { holdsIn } from '../workspace/access';
import { CommuneHeader } from '../workspace/CommuneHeader';
import { PageError } from '../workspace/PageError';
import { exportUrl, type QueueFilters, useDossierQueue, useProcedures } from './api';
import { DueDateChangesPanel } from './DueDateChangesPanel';
import { byRisk } from './format';
import { QueueList } from './QueueList';
import { isQueueTab, QueueTabs } from './QueueTabs';
import { type QueueTab, useQueueCounts } from './queue-api';

/** The tab a role starts its day on. */
function defaultQueue(user: SessionUser | null | undefined, communeCode: string): QueueTab {
  if (holdsIn(user, 'dossier.approve', communeCode)) return 'to_approve';
  if (holdsIn(user, 'dossier.process', communeCode)) return 'mine';
  if (holdsIn(user, 'dossier.intake', communeCode)) return 'to_intake';
  return 'overdue';
}

/** The queue named in the URL; the old "to_receive" opens its first half. */
function queueOf(raw: string | null): QueueTab | null {
  if (raw === 'to_receive') return 'to_intake';
  return isQueueTab(raw) ? raw : null;
}

/**
 * /ho-so/:communeCode — the work queues as tabs with their counts, the oldest risk first. Typing a search looks
 * through every dossier of the commune whatever its state ("all"); the tabs then count the matches each holds.
 */
export function DossiersPage() {
  const { t } = useTranslation();
  usePageTitle(t('dossier.title'));
  const { communeCode = '' } = useParams();
  const user = useSession().data;
  const [params, setParams] = useSearchParams();
  const queue = queueOf(params.get('hang-doi')) ?? defaultQueue(user, communeCode);
  const q = params.get('q') ?? '';
  const [typed, setTyped] = useState(q);
  const [debounced] = useDebouncedValue(typed, 300);
  const rehearsalParam = params.get('dien-tap');
  const filters: QueueFilters = {
    procedureId: params.get('thu-tuc') ?? undefined,
    receivedFrom: params.get('tu-ngay') ?? undefined,
    receivedTo: params.get('den-ngay') ?? undefined,
    rehearsal:
      rehearsalParam === 'chinh-thuc' ? 'official' : rehearsalParam === 'dien-tap' ? 'rehearsal' : undefined,
    archived: params.get('luu-tru') === '1' ? 'true' : undefined,
  };
  const list = useDossierQueue(communeCode, queue, q, filters);
  const counts = useQueueCounts(communeCode, q, filters);
  // The list of the tab just chosen is asked again (others moved dossiers meanwhile); its count beside it must
  // be as fresh, not the one from when the page opened ("Chờ phân công 5" above six rows).
  const shownQueue = useRef(queue);
  const refetchCounts = counts.refetch;
  useEffect(() => {
    if (shownQueue.current === queue) return;
    shownQueue.current = queue;
    void refetchCounts();
  }, [queue, refetchCounts]);
  const procedures = useProcedures('');
  const update = (change: Record<string, string | null>) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [key, value] of Object.entries(change)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  useEffect(() => {
    const next = debounced.trim();
    if (next === q) return;
    // A new search looks in every state; a tab chosen afterwards narrows it.
    setParams(
      (p) => {
        const after = new URLSearchParams(p);
        if (next) after.set('q', next);
        else after.delete('q');
        if (next) after.set('hang-doi', 'all');
        return after;
      },
      { replace: true },
    );
  }, [debounced, q, setParams]);

  const error =
    (list.isError && !list.data && list.error) || (counts.isError && !counts.data && counts.error);
  if (error) return <PageError error={error} communeCode={communeCode} onRetry={() => void list.refetch()} />;
  const items = [...(list.data?.pages.flatMap((p) => p.items) ?? [])].sort(byRisk);
  const found = counts.data?.counts;
  const elsewhere =
    q && found && items.length === 0 && !list.isPending
      ? QUEUE_TABS.filter((k) => k !== queue && k !== 'all' && found[k] > 0)
      : [];

  return (
    <Stack gap="md">
      <CommuneHeader
        communeCode={communeCode}
        title={t('dossier.title')}
        actions={
          <>
            <Button component="a" variant="default" href={exportUrl(communeCode, queue, q, filters)} download>
              {t('dossier.export')}
            </Button>
            {holdsIn(user, 'dossier.intake', communeCode) && (
              <Button component={Link} to={`/ho-so/${communeCode}/tiep-nhan`}>
                {t('dossier.newIntake')}
              </Button>
            )}
          </>
        }
      />
      <DueDateChangesPanel communeCode={communeCode} />
      <TextInput
        label={t('dossier.search')}
        description={t('queues.searchHint')}
        type="search"
        value={typed}
        onChange={(e) => setTyped(e.currentTarget.value)}
        spellCheck={false}
        autoComplete="off"
        maw={520}
      />
      <QueueTabs
        queue={queue}
        counts={found}
        rehearsal={counts.data?.rehearsal}
        onChange={(value) => update({ 'hang-doi': value })}
      />
      <LocalizedDates>
        <Group align="flex-end" gap="sm">
          <Select
            label={t('dossier.filter.procedure')}
            placeholder={t('dossier.filter.anyProcedure')}
            data={(procedures.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={filters.procedureId ?? null}
            onChange={(v) => update({ 'thu-tuc': v })}
            searchable
            clearable
            w={320}
            maw="100%"
          />
          <DateField
            label={t('dossier.filter.from')}
            value={filters.receivedFrom ?? null}
            onChange={(v) => update({ 'tu-ngay': v })}
            clearable
            w={160}
          />
          <DateField
            label={t('dossier.filter.to')}
            value={filters.receivedTo ?? null}
            onChange={(v) => update({ 'den-ngay': v })}
            clearable
            w={160}
          />
          <NativeSelect
            label={t('rehearsal.filter.label')}
            data={REHEARSAL_FILTERS.map((f) => ({ value: f, label: t(`rehearsal.filter.${f}`) }))}
            value={filters.rehearsal ?? 'all'}
            onChange={(e) => {
              const v = e.currentTarget.value;
              update({ 'dien-tap': v === 'official' ? 'chinh-thuc' : v === 'rehearsal' ? 'dien-tap' : null });
            }}
            w={280}
            maw="100%"
            data-testid="rehearsal-filter"
          />
          <Checkbox
            label={t('rehearsal.filter.archived')}
            checked={filters.archived === 'true'}
            onChange={(e) => update({ 'luu-tru': e.currentTarget.checked ? '1' : null })}
            mb={8}
            data-testid="rehearsal-archived"
          />
        </Group>
      </LocalizedDates>
      {(counts.data?.rehearsal.all ?? 0) > 0 && (
        <Text size="sm" c="red.8" data-testid="rehearsal-counts-note">
          {t('rehearsal.countsNote', { count: counts.data?.rehearsal.all })}
        </Text>
      )}
      {q && queue === 'all' && found && (
        <Text size="sm" role="status" data-testid="search-scope">
          {t('queues.foundAll', { q, count: found.all })}
        </Text>
      )}
      {list.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        elsewhere.length > 0 ? (
          <Alert color="blue" role="status" data-testid="found-elsewhere">
            <Stack gap="xs">
              <Text size="sm">{t('queues.foundElsewhere', { q, queue: t(`dossier.queue.${queue}`) })}</Text>
              <Group gap="xs">
                {elsewhere.map((k) => (
                  <Button key={k} size="xs" variant="light" onClick={() => update({ 'hang-doi': k })}>
                    {t(`dossier.queue.${k}`)} ({found?.[k]})
                  </Button>
                ))}
                <Button size="xs" variant="subtle" onClick={() => update({ 'hang-doi': 'all' })}>
                  {t('queues.showAll')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : (
          <Text role="status">{q ? t('dossier.noMatch', { q }) : t('dossier.none')}</Text>
        )
      ) : (
        <QueueList items={items} />
      )}
      <MorePages query={list} />
    </Stack>
  );
}
