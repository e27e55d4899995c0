import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeLanguage, type Language } from '../i18n';

/** One button naming the other language in that language (the way people look for it). */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const target = t('language.otherCode') as Language;
  return (
    <Button
      variant="default"
      size="sm"
      lang={target}
      aria-label={t('language.switchAria')}
      onClick={() => void changeLanguage(target)}
    >
      {t('language.other')}
    </Button>
  );
}
