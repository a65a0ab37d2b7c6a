import { Refusal, ruleRefused } from './refusal.types';

/**
 * Characters PostgreSQL cannot store: U+0000 (refused by text and jsonb alike) and UTF-16
 * surrogates without their other half (not encodable as UTF-8). A decision carrying one would
 * enter the workflow's history and then fail every attempt to record it, so they are refused
 * wherever text enters the system.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

/** The Unicode replacement character, which the recorder puts where an unstorable one was. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** `text` with every U+0000 and lone surrogate replaced by U+FFFD. */
export function replaceUnstorable(text: string): string {
  return text.replace(UNSTORABLE_ALL, REPLACEMENT_CHARACTER);
}

function childPath(prefix: string, key: string | number): string {
  if (typeof key === 'number') return `${prefix}[${key}]`;
  return prefix === '' ? key : `${prefix}.${key}`;
}

/**
 * The path of every string (and object key) below `value` that holds an unstorable character,
 * e.g. `teamMembers[2].name`; `prefix` names `value` itself.
 */
export function unstorableTextPaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return isStorableText(value) ? [] : [prefix];
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => unstorableTextPaths(item, childPath(prefix, index)));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => [
      ...(isStorableText(key) ? [] : [childPath(prefix, replaceUnstorable(key))]),
      ...unstorableTextPaths(item, childPath(prefix, key)),
    ]);
  }
  return [];
}

export function unstorableTextRefusal(field: string): Refusal {
  return ruleRefused(
    'storable-text',
    `${field} must not contain U+0000 (NUL) or an unpaired UTF-16 surrogate.`,
    field,
  );
}

/** One refusal per field holding an unstorable character. */
export function checkStorableText(value: unknown, prefix = ''): Refusal[] {
  return unstorableTextPaths(value, prefix).map(unstorableTextRefusal);
}
