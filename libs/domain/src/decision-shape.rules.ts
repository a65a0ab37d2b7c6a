import { PLAN_SUMMARY_KEYS } from './business-plan.types';
import { isDecisionType, DecisionType, DECISION_TYPES } from './decisions.types';
import { checkEligibility } from './eligibility.rules';
import {
  checkCalendarDate,
  checkInteger,
  checkKnownFields,
  checkObject,
  checkOneOf,
  checkText,
  ID_PATTERN,
  isJsonObject,
  JsonObject,
} from './field-checks.rules';
import {
  ContactOutcome,
  CONTACT_OUTCOMES,
  INVESTOR_KINDS,
  isCommitment,
} from './investor-contact.types';
import { LIMITS } from './limits.constants';
import { BASIS_POINTS_WHOLE, checkBasisPoints, checkFen, isBasisPoints } from './numbers.rules';
import { checkDuration } from './policy.rules';
import { Refusal, ruleRefused } from './refusal.types';
import { checkStorableText } from './storable-text.rules';
import { isValidUscc } from './uscc.rules';

const SHA256_HEX = { regex: /^[0-9a-f]{64}$/, description: '64 lowercase hexadecimal digits' };
const MEDIA_TYPE = {
  regex: /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i,
  description: 'a media type such as application/pdf',
};

const CONTACT_FIELDS = ['contactId', 'investorName', 'kind', 'date', 'outcome', 'amountFen'];
const COMPANY_FIELDS = [
  'companyName',
  'uscc',
  'registrationDate',
  'registeredCapitalFen',
  'jobsCreated',
  'ipShares',
  'rdTeamProfitShareBp',
];

const comment = (value: unknown): Refusal[] =>
  checkText(value, 'comment', { max: LIMITS.text.comment, required: false });
const requiredComment = (value: unknown): Refusal[] =>
  checkText(value, 'comment', {
    max: LIMITS.text.comment,
    required: true,
    requiredRule: 'comment-required',
  });
const reason = (value: unknown): Refusal[] =>
  checkText(value, 'reason', {
    max: LIMITS.text.reason,
    required: true,
    requiredRule: 'reason-required',
  });
const id = (value: unknown, field: string): Refusal[] =>
  checkText(value, field, { max: LIMITS.text.id, required: true, pattern: ID_PATTERN });

/** Fields each decision type may carry besides `type`, and how to check them. */
const SHAPES: Record<
  DecisionType,
  { fields: readonly string[]; check: (d: JsonObject) => Refusal[] }
> = {
  screenApplication: {
    fields: ['outcome', 'comment'],
    check: (d) => [
      ...checkOneOf(d.outcome, 'outcome', ['accept', 'reject', 'return']),
      // A rejection needs its reason and a return needs what to change, for the team's sake.
      ...(d.outcome === 'reject' || d.outcome === 'return'
        ? requiredComment(d.comment)
        : comment(d.comment)),
    ],
  },
  resubmitApplication: {
    fields: ['application', 'comment'],
    check: (d) => [...checkEligibility(d.application, 'application'), ...comment(d.comment)],
  },
  assignMentor: {
    fields: ['mentorId', 'comment'],
    check: (d) => [...id(d.mentorId, 'mentorId'), ...comment(d.comment)],
  },
  acceptAssignment: { fields: ['comment'], check: (d) => comment(d.comment) },
  declineAssignment: { fields: ['reason'], check: (d) => reason(d.reason) },
  submitPlanVersion: {
    fields: ['document', 'summaries', 'comment'],
    check: (d) => [
      ...checkPlanDocument(d.document),
      ...checkPlanSummaries(d.summaries),
      ...comment(d.comment),
    ],
  },
  approvePlan: { fields: ['comment'], check: (d) => comment(d.comment) },
  requestRevision: { fields: ['comment'], check: (d) => requiredComment(d.comment) },
  recordInvestorContact: { fields: CONTACT_FIELDS, check: checkContact },
  signOffInvestment: { fields: ['comment'], check: (d) => comment(d.comment) },
  recordCompany: { fields: COMPANY_FIELDS, check: checkCompany },
  approveIncubation: { fields: ['comment'], check: (d) => comment(d.comment) },
  withdraw: { fields: ['reason'], check: (d) => reason(d.reason) },
  amendInvestorContact: {
    fields: [...CONTACT_FIELDS, 'reason'],
    check: (d) => [...checkContact(d), ...reason(d.reason)],
  },
  amendCompany: {
    fields: [...COMPANY_FIELDS, 'reason'],
    check: (d) => [...checkCompany(d), ...reason(d.reason)],
  },
  replaceMentor: {
    fields: ['mentorId', 'reason'],
    check: (d) => [...id(d.mentorId, 'mentorId'), ...reason(d.reason)],
  },
  extendDeadline: {
    fields: ['action', 'byDuration', 'reason'],
    check: (d) => [
      ...checkOneOf(d.action, 'action', DECISION_TYPES),
      ...checkDuration(d.byDuration, 'byDuration', LIMITS.extension),
      ...reason(d.reason),
    ],
  },
  allowExtraRevisionRound: { fields: ['reason'], check: (d) => reason(d.reason) },
  putOnHold: { fields: ['reason'], check: (d) => reason(d.reason) },
  resumeProject: { fields: ['reason'], check: (d) => reason(d.reason) },
};

export interface DecisionShapeOptions {
  /**
   * Refuse U+0000 and unpaired surrogates in every string. Off only where a workflow replays
   * decisions accepted before the rule existed (their histories must replay unchanged).
   */
  storableText: boolean;
}

/**
 * Every stateless problem with a decision body: fields, types, limits, required comments and
 * reasons, USCC, share sums, dates. The API runs it before sending a decision; the workflow runs
 * it again (via `judgeDecision`) because an Update argument is untrusted JSON.
 */
export function validateDecisionShape(
  decision: unknown,
  options: DecisionShapeOptions = { storableText: true },
): Refusal[] {
  if (!isJsonObject(decision)) return checkObject(decision, 'decision');
  // First, so an unstorable character is named as such whatever else the field breaks.
  const unstorable = options.storableText ? checkStorableText(decision) : [];
  if (unstorable.length > 0) return unstorable;
  if (!isDecisionType(decision.type)) {
    return [checkOneOf(decision.type, 'type', DECISION_TYPES)[0]];
  }
  const shape = SHAPES[decision.type];
  return [...checkKnownFields(decision, ['type', ...shape.fields], ''), ...shape.check(decision)];
}

function checkPlanDocument(value: unknown): Refusal[] {
  if (!isJsonObject(value)) return checkObject(value, 'document');
  const fields = ['documentId', 'sha256', 'fileName', 'mediaType', 'sizeBytes'];
  return [
    ...checkKnownFields(value, fields, 'document'),
    ...id(value.documentId, 'document.documentId'),
    ...checkText(value.sha256, 'document.sha256', { max: 64, required: true, pattern: SHA256_HEX }),
    ...checkText(value.fileName, 'document.fileName', {
      max: LIMITS.text.fileName,
      required: true,
    }),
    ...checkText(value.mediaType, 'document.mediaType', {
      max: LIMITS.text.mediaType,
      required: true,
      pattern: MEDIA_TYPE,
    }),
    ...checkInteger(value.sizeBytes, 'document.sizeBytes', LIMITS.documentSizeBytes),
  ];
}

function checkPlanSummaries(value: unknown): Refusal[] {
  if (!isJsonObject(value)) return checkObject(value, 'summaries');
  return [
    ...checkKnownFields(value, PLAN_SUMMARY_KEYS, 'summaries'),
    ...PLAN_SUMMARY_KEYS.flatMap((key) =>
      checkText(value[key], `summaries.${key}`, { max: LIMITS.text.planSummary, required: true }),
    ),
  ];
}

function checkContact(d: JsonObject): Refusal[] {
  const problems = [
    ...id(d.contactId, 'contactId'),
    ...checkText(d.investorName, 'investorName', { max: LIMITS.text.investorName, required: true }),
    ...checkOneOf(d.kind, 'kind', INVESTOR_KINDS),
    ...checkCalendarDate(d.date, 'date'),
    ...checkOneOf(d.outcome, 'outcome', CONTACT_OUTCOMES),
    ...checkFen(d.amountFen, 'amountFen'),
  ];
  if (problems.length > 0) return problems;
  // A commitment without an amount would count as zero in "funding raised".
  const outcome = d.outcome as ContactOutcome;
  return isCommitment(outcome) && d.amountFen === 0
    ? [
        ruleRefused(
          'commitment-amount',
          `amountFen must be above zero for a ${outcome} outcome.`,
          'amountFen',
        ),
      ]
    : [];
}

function checkCompany(d: JsonObject): Refusal[] {
  return [
    ...checkText(d.companyName, 'companyName', { max: LIMITS.text.companyName, required: true }),
    ...checkUscc(d.uscc),
    ...checkCalendarDate(d.registrationDate, 'registrationDate'),
    ...checkFen(d.registeredCapitalFen, 'registeredCapitalFen'),
    ...checkInteger(d.jobsCreated, 'jobsCreated', { min: 0 }),
    ...checkIpShares(d.ipShares),
    ...checkBasisPoints(d.rdTeamProfitShareBp, 'rdTeamProfitShareBp'),
  ];
}

function checkUscc(value: unknown): Refusal[] {
  if (typeof value === 'string' && isValidUscc(value)) return [];
  return [
    ruleRefused(
      'uscc',
      'uscc must be an 18-character unified social credit code (GB 32100-2015) with a valid check character.',
      'uscc',
    ),
  ];
}

/** The three alliance shares must add up to exactly 100% (10000 basis points). */
export function checkIpShares(value: unknown): Refusal[] {
  if (!isJsonObject(value)) return checkObject(value, 'ipShares');
  const keys = ['universityBp', 'localGovernmentBp', 'enterpriseBp'] as const;
  const problems = [
    ...checkKnownFields(value, keys, 'ipShares'),
    ...keys.flatMap((key) => checkBasisPoints(value[key], `ipShares.${key}`)),
  ];
  if (problems.length > 0) return problems;
  const sum = keys.reduce((total, key) => total + (isBasisPoints(value[key]) ? value[key] : 0), 0);
  return sum === BASIS_POINTS_WHOLE
    ? []
    : [
        ruleRefused(
          'ip-shares-sum',
          `ipShares must sum to exactly ${BASIS_POINTS_WHOLE} basis points (100%); they sum to ${sum}.`,
          'ipShares',
        ),
      ];
}
