import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { ProjectHistoryController } from './project-history.controller';
import { ProjectRunsService } from './project-runs.service';
import { RawHistoryService } from './raw-history.service';
import { ReplayCheckService } from './replay-check.service';
import { ProjectHistoryAccess, TimelineService } from './timeline.service';

/** Histories for reviewers: timelines, raw histories and replay checks, from Temporal or the archive. */
@Module({
  imports: [ProjectsModule],
  controllers: [ProjectHistoryController],
  providers: [
    ProjectHistoryAccess,
    ProjectRunsService,
    TimelineService,
    RawHistoryService,
    ReplayCheckService,
  ],
  exports: [TimelineService],
})
export class ProjectHistoryModule {}
