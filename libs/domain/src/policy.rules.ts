import { DecisionType } from './decisions.types';
import { checkInteger, checkKnownFields, isJsonObject } from './field-checks.rules';
import { LIMITS } from './limits.constants';
import { Duration, Policy } from './policy.types';
import { Refusal } from './refusal.types';

const POLICY_FIELDS = [
  'screeningLimit',
  'mentorAcceptanceLimit',
  'planReviewLimit',
  'stallLimit',
  'reminderFractions',
  'maxRevisionRounds',
  'maxFailedMatches',
  'escalationContact',
] as const;

const DURATION_FIELDS = [
  'screeningLimit',
  'mentorAcceptanceLimit',
  'planReviewLimit',
  'stallLimit',
] as const;

/** Problems with a policy from config, as sentences; an empty list means it is usable. */
export function validatePolicy(policy: unknown): string[] {
  if (!isJsonObject(policy)) return ['The policy must be an object.'];
  const messages: string[] = checkKnownFields(policy, POLICY_FIELDS, 'policy').map(
    (r) => r.message,
  );
  for (const key of DURATION_FIELDS) {
    messages.push(
      ...checkDuration(policy[key], `policy.${key}`, LIMITS.policy).map((r) => r.message),
    );
  }
  messages.push(...checkReminderFractions(policy.reminderFractions));
  for (const key of ['maxRevisionRounds', 'maxFailedMatches'] as const) {
    messages.push(
      ...checkInteger(policy[key], `policy.${key}`, { min: 1, max: LIMITS.policy.maxRounds }).map(
        (r) => r.message,
      ),
    );
  }
  const contact = policy.escalationContact;
  if (
    typeof contact !== 'string' ||
    contact.trim() === '' ||
    contact.length > LIMITS.text.escalationContact
  ) {
    messages.push(
      `policy.escalationContact must be a non-blank string of at most ${LIMITS.text.escalationContact} characters.`,
    );
  }
  return messages;
}

/** A duration is exactly one of `workingDays` or `seconds`, a positive whole number. */
export function checkDuration(
  value: unknown,
  field: string,
  max: { maxWorkingDays: number; maxSeconds: number },
): Refusal[] {
  if (!isJsonObject(value)) {
    return [
      {
        kind: 'RuleRefused',
        rule: 'duration',
        field,
        message: `${field} must be { workingDays } or { seconds }.`,
      },
    ];
  }
  const keys = Object.keys(value);
  if (keys.length !== 1 || !['workingDays', 'seconds'].includes(keys[0])) {
    return [
      {
        kind: 'RuleRefused',
        rule: 'duration',
        field,
        message: `${field} must have exactly one of workingDays or seconds.`,
      },
    ];
  }
  return 'workingDays' in value
    ? checkInteger(value.workingDays, `${field}.workingDays`, { min: 1, max: max.maxWorkingDays })
    : checkInteger(value.seconds, `${field}.seconds`, { min: 1, max: max.maxSeconds });
}

function checkReminderFractions(value: unknown): string[] {
  const field = 'policy.reminderFractions';
  if (!Array.isArray(value) || value.length > LIMITS.list.reminderFractions) {
    return [`${field} must be a list of at most ${LIMITS.list.reminderFractions} numbers.`];
  }
  const inRange = value.every((f) => typeof f === 'number' && f > 0 && f < 1);
  const ascending = value.every((f, i) => i === 0 || (f as number) > (value[i - 1] as number));
  return inRange && ascending
    ? []
    : [`${field} must hold strictly ascending fractions between 0 and 1 (exclusive).`];
}

/** The time limit that applies to a pending action, if the policy sets one. */
export function limitFor(policy: Policy, action: DecisionType): Duration | undefined {
  switch (action) {
    case 'screenApplication':
      return policy.screeningLimit;
    case 'acceptAssignment':
      return policy.mentorAcceptanceLimit;
    case 'approvePlan':
      return policy.planReviewLimit;
    default:
      return undefined;
  }
}

/**
 * An extension of a step with no time limit would change nothing and still be recorded as a
 * decision, so it is refused (the step's pending-ness is judged by judgeDecision).
 */
export function extensionRefusal(policy: Policy, action: DecisionType): Refusal | null {
  return limitFor(policy, action)
    ? null
    : {
        kind: 'RuleRefused',
        rule: 'no-time-limit',
        field: 'action',
        message: `${action} has no time limit, so there is no deadline to extend.`,
      };
}
