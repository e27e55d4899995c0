import { Checkbox, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_PERMISSIONS } from '../../../../common/permissions';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { formatDate, todayInVietnam } from '../../../lib/dates';
import { useSession } from '../../auth/session';
import type { ProvinceTabProps } from '../ProvinceCampaignPage';
import { OverdueFilter, RecStatusCategoryFilters } from '../parts';
import { RecDue, RecommendationDrawer, RecStatusBadge, RecTitle } from '../RecommendationDrawer';
import { useProvinceRecommendations } from '../recs-api';
import { useProvinceCommunes } from '../trials-api';

/**
 * Kiến nghị của xã: the province's inbox (receive, assign, answer), waiting ones first, overdue ones in red; a
 * department handler sees only what is assigned to them.
 */
export function RecommendationsInbox({ provinceCode }: ProvinceTabProps) {
  const { t } = useTranslation();
  const user = useSession().data;
  const isOfficer = !!user?.roles.some(
    (g) =>
      !g.communeCode &&
      (g.role === 'system_admin' ||
        (g.provinceCode === provinceCode && ROLE_PERMISSIONS[g.role]?.includes('campaign.province'))),
  );
  const [status, setStatus] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [commune, setCommune] = useState<string | null>(null);
  const [overdue, setOverdue] = useState(false);
  const [mine, setMine] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const communes = useProvinceCommunes(provinceCode);
  const list = useProvinceRecommendations(provinceCode, {
    status: status ?? undefined,
    category: category ?? undefined,
    commune: commune ?? undefined,
    overdue: overdue ? 'true' : undefined,
    mine: mine ? 'true' : undefined,
  });
  const items = list.data?.items ?? [];
  const overdueCount = items.filter((r) => r.overdue).length;
  return (
    <Stack data-testid="recs-inbox">
      <Text c="dimmed" size="sm">
        {isOfficer ? t('campaignRecs.inboxIntro') : t('campaignRecs.handlerIntro')}
      </Text>
      <Group>
        <RecStatusCategoryFilters
          status={status}
          onStatus={setStatus}
          category={category}
          onCategory={setCategory}
        />
        <Select
          placeholder={t('campaignRecs.filters.commune')}
          aria-label={t('campaignRecs.filters.commune')}
          data={(communes.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))}
          value={commune}
          onChange={setCommune}
          searchable
          clearable
        />
        <OverdueFilter checked={overdue} onChange={setOverdue} />
        {isOfficer ? (
          <Checkbox
            label={t('campaignRecs.filters.mine')}
            checked={mine}
            onChange={(e) => setMine(e.currentTarget.checked)}
          />
        ) : null}
      </Group>
      {overdueCount > 0 ? (
        <Text c="red" fw={600} size="sm">
          {t('campaignRecs.overdueCount', { n: overdueCount })}
        </Text>
      ) : null}
      {list.isPending ? <Loading /> : null}
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {list.data && items.length === 0 ? <Text c="dimmed">{t('campaignRecs.empty')}</Text> : null}
      {items.length > 0 ? (
        <Table.ScrollContainer minWidth={800}>
          <Table highlightOnHover data-testid="recs-inbox-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('campaignRecs.commune')}</Table.Th>
                <Table.Th>{t('campaignRecs.title')}</Table.Th>
                <Table.Th>{t('campaignRecs.categoryLabel')}</Table.Th>
                <Table.Th>{t('campaignRecs.sentAt')}</Table.Th>
                <Table.Th>{t('campaignRecs.statusLabel')}</Table.Th>
                <Table.Th>{t('campaignRecs.due')}</Table.Th>
                <Table.Th>{t('campaignRecs.department')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr
                  key={r.id}
                  onClick={() => setSelected(r.id)}
                  style={{ cursor: 'pointer' }}
                  bg={r.overdue ? 'var(--mantine-color-red-0)' : undefined}
                  data-testid="recs-inbox-row"
                >
                  <Table.Td>{r.communeName ?? r.communeCode}</Table.Td>
                  <Table.Td>
                    <RecTitle rec={r} />
                  </Table.Td>
                  <Table.Td>{t(`campaignRecs.category.${r.category}`)}</Table.Td>
                  <Table.Td>{formatDate(todayInVietnam(new Date(r.sentAt)))}</Table.Td>
                  <Table.Td style={{ minWidth: 170 }}>
                    <RecStatusBadge status={r.status} />
                  </Table.Td>
                  <Table.Td>
                    <RecDue rec={r} />
                  </Table.Td>
                  <Table.Td>
                    {r.department ?? '—'}
                    {r.assigneeName ? (
                      <Text size="xs" c="dimmed">
                        {r.assigneeName}
                      </Text>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <RecommendationDrawer id={selected} provinceCode={provinceCode} onClose={() => setSelected(null)} />
    </Stack>
  );
}
