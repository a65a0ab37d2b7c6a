import { Application } from './application.types';
import { PlanDocument, PlanSummaries } from './business-plan.types';
import { CompanyRegistration } from './company.types';
import { InvestorContact } from './investor-contact.types';
import { Duration } from './policy.types';

/** What people decide. Each variant is the body of one Temporal Update, tagged by `type`. */
export interface ScreenApplicationDecision {
  type: 'screenApplication';
  outcome: 'accept' | 'reject' | 'return';
  /** Required for reject (the reason) and return (what to change). */
  comment?: string;
}

export interface ResubmitApplicationDecision {
  type: 'resubmitApplication';
  /** The revised application; its college must stay the same (the title claim is per college). */
  application: Application;
  comment?: string;
}

export interface AssignMentorDecision {
  type: 'assignMentor';
  mentorId: string;
  comment?: string;
}

export interface AcceptAssignmentDecision {
  type: 'acceptAssignment';
  comment?: string;
}

export interface DeclineAssignmentDecision {
  type: 'declineAssignment';
  reason: string;
}

export interface SubmitPlanVersionDecision {
  type: 'submitPlanVersion';
  document: PlanDocument;
  summaries: PlanSummaries;
  comment?: string;
}

export interface ApprovePlanDecision {
  type: 'approvePlan';
  comment?: string;
}

export interface RequestRevisionDecision {
  type: 'requestRevision';
  comment: string;
}

export interface RecordInvestorContactDecision extends InvestorContact {
  type: 'recordInvestorContact';
}

export interface SignOffInvestmentDecision {
  type: 'signOffInvestment';
  comment?: string;
}

export interface RecordCompanyDecision extends CompanyRegistration {
  type: 'recordCompany';
}

export interface ApproveIncubationDecision {
  type: 'approveIncubation';
  comment?: string;
}

export interface WithdrawDecision {
  type: 'withdraw';
  reason: string;
}

export interface AmendInvestorContactDecision extends InvestorContact {
  type: 'amendInvestorContact';
  reason: string;
}

export interface AmendCompanyDecision extends CompanyRegistration {
  type: 'amendCompany';
  reason: string;
}

export interface ReplaceMentorDecision {
  type: 'replaceMentor';
  mentorId: string;
  reason: string;
}

export interface ExtendDeadlineDecision {
  type: 'extendDeadline';
  /** The pending action whose due time moves, e.g. `screenApplication`. */
  action: DecisionType;
  byDuration: Duration;
  reason: string;
}

export interface AllowExtraRevisionRoundDecision {
  type: 'allowExtraRevisionRound';
  reason: string;
}

export interface PutOnHoldDecision {
  type: 'putOnHold';
  reason: string;
}

export interface ResumeProjectDecision {
  type: 'resumeProject';
  reason: string;
}

export type Decision =
  | ScreenApplicationDecision
  | ResubmitApplicationDecision
  | AssignMentorDecision
  | AcceptAssignmentDecision
  | DeclineAssignmentDecision
  | SubmitPlanVersionDecision
  | ApprovePlanDecision
  | RequestRevisionDecision
  | RecordInvestorContactDecision
  | SignOffInvestmentDecision
  | RecordCompanyDecision
  | ApproveIncubationDecision
  | WithdrawDecision
  | AmendInvestorContactDecision
  | AmendCompanyDecision
  | ReplaceMentorDecision
  | ExtendDeadlineDecision
  | AllowExtraRevisionRoundDecision
  | PutOnHoldDecision
  | ResumeProjectDecision;

export type DecisionType = Decision['type'];

export type DecisionOf<T extends DecisionType> = Extract<Decision, { type: T }>;

/** A record keyed by every decision type, so the compiler notices a type added to the union. */
const DECISION_TYPE_KEYS: Record<DecisionType, true> = {
  screenApplication: true,
  resubmitApplication: true,
  assignMentor: true,
  acceptAssignment: true,
  declineAssignment: true,
  submitPlanVersion: true,
  approvePlan: true,
  requestRevision: true,
  recordInvestorContact: true,
  signOffInvestment: true,
  recordCompany: true,
  approveIncubation: true,
  withdraw: true,
  amendInvestorContact: true,
  amendCompany: true,
  replaceMentor: true,
  extendDeadline: true,
  allowExtraRevisionRound: true,
  putOnHold: true,
  resumeProject: true,
};

/** Every decision type, in pipeline order, then the corrections and overrides. */
export const DECISION_TYPES = Object.keys(DECISION_TYPE_KEYS) as readonly DecisionType[];

export function isDecisionType(value: unknown): value is DecisionType {
  return (
    typeof value === 'string' && Object.prototype.hasOwnProperty.call(DECISION_TYPE_KEYS, value)
  );
}

/** The free text a decision carries for the history: its comment or its reason. */
export function decisionNote(decision: Decision): string | undefined {
  if ('reason' in decision) return decision.reason;
  if ('comment' in decision) return decision.comment;
  return undefined;
}
