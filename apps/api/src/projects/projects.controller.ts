import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import type { Actor } from '@app/domain';
import { CurrentActor, Roles } from '../auth';
import { ApplicationDto } from './dto/application.dto';
import { ListProjectsQuery } from './dto/list-projects.query';
import { ProjectDetail, ProjectDetailService } from './project-detail.service';
import { ProjectListPage, ProjectListService } from './project-list.service';
import { ProjectSubmissionService, SubmittedProject } from './project-submission.service';
import { IDEMPOTENCY_KEY } from './idempotency-key';

@Controller('projects')
export class ProjectsController {
  constructor(
    private readonly submissions: ProjectSubmissionService,
    private readonly projects: ProjectListService,
    private readonly details: ProjectDetailService,
  ) {}

  /** Submits an application; eligibility is answered at once. Requires an Idempotency-Key. */
  @Post()
  @HttpCode(201)
  @Roles('staff')
  submit(
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() application: ApplicationDto,
  ): Promise<SubmittedProject> {
    if (!idempotencyKey || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new BadRequestException({
        message: 'the Idempotency-Key header is required: 1–100 letters, digits and . _ : -',
        field: 'Idempotency-Key',
      });
    }
    return this.submissions.submit(actor, idempotencyKey, application);
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListProjectsQuery): Promise<ProjectListPage> {
    return this.projects.list(actor, query);
  }

  @Get(':projectId')
  detail(
    @CurrentActor() actor: Actor,
    @Param('projectId') projectId: string,
  ): Promise<ProjectDetail> {
    return this.details.detail(projectId, actor);
  }
}
