import { Anchor, Button, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { MorePages } from '../../components/MorePages';
import { formatDate } from '../../lib/dates';
import { useSession } from '../auth/session';
import { holdsIn } from '../workspace/access';
import { useAcknowledgeDueDateChange, useDueDateChanges } from './api';

/**
 * Top of the queues page, for the counter: the appointments a calendar change has moved (a holiday or make-up
 * day recorded after receipt), with the phone to call, until an officer marks that the applicant was told.
 * Shows nothing when there is nothing to tell, or to those who do not work at the counter.
 */
export function DueDateChangesPanel({ communeCode }: { communeCode: string }) {
  const { t } = useTranslation();
  const user = useSession().data;
  const allowed = holdsIn(user, 'dossier.intake', communeCode);
  const list = useDueDateChanges(communeCode, allowed);
  const acknowledge = useAcknowledgeDueDateChange(communeCode);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  if (!allowed || items.length === 0) return null;

  return (
    <Paper withBorder p="md" radius="md" data-testid="due-date-changes">
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('dueDateChanges.title')}
        </Title>
        <Text size="sm">{t('dueDateChanges.intro')}</Text>
        <Table.ScrollContainer minWidth={760}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('dueDateChanges.code')}</Table.Th>
                <Table.Th scope="col">{t('dueDateChanges.applicant')}</Table.Th>
                <Table.Th scope="col">{t('dueDateChanges.phone')}</Table.Th>
                <Table.Th scope="col">{t('dueDateChanges.change')}</Table.Th>
                <Table.Th scope="col">{t('dueDateChanges.cause')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.id} data-testid="due-date-change">
                  <Table.Th scope="row" fw={400}>
                    <Anchor component={Link} to={`/ho-so/chi-tiet/${c.dossierId}`}>
                      {c.dossierCode}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{c.applicantName}</Table.Td>
                  <Table.Td>
                    <Anchor
                      href={`tel:${c.applicantPhone}`}
                      aria-label={t('dueDateChanges.call', {
                        name: c.applicantName,
                        phone: c.applicantPhone,
                      })}
                    >
                      {c.applicantPhone}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <VisuallyHidden>
                      {t('dueDateChanges.changeLabel', {
                        from: formatDate(c.previousDueDate),
                        to: formatDate(c.newDueDate),
                      })}
                    </VisuallyHidden>
                    <Text span size="sm" aria-hidden>
                      <s>{formatDate(c.previousDueDate)}</s> → <strong>{formatDate(c.newDueDate)}</strong>
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{c.cause}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="light"
                      loading={acknowledge.isPending && acknowledge.variables === c.id}
                      onClick={() => acknowledge.mutate(c.id)}
                    >
                      {t('dueDateChanges.acknowledge')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {acknowledge.isError && <ErrorAlert error={acknowledge.error} />}
        <MorePages query={list} size="xs" />
      </Stack>
    </Paper>
  );
}
