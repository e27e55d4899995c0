import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  CopyButton,
  Group,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ResolveCandidate } from './api';
import { describeFormerUnit, newAddress } from './format';
import { SplitTargets } from './SplitTargets';

interface BestCandidateProps {
  best: ResolveCandidate;
  /** When the matched former unit was split: every new unit a part of it went to (the best one included). */
  siblings: ResolveCandidate[];
  street: string | undefined;
  ambiguous: boolean;
}

/** The main answer: the new commune and province, the street kept, the former unit it came from. */
export function BestCandidate({ best, siblings, street, ambiguous }: BestCandidateProps) {
  const { t } = useTranslation();
  const unit = best.matchedFormerUnit;
  const full = newAddress(street, best.commune);

  return (
    <Card withBorder shadow="sm" padding="lg" component="section" data-testid="resolve-best">
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} size="h5" c="dimmed">
            {t('resolver.bestHeading')}
          </Title>
          <Group gap="sm" align="center">
            <Text fz={{ base: 24, sm: 30 }} fw={700} lh={1.2}>
              {best.commune.name}
            </Text>
            {best.partial && (
              <Badge color="orange" variant="filled">
                {t('resolver.partialBadge')}
              </Badge>
            )}
          </Group>
          <Text size="lg">{best.commune.provinceName}</Text>
        </Stack>

        {street && (
          <Paper bg="var(--mantine-color-gray-light)" p="sm">
            <Stack gap={6}>
              <Text size="sm" fw={600}>
                {t('resolver.fullAddress')}
              </Text>
              <Text>{full}</Text>
              <Text size="sm" c="dimmed">
                {t('resolver.streetKept', { street })}
              </Text>
              <CopyButton value={full}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="light" w="fit-content" onClick={copy} aria-live="polite">
                    {copied ? t('resolver.copied') : t('resolver.copy')}
                  </Button>
                )}
              </CopyButton>
            </Stack>
          </Paper>
        )}

        {unit ? (
          <Text>
            {t('resolver.formerUnit')}{' '}
            <Anchor component={Link} to={`/don-vi-cu/${encodeURIComponent(unit.code)}`}>
              {describeFormerUnit(unit)}
            </Anchor>
          </Text>
        ) : (
          <Text>{t('resolver.namedNewUnit')}</Text>
        )}

        {ambiguous && (
          <Alert color="yellow" title={t('resolver.ambiguousTitle')}>
            {t('resolver.ambiguousText')}
          </Alert>
        )}

        {unit && siblings.length > 1 && <SplitTargets unitName={unit.name} targets={siblings} />}

        <Anchor component={Link} to={`/xa/${best.commune.code}`} fw={600}>
          {t('resolver.viewOnMap', { name: best.commune.name })}
        </Anchor>
      </Stack>
    </Card>
  );
}
