import { Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CccdLine, parseCccdLine } from './format';

/**
 * The line a USB scanner types from the QR code of a chip-based ID card (CCCD), or that a citizen pastes: once it
 * reads, `onRead` fills the applicant's name, ID number and address. Enter does not submit the surrounding form.
 */
export function CccdLineField({
  label,
  description,
  onRead,
}: {
  label: string;
  description: string;
  onRead: (card: CccdLine) => void;
}) {
  const { t } = useTranslation();
  const [line, setLine] = useState('');
  const [state, setState] = useState<'filled' | 'invalid' | null>(null);
  const read = (text: string) => {
    setLine(text);
    if (!text.includes('|')) return setState(null);
    const card = parseCccdLine(text);
    if (!card) return setState('invalid');
    onRead(card);
    setState('filled');
  };
  return (
    <>
      <TextInput
        label={label}
        description={description}
        value={line}
        onChange={(e) => read(e.currentTarget.value)}
        onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
        autoComplete="off"
        spellCheck={false}
        error={state === 'invalid' ? t('intake.cccdInvalid') : undefined}
      />
      {state === 'filled' && (
        <Text size="sm" c="green" role="status">
          {t('intake.cccdFilled')}
        </Text>
      )}
    </>
  );
}
