import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loading } from '../../components/Loading';
import { MorePages } from '../../components/MorePages';
import { usePageTitle } from '../../components/usePageTitle';
import { CommuneHeader } from '../workspace/CommuneHeader';
import { PageError } from '../workspace/PageError';
import { useWorkload } from './api';
import { assignSections } from './parts';

/** /phan-cong/:communeCode/khoi-luong — per official: areas in charge, as deputy, and the counters. */
export function WorkloadPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('assign.tabs.workload'));
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const { communeCode = '' } = useParams();
  const query = useWorkload(communeCode);

  if (query.isError && !query.data)
    return <PageError error={query.error} communeCode={communeCode} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Loading />;
  const rows = query.data.pages.flatMap((p) => p.items);
  // The counters other modules add (open dossiers …) come with their own labels.
  const counters = rows[0]?.counters ?? [];

  return (
    <Stack gap="md">
      <CommuneHeader
        communeCode={communeCode}
        title={t('assign.tabs.workload')}
        sections={assignSections(communeCode)}
      />
      <Text size="sm" c="dimmed">
        {t('assign.workloadIntro')}
      </Text>
      {rows.length === 0 ? (
        <Text>{t('official.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover data-testid="workload">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('assign.official')}</Table.Th>
                <Table.Th scope="col">{t('assign.inChargeOf')}</Table.Th>
                <Table.Th scope="col">{t('assign.deputyOf')}</Table.Th>
                {counters.map((c) => (
                  <Table.Th key={c.key} scope="col" ta="right">
                    {c.label[lang]}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.official.id}>
                  <Table.Th scope="row" fw={400}>
                    <Anchor component={Link} to={`/can-bo/${r.official.id}`}>
                      {r.official.fullName}
                    </Anchor>
                    {r.official.titles.length > 0 && (
                      <Text size="xs" c="dimmed">
                        {r.official.titles.join(', ')}
                      </Text>
                    )}
                  </Table.Th>
                  <Table.Td>{r.inCharge.map((a) => a.label).join('; ') || '—'}</Table.Td>
                  <Table.Td>{r.deputy.map((a) => a.label).join('; ') || '—'}</Table.Td>
                  {counters.map((c) => (
                    <Table.Td key={c.key} ta="right">
                      {r.counters.find((x) => x.key === c.key)?.value ?? 0}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <MorePages query={query} />
    </Stack>
  );
}
