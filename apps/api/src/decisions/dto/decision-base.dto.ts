import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Optional } from '../../common/dto/optional';
import { LIMITS } from '@app/domain';

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/**
 * Every decision body carries the client's decisionId: the same id sent again changes nothing.
 * (An Idempotency-Key header is no alternative: OpenAPI cannot say "a body field or a header".)
 */
export abstract class DecisionBodyDto {
  @ApiProperty({
    description: 'The client’s id of this decision: sent again, it changes nothing.',
    pattern: ID_PATTERN.source,
    minLength: 1,
    maxLength: LIMITS.text.id,
  })
  @IsString({ message: 'decisionId is required: 1–100 letters, digits and . _ : -' })
  @MaxLength(LIMITS.text.id)
  @Matches(ID_PATTERN, { message: 'decisionId must be letters, digits and . _ : -' })
  decisionId!: string;
}

/** A mentor's id in a decision body: the domain's id shape, so a bad one is a 400 here, not a 422. */
export const IsMentorId = (): PropertyDecorator =>
  applyDecorators(
    IsString(),
    MinLength(1),
    MaxLength(LIMITS.text.id),
    Matches(ID_PATTERN, { message: 'mentorId must be letters, digits and . _ : -' }),
  );

export abstract class CommentedDecisionDto extends DecisionBodyDto {
  @Optional()
  @IsString()
  @MaxLength(LIMITS.text.comment)
  comment?: string;
}

/** Corrections, overrides, declines and withdrawals say why. */
export abstract class ReasonedDecisionDto extends DecisionBodyDto {
  @IsString()
  @MinLength(1, { message: 'reason is required' })
  @Matches(/\S/, { message: 'reason is required' })
  @MaxLength(LIMITS.text.reason)
  reason!: string;
}
