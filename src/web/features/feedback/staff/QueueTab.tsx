import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { FEEDBACK_CHANNELS, FEEDBACK_STATES, type FeedbackState } from '../../../../common/api/feedback';
import { Loading } from '../../../components/Loading';
import { MorePages } from '../../../components/MorePages';
import { formatDate } from '../../../lib/dates';
import { formatDateTime } from '../../../lib/datetime';
import { foldedFilter } from '../../../lib/foldedFilter';
import { PageError } from '../../workspace/PageError';
import {
  type FeedbackQueueCounts,
  type FeedbackSummary,
  useFeedbackCategories,
  useFeedbackQueue,
} from '../staff-api';
import { DUE_PARAM, filtersFromParams, PARAM } from './filters';
import { RiskBadges, StateBadge } from './parts';

/** The queue: search, state buttons with their counts, the other filters, the reports (riskiest first). */
export function QueueTab({ communeCode, provinceCode }: { communeCode: string; provinceCode: string }) {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const [typed, setTyped] = useState(filters.q ?? '');
  const [debounced] = useDebouncedValue(typed, 300);
  const list = useFeedbackQueue(communeCode, filters);
  const categories = useFeedbackCategories(provinceCode);
  const update = (change: Record<string, string | null | undefined>) =>
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
    if (next === (params.get(PARAM.q) ?? '')) return;
    setParams(
      (p) => {
        const after = new URLSearchParams(p);
        if (next) after.set(PARAM.q, next);
        else after.delete(PARAM.q);
        return after;
      },
      { replace: true },
    );
  }, [debounced, params, setParams]);

  if (list.isError && !list.data)
    return <PageError error={list.error} communeCode={communeCode} onRetry={() => void list.refetch()} />;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const counts = list.data?.pages[0]?.counts;
  const en = i18n.language === 'en';

  return (
    <Stack gap="md">
      <TextInput
        label={t('feedbackStaff.queue.search')}
        description={t('feedbackStaff.queue.searchHint')}
        type="search"
        value={typed}
        onChange={(e) => setTyped(e.currentTarget.value)}
        spellCheck={false}
        autoComplete="off"
        maw={520}
        data-testid="feedback-search"
      />
      <StateButtons counts={counts} value={filters.state} onChange={(s) => update({ [PARAM.state]: s })} />
      <Group align="flex-end" gap="sm">
        <Select
          label={t('feedbackStaff.queue.category')}
          placeholder={t('feedbackStaff.queue.anyCategory')}
          data={(categories.data ?? []).map((c) => ({ value: c.id, label: en ? c.nameEn : c.nameVi }))}
          value={filters.categoryId ?? null}
          onChange={(v) => update({ [PARAM.category]: v })}
          searchable
          filter={foldedFilter}
          clearable
          w={280}
          maw="100%"
          data-testid="filter-category"
        />
        <Select
          label={t('feedbackStaff.queue.channel')}
          placeholder={t('feedbackStaff.queue.anyChannel')}
          data={FEEDBACK_CHANNELS.map((c) => ({ value: c, label: t(`feedbackStaff.channel.${c}`) }))}
          value={filters.channel ?? null}
          onChange={(v) => update({ [PARAM.channel]: v })}
          clearable
          w={200}
          data-testid="filter-channel"
        />
        <Select
          label={t('feedbackStaff.queue.due')}
          placeholder={t('feedbackStaff.queue.anyDue')}
          data={[
            { value: DUE_PARAM.soon, label: t('feedbackStaff.queue.dueSoon') },
            { value: DUE_PARAM.overdue, label: t('feedbackStaff.queue.overdue') },
          ]}
          value={filters.due ? DUE_PARAM[filters.due] : null}
          onChange={(v) => update({ [PARAM.due]: v })}
          clearable
          w={200}
          data-testid="filter-due"
        />
        <Checkbox
          label={t('feedbackStaff.queue.mine')}
          checked={filters.assignee === 'me'}
          onChange={(e) => update({ [PARAM.mine]: e.currentTarget.checked ? '1' : null })}
          mb={8}
          data-testid="filter-mine"
        />
      </Group>
      {list.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <Text role="status" data-testid="feedback-none">
          {filters.q ? t('feedbackStaff.queue.noMatch', { q: filters.q }) : t('feedbackStaff.queue.none')}
        </Text>
      ) : (
        <FeedbackTable items={items} />
      )}
      <MorePages query={list} />
    </Stack>
  );
}

function countOf(
  counts: FeedbackQueueCounts | undefined,
  state: FeedbackState | undefined,
): number | undefined {
  if (!counts) return undefined;
  if (!state) return Object.values(counts.byState).reduce((a, b) => a + b, 0);
  return counts.byState[state] ?? 0;
}

/** "Tất cả" and one button per state, each with its count; the chosen one filled. */
function StateButtons({
  counts,
  value,
  onChange,
}: {
  counts: FeedbackQueueCounts | undefined;
  value: FeedbackState | undefined;
  onChange: (state: FeedbackState | null) => void;
}) {
  const { t } = useTranslation();
  const choices: (FeedbackState | undefined)[] = [undefined, ...FEEDBACK_STATES];
  return (
    <Group gap={6} role="group" aria-label={t('feedbackStaff.queue.states')} data-testid="state-filter">
      {choices.map((s) => {
        const n = countOf(counts, s);
        const active = value === s;
        return (
          <Button
            key={s ?? 'all'}
            size="compact-sm"
            variant={active ? 'filled' : 'light'}
            color={s === 'escalated' && n ? 'red' : undefined}
            aria-pressed={active}
            onClick={() => onChange(s ?? null)}
            data-testid={`state-${s ?? 'all'}`}
            rightSection={
              n === undefined ? undefined : (
                <Badge size="xs" variant={active ? 'white' : 'filled'} data-testid="state-count">
                  {n}
                </Badge>
              )
            }
          >
            {s ? t(`feedbackStaff.state.${s}`) : t('feedbackStaff.queue.all')}
          </Button>
        );
      })}
    </Group>
  );
}

/** Overdue first, then due soon, then the oldest. */
const RISK: Record<FeedbackSummary['timeliness'], number> = { overdue: 0, due_soon: 1, on_time: 2, done: 3 };
const byRisk = (a: FeedbackSummary, b: FeedbackSummary) =>
  RISK[a.timeliness] - RISK[b.timeliness] ||
  b.escalationLevel - a.escalationLevel ||
  a.receivedAt.localeCompare(b.receivedAt);

/** Phones (≤ 40em): one card per report with the key facts; a table above. */
const PHONE = '(max-width: 40em)';

export function FeedbackTable(props: {
  items: FeedbackSummary[];
  /** On the province's lists: the commune of each report under its code. */
  communeName?: (code: string) => string;
}) {
  const phone = useMediaQuery(PHONE, typeof window !== 'undefined' && window.matchMedia(PHONE).matches, {
    getInitialValueInEffect: false,
  });
  return phone ? <FeedbackCards {...props} /> : <FeedbackRows {...props} />;
}

function FeedbackCards({
  items,
  communeName,
}: {
  items: FeedbackSummary[];
  communeName?: (code: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <Stack
      gap="xs"
      data-testid="feedback-list"
      component="ul"
      style={{ listStyle: 'none', padding: 0, margin: 0 }}
    >
      {[...items].sort(byRisk).map((r) => (
        <Paper
          key={r.id}
          component="li"
          withBorder
          p="sm"
          data-testid="feedback-row"
          data-state={r.state}
          data-timeliness={r.timeliness}
          style={
            r.timeliness === 'overdue'
              ? { borderColor: 'var(--mantine-color-red-6)', borderWidth: 2 }
              : undefined
          }
        >
          <Stack gap={4}>
            <Anchor component={Link} to={`/xu-ly-phan-anh/chi-tiet/${r.id}`} fw={600}>
              {r.code}
            </Anchor>
            {communeName && (
              <Text size="xs" c="dimmed">
                {communeName(r.communeCode)}
              </Text>
            )}
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {r.title}
            </Text>
            <Group gap={4}>
              <StateBadge state={r.state} />
              <RiskBadges r={r} />
            </Group>
            <Text size="xs" c="dimmed">
              {r.categoryName} · {t(`feedbackStaff.channel.${r.channel}`)}
              {r.answerDueDate
                ? ` · ${t('feedbackStaff.field.dueDate')}: ${formatDate(r.answerDueDate)}`
                : ''}
            </Text>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

function FeedbackRows({
  items,
  communeName,
}: {
  items: FeedbackSummary[];
  /** On the province's lists: the commune of each report under its code. */
  communeName?: (code: string) => string;
}) {
  const { t } = useTranslation();
  const rows = [...items].sort(byRisk);
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped highlightOnHover data-testid="feedback-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('feedbackStaff.field.code')}</Table.Th>
            <Table.Th scope="col" w="40%">
              {t('feedbackStaff.field.title')}
            </Table.Th>
            <Table.Th scope="col">{t('feedbackStaff.field.state')}</Table.Th>
            <Table.Th scope="col">{t('feedbackStaff.field.dueDate')}</Table.Th>
            <Table.Th scope="col">{t('feedbackStaff.field.assignee')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr
              key={r.id}
              data-testid="feedback-row"
              data-state={r.state}
              data-timeliness={r.timeliness}
              bg={r.timeliness === 'overdue' ? 'var(--mantine-color-red-light)' : undefined}
            >
              <Table.Th scope="row" fw={400}>
                <Anchor
                  component={Link}
                  to={`/xu-ly-phan-anh/chi-tiet/${r.id}`}
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {r.code}
                </Anchor>
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(r.receivedAt)}
                </Text>
                {communeName && (
                  <Text size="xs" c="dimmed" data-testid="feedback-row-commune">
                    {communeName(r.communeCode)}
                  </Text>
                )}
              </Table.Th>
              <Table.Td>
                <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                  {r.title}
                </Text>
                <Text size="xs" c="dimmed">
                  {r.categoryName} · {t(`feedbackStaff.channel.${r.channel}`)}
                  {r.reporterName ? ` · ${r.reporterName}` : ''}
                </Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <StateBadge state={r.state} />
                  <RiskBadges r={r} />
                </Stack>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {r.answerDueDate ? formatDate(r.answerDueDate) : '—'}
                <Text size="xs" c="dimmed">
                  {t('feedbackStaff.field.transferShort', { date: formatDate(r.transferDueDate) })}
                </Text>
              </Table.Td>
              <Table.Td>{r.assigneeName ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
