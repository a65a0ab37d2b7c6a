import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, STAGES } from '@app/domain';
import { countProjectsByStage } from '@app/persistence';
import type { ProjectStageCountsQuery } from './dto/stage-counts.query';

export interface ProjectStageCounts {
  /** Every stage, in pipeline order, with the projects matching the filters (0 included). */
  stages: { stage: string; projects: number }[];
  total: number;
}

/** The board's column counts: what the list's pages would hold, all of them, per stage. */
@Injectable()
export class ProjectStageCountsService {
  constructor(private readonly dataSource: DataSource) {}

  async counts(actor: Actor, query: ProjectStageCountsQuery): Promise<ProjectStageCounts> {
    // A mentor counts only the projects proposed or assigned to them, as the list shows.
    const mentorId = actor.role === 'mentor' ? actor.mentorId : query.mentorId;
    const rows =
      actor.role === 'mentor' && !mentorId
        ? []
        : await countProjectsByStage(this.dataSource, { ...query, mentorId });
    const byStage = new Map(rows.map((row) => [row.stage, row.projects]));
    const stages = STAGES.map((stage) => ({ stage, projects: byStage.get(stage) ?? 0 }));
    return { stages, total: stages.reduce((sum, row) => sum + row.projects, 0) };
  }
}
