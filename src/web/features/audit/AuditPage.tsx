import {
  Button,
  Code,
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
import { type FormEvent, Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { AuditEntry } from '../../../common/api/auth';
import { ROLES, type Role } from '../../../common/roles';
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
  AUDIT_ACTIONS,
  type AuditFilter,
  actionKey,
  ENTITY_TYPES,
  isKnownAction,
  isKnownEntityType,
  useAuditEntries,
} from './api';

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
            data={AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`audit.actions.${actionKey(a)}`) }))}
            value={f.action ?? null}
            onChange={set('action')}
            placeholder={t('audit.any')}
            searchable
            clearable
            filter={foldedFilter}
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
  return isKnownAction(action) ? t(`audit.actions.${actionKey(action)}`) : action;
}

function RolesLabel({ roles }: { roles: string | null }) {
  const { t } = useTranslation();
  if (!roles) return null;
  return roles
    .split(',')
    .map((r) => ((ROLES as readonly string[]).includes(r) ? t(`roles.${r as Role}`) : r))
    .join(', ');
}

function EntriesTable({ items }: { items: AuditEntry[] }) {
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
                    <Text size="sm">{e.actorName}</Text>
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
                    <Text size="sm">
                      {isKnownEntityType(e.entityType) ? t(`audit.entities.${e.entityType}`) : e.entityType}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
                      {e.entityId}
                    </Text>
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

function EntryDetails({ entry: e }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const json = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v, null, 2));
  return (
    <Stack gap="xs" data-testid="audit-details">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('audit.before')}
          </Text>
          <Code block style={{ maxHeight: 360, overflow: 'auto' }}>
            {json(e.before)}
          </Code>
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('audit.after')}
          </Text>
          <Code block style={{ maxHeight: 360, overflow: 'auto' }}>
            {json(e.after)}
          </Code>
        </Stack>
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('audit.request', { id: e.requestId ?? '—', address: e.clientAddress ?? '—' })}
      </Text>
    </Stack>
  );
}
