import { LIMITS } from '@app/domain';

/** No request body nests deeper: every DTO is at most four levels deep. */
export const MAX_BODY_DEPTH = 10;
/** No list in a body is longer than the longest list any DTO accepts. */
export const MAX_BODY_ITEMS = Math.max(...Object.values(LIMITS.list));
/** No string in a body is longer than the longest text any DTO accepts. */
export const MAX_BODY_STRING = Math.max(...Object.values(LIMITS.text));

export interface BodyLimitRefusal {
  rule: 'max-depth' | 'max-items' | 'max-length';
  field: string;
  message: string;
}

/**
 * Walks a parsed JSON body once, without recursion, and names the first place it breaks a
 * limit. It runs before class-transformer and class-validator see the body: 10,000 nested levels
 * crash class-transformer's recursion, and 60,000 empty objects in 180 KB block the event loop
 * while each one is transformed and validated.
 */
export function bodyLimitRefusal(body: unknown): BodyLimitRefusal | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value: body, path: '', depth: 0 },
  ];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop() as (typeof stack)[number];
    if (typeof value === 'string' && value.length > MAX_BODY_STRING) {
      return {
        rule: 'max-length',
        field: path || '(body)',
        message: `${path || 'the body'} is longer than ${MAX_BODY_STRING} characters`,
      };
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_BODY_DEPTH) {
      return {
        rule: 'max-depth',
        field: path || '(body)',
        message: `the body nests deeper than ${MAX_BODY_DEPTH} levels (at ${path || 'the top'})`,
      };
    }
    if (Array.isArray(value)) {
      if (value.length > MAX_BODY_ITEMS) {
        return {
          rule: 'max-items',
          field: path || '(body)',
          message: `${path || 'the body'} has ${value.length} items; at most ${MAX_BODY_ITEMS} are accepted`,
        };
      }
      value.forEach((item, i) =>
        stack.push({ value: item, path: `${path}[${i}]`, depth: depth + 1 }),
      );
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      stack.push({ value: item, path: path ? `${path}.${key}` : key, depth: depth + 1 });
    }
  }
  return undefined;
}
