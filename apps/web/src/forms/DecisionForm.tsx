import { useMutation, useQueryClient } from '@tanstack/react-query';
import { validateDecisionShape, type DecisionType, type Refusal } from '@app/domain';
import { Alert, App, Button, Form, type FormInstance } from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/api-error';
import { newDecisionId } from '../api/client';
import { namePathOf, problemText, useServerMessage } from './server-errors';

export interface DecisionFormProps<Values extends object, Body extends object> {
  /** The domain's name of the decision: its stateless rules run as the form is filled in. */
  decision?: DecisionType;
  /** Instead of a decision's shape: the rules of another request (an application's eligibility). */
  check?: (body: object) => Refusal[];
  /** The form's values as the API's body, without the decisionId. */
  toBody: (values: Values) => Omit<Body, 'decisionId'>;
  /** The decision as the domain sees it, when the API's body differs (an upload's id). */
  toDecision?: (values: Values) => object;
  /** Body is the API's body type, decisionId included: the form adds its own. */
  send: (body: Body) => Promise<unknown>;
  /** Server field names shown next to an input of this form; other refusals go on top. */
  fields: readonly string[];
  /** Where a refusal of a whole group (e.g. the shares' sum) is shown. */
  fieldAliases?: Record<string, string>;
  submitLabel: string;
  danger?: boolean;
  initialValues?: Partial<Values>;
  onDone?: () => void;
  children?: ReactNode | ((form: FormInstance<Values>) => ReactNode);
  testId?: string;
}

/**
 * A form for one decision. It checks what the API checks statelessly, with the domain's own
 * functions, while the user types; it still sends whatever is submitted, because the API and the
 * workflow decide, and shows their refusal next to the field it names.
 */
export function DecisionForm<Values extends object, Body extends object>({
  decision,
  check: checkBody,
  toBody,
  toDecision,
  send,
  fields,
  fieldAliases = {},
  submitLabel,
  danger,
  initialValues,
  onDone,
  children,
  testId,
}: DecisionFormProps<Values, Body>) {
  const { t, i18n } = useTranslation();
  const exists = (key: string) => i18n.exists(key);
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const serverMessage = useServerMessage();
  // One decisionId per filled-in form: a repeated submit of the same content counts once.
  const decisionId = useRef(newDecisionId());
  const [topProblems, setTopProblems] = useState<string[]>([]);

  // Fields inside lists (`teamMembers[2].name`) get errors too; remembered so they clear again.
  const listedErrors = useRef(new Set<string>());

  const shownField = (field: string | undefined): string | undefined => {
    if (!field) return undefined;
    const aliased = fieldAliases[field] ?? field;
    const listed = fields.some(
      (known) =>
        aliased === known || aliased.startsWith(`${known}.`) || aliased.startsWith(`${known}[`),
    );
    return listed ? aliased : undefined;
  };

  const showProblems = (
    problems: { rule?: string; field?: string; message: string }[],
    onlyTouched: boolean,
  ) => {
    const byField = new Map<string, string[]>(
      [...fields, ...listedErrors.current].map((field) => [field, []]),
    );
    const top: string[] = [];
    for (const problem of problems) {
      const field = shownField(problem.field);
      const text = problemText(t, exists, problem);
      if (field) byField.set(field, [...(byField.get(field) ?? []), text]);
      else if (!onlyTouched) top.push(text);
    }
    listedErrors.current = new Set(
      [...byField]
        .filter(([field, errors]) => errors.length > 0 && !fields.includes(field))
        .map(([field]) => field),
    );
    form.setFields(
      [...byField].map(([field, errors]) => ({
        name: namePathOf(field) as never,
        errors: onlyTouched && !form.isFieldTouched(namePathOf(field) as never) ? [] : errors,
      })),
    );
    if (!onlyTouched) setTopProblems(top);
  };

  const mutation = useMutation({
    mutationFn: (body: Omit<Body, 'decisionId'>) =>
      send({ ...body, decisionId: decisionId.current } as Body),
    onSuccess: async () => {
      decisionId.current = newDecisionId();
      setTopProblems([]);
      form.resetFields();
      void message.success(t('decision.done'));
      await queryClient.invalidateQueries({ queryKey: ['projects'] });
      await queryClient.invalidateQueries({ queryKey: ['inbox'] });
      onDone?.();
    },
    onError: (error) => {
      if (isApiError(error) && error.status < 500) {
        // A refusal changed nothing: a corrected form is a new decision.
        decisionId.current = newDecisionId();
        showProblems(error.problems, false);
        if (!error.problems.some((problem) => shownField(problem.field))) {
          setTopProblems([serverMessage(error)]);
        }
      } else {
        // Unknown outcome (503, network): the same decisionId is kept, so a retry counts once.
        setTopProblems([serverMessage(error)]);
      }
    },
  });

  const check = (values: Values): Refusal[] => {
    const body = stripEmpty(toDecision ? toDecision(values) : toBody(values));
    if (checkBody) return checkBody(body);
    return decision ? validateDecisionShape({ type: decision, ...body }) : [];
  };

  return (
    <Form<Values>
      form={form}
      // Field ids are prefixed with the form's name: several forms on one page, no duplicate id.
      name={testId ?? decision ?? 'decision'}
      layout="vertical"
      initialValues={initialValues}
      data-testid={testId}
      onValuesChange={(_changed, values) => showProblems(check(values), true)}
      onFinish={(values) => mutation.mutate(stripEmpty(toBody(values)))}
    >
      {topProblems.length > 0 && (
        <Alert
          type="error"
          role="alert"
          showIcon
          style={{ marginBottom: 16 }}
          message={topProblems.join(' ')}
        />
      )}
      {typeof children === 'function' ? children(form) : children}
      <Button type="primary" danger={danger} htmlType="submit" loading={mutation.isPending}>
        {submitLabel}
      </Button>
    </Form>
  );
}

/** Optional text left empty is not sent (the API refuses a blank comment where none is needed). */
function stripEmpty<T extends object>(body: T): T {
  return Object.fromEntries(
    Object.entries(body).filter(([, value]) => value !== undefined && value !== ''),
  ) as T;
}
