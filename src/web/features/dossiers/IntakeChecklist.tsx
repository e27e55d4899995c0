import { Button, Group, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChecklistAnswer } from '../../../common/api/dossier-checklist';
import { DOCUMENT_FORM_LABELS, type RequiredDocument } from '../../../common/api/procedures';
import { useLabel } from './labels';

/** The counter's answer for each required document, by index; a document not answered is missing. */
export type IntakeAnswers = Readonly<Record<number, ChecklistAnswer>>;

/** The documents the answers leave missing (indexes of the procedure's required documents). */
export function missingIndexes(documents: readonly RequiredDocument[], answers: IntakeAnswers): number[] {
  return documents.flatMap((_, i) => ((answers[i] ?? 'missing') === 'missing' ? [i] : []));
}

/**
 * Thành phần hồ sơ at the counter: each required document received, not applicable to this case (its condition
 * note from the catalogue beside it), or missing. One radio group per document: Tab moves between documents,
 * the arrow keys choose; "all received" answers a routine intake in one key.
 */
export function IntakeChecklist({
  documents,
  answers,
  onChange,
}: {
  documents: readonly RequiredDocument[];
  answers: IntakeAnswers;
  onChange: (answers: IntakeAnswers) => void;
}) {
  const { t } = useTranslation();
  const label = useLabel();
  const missing = missingIndexes(documents, answers);
  const allReceived = () => onChange(Object.fromEntries(documents.map((_, i) => [i, 'received'])));
  return (
    <Paper withBorder p="md" data-testid="intake-checklist">
      <Group justify="space-between" align="flex-start" mb="xs">
        <Stack gap={2}>
          <Title order={2} size="h4">
            {t('intake.checklist')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('intake.checklistHint')}
          </Text>
        </Stack>
        <Button variant="light" size="xs" onClick={allReceived}>
          {t('intake.allReceived')}
        </Button>
      </Group>
      <Stack gap={0}>
        {documents.map((doc, i) => {
          const answer = answers[i] ?? 'missing';
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: the checklist is addressed by index
            <div key={i} data-testid="intake-document" data-answer={answer}>
              <Radio.Group
                label={`${i + 1}. ${doc.name}`}
                description={
                  <>
                    {t('intake.docCount', { form: label(DOCUMENT_FORM_LABELS[doc.form]), count: doc.count })}
                    {doc.note && (
                      <Text component="span" size="xs" c="blue.8" fs="italic" display="block">
                        {doc.note}
                      </Text>
                    )}
                  </>
                }
                value={answer}
                onChange={(v) => onChange({ ...answers, [i]: v as ChecklistAnswer })}
                py="xs"
                style={{ borderTop: i ? '1px solid var(--mantine-color-default-border)' : undefined }}
              >
                <Group gap="lg" mt={6}>
                  <Radio value="received" label={t('intake.answer.received')} color="green" />
                  <Radio value="not_applicable" label={t('intake.answer.not_applicable')} color="gray" />
                  <Radio value="missing" label={t('intake.answer.missing')} color="orange" />
                </Group>
              </Radio.Group>
            </div>
          );
        })}
      </Stack>
      {missing.length > 0 && (
        <Text size="sm" c="orange.8" mt="sm" role="status" data-testid="intake-missing">
          {t('intake.missing', { count: missing.length })}
        </Text>
      )}
    </Paper>
  );
}
