import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const KINDS = ['xa', 'phuong', 'dac_khu'] as const;
const SOURCES = ['package', 'resolution', 'admin'] as const;

/** "Xã" / "Phường" / "Đặc khu" (the raw value when unknown). */
export function useKindLabel() {
  const { t } = useTranslation();
  return (kind: string) =>
    (KINDS as readonly string[]).includes(kind) ? t(`kind.${kind as (typeof KINDS)[number]}`) : kind;
}

export function SourceLabel({ source }: { source: string }) {
  const { t } = useTranslation();
  return (SOURCES as readonly string[]).includes(source)
    ? t(`source.${source as (typeof SOURCES)[number]}`)
    : source;
}

/** "Toàn bộ" or "Một phần" — whether the whole former unit went there. */
export function ScopeBadge({ partial }: { partial: boolean }) {
  const { t } = useTranslation();
  return partial ? (
    <Badge color="orange" variant="light">
      {t('common.partial')}
    </Badge>
  ) : (
    <Badge color="teal" variant="light">
      {t('common.whole')}
    </Badge>
  );
}
