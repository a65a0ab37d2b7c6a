import { Injectable } from '@nestjs/common';
import { Actor, OPEN_STAGES, type Stage } from '@app/domain';
import type { ProjectBoardQuery } from './dto/board.query';
import { ProjectListPage, ProjectListService } from './project-list.service';
import { ProjectStageCounts, ProjectStageCountsService } from './project-stage-counts.service';

export interface ProjectBoardColumn extends ProjectListPage {
  stage: string;
}

export interface ProjectBoard {
  /** The open stages in pipeline order (only the filtered stage with `stage`), first page each. */
  columns: ProjectBoardColumn[];
  /** What GET /projects/stage-counts answers for the same filters. */
  counts: ProjectStageCounts;
}

/**
 * The board's first screen in one answer: every column's first page and the counts, as GET
 * /projects and GET /projects/stage-counts give them for the same filters and caller. A board
 * asked for them in six requests beside /me, each paying the session lookup and the request's
 * own overhead in one process (bench/README.md, C2).
 */
@Injectable()
export class ProjectBoardService {
  constructor(
    private readonly list: ProjectListService,
    private readonly counts: ProjectStageCountsService,
  ) {}

  async board(actor: Actor, query: ProjectBoardQuery): Promise<ProjectBoard> {
    const { stage, limit, ...filters } = query;
    const stages: readonly Stage[] = stage ? [stage] : OPEN_STAGES;
    const [columns, counts] = await Promise.all([
      Promise.all(
        stages.map(async (column) => ({
          stage: column,
          ...(await this.list.list(actor, { ...filters, stage: column, limit })),
        })),
      ),
      this.counts.counts(actor, { ...filters, stage }),
    ]);
    return { columns, counts };
  }
}
