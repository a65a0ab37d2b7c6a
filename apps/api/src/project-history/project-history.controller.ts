import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Actor } from '@app/domain';
import { CurrentActor } from '../auth';
import { HistoryQuery } from './dto/history.query';
import { TimelineQuery } from './dto/timeline.query';
import { ProjectHistoryDownload, RawHistoryService } from './raw-history.service';
import { ProjectReplayCheck, ReplayCheckService } from './replay-check.service';
import { timelineCsv } from './timeline-csv';
import { TimelineService } from './timeline.service';
import type { ProjectTimeline } from './timeline.types';

/**
 * A project's history for reviewers: the readable timeline (JSON or CSV), the raw event
 * histories and a server-side replay against the current workflow code. Staff, admins,
 * reviewers and the assigned mentor may read them.
 */
@Controller('projects')
export class ProjectHistoryController {
  constructor(
    private readonly timelines: TimelineService,
    private readonly histories: RawHistoryService,
    private readonly replays: ReplayCheckService,
  ) {}

  @Get(':projectId/timeline')
  async timeline(
    @CurrentActor() actor: Actor,
    @Param('projectId') projectId: string,
    @Query() query: TimelineQuery,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<ProjectTimeline | string> {
    const timeline = await this.timelines.timeline(projectId, actor);
    if (query.format !== 'csv') return timeline;
    response.header('Content-Type', 'text/csv; charset=utf-8');
    response.header(
      'Content-Disposition',
      `attachment; filename="project-${timeline.projectId}-timeline.csv"`,
    );
    return timelineCsv(
      timeline.entries.map((entry) => ({ entry })),
      false,
    );
  }

  /** All runs in order; `?run=<runId>` gives that run's history alone. */
  @Get(':projectId/history')
  history(
    @CurrentActor() actor: Actor,
    @Param('projectId') projectId: string,
    @Query() query: HistoryQuery,
  ): Promise<ProjectHistoryDownload | object> {
    return query.run
      ? this.histories.downloadRun(projectId, query.run, actor)
      : this.histories.download(projectId, actor);
  }

  @Get(':projectId/replay-check')
  replayCheck(
    @CurrentActor() actor: Actor,
    @Param('projectId') projectId: string,
  ): Promise<ProjectReplayCheck> {
    return this.replays.check(projectId, actor);
  }
}
