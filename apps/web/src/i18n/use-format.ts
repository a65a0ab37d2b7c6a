import { useTranslation } from 'react-i18next';
import { formatBasisPoints, formatDateTime, formatFen } from './format';
import type { Language } from './index';

/** The formatters bound to the language on screen. */
export function useFormat() {
  const { i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  return {
    language,
    fen: (fen: number) => formatFen(fen, language),
    dateTime: (iso: string | null | undefined) => formatDateTime(iso, language),
    basisPoints: (bp: number) => formatBasisPoints(bp, language),
  };
}
