import type { PendingAction, ProjectRecords, ProjectState } from '@app/domain';
import type { StoredProjectRecords } from '@app/persistence';
import type { ProjectView } from '@app/workflows/public-api';
import type { StoredProject } from '@app/persistence';

/** What a mentor sees of a project proposed to them: no team ids, contacts or documents. */
export interface ProjectSummaryView {
  projectId: string;
  scope: 'summary';
  title: string;
  summary: string;
  fieldTags: string[];
  college: string;
  technologyReadinessLevel: number;
  teamSize: number;
  ipAssets: { title: string; status: string }[];
  fundingRequestedFen: number;
  stage: string;
  status: string;
  pendingActions: PendingAction[];
}

export interface ProjectFullView extends ProjectView {
  projectId: string;
  scope: 'full';
  source: 'workflow';
  /** The same records a closed project answers from PostgreSQL. */
  records: ProjectRecords;
}

/** A closed project's records; `application` is null only for a project backfilled without it. */
export type ClosedProjectRecords = Omit<ProjectRecords, 'application'> & {
  application: ProjectRecords['application'] | null;
};

export interface ClosedProjectView {
  projectId: string;
  scope: 'full';
  source: 'read-model';
  title: string;
  college: string;
  stage: string;
  status: string;
  mentorId: string | null;
  needsAttention: boolean;
  attentionReasons: string[];
  revisionRounds: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** Null for a project closed before records were kept and with nothing to rebuild them from. */
  records: ClosedProjectRecords | null;
  /** Where the records come from: the workflow, or a backfill from the archive or audit log. */
  recordsSource: StoredProjectRecords['source'] | null;
}

export function summaryOf(state: ProjectState, mentorId: string): ProjectSummaryView {
  const { application } = state;
  return {
    projectId: state.projectId,
    scope: 'summary',
    title: application.title,
    summary: application.summary,
    fieldTags: application.fieldTags,
    college: application.college,
    technologyReadinessLevel: application.technologyReadinessLevel,
    teamSize: application.teamMembers.length,
    ipAssets: application.ipAssets.map(({ title, status }) => ({ title, status })),
    fundingRequestedFen: application.fundingRequestedFen,
    stage: state.stage,
    status: state.status,
    pendingActions: state.pendingActions.filter((pending) => pending.mentorId === mentorId),
  };
}

export function closedProjectOf(
  row: StoredProject,
  stored: StoredProjectRecords | null,
): ClosedProjectView {
  return {
    projectId: row.id,
    scope: 'full',
    source: 'read-model',
    title: row.title,
    college: row.college,
    stage: row.stage,
    status: row.status,
    mentorId: row.mentorId,
    needsAttention: row.needsAttention,
    attentionReasons: row.attentionReasons,
    revisionRounds: row.revisionRounds,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    records: stored && {
      application: stored.application,
      planVersions: stored.planVersions,
      investorContacts: stored.investorContacts,
      company: stored.company,
    },
    recordsSource: stored?.source ?? null,
  };
}
