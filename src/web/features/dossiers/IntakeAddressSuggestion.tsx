import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useResolve } from '../address/api';
import { addressSuggestion } from './intake-address';

/**
 * Beside the address read from a CCCD (usually the pre-2025 one): the address resolver's new commune, which the
 * officer accepts with one button (the street part kept). A split former unit is never accepted for them: its
 * parts are shown as choices, to be asked of the citizen. Hidden once the officer typed another address.
 */
export function IntakeAddressSuggestion({
  cardAddress,
  current,
  onAccept,
}: {
  /** The address as read from the card; null when nothing was read. */
  cardAddress: string | null;
  /** The address field now. */
  current: string;
  onAccept: (address: string) => void;
}) {
  const { t } = useTranslation();
  const resolved = useResolve(cardAddress ?? '');
  if (!cardAddress) return null;
  const suggestion = addressSuggestion(resolved.data);
  if (!suggestion) return null;
  const options = suggestion.kind === 'whole' ? [suggestion] : suggestion.options;
  const accepted = options.find((o) => o.address === current.trim());
  if (accepted) {
    return (
      <Text size="sm" c="green.8" role="status" data-testid="address-accepted">
        {t('intake.address.accepted', { unit: suggestion.formerUnit, commune: accepted.commune.name })}
      </Text>
    );
  }
  if (current.trim() !== cardAddress.trim()) return null;

  if (suggestion.kind === 'whole') {
    return (
      <Alert color="blue" variant="light" data-testid="address-suggestion" title={t('intake.address.title')}>
        <Stack gap={6}>
          <Text size="sm">
            {t('intake.address.whole', { unit: suggestion.formerUnit, commune: suggestion.commune.name })}
          </Text>
          <Text fw={600}>{suggestion.address}</Text>
          <Button size="xs" w="fit-content" onClick={() => onAccept(suggestion.address)}>
            {t('intake.address.accept')}
          </Button>
        </Stack>
      </Alert>
    );
  }
  return (
    <Alert color="orange" variant="light" data-testid="address-suggestion" title={t('intake.address.title')}>
      <Stack gap={6}>
        <Text size="sm">
          {suggestion.split
            ? t('intake.address.split', { unit: suggestion.formerUnit })
            : t('intake.address.ambiguous', { unit: suggestion.formerUnit })}
        </Text>
        <Group gap="xs">
          {suggestion.options.map((o) => (
            <Button
              key={o.commune.code}
              size="xs"
              variant="default"
              onClick={() => onAccept(o.address)}
              aria-label={t('intake.address.choose', { commune: o.commune.name, address: o.address })}
            >
              {o.commune.name}
            </Button>
          ))}
        </Group>
      </Stack>
    </Alert>
  );
}
