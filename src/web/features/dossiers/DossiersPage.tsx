import {
  Anchor,
  Badge,
  Button,
  Group,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { DOSSIER_QUEUES } from '../../../common/api/dossiers';
import { Loading } from '../../components/Loading';
import { LocalizedDates } from '../../components/LocalizedDates';
import { MorePages } from '../../components/MorePages';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../lib/dates';
import { formatDateTime } from '../../lib/datetime';
import { type SessionUser, useSession } from '../auth/session';
import { DateField } from '../calendar/DateField';
import { holdsIn } from '../workspace/access';
import { PageError } from '../workspace/PageError';
import {
  exportUrl,
  type ListItem,
  type Queue,
  type QueueFilters,
  useDossierQueue,
  useProcedures,
} from './api';
import { DueDateChangesPanel } from './DueDateChangesPanel';
import { byRisk, LATENESS_COLOR, latenessOf } from './format';

const isQueue = (s: string | null): s is Queue => !!s && (DOSSIER_QUEUES as readonly string[]).includes(s);

function defaultQueue(user: SessionUser | null | undefined, communeCode: string): Queue {
  if (holdsIn(user, 'dossier.approve', communeCode)) return 'to_approve';
  if (holdsIn(user, 'dossier.process', communeCode)) return 'mine';
  return 'to_receive';
}

/** /ho-so/:communeCode — the work queues as tabs, colour-coded by lateness, the oldest risk first. */
export function DossiersPage() {
  const { t } = useTranslation();
  usePageTitle(t('dossier.title'));
  const { communeCode = '' } = useParams();
  const user = useSession().data;
  const [params, setParams] = useSearchParams();
  const raw = params.get('hang-doi');
  const queue = isQueue(raw) ? raw : defaultQueue(user, communeCode);
  const q = params.get('q') ?? '';
  const [typed, setTyped] = useState(q);
  const [debounced] = useDebouncedValue(typed, 300);
  const filters: QueueFilters = {
    procedureId: params.get('thu-tuc') ?? undefined,
    receivedFrom: params.get('tu-ngay') ?? undefined,
    receivedTo: params.get('den-ngay') ?? undefined,
  };
  const list = useDossierQueue(communeCode, queue, q, filters);
  const procedures = useProcedures('');
  const setParam = (key: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  useEffect(() => {
    if (debounced.trim() === q) return;
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (debounced.trim()) next.set('q', debounced.trim());
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [debounced, q, setParams]);

  if (list.isError && !list.data)
    return <PageError error={list.error} communeCode={communeCode} onRetry={() => void list.refetch()} />;
  const items = [...(list.data?.pages.flatMap((p) => p.items) ?? [])].sort(byRisk);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('dossier.title')}</Title>
        <Group gap="xs">
          <Button component="a" variant="default" href={exportUrl(communeCode, queue, q, filters)} download>
            {t('dossier.export')}
          </Button>
          {holdsIn(user, 'dossier.intake', communeCode) && (
            <Button component={Link} to={`/ho-so/${communeCode}/tiep-nhan`}>
              {t('dossier.newIntake')}
            </Button>
          )}
        </Group>
      </Group>
      <DueDateChangesPanel communeCode={communeCode} />
      <Tabs
        value={queue}
        onChange={(value) =>
          isQueue(value) &&
          setParams(
            (p) => {
              const next = new URLSearchParams(p);
              next.set('hang-doi', value);
              return next;
            },
            { replace: true },
          )
        }
      >
        <Tabs.List aria-label={t('dossier.queues')}>
          {DOSSIER_QUEUES.map((k) => (
            <Tabs.Tab key={k} value={k}>
              {t(`dossier.queue.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <LocalizedDates>
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('dossier.search')}
            description={t('dossier.searchHint')}
            type="search"
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            spellCheck={false}
            autoComplete="off"
            w={360}
          />
          <Select
            label={t('dossier.filter.procedure')}
            placeholder={t('dossier.filter.anyProcedure')}
            data={(procedures.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            value={filters.procedureId ?? null}
            onChange={(v) => setParam('thu-tuc', v)}
            searchable
            clearable
            w={320}
          />
          <DateField
            label={t('dossier.filter.from')}
            value={filters.receivedFrom ?? null}
            onChange={(v) => setParam('tu-ngay', v)}
            clearable
            w={160}
          />
          <DateField
            label={t('dossier.filter.to')}
            value={filters.receivedTo ?? null}
            onChange={(v) => setParam('den-ngay', v)}
            clearable
            w={160}
          />
        </Group>
      </LocalizedDates>
      {list.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <Text role="status">{q ? t('dossier.noMatch', { q }) : t('dossier.none')}</Text>
      ) : (
        <DossierTable items={items} />
      )}
      <MorePages query={list} />
    </Stack>
  );
}

function DossierTable({ items }: { items: ListItem[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover data-testid="dossiers">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('dossier.code')}</Table.Th>
            <Table.Th scope="col">{t('dossier.applicant')}</Table.Th>
            <Table.Th scope="col">{t('dossier.procedure')}</Table.Th>
            <Table.Th scope="col">{t('dossier.receivedAt')}</Table.Th>
            <Table.Th scope="col">{t('dossier.dueDate')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((d) => {
            const level = latenessOf(d.dueDate);
            return (
              <Table.Tr key={d.id} data-testid="dossier-row" data-lateness={level}>
                <Table.Th scope="row" fw={400}>
                  <Anchor component={Link} to={`/ho-so/chi-tiet/${d.id}`}>
                    {d.code}
                  </Anchor>
                </Table.Th>
                <Table.Td>{d.applicantName}</Table.Td>
                <Table.Td>{d.procedureName}</Table.Td>
                <Table.Td>{formatDateTime(d.receivedAt)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <span>{d.dueDate ? formatDate(d.dueDate) : '—'}</span>
                    <Badge color={LATENESS_COLOR[level]} variant="light">
                      {t(`dossier.lateness.${level}`)}
                    </Badge>
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
