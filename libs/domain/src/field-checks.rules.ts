import { isCalendarDate } from './calendar-date.rules';
import { Refusal, ruleRefused } from './refusal.types';

/**
 * Small validators shared by eligibility, decision shapes and policy. Input arrives as untyped
 * JSON (an HTTP body, a Temporal Update argument), so each takes `unknown` and returns every
 * problem it finds, each naming its field path (e.g. `teamMembers[2].name`).
 */
export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function fieldPath(prefix: string, key: string): string {
  return prefix === '' ? key : `${prefix}.${key}`;
}

/** Lengths count code points, as PostgreSQL and class-validator do, not UTF-16 units. */
export function textLength(text: string): number {
  return Array.from(text).length;
}

export function checkObject(value: unknown, field: string): Refusal[] {
  return isJsonObject(value) ? [] : [ruleRefused('type', `${field} must be an object.`, field)];
}

/** Unknown fields are refused: whatever is accepted is kept forever in the history. */
export function checkKnownFields(
  value: JsonObject,
  allowed: readonly string[],
  prefix: string,
): Refusal[] {
  return Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .map((key) =>
      ruleRefused(
        'unknown-field',
        `${fieldPath(prefix, key)} is not a known field.`,
        fieldPath(prefix, key),
      ),
    );
}

export interface TextOptions {
  max: number;
  /** Required text must contain something other than whitespace. */
  required: boolean;
  pattern?: { regex: RegExp; description: string };
  /** The rule name used when required text is missing, e.g. `reason-required`. */
  requiredRule?: string;
}

export function checkText(value: unknown, field: string, options: TextOptions): Refusal[] {
  if (value === undefined) {
    return options.required
      ? [ruleRefused(options.requiredRule ?? 'required', `${field} is required.`, field)]
      : [];
  }
  if (typeof value !== 'string') return [ruleRefused('type', `${field} must be a string.`, field)];
  if (options.required && value.trim() === '') {
    return [ruleRefused(options.requiredRule ?? 'required', `${field} must not be blank.`, field)];
  }
  if (textLength(value) > options.max) {
    return [
      ruleRefused('max-length', `${field} must be at most ${options.max} characters long.`, field),
    ];
  }
  if (options.pattern && !options.pattern.regex.test(value)) {
    return [ruleRefused('format', `${field} must be ${options.pattern.description}.`, field)];
  }
  return [];
}

export function checkOneOf(value: unknown, field: string, options: readonly string[]): Refusal[] {
  return typeof value === 'string' && options.includes(value)
    ? []
    : [ruleRefused('one-of', `${field} must be one of: ${options.join(', ')}.`, field)];
}

export function checkBoolean(value: unknown, field: string): Refusal[] {
  return typeof value === 'boolean'
    ? []
    : [ruleRefused('type', `${field} must be true or false.`, field)];
}

export function checkInteger(
  value: unknown,
  field: string,
  range: { min: number; max?: number },
): Refusal[] {
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  if (
    typeof value !== 'number' ||
    !Number.isSafeInteger(value) ||
    value < range.min ||
    value > max
  ) {
    const upper = range.max === undefined ? '' : ` to ${range.max}`;
    return [
      ruleRefused(
        'integer-range',
        `${field} must be a whole number from ${range.min}${upper}.`,
        field,
      ),
    ];
  }
  return [];
}

export function checkCalendarDate(value: unknown, field: string): Refusal[] {
  return isCalendarDate(value)
    ? []
    : [ruleRefused('calendar-date', `${field} must be a real calendar date as YYYY-MM-DD.`, field)];
}

/** Checks that `value` is a list of at most `max` items and checks each item with `item`. */
export function checkList(
  value: unknown,
  field: string,
  bounds: { min?: number; max: number },
  item: (element: unknown, elementField: string) => Refusal[],
): Refusal[] {
  if (!Array.isArray(value)) return [ruleRefused('type', `${field} must be a list.`, field)];
  const min = bounds.min ?? 0;
  if (value.length < min) {
    return [ruleRefused('min-items', `${field} must have at least ${min} item(s).`, field)];
  }
  if (value.length > bounds.max) {
    return [ruleRefused('max-items', `${field} must have at most ${bounds.max} items.`, field)];
  }
  return value.flatMap((element, index) => item(element, `${field}[${index}]`));
}

/** Case-insensitive, trimmed duplicates: "AI" and " ai" are the same tag. */
export function checkNoDuplicates(
  values: readonly string[],
  field: string,
  what: string,
): Refusal[] {
  const seen = new Set<string>();
  for (const value of values) {
    const key = normaliseName(value);
    if (seen.has(key)) {
      return [ruleRefused('duplicate', `${field} lists the ${what} "${value}" twice.`, field)];
    }
    seen.add(key);
  }
  return [];
}

export function normaliseName(value: string): string {
  return value.trim().toLowerCase();
}

/** Identifiers: letters, digits and `._:-`, no spaces, so they are safe in logs and URLs. */
export const ID_PATTERN = {
  regex: /^[A-Za-z0-9][A-Za-z0-9._:-]*$/,
  description: 'an identifier of letters, digits, ".", "_", ":" or "-"',
};
