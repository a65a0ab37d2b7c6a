import { PLAN_SUMMARY_KEYS } from '../business-plan.types';
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
} from '../field-checks.rules';
import {
  ContactOutcome,
  CONTACT_OUTCOMES,
  INVESTOR_KINDS,
  isCommitment,
} from '../investor-contact.types';
import { LIMITS } from '../limits.constants';
import { BASIS_POINTS_WHOLE, checkBasisPoints, checkFen, isBasisPoints } from '../numbers.rules';
import { Refusal, ruleRefused } from '../refusal.types';
import { isValidUscc } from '../uscc.rules';

/** Shape checks several decision types share. */

const SHA256_HEX = { regex: /^[0-9a-f]{64}$/, description: '64 lowercase hexadecimal digits' };
const MEDIA_TYPE = {
  regex: /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i,
  description: 'a media type such as application/pdf',
};

export const CONTACT_FIELDS = ['contactId', 'investorName', 'kind', 'date', 'outcome', 'amountFen'];
export const COMPANY_FIELDS = [
  'companyName',
  'uscc',
  'registrationDate',
  'registeredCapitalFen',
  'jobsCreated',
  'ipShares',
  'rdTeamProfitShareBp',
];

export const comment = (value: unknown): Refusal[] =>
  checkText(value, 'comment', { max: LIMITS.text.comment, required: false });
export const requiredComment = (value: unknown): Refusal[] =>
  checkText(value, 'comment', {
    max: LIMITS.text.comment,
    required: true,
    requiredRule: 'comment-required',
  });
export const reason = (value: unknown): Refusal[] =>
  checkText(value, 'reason', {
    max: LIMITS.text.reason,
    required: true,
    requiredRule: 'reason-required',
  });
export const id = (value: unknown, field: string): Refusal[] =>
  checkText(value, field, { max: LIMITS.text.id, required: true, pattern: ID_PATTERN });

/** A decision whose only field is an optional comment, and its shape. */
export interface CommentOnlyDecision<T extends string> {
  type: T;
  comment?: string;
}
/** A decision whose only field is the required reason, and its shape. */
export interface ReasonOnlyDecision<T extends string> {
  type: T;
  reason: string;
}

export const COMMENT_ONLY = { fields: ['comment'], check: (d: JsonObject) => comment(d.comment) };
export const REASON_ONLY = { fields: ['reason'], check: (d: JsonObject) => reason(d.reason) };

export function checkPlanDocument(value: unknown): Refusal[] {
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

export function checkPlanSummaries(value: unknown): Refusal[] {
  if (!isJsonObject(value)) return checkObject(value, 'summaries');
  return [
    ...checkKnownFields(value, PLAN_SUMMARY_KEYS, 'summaries'),
    ...PLAN_SUMMARY_KEYS.flatMap((key) =>
      checkText(value[key], `summaries.${key}`, { max: LIMITS.text.planSummary, required: true }),
    ),
  ];
}

export function checkContact(d: JsonObject): Refusal[] {
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

export function checkCompany(d: JsonObject): Refusal[] {
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
