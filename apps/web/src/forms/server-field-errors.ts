import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/api-error';
import { namePathOf, problemText, useServerMessage } from './server-errors';

/**
 * For the forms that are not decisions (mentors, calendar days): a refusal is shown under the
 * field it names when the form has that field, and the rest is returned for an alert on top.
 */
export function useServerFieldErrors() {
  const { t, i18n } = useTranslation();
  const exists = (key: string) => i18n.exists(key);
  const serverMessage = useServerMessage();
  return (form: FormInstance, fields: readonly string[], error: unknown): string[] => {
    if (!isApiError(error)) return [serverMessage(error)];
    const top: string[] = [];
    const byField = new Map<string, string[]>();
    for (const problem of error.problems) {
      const root = problem.field ? String(namePathOf(problem.field)[0]) : undefined;
      if (root && fields.includes(root)) {
        byField.set(root, [...(byField.get(root) ?? []), problemText(t, exists, problem)]);
      } else {
        top.push(
          error.problems.length === 1 ? serverMessage(error) : problemText(t, exists, problem),
        );
      }
    }
    form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
    return top;
  };
}
