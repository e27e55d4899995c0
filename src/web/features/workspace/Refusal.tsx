import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../components/usePageTitle';
import { useCommuneInfo } from './communes';

/**
 * What a user sees on a commune or a record they have no rights in (the API answered 403 or 404): a plain
 * refusal and a way back, never a blank page or a raw error. Nothing of the commune's records is shown.
 */
export function Refusal({ communeCode }: { communeCode?: string }) {
  const { t } = useTranslation();
  const commune = useCommuneInfo(communeCode);
  usePageTitle(t('refusal.title'));
  const name = commune.data?.name;
  return (
    <Stack gap="md" maw={640} data-testid="refusal">
      <Title order={1}>{t('refusal.title')}</Title>
      <Alert color="orange" role="alert">
        <Stack gap="xs">
          <Text>{name ? t('refusal.commune', { name }) : t('refusal.record')}</Text>
          <Text size="sm">{t('refusal.help')}</Text>
        </Stack>
      </Alert>
      <Group>
        <Button component={Link} to="/lam-viec">
          {t('refusal.back')}
        </Button>
        <Button component={Link} to="/" variant="default">
          {t('notFound.home')}
        </Button>
      </Group>
    </Stack>
  );
}
