import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import type { Actor } from '@app/domain';
import { adminActorOf } from '../admin-audit/admin-audit.service';
import { CurrentActor, Roles } from '../auth';
import type { AuthenticatedCaller } from '../auth/authenticated-caller';
import { CurrentCaller } from '../auth/current-actor.decorator';
import {
  CreateMentorDto,
  ListMentorsQuery,
  MentorSelfProfileDto,
  UpdateMentorDto,
} from './dto/mentor.dto';
import { MentorCandidatesView, MentorPage, MentorView } from './dto/mentor.response';
import { MentorsService } from './mentors.service';

/** Staff keep the mentor records; reviewers read them. */
@Controller('mentors')
export class MentorsController {
  constructor(private readonly mentors: MentorsService) {}

  @Post()
  @HttpCode(201)
  @Roles('staff')
  create(
    @Body() body: CreateMentorDto,
    @CurrentCaller() caller: AuthenticatedCaller,
  ): Promise<MentorView> {
    return this.mentors.create(body, adminActorOf(caller));
  }

  @Get()
  @Roles('staff', 'reviewer')
  list(@Query() query: ListMentorsQuery): Promise<MentorPage> {
    return this.mentors.list(query);
  }

  @Get(':mentorId')
  @Roles('staff', 'reviewer')
  get(@Param('mentorId') mentorId: string): Promise<MentorView> {
    return this.mentors.view(mentorId);
  }

  @Patch(':mentorId')
  @Roles('staff')
  update(
    @Param('mentorId') mentorId: string,
    @Body() body: UpdateMentorDto,
    @CurrentCaller() caller: AuthenticatedCaller,
  ): Promise<MentorView> {
    return this.mentors.update(mentorId, body, adminActorOf(caller));
  }

  /** No longer ranked nor assignable; current projects keep the mentor until replaced. */
  @Post(':mentorId/deactivation')
  @HttpCode(200)
  @Roles('staff')
  deactivate(
    @Param('mentorId') mentorId: string,
    @CurrentCaller() caller: AuthenticatedCaller,
  ): Promise<MentorView> {
    return this.mentors.setActive(mentorId, false, adminActorOf(caller));
  }

  @Post(':mentorId/reactivation')
  @HttpCode(200)
  @Roles('staff')
  reactivate(
    @Param('mentorId') mentorId: string,
    @CurrentCaller() caller: AuthenticatedCaller,
  ): Promise<MentorView> {
    return this.mentors.setActive(mentorId, true, adminActorOf(caller));
  }
}

/** A mentor's own expertise and declared conflicts of interest. */
@Controller('me/mentor-profile')
@Roles('mentor')
export class MentorProfileController {
  constructor(private readonly mentors: MentorsService) {}

  @Get()
  get(@CurrentActor() actor: Actor): Promise<MentorView> {
    return this.mentors.ownProfile(actor);
  }

  @Patch()
  update(
    @CurrentActor() actor: Actor,
    @Body() body: MentorSelfProfileDto,
    @CurrentCaller() caller: AuthenticatedCaller,
  ): Promise<MentorView> {
    return this.mentors.updateOwnProfile(actor, body, adminActorOf(caller));
  }
}

/** The mentors ranked for a project now, each score and each exclusion explained. */
@Controller('projects/:projectId/mentor-candidates')
@Roles('staff', 'reviewer')
export class MentorCandidatesController {
  constructor(private readonly mentors: MentorsService) {}

  @Get()
  candidates(
    @Param('projectId') projectId: string,
    @CurrentActor() actor: Actor,
  ): Promise<MentorCandidatesView> {
    return this.mentors.candidates(projectId, actor);
  }
}
