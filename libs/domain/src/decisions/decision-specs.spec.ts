import { DECISION_PERMISSIONS } from '../decision-permissions.rules';
import { DECISION_SPECS, DECISION_TYPES, isDecisionType } from './index';

describe('the decision registry', () => {
  it('lists every type once, in the order of the registry', () => {
    expect(new Set(DECISION_TYPES).size).toBe(DECISION_TYPES.length);
    expect(DECISION_TYPES).toEqual(Object.keys(DECISION_SPECS));
    expect(DECISION_TYPES.every(isDecisionType)).toBe(true);
    expect(isDecisionType('signOffInvestorContact')).toBe(false);
  });

  it('reads the permission table from each spec', () => {
    for (const type of DECISION_TYPES) {
      expect(DECISION_PERMISSIONS[type]).toBe(DECISION_SPECS[type].permission);
    }
  });

  it('words, in both languages, every step that can be pending (the sign-off included)', () => {
    const pendable = [
      'screenApplication',
      'resubmitApplication',
      'assignMentor',
      'acceptAssignment',
      'submitPlanVersion',
      'approvePlan',
      'allowExtraRevisionRound',
      'recordInvestorContact',
      'signOffInvestment',
      'recordCompany',
      'approveIncubation',
      'resumeProject',
    ] as const;
    for (const type of pendable) {
      expect(DECISION_SPECS[type].asks).toEqual({
        zh: expect.any(String) as string,
        en: expect.any(String) as string,
      });
    }
    expect(DECISION_SPECS.signOffInvestment.asks?.en).toBe('sign off the investor-contact stage');
  });
});
