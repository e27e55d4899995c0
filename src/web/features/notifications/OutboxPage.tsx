import {
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_STATUSES,
  NOTIFICATION_TEMPLATES,
  type NotificationChannel,
  type NotificationCounts,
  type NotificationItem,
  type NotificationStatus,
} from '../../../common/api/notifications';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { LocalizedDates } from '../../components/LocalizedDates';
import { MorePages } from '../../components/MorePages';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime } from '../../lib/datetime';
import { foldedFilter } from '../../lib/foldedFilter';
import { useSession } from '../auth/session';
import { holdsAnywhere } from '../workspace/access';
import { useCurrentCommune } from '../workspace/communes';
import { PageError } from '../workspace/PageError';
import { Refusal } from '../workspace/Refusal';
import { type OutboxFilter, useOutbox, useRetryNotification } from './api';

/** The URL's query names for each filter (shareable, kept on reload). */
const PARAMS: Record<keyof OutboxFilter, string> = {
  status: 'trang-thai',
  channel: 'kenh',
  template: 'loai',
  communeCode: 'xa',
};
const KEYS = Object.keys(PARAMS) as (keyof OutboxFilter)[];

const isOneOf = <T extends string>(list: readonly T[], v: string | null | undefined): v is T =>
  !!v && (list as readonly string[]).includes(v);

function filterFrom(params: URLSearchParams): OutboxFilter {
  const f: OutboxFilter = {};
  const status = params.get(PARAMS.status);
  const channel = params.get(PARAMS.channel);
  const template = params.get(PARAMS.template);
  const commune = params.get(PARAMS.communeCode)?.trim();
  if (isOneOf(NOTIFICATION_STATUSES, status)) f.status = status;
  if (isOneOf(NOTIFICATION_CHANNELS, channel)) f.channel = channel;
  if (isOneOf(NOTIFICATION_TEMPLATES, template)) f.template = template;
  if (commune && /^\d{5}$/.test(commune)) f.communeCode = commune;
  return f;
}

const STATUS_COLOURS: Record<NotificationStatus, string> = {
  pending: 'gray',
  retrying: 'orange',
  sent: 'green',
  failed: 'red',
  recorded: 'blue',
};

type Underscored<T extends string> = T extends `${infer A}.${infer B}` ? `${A}_${Underscored<B>}` : T;
type TemplateLabel = Underscored<(typeof NOTIFICATION_TEMPLATES)[number]> | 'other';

const templateKey = (template: string | null): TemplateLabel =>
  isOneOf(NOTIFICATION_TEMPLATES, template)
    ? (template.replaceAll('.', '_') as Underscored<typeof template>)
    : 'other';

/** /quan-tri/thong-bao-gui — the outbox within the viewer's rights: what was sent, what failed and why, retry. */
export function OutboxPage() {
  const { t } = useTranslation();
  usePageTitle(t('notifications.title'));
  const user = useSession().data;
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const outbox = useOutbox(filter);

  if (!holdsAnywhere(user, 'notifications.read')) return <Refusal />;
  if (outbox.isError && !outbox.data)
    return (
      <PageError
        error={outbox.error}
        communeCode={filter.communeCode}
        onRetry={() => void outbox.refetch()}
      />
    );
  const items = outbox.data?.pages.flatMap((p) => p.items) ?? [];
  const counts = outbox.data?.pages[0]?.counts;

  const apply = (next: OutboxFilter) => {
    const p = new URLSearchParams();
    for (const k of KEYS) if (next[k]) p.set(PARAMS[k], next[k]);
    setParams(p);
  };

  return (
    <LocalizedDates>
      <Stack gap="md">
        <Title order={1}>{t('notifications.title')}</Title>
        <Text>{t('notifications.intro')}</Text>
        {counts && (
          <Counts counts={counts} current={filter.status} onPick={(s) => apply({ ...filter, status: s })} />
        )}
        <Filters key={params.toString()} initial={filter} onApply={apply} />
        {outbox.isPending ? (
          <Loading />
        ) : items.length === 0 ? (
          <Text role="status">{t('notifications.none')}</Text>
        ) : (
          <OutboxTable items={items} />
        )}
        <MorePages query={outbox} />
      </Stack>
    </LocalizedDates>
  );
}

/** The number of messages in each status; a click filters by it (again: every status). */
function Counts({
  counts,
  current,
  onPick,
}: {
  counts: NotificationCounts;
  current: NotificationStatus | undefined;
  onPick: (s: NotificationStatus | undefined) => void;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" role="group" aria-label={t('notifications.countsLabel')} data-testid="outbox-counts">
      {NOTIFICATION_STATUSES.map((s) => (
        <Button
          key={s}
          size="xs"
          variant={current === s ? 'filled' : 'light'}
          color={STATUS_COLOURS[s]}
          aria-pressed={current === s}
          onClick={() => onPick(current === s ? undefined : s)}
          data-status={s}
        >
          {t(`notifications.statuses.${s}`)}: {counts[s]}
        </Button>
      ))}
    </Group>
  );
}

function Filters({ initial, onApply }: { initial: OutboxFilter; onApply: (f: OutboxFilter) => void }) {
  const { t } = useTranslation();
  const { mine } = useCurrentCommune();
  const [f, setF] = useState<OutboxFilter>(initial);
  const set = (k: keyof OutboxFilter) => (v: string | null) =>
    setF((all) => ({ ...all, [k]: v || undefined }));
  const communeInvalid = !!f.communeCode && !/^\d{5}$/.test(f.communeCode);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!communeInvalid) onApply(f);
  };
  const communes = mine.communes.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }));

  return (
    <Paper
      withBorder
      p="md"
      component="form"
      onSubmit={onSubmit}
      noValidate
      aria-label={t('notifications.filters')}
    >
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
          <Select
            label={t('notifications.status')}
            data={NOTIFICATION_STATUSES.map((s) => ({ value: s, label: t(`notifications.statuses.${s}`) }))}
            value={f.status ?? null}
            onChange={set('status')}
            placeholder={t('notifications.any')}
            clearable
          />
          <Select
            label={t('notifications.channel')}
            data={NOTIFICATION_CHANNELS.map((c) => ({ value: c, label: t(`notifications.channels.${c}`) }))}
            value={f.channel ?? null}
            onChange={set('channel')}
            placeholder={t('notifications.any')}
            clearable
          />
          <Select
            label={t('notifications.template')}
            data={NOTIFICATION_TEMPLATES.map((k) => ({
              value: k,
              label: t(`notifications.templates.${templateKey(k)}`),
            }))}
            value={f.template ?? null}
            onChange={set('template')}
            placeholder={t('notifications.any')}
            searchable
            clearable
            filter={foldedFilter}
          />
          {mine.any ? (
            <TextInput
              label={t('notifications.commune')}
              description={t('notifications.communeHint')}
              value={f.communeCode ?? ''}
              onChange={(e) => set('communeCode')(e.currentTarget.value.trim())}
              inputMode="numeric"
              maxLength={5}
              error={communeInvalid ? t('notifications.communeHint') : undefined}
            />
          ) : (
            <Select
              label={t('notifications.commune')}
              data={communes}
              value={f.communeCode ?? null}
              onChange={set('communeCode')}
              placeholder={t('notifications.allCommunes')}
              searchable
              clearable
              filter={foldedFilter}
            />
          )}
        </SimpleGrid>
        <Group>
          <Button type="submit">{t('notifications.apply')}</Button>
          <Button
            variant="default"
            onClick={() => {
              setF({});
              onApply({});
            }}
          >
            {t('notifications.clear')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function OutboxTable({ items }: { items: NotificationItem[] }) {
  const { t } = useTranslation();
  const retry = useRetryNotification();
  return (
    <Stack gap="xs">
      {retry.isError && <ErrorAlert error={retry.error} />}
      {retry.isSuccess && (
        <Text role="status" size="sm" c="green">
          {t('notifications.retried')}
        </Text>
      )}
      <Table.ScrollContainer minWidth={960}>
        <Table striped data-testid="outbox-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('notifications.createdAt')}</Table.Th>
              <Table.Th scope="col">{t('notifications.template')}</Table.Th>
              <Table.Th scope="col">{t('notifications.channel')}</Table.Th>
              <Table.Th scope="col">{t('notifications.recipient')}</Table.Th>
              <Table.Th scope="col">{t('notifications.commune')}</Table.Th>
              <Table.Th scope="col">{t('notifications.status')}</Table.Th>
              <Table.Th scope="col">{t('notifications.lastError')}</Table.Th>
              <Table.Th scope="col" aria-label={t('notifications.retry')} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((n) => (
              <Table.Tr key={n.id} data-testid="outbox-row" data-status={n.status}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(n.createdAt)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{t(`notifications.templates.${templateKey(n.template)}`)}</Text>
                  <Text size="xs" c="dimmed" style={{ wordBreak: 'break-word' }}>
                    {n.subject}
                  </Text>
                </Table.Td>
                <Table.Td>{t(`notifications.channels.${n.channel as NotificationChannel}`)}</Table.Td>
                <Table.Td ff="monospace" fz="sm">
                  {n.recipient}
                </Table.Td>
                <Table.Td>{n.communeCode ?? t('notifications.noCommune')}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLOURS[n.status]} variant="light">
                    {t(`notifications.statuses.${n.status}`)}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {t('notifications.attempts')}: {n.attempts}
                  </Text>
                  {n.status === 'retrying' && (
                    <Text size="xs" c="dimmed">
                      {t('notifications.nextAttempt', { at: formatDateTime(n.nextAttemptAt) })}
                    </Text>
                  )}
                  {n.sentAt && (
                    <Text size="xs" c="dimmed">
                      {t('notifications.sentAt')}: {formatDateTime(n.sentAt)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ wordBreak: 'break-word', maxWidth: 320 }}>
                  <Text size="xs">{n.lastError ?? '—'}</Text>
                </Table.Td>
                <Table.Td>
                  {n.status === 'failed' && (
                    <Button
                      size="xs"
                      variant="light"
                      loading={retry.isPending && retry.variables === n.id}
                      onClick={() => retry.mutate(n.id)}
                    >
                      {t('notifications.retry')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
