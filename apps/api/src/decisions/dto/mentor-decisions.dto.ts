import { IsString, MaxLength, MinLength } from 'class-validator';
import { LIMITS } from '@app/domain';
import { CommentedDecisionDto, ReasonedDecisionDto } from './decision-base.dto';

export class AcceptAssignmentDto extends CommentedDecisionDto {}

export class DeclineAssignmentDto extends ReasonedDecisionDto {}

export class ApprovePlanDto extends CommentedDecisionDto {}

export class RequestRevisionDto extends CommentedDecisionDto {
  @IsString()
  @MinLength(1, { message: 'comment is required for a revision request' })
  @MaxLength(LIMITS.text.comment)
  declare comment: string;
}

export class SignOffInvestmentDto extends CommentedDecisionDto {}
