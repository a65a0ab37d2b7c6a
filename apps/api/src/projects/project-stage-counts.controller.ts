import { Controller, Get, Query } from '@nestjs/common';
import type { Actor } from '@app/domain';
import { CurrentActor } from '../auth';
import { ProjectStageCountsQuery } from './dto/stage-counts.query';
import { ProjectStageCounts, ProjectStageCountsService } from './project-stage-counts.service';

@Controller('projects')
export class ProjectStageCountsController {
  constructor(private readonly counts: ProjectStageCountsService) {}

  /** How many projects match the board's filters in each stage (the list's pages carry no total). */
  @Get('stage-counts')
  stageCounts(
    @CurrentActor() actor: Actor,
    @Query() query: ProjectStageCountsQuery,
  ): Promise<ProjectStageCounts> {
    return this.counts.counts(actor, query);
  }
}
