import { HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '@app/domain';
import { findProject, StoredProject } from '@app/persistence';
import { SecurityRefusalException } from '../auth';

/**
 * Who may see a project: staff, admins and reviewers see every project; a mentor sees only the
 * projects proposed or assigned to them. Anything else is a 404, so project ids do not leak,
 * and the attempt goes to the security log.
 */
@Injectable()
export class ProjectAccessService {
  constructor(private readonly dataSource: DataSource) {}

  async visibleProject(projectId: string, actor: Actor, what: string): Promise<StoredProject> {
    const row = await findProject(this.dataSource, projectId);
    if (!row) throw new NotFoundException(`project ${projectId} not found`);
    if (actor.role === 'mentor' && row.mentorId !== actor.mentorId) {
      throw notYourProject(projectId, what);
    }
    return row;
  }

  /**
   * A project whose documents and history the caller may read: like `visibleProject`, but a
   * mentor must be the assigned one (a proposed mentor sees only the summary).
   */
  async assignedProject(projectId: string, actor: Actor, what: string): Promise<StoredProject> {
    const row = await this.visibleProject(projectId, actor, what);
    if (actor.role === 'mentor' && row.assignedMentorId !== actor.mentorId) {
      throw notYourProject(projectId, what);
    }
    return row;
  }
}

/** A mentor asking for another's project: answered as if it did not exist, and logged. */
function notYourProject(projectId: string, what: string): SecurityRefusalException {
  return new SecurityRefusalException(
    'not-your-project',
    HttpStatus.NOT_FOUND,
    `project ${projectId} not found`,
    { projectId, what },
  );
}
