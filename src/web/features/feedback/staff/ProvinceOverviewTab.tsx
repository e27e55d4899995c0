import { Anchor, Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { Loading } from '../../../components/Loading';
import { formatDate } from '../../../lib/dates';
import type { ProvinceFeedbackTabProps } from '../ProvinceFeedbackPage';
import { useProvinceFeedbackOverview } from '../staff-api';

/** Every commune of the province, the ones that need help first: escalated to the province, overdue, open. */
export function ProvinceOverviewTab({ provinceCode }: ProvinceFeedbackTabProps) {
  const { t } = useTranslation();
  const overview = useProvinceFeedbackOverview(provinceCode);
  if (overview.isPending) return <Loading />;
  if (overview.isError) return <ErrorAlert error={overview.error} onRetry={() => void overview.refetch()} />;
  const rows = [...overview.data.communes].sort(
    (a, b) =>
      b.escalatedToProvince - a.escalatedToProvince ||
      b.overdue - a.overdue ||
      b.escalatedToLeader - a.escalatedToLeader ||
      b.open - a.open ||
      a.communeName.localeCompare(b.communeName, 'vi'),
  );
  return (
    <>
      <Text size="sm" c="dimmed" mb="xs">
        {t('feedbackStaff.province.asOf', { date: formatDate(overview.data.asOf) })}
      </Text>
      <Table.ScrollContainer minWidth={640}>
        <Table striped highlightOnHover data-testid="province-overview">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('feedbackStaff.province.commune')}</Table.Th>
              <Table.Th scope="col">{t('feedbackStaff.province.open')}</Table.Th>
              <Table.Th scope="col">{t('feedbackStaff.province.overdue')}</Table.Th>
              <Table.Th scope="col">{t('feedbackStaff.escalated.leader')}</Table.Th>
              <Table.Th scope="col">{t('feedbackStaff.escalated.province')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => (
              <Table.Tr key={c.communeCode} data-testid="province-overview-row">
                <Table.Th scope="row" fw={400}>
                  <Anchor component={Link} to={`/xu-ly-phan-anh/${c.communeCode}`}>
                    {c.communeName}
                  </Anchor>
                </Table.Th>
                <Table.Td>{c.open}</Table.Td>
                <Table.Td>
                  {c.overdue > 0 ? (
                    <Anchor component={Link} to={`/xu-ly-phan-anh/${c.communeCode}?han=qua-han`}>
                      <Badge color="red">{c.overdue}</Badge>
                    </Anchor>
                  ) : (
                    0
                  )}
                </Table.Td>
                <Table.Td>
                  {c.escalatedToLeader > 0 ? <Badge color="orange">{c.escalatedToLeader}</Badge> : 0}
                </Table.Td>
                <Table.Td>
                  {c.escalatedToProvince > 0 ? <Badge color="red">{c.escalatedToProvince}</Badge> : 0}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
