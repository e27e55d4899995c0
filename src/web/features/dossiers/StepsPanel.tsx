import { Badge, Paper, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/dates';
import type { DossierView } from './api';
import { LATENESS_COLOR } from './format';

/** The procedure's steps with each one's own due date: done, current (with its warning) or still to come. */
export function StepsPanel({ dossier: d }: { dossier: DossierView }) {
  const { t } = useTranslation();
  if (!d.steps.length) return null;
  const warning = d.stepWarning;
  const warningLevel = warning?.level === 'on_time' ? null : (warning?.level ?? null);
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        {t('dossier.steps.title')}
      </Title>
      {warning && warningLevel && (
        <Text c={LATENESS_COLOR[warningLevel]} fw={600} mb="xs" data-testid="step-warning">
          {t(`dossier.steps.warning.${warningLevel}`, {
            step: warning.name,
            date: formatDate(warning.dueDate),
          })}
        </Text>
      )}
      <Table.ScrollContainer minWidth={520}>
        <Table data-testid="steps">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dossier.steps.step')}</Table.Th>
              <Table.Th>{t('dossier.steps.handler')}</Table.Th>
              <Table.Th>{t('dossier.steps.due')}</Table.Th>
              <Table.Th>{t('dossier.steps.state')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.steps.map((s) => (
              <Table.Tr key={s.index} fw={s.state === 'current' ? 600 : undefined}>
                <Table.Td>{s.name}</Table.Td>
                <Table.Td>{s.body ?? t(`dossier.steps.role.${s.handlerRole}`)}</Table.Td>
                <Table.Td>{formatDate(s.dueDate)}</Table.Td>
                <Table.Td>
                  {s.state === 'current' && s.level ? (
                    <Badge color={LATENESS_COLOR[s.level]} variant="light">
                      {t(`dossier.lateness.${s.level}`)}
                    </Badge>
                  ) : (
                    t(`dossier.steps.stateName.${s.state}`)
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
