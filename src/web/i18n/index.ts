/** i18next set-up: Vietnamese first, English second; the choice is remembered and mirrored in <html lang>. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import enJson from './en.json';
import vi from './vi.json';

/** English must have every key Vietnamese has (checked by the compiler here and by i18n.test.ts). */
const en: typeof vi = enJson;

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'xaso.lang';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage may be unavailable (private mode): fall back to Vietnamese.
  }
  return 'vi';
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'vi';
}

export function changeLanguage(language: Language): Promise<unknown> {
  return i18n.changeLanguage(language);
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered, but still switched.
  }
});

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'vi',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  initAsync: false,
});
document.documentElement.lang = currentLanguage();

export default i18n;
