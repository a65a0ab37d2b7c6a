import { DecisionType } from './decisions.types';
import { OPEN_STAGES, Stage } from './stage.types';

/** Who may take each decision. Admins count as staff. */
export type DecisionAuthority = 'staff' | 'mentor' | 'staff-or-mentor';

export interface DecisionPermission {
  authority: DecisionAuthority;
  stages: readonly Stage[];
}

const AFTER_MATCHING: readonly Stage[] = [
  Stage.BUSINESS_PLAN,
  Stage.INVESTOR_CONTACT,
  Stage.COMPANY_REGISTRATION,
];

/** The stage and role half of every decision's rules, as one table. */
export const DECISION_PERMISSIONS: Record<DecisionType, DecisionPermission> = {
  screenApplication: { authority: 'staff', stages: [Stage.APPLICATION] },
  resubmitApplication: { authority: 'staff', stages: [Stage.APPLICATION] },
  assignMentor: { authority: 'staff', stages: [Stage.MENTOR_MATCHING] },
  acceptAssignment: { authority: 'mentor', stages: [Stage.MENTOR_MATCHING] },
  declineAssignment: { authority: 'mentor', stages: [Stage.MENTOR_MATCHING] },
  submitPlanVersion: { authority: 'staff', stages: [Stage.BUSINESS_PLAN] },
  approvePlan: { authority: 'mentor', stages: [Stage.BUSINESS_PLAN] },
  requestRevision: { authority: 'mentor', stages: [Stage.BUSINESS_PLAN] },
  recordInvestorContact: { authority: 'staff', stages: [Stage.INVESTOR_CONTACT] },
  signOffInvestment: { authority: 'staff-or-mentor', stages: [Stage.INVESTOR_CONTACT] },
  recordCompany: { authority: 'staff', stages: [Stage.COMPANY_REGISTRATION] },
  approveIncubation: { authority: 'staff', stages: [Stage.COMPANY_REGISTRATION] },
  withdraw: { authority: 'staff', stages: OPEN_STAGES },
  // A contact recorded before the stage closed may still be corrected until INCUBATED.
  amendInvestorContact: {
    authority: 'staff',
    stages: [Stage.INVESTOR_CONTACT, Stage.COMPANY_REGISTRATION],
  },
  amendCompany: { authority: 'staff', stages: [Stage.COMPANY_REGISTRATION] },
  replaceMentor: { authority: 'staff', stages: AFTER_MATCHING },
  extendDeadline: { authority: 'staff', stages: OPEN_STAGES },
  allowExtraRevisionRound: { authority: 'staff', stages: [Stage.BUSINESS_PLAN] },
  putOnHold: { authority: 'staff', stages: OPEN_STAGES },
  resumeProject: { authority: 'staff', stages: OPEN_STAGES },
};
