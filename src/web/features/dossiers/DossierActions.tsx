import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OFFICIAL_ACTIONS } from '../../../common/api/dossiers';
import { type Action, ActionDialog } from './ActionDialog';
import type { DossierView } from './api';

const isAction = (a: string): a is Action => (OFFICIAL_ACTIONS as readonly string[]).includes(a);

/** One button per action the caller may take now; each opens its dialog (confirmation, fields, comment). */
export function DossierActions({ dossier: d }: { dossier: DossierView }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<Action | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const actions = d.nextActions.filter(isAction);
  const level = d.lateness?.level;
  const apologyDue =
    actions.includes('record_apology') &&
    !d.countsAsLate &&
    (level === 'overdue' || level === 'due_today' || level === 'due_soon');

  const choose = (action: Action) => {
    setDone(null);
    setChosen(action);
  };

  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {t('dossier.actionsTitle')}
      </Title>
      <Stack gap="sm">
        {apologyDue && level && (
          <Alert color={level === 'overdue' ? 'red' : 'orange'} data-testid="apology-prompt">
            <Group justify="space-between" gap="xs">
              <Text size="sm">{t(`dossier.apologyPrompt.${level}`)}</Text>
              <Button size="xs" color="red" variant="light" onClick={() => choose('record_apology')}>
                {t('dossier.apologyPrompt.button')}
              </Button>
            </Group>
          </Alert>
        )}
        {actions.length === 0 ? (
          <Text size="sm">{t('dossier.noActions')}</Text>
        ) : (
          <Group gap="xs">
            {actions.map((a) => (
              <Button key={a} variant={chosen === a ? 'filled' : 'light'} onClick={() => choose(a)}>
                {t(`dossier.action.${a}`)}
              </Button>
            ))}
          </Group>
        )}
        {done && (
          <Alert color="green" role="status">
            {done}
          </Alert>
        )}
      </Stack>
      <ActionDialog
        dossier={d}
        action={chosen}
        onClose={() => setChosen(null)}
        onDone={(action) => {
          setChosen(null);
          setDone(t('dossier.done', { action: t(`dossier.action.${action}`) }));
        }}
      />
    </Paper>
  );
}
