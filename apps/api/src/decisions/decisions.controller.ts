import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import type { Actor, Decision, DecisionResult, DecisionType } from '@app/domain';
import { CurrentActor, Roles } from '../auth';
import { PlanDocumentsService } from '../plan-documents/plan-documents.service';
import { resolveDecisionId } from './decision-id';
import { DecisionsService } from './decisions.service';
import {
  AssignMentorDto,
  ResubmitApplicationDto,
  ScreenApplicationDto,
} from './dto/application-decisions.dto';
import {
  AmendCompanyDto,
  ApproveIncubationDto,
  RecordCompanyDto,
} from './dto/company-decisions.dto';
import { DecisionBodyDto } from './dto/decision-base.dto';
import { AmendInvestorContactDto, RecordInvestorContactDto } from './dto/investment-decisions.dto';
import {
  AcceptAssignmentDto,
  ApprovePlanDto,
  DeclineAssignmentDto,
  RequestRevisionDto,
  SignOffInvestmentDto,
} from './dto/mentor-decisions.dto';
import {
  AllowExtraRevisionRoundDto,
  ExtendDeadlineDto,
  PutOnHoldDto,
  ReplaceMentorDto,
  ResumeProjectDto,
  WithdrawDto,
} from './dto/override-decisions.dto';
import { SubmitPlanVersionDto } from './dto/plan-decisions.dto';

/**
 * One endpoint per decision, named in the users' words. The actor comes from the token, never
 * from the body; the decisionId from the body or the Idempotency-Key header.
 */
@Controller('projects/:projectId')
export class DecisionsController {
  constructor(
    private readonly decisions: DecisionsService,
    private readonly planDocuments: PlanDocumentsService,
  ) {}

  @Post('screening')
  @HttpCode(200)
  @Roles('staff')
  screen(
    @Param('projectId') id: string,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: ScreenApplicationDto,
  ): Promise<DecisionResult> {
    return this.send('screenApplication', id, actor, key, body);
  }

  @Post('resubmission')
  @HttpCode(200)
  @Roles('staff')
  resubmit(
    @Param('projectId') id: string,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: ResubmitApplicationDto,
  ): Promise<DecisionResult> {
    return this.send('resubmitApplication', id, actor, key, body);
  }

  @Post('mentor-assignment')
  @HttpCode(200)
  @Roles('staff')
  assignMentor(
    @Param('projectId') id: string,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: AssignMentorDto,
  ): Promise<DecisionResult> {
    return this.send('assignMentor', id, actor, key, body);
  }

  @Post('mentor-assignment/accept')
  @HttpCode(200)
  @Roles('mentor')
  acceptAssignment(
    @Param('projectId') id: string,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: AcceptAssignmentDto,
  ): Promise<DecisionResult> {
    return this.send('acceptAssignment', id, actor, key, body);
  }

  @Post('mentor-assignment/decline')
  @HttpCode(200)
  @Roles('mentor')
  declineAssignment(
    @Param('projectId') id: string,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: DeclineAssignmentDto,
  ): Promise<DecisionResult> {
    return this.send('declineAssignment', id, actor, key, body);
  }

  @Post('plan-versions')
  @HttpCode(200)
  @Roles('staff')
  async submitPlanVersion(
    @Param('projectId') id: string,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: SubmitPlanVersionDto,
  ): Promise<DecisionResult> {
    const { documentId, ...fields } = body;
    const document = await this.planDocuments.documentForPlanVersion(id, documentId, body.document);
    const decision: DecisionBodyDto = Object.assign(fields, { document });
    const result = await this.send('submitPlanVersion', id, actor, key, decision);
    if (document) await this.planDocuments.markReferenced(id, document.documentId);
    return result;
  }

  @Post('plan-review/approve')
  @HttpCode(200)
  @Roles('mentor')
  approvePlan(
    @Param('projectId') id: string,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: ApprovePlanDto,
  ): Promise<DecisionResult> {
    return this.send('approvePlan', id, actor, key, body);
  }

  @Post('plan-review/request-revision')
  @HttpCode(200)
  @Roles('mentor')
  requestRevision(
    @Param('projectId') id: string,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: RequestRevisionDto,
  ): Promise<DecisionResult> {
    return this.send('requestRevision', id, actor, key, body);
  }

  @Post('investor-contacts')
  @HttpCode(200)
  @Roles('staff')
  recordInvestorContact(
    @Param('projectId') id: string,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: RecordInvestorContactDto,
  ): Promise<DecisionResult> {
    return this.send('recordInvestorContact', id, actor, key, body);
  }

  @Post('investor-contacts/amendments')
  @HttpCode(200)
  @Roles('staff')
  amendInvestorContact(
    @Param('projectId') id: string,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: AmendInvestorContactDto,
  ): Promise<DecisionResult> {
    return this.send('amendInvestorContact', id, actor, key, body);
  }

  @Post('investment-sign-offs')
  @HttpCode(200)
  @Roles('staff', 'mentor')
  signOffInvestment(
    @Param('projectId') id: string,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: SignOffInvestmentDto,
  ): Promise<DecisionResult> {
    return this.send('signOffInvestment', id, actor, key, body);
  }

  @Post('company')
  @HttpCode(200)
  @Roles('staff')
  recordCompany(
    @Param('projectId') id: string,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: RecordCompanyDto,
  ): Promise<DecisionResult> {
    return this.send('recordCompany', id, actor, key, body);
  }

  @Post('company/amendments')
  @HttpCode(200)
  @Roles('staff')
  amendCompany(
    @Param('projectId') id: string,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: AmendCompanyDto,
  ): Promise<DecisionResult> {
    return this.send('amendCompany', id, actor, key, body);
  }

  @Post('incubation-approval')
  @HttpCode(200)
  @Roles('staff')
  approveIncubation(
    @Param('projectId') id: string,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: ApproveIncubationDto,
  ): Promise<DecisionResult> {
    return this.send('approveIncubation', id, actor, key, body);
  }

  @Post('withdrawal')
  @HttpCode(200)
  @Roles('staff')
  withdraw(
    @Param('projectId') id: string,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: WithdrawDto,
  ): Promise<DecisionResult> {
    return this.send('withdraw', id, actor, key, body);
  }

  @Post('mentor-replacement')
  @HttpCode(200)
  @Roles('staff')
  replaceMentor(
    @Param('projectId') id: string,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: ReplaceMentorDto,
  ): Promise<DecisionResult> {
    return this.send('replaceMentor', id, actor, key, body);
  }

  @Post('deadline-extensions')
  @HttpCode(200)
  @Roles('staff')
  extendDeadline(
    @Param('projectId') id: string,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: ExtendDeadlineDto,
  ): Promise<DecisionResult> {
    return this.send('extendDeadline', id, actor, key, body);
  }

  @Post('extra-revision-round')
  @HttpCode(200)
  @Roles('staff')
  allowExtraRevisionRound(
    @Param('projectId') id: string,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: AllowExtraRevisionRoundDto,
  ): Promise<DecisionResult> {
    return this.send('allowExtraRevisionRound', id, actor, key, body);
  }

  @Post('hold')
  @HttpCode(200)
  @Roles('staff')
  putOnHold(
    @Param('projectId') id: string,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: PutOnHoldDto,
  ): Promise<DecisionResult> {
    return this.send('putOnHold', id, actor, key, body);
  }

  @Post('resume')
  @HttpCode(200)
  @Roles('staff')
  resumeProject(
    @Param('projectId') id: string,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key: string | undefined,
    @Body() body: ResumeProjectDto,
  ): Promise<DecisionResult> {
    return this.send('resumeProject', id, actor, key, body);
  }

  private send(
    type: DecisionType,
    projectId: string,
    actor: Actor,
    idempotencyKey: string | undefined,
    body: DecisionBodyDto,
  ): Promise<DecisionResult> {
    const { decisionId, ...fields } = body;
    // A plain JSON value, as the workflow will see it, so both hash the same content.
    const decision = JSON.parse(JSON.stringify({ ...fields, type })) as Decision;
    return this.decisions.decide(
      projectId,
      actor,
      decision,
      resolveDecisionId(decisionId, idempotencyKey),
    );
  }
}
