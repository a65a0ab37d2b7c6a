import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isApiError, type ServerProblem } from '../api/api-error';

/** A field path as the API and the domain name it (`ipShares.universityBp`, `teamMembers[2].name`). */
export function namePathOf(field: string): (string | number)[] {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** The label of a field the API named: its last named part, e.g. `teamMembers[2].name` → name. */
function fieldLabel(t: TFunction, exists: (key: string) => boolean, field?: string): string {
  if (!field) return '';
  const last = String(
    namePathOf(field)
      .filter((part) => typeof part === 'string')
      .pop() ?? field,
  );
  return exists(`fields.${last}`) ? t(`fields.${last}`) : field;
}

/**
 * One problem in the reader's language: the message of its rule when the console knows the rule,
 * else the server's own words. Rules are the stable names the domain refuses with.
 */
export function problemText(
  t: TFunction,
  exists: (key: string) => boolean,
  problem: ServerProblem,
): string {
  if (problem.rule && exists(`rules.${problem.rule}`)) {
    return t(`rules.${problem.rule}`, { field: fieldLabel(t, exists, problem.field) });
  }
  return problem.message;
}

export function statusText(t: TFunction, exists: (key: string) => boolean, status: number): string {
  return exists(`errors.status${status}`) ? t(`errors.status${status}`) : t('errors.unexpected');
}

/** A failed request as one sentence for an alert: the rule's message, or the status's. */
export function useServerMessage(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  const exists = (key: string) => i18n.exists(key);
  return (error) => {
    if (!isApiError(error)) return t('errors.network');
    const [first] = error.problems;
    if (first?.rule && exists(`rules.${first.rule}`)) return problemText(t, exists, first);
    if (error.status === 401 || error.status >= 500) return statusText(t, exists, error.status);
    return first ? problemText(t, exists, first) : statusText(t, exists, error.status);
  };
}
