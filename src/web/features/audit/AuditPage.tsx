import {
  Anchor,
  Button,
  Code,
  type ComboboxParsedItem,
  Group,
  type OptionsFilter,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { TFunction } from 'i18next';
import { type FormEvent, Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ROLES, type Role } from '../../../common/roles';
import { foldVietnamese } from '../../../common/text';
import { Loading } from '../../components/Loading';
import { LocalizedDates } from '../../components/LocalizedDates';
import { MorePages } from '../../components/MorePages';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime } from '../../lib/datetime';
import { foldedFilter } from '../../lib/foldedFilter';
import { useSession } from '../auth/session';
import { DateField } from '../calendar/DateField';
import { holdsAnywhere } from '../workspace/access';
import { useCommuneInfo, useCurrentCommune } from '../workspace/communes';
import { PageError } from '../workspace/PageError';
import { Refusal } from '../workspace/Refusal';
import {
  ACTION_GROUPS,
  ANONYMOUS_ACTOR,
  AUDIT_ACTIONS,
  type AuditFilter,
  type AuditRow,
  actionGroup,
  actionKey,
  ENTITY_TYPES,
  isKnownAction,
  isKnownEntityType,
  useAuditEntries,
} from './api';
import { auditDiff, formatValue } from './diff';

/** The URL's query names for each filter (shareable, kept on reload). */
const PARAMS: Record<keyof AuditFilter, string> = {
  communeCode: 'xa',
  actor: 'nguoi',
  action: 'hanh-dong',
  entityType: 'loai',
  entityId: 'ma',
  from: 'tu',
  to: 'den',
};
const KEYS = Object.keys(PARAMS) as (keyof AuditFilter)[];

function filterFrom(params: URLSearchParams): AuditFilter {
  const f: AuditFilter = {};
  for (const k of KEYS) {
    const v = params.get(PARAMS[k])?.trim();
    if (v) f[k] = v;
  }
  return f;
}

/** /nhat-ky — the audit log within the viewer's rights: who changed what, when, before and after. */
export function AuditPage() {
  const { t } = useTranslation();
  usePageTitle(t('audit.title'));
  const user = useSession().data;
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const entries = useAuditEntries(filter);

  if (!holdsAnywhere(user, 'audit.read')) return <Refusal />;
  if (entries.isError && !entries.data)
    return (
      <PageError
        error={entries.error}
        communeCode={filter.communeCode}
        onRetry={() => void entries.refetch()}
      />
    );
  const items = entries.data?.pages.flatMap((p) => p.items) ?? [];

  const apply = (next: AuditFilter) => {
    const p = new URLSearchParams();
    for (const k of KEYS) if (next[k]) p.set(PARAMS[k], next[k]);
    setParams(p);
  };

  return (
    <LocalizedDates>
      <Stack gap="md">
        <Title order={1}>{t('audit.title')}</Title>
        <Text>{t('audit.intro')}</Text>
        <Filters key={params.toString()} initial={filter} onApply={apply} />
        {entries.isPending ? (
          <Loading />
        ) : items.length === 0 ? (
          <Text role="status">{t('audit.none')}</Text>
        ) : (
          <EntriesTable items={items} />
        )}
        <MorePages query={entries} />
      </Stack>
    </LocalizedDates>
  );
}

function Filters({ initial, onApply }: { initial: AuditFilter; onApply: (f: AuditFilter) => void }) {
  const { t } = useTranslation();
  const { mine } = useCurrentCommune();
  const [f, setF] = useState<AuditFilter>(initial);
  const set = (k: keyof AuditFilter) => (v: string | null) =>
    setF((all) => ({ ...all, [k]: v ?? undefined }));
  const badOrder = !!f.from && !!f.to && f.from > f.to;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!badOrder) onApply(f);
  };
  const communes = mine.communes.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }));

  return (
    <Paper withBorder p="md" component="form" onSubmit={onSubmit} noValidate aria-label={t('audit.filters')}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          {mine.any ? (
            <TextInput
              label={t('common.commune')}
              description={t('audit.communeCodeHint')}
              value={f.communeCode ?? ''}
              onChange={(e) => set('communeCode')(e.currentTarget.value)}
              inputMode="numeric"
              maxLength={5}
            />
          ) : (
            <Select
              label={t('common.commune')}
              data={communes}
              value={f.communeCode ?? null}
              onChange={set('communeCode')}
              placeholder={t('audit.allCommunes')}
              searchable
              clearable
              filter={foldedFilter}
            />
          )}
          <TextInput
            label={t('audit.actor')}
            description={t('audit.actorHint')}
            value={f.actor ?? ''}
            onChange={(e) => set('actor')(e.currentTarget.value)}
            autoCapitalize="none"
            spellCheck={false}
          />
          <Select
            label={t('audit.action')}
            description={t('audit.actionHint')}
            data={actionOptions(t, f.action)}
            value={f.action ?? null}
            onChange={set('action')}
            placeholder={t('audit.any')}
            searchable
            clearable
            filter={groupedFoldedFilter}
            maxDropdownHeight={360}
          />
          <Select
            label={t('audit.entityType')}
            data={ENTITY_TYPES.map((e) => ({ value: e, label: t(`audit.entities.${e}`) }))}
            value={f.entityType ?? null}
            onChange={set('entityType')}
            placeholder={t('audit.any')}
            searchable
            clearable
            filter={foldedFilter}
          />
          <TextInput
            label={t('audit.entityId')}
            value={f.entityId ?? ''}
            onChange={(e) => set('entityId')(e.currentTarget.value)}
            spellCheck={false}
          />
          <Group gap="sm" grow align="flex-start">
            <DateField label={t('audit.from')} value={f.from ?? null} onChange={set('from')} clearable />
            <DateField
              label={t('audit.to')}
              value={f.to ?? null}
              onChange={set('to')}
              clearable
              error={badOrder ? t('calendarAdmin.rangeOrder') : undefined}
            />
          </Group>
        </SimpleGrid>
        <Group>
          <Button type="submit">{t('audit.apply')}</Button>
          <Button
            variant="default"
            onClick={() => {
              setF({});
              onApply({});
            }}
          >
            {t('audit.clear')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** The folded filter (without diacritics) through groups: a group whose name matches keeps all its actions. */
const groupedFoldedFilter: OptionsFilter<string> = ({ options, search }) => {
  const needle = foldVietnamese(search);
  const out: ComboboxParsedItem[] = [];
  for (const o of options) {
    if ('group' in o) {
      const items = foldVietnamese(String(o.group)).includes(needle)
        ? o.items
        : o.items.filter((i) => foldVietnamese(i.label).includes(needle));
      if (items.length) out.push({ ...o, items });
    } else if (foldVietnamese(o.label).includes(needle)) out.push(o);
  }
  return out;
};

/**
 * The action filter's choices, by module: each group starts with "every … action" (the API matches the beginning of
 * the code). A value from the URL that is no known action (another prefix) stays selectable as it is.
 */
function actionOptions(t: TFunction, current: string | undefined) {
  const groups = ACTION_GROUPS.map((g) => ({
    group: t(`audit.groups.${g}`),
    items: AUDIT_ACTIONS.filter((a) => actionGroup(a) === g).map((a) => ({
      value: a,
      label: t(`audit.actions.${actionKey(a)}`),
    })),
  }));
  if (current && !isKnownAction(current))
    return [{ group: t('audit.groups.other'), items: [{ value: current, label: current }] }, ...groups];
  return groups;
}

/** The commune's name (one cached look-up per commune), its code under it. */
function CommuneName({ code }: { code: string }) {
  const commune = useCommuneInfo(code);
  return (
    <>
      <Text size="sm">{commune.data?.name ?? code}</Text>
      {commune.data && (
        <Text size="xs" c="dimmed">
          {code}
        </Text>
      )}
    </>
  );
}

function ActionLabel({ action }: { action: string }) {
  const { t } = useTranslation();
  if (isKnownAction(action)) return t(`audit.actions.${actionKey(action)}`);
  const group = actionGroup(action);
  return group ? `${t(`audit.groups.${group}`)}: ${action.slice(group.length + 1)}` : action;
}

/** Who acted: the account, or — for a write from the public pages — the applicant (công dân). */
function ActorName({ entry: e }: { entry: AuditRow }) {
  const { t } = useTranslation();
  if (e.actorName !== ANONYMOUS_ACTOR) return e.actorName;
  return e.entityType === 'dossier' ? t('audit.applicant') : t('audit.anonymous');
}

/** What was changed: its kind, and its readable name (a dossier's code, linked to the dossier) or its id. */
function EntityCell({ entry: e }: { entry: AuditRow }) {
  const { t } = useTranslation();
  const kind = isKnownEntityType(e.entityType) ? t(`audit.entities.${e.entityType}`) : e.entityType;
  return (
    <>
      <Text size="sm">{kind}</Text>
      {e.entityLabel && e.entityType === 'dossier' ? (
        <Anchor
          component={Link}
          to={`/ho-so/chi-tiet/${e.entityId}`}
          size="sm"
          ff="monospace"
          title={e.entityId}
        >
          {e.entityLabel}
        </Anchor>
      ) : (
        <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
          {e.entityLabel ?? e.entityId}
        </Text>
      )}
    </>
  );
}

function RolesLabel({ roles }: { roles: string | null }) {
  const { t } = useTranslation();
  if (!roles) return null;
  return roles
    .split(',')
    .map((r) => ((ROLES as readonly string[]).includes(r) ? t(`roles.${r as Role}`) : r))
    .join(', ');
}

function EntriesTable({ items }: { items: AuditRow[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<number | null>(null);
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table striped data-testid="audit-entries">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('audit.at')}</Table.Th>
            <Table.Th scope="col">{t('audit.actor')}</Table.Th>
            <Table.Th scope="col">{t('common.commune')}</Table.Th>
            <Table.Th scope="col">{t('audit.action')}</Table.Th>
            <Table.Th scope="col">{t('audit.entity')}</Table.Th>
            <Table.Th scope="col">{t('audit.details')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e) => {
            const expanded = open === e.id;
            const detailsId = `audit-${e.id}`;
            return (
              <Fragment key={e.id}>
                <Table.Tr data-testid="audit-row" data-action={e.action}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      <ActorName entry={e} />
                    </Text>
                    <Text size="xs" c="dimmed">
                      <RolesLabel roles={e.actorRole} />
                    </Text>
                  </Table.Td>
                  <Table.Td>{e.communeCode ? <CommuneName code={e.communeCode} /> : '—'}</Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      <ActionLabel action={e.action} />
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {e.action}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <EntityCell entry={e} />
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      aria-expanded={expanded}
                      aria-controls={detailsId}
                      onClick={() => setOpen(expanded ? null : e.id)}
                    >
                      {expanded ? t('audit.hide') : t('audit.show')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
                {expanded && (
                  <Table.Tr id={detailsId}>
                    <Table.Td colSpan={6}>
                      <EntryDetails entry={e} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function EntryDetails({ entry: e }: { entry: AuditRow }) {
  const { t } = useTranslation();
  const changes = auditDiff(e.before, e.after);
  const words = { none: '—', yes: t('audit.yes'), no: t('audit.no') };
  const json = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v, null, 2));
  return (
    <Stack gap="xs" data-testid="audit-details">
      {changes.length === 0 ? (
        <Text size="sm">{t('audit.noChanges')}</Text>
      ) : (
        <Table withTableBorder data-testid="audit-diff" aria-label={t('audit.changes')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w="30%">
                {t('audit.field')}
              </Table.Th>
              <Table.Th scope="col">{t('audit.before')}</Table.Th>
              <Table.Th scope="col" w={32} aria-hidden>
                {' '}
              </Table.Th>
              <Table.Th scope="col">{t('audit.after')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changes.map((c) => (
              <Table.Tr key={c.path}>
                <Table.Td ff="monospace" fz="xs" style={{ wordBreak: 'break-all' }}>
                  {c.path || '—'}
                </Table.Td>
                <Table.Td style={{ wordBreak: 'break-word' }}>
                  <Text size="sm" c={c.before === undefined ? 'dimmed' : undefined}>
                    {formatValue(c.before, words)}
                  </Text>
                </Table.Td>
                <Table.Td w={32} aria-hidden>
                  →
                </Table.Td>
                <Table.Td style={{ wordBreak: 'break-word' }}>
                  <Text size="sm" fw={500}>
                    {formatValue(c.after, words)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <details>
        <summary>
          <Text span size="xs">
            {t('audit.raw')}
          </Text>
        </summary>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" mt="xs">
          <Code block style={{ maxHeight: 360, overflow: 'auto' }}>
            {json(e.before)}
          </Code>
          <Code block style={{ maxHeight: 360, overflow: 'auto' }}>
            {json(e.after)}
          </Code>
        </SimpleGrid>
      </details>
      <Text size="xs" c="dimmed">
        {t('audit.request', { id: e.requestId ?? '—', address: e.clientAddress ?? '—' })}
      </Text>
    </Stack>
  );
}
