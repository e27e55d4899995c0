import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { MAX_FEEDBACK_PLACE } from '../../../../common/api/feedback';
import { useResolve } from '../../address/api';

export interface ResolvedCommune {
  code: string;
  name: string;
  provinceCode: string;
  provinceName: string;
}

/**
 * Where it happens, as the citizen says it ("thôn 3, xã Kỳ Tân, huyện Kỳ Anh" — old addresses too): the address
 * resolver's new communes are offered under the box, one tap chooses the commune the report goes to.
 */
export function PlaceField({
  value,
  onChange,
  communeCode,
  onCommune,
  takesReports,
  error,
}: {
  value: string;
  onChange: (text: string) => void;
  /** The commune chosen now (its suggestion is shown as chosen). */
  communeCode: string | null;
  onCommune: (commune: ResolvedCommune) => void;
  /** The communes that take reports in XãSố (the others are named, not offered). */
  takesReports: (code: string) => boolean;
  error?: string;
}) {
  const { t } = useTranslation();
  const [q] = useDebouncedValue(value.trim(), 400);
  const resolved = useResolve(q.length >= 4 ? q : '');
  const seen = new Set<string>();
  const candidates = (resolved.data?.candidates ?? [])
    .filter((c) => !seen.has(c.commune.code) && seen.add(c.commune.code))
    .slice(0, 4);
  return (
    <Stack gap={6}>
      <TextInput
        label={t('feedbackPublic.submit.place')}
        description={t('feedbackPublic.submit.placeHint')}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        maxLength={MAX_FEEDBACK_PLACE}
        autoComplete="street-address"
        error={error}
        data-testid="feedback-place"
      />
      {candidates.length > 0 && (
        <Stack gap={4} data-testid="feedback-place-suggestions">
          <Text size="sm" c="dimmed">
            {t('feedbackPublic.submit.placeSuggest')}
          </Text>
          <Group gap={6}>
            {candidates.map((c) => {
              const former = c.matchedFormerUnit;
              const chosen = c.commune.code === communeCode;
              const text = `${c.commune.name}, ${c.commune.provinceName}${
                former
                  ? ` — ${t(c.partial ? 'feedbackPublic.submit.fromPart' : 'feedbackPublic.submit.fromWhole', { unit: former.name })}`
                  : ''
              }`;
              if (!takesReports(c.commune.code))
                return (
                  <Text key={c.commune.code} size="sm" c="dimmed" data-testid="feedback-place-inactive">
                    {t('feedbackPublic.submit.notInXaso', { commune: text })}
                  </Text>
                );
              return (
                <Button
                  key={c.commune.code}
                  size="compact-sm"
                  variant={chosen ? 'filled' : 'light'}
                  onClick={() => onCommune(c.commune)}
                  aria-pressed={chosen}
                  styles={{ root: { height: 'auto', minHeight: 30 }, label: { whiteSpace: 'normal' } }}
                >
                  {text}
                </Button>
              );
            })}
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
