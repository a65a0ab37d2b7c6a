import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, projectRecordsOf } from '@app/domain';
import { readProjectRecords } from '@app/persistence';
import { stateQuery } from '@app/workflows/public-api';
import { SecurityRefusalException } from '../auth';
import { TemporalGateway } from '../temporal/temporal.gateway';
import { MentorPrivacy } from './mentor-privacy';
import { ProjectAccessService } from './project-access.service';
import {
  ClosedProjectView,
  closedProjectOf,
  ProjectFullView,
  ProjectSummaryView,
  summaryOf,
} from './project-views';

export type ProjectDetail = ProjectFullView | ProjectSummaryView | ClosedProjectView;

/**
 * One project as it stands: the workflow's live state (read by query, no database), or the
 * read model and the project's records once the project is closed. Both carry `records`
 * (application, plan versions, contacts, company) in the same shape. An assigned mentor sees it whole, a proposed one only
 * its summary, and a mentor who declined, timed out or was replaced sees nothing.
 */
@Injectable()
export class ProjectDetailService {
  constructor(
    private readonly access: ProjectAccessService,
    private readonly temporal: TemporalGateway,
    private readonly privacy: MentorPrivacy,
    private readonly dataSource: DataSource,
  ) {}

  async detail(projectId: string, actor: Actor): Promise<ProjectDetail> {
    const detail = await this.wholeDetail(projectId, actor);
    return actor.role === 'mentor' && actor.mentorId
      ? this.privacy.forMentor(detail, actor.mentorId)
      : detail;
  }

  private async wholeDetail(projectId: string, actor: Actor): Promise<ProjectDetail> {
    const row = await this.access.visibleProject(projectId, actor, 'read');
    if (row.status === 'CLOSED') {
      if (actor.role === 'mentor' && row.mentorId !== actor.mentorId) throw notYours(projectId);
      return closedProjectOf(row, await readProjectRecords(this.dataSource, projectId));
    }
    const view = await this.temporal.call((client) =>
      client.workflow.getHandle(row.workflowId).query(stateQuery),
    );
    const records = projectRecordsOf(view.state);
    if (actor.role !== 'mentor') {
      return { ...view, projectId, scope: 'full', source: 'workflow', records };
    }
    const { matching } = view.state;
    if (matching.assignedMentorId === actor.mentorId) {
      return { ...view, projectId, scope: 'full', source: 'workflow', ranking: undefined, records };
    }
    if (actor.mentorId && matching.proposedMentorId === actor.mentorId) {
      return summaryOf(view.state, actor.mentorId);
    }
    throw notYours(projectId);
  }
}

function notYours(projectId: string): SecurityRefusalException {
  return new SecurityRefusalException(
    'not-your-project',
    HttpStatus.NOT_FOUND,
    `project ${projectId} not found`,
    { projectId, what: 'read' },
  );
}
