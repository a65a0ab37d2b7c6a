import { Module } from '@nestjs/common';
import { MentorPrivacy } from './mentor-privacy';
import { ProjectAccessService } from './project-access.service';
import { ProjectDetailService } from './project-detail.service';
import { ProjectListService } from './project-list.service';
import { ProjectStageCountsController } from './project-stage-counts.controller';
import { ProjectStageCountsService } from './project-stage-counts.service';
import { ProjectSubmissionService } from './project-submission.service';
import { ProjectsController } from './projects.controller';
import { SubmissionCheckpoints } from './submission-checkpoints';

@Module({
  // Counts first, so its static path is matched before :projectId whatever the router.
  controllers: [ProjectStageCountsController, ProjectsController],
  providers: [
    ProjectAccessService,
    ProjectDetailService,
    ProjectListService,
    ProjectStageCountsService,
    ProjectSubmissionService,
    SubmissionCheckpoints,
    MentorPrivacy,
  ],
  exports: [ProjectAccessService, ProjectSubmissionService, MentorPrivacy],
})
export class ProjectsModule {}
