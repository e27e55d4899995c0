import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ChecklistAnswer, DossierChecklist } from '../../../common/api/dossier-checklist';
import { DOCUMENT_FORM_LABELS } from '../../../common/api/procedures';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useLabel } from './labels';

const COLOR: Record<ChecklistAnswer, string> = {
  received: 'green',
  not_applicable: 'gray',
  missing: 'orange',
};

function useDossierChecklist(dossierId: string) {
  return useQuery({
    queryKey: ['dossier-checklist', dossierId],
    queryFn: ({ signal }) =>
      api<DossierChecklist>(`/api/v1/dossiers/${encodeURIComponent(dossierId)}/checklist`, { signal }),
    staleTime: 5 * 60_000,
  });
}

/**
 * Thành phần hồ sơ on the dossier page: every required document of the procedure version the dossier was received
 * under, with the answer given at intake — received, not applicable, missing — whichever channel filed it.
 */
export function ChecklistPanel({ dossierId, channel }: { dossierId: string; channel: 'counter' | 'online' }) {
  const { t } = useTranslation();
  const label = useLabel();
  const checklist = useDossierChecklist(dossierId);
  const items = checklist.data?.items ?? [];
  const count = (a: ChecklistAnswer) => items.filter((i) => i.answer === a).length;
  return (
    <Paper withBorder p="md" data-testid="checklist-panel">
      <Group justify="space-between" align="baseline" mb="xs">
        <Title order={2} size="h4">
          {t('intake.answers.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t(channel === 'online' ? 'intake.answers.online' : 'intake.answers.counter')}
          {checklist.data &&
            ` · ${t('intake.answers.summary', {
              received: count('received'),
              na: count('not_applicable'),
              missing: count('missing'),
            })}`}
        </Text>
      </Group>
      {checklist.isPending ? (
        <Loading />
      ) : checklist.isError ? (
        <ErrorAlert error={checklist.error} onRetry={() => void checklist.refetch()} />
      ) : (
        <Table>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={item.index} data-answer={item.answer}>
                <Table.Td>
                  <Stack gap={2}>
                    <Text size="sm">{`${item.index + 1}. ${item.name}`}</Text>
                    <Text size="xs" c="dimmed">
                      {t('intake.docCount', {
                        form: label(DOCUMENT_FORM_LABELS[item.form]),
                        count: item.count,
                      })}
                    </Text>
                    {item.note && (
                      <Text size="xs" c="blue.8" fs="italic">
                        {item.note}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td w={150} ta="right">
                  <Badge color={COLOR[item.answer]} variant="light">
                    {t(`intake.answer.${item.answer}`)}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
