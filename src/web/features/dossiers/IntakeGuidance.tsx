import { Alert, Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * An incomplete dossier at the counter: nothing is filed; the citizen takes the supplement-guidance slip (phiếu
 * hướng dẫn bổ sung, hoàn thiện hồ sơ) naming exactly the missing documents, printed from the PDF the server made.
 */
export function IntakeGuidance({
  pdf,
  missing,
  onBack,
  onNext,
}: {
  pdf: Blob;
  /** Names of the missing documents, as the slip lists them. */
  missing: string[];
  /** Back to the form as filled (the citizen had the document after all). */
  onBack: () => void;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  const url = useMemo(() => URL.createObjectURL(pdf), [pdf]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <Stack gap="md" maw={900}>
      <Title order={1}>{t('intake.guidance.title')}</Title>
      <Alert color="orange" role="status" data-testid="intake-guidance">
        <Stack gap={4}>
          <Text fw={600}>{t('intake.guidance.notFiled', { count: missing.length })}</Text>
          <List size="sm">
            {missing.map((name) => (
              <List.Item key={name}>{name}</List.Item>
            ))}
          </List>
        </Stack>
      </Alert>
      <Group>
        <Button component="a" href={url} target="_blank" rel="noopener" autoFocus>
          {t('intake.guidance.print')}
        </Button>
        <Button variant="default" onClick={onBack}>
          {t('intake.guidance.back')}
        </Button>
        <Button variant="subtle" onClick={onNext}>
          {t('intake.next')}
        </Button>
      </Group>
    </Stack>
  );
}
