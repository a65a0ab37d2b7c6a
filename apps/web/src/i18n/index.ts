import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from './zh-CN.json';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The API keeps a user's language as 'zh' or 'en' (their notification preference). */
export function languageFromPreference(preference: string | null | undefined): Language {
  return preference === 'en' ? 'en' : 'zh-CN';
}
export function preferenceFromLanguage(language: Language): 'zh' | 'en' {
  return language === 'en' ? 'en' : 'zh';
}

declare global {
  interface Window {
    /** Keys asked for but missing from a language file; the browser suite fails on any. */
    __missingTranslations?: string[];
  }
}

/** Before sign-in the page remembers the last language chosen on this browser. */
const STORED_LANGUAGE = 'console.language';

export function storedLanguage(): Language {
  return localStorage.getItem(STORED_LANGUAGE) === 'en' ? 'en' : 'zh-CN';
}

/**
 * Chinese, the default, comes with the page; English is fetched the first time it is chosen, so
 * the sign-in and board routes carry one language's messages, not both.
 */
async function loadLanguage(language: Language): Promise<void> {
  if (language === 'zh-CN' || i18next.hasResourceBundle(language, 'translation')) return;
  const { default: en } = await import('./en.json');
  i18next.addResourceBundle('en', 'translation', en);
}

export async function switchLanguage(language: Language): Promise<void> {
  await loadLanguage(language);
  localStorage.setItem(STORED_LANGUAGE, language);
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}

const initialised = i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN } },
  // Only what was given here or added later; nothing is fetched by i18next itself.
  partialBundledLanguages: true,
  lng: storedLanguage(),
  // No fallback language: a key missing in one file must show up, not hide behind the other.
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  saveMissing: true,
  missingKeyHandler: (languages, _namespace, key) => {
    (window.__missingTranslations ??= []).push(`${languages.join(',')}:${key}`);
    console.error(`missing translation: ${languages.join(',')} ${key}`);
  },
});
document.documentElement.lang = storedLanguage();

/** Settled once the stored language's messages are there: the page renders after it. */
export const i18nReady: Promise<void> = initialised.then(() => loadLanguage(storedLanguage()));

export default i18next;
