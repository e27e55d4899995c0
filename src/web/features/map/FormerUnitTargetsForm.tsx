import {
  Alert,
  Button,
  Checkbox,
  Group,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormerUnitDetail } from '../../../common/api/units';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormerUnitCorrection } from './api';

interface Row {
  key: number;
  communeCode: string;
  partial: boolean;
}

const MAX_ROWS = 10;
const CODE = /^\d{5}$/;

/** Whether the server named row i's commune code as the bad input (its message is shown below the form). */
function rowRefused(error: unknown, i: number): boolean {
  return error instanceof ApiError && error.errors.some((e) => e.field === `body.targets.${i}.communeCode`);
}

function toRows(unit: FormerUnitDetail): Row[] {
  return unit.targets.map((target, i) => ({
    key: i,
    communeCode: target.commune.code,
    partial: target.partial,
  }));
}

/** System administrators: correct the new communes a former unit went to (overrides package/resolution data). */
export function FormerUnitTargetsForm({ unit }: { unit: FormerUnitDetail }) {
  const { t } = useTranslation();
  const headingId = useId();
  const { save, clear } = useFormerUnitCorrection(unit.code);
  const [rows, setRows] = useState<Row[]>(() => toRows(unit));
  const [note, setNote] = useState('');
  const [checked, setChecked] = useState(false);
  const corrected = unit.targets.some((target) => target.source === 'admin');

  const update = (key: number, patch: Partial<Row>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const addRow = () =>
    setRows((all) => [
      ...all,
      { key: Math.max(-1, ...all.map((r) => r.key)) + 1, communeCode: '', partial: true },
    ]);

  const valid =
    rows.length > 0 && rows.every((r) => CODE.test(r.communeCode.trim())) && note.trim().length >= 3;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    clear.reset();
    if (!valid) return;
    save.mutate({
      targets: rows.map((r) => ({ communeCode: r.communeCode.trim(), partial: r.partial })),
      note: note.trim(),
    });
  };

  return (
    <Paper withBorder p="lg" mt="lg" component="section" aria-labelledby={headingId}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id={headingId}>
            {t('correction.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('correction.intro')}
          </Text>
          {rows.map((row, i) => (
            <Group key={row.key} align="flex-end" gap="sm">
              <TextInput
                label={t('correction.communeCode', { n: i + 1 })}
                description={t('correction.communeCodeHint')}
                value={row.communeCode}
                onChange={(e) => update(row.key, { communeCode: e.currentTarget.value })}
                inputMode="numeric"
                maxLength={5}
                w={280}
                error={
                  (checked && !CODE.test(row.communeCode.trim()) ? t('correction.invalidCode') : undefined) ??
                  rowRefused(save.error, i)
                }
              />
              <Checkbox
                label={t('correction.partial')}
                checked={row.partial}
                onChange={(e) => update(row.key, { partial: e.currentTarget.checked })}
                mb={10}
              />
              <Button
                variant="subtle"
                color="red"
                onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}
                disabled={rows.length === 1}
              >
                {t('correction.removeRow', { n: i + 1 })}
              </Button>
            </Group>
          ))}
          <Button variant="default" onClick={addRow} disabled={rows.length >= MAX_ROWS} w="fit-content">
            {t('correction.addRow')}
          </Button>
          <Textarea
            label={t('correction.note')}
            description={t('correction.noteHint')}
            required
            autosize
            minRows={2}
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={checked && note.trim().length < 3 ? t('correction.noteRequired') : undefined}
          />
          {save.isError && <ErrorAlert error={save.error} />}
          {clear.isError && <ErrorAlert error={clear.error} />}
          {(save.isSuccess || clear.isSuccess) && (
            <Alert color="green" role="status">
              {t('common.saved')}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('correction.save')}
            </Button>
            {corrected && (
              <Button
                variant="default"
                loading={clear.isPending}
                onClick={() => {
                  save.reset();
                  clear.mutate(undefined, { onSuccess: (detail) => setRows(toRows(detail)) });
                }}
              >
                {t('correction.clear')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
