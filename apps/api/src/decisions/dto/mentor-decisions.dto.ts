import { IsString, Matches, MaxLength } from 'class-validator';
import { LIMITS } from '@app/domain';
import { CommentedDecisionDto, DecisionBodyDto, ReasonedDecisionDto } from './decision-base.dto';

export class AcceptAssignmentDto extends CommentedDecisionDto {}

export class DeclineAssignmentDto extends ReasonedDecisionDto {}

export class ApprovePlanDto extends CommentedDecisionDto {}

/** Not a CommentedDecisionDto, whose optional comment would let a missing one through. */
export class RequestRevisionDto extends DecisionBodyDto {
  @IsString()
  @Matches(/\S/, { message: 'comment is required for a revision request' })
  @MaxLength(LIMITS.text.comment)
  comment!: string;
}

export class SignOffInvestmentDto extends CommentedDecisionDto {}

/** A note by staff or the assigned mentor: the comment is the note, so it is required. */
export class AddNoteDto extends DecisionBodyDto {
  @IsString()
  @Matches(/\S/, { message: 'comment is required: it is the note' })
  @MaxLength(LIMITS.text.comment)
  comment!: string;
}
