import { Badge, Box, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * The "DIỄN TẬP" band every screen of a rehearsal meeting carries (ux.md: rehearsal data is unmistakable). Large
 * and striped so that a photo of the screen or a printout cannot be mistaken for the real session.
 */
export function RehearsalBanner({ size = 'md' }: { size?: 'md' | 'xl' }) {
  const { t } = useTranslation();
  return (
    <Box
      role="note"
      data-testid="rehearsal-banner"
      py={size === 'xl' ? 'md' : 'xs'}
      px="md"
      style={{
        background: 'repeating-linear-gradient(135deg, #c92a2a 0 24px, #e03131 24px 48px)',
        color: 'white',
        textAlign: 'center',
        borderRadius: 6,
      }}
    >
      <Text fw={900} fz={size === 'xl' ? '3rem' : '1.6rem'} lh={1.1} style={{ letterSpacing: '0.2em' }}>
        {t('meetings.rehearsal.band')}
      </Text>
      <Text fz={size === 'xl' ? '1.4rem' : 'sm'}>{t('meetings.rehearsal.note')}</Text>
    </Box>
  );
}

/** A rule's confidence: [C] confirmed in law (the source named), [U] a configurable default (domain-vn §6). */
export function RuleBadge({ confidence, source }: { confidence: 'C' | 'U'; source?: string }) {
  const { t } = useTranslation();
  const badge =
    confidence === 'U' ? (
      <Badge color="orange" variant="light" data-testid="rule-default">
        {t('meetings.rules.defaultBadge')}
      </Badge>
    ) : (
      <Badge color="teal" variant="light">
        {t('meetings.rules.lawBadge')}
      </Badge>
    );
  return source ? (
    <Tooltip label={source} multiline w={320}>
      {badge}
    </Tooltip>
  ) : (
    badge
  );
}
