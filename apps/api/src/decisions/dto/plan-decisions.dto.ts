import { ApiHideProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { LIMITS } from '@app/domain';
import type { PlanSummaries } from '@app/domain';
import { CommentedDecisionDto } from './decision-base.dto';

export class PlanSummariesDto implements PlanSummaries {
  @IsString() @MinLength(1) @MaxLength(LIMITS.text.planSummary) market!: string;
  @IsString() @MinLength(1) @MaxLength(LIMITS.text.planSummary) product!: string;
  @IsString() @MinLength(1) @MaxLength(LIMITS.text.planSummary) team!: string;
  @IsString() @MinLength(1) @MaxLength(LIMITS.text.planSummary) financials!: string;
  @IsString() @MinLength(1) @MaxLength(LIMITS.text.planSummary) ipStrategy!: string;
}

export class SubmitPlanVersionDto extends CommentedDecisionDto {
  /** An upload of this project: the id POST /projects/:projectId/plan-documents returned. */
  @IsUUID('all', {
    message: 'documentId must be the id POST /projects/:projectId/plan-documents returned',
  })
  documentId!: string;

  /**
   * Not accepted: a client could name any sha256. Declared only so that a client still sending
   * it hears why, instead of "should not exist".
   */
  @ApiHideProperty()
  @ValidateBy({
    name: 'server-hashed-document',
    validator: {
      validate: (value: unknown) => value === undefined,
      defaultMessage: () =>
        'document is not accepted: the server hashes every plan document; upload it with POST /projects/:projectId/plan-documents and send its documentId',
    },
  })
  document?: never;

  @ValidateNested()
  @Type(() => PlanSummariesDto)
  summaries!: PlanSummariesDto;
}
