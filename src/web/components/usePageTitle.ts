import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the browser tab's title: "<page> · XãSố". */
export function usePageTitle(title: string | undefined) {
  const { t } = useTranslation();
  const suffix = t('title.suffix');
  useEffect(() => {
    document.title = title ? `${title} · ${suffix}` : suffix;
  }, [title, suffix]);
}
