import { Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="sm" py="md" role="status">
      <Loader size="sm" />
      <Text size="sm">{label ?? t('common.loading')}</Text>
    </Group>
  );
}
