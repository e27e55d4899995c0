import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ResolveCandidate } from './api';
import { describeFormerUnit, percent } from './format';

export function OtherCandidates({ candidates }: { candidates: ResolveCandidate[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="sm" component="section">
      <Title order={2} size="h3">
        {t('resolver.othersHeading')}
      </Title>
      <SimpleGrid
        cols={{ base: 1, sm: 2 }}
        spacing="sm"
        component="ul"
        style={{ listStyle: 'none', padding: 0 }}
      >
        {candidates.map((c) => (
          <Paper key={c.commune.code} withBorder p="md" component="li">
            <Stack gap={4}>
              <Group gap="xs">
                <Anchor component={Link} to={`/xa/${c.commune.code}`} fw={700}>
                  {c.commune.name}
                </Anchor>
                {c.partial && (
                  <Badge color="orange" variant="light">
                    {t('resolver.partialBadge')}
                  </Badge>
                )}
              </Group>
              <Text size="sm">{c.commune.provinceName}</Text>
              {c.matchedFormerUnit && (
                <Text size="sm" c="dimmed">
                  {t('resolver.from', { unit: describeFormerUnit(c.matchedFormerUnit) })}
                </Text>
              )}
              <Text size="sm">{t('common.confidence', { value: percent(c.confidence, i18n.language) })}</Text>
            </Stack>
          </Paper>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
