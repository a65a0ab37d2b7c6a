import type { Language } from './index';

const TIME_ZONE = 'Asia/Shanghai';

/**
 * Building an Intl formatter costs far more than using one (the board's 100 due dates spent
 * ~60 ms building them, bench/README.md C2), so each is built once per language.
 */
function once<T>(build: (language: Language) => T): (language: Language) => T {
  const built = new Map<Language, T>();
  return (language) => {
    let formatter = built.get(language);
    if (formatter === undefined) built.set(language, (formatter = build(language)));
    return formatter;
  };
}

const fenFormat = once(
  (language) =>
    new Intl.NumberFormat(language === 'en' ? 'en-US' : 'zh-CN', {
      style: 'currency',
      currency: 'CNY',
      currencyDisplay: 'narrowSymbol',
    }),
);
const dateTimeFormat = once(
  (language) =>
    new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone: TIME_ZONE,
      dateStyle: 'medium',
      timeStyle: 'short',
    }),
);
const percentFormat = once(
  (language) =>
    new Intl.NumberFormat(language === 'en' ? 'en-US' : 'zh-CN', {
      style: 'percent',
      maximumFractionDigits: 2,
    }),
);

/** Amounts are integer fen; shown as yuan with the ¥ sign in both languages. */
export function formatFen(fen: number, language: Language): string {
  return fenFormat(language).format(fen / 100);
}

/** Yuan typed in a form (up to two decimals) to the integer fen the API takes. */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

/** Date and time in Asia/Shanghai, whatever the browser's own time zone. */
export function formatDateTime(iso: string | null | undefined, language: Language): string {
  if (!iso) return '—';
  return dateTimeFormat(language).format(new Date(iso));
}

/** Basis points (10000 = 100%) as a percentage. */
export function formatBasisPoints(bp: number, language: Language): string {
  return percentFormat(language).format(bp / 10000);
}

/** Today in Asia/Shanghai as YYYY-MM-DD. */
export function todayInShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date());
}
