import { Type } from 'class-transformer';
import { IsIn, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { LIMITS } from '@app/domain';
import { ApplicationDto } from '../../projects/dto/application.dto';
import { CommentedDecisionDto } from './decision-base.dto';

export class ScreenApplicationDto extends CommentedDecisionDto {
  /** accept → mentor matching; reject (comment = reason) → REJECTED; return (comment) → resubmission. */
  @IsIn(['accept', 'reject', 'return'])
  outcome!: 'accept' | 'reject' | 'return';
}

export class ResubmitApplicationDto extends CommentedDecisionDto {
  @ValidateNested()
  @Type(() => ApplicationDto)
  application!: ApplicationDto;
}

export class AssignMentorDto extends CommentedDecisionDto {
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text.id)
  mentorId!: string;
}
