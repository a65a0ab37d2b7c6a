import { acceptAssignment, AcceptAssignmentDecision } from './accept-assignment';
import { addNote, AddNoteDecision } from './add-note';
import { amendCompany, AmendCompanyDecision } from './amend-company';
import { amendInvestorContact, AmendInvestorContactDecision } from './amend-investor-contact';
import { approveIncubation, ApproveIncubationDecision } from './approve-incubation';
import { approvePlan, ApprovePlanDecision } from './approve-plan';
import { assignMentor, AssignMentorDecision } from './assign-mentor';
import {
  allowExtraRevisionRound,
  AllowExtraRevisionRoundDecision,
} from './allow-extra-revision-round';
import type { DecisionSpec } from './decision-spec.types';
import { declineAssignment, DeclineAssignmentDecision } from './decline-assignment';
import { extendDeadline, ExtendDeadlineDecision } from './extend-deadline';
import { putOnHold, PutOnHoldDecision } from './put-on-hold';
import { recordCompany, RecordCompanyDecision } from './record-company';
import { recordInvestorContact, RecordInvestorContactDecision } from './record-investor-contact';
import { replaceMentor, ReplaceMentorDecision } from './replace-mentor';
import { requestRevision, RequestRevisionDecision } from './request-revision';
import { resubmitApplication, ResubmitApplicationDecision } from './resubmit-application';
import { resumeProject, ResumeProjectDecision } from './resume-project';
import { screenApplication, ScreenApplicationDecision } from './screen-application';
import { signOffInvestment, SignOffInvestmentDecision } from './sign-off-investment';
import { submitPlanVersion, SubmitPlanVersionDecision } from './submit-plan-version';
import { withdraw, WithdrawDecision } from './withdraw';

export type {
  AcceptAssignmentDecision,
  AddNoteDecision,
  AllowExtraRevisionRoundDecision,
  AmendCompanyDecision,
  AmendInvestorContactDecision,
  ApproveIncubationDecision,
  ApprovePlanDecision,
  AssignMentorDecision,
  DeclineAssignmentDecision,
  ExtendDeadlineDecision,
  PutOnHoldDecision,
  RecordCompanyDecision,
  RecordInvestorContactDecision,
  ReplaceMentorDecision,
  RequestRevisionDecision,
  ResubmitApplicationDecision,
  ResumeProjectDecision,
  ScreenApplicationDecision,
  SignOffInvestmentDecision,
  SubmitPlanVersionDecision,
  WithdrawDecision,
};
export * from './decision-spec.types';

/** What people decide. Each variant is the body of one Temporal Update, tagged by `type`. */
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
  | ResumeProjectDecision
  | AddNoteDecision;

export type DecisionType = Decision['type'];

export type DecisionOf<T extends DecisionType> = Extract<Decision, { type: T }>;

/**
 * Every decision type's spec, one file each. Keyed by every type of the union, so the compiler
 * refuses a type without its permission, shape, judgement, effect and wording. The order is
 * the pipeline's, then the corrections and overrides (it is the order `DECISION_TYPES` lists).
 */
export const DECISION_SPECS: { [T in DecisionType]: DecisionSpec<DecisionOf<T>> } = {
  screenApplication,
  resubmitApplication,
  assignMentor,
  acceptAssignment,
  declineAssignment,
  submitPlanVersion,
  approvePlan,
  requestRevision,
  recordInvestorContact,
  signOffInvestment,
  recordCompany,
  approveIncubation,
  withdraw,
  amendInvestorContact,
  amendCompany,
  replaceMentor,
  extendDeadline,
  allowExtraRevisionRound,
  putOnHold,
  resumeProject,
  addNote,
};

/** The spec of a decision's type, typed for a decision of any type. */
export function decisionSpecOf<D extends Decision>(decision: D): DecisionSpec<D> {
  return DECISION_SPECS[decision.type] as unknown as DecisionSpec<D>;
}

/** Every decision type, in pipeline order, then the corrections and overrides. */
export const DECISION_TYPES = Object.keys(DECISION_SPECS) as readonly DecisionType[];

export function isDecisionType(value: unknown): value is DecisionType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DECISION_SPECS, value);
}
