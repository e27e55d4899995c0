import { Accordion, Badge, Button, Group, NumberInput, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BodyRules } from '../../../common/api/meetings';
import { ErrorAlert } from '../../components/ErrorAlert';
import { type MeetingBody, useSaveBodySettings } from './api';
import { thresholdText } from './format';
import { RuleBadge } from './Marks';

const RULE_KEYS = ['quorum', 'pass', 'dismissal', 'election', 'strictBelow', 'strictPass'] as const;

/** The rules in force for a body, each with its confidence mark ([C] law / [U] configurable default). */
export function RulesTable({ rules }: { rules: BodyRules }) {
  const { t, i18n } = useTranslation();
  return (
    <Table withRowBorders={false} verticalSpacing={4} data-testid="rules-table">
      <Table.Tbody>
        {RULE_KEYS.map((k) => (
          <Table.Tr key={k}>
            <Table.Th scope="row" fw={500} w="45%">
              {t(`meetings.rules.${k}`)}
            </Table.Th>
            <Table.Td>{thresholdText(rules[k].value, i18n.language)}</Table.Td>
            <Table.Td>
              <RuleBadge confidence={rules[k].confidence} source={rules[k].source} />
            </Table.Td>
          </Table.Tr>
        ))}
        <Table.Tr>
          <Table.Th scope="row" fw={500}>
            {t('meetings.rules.chairBreaksTie')}
          </Table.Th>
          <Table.Td>{rules.chairBreaksTie.value ? t('meetings.yes') : t('meetings.no')}</Table.Td>
          <Table.Td>
            <RuleBadge confidence={rules.chairBreaksTie.confidence} source={rules.chairBreaksTie.source} />
          </Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

/** Each body that meets: seats, members today, vacancies and the rules in force; the secretary sets the seats. */
export function BodySettingsPanel({
  communeCode,
  bodies,
  canManage,
}: {
  communeCode: string;
  bodies: MeetingBody[];
  canManage: boolean;
}) {
  const { t } = useTranslation();
  if (bodies.length === 0) return <Text>{t('meetings.bodies.none')}</Text>;
  return (
    <Accordion variant="separated" data-testid="body-settings">
      {bodies.map((b) => (
        <Accordion.Item key={b.bodyId} value={b.bodyId}>
          <Accordion.Control>
            <Group gap="xs">
              <Text fw={600}>{b.name}</Text>
              <Text size="sm" c="dimmed">
                {t('meetings.bodies.summary', {
                  members: b.membersToday,
                  seats: b.seats ?? b.membersToday,
                  vacancies: b.vacancies,
                })}
              </Text>
              {!b.configured && (
                <Badge color="orange" variant="light" size="sm">
                  {t('meetings.bodies.defaults')}
                </Badge>
              )}
            </Group>
          </Accordion.Control>
          <Accordion.Panel>
            <BodySettings communeCode={communeCode} body={b} canManage={canManage} />
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}

function BodySettings({
  communeCode,
  body,
  canManage,
}: {
  communeCode: string;
  body: MeetingBody;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const save = useSaveBodySettings(communeCode);
  const [seats, setSeats] = useState<number | string>(body.seats ?? '');
  return (
    <Stack gap="sm">
      <Text size="sm">
        {t(`meetings.bodyKind.${body.bodyKind}`)} · {t('meetings.bodies.issuer', { issuer: body.issuer })}
      </Text>
      <RulesTable rules={body.rules} />
      {canManage && (
        <Group align="flex-end">
          <NumberInput
            label={t('meetings.bodies.seats')}
            description={t('meetings.bodies.seatsHint')}
            value={seats}
            onChange={setSeats}
            min={1}
            max={500}
            allowDecimal={false}
            w={260}
          />
          <Button
            variant="light"
            loading={save.isPending}
            onClick={() =>
              save.mutate({
                bodyId: body.bodyId,
                seats: typeof seats === 'number' ? seats : null,
                rules: body.overrides,
              })
            }
          >
            {t('meetings.bodies.save')}
          </Button>
          {save.isSuccess && (
            <Text size="sm" c="green.8" role="status">
              {t('meetings.bodies.saved')}
            </Text>
          )}
        </Group>
      )}
      {save.error && <ErrorAlert error={save.error} />}
    </Stack>
  );
}
