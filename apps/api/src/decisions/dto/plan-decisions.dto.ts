import { Type } from 'class-transformer';
import {
  IsInt,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  ValidationArguments,
} from 'class-validator';
import { LIMITS } from '@app/domain';
import type { PlanDocument, PlanSummaries } from '@app/domain';
import { CommentedDecisionDto } from './decision-base.dto';

export class PlanDocumentDto implements PlanDocument {
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text.id)
  documentId!: string;

  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lowercase hex digits' })
  sha256!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text.fileName)
  fileName!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.text.mediaType)
  mediaType!: string;

  @IsInt()
  @Min(LIMITS.documentSizeBytes.min)
  @Max(LIMITS.documentSizeBytes.max)
  sizeBytes!: number;
}

export class PlanSummariesDto implements PlanSummaries {
  @IsString() @MinLength(1) @MaxLength(LIMITS.text.planSummary) market!: string;
  @IsString() @MinLength(1) @MaxLength(LIMITS.text.planSummary) product!: string;
  @IsString() @MinLength(1) @MaxLength(LIMITS.text.planSummary) team!: string;
  @IsString() @MinLength(1) @MaxLength(LIMITS.text.planSummary) financials!: string;
  @IsString() @MinLength(1) @MaxLength(LIMITS.text.planSummary) ipStrategy!: string;
}

export class SubmitPlanVersionDto extends CommentedDecisionDto {
  /** The whole document record; or send `documentId` of an upload instead. */
  @ValidateIf((body: SubmitPlanVersionDto) => body.document !== undefined || !body.documentId)
  @ValidateNested()
  @Type(() => PlanDocumentDto)
  document?: PlanDocumentDto;

  /** An upload of this project (POST /projects/:projectId/plan-documents), instead of `document`. */
  @ValidateIf((body: SubmitPlanVersionDto) => body.documentId !== undefined || !body.document)
  @IsUUID('all', {
    message:
      'documentId must be the id POST /projects/:projectId/plan-documents returned (or send document instead)',
  })
  @ValidateBy({
    name: 'documentOrDocumentId',
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) =>
        (args?.object as SubmitPlanVersionDto).document === undefined,
      defaultMessage: () => 'send either documentId or document, not both',
    },
  })
  documentId?: string;

  @ValidateNested()
  @Type(() => PlanSummariesDto)
  summaries!: PlanSummariesDto;
}
