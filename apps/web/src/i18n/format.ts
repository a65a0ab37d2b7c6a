import type { Language } from './index';

const TIME_ZONE = 'Asia/Shanghai';

/** Amounts are integer fen; shown as yuan with the ¥ sign in both languages. */
export function formatFen(fen: number, language: Language): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-US' : 'zh-CN', {
    style: 'currency',
    currency: 'CNY',
    currencyDisplay: 'narrowSymbol',
  }).format(fen / 100);
}

/** Yuan typed in a form (up to two decimals) to the integer fen the API takes. */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

/** Date and time in Asia/Shanghai, whatever the browser's own time zone. */
export function formatDateTime(iso: string | null | undefined, language: Language): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: TIME_ZONE,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

/** Basis points (10000 = 100%) as a percentage. */
export function formatBasisPoints(bp: number, language: Language): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-US' : 'zh-CN', {
    style: 'percent',
    maximumFractionDigits: 2,
  }).format(bp / 10000);
}

/** Today in Asia/Shanghai as YYYY-MM-DD. */
export function todayInShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date());
}
