import { Application } from './application.types';
import {
  CompanyRecord,
  PlanVersion,
  ProjectState,
  RecordedInvestorContact,
} from './project-state.types';

/**
 * The domain records of a project that outlive its workflow: what was applied for, every plan
 * version with its review, the investor contacts as amended, and the company. The recording
 * activity keeps them in PostgreSQL, so a closed project reads the same as an open one.
 */
export interface ProjectRecords {
  application: Application;
  planVersions: PlanVersion[];
  investorContacts: RecordedInvestorContact[];
  company: CompanyRecord | null;
}

export function projectRecordsOf(state: ProjectState): ProjectRecords {
  return {
    application: state.application,
    planVersions: state.plan.versions,
    investorContacts: state.investorContacts,
    company: state.company ?? null,
  };
}
