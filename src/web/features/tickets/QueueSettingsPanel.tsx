import {
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError, fieldError } from '../../components/FormError';
import { type QueueConsole, useQueueActions, useQueueConfig } from './api';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

/**
 * The leader's (or an administrator's) settings of the commune's queue: service groups (the letter that starts
 * their numbers), counters and the groups each serves, and whether priority numbers are called first.
 */
export function QueueSettingsPanel({ console: d }: { console: QueueConsole }) {
  const { t } = useTranslation();
  const config = useQueueConfig();
  const { setPriorityFirst } = useQueueActions(d.communeCode);
  const free = LETTERS.filter((l) => !d.groups.some((g) => g.letter === l));
  const [picked, setLetter] = useState<string | null>(null);
  // A letter just taken (by this form or another leader) moves on to the next free one.
  const letter = picked && free.includes(picked) ? picked : (free[0] ?? null);
  const [name, setName] = useState('');
  const [names, setNames] = useState<Record<string, string>>({});
  const nextNumber = Math.max(0, ...d.counters.map((c) => c.number)) + 1;
  const [counterNumber, setCounterNumber] = useState<number | string>(nextNumber);
  const [counterGroups, setCounterGroups] = useState<string[]>([]);
  const error =
    config.createGroup.error ??
    config.updateGroup.error ??
    config.createCounter.error ??
    config.updateCounter.error;
  const groupLabel = (id: string) => {
    const g = d.groups.find((x) => x.id === id);
    return g ? `${g.letter} — ${g.name}` : id;
  };

  return (
    <Card
      withBorder
      padding="lg"
      component="section"
      aria-labelledby="queue-settings"
      data-testid="queue-settings"
    >
      <Stack gap="md">
        <Title order={2} size="h3" id="queue-settings">
          {t('tickets.settings.title')}
        </Title>
        <Switch
          checked={d.priorityFirst}
          onChange={(e) => setPriorityFirst.mutate(e.currentTarget.checked)}
          label={t('tickets.console.priorityFirstSwitch')}
          description={t('tickets.settings.priorityNote')}
          data-testid="console-priority-first"
        />
        <Title order={3} size="h4">
          {t('tickets.settings.groups')}
        </Title>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('tickets.settings.letter')}</Table.Th>
              <Table.Th scope="col">{t('tickets.settings.name')}</Table.Th>
              <Table.Th scope="col">{t('tickets.settings.active')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.groups.map((g) => (
              <Table.Tr key={g.id}>
                <Table.Th scope="row">{g.letter}</Table.Th>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <TextInput
                      aria-label={t('tickets.settings.nameOf', { letter: g.letter })}
                      value={names[g.id] ?? g.name}
                      onChange={(e) => setNames((n) => ({ ...n, [g.id]: e.currentTarget.value }))}
                      style={{ flex: 1 }}
                    />
                    {names[g.id] !== undefined && names[g.id] !== g.name && (
                      <Button
                        size="xs"
                        onClick={() =>
                          config.updateGroup.mutate(
                            { id: g.id, name: names[g.id] ?? g.name },
                            {
                              onSuccess: () => setNames(({ [g.id]: _, ...rest }) => rest),
                            },
                          )
                        }
                      >
                        {t('tickets.settings.save')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Switch
                    aria-label={t('tickets.settings.activeOf', { letter: g.letter })}
                    checked={g.active}
                    onChange={(e) => config.updateGroup.mutate({ id: g.id, active: e.currentTarget.checked })}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group align="flex-end" gap="sm">
          <Select
            label={t('tickets.settings.letter')}
            data={free}
            value={letter}
            onChange={setLetter}
            w={90}
            error={fieldError(config.createGroup.error, 'letter')}
          />
          <TextInput
            label={t('tickets.settings.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(config.createGroup.error, 'name')}
          />
          <Button
            variant="light"
            disabled={!letter || !name.trim()}
            loading={config.createGroup.isPending}
            onClick={() =>
              letter &&
              config.createGroup.mutate(
                { communeCode: d.communeCode, letter, name: name.trim() },
                { onSuccess: () => setName('') },
              )
            }
          >
            {t('tickets.settings.addGroup')}
          </Button>
        </Group>
        <Title order={3} size="h4">
          {t('tickets.settings.counters')}
        </Title>
        {d.counters.map((c) => (
          <Group key={c.id} gap="md" align="center" wrap="wrap">
            <Text fw={600} w={80}>
              {c.name}
            </Text>
            <Checkbox.Group
              aria-label={t('tickets.settings.groupsOf', { counter: c.name })}
              value={c.groupIds}
              onChange={(groupIds) => groupIds.length && config.updateCounter.mutate({ id: c.id, groupIds })}
            >
              <Group gap="sm">
                {d.groups.map((g) => (
                  <Checkbox key={g.id} value={g.id} label={g.letter} />
                ))}
              </Group>
            </Checkbox.Group>
            <Switch
              label={t('tickets.settings.active')}
              checked={c.active}
              onChange={(e) => config.updateCounter.mutate({ id: c.id, active: e.currentTarget.checked })}
            />
          </Group>
        ))}
        <Group align="flex-end" gap="sm">
          <NumberInput
            label={t('tickets.settings.counterNumber')}
            value={counterNumber}
            onChange={setCounterNumber}
            min={1}
            max={99}
            w={120}
            error={fieldError(config.createCounter.error, 'number')}
          />
          <Checkbox.Group
            label={t('tickets.settings.serves')}
            value={counterGroups}
            onChange={setCounterGroups}
          >
            <Group gap="sm" mt={6}>
              {d.groups.map((g) => (
                <Checkbox key={g.id} value={g.id} label={groupLabel(g.id)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Button
            variant="light"
            disabled={counterGroups.length === 0 || !Number(counterNumber)}
            loading={config.createCounter.isPending}
            onClick={() =>
              config.createCounter.mutate(
                { communeCode: d.communeCode, number: Number(counterNumber), groupIds: counterGroups },
                {
                  onSuccess: () => {
                    setCounterGroups([]);
                    setCounterNumber(Number(counterNumber) + 1);
                  },
                },
              )
            }
          >
            {t('tickets.settings.addCounter')}
          </Button>
        </Group>
        {error && (
          <FormError error={error} shown={(f) => ['body.letter', 'body.name', 'body.number'].includes(f)} />
        )}
      </Stack>
    </Card>
  );
}
