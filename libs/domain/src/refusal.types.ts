/**
 * Why a decision or an input was refused. `WrongStage` means "not now" (a wrong stage, a closed
 * or held project: HTTP 409); `RuleRefused` means "not like this" (a broken rule: HTTP 422).
 * `rule` is a stable kebab-case name clients can branch on; `message` is for people.
 */
export type RefusalKind = 'WrongStage' | 'RuleRefused';

export interface Refusal {
  kind: RefusalKind;
  rule: string;
  field?: string;
  message: string;
}

export function wrongStage(rule: string, message: string): Refusal {
  return { kind: 'WrongStage', rule, message };
}

export function ruleRefused(rule: string, message: string, field?: string): Refusal {
  return field === undefined
    ? { kind: 'RuleRefused', rule, message }
    : { kind: 'RuleRefused', rule, field, message };
}
