import { Button, Card, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { usePageTitle } from '../../components/usePageTitle';
import { ResolveForm } from '../address/ResolveForm';

const SECTIONS = [
  { to: '/dia-chi', title: 'home.resolverTitle', text: 'home.resolverText' },
  { to: '/ban-do', title: 'home.mapTitle', text: 'home.mapText' },
  { to: '/lich', title: 'home.calendarTitle', text: 'home.calendarText' },
] as const;

export function HomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  usePageTitle(t('app.tagline'));
  return (
    <Stack gap="xl">
      <Stack gap="sm">
        <Title order={1}>{t('home.title')}</Title>
        <Text size="lg">{t('home.lead')}</Text>
        <Text>{t('home.body')}</Text>
      </Stack>
      <Paper withBorder p="lg" bg="var(--mantine-color-blue-light)">
        <Title order={2} size="h3" mb="sm">
          {t('home.quickTitle')}
        </Title>
        <ResolveForm onSubmit={(q) => void navigate(`/dia-chi?${new URLSearchParams({ q })}`)} />
      </Paper>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {SECTIONS.map((s) => (
          <Card key={s.to} withBorder padding="lg">
            <Stack gap="sm" h="100%">
              <Title order={2} size="h3">
                {t(s.title)}
              </Title>
              <Text size="sm" style={{ flexGrow: 1 }}>
                {t(s.text)}
              </Text>
              <Button component={Link} to={s.to} variant="light" w="fit-content">
                {t(s.title)}
              </Button>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
