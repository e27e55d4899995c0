import { ActionIcon, Button, FileButton, Group, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_FEEDBACK_FILE_BYTES, MAX_FEEDBACK_FILES } from '../../../../common/api/feedback';
import { currentLanguage } from '../../../i18n';
import { formatFileSize } from '../../dossiers/file-size';

/** What the server takes (its content checks decide; these are hints before sending on a slow line). */
export const FEEDBACK_FILE_TYPES: Record<string, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'application/pdf': 'PDF',
};
const EXTENSIONS = /\.(jpe?g|png|pdf)$/i;

/** Why a file cannot be sent, or null. */
export function fileProblem(file: File): 'type' | 'size' | 'empty' | null {
  if (file.size === 0) return 'empty';
  if (!(file.type in FEEDBACK_FILE_TYPES) && !EXTENSIONS.test(file.name)) return 'type';
  if (file.size > MAX_FEEDBACK_FILE_BYTES) return 'size';
  return null;
}

/** Photos and files: picked (or taken with the phone's camera), checked for type and size before sending. */
export function FilePicker({
  files,
  onChange,
  error,
}: {
  files: File[];
  onChange: (files: File[]) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const [refused, setRefused] = useState<string[]>([]);
  const maxSize = formatFileSize(MAX_FEEDBACK_FILE_BYTES, lang);
  const add = (picked: File[]) => {
    const problems: string[] = [];
    const next = [...files];
    for (const f of picked) {
      const problem = fileProblem(f);
      if (problem) problems.push(t(`feedbackPublic.files.${problem}`, { name: f.name, size: maxSize }));
      else if (next.length >= MAX_FEEDBACK_FILES)
        problems.push(t('feedbackPublic.files.tooMany', { name: f.name, max: MAX_FEEDBACK_FILES }));
      else if (!next.some((x) => x.name === f.name && x.size === f.size)) next.push(f);
    }
    setRefused(problems);
    onChange(next);
  };
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {t('feedbackPublic.files.label')}{' '}
        <Text span size="sm" c="dimmed">
          ({t('common.optional')})
        </Text>
      </Text>
      <Text size="xs" c="dimmed">
        {t('feedbackPublic.files.hint', {
          types: Object.values(FEEDBACK_FILE_TYPES).join(', '),
          size: maxSize,
          max: MAX_FEEDBACK_FILES,
        })}
      </Text>
      <Group gap="xs">
        <FileButton onChange={add} multiple accept={Object.keys(FEEDBACK_FILE_TYPES).join(',')}>
          {(props) => (
            <Button
              {...props}
              variant="default"
              size="sm"
              disabled={files.length >= MAX_FEEDBACK_FILES}
              data-testid="feedback-add-file"
            >
              {t('feedbackPublic.files.add')}
            </Button>
          )}
        </FileButton>
      </Group>
      {files.length > 0 && (
        <List size="sm" spacing={4} data-testid="feedback-files" listStyleType="none" withPadding={false}>
          {files.map((f, i) => (
            <List.Item key={`${f.name}:${f.size}`}>
              <Group gap={6} wrap="nowrap">
                <Text size="sm" style={{ overflowWrap: 'anywhere', flex: 1 }}>
                  {f.name} — {formatFileSize(f.size, lang)}
                </Text>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('feedbackPublic.files.remove', { name: f.name })}
                  onClick={() => onChange(files.filter((_, j) => j !== i))}
                >
                  ×
                </ActionIcon>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {refused.map((r) => (
        <Text key={r} size="sm" c="red" role="alert">
          {r}
        </Text>
      ))}
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
