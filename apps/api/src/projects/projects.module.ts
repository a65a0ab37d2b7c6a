import { Module } from '@nestjs/common';
import { MentorPrivacy } from './mentor-privacy';
import { ProjectAccessService } from './project-access.service';
import { ProjectDetailService } from './project-detail.service';
import { ProjectListService } from './project-list.service';
import { ProjectSubmissionService } from './project-submission.service';
import { ProjectsController } from './projects.controller';
import { SubmissionCheckpoints } from './submission-checkpoints';

@Module({
  controllers: [ProjectsController],
  providers: [
    ProjectAccessService,
    ProjectDetailService,
    ProjectListService,
    ProjectSubmissionService,
    SubmissionCheckpoints,
    MentorPrivacy,
  ],
  exports: [ProjectAccessService, ProjectSubmissionService, MentorPrivacy],
})
export class ProjectsModule {}
