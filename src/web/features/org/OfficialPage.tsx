import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Official } from '../../../common/api/org';
import { Loading } from '../../components/Loading';
import { LocalizedDates } from '../../components/LocalizedDates';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDate } from '../../lib/dates';
import { useSession } from '../auth/session';
import { holdsIn } from '../workspace/access';
import { CommuneHeader } from '../workspace/CommuneHeader';
import { useRememberCommune } from '../workspace/communes';
import { PageError } from '../workspace/PageError';
import { AddPositionForm } from './AddPositionForm';
import { useOfficial } from './api';
import { EndPositionButton } from './EndPositionButton';
import { OfficialStatusBadge } from './labels';
import { orgSections } from './sections';

/** /can-bo/:id — an official: details, the former unit they came from, positions held and held before. */
export function OfficialPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const user = useSession().data;
  const query = useOfficial(id);
  const official = query.data;
  useRememberCommune(official?.communeCode);
  usePageTitle(official?.fullName ?? t('official.title'));

  if (query.isError) return <PageError error={query.error} onRetry={() => void query.refetch()} />;
  if (!official) return <Loading />;
  const code = official.communeCode;
  const canManage = holdsIn(user, 'org.manage', code);

  return (
    <LocalizedDates>
      <Stack gap="lg">
        <CommuneHeader
          communeCode={code}
          title={official.fullName}
          sections={orgSections(code, canManage)}
          actions={<OfficialStatusBadge status={official.status} />}
        />
        <Details official={official} />
        <Stack gap="sm" component="section" aria-labelledby="positions-heading">
          <Title order={2} size="h3" id="positions-heading">
            {t('official.positions')}
          </Title>
          <Positions official={official} canManage={canManage} />
        </Stack>
        {canManage && official.status === 'active' && <AddPositionForm official={official} />}
      </Stack>
    </LocalizedDates>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="div">{children}</Text>
    </Stack>
  );
}

function Details({ official }: { official: Official }) {
  const { t } = useTranslation();
  const unit = official.formerUnit;
  return (
    <Paper withBorder p="lg" component="section" aria-label={t('official.details')}>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
        <Fact label={t('official.dateOfBirth')}>{formatDate(official.dateOfBirth)}</Fact>
        <Fact label={t('official.gender')}>{t(`official.genders.${official.gender}`)}</Fact>
        <Fact label={t('official.phone')}>{official.phone ?? '—'}</Fact>
        <Fact label={t('official.email')}>{official.email ?? '—'}</Fact>
        <Fact label={t('official.formerUnit')}>
          {unit ? (
            <Anchor component={Link} to={`/don-vi-cu/${encodeURIComponent(unit.code)}`}>
              {unit.name ?? unit.code}
            </Anchor>
          ) : (
            (official.formerDistrictName ?? '—')
          )}
        </Fact>
        <Fact label={t('official.updatedAt')}>{formatDate(official.updatedAt.slice(0, 10))}</Fact>
      </SimpleGrid>
    </Paper>
  );
}

function Positions({ official, canManage }: { official: Official; canManage: boolean }) {
  const { t } = useTranslation();
  if (official.positions.length === 0) return <Text>{t('official.noPositions')}</Text>;
  const positions = [...official.positions].sort(
    (a, b) => Number(b.current) - Number(a.current) || b.startDate.localeCompare(a.startDate),
  );
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped data-testid="positions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('official.positionTitle')}</Table.Th>
            <Table.Th scope="col">{t('official.body')}</Table.Th>
            <Table.Th scope="col">{t('official.startDate')}</Table.Th>
            <Table.Th scope="col">{t('official.endDate')}</Table.Th>
            <Table.Th scope="col">{t('official.statusLabel')}</Table.Th>
            {canManage && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {positions.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Th scope="row" fw={500}>
                {p.title}
              </Table.Th>
              <Table.Td>{p.bodyName}</Table.Td>
              <Table.Td>{formatDate(p.startDate)}</Table.Td>
              <Table.Td>{p.endDate ? formatDate(p.endDate) : '—'}</Table.Td>
              <Table.Td>
                <Badge variant="light" w="max-content" color={p.current ? 'teal' : 'gray'}>
                  {p.current ? t('official.held') : t('official.ended')}
                </Badge>
              </Table.Td>
              {canManage && (
                <Table.Td>
                  {p.current && !p.endDate && (
                    <Group gap="xs">
                      <EndPositionButton position={p} />
                    </Group>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
