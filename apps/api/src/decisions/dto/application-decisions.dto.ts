import { Type } from 'class-transformer';
import { IsIn, IsString, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { LIMITS } from '@app/domain';
import { ApplicationDto } from '../../projects/dto/application.dto';
import { CommentedDecisionDto, DecisionBodyDto, IsMentorId } from './decision-base.dto';

/**
 * Not a CommentedDecisionDto: its optional comment would let a rejection without a reason
 * through to the workflow (a 422), while every other missing required comment is a 400 here.
 */
export class ScreenApplicationDto extends DecisionBodyDto {
  /** accept → mentor matching; reject (comment = reason) → REJECTED; return (comment) → resubmission. */
  @IsIn(['accept', 'reject', 'return'])
  outcome!: 'accept' | 'reject' | 'return';

  /** Required (the reason) when the outcome is reject or return. */
  @ValidateIf(
    (body: ScreenApplicationDto) => body.outcome !== 'accept' || body.comment !== undefined,
  )
  @IsString()
  @Matches(/\S/, { message: 'comment is required when the outcome is reject or return' })
  @MaxLength(LIMITS.text.comment)
  comment?: string;
}

export class ResubmitApplicationDto extends CommentedDecisionDto {
  @ValidateNested()
  @Type(() => ApplicationDto)
  application!: ApplicationDto;
}

export class AssignMentorDto extends CommentedDecisionDto {
  @IsMentorId()
  mentorId!: string;
}
