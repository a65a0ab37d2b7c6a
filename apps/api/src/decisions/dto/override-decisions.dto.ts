import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Max, Min, ValidateNested } from 'class-validator';
import { Optional } from '../../common/dto/optional';
import { DECISION_TYPES, LIMITS } from '@app/domain';
import type { DecisionType } from '@app/domain';
import { ReasonedDecisionDto, IsMentorId } from './decision-base.dto';

export class WithdrawDto extends ReasonedDecisionDto {}

export class ReplaceMentorDto extends ReasonedDecisionDto {
  @IsMentorId()
  mentorId!: string;
}

/** Give exactly one of the two: working days in production, seconds for tests. */
export class DurationDto {
  @Optional()
  @IsInt()
  @Min(1)
  @Max(LIMITS.extension.maxWorkingDays)
  workingDays?: number;

  @Optional()
  @IsInt()
  @Min(1)
  @Max(LIMITS.extension.maxSeconds)
  seconds?: number;
}

export class ExtendDeadlineDto extends ReasonedDecisionDto {
  // Listed in the pipeline's order, not in whatever order the compiler keeps the union in.
  @ApiProperty({ type: 'string', enum: DECISION_TYPES })
  @IsIn(DECISION_TYPES)
  action!: DecisionType;

  @ValidateNested()
  @Type(() => DurationDto)
  byDuration!: DurationDto;
}

export class AllowExtraRevisionRoundDto extends ReasonedDecisionDto {}

export class PutOnHoldDto extends ReasonedDecisionDto {}

export class ResumeProjectDto extends ReasonedDecisionDto {}
