import { List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../dossiers/labels';
import type { FieldChange } from './api';

/** A field value in a "what changed" line: text as it is, yes/no in words, a nested value as compact JSON. */
export function useValueText() {
  const { t } = useTranslation();
  return (value: unknown): string => {
    if (value === undefined || value === null || value === '') return t('catalogue.empty');
    if (typeof value === 'boolean') return value ? t('catalogue.yes') : t('catalogue.no');
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    return JSON.stringify(value);
  };
}

/** "Thời hạn giải quyết (timeLimit.days): 5 → 7", one line per changed field. */
export function ChangeList({ changes }: { changes: FieldChange[] }) {
  const label = useLabel();
  const valueText = useValueText();
  if (changes.length === 0) return null;
  return (
    <List size="sm" spacing={2}>
      {changes.map((c) => (
        <List.Item key={c.path}>
          <Text span size="sm" fw={600}>
            {label(c.label)}
          </Text>{' '}
          <Text span size="xs" c="dimmed" ff="monospace">
            ({c.path})
          </Text>
          :{' '}
          <Text span size="sm" td="line-through" c="dimmed">
            {valueText(c.before)}
          </Text>{' '}
          →{' '}
          <Text span size="sm">
            {valueText(c.after)}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
