import { Alert, Anchor, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

const KNOWN_REASONS = ['empty_query', 'no_match', 'ward_missing'] as const;
type KnownReason = (typeof KNOWN_REASONS)[number];

function isKnown(reason: string | undefined): reason is KnownReason {
  return (KNOWN_REASONS as readonly (string | undefined)[]).includes(reason);
}

/** Nothing found: say why, and what to try next. */
export function EmptyResult({ reason }: { reason: string | undefined }) {
  const { t } = useTranslation();
  return (
    <Alert color="yellow" title={t('resolver.empty.title')} role="status" data-testid="resolve-empty">
      <Text size="sm" mb="xs">
        {t(`resolver.empty.${isKnown(reason) ? reason : 'no_match'}`)}
      </Text>
      <Text size="sm">{t('resolver.empty.tryTitle')}</Text>
      <List size="sm">
        <List.Item>{t('resolver.empty.tryWard')}</List.Item>
        <List.Item>{t('resolver.empty.tryContext')}</List.Item>
        <List.Item>{t('resolver.empty.trySpelling')}</List.Item>
        <List.Item>
          <Anchor component={Link} to="/ban-do" size="sm">
            {t('resolver.empty.tryMap')}
          </Anchor>
        </List.Item>
      </List>
    </Alert>
  );
}
