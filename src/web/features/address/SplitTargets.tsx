import { Alert, Anchor, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ResolveCandidate } from './api';
import { percent } from './format';

/** "Một phần": the old unit was split; the address is in one of these new units. */
export function SplitTargets({ unitName, targets }: { unitName: string; targets: ResolveCandidate[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Alert color="orange" title={t('resolver.partialTitle', { unit: unitName })}>
      <Text size="sm" mb="xs">
        {t('resolver.partialText', { unit: unitName })}
      </Text>
      <List size="sm" spacing={4}>
        {targets.map((c) => (
          <List.Item key={c.commune.code}>
            <Anchor component={Link} to={`/xa/${c.commune.code}`} fw={600}>
              {c.commune.name}
            </Anchor>
            {`, ${c.commune.provinceName} · `}
            {t('common.confidence', { value: percent(c.confidence, i18n.language) })}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
