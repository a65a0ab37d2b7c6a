import { Module } from '@nestjs/common';
import { MentorPrivacy } from './mentor-privacy';
import { ProjectAccessService } from './project-access.service';
import { ProjectBoardController } from './project-board.controller';
import { ProjectBoardService } from './project-board.service';
import { ProjectDetailService } from './project-detail.service';
import { ProjectListService } from './project-list.service';
import { ProjectStageCountsController } from './project-stage-counts.controller';
import { ProjectStageCountsService } from './project-stage-counts.service';
import { ProjectSubmissionService } from './project-submission.service';
import { ProjectsController } from './projects.controller';
import { SubmissionCheckpoints } from './submission-checkpoints';

@Module({
  // Counts and board first, so their static paths are matched before :projectId whatever the
  // router.
  controllers: [ProjectStageCountsController, ProjectBoardController, ProjectsController],
  providers: [
    ProjectAccessService,
    ProjectBoardService,
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
