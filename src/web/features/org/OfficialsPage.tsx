import { Anchor, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Official } from '../../../common/api/org';
import { Loading } from '../../components/Loading';
import { MorePages } from '../../components/MorePages';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../lib/dates';
import { useSession } from '../auth/session';
import { holdsIn } from '../workspace/access';
import { CommuneHeader } from '../workspace/CommuneHeader';
import { PageError } from '../workspace/PageError';
import { type OfficialStatus, useOfficials } from './api';
import { OFFICIAL_STATUSES, OfficialStatusBadge } from './labels';
import { orgSections } from './sections';

const isStatus = (s: string | null): s is OfficialStatus =>
  !!s && (OFFICIAL_STATUSES as string[]).includes(s);

/** /to-chuc/:communeCode/can-bo — the commune's officials, searched by name with or without diacritics. */
export function OfficialsPage() {
  const { t } = useTranslation();
  usePageTitle(t('org.tabs.officials'));
  const { communeCode = '' } = useParams();
  const user = useSession().data;
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const rawStatus = params.get('trang-thai');
  const status = isStatus(rawStatus) ? rawStatus : undefined;
  const [typed, setTyped] = useState(q);
  const [debounced] = useDebouncedValue(typed, 300);
  const list = useOfficials(communeCode, { q: q || undefined, status });

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
  const canManage = holdsIn(user, 'org.manage', communeCode);
  const officials = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="md">
      <CommuneHeader
        communeCode={communeCode}
        title={t('org.tabs.officials')}
        sections={orgSections(communeCode, canManage)}
        actions={
          canManage && (
            <Button component={Link} to={`/to-chuc/${communeCode}/can-bo/them`}>
              {t('official.add')}
            </Button>
          )
        }
      />
      <Group align="flex-end" gap="sm">
        <TextInput
          label={t('official.search')}
          description={t('map.filterHint')}
          type="search"
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          spellCheck={false}
          autoComplete="off"
          style={{ flex: '1 1 18rem' }}
          maw={420}
        />
        <NativeSelect
          label={t('official.statusFilter')}
          value={status ?? ''}
          onChange={(e) =>
            setParams(
              (p) => {
                const next = new URLSearchParams(p);
                if (e.currentTarget.value) next.set('trang-thai', e.currentTarget.value);
                else next.delete('trang-thai');
                return next;
              },
              { replace: true },
            )
          }
          data={[
            { value: '', label: t('official.allStatuses') },
            ...OFFICIAL_STATUSES.map((s) => ({ value: s, label: t(`official.status.${s}`) })),
          ]}
          w={220}
        />
      </Group>
      {list.isPending ? (
        <Loading />
      ) : officials.length === 0 ? (
        <Text role="status">{q ? t('official.noMatch', { q }) : t('official.none')}</Text>
      ) : (
        <OfficialsTable officials={officials} />
      )}
      <MorePages query={list} />
    </Stack>
  );
}

function OfficialsTable({ officials }: { officials: Official[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover data-testid="officials">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('official.fullName')}</Table.Th>
            <Table.Th scope="col">{t('official.dateOfBirth')}</Table.Th>
            <Table.Th scope="col">{t('official.positions')}</Table.Th>
            <Table.Th scope="col">{t('official.formerUnit')}</Table.Th>
            <Table.Th scope="col">{t('official.statusLabel')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {officials.map((o) => {
            const current = o.positions.filter((p) => p.current);
            return (
              <Table.Tr key={o.id}>
                <Table.Th scope="row" fw={400}>
                  <Anchor component={Link} to={`/can-bo/${o.id}`}>
                    {o.fullName}
                  </Anchor>
                </Table.Th>
                <Table.Td>{formatDate(o.dateOfBirth)}</Table.Td>
                <Table.Td>
                  {current.length === 0
                    ? '—'
                    : current.map((p) => (
                        <Text key={p.id} size="sm">
                          {`${p.title} · ${p.bodyName}`}
                        </Text>
                      ))}
                </Table.Td>
                <Table.Td>{o.formerUnit?.name ?? o.formerDistrictName ?? '—'}</Table.Td>
                <Table.Td>
                  <OfficialStatusBadge status={o.status} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
