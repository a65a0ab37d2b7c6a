import { HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '@app/domain';
import { SecurityRefusalException } from '../auth';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ProjectRow {
  id: string;
  workflow_id: string;
  title: string;
  college: string;
  stage: string;
  status: string;
  mentor_id: string | null;
  assigned_mentor_id: string | null;
  needs_attention: boolean;
  attention_reasons: string[];
  next_due_at: Date | null;
  pending_actions: unknown[];
  revision_rounds: number;
  version: number;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
}

/**
 * Who may see a project: staff, admins and reviewers see every project; a mentor sees only the
 * projects proposed or assigned to them. Anything else is a 404, so project ids do not leak,
 * and the attempt goes to the security log.
 */
@Injectable()
export class ProjectAccessService {
  constructor(private readonly dataSource: DataSource) {}

  async visibleProject(projectId: string, actor: Actor, what: string): Promise<ProjectRow> {
    const rows: ProjectRow[] = UUID.test(projectId)
      ? await this.dataSource.query('SELECT * FROM projects WHERE id = $1', [projectId])
      : [];
    const row = rows[0];
    if (!row) throw new NotFoundException(`project ${projectId} not found`);
    if (actor.role === 'mentor' && row.mentor_id !== actor.mentorId) {
      throw new SecurityRefusalException(
        'not-your-project',
        HttpStatus.NOT_FOUND,
        `project ${projectId} not found`,
        { projectId, what },
      );
    }
    return row;
  }

  /**
   * A project whose documents and history the caller may read: like `visibleProject`, but a
   * mentor must be the assigned one (a proposed mentor sees only the summary).
   */
  async assignedProject(projectId: string, actor: Actor, what: string): Promise<ProjectRow> {
    const row = await this.visibleProject(projectId, actor, what);
    if (actor.role === 'mentor' && row.assigned_mentor_id !== actor.mentorId) {
      throw new SecurityRefusalException(
        'not-your-project',
        HttpStatus.NOT_FOUND,
        `project ${projectId} not found`,
        { projectId, what },
      );
    }
    return row;
  }
}
