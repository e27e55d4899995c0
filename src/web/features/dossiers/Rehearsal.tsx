import { Badge, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/datetime';

/** The red of every DIỄN TẬP mark (the slips' band uses the same). */
export const REHEARSAL_COLOR = 'red.8';

/** "DIỄN TẬP" beside a code: a mock dossier of a trial day (archived at cutover when `archivedAt`). */
export function RehearsalBadge({ archivedAt = null }: { archivedAt?: string | null }) {
  const { t } = useTranslation();
  return (
    <Badge
      color="red"
      variant="filled"
      radius="sm"
      style={{ flexShrink: 0 }}
      data-testid="rehearsal-badge"
      title={t('rehearsal.band')}
    >
      {archivedAt ? t('rehearsal.badgeArchived') : t('rehearsal.badge')}
    </Badge>
  );
}

/**
 * The band across a screen that shows a mock dossier (or a counter in rehearsal mode): red, full width, the words
 * DIỄN TẬP first, so a screenshot or a printout never passes for an official record.
 */
export function RehearsalBand({ text, archivedAt = null }: { text?: string; archivedAt?: string | null }) {
  const { t } = useTranslation();
  return (
    <Paper
      bg={REHEARSAL_COLOR}
      c="white"
      px="md"
      py="xs"
      radius="sm"
      role="note"
      data-testid="rehearsal-band"
      style={{
        backgroundImage:
          'repeating-linear-gradient(135deg, transparent 0 14px, rgba(255,255,255,0.08) 14px 28px)',
      }}
    >
      <Text fw={700} size="md" style={{ letterSpacing: '0.02em' }}>
        {text ?? t('rehearsal.band')}
      </Text>
      {archivedAt && (
        <Text size="sm" mt={2}>
          {t('rehearsal.archivedNote', { at: formatDateTime(archivedAt) })}
        </Text>
      )}
    </Paper>
  );
}
