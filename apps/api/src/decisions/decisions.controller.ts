import { Body, Controller } from '@nestjs/common';
import { Decider, DecisionCall, DecisionEndpoint } from './decision-endpoint';
import { DecisionsService } from './decisions.service';
import * as dto from './dto';

/**
 * One endpoint per decision, named in the users' words; who may send it comes from the domain's
 * permission table. The actor comes from the token, never from the body; the decisionId from
 * the body (an Idempotency-Key header beside it must be the same).
 */
@Controller('projects/:projectId')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @DecisionEndpoint('screening', 'screenApplication')
  screen(@Decider() call: DecisionCall, @Body() body: dto.ScreenApplicationDto) {
    return this.decisions.take(call, body);
  }

  @DecisionEndpoint('resubmission', 'resubmitApplication')
  resubmit(@Decider() call: DecisionCall, @Body() body: dto.ResubmitApplicationDto) {
    return this.decisions.take(call, body);
  }

  @DecisionEndpoint('mentor-assignment', 'assignMentor')
  assignMentor(@Decider() call: DecisionCall, @Body() body: dto.AssignMentorDto) {
    return this.decisions.take(call, body);
  }

  @DecisionEndpoint('mentor-assignment/accept', 'acceptAssignment')
  acceptAssignment(@Decider() call: DecisionCall, @Body() body: dto.AcceptAssignmentDto) {
    return this.decisions.take(call, body);
  }

  @DecisionEndpoint('mentor-assignment/decline', 'declineAssignment')
  declineAssignment(@Decider() call: DecisionCall, @Body() body: dto.DeclineAssignmentDto) {
    return this.decisions.take(call, body);
  }

  @DecisionEndpoint('plan-versions', 'submitPlanVersion')
  submitPlanVersion(@Decider() call: DecisionCall, @Body() body: dto.SubmitPlanVersionDto) {
    return this.decisions.submitPlanVersion(call, body);
  }

  @DecisionEndpoint('plan-review/approve', 'approvePlan')
  approvePlan(@Decider() call: DecisionCall, @Body() body: dto.ApprovePlanDto) {
    return this.decisions.take(call, body);
  }

  @DecisionEndpoint('plan-review/request-revision', 'requestRevision')
  requestRevision(@Decider() call: DecisionCall, @Body() body: dto.RequestRevisionDto) {
    return this.decisions.take(call, body);
  }

  @DecisionEndpoint('investor-contacts', 'recordInvestorContact')
  recordInvestorContact(@Decider() call: DecisionCall, @Body() body: dto.RecordInvestorContactDto) {
    return this.decisions.take(call, body);
  }

  @DecisionEndpoint('investor-contacts/amendments', 'amendInvestorContact')
  amendInvestorContact(@Decider() call: DecisionCall, @Body() body: dto.AmendInvestorContactDto) {
    return this.decisions.take(call, body);
  }

  @DecisionEndpoint('investment-sign-offs', 'signOffInvestment')
  signOffInvestment(@Decider() call: DecisionCall, @Body() body: dto.SignOffInvestmentDto) {
    return this.decisions.take(call, body);
  }

  @DecisionEndpoint('company', 'recordCompany')
  recordCompany(@Decider() call: DecisionCall, @Body() body: dto.RecordCompanyDto) {
    return this.decisions.take(call, body);
  }

  @DecisionEndpoint('company/amendments', 'amendCompany')
  amendCompany(@Decider() call: DecisionCall, @Body() body: dto.AmendCompanyDto) {
    return this.decisions.take(call, body);
  }

  @DecisionEndpoint('incubation-approval', 'approveIncubation')
  approveIncubation(@Decider() call: DecisionCall, @Body() body: dto.ApproveIncubationDto) {
    return this.decisions.take(call, body);
  }

  @DecisionEndpoint('withdrawal', 'withdraw')
  withdraw(@Decider() call: DecisionCall, @Body() body: dto.WithdrawDto) {
    return this.decisions.take(call, body);
  }

  @DecisionEndpoint('mentor-replacement', 'replaceMentor')
  replaceMentor(@Decider() call: DecisionCall, @Body() body: dto.ReplaceMentorDto) {
    return this.decisions.take(call, body);
  }

  @DecisionEndpoint('deadline-extensions', 'extendDeadline')
  extendDeadline(@Decider() call: DecisionCall, @Body() body: dto.ExtendDeadlineDto) {
    return this.decisions.take(call, body);
  }

  @DecisionEndpoint('extra-revision-round', 'allowExtraRevisionRound')
  allowExtraRevisionRound(
    @Decider() call: DecisionCall,
    @Body() body: dto.AllowExtraRevisionRoundDto,
  ) {
    return this.decisions.take(call, body);
  }

  @DecisionEndpoint('hold', 'putOnHold')
  putOnHold(@Decider() call: DecisionCall, @Body() body: dto.PutOnHoldDto) {
    return this.decisions.take(call, body);
  }

  @DecisionEndpoint('resume', 'resumeProject')
  resumeProject(@Decider() call: DecisionCall, @Body() body: dto.ResumeProjectDto) {
    return this.decisions.take(call, body);
  }
}
