import { DEGREES, PATENT_STATUSES, TEAM_ROLES } from './application.types';
import {
  checkBoolean,
  checkInteger,
  checkKnownFields,
  checkList,
  checkNoDuplicates,
  checkObject,
  checkOneOf,
  checkText,
  fieldPath,
  ID_PATTERN,
  isJsonObject,
} from './field-checks.rules';
import { LIMITS } from './limits.constants';
import { checkFen } from './numbers.rules';
import { Refusal, ruleRefused } from './refusal.types';

/** The fields an application may carry: the form and the server name them alike. */
export const APPLICATION_FIELDS = [
  'title',
  'summary',
  'fieldTags',
  'college',
  'partyBranch',
  'teamMembers',
  'technologyReadinessLevel',
  'ipAssets',
  'fundingRequestedFen',
  'declaredConflicts',
  'previousProjectId',
] as const;

const MEMBER_FIELDS = ['name', 'memberId', 'role', 'degree', 'partyMember', 'affiliation'] as const;
const IP_ASSET_FIELDS = ['patentNumber', 'title', 'status'] as const;

/**
 * Everything wrong with an application, checked before its workflow starts so the caller gets
 * every problem at once. Title uniqueness per college needs the database and is not checked here.
 * `prefix` names the application's place in a larger body, e.g. `application` in a resubmission.
 */
export function checkEligibility(app: unknown, prefix = ''): Refusal[] {
  const at = (key: string) => fieldPath(prefix, key);
  if (!isJsonObject(app)) return checkObject(app, prefix === '' ? 'application' : prefix);
  const text = LIMITS.text;
  return [
    ...checkKnownFields(app, APPLICATION_FIELDS, prefix),
    ...checkText(app.title, at('title'), { max: text.title, required: true }),
    ...checkText(app.summary, at('summary'), { max: text.summary, required: true }),
    ...checkTags(app.fieldTags, at('fieldTags')),
    ...checkText(app.college, at('college'), { max: text.college, required: true }),
    ...checkText(app.partyBranch, at('partyBranch'), { max: text.partyBranch, required: true }),
    ...checkTeam(app.teamMembers, at('teamMembers')),
    ...checkInteger(app.technologyReadinessLevel, at('technologyReadinessLevel'), {
      ...LIMITS.technologyReadinessLevel,
    }),
    ...checkIpAssets(app.ipAssets, at('ipAssets')),
    ...checkFen(app.fundingRequestedFen, at('fundingRequestedFen')),
    ...(app.declaredConflicts === undefined
      ? []
      : checkList(
          app.declaredConflicts,
          at('declaredConflicts'),
          { max: LIMITS.list.declaredConflicts },
          (v, f) => checkText(v, f, { max: text.organisation, required: true }),
        )),
    ...checkText(app.previousProjectId, at('previousProjectId'), {
      max: text.id,
      required: false,
      pattern: ID_PATTERN,
    }),
  ];
}

function checkTags(value: unknown, field: string): Refusal[] {
  const problems = checkList(
    value,
    field,
    { min: 1, max: LIMITS.list.fieldTags },
    (tag, tagField) => checkText(tag, tagField, { max: LIMITS.text.tag, required: true }),
  );
  return problems.length > 0 ? problems : checkNoDuplicates(value as string[], field, 'tag');
}

function checkTeam(value: unknown, field: string): Refusal[] {
  const problems = checkList(
    value,
    field,
    { min: LIMITS.teamMembersMin, max: LIMITS.list.teamMembers },
    checkMember,
  );
  if (problems.length > 0) return problems;
  const members = value as { memberId: string; role: string; partyMember: boolean }[];
  const leads = members.filter((member) => member.role === 'lead');
  if (leads.length !== 1) {
    return [
      ruleRefused(
        'one-lead',
        `${field} must name exactly one lead; it names ${leads.length}.`,
        field,
      ),
    ];
  }
  const duplicates = checkNoDuplicates(
    members.map((member) => member.memberId),
    field,
    'member id',
  );
  if (duplicates.length > 0) return duplicates;
  const leadIndex = members.indexOf(leads[0]);
  return leads[0].partyMember
    ? []
    : [
        ruleRefused(
          'lead-party-member',
          'The team lead must be a Party member.',
          `${field}[${leadIndex}].partyMember`,
        ),
      ];
}

function checkMember(value: unknown, field: string): Refusal[] {
  if (!isJsonObject(value)) return checkObject(value, field);
  return [
    ...checkKnownFields(value, MEMBER_FIELDS, field),
    ...checkText(value.name, `${field}.name`, { max: LIMITS.text.name, required: true }),
    ...checkText(value.memberId, `${field}.memberId`, {
      max: LIMITS.text.memberId,
      required: true,
    }),
    ...checkOneOf(value.role, `${field}.role`, TEAM_ROLES),
    ...checkOneOf(value.degree, `${field}.degree`, DEGREES),
    ...checkBoolean(value.partyMember, `${field}.partyMember`),
    ...checkText(value.affiliation, `${field}.affiliation`, {
      max: LIMITS.text.affiliation,
      required: false,
    }),
  ];
}

function checkIpAssets(value: unknown, field: string): Refusal[] {
  const problems = checkList(value, field, { max: LIMITS.list.ipAssets }, (asset, assetField) => {
    if (!isJsonObject(asset)) return checkObject(asset, assetField);
    return [
      ...checkKnownFields(asset, IP_ASSET_FIELDS, assetField),
      ...checkText(asset.patentNumber, `${assetField}.patentNumber`, {
        max: LIMITS.text.patentNumber,
        required: true,
      }),
      ...checkText(asset.title, `${assetField}.title`, {
        max: LIMITS.text.patentTitle,
        required: true,
      }),
      ...checkOneOf(asset.status, `${assetField}.status`, PATENT_STATUSES),
    ];
  });
  if (problems.length > 0) return problems;
  const numbers = (value as { patentNumber: string }[]).map((asset) => asset.patentNumber);
  return checkNoDuplicates(numbers, field, 'patent number');
}
