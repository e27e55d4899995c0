import {
  Accordion,
  Badge,
  Button,
  Group,
  NumberInput,
  Select,
  Stack,
  Switch,
  Table,
  Text,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BodyRules, RuleOverrides, Threshold } from '../../../common/api/meetings';
import { ApiError } from '../../api/client';
import { FormError } from '../../components/FormError';
import { type MeetingBody, useSaveBodySettings } from './api';
import { fieldErrorOf } from './errors';
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
  const [rules, setRules] = useState<RuleOverrides>(body.overrides);
  const editable = RULE_KEYS.filter((k) => body.rules[k].confidence === 'U');
  const tieEditable = body.rules.chairBreaksTie.confidence === 'U';
  return (
    <Stack gap="sm">
      <Text size="sm">
        {t(`meetings.bodyKind.${body.bodyKind}`)} · {t('meetings.bodies.issuer', { issuer: body.issuer })}
      </Text>
      <RulesTable rules={body.rules} />
      {canManage && (
        <>
          <NumberInput
            label={t('meetings.bodies.seats')}
            description={t('meetings.bodies.seatsHint')}
            value={seats}
            onChange={setSeats}
            min={1}
            max={500}
            allowDecimal={false}
            w={260}
            error={fieldErrorOf(save.error, 'seats')}
          />
          {(editable.length > 0 || tieEditable) && (
            <Stack gap="xs" data-testid="rule-overrides">
              <Text fw={600} size="sm">
                {t('meetings.bodies.overridesTitle')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('meetings.bodies.overridesHint')}
              </Text>
              {editable.map((k) => (
                <ThresholdEditor
                  key={k}
                  name={k}
                  value={rules[k] ?? body.rules[k].value}
                  overridden={!!rules[k]}
                  savedOverride={!!body.overrides[k]}
                  error={ruleError(save.error, k)}
                  onChange={(v) => setRules((r) => ({ ...r, [k]: v }))}
                  onReset={() =>
                    setRules((r) => {
                      const { [k]: _, ...rest } = r;
                      return rest;
                    })
                  }
                />
              ))}
              {tieEditable && (
                <Group gap="sm">
                  <Switch
                    label={t('meetings.rules.chairBreaksTie')}
                    checked={rules.chairBreaksTie ?? body.rules.chairBreaksTie.value}
                    onChange={(e) => {
                      const checked = e.currentTarget.checked;
                      setRules((r) => ({ ...r, chairBreaksTie: checked }));
                    }}
                    error={ruleError(save.error, 'chairBreaksTie')}
                  />
                  {rules.chairBreaksTie !== undefined && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() =>
                        setRules((r) => {
                          const { chairBreaksTie: _, ...rest } = r;
                          return rest;
                        })
                      }
                    >
                      {t('meetings.bodies.reset')}
                    </Button>
                  )}
                </Group>
              )}
            </Stack>
          )}
          <Group>
            <Button
              variant="light"
              loading={save.isPending}
              onClick={() =>
                save.mutate({
                  bodyId: body.bodyId,
                  seats: typeof seats === 'number' ? seats : null,
                  rules,
                })
              }
              data-testid="body-save"
            >
              {t('meetings.bodies.save')}
            </Button>
            {save.isSuccess && (
              <Text size="sm" c="green.8" role="status">
                {t('meetings.bodies.saved')}
              </Text>
            )}
          </Group>
        </>
      )}
      {!!save.error && (
        <FormError
          error={save.error}
          shown={(f) => f === 'body.seats' || f.startsWith('body.rules.')}
          about={(f) => {
            const k = RULE_KEYS.find((r) => f.startsWith(`body.rules.${r}`));
            return k ? t(`meetings.rules.${k}`) : undefined;
          }}
        />
      )}
    </Stack>
  );
}

/** The server's message about one rule ('body.rules.quorum' or one of its parts, 'body.rules.quorum.numerator'). */
function ruleError(error: unknown, key: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.errors.find((e) => e.field === `body.rules.${key}` || e.field.startsWith(`body.rules.${key}.`))
    ?.message;
}

function ThresholdEditor({
  name,
  value,
  overridden,
  savedOverride,
  error,
  onChange,
  onReset,
}: {
  name: (typeof RULE_KEYS)[number];
  value: Threshold;
  overridden: boolean;
  savedOverride: boolean;
  error: string | undefined;
  onChange: (v: Threshold) => void;
  onReset: () => void;
}) {
  const { t } = useTranslation();
  const label = t(`meetings.rules.${name}`);
  const num = (v: number | string) => (typeof v === 'number' ? v : Number.parseInt(v, 10) || 0);
  return (
    <Stack gap={2} data-testid={`rule-${name}`}>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <Select
          label={label}
          data={[
            { value: 'at_least', label: t('meetings.bodies.atLeast') },
            { value: 'more_than', label: t('meetings.bodies.moreThan') },
          ]}
          value={value.comparison}
          onChange={(v) =>
            v && onChange({ ...value, comparison: v === 'more_than' ? 'more_than' : 'at_least' })
          }
          allowDeselect={false}
          w={300}
          maw="100%"
        />
        <NumberInput
          aria-label={t('meetings.bodies.numerator', { rule: label })}
          value={value.numerator}
          onChange={(v) => onChange({ ...value, numerator: num(v) })}
          allowDecimal={false}
          w={80}
        />
        <Text pb={6}>/</Text>
        <NumberInput
          aria-label={t('meetings.bodies.denominator', { rule: label })}
          value={value.denominator}
          onChange={(v) => onChange({ ...value, denominator: num(v) })}
          allowDecimal={false}
          w={80}
        />
        {overridden ? (
          <Button
            size="compact-sm"
            variant="subtle"
            mb={4}
            onClick={onReset}
            data-testid={`rule-${name}-reset`}
          >
            {t('meetings.bodies.reset')}
          </Button>
        ) : (
          <Badge variant="light" color="gray" mb={6}>
            {savedOverride ? t('meetings.bodies.defaultAfterSave') : t('meetings.bodies.isDefault')}
          </Badge>
        )}
      </Group>
      {error && (
        <Text size="xs" c="red.7" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
