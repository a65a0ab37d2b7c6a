import { extensionRefusal, limitFor, validatePolicy } from './policy.rules';
import { DEFAULT_POLICY, Policy } from './policy.types';

describe('validatePolicy', () => {
  it('accepts the default policy', () => {
    expect(validatePolicy(DEFAULT_POLICY)).toEqual([]);
  });

  it.each([
    ['limits in seconds (tests)', { screeningLimit: { seconds: 5 }, stallLimit: { seconds: 60 } }],
    ['no reminders', { reminderFractions: [] }],
  ] as [string, Partial<Policy>][])('accepts %s', (_label, overrides) => {
    expect(validatePolicy({ ...DEFAULT_POLICY, ...overrides })).toEqual([]);
  });

  it.each([
    ['a zero limit', { screeningLimit: { workingDays: 0 } }, 'policy.screeningLimit.workingDays'],
    ['both units', { planReviewLimit: { workingDays: 1, seconds: 1 } }, 'policy.planReviewLimit'],
    ['an unknown unit', { stallLimit: { hours: 3 } }, 'policy.stallLimit'],
    [
      'fractional seconds',
      { mentorAcceptanceLimit: { seconds: 1.5 } },
      'policy.mentorAcceptanceLimit.seconds',
    ],
    ['a reminder at 100%', { reminderFractions: [0.5, 1] }, 'policy.reminderFractions'],
    ['descending reminders', { reminderFractions: [0.8, 0.5] }, 'policy.reminderFractions'],
    ['zero revision rounds', { maxRevisionRounds: 0 }, 'policy.maxRevisionRounds'],
    ['fractional failed matches', { maxFailedMatches: 2.5 }, 'policy.maxFailedMatches'],
    ['a blank escalation contact', { escalationContact: ' ' }, 'policy.escalationContact'],
    ['an unknown setting', { holidays: [] }, 'policy.holidays'],
  ] as [string, Record<string, unknown>, string][])('refuses %s', (_label, overrides, field) => {
    const messages = validatePolicy({ ...DEFAULT_POLICY, ...overrides });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(field);
  });

  it('refuses a non-object', () => {
    expect(validatePolicy(undefined)).toEqual(['The policy must be an object.']);
  });
});

describe('limitFor', () => {
  it.each([
    ['screenApplication', DEFAULT_POLICY.screeningLimit],
    ['acceptAssignment', DEFAULT_POLICY.mentorAcceptanceLimit],
    ['approvePlan', DEFAULT_POLICY.planReviewLimit],
    ['recordCompany', undefined],
  ] as const)('%s → %p', (action, expected) => {
    expect(limitFor(DEFAULT_POLICY, action)).toEqual(expected);
  });
});

describe('extensionRefusal', () => {
  it.each([
    ['screenApplication', null],
    ['acceptAssignment', null],
    ['approvePlan', null],
    ['submitPlanVersion', 'no-time-limit'],
    ['recordInvestorContact', 'no-time-limit'],
    ['resumeProject', 'no-time-limit'],
  ] as const)('%s → %s', (action, rule) => {
    expect(extensionRefusal(DEFAULT_POLICY, action)?.rule ?? null).toBe(rule);
  });
});
