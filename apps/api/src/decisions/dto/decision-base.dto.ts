import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { LIMITS } from '@app/domain';

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/** Every decision body: the client's decisionId (or the Idempotency-Key header instead). */
export abstract class DecisionBodyDto {
  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.text.id)
  @Matches(ID_PATTERN, { message: 'decisionId must be letters, digits and . _ : -' })
  decisionId?: string;
}

export abstract class CommentedDecisionDto extends DecisionBodyDto {
  @IsOptional()
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
